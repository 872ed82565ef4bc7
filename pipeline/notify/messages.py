"""The mails the program sends, in Chinese: a receipt for a mail taken in, a 补正通知."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from email.message import EmailMessage
from email.utils import formatdate, make_msgid
from pathlib import Path

from pipeline.outputs.safe_text import clean_text

SUBJECT_LIMIT = 200
DOCX_TYPE = ("application", "vnd.openxmlformats-officedocument.wordprocessingml.document")


@dataclass(frozen=True)
class ReceivedFile:
    filename: str
    what: str  # 申报表, 无法读取：…


def _message(sender: str, recipient: str, subject: str, body: str, at: datetime) -> EmailMessage:
    """Subject and body pass the outputs' sanitiser: a sender's file name cannot inject headers."""
    message = EmailMessage()
    message["From"] = sender
    message["To"] = recipient
    message["Subject"] = " ".join(clean_text(subject, SUBJECT_LIMIT).split())
    message["Date"] = formatdate(at.timestamp(), localtime=True)
    message["Message-ID"] = make_msgid(domain=sender.rpartition("@")[2] or None)
    message.set_content(clean_text(body))
    return message


def receipt(sender: str, bureau: str, recipient: str, subject: str, received_at: str, files: list[ReceivedFile],
            at: datetime) -> EmailMessage:
    lines = [f"{i}. {f.filename}（{f.what}）" for i, f in enumerate(files, start=1)]
    body = "\n".join([
        "您好！",
        f"您于 {received_at} 发送的邮件「{subject or '（无主题）'}」已收到，共收取 {len(files)} 个文件：",
        *lines,
        "",
        "材料是否齐全以审核结果为准；如需补正，我们将另行通知。本邮件由系统自动发送，请勿直接回复。",
        bureau,
    ])
    return _message(sender, recipient, f"回执：已收到您的申报材料（{subject or '无主题'}）", body, at)


def notice_mail(sender: str, bureau: str, recipient: str, unit: str, notice: Path, at: datetime) -> EmailMessage:
    body = "\n".join([
        f"{unit}：",
        "你单位报送的技能大师工作室申报材料需要补正，详见附件《补正通知》。请按通知要求在期限内补正。",
        "",
        bureau,
    ])
    message = _message(sender, recipient, f"{unit}技能大师工作室申报材料补正通知", body, at)
    message.add_attachment(notice.read_bytes(), maintype=DOCX_TYPE[0], subtype=DOCX_TYPE[1], filename=notice.name)
    return message

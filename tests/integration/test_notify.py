"""Mail sent by the program ([notify], opt-in), against a real SMTP server on loopback
(aiosmtpd): a receipt for a mail taken in, a 补正通知 once staff choose 发送 in the workbook;
each sent once, whatever the refreshes."""

from __future__ import annotations

import io
import socket
import time
from email import message_from_bytes, policy
from email.message import EmailMessage
from email.utils import formatdate

import openpyxl
import pytest
from docx import Document

from tests.integration.conftest import write_config

aiosmtpd = pytest.importorskip("aiosmtpd.controller")

UNIT = "重庆市梁平区恒达机械有限公司"
APPLICANT = "shenbao@example.com"
DEEDS = "拟命名专家事迹材料\n张建国同志先进事迹\n" + "张建国同志扎根一线，带徒传技，攻克技术难题。" * 60


class _Inbox:
    def __init__(self) -> None:
        self.mails: list[EmailMessage] = []

    async def handle_DATA(self, server, session, envelope):
        mail = message_from_bytes(envelope.content, policy=policy.default)
        mail["X-Rcpt"] = ",".join(envelope.rcpt_tos)
        self.mails.append(mail)
        return "250 OK"


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture
def smtp_server():
    inbox = _Inbox()
    controller = aiosmtpd.Controller(inbox, hostname="127.0.0.1", port=_free_port())
    controller.start()
    try:
        yield inbox, controller.port
    finally:
        controller.stop()


def _eml(path) -> None:
    mail = EmailMessage()
    mail["From"] = f"申报人 <{APPLICANT}>"
    mail["To"] = "intake@example.com"
    mail["Subject"] = UNIT
    mail["Date"] = formatdate(time.time(), localtime=True)
    mail.set_content("您好，附件是申报材料。")
    mail.add_attachment(DEEDS.encode("utf-8"), maintype="text", subtype="plain", filename="事迹材料.txt")
    path.write_bytes(bytes(mail))


def test_receipt_once_and_notice_on_request(tmp_path, smtp_server):
    inbox, port = smtp_server
    site = write_config(tmp_path / "site", f"""
[call]
deadline = "2099-12-31T18:00:00+08:00"

[notify]
enabled = true
host = "127.0.0.1"
port = {port}
security = "none"
sender = "intake@example.com"
password_env = ""
""")
    site.intake("report")  # sending enabled before the mail comes in
    time.sleep(1.1)
    _eml(tmp_path / "mail.eml")
    site.intake("ingest", str(tmp_path / "mail.eml"))
    site.intake("report")

    receipts = [m for m in inbox.mails if m["Subject"].startswith("回执")]
    assert len(receipts) == 1
    assert receipts[0]["X-Rcpt"] == APPLICANT
    assert "事迹材料.txt" in receipts[0].get_body(("plain",)).get_content()

    (applicant,) = site.status()["applicants"]
    assert applicant["unit"] == UNIT and applicant["state"] == "needs_correction"
    assert not [m for m in inbox.mails if "补正通知" in m["Subject"]]  # not before staff ask

    path = site.output / "summary.xlsx"
    book = openpyxl.load_workbook(path)
    sheet = book["汇总表"]
    headers = [cell.value for cell in sheet[3]]
    sheet.cell(row=4, column=headers.index("发送补正通知") + 1, value="发送")
    book.save(path)
    site.intake("report")
    site.intake("report")

    notices = [m for m in inbox.mails if "补正通知" in m["Subject"]]
    assert len(notices) == 1
    assert notices[0]["X-Rcpt"] == APPLICANT
    (attachment,) = list(notices[0].iter_attachments())
    assert attachment.get_filename().endswith("补正通知.docx")
    text = "\n".join(p.text for p in Document(io.BytesIO(attachment.get_content())).paragraphs)
    assert UNIT in text
    sheet = openpyxl.load_workbook(path)["汇总表"]
    assert str(sheet.cell(row=4, column=headers.index("发送补正通知") + 1).value).startswith("已发送")
    assert len([m for m in inbox.mails if m["Subject"].startswith("回执")]) == 1

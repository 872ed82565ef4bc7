"""A parsed mail's files into the intake service, and what staff must see about it.

Idempotent, so that a mail taken in again after a crash doubles nothing: files are keyed by
(source, sha256) in the store, source errors and notices by (source, filename, text).
"""

from __future__ import annotations

import html
import logging
import re
from dataclasses import replace
from datetime import datetime

from pipeline.errors import FileFailure
from pipeline.intake.service import IntakeService
from pipeline.mail.bigattach import find_big_attachments
from pipeline.mail.message import MailFile, ParsedMail
from pipeline.mail.notices import NO_MATERIALS, OVERSIZED_LINK
from pipeline.models import Notice, Origin, nested_group

log = logging.getLogger("pipeline.mail")

_TAGS = re.compile(r"<(script|style)\b.*?</\1>|<[^>]+>", re.IGNORECASE | re.DOTALL)


def excerpt(mail: ParsedMail, limit: int = 120) -> str:
    text = mail.text.strip() or html.unescape(_TAGS.sub(" ", mail.html))
    text = " ".join(text.split())
    return text if len(text) <= limit else text[:limit] + "…"


def _no_materials_detail(mail: ParsedMail) -> str:
    who = f"{mail.sender_name} <{mail.sender}>" if mail.sender_name else (mail.sender or "未知发件人")
    body = excerpt(mail)
    return f"来自 {who} 的邮件「{mail.subject or '（无主题）'}」没有可收取的材料，可能是咨询或漏发附件，请人工查看并回复" + (
        f"。正文：{body}" if body else ""
    )


def mail_origin(source: str, received_at: datetime) -> Origin:
    """Where a mail came from (mail:<mailbox>/<uidvalidity>/<uid>, or ingest:<path> for a saved
    one): its own group, timed by the mail's clock."""
    return Origin(source=source, received_at=received_at, group=source, clock="mail")


def _origin(mail: ParsedMail, item: MailFile, envelope: Origin) -> Origin:
    """Where a file of the mail came from; a file inside a forwarded mail has that mail for its
    closest context: its subject for the unit hint, its sender, a group of its own in the mail's."""
    inner = item.forwarded
    return replace(
        envelope,
        source=f"{envelope.source}!{item.filename}",
        group=nested_group(envelope.group, f"fwd{inner.index}") if inner else envelope.group,
        # "XX公司技能大师工作室申报材料" names the unit
        unit_hint=(inner.subject if inner and inner.subject else mail.subject) or None,
        sender=(inner.sender if inner and inner.sender else mail.sender),
    )


def take_in(mail: ParsedMail, envelope: Origin, service: IntakeService) -> int:
    """Takes in the files of a mail that came from `envelope` (`mail_origin`); returns how many
    new files (archive members included) it brought."""
    new = 0
    for item in mail.files:
        new += service.receive_bytes(item.data, item.filename, _origin(mail, item, envelope))
    for problem in mail.problems:
        service.record_failure(f"{envelope.source}!{problem.filename}", problem.filename, FileFailure(problem.code, problem.error))
    notices = [(OVERSIZED_LINK, big.name, big.describe()) for big in find_big_attachments(mail.html, mail.text)]
    if not mail.files and not mail.problems and not notices:
        notices.append((NO_MATERIALS, mail.subject or "（无主题）", _no_materials_detail(mail)))
    for code, filename, detail in notices:
        service.store.record_notice(envelope.source, filename, Notice(code, detail, envelope.group, mail.sender))
        log.info("%s: %s", envelope.source, code)
    return new

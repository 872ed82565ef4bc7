"""Which mails are due after a refresh, and sending them: each once, each recorded.

A receipt goes to the sender of every mail taken in since sending was enabled, once all its
files are read. A 补正通知 goes to the address the application's materials came from, when
staff chose 发送 in the 汇总表's 发送补正通知 column, once per version of the notice.
A mail that cannot be sent is logged and tried again at the next refresh.
"""

from __future__ import annotations

import logging
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from email.message import EmailMessage
from pathlib import Path

from pipeline.models import Applicant, IntakeState, Sighting
from pipeline.notify.messages import ReceivedFile, notice_mail, receipt
from pipeline.notify.outbox import Outbox
from pipeline.rules import Rules
from pipeline.wording import local_time

log = logging.getLogger("pipeline.notify")

MAIL_SOURCES = ("mail:", "ingest:")  # a mail fetched, or an .eml file taken in as if it had arrived


@dataclass(frozen=True)
class Outgoing:
    key: str
    recipient: str
    message: EmailMessage


def notice_key(applicant_key: str, digest: str) -> str:
    return f"notice:{applicant_key}:{digest}"


def _recognised(state: IntakeState, rules: Rules) -> dict[str, list[str]]:
    """sha256 -> what the file was recognised as (a bundle: each of its materials)."""
    found: dict[str, list[str]] = defaultdict(list)
    for doc in [d for a in state.applicants for d in a.documents] + state.unassigned:
        title = rules.title(doc.result.classification.type, doc.result.classification.subtype)
        if title not in found[doc.result.sha256]:
            found[doc.result.sha256].append(title)
    return found


def receipts_due(state: IntakeState, sightings: list[Sighting], rules: Rules, outbox: Outbox, since: datetime,
                 pending: set[str], sender: str, bureau: str, now: datetime) -> list[Outgoing]:
    mails: dict[str, list[Sighting]] = defaultdict(list)
    for sighting in sightings:
        if sighting.origin.clock == "mail" and sighting.origin.sender and sighting.origin.group.startswith(MAIL_SOURCES):
            mails[sighting.origin.group].append(sighting)
    recognised = _recognised(state, rules)
    failed = {e.source: e.error for e in state.errors}
    due = []
    for group, seen in mails.items():
        key = f"receipt:{group}"
        first = min(s.origin.received_at for s in seen)
        if first < since or outbox.sent_at(key) or any(s.sha256 in pending for s in seen):
            continue
        files = []
        for s in seen:
            if s.origin.source in failed:
                files.append(ReceivedFile(s.filename, f"无法读取：{failed[s.origin.source]}"))
            elif s.sha256 in recognised:
                files.append(ReceivedFile(s.filename, "、".join(recognised[s.sha256])))
        files += [ReceivedFile(e.filename, f"无法读取：{e.error}") for e in state.errors
                  if e.source.startswith(group + "!") and e.source not in {s.origin.source for s in seen}]
        if not files:
            continue
        tz = state.deadline.tzinfo
        message = receipt(sender, bureau, seen[0].origin.sender, seen[0].origin.unit_hint or "", local_time(first, tz), files, now)
        due.append(Outgoing(key, seen[0].origin.sender, message))
    return due


def applicant_address(applicant: Applicant) -> str | None:
    """The address the application's materials came from by mail (the latest)."""
    mailed = [s for d in applicant.documents for s in d.sightings if s.origin.clock == "mail" and s.origin.sender]
    return max(mailed, key=lambda s: s.origin.received_at).origin.sender if mailed else None


def notices_due(state: IntakeState, requested: set[str], notices: dict[str, tuple[Path, str]], outbox: Outbox,
                sender: str, bureau: str, now: datetime) -> list[Outgoing]:
    """`requested`: application keys staff marked 发送; `notices`: key -> (notice file, digest)."""
    due = []
    for applicant in state.applicants:
        if applicant.unit_key not in requested or applicant.unit_key not in notices:
            continue
        path, digest = notices[applicant.unit_key]
        key = notice_key(applicant.unit_key, digest)
        address = applicant_address(applicant)
        if outbox.sent_at(key):
            continue
        if address is None:
            log.warning("补正通知 for %s not sent: its materials did not come by mail", applicant.unit)
            continue
        due.append(Outgoing(key, address, notice_mail(sender, bureau, address, applicant.unit, path, now)))
    return due


def send_all(outgoing: list[Outgoing], send: Callable[[EmailMessage], None], outbox: Outbox, now: datetime) -> int:
    sent = 0
    for mail in outgoing:
        try:
            send(mail.message)
        except Exception as error:  # the mail server down must not stop the refresh: tried again next time
            log.warning("mail to %s (%s) not sent: %s", mail.recipient, mail.key, error)
            continue
        outbox.record(mail.key, mail.recipient, str(mail.message["Subject"]), now)
        log.info("sent %s to %s", mail.key, mail.recipient)
        sent += 1
    return sent

"""Things about a mail that staff must act on, kept for the applicant it belongs to.

A mail without materials (a question) and a QQ 超大附件 link are shown to staff in any case
as `errors` entries (Store.record_source_error). They are also kept here with the mail's
group and sender, so that the assembly can put them on the applicant as flags: the group
and sender are the keys its linking already uses for the mail's files (Sighting.group,
Sighting.sender).
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass
from datetime import datetime

NO_MATERIALS = "mail_without_materials"
OVERSIZED_LINK = "oversized_attachment_link"

_SCHEMA = """
CREATE TABLE IF NOT EXISTS mail_notices (
    id INTEGER PRIMARY KEY,
    source TEXT NOT NULL,
    code TEXT NOT NULL,
    group_id TEXT NOT NULL,
    sender TEXT,
    subject TEXT NOT NULL,
    received_at TEXT NOT NULL,
    detail TEXT NOT NULL,
    UNIQUE (source, code, detail)
);
"""


@dataclass(frozen=True)
class MailNotice:
    source: str  # the mail's source, e.g. mail:INBOX/1700000000/42
    code: str  # a flag code: mail_without_materials | oversized_attachment_link
    group: str  # Sighting.group of the mail's files
    sender: str | None  # Sighting.sender of the mail's files
    subject: str
    received_at: datetime
    detail: str  # Chinese, for staff


def _table(db: sqlite3.Connection) -> sqlite3.Connection:
    db.executescript(_SCHEMA)
    return db


def add_notice(db: sqlite3.Connection, notice: MailNotice) -> None:
    """Idempotent: the same notice for the same mail is kept once (a retried mail adds nothing)."""
    _table(db).execute(
        "INSERT OR IGNORE INTO mail_notices(source, code, group_id, sender, subject, received_at, detail)"
        " VALUES (?, ?, ?, ?, ?, ?, ?)",
        (notice.source, notice.code, notice.group, notice.sender, notice.subject, notice.received_at.isoformat(), notice.detail),
    )


def mail_notices(db: sqlite3.Connection) -> list[MailNotice]:
    """Every notice, oldest mail first; for the assembly to attach as applicant flags."""
    rows = _table(db).execute(
        "SELECT source, code, group_id, sender, subject, received_at, detail FROM mail_notices ORDER BY received_at, id"
    )
    return [
        MailNotice(
            source=row[0],
            code=row[1],
            group=row[2],
            sender=row[3],
            subject=row[4],
            received_at=datetime.fromisoformat(row[5]),
            detail=row[6],
        )
        for row in rows
    ]

"""The record of every mail sent, in the state store: a mail's key is sent at most once."""

from __future__ import annotations

import sqlite3
from datetime import datetime

_SCHEMA = """
CREATE TABLE IF NOT EXISTS sent_mail (
    key TEXT PRIMARY KEY,           -- receipt:<mail group> | notice:<application>:<notice digest>
    recipient TEXT NOT NULL,
    subject TEXT NOT NULL,
    sent_at TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS notify_meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
"""


class Outbox:
    def __init__(self, db: sqlite3.Connection) -> None:
        self._db = db
        self._db.executescript(_SCHEMA)

    def since(self, now: datetime) -> datetime:
        """When sending was first enabled: mails received before it get no receipt."""
        self._db.execute("INSERT OR IGNORE INTO notify_meta(key, value) VALUES ('since', ?)", (now.isoformat(),))
        row = self._db.execute("SELECT value FROM notify_meta WHERE key = 'since'").fetchone()
        return datetime.fromisoformat(row[0])

    def sent_at(self, key: str) -> datetime | None:
        row = self._db.execute("SELECT sent_at FROM sent_mail WHERE key = ?", (key,)).fetchone()
        return datetime.fromisoformat(row[0]) if row else None

    def sent_with_prefix(self, prefix: str) -> datetime | None:
        row = self._db.execute(
            "SELECT max(sent_at) FROM sent_mail WHERE substr(key, 1, ?) = ?", (len(prefix), prefix)
        ).fetchone()
        return datetime.fromisoformat(row[0]) if row and row[0] else None

    def record(self, key: str, recipient: str, subject: str, at: datetime) -> None:
        self._db.execute(
            "INSERT OR IGNORE INTO sent_mail(key, recipient, subject, sent_at) VALUES (?, ?, ?, ?)",
            (key, recipient, subject, at.isoformat()),
        )

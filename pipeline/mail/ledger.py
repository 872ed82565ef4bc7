"""The mail ledger: every message ever seen, by (folder, UIDVALIDITY, UID), and how far it got.

Tables live in the state store's SQLite database (created here if missing), so a message's
files and its ledger state are committed to the same file. States:

    pending ──take in──> stored ──post-action──> done
       │ (N tries)          └─(N post-action failures: files are in)──> done, last_error kept
       └──> failed (reported, left in the mailbox)

A try is counted when it starts (begin_attempt), so a message that breaks the connection
or the process every time is given up on as well; a try that failed for local reasons
(disk full) is refunded.
    pending ──(vanished from the server)──> gone
    pending/stored ──(folder's UIDVALIDITY changed)──> superseded

A message's second key is its Message-ID and the sha256 of its raw bytes: a copy already
taken in (a second delivery, or the same mail under a new UIDVALIDITY) is not taken in again.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from pipeline.mail.backoff import retry_delay
from pipeline.store import Store

_SCHEMA = """
CREATE TABLE IF NOT EXISTS mail_folders (
    folder TEXT PRIMARY KEY,
    uidvalidity INTEGER NOT NULL,
    highest_uid INTEGER NOT NULL DEFAULT 0,
    updated_at TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS mail_messages (
    folder TEXT NOT NULL,
    uidvalidity INTEGER NOT NULL,
    uid INTEGER NOT NULL,
    state TEXT NOT NULL DEFAULT 'pending',   -- pending | stored | done | failed | gone | superseded
    taken_in INTEGER NOT NULL DEFAULT 0,     -- 1 once its files are in the store (or an earlier copy's are)
    attempts INTEGER NOT NULL DEFAULT 0,
    next_try_at TEXT,
    message_id TEXT,
    raw_sha256 TEXT,
    internaldate TEXT,
    date_header TEXT,
    duplicate_of TEXT,                       -- the source of the copy taken in before this one
    last_error TEXT,
    updated_at TEXT NOT NULL,
    PRIMARY KEY (folder, uidvalidity, uid)
);
CREATE INDEX IF NOT EXISTS mail_messages_message_id ON mail_messages(message_id);
CREATE INDEX IF NOT EXISTS mail_messages_raw ON mail_messages(raw_sha256);
"""


@dataclass(frozen=True, order=True)
class MessageKey:
    folder: str
    uidvalidity: int
    uid: int

    @property
    def source(self) -> str:
        return f"mail:{self.folder}/{self.uidvalidity}/{self.uid}"


@dataclass(frozen=True)
class LedgerEntry:
    key: MessageKey
    state: str
    attempts: int


@dataclass(frozen=True)
class StoredFacts:
    """What is known of a message once its files are in."""

    message_id: str | None
    raw_sha256: str
    internaldate: datetime
    date_header: datetime | None
    duplicate_of: str | None = None


class Ledger:
    def __init__(self, store: Store) -> None:
        self._store = store
        self._db = store.connection
        self._db.executescript(_SCHEMA)

    def open_folder(self, folder: str, uidvalidity: int, now: datetime) -> int | None:
        """Notes the folder's UIDVALIDITY; returns the previous one when it changed.

        On a change the open messages of the old UIDVALIDITY are superseded: their UIDs mean
        nothing any more. The same mails come back under new UIDs and are recognised by
        Message-ID or raw sha256, so nothing is taken in twice and nothing is lost."""
        with self._store.transaction() as db:
            row = db.execute("SELECT uidvalidity FROM mail_folders WHERE folder = ?", (folder,)).fetchone()
            if row is None:
                db.execute(
                    "INSERT INTO mail_folders(folder, uidvalidity, updated_at) VALUES (?, ?, ?)",
                    (folder, uidvalidity, now.isoformat()),
                )
                return None
            if row[0] == uidvalidity:
                return None
            db.execute(
                "UPDATE mail_messages SET state = 'superseded', updated_at = ? WHERE folder = ? AND uidvalidity = ?"
                " AND state IN ('pending', 'stored')",
                (now.isoformat(), folder, row[0]),
            )
            db.execute(
                "UPDATE mail_folders SET uidvalidity = ?, highest_uid = 0, updated_at = ? WHERE folder = ?",
                (uidvalidity, now.isoformat(), folder),
            )
            return row[0]

    def highest_uid(self, folder: str) -> int:
        row = self._db.execute("SELECT highest_uid FROM mail_folders WHERE folder = ?", (folder,)).fetchone()
        return row[0] if row else 0

    def add_new(self, folder: str, uidvalidity: int, uids: list[int], now: datetime) -> int:
        """Records newly seen UIDs as pending; returns how many were new to the ledger."""
        if not uids:
            return 0
        with self._store.transaction() as db:
            added = sum(
                db.execute(
                    "INSERT OR IGNORE INTO mail_messages(folder, uidvalidity, uid, updated_at) VALUES (?, ?, ?, ?)",
                    (folder, uidvalidity, uid, now.isoformat()),
                ).rowcount
                for uid in uids
            )
            db.execute(
                "UPDATE mail_folders SET highest_uid = MAX(highest_uid, ?), updated_at = ? WHERE folder = ?",
                (max(uids), now.isoformat(), folder),
            )
        return added

    def due(self, folder: str, uidvalidity: int, now: datetime, limit: int) -> list[LedgerEntry]:
        """Open messages whose turn it is, oldest UID first, at most `limit`."""
        rows = self._db.execute(
            "SELECT uid, state, attempts FROM mail_messages WHERE folder = ? AND uidvalidity = ?"
            " AND state IN ('pending', 'stored') AND (next_try_at IS NULL OR next_try_at <= ?) ORDER BY uid LIMIT ?",
            (folder, uidvalidity, now.isoformat(), limit),
        ).fetchall()
        return [LedgerEntry(MessageKey(folder, uidvalidity, row[0]), row[1], row[2]) for row in rows]

    def earlier_copy(self, key: MessageKey, message_id: str | None, raw_sha256: str | None) -> str | None:
        """The source of another message with this Message-ID or these raw bytes already taken in."""
        row = self._db.execute(
            "SELECT folder, uidvalidity, uid FROM mail_messages WHERE taken_in = 1"
            " AND ((? IS NOT NULL AND message_id = ?) OR (? IS NOT NULL AND raw_sha256 = ?))"
            " AND NOT (folder = ? AND uidvalidity = ? AND uid = ?) ORDER BY updated_at LIMIT 1",
            (message_id, message_id, raw_sha256, raw_sha256, key.folder, key.uidvalidity, key.uid),
        ).fetchone()
        return MessageKey(row[0], row[1], row[2]).source if row else None

    def mark_stored(self, key: MessageKey, facts: StoredFacts, now: datetime) -> None:
        self._set(
            key,
            "state = 'stored', taken_in = 1, attempts = 0, next_try_at = NULL, last_error = NULL, message_id = ?,"
            " raw_sha256 = ?,"
            " internaldate = ?, date_header = ?, duplicate_of = ?",
            (
                facts.message_id,
                facts.raw_sha256,
                facts.internaldate.isoformat(),
                facts.date_header.isoformat() if facts.date_header else None,
                facts.duplicate_of,
            ),
            now,
        )

    def mark_known_duplicate(self, key: MessageKey, message_id: str, duplicate_of: str, now: datetime) -> None:
        """A message recognised by its Message-ID alone, before downloading it."""
        self._set(
            key,
            "state = 'stored', taken_in = 1, attempts = 0, next_try_at = NULL, message_id = ?, duplicate_of = ?",
            (message_id, duplicate_of),
            now,
        )

    def mark_done(self, key: MessageKey, now: datetime) -> None:
        self._set(key, "state = 'done', next_try_at = NULL", (), now)

    def mark_gone(self, key: MessageKey, now: datetime) -> None:
        self._set(key, "state = 'gone', next_try_at = NULL", (), now)

    def begin_attempt(self, key: MessageKey, max_attempts: int, now: datetime) -> bool:
        """Counts a try before it starts, so that a mail that kills the connection or the
        process every time (a poison message) is given up on too. False when the message has
        had its `max_attempts` already: it is then `failed`."""
        with self._store.transaction() as db:
            attempts = db.execute(
                "SELECT attempts FROM mail_messages WHERE folder = ? AND uidvalidity = ? AND uid = ?",
                (key.folder, key.uidvalidity, key.uid),
            ).fetchone()[0]
            given_up = attempts >= max_attempts
            db.execute(
                "UPDATE mail_messages SET attempts = ?, state = ?, next_try_at = NULL, updated_at = ?"
                " WHERE folder = ? AND uidvalidity = ? AND uid = ?",
                (
                    attempts if given_up else attempts + 1,
                    "failed" if given_up else "pending",
                    now.isoformat(),
                    key.folder, key.uidvalidity, key.uid,
                ),
            )
        return not given_up

    def refund_attempt(self, key: MessageKey, now: datetime) -> None:
        """The try failed for a reason that is not the message's (disk full): it does not count."""
        self._set(key, "attempts = MAX(attempts - 1, 0)", (), now)

    def note_error(self, key: MessageKey, error: str, max_attempts: int, now: datetime, *, retry_later: bool) -> str:
        """Why the current (counted) try failed; returns the state, `failed` once the tries are
        used up. `retry_later`: wait retry_delay before the next try (else: on the next pass)."""
        with self._store.transaction() as db:
            attempts = db.execute(
                "SELECT attempts FROM mail_messages WHERE folder = ? AND uidvalidity = ? AND uid = ?",
                (key.folder, key.uidvalidity, key.uid),
            ).fetchone()[0]
            state = "failed" if attempts >= max_attempts else "pending"
            next_try = (now + timedelta(seconds=retry_delay(attempts))).isoformat() if state == "pending" and retry_later else None
            db.execute(
                "UPDATE mail_messages SET state = ?, last_error = ?, next_try_at = ?, updated_at = ?"
                " WHERE folder = ? AND uidvalidity = ? AND uid = ?",
                (state, error, next_try, now.isoformat(), key.folder, key.uidvalidity, key.uid),
            )
        return state

    def last_error(self, key: MessageKey) -> str | None:
        row = self._db.execute(
            "SELECT last_error FROM mail_messages WHERE folder = ? AND uidvalidity = ? AND uid = ?",
            (key.folder, key.uidvalidity, key.uid),
        ).fetchone()
        return row[0] if row else None

    def record_post_action_failure(self, key: MessageKey, error: str, max_attempts: int, now: datetime) -> str:
        """Counts a failed post-action of a stored message and schedules the next; after
        `max_attempts` the message is `done` anyway: its files are safe, only the mark is missing."""
        with self._store.transaction() as db:
            attempts = db.execute(
                "SELECT attempts FROM mail_messages WHERE folder = ? AND uidvalidity = ? AND uid = ?",
                (key.folder, key.uidvalidity, key.uid),
            ).fetchone()[0] + 1
            given_up = attempts >= max_attempts
            next_try = None if given_up else (now + timedelta(seconds=retry_delay(attempts))).isoformat()
            db.execute(
                "UPDATE mail_messages SET state = ?, attempts = ?, next_try_at = ?, last_error = ?, updated_at = ?"
                " WHERE folder = ? AND uidvalidity = ? AND uid = ?",
                ("done" if given_up else "stored", attempts, next_try, error, now.isoformat(),
                 key.folder, key.uidvalidity, key.uid),
            )
        return "done" if given_up else "stored"

    def _set(self, key: MessageKey, assignments: str, values: tuple, now: datetime) -> None:
        with self._store.transaction() as db:
            db.execute(
                f"UPDATE mail_messages SET {assignments}, updated_at = ? WHERE folder = ? AND uidvalidity = ? AND uid = ?",
                (*values, now.isoformat(), key.folder, key.uidvalidity, key.uid),
            )

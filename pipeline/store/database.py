"""The SQLite state store: what was received, when and from where, and what it yielded.

One file (var/intake.sqlite3), WAL mode, every write in a transaction. Files are keyed by
the sha256 of their bytes, so the same bytes arriving by mail and by scan are one document
seen twice. Outputs are rebuilt from this store alone.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import datetime, timezone
from pathlib import Path

from pipeline.models import DocumentResult, IntakeErrorEntry, Notice, Origin, Sighting
from pipeline.store.blobs import BlobStore

SCHEMA_VERSION = 1

_SCHEMA = """
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS files (
    sha256 TEXT PRIMARY KEY,
    filename TEXT NOT NULL,
    role TEXT NOT NULL DEFAULT 'document',      -- document | container (an archive)
    state TEXT NOT NULL DEFAULT 'pending',      -- pending | done | failed
    attempts INTEGER NOT NULL DEFAULT 0,
    fingerprint TEXT,
    results TEXT,
    error TEXT,
    error_code TEXT,
    updated_at TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS sightings (
    id INTEGER PRIMARY KEY,
    sha256 TEXT NOT NULL REFERENCES files(sha256),
    source TEXT NOT NULL,
    filename TEXT NOT NULL,
    received_at TEXT NOT NULL,
    group_id TEXT NOT NULL,
    unit_hint TEXT,
    sender TEXT,
    clock TEXT NOT NULL DEFAULT 'file',           -- mail | file: what received_at measures
    UNIQUE (source, sha256)
);
CREATE INDEX IF NOT EXISTS sightings_sha ON sightings(sha256);
CREATE TABLE IF NOT EXISTS source_errors (
    id INTEGER PRIMARY KEY,
    source TEXT NOT NULL,
    filename TEXT NOT NULL,
    error TEXT NOT NULL,
    code TEXT NOT NULL,
    at TEXT NOT NULL,
    group_id TEXT,                                -- a notice about a mail (record_notice): the group
    sender TEXT,                                  -- and sender of its files, to find its applicant
    UNIQUE (source, filename, error)
);
"""


def _now() -> str:
    return datetime.now(timezone.utc).isoformat()


class Store:
    def __init__(self, folder: Path) -> None:
        folder.mkdir(parents=True, exist_ok=True)
        self.folder = folder
        self.blobs = BlobStore(folder / "blobs")
        self.pages_folder = folder / "pages"
        self._db = sqlite3.connect(folder / "intake.sqlite3", isolation_level=None, timeout=30)
        self._db.row_factory = sqlite3.Row
        self._db.execute("PRAGMA journal_mode=WAL")
        self._db.execute("PRAGMA synchronous=FULL")
        self._db.execute("PRAGMA foreign_keys=ON")
        self._db.executescript(_SCHEMA)
        self._db.execute(
            "INSERT OR IGNORE INTO meta(key, value) VALUES ('schema', ?)", (str(SCHEMA_VERSION),)
        )
        self._add_missing_columns()

    def _add_missing_columns(self) -> None:
        """Columns added since the first release, added to a store made before them."""
        columns = {row["name"] for row in self._db.execute("PRAGMA table_info(files)")}
        if "retry_at" not in columns:  # a transient failure: pending again from this time on
            self._db.execute("ALTER TABLE files ADD COLUMN retry_at TEXT")
            # Before retries existed, a full disk or missing memory failed files for good: try them again.
            self._db.execute(
                "UPDATE files SET state = 'pending' WHERE state = 'failed' AND role = 'document' AND"
                " (error LIKE '%Errno 28]%' OR error LIKE '%No space left%' OR error LIKE '%MemoryError%')"
            )
        columns = {row["name"] for row in self._db.execute("PRAGMA table_info(source_errors)")}
        if "group_id" not in columns:  # notices kept once, here
            self._db.execute("ALTER TABLE source_errors ADD COLUMN group_id TEXT")
            self._db.execute("ALTER TABLE source_errors ADD COLUMN sender TEXT")
        self._fold_in_mail_notices()

    def _fold_in_mail_notices(self) -> None:
        """A store from before notices were kept once holds each twice: as a source error and in
        mail_notices. The group and sender move to the source error; mail_notices goes."""
        if not self._db.execute("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'mail_notices'").fetchone():
            return
        same = "FROM mail_notices m WHERE m.source = e.source AND m.code = e.code AND m.detail = e.error"
        with self.transaction() as db:
            db.execute(
                f"UPDATE source_errors AS e SET group_id = (SELECT m.group_id {same}), sender = (SELECT m.sender {same})"
                f" WHERE e.group_id IS NULL AND EXISTS (SELECT 1 {same})"
            )
            db.execute("DROP TABLE mail_notices")

    @property
    def connection(self) -> sqlite3.Connection:
        """For sources that keep their own ledger tables in the same database (mail)."""
        return self._db

    @contextmanager
    def transaction(self) -> Iterator[sqlite3.Connection]:
        self._db.execute("BEGIN IMMEDIATE")
        try:
            yield self._db
        except BaseException:
            self._db.execute("ROLLBACK")
            raise
        self._db.execute("COMMIT")

    def close(self) -> None:
        self._db.close()

    # --- receiving -------------------------------------------------------------------

    def record_sighting(self, sighting: Sighting, *, role: str = "document") -> bool:
        """Records one sighting; returns True when these bytes are new to the store.

        The blob must already be stored (BlobStore.put_*), so a recorded file is never lost.
        """
        if not self.blobs.has(sighting.sha256):
            raise RuntimeError(f"blob {sighting.sha256} not stored before recording it")
        origin = sighting.origin
        with self.transaction() as db:
            new = db.execute(
                "INSERT OR IGNORE INTO files(sha256, filename, role, updated_at) VALUES (?, ?, ?, ?)",
                (sighting.sha256, sighting.filename, role, _now()),
            ).rowcount == 1
            db.execute(
                "INSERT OR IGNORE INTO sightings(sha256, source, filename, received_at, group_id, unit_hint, sender, clock)"
                " VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                (
                    sighting.sha256,
                    origin.source,
                    sighting.filename,
                    origin.received_at.isoformat(),
                    origin.group,
                    origin.unit_hint,
                    origin.sender,
                    origin.clock,
                ),
            )
        return new

    def record_notice(self, source: str, filename: str, notice: Notice) -> None:
        """Something about a mail that staff must act on: kept once, listed under `errors`, and
        put on the applicant owning the mail's files (by its group and sender)."""
        with self.transaction() as db:
            db.execute(
                "INSERT OR IGNORE INTO source_errors(source, filename, error, code, at, group_id, sender)"
                " VALUES (?, ?, ?, ?, ?, ?, ?)",
                (source, filename, notice.detail, notice.code, _now(), notice.group, notice.sender),
            )

    def record_source_error(self, source: str, filename: str, error: str, code: str) -> None:
        with self.transaction() as db:
            db.execute(
                "INSERT OR IGNORE INTO source_errors(source, filename, error, code, at) VALUES (?, ?, ?, ?, ?)",
                (source, filename, error, code, _now()),
            )

    # --- processing ------------------------------------------------------------------

    def pending(self, fingerprint: str | None = None) -> list[tuple[str, str]]:
        """Files still to process: never processed, processed under other rules, or due for
        another try after a transient failure."""
        rows = self._db.execute(
            "SELECT sha256, filename FROM files WHERE role = 'document' AND"
            " ((state = 'pending' AND (retry_at IS NULL OR retry_at <= ?))"
            " OR (? IS NOT NULL AND state = 'done' AND fingerprint IS NOT ?))"
            " ORDER BY rowid",
            (_now(), fingerprint, fingerprint),
        ).fetchall()
        return [(row["sha256"], row["filename"]) for row in rows]

    def waiting(self) -> int:
        """Files waiting for another try after a transient failure."""
        return self._db.execute("SELECT count(*) FROM files WHERE state = 'pending' AND retry_at > ?",
                                (_now(),)).fetchone()[0]

    def retry_waiting_now(self) -> None:
        with self.transaction() as db:
            db.execute("UPDATE files SET retry_at = ? WHERE state = 'pending' AND retry_at > ?", (_now(), _now()))

    def attempts(self, sha256: str) -> int:
        row = self._db.execute("SELECT attempts FROM files WHERE sha256 = ?", (sha256,)).fetchone()
        return row["attempts"] if row else 0

    def defer(self, sha256: str, error: str, code: str, retry_at: datetime) -> None:
        """A transient failure: the file stays pending, listed with its error until it is tried again."""
        with self.transaction() as db:
            db.execute(
                "UPDATE files SET state='pending', attempts=attempts+1, error=?, error_code=?, retry_at=?,"
                " updated_at=? WHERE sha256=?",
                (error, code, retry_at.astimezone(timezone.utc).isoformat(), _now(), sha256),
            )

    def save_results(self, sha256: str, results: list[DocumentResult], fingerprint: str) -> None:
        payload = json.dumps([result.to_dict() for result in results], ensure_ascii=False)
        with self.transaction() as db:
            db.execute(
                "UPDATE files SET state='done', attempts=attempts+1, fingerprint=?, results=?, error=NULL,"
                " error_code=NULL, retry_at=NULL, updated_at=? WHERE sha256=?",
                (fingerprint, payload, _now(), sha256),
            )

    def save_failure(self, sha256: str, error: str, code: str, fingerprint: str) -> None:
        with self.transaction() as db:
            db.execute(
                "UPDATE files SET state='failed', attempts=attempts+1, fingerprint=?, results=NULL, error=?,"
                " error_code=?, retry_at=NULL, updated_at=? WHERE sha256=?",
                (fingerprint, error, code, _now(), sha256),
            )

    def mark_failed_container(self, sha256: str, error: str, code: str) -> None:
        with self.transaction() as db:
            db.execute(
                "UPDATE files SET role='container', state='failed', error=?, error_code=?, updated_at=? WHERE sha256=?",
                (error, code, _now(), sha256),
            )

    def mark_container(self, sha256: str) -> None:
        with self.transaction() as db:
            db.execute("UPDATE files SET role='container', state='done', updated_at=? WHERE sha256=?", (_now(), sha256))

    # --- reading back ----------------------------------------------------------------

    def documents(self) -> dict[str, list[DocumentResult]]:
        rows = self._db.execute("SELECT sha256, results FROM files WHERE state='done' AND role='document'")
        return {
            row["sha256"]: [DocumentResult.from_dict(item) for item in json.loads(row["results"])]
            for row in rows
        }

    def sightings(self) -> list[Sighting]:
        rows = self._db.execute("SELECT * FROM sightings ORDER BY received_at, id")
        return [
            Sighting(
                sha256=row["sha256"],
                filename=row["filename"],
                origin=Origin(
                    source=row["source"],
                    received_at=datetime.fromisoformat(row["received_at"]),
                    group=row["group_id"],
                    unit_hint=row["unit_hint"],
                    sender=row["sender"],
                    clock=row["clock"],
                ),
            )
            for row in rows
        ]

    def received_files(self, source_prefix: str) -> list[tuple[str, int, datetime]]:
        """(source, size, received_at) of each file recorded from a source under the prefix, so
        that a source can tell a file it took before without reading it again. Archives are left
        out: their members are recorded after them, and a run stopped in between must open the
        archive again. A file whose copy is gone is left out too: taking it again restores it."""
        rows = self._db.execute(
            "SELECT s.source, s.sha256, s.received_at FROM sightings s JOIN files f ON f.sha256 = s.sha256"
            " WHERE f.role = 'document' AND substr(s.source, 1, ?) = ?",
            (len(source_prefix), source_prefix),
        )
        received = []
        for row in rows:
            try:
                size = self.blobs.path(row["sha256"]).stat().st_size
            except OSError:
                continue
            received.append((row["source"], size, datetime.fromisoformat(row["received_at"])))
        return received

    def notices(self) -> list[Notice]:
        """Every notice about a mail (record_notice), in the order they were recorded."""
        rows = self._db.execute(
            "SELECT code, error, group_id, sender FROM source_errors WHERE group_id IS NOT NULL ORDER BY id"
        )
        return [Notice(code=row["code"], detail=row["error"], group=row["group_id"], sender=row["sender"]) for row in rows]

    def errors(self) -> list[IntakeErrorEntry]:
        entries = [
            IntakeErrorEntry(row["source"], row["filename"], row["error"], row["error_code"], row["sha256"])
            for row in self._db.execute(
                "SELECT s.source, s.filename, f.error, f.error_code, f.sha256 FROM files f"
                " JOIN sightings s ON s.sha256 = f.sha256"
                " WHERE f.state = 'failed' OR (f.state = 'pending' AND f.retry_at IS NOT NULL) ORDER BY s.id"
            )
        ]
        entries += [
            IntakeErrorEntry(row["source"], row["filename"], row["error"], row["code"])
            for row in self._db.execute("SELECT * FROM source_errors ORDER BY id")
        ]
        return entries

"""What staff wrote in the workbook, kept in the state store so that no refresh undoes it.

The workbook is read back at every refresh: a mark seen there is recorded with the time it
was first seen; a cell staff emptied removes it; a row no longer in the workbook (the file
deleted, a flag gone for now) leaves it as it is. The 补正通知 dates live here too: a notice
keeps its date until what it says changes.
"""

from __future__ import annotations

import json
import sqlite3
from dataclasses import dataclass
from datetime import date, datetime

from pipeline.models import Move, Review

_SCHEMA = """
CREATE TABLE IF NOT EXISTS flag_reviews (
    flag_key TEXT PRIMARY KEY,
    verdict TEXT NOT NULL,          -- confirmed | false_alarm
    note TEXT NOT NULL DEFAULT '',
    at TEXT NOT NULL                -- when the verdict was first seen in the workbook
);
CREATE TABLE IF NOT EXISTS document_moves (
    document TEXT PRIMARY KEY,
    material TEXT,                  -- JSON [type, subtype], or NULL
    unit TEXT,
    at TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS notice_dates (
    application TEXT PRIMARY KEY,
    digest TEXT NOT NULL,           -- of what the notice says
    dated TEXT NOT NULL             -- the date printed on it
);
"""


@dataclass(frozen=True)
class SeenReview:
    """A 问题清单 row as read: verdict None when 人工核对 is empty."""

    verdict: str | None
    note: str


class StaffMarks:
    def __init__(self, db: sqlite3.Connection) -> None:
        self._db = db
        self._db.executescript(_SCHEMA)

    def _write(self, sql: str, rows: list[tuple]) -> None:
        self._db.execute("BEGIN IMMEDIATE")
        try:
            self._db.executemany(sql, rows)
        except BaseException:
            self._db.execute("ROLLBACK")
            raise
        self._db.execute("COMMIT")

    def record_reviews(self, seen: dict[str, SeenReview], now: datetime) -> None:
        stored = self.reviews()
        upserts, deletions = [], []
        for key, mark in seen.items():
            old = stored.get(key)
            if mark.verdict is None:
                if old is not None:
                    deletions.append((key,))
            elif old is None or old.verdict != mark.verdict or old.note != mark.note:
                at = old.at if old is not None and old.verdict == mark.verdict else now
                upserts.append((key, mark.verdict, mark.note, at.isoformat()))
        self._write("DELETE FROM flag_reviews WHERE flag_key = ?", deletions)
        self._write("INSERT OR REPLACE INTO flag_reviews(flag_key, verdict, note, at) VALUES (?, ?, ?, ?)", upserts)

    def reviews(self) -> dict[str, Review]:
        rows = self._db.execute("SELECT flag_key, verdict, note, at FROM flag_reviews")
        return {key: Review(verdict, note, datetime.fromisoformat(at)) for key, verdict, note, at in rows}

    def record_moves(self, seen: dict[str, Move], now: datetime) -> None:
        stored = self.moves()
        upserts, deletions = [], []
        for document, move in seen.items():
            if move.material is None and move.unit is None:
                if document in stored:
                    deletions.append((document,))
            elif stored.get(document) != move:
                material = json.dumps(list(move.material), ensure_ascii=False) if move.material else None
                upserts.append((document, material, move.unit, now.isoformat()))
        self._write("DELETE FROM document_moves WHERE document = ?", deletions)
        self._write("INSERT OR REPLACE INTO document_moves(document, material, unit, at) VALUES (?, ?, ?, ?)", upserts)

    def moves(self) -> dict[str, Move]:
        rows = self._db.execute("SELECT document, material, unit FROM document_moves")
        return {
            document: Move(tuple(json.loads(material)) if material else None, unit)
            for document, material, unit in rows
        }

    def notice_date(self, application: str, digest: str, today: date) -> date:
        """The date on an application's notice: kept while its text stays the same."""
        row = self._db.execute("SELECT digest, dated FROM notice_dates WHERE application = ?", (application,)).fetchone()
        if row is not None and row[0] == digest:
            return date.fromisoformat(row[1])
        self._write(
            "INSERT OR REPLACE INTO notice_dates(application, digest, dated) VALUES (?, ?, ?)",
            [(application, digest, today.isoformat())],
        )
        return today

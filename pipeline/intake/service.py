"""Receiving a file from any source: store it durably, record the sighting, open archives.

This is the one place where a file's errors become report entries: whatever happens to
one file is recorded against it (`record_failure`, through `errors.failure_of`) and the
caller goes on with the next. Only the store itself failing (OSError, sqlite3.Error: a full
disk, a locked database) is raised, for the caller to retry; it is no fault of the file.
"""

from __future__ import annotations

import logging
import sqlite3
from dataclasses import replace
from pathlib import Path, PurePosixPath

from pipeline.config import ProcessingSettings
from pipeline.errors import FileFailure, FileReadError, failure_of
from pipeline.intake.archives import Member, libarchive_members, zip_members
from pipeline.intake.names import readable_name
from pipeline.models import Origin, Sighting
from pipeline.readers.sniff import ARCHIVES, Format, sniff
from pipeline.store import Store

log = logging.getLogger("pipeline.intake")

MAX_ARCHIVE_DEPTH = 3


class IntakeService:
    def __init__(self, store: Store, limits: ProcessingSettings) -> None:
        self.store = store
        self.limits = limits

    def receive_path(self, path: Path, filename: str, origin: Origin) -> int:
        """Stores a file from disk; returns how many new files (archive members included) it brought."""
        sha256 = self.store.blobs.put_file(path)
        return self._receive_one(sha256, filename, origin, depth=0)

    def receive_bytes(self, data: bytes, filename: str, origin: Origin) -> int:
        sha256 = self.store.blobs.put_bytes(data)
        return self._receive_one(sha256, filename, origin, depth=0)

    def record_failure(self, source: str, filename: str, error: FileFailure | BaseException | str) -> None:
        """Records one file that could not be taken in or read as its error entry."""
        failure = failure_of(error)
        self.store.record_source_error(readable_name(source), readable_name(filename), failure.reason, failure.code)

    def _receive_one(self, sha256: str, filename: str, origin: Origin, depth: int) -> int:
        """Receives one stored file; whatever goes wrong with it becomes its error, never raised."""
        filename = readable_name(filename)
        origin = replace(
            origin,
            source=readable_name(origin.source),
            group=readable_name(origin.group),
            unit_hint=readable_name(origin.unit_hint) if origin.unit_hint else origin.unit_hint,
        )
        try:
            return self._receive_stored(sha256, filename, origin, depth)
        except (OSError, sqlite3.Error):
            raise
        except Exception as error:  # this file's fault: recorded against it, the next file comes in
            log.exception("%s from %s could not be taken in", filename, origin.source)
            self.record_failure(origin.source, filename, error)
            return 0

    def _receive_stored(self, sha256: str, filename: str, origin: Origin, depth: int) -> int:
        blob = self.store.blobs.path(sha256)
        fmt = sniff(blob)
        if fmt not in ARCHIVES or depth >= MAX_ARCHIVE_DEPTH:
            new = self.store.record_sighting(Sighting(sha256, filename, origin))
            if new:
                log.info("received %s from %s (%s)", filename, origin.source, sha256[:12])
            return int(new)
        self.store.record_sighting(Sighting(sha256, filename, origin), role="container")
        members: list[Member] = []
        try:
            members.extend(self._members(blob, fmt, filename))
        except FileReadError as error:
            log.warning("archive %s from %s: %s", filename, origin.source, error)
            failure = failure_of(error)
            if not members:
                self.store.mark_failed_container(sha256, failure.reason, failure.code)
                return 0
            # broken part-way: the members read before the break still come in
            self.record_failure(origin.source, filename, FileFailure(failure.code, f"{failure.reason}（此前的 {len(members)} 个文件已取出）"))
        self.store.mark_container(sha256)
        count = 0
        for member in members:
            member_origin = replace(origin, source=f"{origin.source}!{member.name}", unit_hint=member.folder or origin.unit_hint)
            name = PurePosixPath(member.name).name
            if member.data is None:
                self.record_failure(member_origin.source, name, member.error or FileReadError("无法解开"))
                continue
            member_sha = self.store.blobs.put_bytes(member.data)
            count += self._receive_one(member_sha, name, member_origin, depth + 1)
        return count

    def _members(self, blob: Path, fmt: Format, filename: str):
        if fmt is Format.ZIP:
            return zip_members(blob, self.limits)
        return libarchive_members(blob, self.limits, fmt.value, filename)

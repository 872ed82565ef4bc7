"""Receiving a file from any source: store it durably, record the sighting, open archives.

This is the one place where a file's errors become report entries: whatever happens to
one file is recorded against it and the caller goes on with the next.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path, PurePosixPath

from pipeline.config import ProcessingSettings
from pipeline.errors import FileReadError
from pipeline.intake.archives import Member, libarchive_members, zip_members
from pipeline.models import Arrival
from pipeline.readers.sniff import Format, sniff
from pipeline.store import Store

log = logging.getLogger("pipeline.intake")

MAX_ARCHIVE_DEPTH = 3


@dataclass(frozen=True)
class Origin:
    """Where and when a file came in; shared by the members of an archive."""

    source: str
    received_at: datetime
    group: str
    unit_hint: str | None = None
    sender: str | None = None
    clock: str = "file"


class IntakeService:
    def __init__(self, store: Store, limits: ProcessingSettings) -> None:
        self.store = store
        self.limits = limits

    def receive_path(self, path: Path, filename: str, origin: Origin) -> int:
        """Stores a file from disk; returns how many new files (archive members included) it brought."""
        sha256 = self.store.blobs.put_file(path)
        return self._receive_stored(sha256, filename, origin, depth=0)

    def receive_bytes(self, data: bytes, filename: str, origin: Origin) -> int:
        sha256 = self.store.blobs.put_bytes(data)
        return self._receive_stored(sha256, filename, origin, depth=0)

    def _arrival(self, sha256: str, filename: str, origin: Origin) -> Arrival:
        return Arrival(
            source=origin.source,
            filename=filename,
            sha256=sha256,
            received_at=origin.received_at,
            group=origin.group,
            unit_hint=origin.unit_hint,
            sender=origin.sender,
            clock=origin.clock,
        )

    def _receive_stored(self, sha256: str, filename: str, origin: Origin, depth: int) -> int:
        blob = self.store.blobs.path(sha256)
        fmt = sniff(blob)
        if fmt not in (Format.ZIP, Format.RAR, Format.SEVEN_Z) or depth >= MAX_ARCHIVE_DEPTH:
            new = self.store.record_arrival(self._arrival(sha256, filename, origin))
            if new:
                log.info("received %s from %s (%s)", filename, origin.source, sha256[:12])
            return int(new)
        self.store.record_arrival(self._arrival(sha256, filename, origin), role="container")
        members: list[Member] = []
        try:
            members.extend(self._members(blob, fmt))
        except FileReadError as error:
            log.warning("archive %s from %s: %s", filename, origin.source, error)
            if not members:
                self.store.mark_failed_container(sha256, str(error), error.code)
                return 0
            # broken part-way: the members read before the break still come in
            self.store.record_source_error(origin.source, filename, f"{error}（此前的 {len(members)} 个文件已取出）", error.code)
        self.store.mark_container(sha256)
        count = 0
        for member in members:
            member_origin = Origin(
                source=f"{origin.source}!{member.name}",
                received_at=origin.received_at,
                group=origin.group,
                unit_hint=member.folder or origin.unit_hint,
                sender=origin.sender,
                clock=origin.clock,
            )
            name = PurePosixPath(member.name).name
            if member.data is None:
                error = member.error or FileReadError("无法解开")
                self.store.record_source_error(member_origin.source, name, str(error), error.code)
                continue
            member_sha = self.store.blobs.put_bytes(member.data)
            count += self._receive_stored(member_sha, name, member_origin, depth + 1)
        return count

    def _members(self, blob: Path, fmt: Format):
        if fmt is Format.ZIP:
            return zip_members(blob, self.limits)
        return libarchive_members(blob, self.limits, fmt.value)

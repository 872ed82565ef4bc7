"""A full disk stops taking in and processing, loudly, and they resume by themselves once
there is room again. Nothing is lost meanwhile: files wait in the scan folder and the mailbox,
and files that failed for lack of room are tried again as soon as it returns."""

from __future__ import annotations

import logging
import shutil
from collections.abc import Callable
from pathlib import Path

log = logging.getLogger("pipeline.diskspace")

HEADROOM_MB = 16  # after a write failed for lack of room, wait for this much more than there was


def free_mb(folder: Path) -> int:
    return shutil.disk_usage(folder).free // 2**20


class DiskGuard:
    def __init__(self, folder: Path, min_free_mb: int, on_change: Callable[[str | None], None]) -> None:
        """`on_change(reason)`: called with why work is paused, and with None when it resumes."""
        self.folder = folder
        self.min_free_mb = min_free_mb
        self.on_change = on_change
        self._needed_mb = min_free_mb
        self.paused = False

    def allows_work(self) -> bool:
        free = free_mb(self.folder)
        if free < self._needed_mb:
            self._pause(f"disk full: {free} MB free in {self.folder}, {self._needed_mb} MB needed")
        elif self.paused:
            self.paused, self._needed_mb = False, self.min_free_mb
            log.warning("disk space is back (%d MB free in %s): taking in and processing again", free, self.folder)
            self.on_change(None)
        return not self.paused

    def write_failed(self, error: BaseException) -> None:
        """A write failed for lack of room although the check let it through (the disk filled meanwhile)."""
        self._needed_mb = max(self.min_free_mb, free_mb(self.folder) + HEADROOM_MB)
        self._pause(f"disk full: {error}")

    def _pause(self, reason: str) -> None:
        if not self.paused:
            self.paused = True
            log.error("%s; taking in and processing paused until space is freed", reason)
            self.on_change(reason)

"""One process per store: an exclusive, non-blocking lock on var/intake.lock.

The lock is the kernel's (flock), so it goes with the process that holds it, however that
process ends; the file keeps the holder's pid only to name it in the message.
"""

from __future__ import annotations

import fcntl
import os
from pathlib import Path

from pipeline.errors import StoreBusyError

LOCK_FILE = "intake.lock"


class StoreLock:
    def __init__(self, state_folder: Path) -> None:
        self.path = state_folder / LOCK_FILE
        self._fd: int | None = None

    def acquire(self) -> None:
        """Takes the lock or raises StoreBusyError at once, naming the process that holds it."""
        self.path.parent.mkdir(parents=True, exist_ok=True)
        fd = os.open(self.path, os.O_RDWR | os.O_CREAT, 0o600)
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            holder = os.read(fd, 32).decode("ascii", "replace").strip() or "unknown"
            os.close(fd)
            raise StoreBusyError(
                f"another intake process (pid {holder}) is using the state folder {self.path.parent}; "
                "stop it first (e.g. systemctl stop intake), or give this one another paths.state_folder"
            ) from None
        os.ftruncate(fd, 0)
        os.write(fd, f"{os.getpid()}\n".encode("ascii"))
        self._fd = fd

    def release(self) -> None:
        if self._fd is not None:
            os.close(self._fd)  # closing the last descriptor releases the flock
            self._fd = None

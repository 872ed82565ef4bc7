"""Content-addressed raw copies: var/blobs/ab/abcdef…, written with fsync before use."""

from __future__ import annotations

import hashlib
import os
import tempfile
import time
from pathlib import Path


def _fsync_dir(path: Path) -> None:
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def sha256_of_file(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for chunk in iter(lambda: handle.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()


STALE_TEMP_SECONDS = 6 * 3600  # a copy still unfinished after this long was cut short by a crash


class BlobStore:
    def __init__(self, root: Path) -> None:
        self.root = root
        self.root.mkdir(parents=True, exist_ok=True)
        self._remove_stale_temp_files()

    def _remove_stale_temp_files(self) -> None:
        """Half-written copies a crash left behind; the file they were copying of is taken
        again from its source (nothing was recorded for it)."""
        now = time.time()
        for temp in (self.root / "incoming").glob("*") if (self.root / "incoming").is_dir() else ():
            try:
                if now - temp.stat().st_mtime > STALE_TEMP_SECONDS:
                    temp.unlink()
            except OSError:
                continue

    def path(self, sha256: str) -> Path:
        return self.root / sha256[:2] / sha256

    def has(self, sha256: str) -> bool:
        return self.path(sha256).is_file()

    def put_bytes(self, data: bytes) -> str:
        sha256 = hashlib.sha256(data).hexdigest()
        if not self.has(sha256):
            self._write(sha256, lambda handle: handle.write(data))
        return sha256

    def put_file(self, source: Path) -> str:
        """Copies a file in; the hash is of the bytes actually copied (the file may change).
        A link is not followed (OSError ELOOP): a file swapped for a link to /etc/passwd between
        being seen and being copied is not copied."""
        digest = hashlib.sha256()
        folder = self.root / "incoming"
        folder.mkdir(exist_ok=True)
        fd, temp_name = tempfile.mkstemp(dir=folder)
        temp = Path(temp_name)
        try:
            with os.fdopen(fd, "wb") as out, os.fdopen(os.open(source, os.O_RDONLY | os.O_NOFOLLOW), "rb") as src:
                for chunk in iter(lambda: src.read(1 << 20), b""):
                    digest.update(chunk)
                    out.write(chunk)
                out.flush()
                os.fsync(out.fileno())
            sha256 = digest.hexdigest()
            if self.has(sha256):
                temp.unlink()
            else:
                self._place(temp, sha256)
            return sha256
        except BaseException:
            temp.unlink(missing_ok=True)
            raise

    def _write(self, sha256: str, writer) -> None:
        folder = self.root / "incoming"
        folder.mkdir(exist_ok=True)
        fd, temp_name = tempfile.mkstemp(dir=folder)
        temp = Path(temp_name)
        try:
            with os.fdopen(fd, "wb") as out:
                writer(out)
                out.flush()
                os.fsync(out.fileno())
            self._place(temp, sha256)
        except BaseException:
            temp.unlink(missing_ok=True)
            raise

    def _place(self, temp: Path, sha256: str) -> None:
        target = self.path(sha256)
        target.parent.mkdir(exist_ok=True)
        os.replace(temp, target)
        _fsync_dir(target.parent)

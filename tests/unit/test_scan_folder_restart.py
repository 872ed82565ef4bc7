"""The scan folder after a restart: files an earlier run took are not read and hashed again
unless they changed. A real state store in a temporary folder; no processing."""

from __future__ import annotations

import io
import os
import time
import zipfile
from pathlib import Path

from pipeline.config import ProcessingSettings, ScanSettings
from pipeline.intake.service import IntakeService
from pipeline.models import Origin
from pipeline.sources.scan_folder import ScanFolder
from pipeline.store import Store


class ReadingService(IntakeService):
    """The real service, noting which files it had to read."""

    def __init__(self, store: Store) -> None:
        super().__init__(store, ProcessingSettings())
        self.read: list[str] = []

    def receive_path(self, path: Path, filename: str, origin: Origin) -> int:
        self.read.append(path.name)
        return super().receive_path(path, filename, origin)


def _write(path: Path, data: bytes, age_seconds: float = 60) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)
    then = time.time() - age_seconds
    os.utime(path, (then, then))


def _run(root: Path, store: Store) -> ReadingService:
    """One pass of a newly started program over the scan folder."""
    service = ReadingService(store)
    ScanFolder(root, ScanSettings(stable_seconds=1), service).take_all()
    return service


def _zip(members: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    return buffer.getvalue()


def test_a_restart_reads_only_new_and_changed_files(tmp_path):
    """GIVEN three files taken by one run WHEN, after a restart, one of them has been rewritten
    (same size, new bytes) and a fourth has come THEN only those two are read again."""
    root, store = tmp_path / "scan", Store(tmp_path / "var")
    for name in ("a.txt", "b.txt", "c.txt"):
        _write(root / "张三" / name, f"{name} 的内容".encode())
    assert sorted(_run(root, store).read) == ["a.txt", "b.txt", "c.txt"]
    _write(root / "张三" / "b.txt", "B.txt 的内容".encode(), age_seconds=30)
    _write(root / "张三" / "d.txt", "d.txt 的内容".encode())
    again = _run(root, store)
    assert sorted(again.read) == ["b.txt", "d.txt"]
    assert len(store.sightings()) == 5


def test_an_archive_is_opened_again_after_a_restart(tmp_path):
    """GIVEN an archive taken by one run WHEN the program restarts THEN the archive is read again
    (a run stopped while recording its members must not lose them), and nothing new is counted."""
    root, store = tmp_path / "scan", Store(tmp_path / "var")
    _write(root / "张三" / "材料.zip", _zip({"申报表.txt": "申报表".encode(), "事迹.txt": "事迹".encode()}))
    _run(root, store)
    again = _run(root, store)
    assert again.read == ["材料.zip"]
    assert len(store.sightings()) == 3


def test_the_restarted_daemon_reads_nothing_unchanged(tmp_path):
    """GIVEN files taken by one run WHEN the daemon restarts and watches the folder for longer
    than a file takes to settle THEN it reads none of them."""
    root, store = tmp_path / "scan", Store(tmp_path / "var")
    for name in ("a.txt", "b.txt"):
        _write(root / name, f"{name} 的内容".encode())
    _run(root, store)
    service = ReadingService(store)
    daemon = ScanFolder(root, ScanSettings(watch="polling", stable_seconds=1), service)
    assert [daemon.poll(now) for now in (100.0, 102.0, 104.0)] == [0, 0, 0]
    assert service.read == []


def test_a_file_named_in_gbk_bytes_is_not_read_again_after_a_restart(tmp_path):
    """GIVEN a file whose name is GBK bytes (stored under its GB18030 reading, 身份证.jpg)
    WHEN the program restarts THEN the file is known by that name and not read again."""
    root, store = tmp_path / "scan", Store(tmp_path / "var")
    root.mkdir()
    raw = os.path.join(os.fsencode(root), "身份证".encode("gbk") + b".jpg")
    with open(raw, "wb") as handle:
        handle.write(b"\xff\xd8\xff" + b"2" * 64)
    then = time.time() - 60
    os.utime(raw, (then, then))
    assert len(_run(root, store).read) == 1
    assert [s.origin.source for s in store.sightings()] == ["scan:身份证.jpg"]
    assert _run(root, store).read == []

"""A full disk pauses the daemon loudly; once space returns, what waited is taken in and processed.
The state folder is a small tmpfs (needs root, as in CI; skipped with a message elsewhere)."""

from __future__ import annotations

import json
import os
import shutil
import subprocess

import docx
import pytest

from pipeline.health import Health
from tests.faults.conftest import TESSERACT, RunningDaemon, wait_for
from tests.integration.conftest import write_config

TMPFS_MB = 48
MIN_FREE_MB = 12


@pytest.fixture
def small_disk(tmp_path):
    var = tmp_path / "site" / "var"
    var.mkdir(parents=True)
    if os.geteuid() != 0:
        pytest.skip("the disk-full test mounts a small tmpfs, which needs root (CI runs as root)")
    mounted = subprocess.run(["mount", "-t", "tmpfs", "-o", f"size={TMPFS_MB}m,mode=0700", "tmpfs", str(var)],
                             capture_output=True, text=True)
    if mounted.returncode != 0:
        pytest.skip(f"cannot mount a tmpfs here: {mounted.stderr.strip()}")
    try:
        yield var
    finally:
        subprocess.run(["umount", "-l", str(var)], check=False)


def _fill(folder, leave_mb: int) -> None:
    free = shutil.disk_usage(folder).free - leave_mb * 2**20
    with (folder / "filler").open("wb") as filler:
        while free > 0:
            chunk = min(free, 1 << 20)
            filler.write(b"\0" * chunk)
            free -= chunk


def _documents(site) -> list[str]:
    path = site.output / "status.json"
    if not path.exists():
        return []
    status = json.loads(path.read_text(encoding="utf-8"))
    return sorted(d["filename"] for a in status["applicants"] for d in a["documents"]) + sorted(
        d["filename"] for d in status["unassigned"])


def test_a_full_disk_pauses_taking_in_and_it_resumes_by_itself(small_disk, tmp_path):
    """GIVEN a running daemon whose state folder's disk fills up WHEN files arrive in the scan folder
    THEN the daemon keeps running, takes nothing in, `intake health` says degraded: paused, disk
    full, and the overview's banner says so; WHEN space is freed THEN the files are taken in and
    processed without anyone's help, and the banner is gone."""
    site = write_config(tmp_path / "site", TESSERACT + f"\n[health]\nmin_free_mb = {MIN_FREE_MB}\n")
    daemon = RunningDaemon(site)
    try:
        daemon.wait_started()
        _fill(small_disk, leave_mb=MIN_FREE_MB // 3)
        names = ["事迹材料.docx", "工作总结.docx"]
        for name in names:
            document = docx.Document()
            document.add_paragraph(f"{name}：李四同志参加工作十八年，爱岗敬业，带徒传技。" * 5)
            document.save(site.scan / name)

        paused = wait_for(lambda: (r := site.intake("health", check=False, timeout=60)).returncode == Health.degraded
                          and "taking in paused: disk full" in r.stdout and r, 60, "health to say paused")
        assert "disk nearly full" in paused.stdout
        assert daemon.process.poll() is None, daemon.log()
        assert _documents(site) == []
        assert "taking in and processing paused" in daemon.log()
        overview = site.output / "reports" / "index.html"
        assert "服务器磁盘空间不足" in overview.read_text(encoding="utf-8")

        (small_disk / "filler").unlink()
        wait_for(lambda: _documents(site) == sorted(names), 120, "the files to be processed after space returned")
        assert daemon.process.poll() is None
        assert "disk space is back" in daemon.log()
        assert "服务器磁盘空间不足" not in overview.read_text(encoding="utf-8")
        wait_for(lambda: "taking in paused" not in site.intake("health", check=False, timeout=60).stdout, 30, "health to resume")
    finally:
        daemon.stop()

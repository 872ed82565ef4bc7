"""Workers end with the daemon: after SIGKILL of `intake run`, none of its processes lives on."""

from __future__ import annotations

import os
import signal
from pathlib import Path

import docx

from tests.faults.conftest import wait_for


def _children() -> dict[int, list[int]]:
    tree: dict[int, list[int]] = {}
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                stat = (entry / "stat").read_text()
            except OSError:
                continue
            parent = int(stat.rsplit(")", 1)[1].split()[1])
            tree.setdefault(parent, []).append(int(entry.name))
    return tree


def _descendants(pid: int) -> set[int]:
    tree, found, todo = _children(), set(), [pid]
    while todo:
        for child in tree.get(todo.pop(), []):
            found.add(child)
            todo.append(child)
    return found


def _alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return False
    return state != "Z"  # a zombie has ended; only its parent has not reaped it yet


def test_workers_forkserver_and_tracker_end_within_seconds_of_a_sigkill(site, daemon):
    """GIVEN a daemon whose worker pool has processed files (forkserver, workers, resource tracker
    running) WHEN the daemon is killed with SIGKILL THEN every process it started is gone within seconds."""
    daemon.wait_started()
    for name in ("事迹材料.docx", "工作总结.docx"):
        document = docx.Document()
        document.add_paragraph(f"{name} 李四同志参加工作十八年，爱岗敬业，带徒传技。" * 5)
        document.save(site.scan / name)
    wait_for(lambda: len(_descendants(daemon.process.pid)) >= 3, 120, "the worker pool")
    started = _descendants(daemon.process.pid)

    os.kill(daemon.process.pid, signal.SIGKILL)
    daemon.process.wait(timeout=10)
    try:
        wait_for(lambda: not any(_alive(pid) for pid in started), 10, f"processes {sorted(started)} to end")
    finally:  # a failed test leaves no orphans on the machine
        for pid in filter(_alive, started):
            os.kill(pid, signal.SIGKILL)

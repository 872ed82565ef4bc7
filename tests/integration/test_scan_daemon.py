"""`intake run` watches the scan folder: a file still being written is not touched until it
has stopped changing; SIGTERM stops the daemon cleanly."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import docx


def _wait_for(predicate, timeout: float) -> bool:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if predicate():
            return True
        time.sleep(0.3)
    return False


def _documents(status_path: Path) -> list[dict]:
    if not status_path.exists():
        return []
    status = json.loads(status_path.read_text(encoding="utf-8"))
    return [d for a in status["applicants"] for d in a["documents"]] + status["unassigned"]


def test_daemon_takes_a_slowly_written_file_once_and_stops_on_sigterm(deployment, tmp_path):
    source = tmp_path / "事迹材料.docx"
    document = docx.Document()
    document.add_paragraph("李四同志先进事迹材料")
    document.add_paragraph("李四同志参加工作十八年，爱岗敬业，带徒传技，培养徒弟二十余人。" * 20)
    document.save(source)
    data = source.read_bytes()
    deployment.scan.mkdir(parents=True)
    daemon = subprocess.Popen(
        [sys.executable, "-m", "pipeline", "run", "--config", str(deployment.config)],
        cwd=deployment.root, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=os.environ.copy(),
    )
    try:
        status_path = deployment.output / "status.json"
        assert _wait_for(status_path.exists, 60), "the daemon wrote no outputs at start"
        target = deployment.scan / "李四" / "事迹材料.docx"
        target.parent.mkdir()
        with target.open("wb") as handle:  # a scanner writing slowly
            for start in range(0, len(data), len(data) // 6 + 1):
                handle.write(data[start : start + len(data) // 6 + 1])
                handle.flush()
                time.sleep(0.3)
                assert _documents(status_path) == [], "a file was taken while still being written"
        assert _wait_for(lambda: len(_documents(status_path)) == 1, 60)
        taken = _documents(status_path)[0]
        assert taken["source"] == "scan:李四/事迹材料.docx"
        assert taken["type"] == "deeds"
        time.sleep(2.5)  # more polls: nothing is counted twice
        assert len(_documents(status_path)) == 1
    finally:
        daemon.send_signal(signal.SIGTERM)
        try:
            out, err = daemon.communicate(timeout=60)
        except subprocess.TimeoutExpired:
            daemon.kill()
            raise
    assert daemon.returncode == 0, err[-2000:]
    assert "stopping" in err

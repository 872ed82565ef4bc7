"""A config with the mailbox enabled still processes the scan folder when the mailbox is down."""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys

import docx

from pipeline.errors import ExitCode
from tests.integration.conftest import write_config


def _closed_port() -> int:
    with socket.socket() as probe:  # a port nothing listens on: the connection is refused
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def test_once_processes_the_scan_folder_when_the_mailbox_cannot_be_reached(tmp_path):
    """GIVEN the mailbox enabled but unreachable and a file in the scan folder WHEN `intake once` runs
    THEN the file is processed and the outputs written, and the pass reports the mailbox (exit code 1)."""
    site = write_config(tmp_path / "site", f"""
[ocr]
engine = "tesseract"
[mail]
enabled = true
host = "127.0.0.1"
port = {_closed_port()}
tls = false
username = "intake@example.com"
auth_code_env = "INTAKE_TEST_DOWN_CODE"
timeout_seconds = 5
""")
    site.scan.mkdir(parents=True)
    document = docx.Document()
    document.add_paragraph("李四同志先进事迹材料：参加工作十八年，爱岗敬业，带徒传技。" * 10)
    document.save(site.scan / "事迹材料.docx")
    done = subprocess.run([sys.executable, "-m", "pipeline", "once", "--config", str(site.config)],
                          capture_output=True, text=True, timeout=600, cwd=site.root,
                          env={**os.environ, "INTAKE_TEST_DOWN_CODE": "secret"})
    assert done.returncode == ExitCode.pass_failed, done.stderr[-3000:]
    assert "going on with the scan folder" in done.stderr
    status = json.loads((site.output / "status.json").read_text(encoding="utf-8"))
    names = [d["filename"] for a in status["applicants"] for d in a["documents"]] + [
        d["filename"] for d in status["unassigned"]]
    assert names == ["事迹材料.docx"]

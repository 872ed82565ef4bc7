"""LibreOffice runs wherever the program is installed, and never outlives its timeout: a
deployment folder whose path holds a space or a comma (its temporary files, LibreOffice's
profile among them, live under var/tmp) converts office files like any other, instead of hanging
LibreOffice until the timeout; a LibreOffice that hangs anyway leaves no process behind."""

from __future__ import annotations

import tempfile
import time
from pathlib import Path

from docx import Document

from pipeline.readers.libreoffice import convert_to_pdf


def test_office_files_convert_under_a_folder_with_a_space_and_a_comma(tmp_path, monkeypatch):
    """GIVEN temporary files kept under "站点 1, 副本/var/tmp" and a Word file
    WHEN it is converted to PDF (as for the reports' thumbnails)
    THEN the PDF is made, well within the timeout."""
    deployment_tmp = tmp_path / "站点 1, 副本" / "var" / "tmp"
    deployment_tmp.mkdir(parents=True)
    monkeypatch.setattr(tempfile, "tempdir", str(deployment_tmp))
    document = Document()
    document.add_paragraph("技能大师工作室申报报告")
    source = tmp_path / "报告.docx"
    document.save(source)
    converted = convert_to_pdf([source], tmp_path / "pdf", program="soffice", timeout=60)
    assert converted == {source: tmp_path / "pdf" / "报告.pdf"}
    assert Path(converted[source]).read_bytes().startswith(b"%PDF")


def _gone(pid: int) -> bool:
    try:
        with open(f"/proc/{pid}/stat", encoding="ascii") as stat:
            return stat.read().rsplit(")", 1)[1].split()[0] == "Z"  # ended, not yet reaped
    except FileNotFoundError:
        return True


def test_a_libreoffice_that_hangs_leaves_no_process_behind(tmp_path):
    """GIVEN a LibreOffice whose launcher starts the program proper, which hangs (as soffice.bin did
    on a profile folder it could not use)
    WHEN a conversion times out
    THEN no file is converted, and neither the launcher nor the program it started is left running."""
    started = tmp_path / "started.pid"
    launcher = tmp_path / "soffice"
    launcher.write_text(f"#!/bin/sh\nsleep 300 &\necho $! > '{started}'\nwait\n", encoding="utf-8")
    launcher.chmod(0o755)
    source = tmp_path / "报告.docx"
    source.write_bytes(b"PK")
    assert convert_to_pdf([source], tmp_path / "pdf", program=str(launcher), timeout=2) == {}
    hung = int(started.read_text(encoding="ascii"))
    deadline = time.monotonic() + 5
    while not _gone(hung) and time.monotonic() < deadline:
        time.sleep(0.1)
    assert _gone(hung)

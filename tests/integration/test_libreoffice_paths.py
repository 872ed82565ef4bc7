"""LibreOffice runs wherever the program is installed: a deployment folder whose path holds a
space or a comma (its temporary files, LibreOffice's profile among them, live under var/tmp)
converts office files like any other, instead of hanging LibreOffice until the timeout."""

from __future__ import annotations

import tempfile
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

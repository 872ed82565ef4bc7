"""Bad input is kept, listed under `errors` with a reason staff can act on, and never stops
the pass. GIVEN corrupt, encrypted, empty and unknown files next to a good one WHEN they are
ingested THEN the good one is processed, each bad one is an error entry and is archived."""

from __future__ import annotations

import io
import subprocess
from pathlib import Path

import docx
from pypdf import PdfWriter


def _encrypted_pdf() -> bytes:
    writer = PdfWriter()
    writer.add_blank_page(width=595, height=842)
    writer.encrypt(user_password="secret", owner_password="owner")
    buffer = io.BytesIO()
    writer.write(buffer)
    return buffer.getvalue()


def _encrypted_zip(folder: Path) -> Path:
    """A zip made as applicants make one: `zip -P` (ZipCrypto) around an image."""
    member = folder / "身份证.jpg"
    member.write_bytes(b"\xff\xd8\xff" + b"0" * 100)
    target = folder / "材料.zip"
    subprocess.run(["zip", "-q", "-j", "-P", "secret", str(target), str(member)], check=True)
    member.unlink()
    return target


def test_bad_files_are_reported_and_kept(deployment, tmp_path):
    given = tmp_path / "given"
    given.mkdir()
    (given / "申报表.pdf").write_bytes(b"%PDF-1.4\n1 0 obj garbage without end")
    (given / "加密.pdf").write_bytes(_encrypted_pdf())
    (given / "空文件.docx").write_bytes(b"")
    (given / "未知.dat").write_bytes(bytes(range(256)) * 40)
    _encrypted_zip(given)
    good = docx.Document()
    good.add_paragraph("张三同志先进事迹材料")
    good.add_paragraph("张三同志参加工作二十年，爱岗敬业，带徒传技，培养徒弟三十余人。" * 10)
    good.save(given / "事迹.docx")

    done = deployment.intake("ingest", str(given))

    assert done.returncode == 0
    status = deployment.status()
    errors = {entry["filename"]: entry["error"] for entry in status["errors"]}
    assert set(errors) == {"申报表.pdf", "加密.pdf", "空文件.docx", "未知.dat", "身份证.jpg"}
    assert "密码" in errors["加密.pdf"]
    assert "密码" in errors["身份证.jpg"]
    assert "损坏" in errors["申报表.pdf"]
    kept = {p.name for p in (deployment.output / "archive" / "无法读取的文件").iterdir()}
    assert len(kept) == 4  # the encrypted zip member could not be taken out; the zip itself is in the store
    deeds = [d for d in status["unassigned"] if d["filename"] == "事迹.docx"]
    assert deeds and deeds[0]["type"] == "deeds"
    assert "无法读取的文件" in (deployment.output / "reports" / "index.html").read_text(encoding="utf-8")

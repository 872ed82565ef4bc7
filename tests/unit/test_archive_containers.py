"""Archives are known by their container, not by their first member: every member of a
stored (uncompressed) ZIP, 7z or RAR whose first member is a PDF comes in. Archives made
with the real `zip` and `7z` programs, RAR5 byte by byte (tests.mail.corpus); a real state
store in a temporary folder, no processing."""

from __future__ import annotations

import io
import shutil
import subprocess
import zipfile
from datetime import datetime, timezone
from pathlib import Path

import pytest

from pipeline.config import ProcessingSettings
from pipeline.errors import FileReadError
from pipeline.intake.service import IntakeService
from pipeline.models import Origin
from pipeline.readers.sniff import Format, sniff
from pipeline.store import Store
from tests.mail.corpus import rar5

PDF = b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"
TEXT = "技能大师工作室申报报告\n".encode()
ORIGIN = Origin(source="scan:申报", received_at=datetime(2026, 3, 1, tzinfo=timezone.utc), group="申报")


@pytest.fixture
def service(tmp_path):
    store = Store(tmp_path / "var")
    yield IntakeService(store, ProcessingSettings())
    store.close()


def _members_dir(tmp_path: Path) -> Path:
    folder = tmp_path / "members"
    folder.mkdir()
    (folder / "身份证复印件.pdf").write_bytes(PDF)
    (folder / "申报报告.txt").write_bytes(TEXT)
    return folder


def _run(args: list[str], cwd: Path) -> None:
    if shutil.which(args[0]) is None:
        pytest.skip(f"{args[0]} is not installed (deploy/apt-packages-test.txt names it)")
    subprocess.run(args, cwd=cwd, check=True, capture_output=True)


def stored_zip(tmp_path: Path) -> Path:
    _run(["zip", "-q", "-0", "../stored.zip", "身份证复印件.pdf", "申报报告.txt"], _members_dir(tmp_path))
    return tmp_path / "stored.zip"


def stored_7z(tmp_path: Path) -> Path:
    _run(["7z", "a", "-mx0", "../stored.7z", "身份证复印件.pdf", "申报报告.txt"], _members_dir(tmp_path))
    return tmp_path / "stored.7z"


def stored_rar(tmp_path: Path) -> Path:
    path = tmp_path / "stored.rar"
    path.write_bytes(rar5([("身份证复印件.pdf", PDF), ("申报报告.txt", TEXT)]))
    return path


@pytest.mark.parametrize(
    ("make", "container"),
    [(stored_zip, Format.ZIP), (stored_7z, Format.SEVEN_Z), (stored_rar, Format.RAR)],
    ids=["zip", "7z", "rar"],
)
def test_stored_archive_with_a_pdf_first_brings_every_member(tmp_path, service, make, container):
    """GIVEN an uncompressed archive whose first member is a PDF (its %PDF- header lies within
    the archive's first kilobyte) and whose second is a text
    WHEN it is received
    THEN it is known as the archive it is, and both members come in as documents."""
    path = make(tmp_path)
    assert PDF[:5] in path.read_bytes()[:1024]
    assert sniff(path) is container
    assert service.receive_path(path, path.name, ORIGIN) == 2
    names = sorted(s.filename for s in service.store.sightings())
    assert names == sorted([path.name, "身份证复印件.pdf", "申报报告.txt"])
    assert service.store.errors() == []


def test_pdf_with_junk_before_its_header_is_still_a_pdf(tmp_path):
    """GIVEN a PDF preceded by bytes some scanners write WHEN sniffed THEN it is a PDF."""
    path = tmp_path / "scan.pdf"
    path.write_bytes(b"\r\n\x00junk\r\n" + PDF)
    assert sniff(path) is Format.PDF


def test_stored_docx_is_still_a_docx(tmp_path):
    """GIVEN a stored zip holding word/document.xml (a DOCX) WHEN sniffed THEN a DOCX, not an archive."""
    path = tmp_path / "a.docx"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_STORED) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("word/document.xml", "<w:document/>")
    assert sniff(path) is Format.DOCX


def test_archive_broken_part_way_keeps_the_members_before_the_break(tmp_path, service):
    """GIVEN a RAR cut off in transit inside its second member
    WHEN it is received
    THEN the first member comes in as a document, and the archive carries an error that says
    where it broke and that the members before it were taken."""
    blob = rar5([("申报表.txt", TEXT), ("证书.txt", b"B" * 3000), ("照片.txt", TEXT)])
    path = tmp_path / "cut.rar"
    path.write_bytes(blob[: blob.find(b"B" * 3000) + 1000])
    assert service.receive_path(path, "cut.rar", ORIGIN) == 1
    documents = [s.filename for s in service.store.sightings() if s.filename != "cut.rar"]
    assert documents == ["申报表.txt"]
    [error] = service.store.errors()
    assert error.filename == "cut.rar" and "证书.txt" in error.error and "1 个文件已取出" in error.error


def test_rar_with_an_encrypted_member_and_a_stored_pdf(tmp_path, service):
    """GIVEN a RAR whose first member is encrypted and whose stored second member is a PDF
    WHEN it is received
    THEN the PDF and the text come in, and the encrypted member is a 文件设有密码 error naming it."""
    path = tmp_path / "mixed.rar"
    members = [("密件.pdf", PDF), ("身份证复印件.pdf", PDF + b"%2"), ("申报报告.txt", TEXT)]
    path.write_bytes(rar5(members, encrypted=frozenset({"密件.pdf"})))
    assert service.receive_path(path, "mixed.rar", ORIGIN) == 2
    [error] = service.store.errors()
    assert (error.filename, error.code) == ("密件.pdf", "password_protected")


def test_archives_nested_past_the_limit_end_as_an_error_that_says_so(tmp_path, service):
    """GIVEN a zip inside a zip inside a zip inside a zip (one level past intake's limit)
    WHEN it is received and the innermost archive is read
    THEN the innermost archive is kept as a file whose reading error says it is nested too deep."""
    from pipeline.intake.service import MAX_ARCHIVE_DEPTH
    from pipeline.readers import read_file

    data = TEXT
    for level in range(MAX_ARCHIVE_DEPTH + 1):
        out = io.BytesIO()
        with zipfile.ZipFile(out, "w") as archive:
            archive.writestr(f"第{level}层.zip" if level else "申报报告.txt", data)
        data = out.getvalue()
    assert service.receive_bytes(data, "外层.zip", ORIGIN) == 1
    [innermost] = [s for s in service.store.sightings() if s.filename == "第1层.zip"]  # at depth MAX_ARCHIVE_DEPTH
    kept = service.store.blobs.path(innermost.sha256)
    with pytest.raises(FileReadError, match="嵌套过深"):
        read_file(kept, innermost.filename, ctx=None)


def test_zip_member_with_an_unsupported_method_is_an_error_that_says_so(tmp_path):
    """GIVEN a zip whose second member says Deflate64 (method 9, which Windows writes for large
    files and Python cannot inflate) WHEN read THEN the first member comes, the second is an
    error naming the method as the cause, not "damaged"."""
    from pipeline.intake.archives import zip_members

    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_STORED) as archive:
        archive.writestr("申报表.txt", TEXT)
        archive.writestr("大文件.pdf", PDF)
    data = bytearray(out.getvalue())
    for signature, offset in ((b"PK\x03\x04", 8), (b"PK\x01\x02", 10)):  # the method field of the second entry
        second = data.find(signature, data.find(signature) + 4)
        data[second + offset] = 9
    path = tmp_path / "deflate64.zip"
    path.write_bytes(bytes(data))
    first, second = zip_members(path, ProcessingSettings())
    assert (first.name, first.data) == ("申报表.txt", TEXT)
    assert second.data is None and "压缩方式不受支持" in str(second.error)

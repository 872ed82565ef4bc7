"""Errors in one place: whatever goes wrong with one file becomes its error entry through
`errors.failure_of`, and never escapes the intake service to the command."""

from __future__ import annotations

import io
import os
import sqlite3
import zipfile
import zlib
from datetime import datetime, timezone
from pathlib import Path

import pytest

from pipeline.config import ProcessingSettings
from pipeline.errors import UNREADABLE, FileFailure, FileReadError, PasswordProtectedError, failure_of
from pipeline.intake import service as service_module
from pipeline.intake.names import readable_name
from pipeline.intake.service import IntakeService
from pipeline.models import Notice, Origin
from pipeline.store import Store

GBK_ID_CARD = "身份证".encode("gbk")


# --- the funnel --------------------------------------------------------------------------------

@pytest.mark.parametrize(
    "error, code, words",
    [
        (PasswordProtectedError("文件设有密码"), "password_protected", "密码"),
        (FileReadError("PDF 文件已损坏"), UNREADABLE, "损坏"),
        (zlib.error("Error -3 while decompressing data"), UNREADABLE, "压缩数据已损坏"),
        (MemoryError(), UNREADABLE, "内存不足"),
        (UnicodeEncodeError("utf-8", "\udcc9", 0, 1, "surrogates not allowed"), UNREADABLE, "编码无法识别"),
        (PermissionError(13, "Permission denied"), UNREADABLE, "Permission denied"),
        (KeyError("x"), UNREADABLE, "内部错误（KeyError"),
        ("处理该文件时程序异常退出", UNREADABLE, "异常退出"),
    ],
)
def test_every_failure_becomes_a_code_and_a_chinese_reason(error, code, words):
    failure = failure_of(error)
    assert failure.code == code and words in failure.reason
    assert failure_of(failure) is failure


# --- names that are not text -------------------------------------------------------------------

def test_a_gbk_name_from_disk_is_read_as_gb18030():
    name = os.fsdecode(b"H18-" + GBK_ID_CARD + b".jpg")
    assert readable_name(name) == "H18-身份证.jpg"
    path = os.fsdecode("扫描/".encode() + GBK_ID_CARD + b"/" + GBK_ID_CARD + b".jpg")
    assert readable_name(path) == "扫描/身份证/身份证.jpg"


def test_gbk_bytes_that_are_also_utf8_are_read_as_the_plausible_chinese():
    """学位证 in GBK is valid UTF-8 too (ѧλ֤): a name from disk is judged by its plausible reading."""
    gbk = "学位证".encode("gbk")
    assert gbk.decode("utf-8") == "ѧλ֤"
    assert readable_name(os.fsdecode(b"scan/" + gbk + b".pdf")) == "scan/学位证.pdf"
    assert readable_name("扫描件/学位证.pdf") == "扫描件/学位证.pdf"


def test_bytes_that_are_no_text_at_all_stay_visible():
    assert readable_name(os.fsdecode(b"a\xff\xffb.pdf")) == "a\\xff\\xffb.pdf"
    assert readable_name("x\ud800y") == "x\\ud800y"  # a lone surrogate no decoder made
    assert readable_name("申报表.pdf") == "申报表.pdf"


# --- the intake service ------------------------------------------------------------------------

def _origin(source: str) -> Origin:
    return Origin(source=source, received_at=datetime(2023, 8, 21, tzinfo=timezone.utc), group=source)


@pytest.fixture
def service(tmp_path: Path) -> IntakeService:
    store = Store(tmp_path / "var")
    yield IntakeService(store, ProcessingSettings())
    store.close()


def test_a_file_named_in_gbk_bytes_is_taken_in_under_its_chinese_name(service, tmp_path):
    """GIVEN a file whose name on disk is GBK bytes (unzip of a Windows zip)
    WHEN it is received THEN it is stored under 身份证.jpg (before: UnicodeEncodeError into SQLite)."""
    folder = tmp_path / "scan"
    folder.mkdir()
    raw_path = os.path.join(os.fsencode(folder), GBK_ID_CARD + b".jpg")
    with open(raw_path, "wb") as handle:
        handle.write(b"\xff\xd8\xff" + b"1" * 64)
    path = Path(os.fsdecode(raw_path))
    assert service.receive_path(path, path.name, _origin(f"scan:{path.name}")) == 1
    assert [s.filename for s in service.store.sightings()] == ["身份证.jpg"]
    assert [s.origin.source for s in service.store.sightings()] == ["scan:身份证.jpg"]


def test_any_exception_while_taking_in_one_file_is_its_error(service, monkeypatch):
    """GIVEN a file on which intake fails with an unexpected exception
    WHEN it is received THEN the call returns, the file is an error entry, the next file comes in."""
    real_sniff = service_module.sniff

    def sniff(path):
        if path.read_bytes().startswith(b"BAD"):
            raise ValueError("reader bug")
        return real_sniff(path)

    monkeypatch.setattr(service_module, "sniff", sniff)
    assert service.receive_bytes(b"BAD file", "坏.pdf", _origin("ingest:坏.pdf")) == 0
    assert service.receive_bytes(b"good text", "好.txt", _origin("ingest:好.txt")) == 1
    errors = service.store.errors()
    assert [(e.filename, e.code) for e in errors] == [("坏.pdf", UNREADABLE)]
    assert "ValueError: reader bug" in errors[0].error


def test_a_zip_with_corrupt_deflate_data_is_an_error_not_a_crash(service):
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("证书.docx", bytes(range(256)) * 40)
    data = bytearray(out.getvalue())
    start = 30 + len("证书.docx".encode())
    for offset in range(start + 5, start + 80):
        data[offset] ^= 0x5A
    assert service.receive_bytes(bytes(data), "材料.zip", _origin("ingest:材料.zip")) == 0
    errors = service.store.errors()
    assert errors and all(e.code == UNREADABLE and "损坏" in e.error for e in errors)


def test_record_failure_takes_exceptions_reasons_and_failures(service):
    service.record_failure("ingest:a", "a.pdf", FileNotFoundError(2, "No such file"))
    service.record_failure("ingest:b", "b.pdf", "文件不存在")
    service.record_failure("ingest:c", "c.zip", FileFailure("password_protected", "设有密码"))
    assert [(e.filename, e.code) for e in service.store.errors()] == [
        ("a.pdf", UNREADABLE), ("b.pdf", UNREADABLE), ("c.zip", "password_protected"),
    ]


# --- a mail's notice, kept once ----------------------------------------------------------------

def test_a_notice_is_one_error_entry_and_one_notice(service):
    notice = Notice("mail_without_materials", "来自 a@qq.com 的邮件没有可收取的材料", "mail:INBOX/1/7", "a@qq.com")
    service.store.record_notice("mail:INBOX/1/7", "咨询", notice)
    service.store.record_notice("mail:INBOX/1/7", "咨询", notice)  # the mail taken in again after a crash
    assert service.store.notices() == [notice]
    assert [(e.filename, e.code, e.error) for e in service.store.errors()] == [("咨询", notice.code, notice.detail)]


def test_a_store_that_kept_notices_twice_keeps_them_once(tmp_path):
    """GIVEN a store written before notices were kept once: each as a source error (no group
    column) and again in mail_notices WHEN it is opened THEN each notice is one error entry that
    still finds its applicant, and mail_notices is gone."""
    folder = tmp_path / "var"
    folder.mkdir()
    db = sqlite3.connect(folder / "intake.sqlite3")
    db.executescript(
        """
        CREATE TABLE source_errors (id INTEGER PRIMARY KEY, source TEXT NOT NULL, filename TEXT NOT NULL,
            error TEXT NOT NULL, code TEXT NOT NULL, at TEXT NOT NULL, UNIQUE (source, filename, error));
        CREATE TABLE mail_notices (id INTEGER PRIMARY KEY, source TEXT NOT NULL, code TEXT NOT NULL,
            group_id TEXT NOT NULL, sender TEXT, subject TEXT NOT NULL, received_at TEXT NOT NULL,
            detail TEXT NOT NULL, UNIQUE (source, code, detail));
        INSERT INTO source_errors VALUES (1, 'mail:INBOX/1/7', '咨询', '没有材料', 'mail_without_materials', '2023-08-21');
        INSERT INTO source_errors VALUES (2, 'ingest:x.pdf', 'x.pdf', '文件已损坏', 'unreadable_file', '2023-08-21');
        INSERT INTO mail_notices VALUES (1, 'mail:INBOX/1/7', 'mail_without_materials', 'g7', 'a@qq.com', '咨询',
            '2023-08-21T09:00:00+08:00', '没有材料');
        """
    )
    db.commit()
    db.close()
    store = Store(folder)
    try:
        assert store.notices() == [Notice("mail_without_materials", "没有材料", "g7", "a@qq.com")]
        assert [e.code for e in store.errors()] == ["mail_without_materials", "unreadable_file"]
        tables = {row[0] for row in store.connection.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
        assert "mail_notices" not in tables
    finally:
        store.close()

"""pipeline.intake.archives: ZIP member names (GBK, UTF-8), traversal, encryption, bomb limits; 7z."""

from __future__ import annotations

import io
import struct
import zipfile
from pathlib import Path

import pytest

from pipeline.config import ProcessingSettings
from pipeline.errors import FileReadError, PasswordProtectedError
from pipeline.intake.archives import Member, safe_member_name, zip_members

LIMITS = ProcessingSettings()


def _zip_bytes(members: list[tuple[str, bytes]], compression=zipfile.ZIP_DEFLATED) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression) as archive:
        for name, data in members:
            archive.writestr(name, data)
    return buffer.getvalue()


def _gbk_zip(tmp_path: Path, names: list[str]) -> Path:
    """A zip as Windows' Chinese zip tools write it: names in raw GBK bytes, no UTF-8 flag.
    Written with ASCII placeholders of the same byte length, then the bytes swapped in."""
    placeholders = []
    for index, name in enumerate(names):
        raw = name.encode("gbk")
        placeholders.append((f"{index:02d}".ljust(len(raw), "_").encode("ascii"), raw))
    data = _zip_bytes([(p.decode("ascii"), f"content {i}".encode()) for i, (p, _) in enumerate(placeholders)])
    for placeholder, raw in placeholders:
        assert data.count(placeholder) == 2  # local header and central directory
        data = data.replace(placeholder, raw)
    path = tmp_path / "gbk.zip"
    path.write_bytes(data)
    return path


def _set_encrypted_flag(data: bytes) -> bytes:
    """Sets general-purpose bit 0 (encrypted) in every local and central header."""
    out = bytearray(data)
    for signature, offset in ((b"PK\x03\x04", 6), (b"PK\x01\x02", 8)):
        start = 0
        while (index := out.find(signature, start)) >= 0:
            (flags,) = struct.unpack_from("<H", out, index + offset)
            struct.pack_into("<H", out, index + offset, flags | 0x1)
            start = index + 4
    return bytes(out)


def test_gbk_names_without_utf8_flag_decoded(tmp_path):
    """GIVEN a zip whose member names are GBK bytes without the UTF-8 flag (申报表.docx, 恒达机械/事迹材料.pdf)
    WHEN members are read
    THEN the Chinese names come out right, with contents, and the folder of the second is 恒达机械."""
    path = _gbk_zip(tmp_path, ["申报表.docx", "恒达机械/事迹材料.pdf"])
    members = list(zip_members(path, LIMITS))
    assert [m.name for m in members] == ["申报表.docx", "恒达机械/事迹材料.pdf"]
    assert [m.data for m in members] == [b"content 0", b"content 1"]
    assert members[1].folder == "恒达机械"
    assert members[0].folder is None


def test_utf8_flagged_names(tmp_path):
    """GIVEN a zip written with UTF-8 names (flag set, as Python and macOS write them)
    WHEN members are read
    THEN the names are read as written."""
    path = tmp_path / "utf8.zip"
    path.write_bytes(_zip_bytes([("工作照片/车间.jpg", b"jpg"), ("身份证复印件.pdf", b"pdf")]))
    with zipfile.ZipFile(path) as archive:
        assert all(info.flag_bits & 0x800 for info in archive.infolist())
    assert [(m.name, m.data) for m in zip_members(path, LIMITS)] == [("工作照片/车间.jpg", b"jpg"), ("身份证复印件.pdf", b"pdf")]


def test_path_traversal_names_reduced(tmp_path):
    """GIVEN members named ../../etc/passwd, /abs/x.pdf and a\\..\\..\\b.pdf
    WHEN members are read
    THEN their names keep only safe relative parts."""
    path = tmp_path / "evil.zip"
    path.write_bytes(_zip_bytes([("../../etc/passwd", b"1"), ("/abs/x.pdf", b"2"), ("a\\..\\..\\b.pdf", b"3")]))
    names = [m.name for m in zip_members(path, LIMITS)]
    for name in names:
        assert ".." not in name.split("/")
        assert not name.startswith("/")
    assert names[0] == "etc/passwd"
    assert names[1] == "abs/x.pdf"


@pytest.mark.parametrize("name, safe", [
    ("../../x.pdf", "x.pdf"), ("./a/./b.pdf", "a/b.pdf"), ("a\\b\\c.pdf", "a/b/c.pdf"), ("..", "unnamed"), ("", "unnamed"),
])
def test_safe_member_name(name, safe):
    """GIVEN a member name with dot parts, backslashes or nothing left
    WHEN made safe
    THEN only the real parts remain, joined by '/', or 'unnamed'."""
    assert safe_member_name(name) == safe


def test_encrypted_member_flagged_password_protected(tmp_path):
    """GIVEN a zip whose second member has the encryption flag set
    WHEN members are read
    THEN the first is read, the second comes with a password_protected error and no data."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_STORED) as archive:
        archive.writestr("a.pdf", b"a")
        archive.writestr("b.pdf", b"b")
    data = buffer.getvalue()
    # flag only the second member: its local header ... up to the central directory, and its central entry
    second_local = data.find(b"PK\x03\x04", 4)
    data = data[:second_local] + _set_encrypted_flag(data[second_local:data.find(b"PK\x01\x02")]) + data[data.find(b"PK\x01\x02"):]
    second_central = data.find(b"PK\x01\x02", data.find(b"PK\x01\x02") + 4)
    data = data[:second_central] + _set_encrypted_flag(data[second_central:])
    path = tmp_path / "enc.zip"
    path.write_bytes(data)
    members = list(zip_members(path, LIMITS))
    assert [(m.name, m.data) for m in members][0] == ("a.pdf", b"a")
    assert members[1].name == "b.pdf"
    assert members[1].data is None
    assert isinstance(members[1].error, PasswordProtectedError)
    assert members[1].error.code == "password_protected"


def test_too_many_members(tmp_path):
    """GIVEN a zip with 4 members and a limit of 3
    WHEN read
    THEN FileReadError before any member is handed out."""
    path = tmp_path / "many.zip"
    path.write_bytes(_zip_bytes([(f"{i}.pdf", b"x") for i in range(4)]))
    with pytest.raises(FileReadError):
        list(zip_members(path, ProcessingSettings(archive_max_members=3)))
    assert len(list(zip_members(path, ProcessingSettings(archive_max_members=4)))) == 4


def test_declared_size_over_limit(tmp_path):
    """GIVEN a zip whose members declare 2 MB uncompressed in total and a 1 MB limit
    WHEN read
    THEN FileReadError (a zip bomb is refused before reading)."""
    path = tmp_path / "big.zip"
    path.write_bytes(_zip_bytes([("a.bin", b"\0" * (1 << 20)), ("b.bin", b"\0" * (1 << 20))]))
    with pytest.raises(FileReadError) as info:
        list(zip_members(path, ProcessingSettings(archive_max_total_mb=1)))
    assert info.value.code == "unreadable_file"


def test_compression_ratio_guard(tmp_path):
    """GIVEN a member of 2 MB zeros (compresses over 200:1) beside a normal member
    WHEN read with the default limits
    THEN the zeros member is skipped with an error, the normal one read."""
    path = tmp_path / "ratio.zip"
    path.write_bytes(_zip_bytes([("zeros.bin", b"\0" * (2 << 20)), ("ok.txt", "申报报告".encode() * 10)]))
    members = {m.name: m for m in zip_members(path, LIMITS)}
    assert members["zeros.bin"].data is None and isinstance(members["zeros.bin"].error, FileReadError)
    assert members["ok.txt"].data == "申报报告".encode() * 10


def test_corrupt_zip(tmp_path):
    """GIVEN a file named .zip that is not a zip
    WHEN read
    THEN FileReadError."""
    path = tmp_path / "bad.zip"
    path.write_bytes(b"PK\x03\x04 this is not really a zip")
    with pytest.raises(FileReadError):
        list(zip_members(path, LIMITS))


def test_directories_skipped(tmp_path):
    """GIVEN a zip with a directory entry and a file in it
    WHEN read
    THEN only the file is a member."""
    path = tmp_path / "dirs.zip"
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("恒达/", b"")
        archive.writestr("恒达/申报表.pdf", b"pdf")
    path.write_bytes(buffer.getvalue())
    assert [m.name for m in zip_members(path, LIMITS)] == ["恒达/申报表.pdf"]


def test_member_folder():
    """GIVEN members at the top level and in nested folders
    WHEN their folder is asked
    THEN None at the top, else the immediate parent folder."""
    assert Member("a.pdf", b"").folder is None
    assert Member("恒达/扫描/a.pdf", b"").folder == "扫描"


def test_7z_members(tmp_path):
    """GIVEN a 7z archive (made with libarchive) holding 申报表.docx and 恒达/照片.jpg
    WHEN read with libarchive_members
    THEN both members with their names and contents."""
    libarchive = pytest.importorskip("libarchive")
    from pipeline.intake.archives import libarchive_members

    path = tmp_path / "a.7z"
    with libarchive.file_writer(str(path), "7zip") as archive:
        archive.add_file_from_memory("申报表.docx", 4, b"docx")
        archive.add_file_from_memory("恒达/照片.jpg", 3, b"jpg")
    members = {m.name: m.data for m in libarchive_members(path, LIMITS, "7z")}
    assert members == {"申报表.docx": b"docx", "恒达/照片.jpg": b"jpg"}


def test_7z_too_many_members(tmp_path):
    """GIVEN a 7z with 3 members and a limit of 2
    WHEN read
    THEN FileReadError."""
    libarchive = pytest.importorskip("libarchive")
    from pipeline.intake.archives import libarchive_members

    path = tmp_path / "m.7z"
    with libarchive.file_writer(str(path), "7zip") as archive:
        for i in range(3):
            archive.add_file_from_memory(f"{i}.txt", 1, b"x")
    with pytest.raises(FileReadError):
        list(libarchive_members(path, ProcessingSettings(archive_max_members=2), "7z"))

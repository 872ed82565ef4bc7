"""RAR and 7z members through the intake service's archive guards."""

import shutil
import subprocess

import pytest

from pipeline.config import ProcessingSettings
from pipeline.errors import FileReadError, PasswordProtectedError
from pipeline.intake.archives import libarchive_members
from tests.mail.corpus import rar5, seven_zip, text_file, zip_archive


def members(tmp_path, blob, kind, **limits):
    path = tmp_path / f"archive.{kind}"
    path.write_bytes(blob)
    return list(libarchive_members(path, ProcessingSettings(**limits), kind))


def test_rar5_names_traversal_and_encrypted_member(tmp_path):
    blob = rar5(
        [("材料/申报表.txt", text_file("a")), ("../../逃逸.txt", text_file("b")), ("密.txt", text_file("c"))],
        encrypted=frozenset({"密.txt"}),
    )
    found = {m.name: m for m in members(tmp_path, blob, "rar")}
    assert found["材料/申报表.txt"].data == text_file("a")
    assert found["逃逸.txt"].data == text_file("b")
    assert found["密.txt"].data is None and isinstance(found["密.txt"].error, PasswordProtectedError)


def test_zip_stored_inside_rar_is_a_member_not_the_archive(tmp_path):
    inner = zip_archive([("获奖证书.txt", text_file("z"))])
    assert [m.name for m in members(tmp_path, rar5([("a.txt", b"x"), ("内层.zip", inner)]), "rar")] == ["a.txt", "内层.zip"]


def test_rar_total_size_limit(tmp_path):
    with pytest.raises(FileReadError):
        members(tmp_path, rar5([("big.bin", b"\0" * (2 << 20))]), "rar", archive_max_total_mb=1)


def test_rar_member_count_limit(tmp_path):
    with pytest.raises(FileReadError):
        members(tmp_path, rar5([(f"{i}.txt", b"x") for i in range(5)]), "rar", archive_max_members=3)


def test_seven_zip_members(tmp_path):
    found = members(tmp_path, seven_zip([("专家/证明.txt", text_file("7"))]), "7z")
    assert [(m.name, m.data) for m in found] == [("专家/证明.txt", text_file("7"))]


def test_seven_zip_bomb_by_ratio(tmp_path):
    blob = seven_zip([("zeros.bin", b"\0" * (40 << 20))])
    with pytest.raises(FileReadError):
        members(tmp_path, blob, "7z", archive_max_ratio=10)


def test_damaged_archive_is_a_read_error(tmp_path):
    with pytest.raises(FileReadError):
        blob = seven_zip([("a.bin", bytes(range(256)) * 400)])
        members(tmp_path, blob[: len(blob) // 2], "7z")  # cut off in transit


@pytest.mark.skipif(shutil.which("7z") is None, reason="p7zip-full makes encrypted 7z archives")
@pytest.mark.parametrize("header_encryption", [False, True])
def test_encrypted_seven_zip(tmp_path, header_encryption):
    source = tmp_path / "证书.txt"
    source.write_bytes(text_file("secret"))
    target = tmp_path / "enc.7z"
    command = ["7z", "a", "-pSECRET", str(target), str(source)] + (["-mhe=on"] if header_encryption else [])
    subprocess.run(command, check=True, capture_output=True)
    path = tmp_path / "copy.7z"
    path.write_bytes(target.read_bytes())
    if header_encryption:
        with pytest.raises(PasswordProtectedError):
            list(libarchive_members(path, ProcessingSettings(), "7z"))
    else:
        (member,) = libarchive_members(path, ProcessingSettings(), "7z")
        assert isinstance(member.error, PasswordProtectedError)

"""pipeline.intake.archives with tar and gzip/bzip2/xz: a tarball's members by their (GBK or
UTF-8) names, one file compressed as one member named as gzip kept it or as the compressed
file's own name says, bombs stopped, damage reported; and sniff tells them by their bytes."""

from __future__ import annotations

import bz2
import gzip
import io
import lzma
import struct
import tarfile
import zlib
from pathlib import Path

import pytest

from pipeline.config import ProcessingSettings
from pipeline.errors import FileReadError
from pipeline.intake.archives import UNNAMED_COMPRESSED, libarchive_members
from pipeline.readers.sniff import Format, sniff

LIMITS = ProcessingSettings()
REPORT = "梁平区技能大师工作室申报材料\n".encode("utf-8")


def _tar(members: list[tuple[str, bytes]], mode: str = "w", encoding: str = "utf-8") -> bytes:
    buffer = io.BytesIO()
    with tarfile.open(fileobj=buffer, mode=mode, format=tarfile.GNU_FORMAT, encoding=encoding) as archive:
        for name, data in members:
            info = tarfile.TarInfo(name)
            info.size = len(data)
            archive.addfile(info, io.BytesIO(data))
    return buffer.getvalue()


def _members(path: Path, name: str = "", **limits) -> dict[str, bytes | None]:
    fmt = sniff(path)
    assert fmt in (Format.TAR, Format.COMPRESSED)
    return {m.name: m.data for m in libarchive_members(path, ProcessingSettings(**limits), fmt.value, name)}


@pytest.mark.parametrize("mode", ["w", "w:gz", "w:bz2", "w:xz"])
def test_tarball_members(tmp_path, mode):
    path = tmp_path / "材料.tar"
    path.write_bytes(_tar([("恒达机械/申报书.txt", REPORT), ("恒达机械/身份证.jpg", b"\xff\xd8\xff\xe0 photo")], mode))
    assert sniff(path) is (Format.TAR if mode == "w" else Format.COMPRESSED)
    assert _members(path) == {"恒达机械/申报书.txt": REPORT, "恒达机械/身份证.jpg": b"\xff\xd8\xff\xe0 photo"}


def test_tar_names_written_in_gbk(tmp_path):
    path = tmp_path / "gbk.tar"
    path.write_bytes(_tar([("事迹材料.txt", REPORT)], encoding="gbk"))
    assert list(_members(path)) == ["事迹材料.txt"]


def _gzip_named(name: bytes, data: bytes) -> bytes:
    """gzip as the gzip command writes it on a Chinese system: FNAME holds the name's own bytes."""
    deflate = zlib.compressobj(9, zlib.DEFLATED, -15)
    body = deflate.compress(data) + deflate.flush()
    trailer = struct.pack("<II", zlib.crc32(data), len(data))
    return b"\x1f\x8b\x08\x08" + bytes(4) + b"\x00\x03" + name + b"\x00" + body + trailer


@pytest.mark.parametrize("encoding", ["utf-8", "gbk"])
def test_one_file_gzipped_keeps_its_name(tmp_path, encoding):
    path = tmp_path / "blob"
    path.write_bytes(_gzip_named("申报书.pdf".encode(encoding), b"%PDF-1.4 report"))
    assert gzip.decompress(path.read_bytes()) == b"%PDF-1.4 report"
    assert _members(path, "whatever.gz") == {"申报书.pdf": b"%PDF-1.4 report"}


@pytest.mark.parametrize(("compress", "suffix"), [(bz2.compress, "bz2"), (lzma.compress, "xz")])
def test_one_file_compressed_named_by_its_own_name(tmp_path, compress, suffix):
    path = tmp_path / "blob"
    path.write_bytes(compress(b"%PDF-1.4 report"))
    assert _members(path, f"申报书.pdf.{suffix}") == {"申报书.pdf": b"%PDF-1.4 report"}
    assert _members(path, "附件") == {UNNAMED_COMPRESSED: b"%PDF-1.4 report"}


def test_gzip_bomb_stopped(tmp_path):
    path = tmp_path / "bomb.gz"
    path.write_bytes(gzip.compress(bytes(64 << 20)))
    with pytest.raises(FileReadError, match="压缩炸弹"):
        _members(path, "bomb.gz", archive_max_total_mb=32)


def test_damaged_gzip_reported(tmp_path):
    data = gzip.compress(REPORT * 2000)
    path = tmp_path / "cut.gz"
    path.write_bytes(data[: len(data) // 2])
    with pytest.raises(FileReadError, match="gzip/bzip2/xz"):
        _members(path, "cut.gz")


@pytest.mark.parametrize("head", [b"BZh is how this note starts", b"\x1f\x8b but not deflate"])
def test_text_that_merely_starts_like_compression_is_not_taken_for_it(tmp_path, head):
    path = tmp_path / "note"
    path.write_bytes(head)
    assert sniff(path) is not Format.COMPRESSED

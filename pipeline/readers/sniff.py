"""Decides a file's format from its bytes, not its name (applicants rename files freely)."""

from __future__ import annotations

import codecs
import zipfile
from enum import Enum
from pathlib import Path


class Format(Enum):
    PDF = "pdf"
    DOCX = "docx"
    XLSX = "xlsx"
    WORD_LEGACY = "doc"  # .doc, .wps, .rtf, .odt: converted to docx by LibreOffice
    SHEET_LEGACY = "xls"  # .xls, .et, .ods: converted to xlsx by LibreOffice
    IMAGE = "image"
    ZIP = "zip"
    RAR = "rar"
    SEVEN_Z = "7z"
    TAR = "tar"
    COMPRESSED = "compressed"  # gzip, bzip2 or xz: a tarball, or one file compressed
    TEXT = "text"
    ENCRYPTED_OFFICE = "encrypted"
    UNKNOWN = "unknown"


ARCHIVES = {Format.ZIP, Format.RAR, Format.SEVEN_Z, Format.TAR, Format.COMPRESSED}
TAR_MAGIC_OFFSET = 257  # "ustar" in a POSIX or GNU tar header

_IMAGE_MAGIC = (
    b"\xff\xd8\xff",
    b"\x89PNG\r\n\x1a\n",
    b"GIF87a",
    b"GIF89a",
    b"BM",
    b"II*\x00",
    b"MM\x00*",
)


def _utf16(name: str) -> bytes:
    return name.encode("utf-16-le")


def _sniff_ole(data: bytes) -> Format:
    if _utf16("EncryptedPackage") in data:
        return Format.ENCRYPTED_OFFICE
    if _utf16("WordDocument") in data:
        return Format.WORD_LEGACY
    if _utf16("Workbook") in data or _utf16("Book") in data:
        return Format.SHEET_LEGACY
    return Format.UNKNOWN


def _sniff_zip(path: Path) -> Format:
    try:
        with zipfile.ZipFile(path) as archive:
            names = set(archive.namelist())
            if "word/document.xml" in names:
                return Format.DOCX
            if "xl/workbook.xml" in names:
                return Format.XLSX
            if "mimetype" in names:
                mimetype = archive.read("mimetype").decode("ascii", "replace")
                if "opendocument.text" in mimetype:
                    return Format.WORD_LEGACY
                if "opendocument.spreadsheet" in mimetype:
                    return Format.SHEET_LEGACY
    except (zipfile.BadZipFile, OSError, KeyError):
        return Format.ZIP  # the archive reader reports the damage
    return Format.ZIP


def _looks_like_text(head: bytes) -> bool:
    if b"\x00" in head:
        return False
    for encoding in ("utf-8", "gb18030"):
        try:  # not final: the head may end inside a multi-byte character
            decoded = codecs.getincrementaldecoder(encoding)().decode(head, final=False)
        except UnicodeDecodeError:
            continue
        printable = sum(ch.isprintable() or ch in "\r\n\t" for ch in decoded)
        return printable >= 0.95 * max(len(decoded), 1)
    return False


def _compressed(head: bytes) -> bool:
    """gzip (deflate), bzip2 (its first block's magic after the level digit) or xz."""
    return (head.startswith(b"\x1f\x8b\x08") or head.startswith(b"\xfd7zXZ\x00")
            or (head.startswith(b"BZh") and head[3:4].isdigit() and head[4:10] == b"1AY&SY"))


def sniff(path: Path) -> Format:
    """Containers are known by their own magic at offset 0 before anything is looked for
    inside them: a stored (uncompressed) ZIP, RAR or 7z holds its first member's bytes
    near the start, and a PDF member's "%PDF-" there must not make the archive a PDF."""
    with path.open("rb") as handle:
        head = handle.read(8192)
    if head.startswith((b"PK\x03\x04", b"PK\x05\x06")):
        return _sniff_zip(path)
    if head.startswith(b"Rar!\x1a\x07"):
        return Format.RAR
    if head.startswith(b"7z\xbc\xaf\x27\x1c"):
        return Format.SEVEN_Z
    if _compressed(head):
        return Format.COMPRESSED
    if head[TAR_MAGIC_OFFSET : TAR_MAGIC_OFFSET + 5] == b"ustar":
        return Format.TAR
    if head.startswith(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"):
        return _sniff_ole(path.read_bytes()[: 4 << 20])
    if b"%PDF-" in head[:1024]:  # PDF readers accept junk before the header
        return Format.PDF
    if head.startswith(b"{\\rtf"):
        return Format.WORD_LEGACY
    if head.startswith(_IMAGE_MAGIC) or (head[:4] == b"RIFF" and head[8:12] == b"WEBP"):
        return Format.IMAGE
    if head and _looks_like_text(head):
        return Format.TEXT
    return Format.UNKNOWN

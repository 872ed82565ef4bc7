"""Archive members read safely, without ever writing a member path to disk.

Guards: member count, total uncompressed size, per-member compression ratio (zip bombs);
member names reduced to their safe parts (path traversal); encrypted members reported,
not guessed at. ZIP member names without the UTF-8 flag are decoded by which reading is
plausible (`pipeline.charsets`: Windows' Chinese zip tools write GBK, which may also be valid UTF-8).

RAR, 7z, tar and gzip/bzip2/xz (a tarball or one file compressed) are read with libarchive (Debian's libarchive13 reads RAR 2.x-5 and 7z; nothing
else free on Debian 12 decompresses RAR5). libarchive 3.6 does not notice RAR5 encryption
(it hands out ciphertext), so RAR headers are read first with rarfile, which does."""

from __future__ import annotations

import bz2
import gzip
import lzma
import struct
import zipfile
import zlib
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

import libarchive
import rarfile

from pipeline.config import ProcessingSettings
from pipeline.errors import FileReadError, PasswordProtectedError
from pipeline.charsets import decode_bytes
from pipeline.readers.sniff import TAR_MAGIC_OFFSET

# What zipfile and the decompressors under it raise on damaged input: UnicodeDecodeError (a
# ValueError) for a name flagged UTF-8 that is not, NotImplementedError (a RuntimeError) for an
# unknown method, zlib.error for broken deflate data, OSError for broken bzip2 data.
_ZIP_DAMAGE = (zipfile.BadZipFile, OSError, EOFError, ValueError, RuntimeError, struct.error, zlib.error, lzma.LZMAError)
_UTF8_FLAG = 0x800
_ENCRYPTED_FLAG = 0x1
_RATIO_FLOOR = 16 << 20  # small archives may legitimately expand far beyond the ratio
_DECOMPRESSORS = {b"\x1f\x8b": gzip.open, b"BZh": bz2.open, b"\xfd7zXZ": lzma.open}
_GZIP_NAMED, _GZIP_EXTRA = 0x08, 0x04  # gzip header flags: FNAME, FEXTRA
COMPRESSED_SUFFIXES = (".gz", ".bz2", ".xz", ".gzip")
UNNAMED_COMPRESSED = "解压后的文件"  # one file compressed whose name neither it nor its own name tells
_LABELS = {"rar": "RAR", "7z": "7z", "tar": "tar", "compressed": "gzip/bzip2/xz"}


@dataclass(frozen=True)
class Member:
    name: str  # the safe relative path inside the archive
    data: bytes | None  # None when the member could not be read; see `error`
    error: FileReadError | None = None

    @property
    def folder(self) -> str | None:
        parent = PurePosixPath(self.name).parent
        return parent.name if str(parent) not in ("", ".") else None


def safe_member_name(name: str) -> str:
    parts = [p for p in name.replace("\\", "/").split("/") if p not in ("", ".", "..")]
    return "/".join(parts) or "unnamed"


def decode_zip_name(info: zipfile.ZipInfo) -> str:
    if info.flag_bits & _UTF8_FLAG:
        return info.filename
    return decode_bytes(info.filename.encode("cp437"))


def _read_limited(archive: zipfile.ZipFile, info: zipfile.ZipInfo, limit: int) -> bytes:
    chunks, total = [], 0
    with archive.open(info) as handle:
        while chunk := handle.read(1 << 20):
            total += len(chunk)
            if total > limit:
                raise FileReadError(f"压缩包内文件「{info.filename}」解压后过大（疑似压缩炸弹），已跳过")
            chunks.append(chunk)
    return b"".join(chunks)


def zip_members(path: Path, limits: ProcessingSettings) -> Iterator[Member]:
    try:
        archive = zipfile.ZipFile(path)
    except _ZIP_DAMAGE as exc:
        raise FileReadError(f"ZIP 压缩包已损坏，无法解开: {exc}") from exc
    total_limit = limits.archive_max_total_mb << 20
    with archive:
        infos = [info for info in archive.infolist() if not info.is_dir()]
        if len(infos) > limits.archive_max_members:
            raise FileReadError(f"压缩包内有 {len(infos)} 个文件，超过 {limits.archive_max_members} 个的上限，请人工查看")
        declared = sum(info.file_size for info in infos)
        if declared > total_limit:
            raise FileReadError(f"压缩包解压后共 {declared >> 20} MB，超过 {limits.archive_max_total_mb} MB 的上限（疑似压缩炸弹）")
        used = 0
        for info in infos:
            name = safe_member_name(decode_zip_name(info))
            if info.flag_bits & _ENCRYPTED_FLAG:
                yield Member(name, None, PasswordProtectedError(f"压缩包内文件「{name}」设有密码，无法解开"))
                continue
            if info.compress_size and info.file_size / info.compress_size > limits.archive_max_ratio:
                yield Member(name, None, FileReadError(f"压缩包内文件「{name}」压缩比异常（疑似压缩炸弹），已跳过"))
                continue
            try:
                data = _read_limited(archive, info, min(info.file_size + 1024, total_limit - used))
            except FileReadError as error:
                yield Member(name, None, error)
                continue
            except NotImplementedError as exc:  # Deflate64 (Windows for large files), AES, ...
                yield Member(name, None, FileReadError(f"压缩包内文件「{name}」的压缩方式不受支持（{exc}），请人工解压后放入扫描文件夹"))
                continue
            except _ZIP_DAMAGE as exc:
                yield Member(name, None, FileReadError(f"压缩包内文件「{name}」已损坏: {exc}"))
                continue
            used += len(data)
            yield Member(name, data)


def _encrypted_rar_members(path: Path) -> set[str]:
    """Safe names of the encrypted members; raises when the whole archive (its headers) is encrypted."""
    try:
        archive = rarfile.RarFile(path)
        infos = archive.infolist()
    except rarfile.PasswordRequired as exc:
        raise PasswordProtectedError("RAR 压缩包设有密码（连文件列表都已加密），无法解开") from exc
    except (rarfile.Error, OSError) as exc:
        raise FileReadError(f"RAR 压缩包已损坏，无法解开: {exc}") from exc
    if archive.needs_password() and not infos:
        raise PasswordProtectedError("RAR 压缩包设有密码（连文件列表都已加密），无法解开")
    return {safe_member_name(info.filename) for info in infos if info.needs_password()}


def _is_encryption_error(error: Exception) -> bool:
    return "encrypt" in str(error).lower() or "passphrase" in str(error).lower()


def _libarchive_format(path: Path, kind: str) -> str:
    """The one reader to use: with all readers enabled, a ZIP stored inside a RAR wins the bid."""
    if kind == "7z":
        return "7zip"
    if kind == "tar":
        return "tar"
    if kind == "compressed":
        return "tar" if _holds_tar(path) else "raw"
    with path.open("rb") as handle:
        return "rar5" if handle.read(8) == b"Rar!\x1a\x07\x01\x00" else "rar"


def _holds_tar(path: Path) -> bool:
    """Whether a gzip, bzip2 or xz file is a tarball (else it is one file compressed)."""
    with path.open("rb") as handle:
        magic = handle.read(6)
    opener = next((open_ for prefix, open_ in _DECOMPRESSORS.items() if magic.startswith(prefix)), None)
    if opener is None:
        return False
    try:
        with opener(path) as stream:
            head = stream.read(TAR_MAGIC_OFFSET + 5)
    except (OSError, EOFError, lzma.LZMAError):
        return False  # damaged: the reader says so
    return head[TAR_MAGIC_OFFSET:] == b"ustar"


def _compressed_name(path: Path, container_name: str) -> str:
    """The name of the one file compressed: as gzip kept it (FNAME), else the compressed file's
    own name without its suffix (申报书.pdf.bz2), else a made-up one."""
    with path.open("rb") as handle:
        header = handle.read(4096)
    if header[:2] == b"\x1f\x8b" and len(header) >= 10 and header[3] & _GZIP_NAMED:
        start = 10 + (2 + int.from_bytes(header[10:12], "little") if header[3] & _GZIP_EXTRA else 0)
        end = header.find(b"\0", start)
        if end > start:
            return safe_member_name(decode_bytes(header[start:end]))
    stem, dot, suffix = container_name.rpartition(".")
    return safe_member_name(stem) if dot and stem and f".{suffix.lower()}" in COMPRESSED_SUFFIXES else UNNAMED_COMPRESSED


def libarchive_members(path: Path, limits: ProcessingSettings, kind: str, container_name: str = "") -> Iterator[Member]:
    """Members of a RAR, 7z, tar or compressed file (`kind` is a `Format` value), guarded like
    zip_members; one file compressed is one member, named as gzip kept it.

    libarchive does not tell compressed sizes, so the ratio guard applies to the whole
    archive: output beyond `archive_max_ratio` times the archive's size is a bomb."""
    encrypted = _encrypted_rar_members(path) if kind == "rar" else set()
    label = _LABELS[kind]
    format_name = _libarchive_format(path, kind)
    total_limit = min(limits.archive_max_total_mb << 20, max(path.stat().st_size * limits.archive_max_ratio, _RATIO_FLOOR))
    used = count = 0
    try:
        with libarchive.file_reader(str(path), format_name=format_name) as archive:
            for entry in archive:
                if not entry.isfile:
                    continue
                count += 1
                if count > limits.archive_max_members:
                    raise FileReadError(f"压缩包内文件超过 {limits.archive_max_members} 个的上限，请人工查看")
                raw = entry.pathname
                name = (_compressed_name(path, container_name) if format_name == "raw"
                        else safe_member_name(raw if isinstance(raw, str) else decode_bytes(raw)))
                if name in encrypted:
                    yield Member(name, None, PasswordProtectedError(f"压缩包内文件「{name}」设有密码，无法解开"))
                    continue
                chunks = []
                try:
                    for block in entry.get_blocks():
                        used += len(block)
                        if used > total_limit:
                            raise FileReadError(f"{label} 压缩包解压后过大（疑似压缩炸弹），其余文件已跳过")
                        chunks.append(block)
                except libarchive.ArchiveError as exc:
                    if _is_encryption_error(exc):
                        yield Member(name, None, PasswordProtectedError(f"压缩包内文件「{name}」设有密码，无法解开"))
                        continue
                    raise FileReadError(f"{label} 压缩包内文件「{name}」已损坏: {exc.msg}") from exc
                yield Member(name, b"".join(chunks))
    except libarchive.ArchiveError as exc:
        if _is_encryption_error(exc) or encrypted:
            raise PasswordProtectedError(f"{label} 压缩包设有密码，无法解开") from exc
        raise FileReadError(f"{label} 压缩包已损坏或格式不受支持，无法自动解开，请人工解压后放入扫描文件夹（{exc.msg}）") from exc

"""File names and paths as text that can be stored and shown.

A name read from disk may hold bytes that are not UTF-8 (a Windows zip unpacked with `unzip`
leaves GBK names). Python hands such bytes over as lone surrogates (PEP 383), which SQLite,
UTF-8 files and every output refuse. And GBK bytes can happen to be valid UTF-8 too (学位证
in GBK reads as ѧλ֤), so Python's reading is not the last word either. Each path part that
is not plain ASCII is read again from its bytes by `charsets.decode_bytes`, which keeps the
most plausible of the UTF-8, GB18030 and Latin readings; bytes that no strict reading takes are
kept as visible escapes (`\\xff`), so the name still tells them apart.
"""

from __future__ import annotations

import re

from pipeline.charsets import decode_bytes

_STRICT_CODECS = ("utf-8", "gb18030")  # a name that neither reads is no text: escaped, not guessed
_NOT_ESCAPED_BYTE = re.compile("[\ud800-\udc7f\udd00-\udfff]")  # surrogates PEP 383 never makes


def _decodes_strictly(raw: bytes) -> bool:
    for codec in _STRICT_CODECS:
        try:
            raw.decode(codec)
        except UnicodeDecodeError:
            continue
        return True
    return False


def _part_text(part: str) -> str:
    if part.isascii():
        return part
    part = _NOT_ESCAPED_BYTE.sub(lambda match: f"\\u{ord(match.group()):04x}", part)
    raw = part.encode("utf-8", "surrogateescape")
    if _decodes_strictly(raw):
        return decode_bytes(raw)
    return raw.decode("utf-8", "backslashreplace")


def readable_name(text: str) -> str:
    """`text` (a file name, a path, a source) as its most plausible reading, every byte no
    reading takes made visible."""
    if text.isascii():
        return text
    return "/".join(_part_text(part) for part in text.split("/"))

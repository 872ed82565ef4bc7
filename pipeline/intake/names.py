"""File names and paths as text that can be stored and shown.

A name read from disk may hold bytes that are not UTF-8 (a Windows zip unpacked with `unzip`
leaves GBK names). Python hands such bytes over as lone surrogates (PEP 383), which SQLite,
UTF-8 files and every output refuse. Each path part holding them is read again from its bytes
as GB18030 (which covers GBK), the encoding Chinese Windows writes; bytes that are not
GB18030 either are kept as visible escapes (`\\xff`), so the name still tells them apart.
"""

from __future__ import annotations

import re

_SURROGATE = re.compile("[\ud800-\udfff]")
_NOT_ESCAPED_BYTE = re.compile("[\ud800-\udc7f\udd00-\udfff]")  # surrogates PEP 383 never makes


def _part_text(part: str) -> str:
    if not _SURROGATE.search(part):
        return part
    part = _NOT_ESCAPED_BYTE.sub(lambda match: f"\\u{ord(match.group()):04x}", part)
    raw = part.encode("utf-8", "surrogateescape")
    try:
        return raw.decode("gb18030")
    except UnicodeDecodeError:
        return raw.decode("utf-8", "backslashreplace")


def readable_name(text: str) -> str:
    """`text` (a file name, a path, a source) with every undecoded byte read or made visible."""
    if not _SURROGATE.search(text):
        return text
    return "/".join(_part_text(part) for part in text.split("/"))

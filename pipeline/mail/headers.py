"""Header text as mail clients in China really write it, decoded to str.

Handled: RFC 2047 encoded words in any charset (GB2312/GBK declared for GB18030 bytes,
multi-byte characters split across adjacent encoded words), encoded words inside quoted
parameters (QQ Mail, Foxmail), RFC 2231 `filename*=` with continuations (preferred to a plain
`filename=` beside it), HZ-GB-2312, and raw 8-bit bytes (by which reading is plausible text,
`pipeline.charsets`). Header values arrive as bytes: nothing is decoded twice.
"""

from __future__ import annotations

import binascii
import codecs
import email.message
import re
from datetime import datetime, timezone
from email.utils import parsedate_to_datetime

from pipeline.charsets import decode_bytes

_ENCODED_WORD = re.compile(rb"=\?([^?\s]+)\?([bBqQ])\?([^?\s]*)\?=")
_FOLD = re.compile(rb"\r?\n[ \t]")
_GB_FAMILY = {"gb2312", "gbk", "cp936", "x-gbk", "gb18030", "euc-cn", "csgb2312", "936"}


def normalise_charset(charset: str | None) -> str | None:
    """A Python codec for a declared charset; the GB family maps to its superset GB18030
    (not HZ-GB-2312: 7-bit `~{...~}` text, which has its own codec)."""
    if not charset:
        return None
    name = charset.strip().strip('"').lower().split("*")[0]  # RFC 2231 allows charset*language
    if name in _GB_FAMILY:
        return "gb18030"
    try:
        return codecs.lookup(name).name
    except LookupError:
        return None


def decode_with_charset(data: bytes, charset: str | None) -> str:
    """Bytes in a declared charset; a wrong declaration falls back to decode_bytes."""
    codec = normalise_charset(charset)
    if codec is not None:
        try:
            return data.decode(codec)
        except UnicodeDecodeError:
            pass
    return decode_bytes(data)


def _decode_word(kind: bytes, payload: bytes) -> bytes:
    if kind in (b"b", b"B"):
        payload = payload + b"=" * (-len(payload) % 4)
        try:
            return binascii.a2b_base64(payload)
        except binascii.Error:
            return b""
    return binascii.a2b_qp(payload, header=True)


def decode_header_bytes(raw: bytes) -> str:
    """A header value (or a parameter value) as bytes off the wire, decoded to str."""
    raw = _FOLD.sub(b" ", raw)
    pieces: list[tuple[bytes, str | None, bool]] = []  # (bytes, charset, from an encoded word)
    position = 0
    for match in _ENCODED_WORD.finditer(raw):
        between = raw[position : match.start()]
        after_word = bool(pieces) and pieces[-1][2]
        if between and not (after_word and not between.strip()):  # blanks between words vanish
            pieces.append((between, None, False))
        charset = normalise_charset(match.group(1).decode("ascii", "replace")) or "utf-8"
        data = _decode_word(match.group(2), match.group(3))
        if pieces and pieces[-1][2] and pieces[-1][1] == charset:
            # Adjacent words of one charset are one byte string: clients split characters.
            pieces[-1] = (pieces[-1][0] + data, charset, True)
        else:
            pieces.append((data, charset, True))
        position = match.end()
    if position < len(raw):
        pieces.append((raw[position:], None, False))
    text = "".join(decode_with_charset(data, charset) if encoded else decode_bytes(data) for data, charset, encoded in pieces)
    return text.strip()


def header_param(raw_header: bytes, name: str) -> str | None:
    """One parameter (`filename`, `name`) of a structured header, decoded whatever the encoding.
    The RFC 2231 form (`filename*=`) wins over the plain one when a client writes both: it is
    the one that carries its charset, the plain one is the fallback for old readers."""
    holder = email.message.Message()
    holder["x"] = raw_header.decode("latin-1")  # one char per byte: no surrogates, bytes come back intact
    values = [value for key, value in holder.get_params([], header="x")[1:] if key.lower() == name.lower()]
    extended = [value for value in values if isinstance(value, tuple)]
    for charset, _language, text in extended:  # RFC 2231: percent-decoded latin-1 text
        decoded = decode_with_charset(text.encode("latin-1", "replace"), charset).strip()
        if decoded:
            return decoded
    for value in values:
        if isinstance(value, str):
            decoded = decode_header_bytes(value.encode("latin-1", "replace"))
            if decoded:
                return decoded
    return None


def parse_date(value: str | None) -> datetime | None:
    """An RFC 5322 date; a date without zone is taken as UTC. None when unparseable."""
    if not value:
        return None
    try:
        parsed = parsedate_to_datetime(value.strip())
    except (TypeError, ValueError, IndexError):
        return None
    return parsed if parsed.tzinfo is not None else parsed.replace(tzinfo=timezone.utc)

"""Files uuencoded into a mail's text body (`begin 644 NAME` ... `end`), as old mail clients
and some scanners' mailers still send them. Python's email package decodes a part whose
Content-Transfer-Encoding is x-uuencode, but not a block inside a text body."""

from __future__ import annotations

import binascii
import re
from dataclasses import dataclass

_BLOCK = re.compile(r"^begin[ \t]+[0-7]{3,4}[ \t]+(?P<name>[^\r\n]+?)[ \t]*\r?\n(?P<body>.*?)(?P<end>^end[ \t]*$|\Z)", re.M | re.S)


@dataclass(frozen=True)
class UuFile:
    filename: str  # as written after `begin 644`
    data: bytes


@dataclass(frozen=True)
class Uuencoded:
    files: list[UuFile]
    problems: list[tuple[str, str]]  # (file name, Chinese reason for staff)
    text: str  # the body without the blocks


def _decode(body: str) -> bytes:
    """Raises binascii.Error on a line that is not uuencoding."""
    out = bytearray()
    for line in body.splitlines():
        if not line.strip() or line.strip() == "`":
            continue
        try:
            out += binascii.a2b_uu(line)
        except binascii.Error:  # what the retired uu module did for encoders that add junk after the data
            out += binascii.a2b_uu(line[: ((ord(line[0]) - 32 & 63) * 4 + 5) // 3])
    return bytes(out)


def find_uuencoded(text: str) -> Uuencoded:
    files: list[UuFile] = []
    problems: list[tuple[str, str]] = []
    for match in _BLOCK.finditer(text):
        name = match.group("name").strip()  # as written: the caller makes it a safe file name
        if not match.group("end"):
            problems.append((name, f"正文中的附件「{name}」不完整（缺少结尾），无法取出，请联系发件人重新发送"))
            continue
        try:
            data = _decode(match.group("body"))
        except (binascii.Error, ValueError, IndexError):
            problems.append((name, f"正文中的附件「{name}」编码已损坏，无法解码，请联系发件人重新发送"))
            continue
        files.append(UuFile(name, data))
    remaining = _BLOCK.sub("", text) if files or problems else text
    return Uuencoded(files, problems, remaining)

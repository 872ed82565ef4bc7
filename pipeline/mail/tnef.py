"""Outlook's winmail.dat (TNEF): the attachments inside, with their names.

tnefparse (pure Python, no dependencies) is the one maintained TNEF reader on PyPI; TNEF
itself has not changed since Exchange 2000, so its 1.4 release (2021) is current. It decodes
the 8.3 title as UTF-8, which fails for the GBK titles Chinese Outlook writes; those bytes
are decoded here instead.
"""

from __future__ import annotations

from dataclasses import dataclass

from tnefparse import TNEF

from pipeline.charsets import decode_bytes


@dataclass(frozen=True)
class TnefFile:
    filename: str
    data: bytes


@dataclass(frozen=True)
class TnefContents:
    files: list[TnefFile]
    empty: list[str]  # names of attachments that hold no data: reported, never dropped silently


def tnef_contents(data: bytes) -> TnefContents:
    """The files packed in a TNEF blob; raises ValueError when it is not valid TNEF."""
    try:
        parsed = TNEF(data, do_checksum=False)
    except (ValueError, IndexError, KeyError, UnicodeDecodeError) as exc:
        raise ValueError(f"not a readable TNEF file: {exc}") from exc
    files, empty = [], []
    for attachment in parsed.attachments:
        try:
            name = attachment.long_filename()
        except UnicodeDecodeError:
            name = decode_bytes(attachment._name).strip("\x00")  # the raw title bytes (GBK)
        name = str(name).strip() or "winmail附件"
        if attachment.data:
            files.append(TnefFile(filename=name, data=bytes(attachment.data)))
        else:
            empty.append(name)
    return TnefContents(files, empty)

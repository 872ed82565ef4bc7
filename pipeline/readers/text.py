"""Plain text files, in UTF-8 or GB18030 (which covers GBK and GB2312)."""

from __future__ import annotations

from pathlib import Path

from pipeline.models import Extraction, PageContent


def decode_text(data: bytes) -> str:
    for encoding in ("utf-8-sig", "gb18030"):
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    return data.decode("utf-8", errors="replace")


def read_text(path: Path) -> Extraction:
    return Extraction(kind="text", pages=[PageContent(number=1, text=decode_text(path.read_bytes()))])

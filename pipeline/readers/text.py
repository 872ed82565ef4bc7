"""Plain text files, in UTF-8 or GB18030 (which covers GBK and GB2312)."""

from __future__ import annotations

from pathlib import Path

from pipeline.models import Extraction, PageContent
from pipeline.charsets import decode_bytes


def read_text(path: Path) -> Extraction:
    return Extraction(kind="text", pages=[PageContent(number=1, text=decode_bytes(path.read_bytes()))])

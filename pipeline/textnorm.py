"""Text normalisation shared by classification, field extraction and the checks."""

from __future__ import annotations

import re
import unicodedata

_SPACE = re.compile(r"\s+")


def is_chinese(char: str) -> bool:
    """A CJK unified ideograph (the characters of Chinese text, not its punctuation)."""
    return "\u4e00" <= char <= "\u9fff"


def fold(text: str) -> str:
    """Full-width to half-width and compatibility forms folded (NFKC)."""
    return unicodedata.normalize("NFKC", text)


def compact(text: str) -> str:
    """Folded, without any white space: "申  报  表" -> "申报表"."""
    return _SPACE.sub("", fold(text))


def count_chars(text: str) -> int:
    """Characters as the notice counts them: every character but white space
    (Word's and WPS's 字符数（不计空格）)."""
    return len(_SPACE.sub("", text))

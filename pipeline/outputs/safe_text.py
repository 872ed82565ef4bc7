"""The one sanitiser every text passes on its way into an output.

Subjects, bodies and file names come from strangers. Whatever they hold must neither break an
output (openpyxl refuses control characters, XML refuses U+FFFE, UTF-8 refuses lone
surrogates) nor act in it (a workbook cell `=1+1` is a live formula; ESC on a terminal is a
command). Pure functions, no I/O: the writers call them at their boundary.

- Control characters become a visible stand-in: C0 as its Control Picture (ESC → ␛, NUL → ␀),
  DEL as ␡; C1 controls, lone surrogates, the non-characters U+FFFE/U+FFFF and the bidirectional
  embeddings, overrides and isolates (U+202E shows `H03-\u202egpj.docx` as `H03-xcod.jpg`) as U+FFFD.
  Tab and line feed stay (every output here allows them); CR and CRLF become a line feed.
- A text a spreadsheet would read as a formula (= + - @, also after leading white space) is
  reported by `looks_like_formula`, for the workbook to store it as plain text.
- Length is capped, with a visible mark that the text was cut.
"""

from __future__ import annotations

import re
from typing import Any

REPLACEMENT = "\ufffd"
DELETE_PICTURE = "\u2421"
CONTROL_PICTURES = 0x2400  # U+2400 + code point: the picture of a C0 control character
CUT_MARK = "…（已截断）"
WORKBOOK_CELL_LIMIT = 32_767  # Excel's most characters in one cell
OUTPUT_TEXT_LIMIT = 10_000  # HTML, JSON, terminal: no real name or reason comes near it
FILE_NAME_LIMIT = 60
FORMULA_PREFIXES = frozenset("=+-@")

_LINE_BREAKS = re.compile(r"\r\n?")
_UNSAFE = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\ud800-\udfff\ufffe\uffff]")
_NOT_IN_FILE_NAMES = re.compile(r'[\\/:*?"<>|\t\n]')


def _stand_in(match: re.Match[str]) -> str:
    code = ord(match.group())
    if code < 0x20:
        return chr(CONTROL_PICTURES + code)
    if code == 0x7F:
        return DELETE_PICTURE
    return REPLACEMENT


def clean_text(text: str, limit: int = OUTPUT_TEXT_LIMIT) -> str:
    """`text` with every control character visible and at most `limit` characters."""
    cleaned = _UNSAFE.sub(_stand_in, _LINE_BREAKS.sub("\n", text))
    if len(cleaned) > limit:
        cleaned = cleaned[: limit - len(CUT_MARK)] + CUT_MARK
    return cleaned


def clean_value(value: Any, limit: int = OUTPUT_TEXT_LIMIT) -> Any:
    """A value with every text in it cleaned: strings, and strings inside dicts, lists, tuples."""
    if isinstance(value, str):
        return clean_text(value, limit)
    if isinstance(value, dict):
        return {clean_value(key, limit): clean_value(item, limit) for key, item in value.items()}
    if isinstance(value, (list, tuple)):
        return [clean_value(item, limit) for item in value]
    return value


def looks_like_formula(text: str) -> bool:
    """True when a spreadsheet would take `text` as a formula (`=1+1`, `+A1`, `\\t@SUM(…)`)."""
    stripped = text.lstrip(" \t\n")
    return bool(stripped) and stripped[0] in FORMULA_PREFIXES


def file_name_text(text: str, limit: int = FILE_NAME_LIMIT) -> str:
    """`text` cleaned for use as one file name: no path separators, no characters Windows refuses."""
    name = _NOT_IN_FILE_NAMES.sub("_", clean_text(text, limit=len(text)))
    return name.strip(" .")[:limit] or "_"

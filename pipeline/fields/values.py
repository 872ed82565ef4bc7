"""Turning a raw cell or text value into a clean field value, by the field's kind."""

from __future__ import annotations

import re
from typing import Any

from pipeline.textnorm import compact, fold

_DATE = re.compile(r"(19|20)(\d{2})\s*[年.\-/]\s*(\d{1,2})(?:\s*[月.\-/]\s*(\d{1,2}))?")
_INT = re.compile(r"\d+")
_PHONE = re.compile(r"(?:\d[\d\-\s]{5,}\d)")
_SEAL_NOTE = re.compile(r"[(（]?(盖章|签字盖章|公章)[)）]?$")
_PERSON_NAME = re.compile(r"[\u4e00-\u9fff]{2,4}|[\u4e00-\u9fff]{1,6}·[\u4e00-\u9fff]{1,8}")
_PLACEHOLDER = re.compile(r"^[\s_/—\-－.。、“”\"'|无]*$")


def is_blank(value: str) -> bool:
    return not value or bool(_PLACEHOLDER.match(value))


def clean(kind: str, raw: str) -> Any:
    """The value, or None when the raw text holds none of this kind."""
    if raw is None or is_blank(raw):
        return None
    text = fold(raw).strip()
    if kind == "int":
        match = _INT.search(text.replace(",", ""))
        return int(match.group(0)) if match else None
    if kind == "date":
        match = _DATE.search(text)
        if not match:
            return None
        year, month, day = match.group(1) + match.group(2), int(match.group(3)), match.group(4)
        if not 1 <= month <= 12:
            return None
        return f"{year}-{month:02d}" + (f"-{int(day):02d}" if day else "")
    if kind == "id_number":
        value = compact(text).upper()
        match = re.search(r"\d{17}[\dX]", value)
        return match.group(0) if match else None
    if kind == "phone":
        match = _PHONE.search(text)
        return re.sub(r"\s", "", match.group(0)) if match else None
    if kind == "name":
        value = compact(text).strip("“”\"'|")
        return value if _PERSON_NAME.fullmatch(value) else None
    if kind == "unit":
        return _SEAL_NOTE.sub("", compact(text)) or None
    if kind == "long_text":
        return raw.strip()
    return compact(text) or None

"""Fields found in the running text of ID cards and certificates."""

from __future__ import annotations

import re
from typing import Any

from pipeline import idnumber
from pipeline.fields.levels import LEVELS
from pipeline.textnorm import fold

_LEVEL_AFTER_LABEL = re.compile(r"等[^\n]{0,3}?级[^\u4e00-\u9fff]{0,4}(" + "|".join(LEVELS) + ")")
_NAME_AFTER = re.compile(r"姓\s*名[:：\s]*([\u4e00-\u9fff·]{2,5})")


def id_card_fields(text: str) -> dict[str, Any]:
    fields: dict[str, Any] = {}
    numbers = idnumber.find_numbers(fold(text))
    if numbers:
        fields["id_number"] = numbers[0]
        born = idnumber.birth_date(numbers[0])
        if born:
            fields["birth_date"] = born.isoformat()
    name = _NAME_AFTER.search(text)
    if name:
        fields["expert"] = name.group(1)
    return fields


def certificate_fields(text: str) -> dict[str, Any]:
    fields: dict[str, Any] = {}
    compacted = re.sub(r"\s+", "", fold(text))
    labelled = _LEVEL_AFTER_LABEL.search(compacted)
    if labelled:
        fields["skill_level"] = labelled.group(1)
    else:
        for level in LEVELS:
            if re.search(level + r"(?!学院|学校)", compacted):
                fields["skill_level"] = level
                break
    name = _NAME_AFTER.search(text)
    if name:
        fields["expert"] = name.group(1)
    return fields

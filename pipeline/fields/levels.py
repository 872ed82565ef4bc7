"""Skill levels (技能等级) and professional titles (职称), which forms often put in one cell
("技能等级/职称: 高级工/高级农艺师")."""

from __future__ import annotations

import re
from typing import Any

LEVELS = ("首席技师", "特级技师", "高级技师", "技师", "高级工", "中级工", "初级工")
_SEPARATORS = re.compile(r"[/／、，,;；]|\s+")


def is_skill_level(text: str) -> bool:
    return any(text.endswith(level) or text == level for level in LEVELS) or bool(re.search(r"[一二三四五]级$", text))


def split_level_and_title(fields: dict[str, Any]) -> None:
    """A combined value in `skill_level` is divided: the skill level stays, the rest becomes
    the title (unless the form gave a title of its own)."""
    value = fields.get("skill_level")
    if not isinstance(value, str):
        return
    parts = [part for part in _SEPARATORS.split(value) if part and part not in ("无", "—", "-")]
    if len(parts) < 2:
        return
    levels = [part for part in parts if is_skill_level(part)]
    others = [part for part in parts if not is_skill_level(part)]
    if levels:
        fields["skill_level"] = levels[0]
    if others and not fields.get("title"):
        fields["title"] = "、".join(others)

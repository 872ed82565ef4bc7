"""The application form (附件1): label cells paired with value cells, in any arrangement,
the team member rows, and the opinion boxes (signed? dated?)."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from pipeline.fields.labels import LabelIndex, label_key
from pipeline.fields.values import clean, is_blank
from pipeline.models import Table
from pipeline.textnorm import compact, count_chars

_DATE_FILLED = re.compile(r"(19|20)\d{2}\s*[年.\-/]\s*\d{1,2}\s*[月.\-/]\s*\d{1,2}")
_TEMPLATE_WORDS = re.compile(r"[(（]?签字盖章[)）]?|[(（]?盖章[)）]?|年|月|日|意见|[:：\s_]")
_MEMBER_HEADER_FIELDS = {"expert", "age", "skill_level", "title", "occupation", "gender"}
_MEMBER_HEADER_WORDS = ("姓名", "年龄", "职务", "技能等级", "职称", "工种", "性别", "学历", "出生年月")


@dataclass
class FormFields:
    fields: dict[str, Any] = field(default_factory=dict)
    opinions: dict[str, dict[str, bool]] = field(default_factory=dict)
    team_members: list[str] = field(default_factory=list)


def _is_member_header(row: list[str]) -> bool:
    words = sum(any(word in compact(cell) for word in _MEMBER_HEADER_WORDS) for cell in row)
    return words >= 3 and any("姓名" in compact(cell) for cell in row)


def _team_members(tables: list[Table]) -> list[str]:
    members: list[str] = []
    for table in tables:
        for index, row in enumerate(table):
            if not _is_member_header(row):
                continue
            name_col = next(i for i, cell in enumerate(row) if "姓名" in compact(cell))
            for below in table[index + 1 :]:
                if name_col >= len(below) or _is_member_header(below):
                    break
                name = compact(below[name_col])
                if is_blank(name) or len(name) > 12 or any(ch.isdigit() for ch in name):
                    # a row of the main form (e.g. 命名专家主要工作业绩) ends the member list
                    if members:
                        break
                    continue
                members.append(name)
            return members
    return members


def _opinion(box_text: str) -> dict[str, bool]:
    rest = _TEMPLATE_WORDS.sub("", compact(box_text))
    return {"signed": len(rest) >= 2, "dated": bool(_DATE_FILLED.search(box_text))}


def _find_opinions(tables: list[Table], boxes: list[str]) -> dict[str, dict[str, bool]]:
    found: dict[str, dict[str, bool]] = {}
    for table in tables:
        for row in table:
            for col, cell in enumerate(row):
                key = compact(cell)
                for box in boxes:
                    if box in found or not key.startswith(box):
                        continue
                    inside = compact(cell)[len(box):]
                    value = "\n".join(row[col + 1 :]) if col + 1 < len(row) else ""
                    found[box] = _opinion(inside + "\n" + value)
    return found


def extract_form(tables: list[Table], labels: LabelIndex, opinion_boxes: list[str]) -> FormFields:
    result = FormFields()
    best_rank: dict[str, int] = {}

    def offer(name: str, rank: int, raw: str) -> None:
        value = clean(labels.kind(name), raw)
        if value is None or (name in best_rank and best_rank[name] <= rank):
            return
        best_rank[name] = rank
        result.fields[name] = value

    for table in tables:
        for r, row in enumerate(table):
            if _is_member_header(row):
                continue
            for c, cell in enumerate(row):
                match = labels.match(cell)
                if match is None:
                    inline = _inline_label(cell, labels)
                    if inline:
                        offer(*inline)
                    continue
                value = _neighbour_value(table, r, c, labels)
                if value is not None:
                    offer(match.field, match.rank, value)
    achievements = result.fields.pop("achievements", None)
    if achievements is not None:
        result.fields["achievements_chars"] = count_chars(achievements)
        result.fields["achievements_text"] = achievements
    result.team_members = _team_members(tables)
    if "team_size" not in result.fields and result.team_members:
        result.fields["team_size"] = len(result.team_members)
    result.opinions = _find_opinions(tables, opinion_boxes)
    return result


def _neighbour_value(table: Table, r: int, c: int, labels: LabelIndex) -> str | None:
    """The value next to a label: the next cell to the right, else the cell below."""
    row = table[r]
    for cell in row[c + 1 :]:
        if labels.match(cell):
            break
        if not is_blank(cell):
            return cell
    if r + 1 < len(table) and c < len(table[r + 1]):
        below = table[r + 1][c]
        if not is_blank(below) and labels.match(below) is None:
            return below
    return None


def _inline_label(cell: str, labels: LabelIndex) -> tuple[str, int, str] | None:
    """A cell holding both label and value: "申报单位：重庆市××有限公司"."""
    parts = re.split(r"[:：]", cell, maxsplit=1)
    if len(parts) != 2 or is_blank(parts[1]):
        return None
    match = labels.match(parts[0])
    if match is None or label_key(parts[0]) == "":
        return None
    return match.field, match.rank, parts[1]

"""The application form (附件1): label cells paired with value cells, in any arrangement,
the team member rows, and the opinion boxes (signed? dated?)."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from pipeline.fields.labels import LabelIndex, label_key
from pipeline.fields.levels import split_level_and_title
from pipeline.fields.values import clean, is_blank
from pipeline.models import Table
from pipeline.rules import OpinionRules
from pipeline.textnorm import compact, count_chars

_DATE_FILLED = re.compile(r"(19|20)\d{2}\s*[年.\-/]\s*\d{1,2}\s*[月.\-/]\s*\d{1,2}")
_DATE_LINE = re.compile(r"(?:(?:19|20)\d{2}|\s|_)*年[\s_\d]*月[\s_\d]*日")
_TEMPLATE_WORDS = re.compile(r"[(（]?签字盖章[)）]?|[(（]?盖章[)）]?|年|月|日|意见|[:：\s_]")
_MEMBER_HEADER_WORDS = ("姓名", "年龄", "职务", "技能等级", "职称", "工种", "性别", "学历", "出生年月")
MAX_SHORT_VALUE = 30  # a value between two labels longer than this is prose, not a field
MIN_TRAILING_LABEL = 4  # characters of a label that may be cut off the end of a value


@dataclass
class FormFields:
    fields: dict[str, Any] = field(default_factory=dict)
    opinions: dict[str, dict[str, bool]] = field(default_factory=dict)
    team_members: list[str] = field(default_factory=list)


def _is_member_header(row: list[str]) -> bool:
    """The header of the team table: a cell that is just 姓名, and two more column titles."""
    keys = [label_key(cell) for cell in row]
    return "姓名" in keys and sum(key in _MEMBER_HEADER_WORDS for key in keys) >= 3


def _team_members(tables: list[Table]) -> list[str]:
    members: list[str] = []
    for table in tables:
        for index, row in enumerate(table):
            if not _is_member_header(row):
                continue
            name_col = next(i for i, cell in enumerate(row) if label_key(cell) == "姓名")
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
    rest = _TEMPLATE_WORDS.sub("", _DATE_FILLED.sub("", compact(box_text)))
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


def opinions_from_text(text: str, boxes: list[str], last: str) -> dict[str, dict[str, bool]]:
    """Opinion boxes in running text (scans, PDFs), where a label may stand in the middle
    of its content (a vertically centred cell). Between two labels, the lines up to the
    first date line (filled or a blank 年 月 日) belong to the box above; without a date
    line, the lines are shared half and half. Up to two lines before the first label
    belong to it."""
    lines = [compact(line) for line in text.splitlines() if line.strip()]
    labels = [*boxes, last]
    where: list[tuple[str, int]] = []
    start = 0
    for label in labels:
        index = next((i for i in range(start, len(lines)) if label in lines[i]), None)
        if index is not None:
            where.append((label, index))
            start = index + 1
    found: dict[str, dict[str, bool]] = {}
    carried: list[str] = lines[max(0, where[0][1] - 2) : where[0][1]] if where else []
    for position, (label, index) in enumerate(where):
        if label == last:
            break
        stop = where[position + 1][1] if position + 1 < len(where) else len(lines)
        own = [lines[index].split(label, 1)[1], *lines[index + 1 : stop]]
        dated_at = next((i for i, line in enumerate(own) if _DATE_LINE.search(line)), None)
        cut = dated_at + 1 if dated_at is not None else (len(own) + 1) // 2
        found[label] = _opinion("".join(carried + own[:cut]))
        carried = own[cut:]
    return found


def extract_form(tables: list[Table], labels: LabelIndex, opinion_boxes: list[str]) -> FormFields:
    result = FormFields()
    best_rank: dict[str, int] = {}

    def offer(name: str, rank: int, raw: str) -> None:
        value = None if labels.is_label_text(raw) else clean(labels.kind(name), raw)
        if value is None or (name in best_rank and best_rank[name] <= rank):
            return
        best_rank[name] = rank
        result.fields[name] = value

    for table in tables:
        for r, row in enumerate(table):
            if _is_member_header(row):
                continue
            for c, cell in enumerate(row):
                if any(compact(cell).startswith(box) for box in opinion_boxes):
                    continue  # 所在单位意见 is a box of its own, not the label 所在单位
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


def read_form(tables: list[Table], text: str, labels: LabelIndex, opinions: OpinionRules) -> FormFields:
    """The application form's fields and opinion boxes from every source it offers, strongest
    first: its tables, its text read as a grid (OCR'd or table-less forms), its text read as
    labels and values run together. Team members are listed under `team_members`."""
    form = extract_form(tables, labels, opinions.boxes)
    from_text = extract_form([grid_from_text(text)], labels, opinions.boxes)
    run_together = fields_from_label_sequence(text, labels)
    run_together.pop("achievements", None)
    fields = {**run_together, **from_text.fields, **form.fields}
    fields.pop("seq", None)
    split_level_and_title(fields)
    members = form.team_members or from_text.team_members
    if members:
        fields["team_members"] = members
    in_text = opinions_from_text(text, opinions.boxes, opinions.last)
    return FormFields(fields, {**in_text, **form.opinions}, members)


def _without_trailing_label(cell: str, labels: LabelIndex) -> str:
    """A value read together with the label of the next, empty cell ("高级技师专业技术职称":
    the two cells stood too close for the OCR line to part them): the value alone. Only
    labels of four characters or more: a value may end in a short one ("中级职称")."""
    text = compact(cell)
    if len(text) > MAX_SHORT_VALUE:
        return cell
    for key, _ in labels.prefixes():
        if len(key) >= MIN_TRAILING_LABEL and text.endswith(key) and not is_blank(text[: -len(key)]):
            return text[: -len(key)]
    return cell


def _neighbour_value(table: Table, r: int, c: int, labels: LabelIndex) -> str | None:
    """The value next to a label: the next cell to the right, else the cell below."""
    row = table[r]
    for cell in row[c + 1 :]:
        if labels.is_label(cell):
            break
        if not is_blank(cell) and not labels.is_label_piece(cell):  # a piece of a label's text: "(职"
            return _without_trailing_label(cell, labels)
    if r + 1 < len(table) and c < len(table[r + 1]):
        below = table[r + 1][c]
        if not is_blank(below) and labels.match(below) is None and not labels.is_label_text(below):
            return below
    return None


def _inline_label(cell: str, labels: LabelIndex) -> tuple[str, int, str] | None:
    """A cell holding both label and value: "申报单位：重庆市××有限公司", "专家姓名 曾磊";
    the value ends where the next label begins."""
    text = compact(cell)
    for key, match in labels.prefixes():
        if not text.startswith(key) or len(text) == len(key):
            continue
        rest = text[len(key):].lstrip(":：")
        ends = [position for other, _ in labels.prefixes() if (position := rest.find(other, 1)) > 0]
        value = rest[: min(ends)] if ends else rest
        return None if is_blank(value) else (match.field, match.rank, value)
    return None


def fields_from_label_sequence(text: str, labels: LabelIndex) -> dict[str, Any]:
    """Fields from text whose cells ran together ("申报单位XX公司专家姓名王晓海身份证号码…"):
    each label's value is what stands between it and the next label. The weakest source:
    it only fills what the tables and the text grid did not give."""
    flat = compact(text)
    keys: list[tuple[str, str | None]] = [(key, match.field) for key, match in labels.prefixes()]
    keys += [(compact(heading), None) for heading in [*labels.vocabulary.headings, *labels.vocabulary.opinions.boxes]]
    keys.sort(key=lambda pair: len(pair[0]), reverse=True)
    hits: list[tuple[int, int, str | None]] = []
    position = 0
    while position < len(flat):
        found = next(((key, name) for key, name in keys if flat.startswith(key, position)), None)
        if found is None:
            position += 1
            continue
        hits.append((position, position + len(found[0]), found[1]))
        position += len(found[0])
    values: dict[str, Any] = {}
    for (start, end, name), following in zip(hits, [*hits[1:], (len(flat), len(flat), "")]):
        if name is None:
            continue
        raw = flat[end : following[0]].lstrip(":：")
        kind = labels.kind(name)
        if name in values or (kind != "long_text" and len(raw) > MAX_SHORT_VALUE):
            continue
        value = None if labels.is_label_text(raw) else clean(kind, raw)
        if value is not None:
            values[name] = value
    return values


def grid_from_text(text: str) -> Table:
    """A form read by OCR has no table layer: each line becomes a row, split into cells at
    the wide gaps the OCR marks with two or more spaces."""
    return [[cell for cell in re.split(r"\s{2,}", line.strip()) if cell] for line in text.splitlines() if line.strip()]

"""The summary sheet (附件2): the header row found by its labels, one row per unit, and the
footer's 联系人 / 联系电话 / 填报时间 and the title line's 主管部门 / 填报单位. A scanned sheet
is read from its OCR boxes, cells under the header by position (pipeline.fields.cell_grid)."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from pipeline.assembly.units import looks_like_unit
from pipeline.fields.cell_grid import aligned_table, cell_rows
from pipeline.fields.labels import LabelIndex
from pipeline.fields.values import clean, is_blank
from pipeline.models import Table, TextBox
from pipeline.textnorm import compact

MIN_HEADER_FIELDS = 3
HEADER_WITHIN = 30  # rows from the top of a table
_FOOTER = {
    "contact_person": re.compile(r"联系人[:：]\s*([^\s:：]{2,10}?)(?=\s|联系|$)"),
    "contact_phone": re.compile(r"联系电话[:：]\s*([\d\-－ ]{7,})"),
    "fill_date": re.compile(r"填报时间[:：]\s*((?:19|20)\d{2}\s*[年.\-/]\s*\d{1,2}(?:\s*[月.\-/]\s*\d{1,2}\s*日?)?)"),
    "department": re.compile(r"主管部门[(（]?盖章[)）]?[:：][ \t]*(?!填报|联系|主管)([^\s:：]*)"),
    "filing_unit": re.compile(r"填报单位[(（]?盖章[)）]?[:：][ \t]*(?!填报|联系|主管)([^\s:：]*)"),
}


@dataclass
class SummarySheet:
    rows: list[dict[str, Any]] = field(default_factory=list)
    footer: dict[str, Any] = field(default_factory=dict)


def _labelled(row: list[str], labels: LabelIndex, loose: bool) -> dict[int, str]:
    """column -> field, for the cells of a row that are labels (the first cell of each field)."""
    columns: dict[int, str] = {}
    for col, cell in enumerate(row):
        match = labels.match(cell) or (labels.within(cell) if loose else None)
        if match and match.field not in columns.values():
            columns[col] = match.field
    return columns


@dataclass
class _Header:
    index: int  # of the header row in its table
    columns: dict[int, str]  # column -> field
    unread: list[int] = field(default_factory=list)  # no unit label: the columns whose header was not read


def _unit_unread(row: list[str], unread: list[int]) -> str | None:
    """The unit of a row whose unit header was not read: the first unlabelled cell holding a unit name."""
    for col in unread:
        value = clean("unit", row[col]) if col < len(row) else None
        if value and looks_like_unit(value):
            return value
    return None


def _header(table: Table, labels: LabelIndex, loose: bool = False) -> _Header | None:
    """The header row and its labelled columns. `loose` (cells read one by one from a scan,
    not run-together text, where a cell may hold several labels): a cell holding a label
    and a stray mark counts too, and when the unit's header cell was not read (under a
    seal), the columns with an empty header are where the unit is looked for."""
    for index, row in enumerate(table[:HEADER_WITHIN]):
        columns = _labelled(row, labels, loose)
        if len(columns) < MIN_HEADER_FIELDS:
            continue
        if "unit" in columns.values():
            return _Header(index, columns)
        unread = [col for col, cell in enumerate(row) if not cell.strip()]
        if loose and unread:
            return _Header(index, columns, unread)
    return None


def _footer(text: str) -> dict[str, Any]:
    footer: dict[str, Any] = {}
    for name, pattern in _FOOTER.items():
        match = pattern.search(text)
        if match and not is_blank(match.group(1)):
            value = match.group(1).strip()
            if name == "fill_date":
                value = clean("date", value) or value
            elif name == "contact_phone":
                value = re.sub(r"\s", "", value)
            footer[name] = value
    return footer


def extract_summary(tables: list[Table], labels: LabelIndex, text: str, loose: bool = False) -> SummarySheet:
    sheet = SummarySheet(footer=_footer(text))
    for table in tables:
        header = _header(table, labels, loose)
        if header is None:
            continue
        for row in table[header.index + 1 :]:
            joined = compact("".join(row))
            if joined.startswith(("联系人", "填报时间", "注")):
                break
            record: dict[str, Any] = {}
            for col, name in header.columns.items():
                if col < len(row):
                    value = clean(labels.kind(name), row[col])
                    if value is not None:
                        record[name] = value
            if header.unread:
                record["unit"] = _unit_unread(row, header.unread)
            if record.get("unit") and not labels.match(str(record["unit"])):
                record.pop("seq", None)
                sheet.rows.append(record)
    return sheet


def extract_summary_from_boxes(pages: list[list[TextBox]], labels: LabelIndex, text: str) -> SummarySheet:
    """A scanned sheet from its pages' OCR boxes, one box per cell: each page's rows with the
    cells placed under its header's columns. No rows when the boxes are whole lines (Tesseract)."""
    tables: list[Table] = []
    for boxes in pages:
        rows = cell_rows(boxes)
        header = next((index for index, row in enumerate(rows[:HEADER_WITHIN])
                       if len(_labelled([cell.text for cell in row], labels, loose=True)) >= MIN_HEADER_FIELDS), None)
        if header is not None:
            tables.append(aligned_table(rows, header))
    return extract_summary(tables, labels, text, loose=True)

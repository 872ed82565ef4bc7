"""What staff wrote in summary.xlsx, read back before each refresh.

On every sheet: the columns staff added (by header) and their values, row by row (by the
hidden key column, so sorting and filtering are harmless). On the main sheet also the cells
of ours staff corrected by hand (they differ from what the hidden `_intake` sheet says we
wrote). On 问题清单 the review marks, on 材料明细 the document moves.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import openpyxl
from openpyxl.worksheet.worksheet import Worksheet

from pipeline.models import Move
from pipeline.outputs.workbook_layout import (
    DOCUMENTS,
    KEY_HEADER,
    MAIN,
    MEMORY_SHEET,
    MOVE_MATERIAL_HEADER,
    MOVE_UNIT_HEADER,
    PROBLEMS,
    REVIEW_HEADER,
    REVIEW_NOTE_HEADER,
    SEND_CHOICE,
    SEND_HEADER,
    SHEETS,
    UNASSIGNED_UNIT,
    VERDICTS,
    SheetLayout,
    document_of_row,
)
from pipeline.rules import Rules
from pipeline.store.staff_marks import SeenReview

log = logging.getLogger("pipeline.workbook")


class StaffFormula(str):
    """A formula staff typed into the workbook: written back as a formula, never neutralised."""


def _staff_value(cell) -> Any:
    return StaffFormula(cell.value) if cell.data_type == "f" and isinstance(cell.value, str) else cell.value


@dataclass
class SheetEdits:
    """One sheet as staff left it: every row's values by key, and the columns they added."""

    extra_headers: list[str] = field(default_factory=list)
    rows: dict[str, dict[str, Any]] = field(default_factory=dict)

    def extra_values(self, key: str) -> dict[str, Any]:
        row = self.rows.get(key, {})
        return {header: row[header] for header in self.extra_headers if row.get(header) is not None}


@dataclass
class WorkbookEdits:
    sheets: dict[str, SheetEdits] = field(default_factory=dict)
    corrected: dict[str, dict[str, Any]] = field(default_factory=dict)  # main sheet: key -> header -> value

    def sheet(self, layout: SheetLayout) -> SheetEdits:
        return self.sheets.get(layout.title) or SheetEdits()


def _text(value: Any) -> str:
    return "" if value is None else str(value).strip()


def _read_sheet(sheet: Worksheet, layout: SheetLayout) -> SheetEdits:
    headers = {cell.column: _text(cell.value) for cell in sheet[layout.header_row] if _text(cell.value)}
    if KEY_HEADER not in headers.values():
        return SheetEdits()
    managed = set(layout.headers)
    extra = list(dict.fromkeys(header for header in headers.values() if header not in managed))
    rows: dict[str, dict[str, Any]] = {}
    for row in sheet.iter_rows(min_row=layout.header_row + 1):
        values: dict[str, Any] = {}
        for cell in row:
            header = headers.get(cell.column)
            if header and (cell.value is not None or header not in values):
                values[header] = _staff_value(cell)
        key = _text(values.get(KEY_HEADER))
        if key:
            rows[key] = values
    return SheetEdits(extra, rows)


def _corrected(book, main: SheetEdits) -> dict[str, dict[str, Any]]:
    """Cells of the main sheet that differ from what this program last wrote there."""
    if MEMORY_SHEET not in book.sheetnames:
        return {}
    memory_sheet = book[MEMORY_SHEET]
    headers = [cell.value for cell in memory_sheet[1]]
    memory = {}
    for row in memory_sheet.iter_rows(min_row=2, values_only=True):
        record = dict(zip(headers, row))
        if record.get(KEY_HEADER):
            memory[record[KEY_HEADER]] = record
    corrected: dict[str, dict[str, Any]] = {}
    for key, values in main.rows.items():
        written = memory.get(key)
        if written is None:
            continue
        for header in headers:
            if header in (KEY_HEADER, "序号", SEND_HEADER) or header not in values:
                continue
            if _text(values[header]) != _text(written.get(header)):
                corrected.setdefault(key, {})[header] = values[header]
    return corrected


def read_edits(path: Path) -> WorkbookEdits:
    if not path.exists():
        return WorkbookEdits()
    try:
        book = openpyxl.load_workbook(path)
    except Exception as exc:  # a damaged workbook must not stop the refresh
        log.error("summary workbook %s unreadable (%s); what staff wrote in it cannot be carried over", path, exc)
        return WorkbookEdits()
    edits = WorkbookEdits()
    for layout in SHEETS:
        if layout.title in book.sheetnames:
            edits.sheets[layout.title] = _read_sheet(book[layout.title], layout)
    edits.corrected = _corrected(book, edits.sheet(MAIN))
    return edits


def reviews_seen(edits: WorkbookEdits) -> dict[str, SeenReview]:
    """问题清单: flag key -> what 人工核对 and 核对说明 say (verdict None: left empty)."""
    seen = {}
    for key, row in edits.sheet(PROBLEMS).rows.items():
        mark = _text(row.get(REVIEW_HEADER))
        verdict = next((code for text, code in VERDICTS.items() if text in mark), None)
        if mark and verdict is None:
            log.warning("问题清单: 人工核对 %r is neither 属实 nor 误报; left as it was", mark)
            continue
        seen[key] = SeenReview(verdict, _text(row.get(REVIEW_NOTE_HEADER)))
    return seen


def sending_requested(edits: WorkbookEdits) -> set[str]:
    """汇总表: the applications staff chose 发送 for in 发送补正通知."""
    return {key for key, row in edits.sheet(MAIN).rows.items() if _text(row.get(SEND_HEADER)) == SEND_CHOICE}


def moves_seen(edits: WorkbookEdits, rules: Rules) -> dict[str, Move]:
    """材料明细: document id -> the material and unit staff chose (both None: none chosen)."""
    materials = material_choices(rules)
    seen: dict[str, Move] = {}
    for key, row in edits.sheet(DOCUMENTS).rows.items():
        material_text = _text(row.get(MOVE_MATERIAL_HEADER))
        unit = _text(row.get(MOVE_UNIT_HEADER))
        material = materials.get(material_text)
        if material_text and material is None:
            log.warning("材料明细: 改为材料 %r is not a material of the rules; ignored", material_text)
        document = document_of_row(key)
        move = Move(material, unit if unit and unit != UNASSIGNED_UNIT else None)
        if move.material is None and move.unit is None and document in seen:
            continue  # another row of the same document may carry the move
        seen[document] = move
    return seen


def material_choices(rules: Rules) -> dict[str, tuple[str, str | None]]:
    """What 改为材料 offers: each material's title -> its (type, subtype)."""
    choices = {rule.title: (rule.type, rule.subtype) for rule in rules.materials}
    choices.setdefault("未能识别", ("unknown", None))
    return choices

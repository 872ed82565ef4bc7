"""summary.xlsx, the master summary workbook (汇总表): the attachment-2 columns, then
status columns, one row per applicant unit; a sheet of every document, one of every
problem, one of unassigned and unreadable files.

Staff write in it too. A refresh keeps (1) every column staff added, by its header, and
(2) any managed cell staff edited by hand: the hidden sheet `_intake` remembers what this
program last wrote, and a cell that differs from it was edited and is left as it is.
Rows are matched by the hidden key column, so sorting or filtering by staff is harmless.
The file is replaced atomically.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import openpyxl
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from pipeline.models import Applicant, IntakeState
from pipeline.outputs.atomic import write_atomically
from pipeline.outputs.safe_text import WORKBOOK_CELL_LIMIT, clean_text, looks_like_formula
from pipeline.outputs.vocabulary import flag_name, missing_text, page_name, received_text
from pipeline.rules import Rules
from pipeline.wording import local_time

log = logging.getLogger("pipeline.workbook")

MAIN_SHEET = "汇总表"
MEMORY_SHEET = "_intake"
KEY_HEADER = "系统编号"
HEADER_ROW = 3
TITLE = "梁平区技能大师工作室汇总表"


@dataclass(frozen=True)
class Column:
    header: str
    width: float


COLUMNS = (
    Column("序号", 6),
    Column("申报单位名称", 32),
    Column("单位职工总人数", 10),
    Column("专家姓名", 10),
    Column("性别", 6),
    Column("年龄", 6),
    Column("职业（工种）", 14),
    Column("技能等级/职称", 14),
    Column("团队人数", 8),
    Column("联系人", 10),
    Column("联系电话", 15),
    Column("材料是否齐全", 10),
    Column("已收材料", 40),
    Column("缺少材料", 40),
    Column("问题", 50),
    Column("首次收到时间", 17),
    Column("最近收到时间", 17),
    Column("详细报告", 14),
)
MANAGED = [column.header for column in COLUMNS] + [KEY_HEADER]

_THIN = Side(style="thin", color="999999")
_BORDER = Border(left=_THIN, right=_THIN, top=_THIN, bottom=_THIN)
_HEAD_FILL = PatternFill("solid", fgColor="DDEBF7")
_MISSING_FILL = PatternFill("solid", fgColor="FCE4D6")
_OK_FILL = PatternFill("solid", fgColor="E2EFDA")


def applicant_row(index: int, applicant: Applicant, rules: Rules, tz) -> dict[str, Any]:
    f = applicant.fields
    level = "、".join(str(v) for v in (f.get("skill_level"), f.get("title")) if v)
    problems = "；".join(f"{flag_name(flag.code)}：{flag.detail}" for flag in applicant.flags)
    return {
        "序号": index,
        "申报单位名称": applicant.unit,
        "单位职工总人数": f.get("staff_count"),
        "专家姓名": applicant.expert,
        "性别": f.get("gender"),
        "年龄": f.get("age"),
        "职业（工种）": f.get("occupation"),
        "技能等级/职称": level or None,
        "团队人数": f.get("team_size"),
        "联系人": f.get("contact_person"),
        "联系电话": f.get("contact_phone"),
        "材料是否齐全": "齐全" if applicant.complete else "不齐全",
        "已收材料": received_text(applicant, rules),
        "缺少材料": missing_text(applicant, rules) or "无",
        "问题": problems or "无",
        "首次收到时间": local_time(applicant.received_first, tz),
        "最近收到时间": local_time(applicant.received_last, tz),
        "详细报告": "打开报告",
        KEY_HEADER: applicant.unit_key,
    }


class StaffFormula(str):
    """A formula staff typed into the workbook: written back as a formula, never neutralised."""


def put(sheet: Worksheet, row: int, column: int, value: Any):
    """Writes one cell; the only way a value enters the workbook.

    Text is cleaned and capped (`safe_text`) and always stored as text: a file named `=1+1`
    is shown as `=1+1`, and the quote prefix keeps Excel from making it a formula when staff
    edit the cell. Only a formula staff wrote themselves is written back as one.
    """
    cell = sheet.cell(row=row, column=column)
    if isinstance(value, StaffFormula):
        cell.value = str(value)
    elif isinstance(value, str):
        cell.value = clean_text(value, WORKBOOK_CELL_LIMIT)
        cell.data_type = "s"
        cell.quotePrefix = looks_like_formula(cell.value)
    else:
        cell.value = value
    return cell


def _staff_value(cell) -> Any:
    return StaffFormula(cell.value) if cell.data_type == "f" and isinstance(cell.value, str) else cell.value


@dataclass
class StaffEdits:
    """What staff wrote into the previous workbook, by unit key."""

    extra_headers: list[str]
    extra_values: dict[str, dict[str, Any]]
    edited: dict[str, dict[str, Any]]


def _header_map(sheet: Worksheet) -> dict[int, str]:
    return {
        cell.column: str(cell.value).strip()
        for cell in sheet[HEADER_ROW]
        if cell.value is not None and str(cell.value).strip()
    }


def read_staff_edits(path: Path) -> StaffEdits:
    empty = StaffEdits([], {}, {})
    if not path.exists():
        return empty
    try:
        workbook = openpyxl.load_workbook(path)
    except Exception as exc:  # a damaged workbook must not stop the refresh
        log.error("summary workbook %s unreadable (%s); staff columns cannot be carried over", path, exc)
        return empty
    if MAIN_SHEET not in workbook.sheetnames:
        return empty
    sheet = workbook[MAIN_SHEET]
    headers = _header_map(sheet)
    key_col = next((col for col, header in headers.items() if header == KEY_HEADER), None)
    if key_col is None:
        return empty
    memory: dict[str, dict[str, Any]] = {}
    if MEMORY_SHEET in workbook.sheetnames:
        mem = workbook[MEMORY_SHEET]
        mem_headers = [cell.value for cell in mem[1]]
        for row in mem.iter_rows(min_row=2, values_only=True):
            record = dict(zip(mem_headers, row))
            if record.get(KEY_HEADER):
                memory[record[KEY_HEADER]] = record
    extra_headers = [header for header in headers.values() if header not in MANAGED]
    extra_values: dict[str, dict[str, Any]] = {}
    edited: dict[str, dict[str, Any]] = {}
    for row in sheet.iter_rows(min_row=HEADER_ROW + 1):
        values = {headers[cell.column]: _staff_value(cell) for cell in row if cell.column in headers}
        key = values.get(KEY_HEADER)
        if not key:
            continue
        extra_values[key] = {h: values.get(h) for h in extra_headers if values.get(h) is not None}
        remembered = memory.get(key, {})
        for header in MANAGED:
            if header in (KEY_HEADER, "序号") or header not in values:
                continue
            written = remembered.get(header)
            current = values.get(header)
            if key in memory and _differs(current, written):
                edited.setdefault(key, {})[header] = current
    return StaffEdits(extra_headers, extra_values, edited)


def _differs(current: Any, written: Any) -> bool:
    norm = lambda v: "" if v is None else str(v).strip()  # noqa: E731
    return norm(current) != norm(written)


def _style_header(sheet: Worksheet, widths: list[float]) -> None:
    for col, width in enumerate(widths, start=1):
        cell = sheet.cell(row=HEADER_ROW, column=col)
        cell.font = Font(bold=True)
        cell.fill = _HEAD_FILL
        cell.border = _BORDER
        cell.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
        sheet.column_dimensions[get_column_letter(col)].width = width


def _main_sheet(book, state: IntakeState, rules: Rules, edits: StaffEdits, reports_link: str, call_name: str) -> list[dict[str, Any]]:
    tz = state.deadline.tzinfo
    sheet = book.active
    sheet.title = MAIN_SHEET
    headers = MANAGED + edits.extra_headers
    put(sheet, 1, 1, TITLE).font = Font(bold=True, size=14)
    sheet.merge_cells(start_row=1, start_column=1, end_row=1, end_column=len(COLUMNS))
    put(
        sheet,
        2,
        1,
        f"{call_name}。自动生成于 {local_time(state.generated_at, tz)}；截止时间 {local_time(state.deadline, tz)}；"
        f"共 {len(state.applicants)} 个申报单位，材料齐全 {sum(a.complete for a in state.applicants)} 个。"
        "可在右侧自行添加列（如“备注”），刷新时会保留。",
    )
    for col, header in enumerate(headers, start=1):
        put(sheet, HEADER_ROW, col, header)
    _style_header(sheet, [c.width for c in COLUMNS] + [12] + [16] * len(edits.extra_headers))
    written: list[dict[str, Any]] = []
    for index, applicant in enumerate(state.applicants, start=1):
        values = applicant_row(index, applicant, rules, tz)
        written.append(dict(values))
        values.update(edits.edited.get(applicant.unit_key, {}))
        values.update(edits.extra_values.get(applicant.unit_key, {}))
        row = HEADER_ROW + index
        for col, header in enumerate(headers, start=1):
            cell = put(sheet, row, col, values.get(header))
            cell.border = _BORDER
            cell.alignment = Alignment(vertical="top", wrap_text=True)
        status = sheet.cell(row=row, column=MANAGED.index("材料是否齐全") + 1)
        status.fill = _OK_FILL if applicant.complete else _MISSING_FILL
        link = sheet.cell(row=row, column=MANAGED.index("详细报告") + 1)
        link.hyperlink = f"{reports_link}/{page_name(applicant)}"
        link.font = Font(color="0563C1", underline="single")
    sheet.column_dimensions[get_column_letter(MANAGED.index(KEY_HEADER) + 1)].hidden = True
    sheet.freeze_panes = sheet.cell(row=HEADER_ROW + 1, column=3)
    sheet.auto_filter.ref = f"A{HEADER_ROW}:{get_column_letter(len(headers))}{HEADER_ROW + len(state.applicants)}"
    sheet.page_setup.orientation = "landscape"
    sheet.page_setup.fitToWidth = 1
    sheet.print_title_rows = f"{HEADER_ROW}:{HEADER_ROW}"
    return written


def _table_sheet(book, title: str, headers: list[str], rows: list[list[Any]], widths: list[float]) -> None:
    sheet = book.create_sheet(title)
    for col, header in enumerate(headers, start=1):
        put(sheet, 1, col, header)
    for r, values in enumerate(rows, start=2):
        for col, value in enumerate(values, start=1):
            put(sheet, r, col, value).alignment = Alignment(vertical="top", wrap_text=True)
    for col, width in enumerate(widths, start=1):
        cell = sheet.cell(row=1, column=col)
        cell.font = Font(bold=True)
        cell.fill = _HEAD_FILL
        sheet.column_dimensions[get_column_letter(col)].width = width
    sheet.freeze_panes = "A2"
    if rows:
        sheet.auto_filter.ref = f"A1:{get_column_letter(len(headers))}{len(rows) + 1}"


def write_workbook(state: IntakeState, rules: Rules, target: Path, call_name: str, reports_link: str = "reports") -> None:
    edits = read_staff_edits(target)
    tz = state.deadline.tzinfo
    book = openpyxl.Workbook()
    written = _main_sheet(book, state, rules, edits, reports_link, call_name)
    documents = []
    problems = []
    for applicant in state.applicants:
        for doc in applicant.documents:
            c = doc.result.classification
            pages = doc.result.pages
            documents.append(
                [
                    applicant.unit,
                    rules.title(c.type, c.subtype),
                    doc.filename,
                    f"{pages[0]}-{pages[1]}" if pages else "",
                    local_time(doc.received_at, tz),
                    doc.source,
                    round(c.confidence, 2),
                    doc.link_reason,
                    str(doc.archive_path.name) if doc.archive_path else "",
                ]
            )
        for flag in applicant.flags:
            problems.append([applicant.unit, flag_name(flag.code), flag.detail, flag.code])
    _table_sheet(
        book,
        "材料明细",
        ["申报单位", "材料", "原文件名", "页码", "收到时间", "来源", "识别置信度", "归属依据", "归档文件名"],
        documents,
        [30, 22, 30, 8, 17, 30, 10, 22, 40],
    )
    _table_sheet(book, "问题清单", ["申报单位", "问题", "说明", "代码"], problems, [30, 20, 70, 24])
    others = [["未归属", d.filename, local_time(d.received_at, tz), d.source, f"{rules.title(d.result.classification.type, d.result.classification.subtype)}：{d.link_reason}"] for d in state.unassigned]
    others += [["无法读取", e.filename, "", e.source, e.error] for e in state.errors]
    _table_sheet(book, "未归属及无法读取", ["类别", "原文件名", "收到时间", "来源", "说明"], others, [12, 34, 17, 34, 60])
    memory = book.create_sheet(MEMORY_SHEET)
    memory.sheet_state = "hidden"
    for col, header in enumerate(MANAGED, start=1):
        put(memory, 1, col, header)
        for r, values in enumerate(written, start=2):
            put(memory, r, col, values.get(header))
    write_atomically(target, lambda temp: book.save(temp))

"""summary.xlsx, the master summary workbook.

汇总表 is laid out as the call's attachment 2 (title, 主管部门/填报单位 line, the attachment-2
columns in their order, the 联系人/联系电话/填报时间 footer), then status columns, one row per
application; 材料明细 lists every document, 问题清单 every flag, 未归属及无法读取 the rest.

Staff write in it too, and a refresh keeps what they wrote (pipeline.outputs.workbook_read):
every column they add to any sheet, row for row; a cell of ours they corrected on 汇总表; the
review marks of 问题清单 and the moves of 材料明细, which also go to the state store and
come back from it. It prints: landscape A4, one page wide, header rows repeated, rows high
enough for their wrapped text. The file is replaced atomically.
"""

from __future__ import annotations

import math
import unicodedata
from dataclasses import dataclass, field
from datetime import datetime, tzinfo
from pathlib import Path
from typing import Any

import openpyxl
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation
from openpyxl.worksheet.worksheet import Worksheet

from pipeline.models import Applicant, IntakeState, Move
from pipeline.outputs.atomic import write_atomically
from pipeline.outputs.vocabulary import (
    STATE_NAMES,
    flag_name,
    missing_text,
    notice_name,
    page_name,
    received_text,
)
from pipeline.outputs.workbook_layout import (
    DOCUMENTS,
    KEY_HEADER,
    LINK,
    LISTS_SHEET,
    MAIN,
    MAIN_TITLE,
    MAIN_WITHOUT_SENDING,
    MEMORY_SHEET,
    MOVE_MATERIAL_HEADER,
    MOVE_UNIT_HEADER,
    NUMBER,
    OTHERS,
    PROBLEMS,
    REVIEW_HEADER,
    SEND_CHOICE,
    SEND_HEADER,
    TIME,
    TIME_FORMAT,
    UNASSIGNED_UNIT,
    VERDICT_TEXT,
    VERDICTS,
    SheetLayout,
    document_row_key,
)
from pipeline.outputs.safe_text import WORKBOOK_CELL_LIMIT, clean_text, looks_like_formula
from pipeline.outputs.workbook_read import StaffFormula, WorkbookEdits, material_choices, read_edits
from pipeline.rules import Rules
from pipeline.wording import page_span

_THIN = Side(style="thin", color="999999")
_BORDER = Border(left=_THIN, right=_THIN, top=_THIN, bottom=_THIN)
_HEAD_FILL = PatternFill("solid", fgColor="DDEBF7")
_INPUT_FILL = PatternFill("solid", fgColor="FFF2CC")  # the cells staff are asked to fill
STATE_FILLS = {
    "complete": PatternFill("solid", fgColor="E2EFDA"),
    "needs_correction": PatternFill("solid", fgColor="FCE4D6"),
    "late": PatternFill("solid", fgColor="D9D9D9"),
}
_LINK_FONT = Font(color="0563C1", underline="single")
_STRUCK = Font(strike=True, color="808080")
LINE_HEIGHT = 15.0  # points per line of 11-point text
EXTRA_WIDTH = 16.0


@dataclass
class Row:
    key: str
    values: dict[str, Any]
    fill: PatternFill | None = None
    fill_header: str | None = None
    links: dict[str, str] = field(default_factory=dict)  # header -> target
    struck: bool = False


@dataclass(frozen=True)
class Letterhead:
    """Who files the 汇总表: its title line and footer (from config [notice])."""

    bureau: str
    contact_person: str
    contact_phone: str


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


def excel_time(value: datetime | None, tz: tzinfo | None) -> datetime | None:
    """A time as Excel keeps it: local to the call, without an offset."""
    return value.astimezone(tz).replace(tzinfo=None) if value else None


def text_width(text: str) -> int:
    """Columns of a fixed font a text takes: a CJK character two, others one."""
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def row_height(values: list[Any], widths: list[float]) -> float:
    """The height that shows every wrapped line of a row."""
    lines = 1
    for value, width in zip(values, widths):
        if value is None or isinstance(value, datetime):
            continue
        usable = max(width - 1, 1)
        lines = max(lines, sum(max(1, math.ceil(text_width(part) / usable)) for part in str(value).split("\n")))
    return LINE_HEIGHT * lines + 3


def _status_row(index: int, applicant: Applicant, rules: Rules, tz, reports: str, notices: dict[str, str]) -> Row:
    f = applicant.fields
    level = "、".join(str(v) for v in (f.get("skill_level"), f.get("title")) if v)
    problems = "；".join(f"{flag_name(flag.code)}：{flag.detail}" for flag in applicant.open_flags)
    values = {
        "序号": index,
        "申报单位名称": applicant.unit,
        "单位职工总人数": f.get("staff_count"),
        "高技能人才人数": f.get("high_skill_count"),
        "专家姓名": applicant.expert,
        "性别": f.get("gender"),
        "年龄": f.get("age"),
        "职业（工种）": f.get("occupation"),
        "技能等级/职称": level or None,
        "团队人数": f.get("team_size"),
        "备注": None,
        "材料状态": STATE_NAMES[applicant.state],
        "已收材料": received_text(applicant, rules),
        "缺少材料": missing_text(applicant, rules) or "无",
        "待处理问题": problems or "无",
        "联系人": f.get("contact_person"),
        "联系电话": f.get("contact_phone"),
        "首次收到时间": excel_time(applicant.received_first, tz),
        "最近收到时间": excel_time(applicant.received_last, tz),
        "详细报告": "打开报告",
        "补正通知": "打开通知" if applicant.unit_key in notices else None,
    }
    links = {"详细报告": f"{reports}/{page_name(applicant)}"}
    if applicant.unit_key in notices:
        links["补正通知"] = notices[applicant.unit_key]
    return Row(applicant.unit_key, values, STATE_FILLS[applicant.state], "材料状态", links)


def _document_rows(state: IntakeState, rules: Rules, tz, moves: dict[str, Move]) -> list[Row]:
    """Every document; the moves staff chose stay in their cells (emptying one undoes it)."""
    rows = []
    owners = [(a.unit, a.expert, a.unit_key, a.documents) for a in state.applicants]
    owners.append((UNASSIGNED_UNIT, None, None, state.unassigned))
    for unit, expert, key, documents in owners:
        for doc in documents:
            c = doc.result.classification
            values = {
                "申报单位": unit,
                "专家姓名": expert,
                "材料": rules.title(c.type, c.subtype),
                "原文件名": doc.filename,
                "页码": page_span(doc.result.pages),
                "收到时间": excel_time(doc.received_at, tz),
                "来源": doc.source,
                "识别置信度": round(c.confidence, 2),
                "归属依据": doc.link_reason or ("未能确定" if key is None else ""),
                "归档文件名": doc.archive_path.name if doc.archive_path else "",
            }
            move = moves.get(doc.result.id)
            if move is not None:
                values[MOVE_MATERIAL_HEADER] = rules.title(*move.material) if move.material else None
                values[MOVE_UNIT_HEADER] = move.unit
            rows.append(Row(document_row_key(doc.result.id, key), values))
    return rows


def _problem_rows(state: IntakeState, tz) -> list[Row]:
    rows = []
    for applicant in state.applicants:
        filenames = {doc.result.id: doc.filename for doc in applicant.documents}
        for flag in applicant.flags:
            review = flag.review
            values = {
                "申报单位": applicant.unit,
                "专家姓名": applicant.expert,
                "问题": flag_name(flag.code),
                "说明": flag.detail,
                "文件": filenames.get(flag.document or "", ""),
                "页码": flag.page,
                REVIEW_HEADER: VERDICT_TEXT[review.verdict] if review else None,
                "核对说明": review.note or None if review else None,
                "核对时间": excel_time(review.at, tz) if review else None,
                "代码": flag.code,
            }
            rows.append(Row(flag.key, values, struck=flag.dismissed))
    return rows


def _other_rows(state: IntakeState, rules: Rules, tz) -> list[Row]:
    rows = []
    for doc in state.unassigned:
        title = rules.title(doc.result.classification.type, doc.result.classification.subtype)
        values = {"类别": "未归属", "原文件名": doc.filename, "收到时间": excel_time(doc.received_at, tz),
                  "来源": doc.source, "说明": f"{title}：{doc.link_reason}；请在“材料明细”的“改为申报单位”中选定单位"}
        rows.append(Row(f"doc:{doc.result.id}", values))
    for error in state.errors:
        values = {"类别": "无法读取", "原文件名": error.filename, "收到时间": None, "来源": error.source, "说明": error.error}
        rows.append(Row(f"error:{error.source}|{error.filename}", values))
    return rows


class _Writer:
    def __init__(self, book, edits: WorkbookEdits) -> None:
        self.book = book
        self.edits = edits

    def table(self, sheet: Worksheet, layout: SheetLayout, rows: list[Row], corrected: dict[str, dict[str, Any]] | None = None) -> None:
        """Header at the layout's row, then one row each, staff columns after ours."""
        edits = self.edits.sheet(layout)
        headers = layout.headers + edits.extra_headers
        kinds = {column.header: column.kind for column in layout.columns}
        widths = [column.width for column in layout.columns] + [10] + [EXTRA_WIDTH] * len(edits.extra_headers)
        top = layout.header_row
        for col, (header, width) in enumerate(zip(headers, widths), start=1):
            cell = put(sheet, top, col, header)
            cell.font = Font(bold=True)
            cell.fill = _HEAD_FILL
            cell.border = _BORDER
            cell.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
            sheet.column_dimensions[get_column_letter(col)].width = width
        sheet.row_dimensions[top].height = row_height(headers, widths)
        for number, row in enumerate(rows, start=top + 1):
            values = {**row.values, KEY_HEADER: row.key}
            values.update((corrected or {}).get(row.key, {}))
            values.update(edits.extra_values(row.key))
            shown = [values.get(header) for header in headers]
            for col, (header, value) in enumerate(zip(headers, shown), start=1):
                cell = put(sheet, number, col, value)
                cell.border = _BORDER
                cell.alignment = Alignment(vertical="top", wrap_text=True)
                if kinds.get(header) == TIME:
                    cell.number_format = TIME_FORMAT
                if header in row.links:
                    cell.hyperlink = row.links[header]
                    cell.font = _LINK_FONT
                elif row.struck and kinds.get(header) != LINK:
                    cell.font = _STRUCK
            if row.fill is not None and row.fill_header:
                sheet.cell(row=number, column=headers.index(row.fill_header) + 1).fill = row.fill
            sheet.row_dimensions[number].height = row_height(shown, widths)
        sheet.column_dimensions[get_column_letter(headers.index(KEY_HEADER) + 1)].hidden = True
        sheet.freeze_panes = sheet.cell(row=top + 1, column=3)
        last = top + max(len(rows), 1)
        sheet.auto_filter.ref = f"A{top}:{get_column_letter(len(headers))}{last}"
        _print_setup(sheet, top)

    def validate(self, sheet: Worksheet, layout: SheetLayout, header: str, formula: str, count: int) -> None:
        if not count:
            return
        column = get_column_letter(layout.headers.index(header) + 1)
        rule = DataValidation(type="list", formula1=formula, allow_blank=True, showErrorMessage=True,
                              errorTitle="请从列表中选择", error="请从下拉列表中选择，或清空此格。")
        sheet.add_data_validation(rule)
        rule.add(f"{column}{layout.header_row + 1}:{column}{layout.header_row + count}")
        for row in range(layout.header_row + 1, layout.header_row + count + 1):
            sheet[f"{column}{row}"].fill = _INPUT_FILL


def _print_setup(sheet: Worksheet, header_row: int) -> None:
    """Landscape A4, one page wide (the fitToPage switch makes Excel and LibreOffice apply it)."""
    sheet.page_setup.orientation = "landscape"
    sheet.page_setup.paperSize = sheet.PAPERSIZE_A4
    sheet.page_setup.fitToWidth = 1
    sheet.page_setup.fitToHeight = 0
    sheet.sheet_properties.pageSetUpPr.fitToPage = True
    sheet.print_title_rows = f"1:{header_row}"
    sheet.print_options.horizontalCentered = True
    sheet.page_margins.left = sheet.page_margins.right = 0.4


def _letterhead(sheet: Worksheet, state: IntakeState, letterhead: Letterhead, call_name: str) -> None:
    span = len(MAIN_WITHOUT_SENDING.columns)
    put(sheet, 1, 1, MAIN_TITLE).font = Font(bold=True, size=16)
    sheet.cell(row=1, column=1).alignment = Alignment(horizontal="center", vertical="center")
    sheet.merge_cells(start_row=1, start_column=1, end_row=1, end_column=span)
    sheet.row_dimensions[1].height = 28
    put(sheet, 2, 1, "主管部门（盖章）：")
    put(sheet, 2, 6, f"填报单位（盖章）：{letterhead.bureau}")
    sheet.row_dimensions[2].height = 20
    tz = state.deadline.tzinfo
    below = MAIN.header_row + max(len(state.applicants), 1) + 2
    put(sheet, below, 1, f"联系人：{letterhead.contact_person}")
    put(sheet, below, 5, f"联系电话：{letterhead.contact_phone}")
    filled = state.generated_at.astimezone(tz)
    put(sheet, below, 9, f"填报时间：{filled.year}年{filled.month}月{filled.day}日")
    counts = {name: sum(a.state == code for a in state.applicants) for code, name in STATE_NAMES.items()}
    put(
        sheet,
        below + 1,
        1,
        f"{call_name}。截止时间 {excel_time(state.deadline, tz):%Y-%m-%d %H:%M}；共 {len(state.applicants)} 份申报，"
        + "，".join(f"{name} {count} 份" for name, count in counts.items())
        + "。本表由系统自动生成；可在右侧自行添加列（如“处理意见”），刷新时会保留。",
    ).font = Font(color="666666", size=9)


def _lists(book, rules: Rules, state: IntakeState) -> tuple[str, int, str, int]:
    """The hidden sheet of choices; the list formulas of materials and units, and their lengths."""
    sheet = book.create_sheet(LISTS_SHEET)
    sheet.sheet_state = "hidden"
    materials = list(material_choices(rules))
    units = list(dict.fromkeys(a.unit for a in state.applicants))
    for row, title in enumerate(materials, start=1):
        put(sheet, row, 1, title)
    for row, unit in enumerate(units, start=1):
        put(sheet, row, 2, unit)
    return (f"'{LISTS_SHEET}'!$A$1:$A${len(materials)}", len(materials),
            f"'{LISTS_SHEET}'!$B$1:$B${max(len(units), 1)}", len(units))


def write_workbook(
    state: IntakeState,
    rules: Rules,
    target: Path,
    call_name: str,
    letterhead: Letterhead = Letterhead("", "", ""),
    edits: WorkbookEdits | None = None,
    moves: dict[str, Move] | None = None,
    notices: dict[str, str] | None = None,
    sending: dict[str, str] | None = None,
    reports_link: str = "reports",
) -> None:
    """`edits`: what staff wrote in the workbook being replaced; `moves`: the document moves
    in force (from the state store); `notices`: application key -> its 补正通知, relative to
    the workbook; `sending`: None when the program sends no mail, else application key -> what
    its 发送补正通知 cell says (已发送 and when, or the 发送 still to do)."""
    edits = read_edits(target) if edits is None else edits
    moves = moves or {}
    tz = state.deadline.tzinfo
    book = openpyxl.Workbook()
    writer = _Writer(book, edits)
    main = book.active
    layout = MAIN if sending is not None else MAIN_WITHOUT_SENDING
    main.title = layout.title
    status_rows = [_status_row(i, a, rules, tz, reports_link, notices or {}) for i, a in enumerate(state.applicants, start=1)]
    for row in status_rows:
        row.values[SEND_HEADER] = (sending or {}).get(row.key)
    writer.table(main, layout, status_rows, edits.corrected)
    _letterhead(main, state, letterhead, call_name)
    if sending is not None:
        writer.validate(main, layout, SEND_HEADER, f'"{SEND_CHOICE}"', len(status_rows))

    documents = book.create_sheet(DOCUMENTS.title)
    document_rows = _document_rows(state, rules, tz, moves)
    writer.table(documents, DOCUMENTS, document_rows)
    problems = book.create_sheet(PROBLEMS.title)
    problem_rows = _problem_rows(state, tz)
    writer.table(problems, PROBLEMS, problem_rows)
    writer.table(book.create_sheet(OTHERS.title), OTHERS, _other_rows(state, rules, tz))

    material_list, material_count, unit_list, unit_count = _lists(book, rules, state)
    writer.validate(documents, DOCUMENTS, MOVE_MATERIAL_HEADER, f"={material_list}", len(document_rows) if material_count else 0)
    writer.validate(documents, DOCUMENTS, MOVE_UNIT_HEADER, f"={unit_list}", len(document_rows) if unit_count else 0)
    writer.validate(problems, PROBLEMS, REVIEW_HEADER, '"' + ",".join(VERDICTS) + '"', len(problem_rows))

    memory = book.create_sheet(MEMORY_SHEET)
    memory.sheet_state = "hidden"
    for col, header in enumerate(layout.headers, start=1):
        put(memory, 1, col, header)
        for number, row in enumerate(status_rows, start=2):
            put(memory, number, col, {**row.values, KEY_HEADER: row.key}.get(header))
    write_atomically(target, lambda temp: book.save(temp))

"""summary.xlsx as staff use it: attachment-2 layout, a page setup that applies, marks and
columns staff write read back and kept, a notice that keeps its bytes."""

from __future__ import annotations

import io
from datetime import date, datetime

import openpyxl
from docx import Document

from pipeline.models import Move
from pipeline.outputs.notices import Sender, notice_text, render
from pipeline.outputs.workbook import Letterhead, write_workbook
from pipeline.outputs.workbook_layout import DOCUMENTS, KEY_HEADER, MAIN, PROBLEMS
from pipeline.outputs.workbook_read import moves_seen, read_edits, reviews_seen
from tests.unit.test_staff_marks import _assemble, _short_deeds_pairs

LETTERHEAD = Letterhead("重庆市梁平区人力资源和社会保障局", "吴壮丽", "53238990")
SENDER = Sender("重庆市梁平区人力资源和社会保障局", "就业促进科", "吴壮丽", "53238990", "双桂街道行政中心", "x@qq.com", 5, None)


def _write(state, rules, path, edits=None, moves=None):
    write_workbook(state, rules, path, "2023年度申报", LETTERHEAD, edits or read_edits(path), moves or {})


def _written(rules, tmp_path, title):
    """A workbook written for an application with one flag, opened at one sheet."""
    state = _assemble(_short_deeds_pairs(), rules)
    path = tmp_path / "summary.xlsx"
    _write(state, rules, path)
    book = openpyxl.load_workbook(path)
    sheet = book[title]
    return state, path, book, sheet, [c.value for c in sheet[1]]


def _table(sheet, header_row):
    headers = [cell.value for cell in sheet[header_row]]
    rows = [dict(zip(headers, (c.value for c in row))) for row in sheet.iter_rows(min_row=header_row + 1)]
    return headers, [row for row in rows if row.get(KEY_HEADER)]


def test_main_sheet_is_attachment_2_and_prints_on_a4(rules, tmp_path):
    state = _assemble(_short_deeds_pairs(), rules)
    path = tmp_path / "summary.xlsx"
    _write(state, rules, path)
    sheet = openpyxl.load_workbook(path)[MAIN.title]
    headers, rows = _table(sheet, MAIN.header_row)
    assert headers[:11] == ["序号", "申报单位名称", "单位职工总人数", "高技能人才人数", "专家姓名", "性别", "年龄",
                            "职业（工种）", "技能等级/职称", "团队人数", "备注"]
    assert sheet["A1"].value == "梁平区技能大师工作室汇总表"
    assert "主管部门" in sheet["A2"].value
    footer = [c.value for row in sheet.iter_rows(min_row=MAIN.header_row + 2) for c in row if isinstance(c.value, str)]
    assert any(v.startswith("联系人：吴壮丽") for v in footer)
    (row,) = rows
    assert row["材料状态"] == "需补正"
    assert isinstance(row["首次收到时间"], datetime)
    assert sheet.page_setup.orientation == "landscape"
    assert int(sheet.page_setup.paperSize) == 9  # A4
    assert sheet.sheet_properties.pageSetUpPr.fitToPage is True
    assert int(sheet.page_setup.fitToWidth) == 1
    assert sheet.print_title_rows
    assert sheet.row_dimensions[MAIN.header_row + 1].height > 15


def test_review_mark_and_staff_column_on_problems_survive(rules, tmp_path):
    """GIVEN 误报 written in 人工核对 and a staff column 处理意见 on 问题清单 WHEN read back and
    rewritten THEN the verdict is read, and the column is still there on the same row."""
    state, path, book, sheet, headers = _written(rules, tmp_path, PROBLEMS.title)
    sheet.cell(row=2, column=headers.index("人工核对") + 1, value="误报")
    sheet.cell(row=2, column=headers.index("核对说明") + 1, value="原件字数足够")
    sheet.cell(row=1, column=len(headers) + 1, value="处理意见")
    sheet.cell(row=2, column=len(headers) + 1, value="已电话告知")
    book.save(path)

    edits = read_edits(path)
    seen = reviews_seen(edits)
    flag = state.applicants[0].flags[0]
    assert seen[flag.key].verdict == "false_alarm" and seen[flag.key].note == "原件字数足够"
    _write(state, rules, path, edits)
    _, rows = _table(openpyxl.load_workbook(path)[PROBLEMS.title], 1)
    assert rows[0]["处理意见"] == "已电话告知"


def test_moves_read_from_document_sheet(rules, tmp_path):
    state, path, book, sheet, headers = _written(rules, tmp_path, DOCUMENTS.title)
    assert sheet.data_validations.dataValidation, "the move columns offer lists"
    sheet.cell(row=2, column=headers.index("改为材料") + 1, value="工作室申报报告")
    key = sheet.cell(row=2, column=headers.index(KEY_HEADER) + 1).value
    book.save(path)
    moves = moves_seen(read_edits(path), rules)
    document = key.split("|")[0]
    assert moves[document] == Move(("report", None), None)
    _write(state, rules, path, moves=moves)
    _, rows = _table(openpyxl.load_workbook(path)[DOCUMENTS.title], 1)
    assert next(r for r in rows if r[KEY_HEADER] == key)["改为材料"] == "工作室申报报告"


def test_notice_lists_each_item_and_keeps_its_bytes(rules):
    (applicant,) = _assemble(_short_deeds_pairs(), rules).applicants
    text = notice_text(applicant, rules, "2023年度梁平区技能大师工作室申报遴选")
    first = render(text, SENDER, date(2023, 9, 1))
    assert render(text, SENDER, date(2023, 9, 1)) == first
    document = Document(io.BytesIO(first))
    body = "\n".join(p.text for p in document.paragraphs)
    assert applicant.unit in body
    assert "事迹材料字数不足" in body
    assert "2023年9月6日前" in body  # the date + 5 days
    assert "重庆市梁平区人力资源和社会保障局" in body
    assert render(text, SENDER, date(2023, 9, 2)) != first


def test_no_notice_for_a_complete_application(rules):
    from tests.unit.test_assembly_assemble import _complete_set

    (applicant,) = _assemble(_complete_set(), rules).applicants
    assert notice_text(applicant, rules, "x") is None

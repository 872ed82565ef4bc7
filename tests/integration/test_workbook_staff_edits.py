"""Staff write in the summary workbook; a refresh keeps what they wrote. GIVEN a workbook
with a staff column 备注 and a hand-corrected cell WHEN the outputs are refreshed THEN both
are still there, on the right rows, even after staff re-sorted the rows."""

from __future__ import annotations

import shutil

import openpyxl

from tests.integration.conftest import Deployment


def _rows(sheet):
    headers = [cell.value for cell in sheet[3]]
    return headers, [row for row in sheet.iter_rows(min_row=4) if row[1].value]


def test_staff_columns_and_edits_survive_a_refresh(processed_born_digital):
    site, truth = processed_born_digital
    path = site.output / "summary.xlsx"
    book = openpyxl.load_workbook(path)
    sheet = book["汇总表"]
    headers, rows = _rows(sheet)
    note_col = len(headers) + 1
    sheet.cell(row=3, column=note_col, value="备注")
    phone_col = headers.index("联系电话") + 1
    notes = {}
    for row in rows:
        unit = row[1].value
        notes[unit] = f"已电话联系{unit[:4]}"
        sheet.cell(row=row[0].row, column=note_col, value=notes[unit])
    edited_unit = rows[0][1].value
    sheet.cell(row=rows[0][0].row, column=phone_col, value="023-12345678")
    # staff sort the rows in reverse
    values = [[cell.value for cell in row] for row in sheet.iter_rows(min_row=4, max_col=note_col)]
    for offset, row_values in enumerate(reversed(values)):
        for col, value in enumerate(row_values, start=1):
            sheet.cell(row=4 + offset, column=col, value=value)
    book.save(path)

    site.intake("report")

    book = openpyxl.load_workbook(path)
    headers, rows = _rows(book["汇总表"])
    assert "备注" in headers
    by_unit = {}
    for row in rows:
        record = dict(zip(headers, (cell.value for cell in row)))
        by_unit.setdefault(record["申报单位名称"], []).append(record)
    for unit, note in notes.items():
        assert any(record["备注"] == note for record in by_unit[unit]), unit
    assert any(record["联系电话"] == "023-12345678" for record in by_unit[edited_unit])
    assert book["_intake"].sheet_state == "hidden"


def _copy_site(site, tmp_path):
    """A copy of the processed deployment, so marks made here reach no other test."""
    copy = Deployment(tmp_path / "site")
    shutil.copytree(site.root, copy.root)
    return copy


def test_review_mark_sticks_and_counts_nowhere(processed_born_digital, tmp_path):
    """GIVEN a flag marked 误报 with a note in 问题清单 (written with openpyxl) and a staff
    column there WHEN `intake report` runs, twice, and once more after the workbook is deleted
    THEN status.json carries the review, the overview no longer counts the flag, the mark and
    the column are still in the workbook."""
    site = _copy_site(processed_born_digital[0], tmp_path)
    path = site.output / "summary.xlsx"
    flagged = [a for a in site.status()["applicants"] if a["flags"]]
    assert flagged, "the generated set has applications with flags"
    book = openpyxl.load_workbook(path)
    sheet = book["问题清单"]
    headers = [cell.value for cell in sheet[1]]
    column = {header: index + 1 for index, header in enumerate(headers)}
    rows = [row for row in sheet.iter_rows(min_row=2) if row[column["系统编号"] - 1].value]
    target = rows[0]
    unit, code = target[column["申报单位"] - 1].value, target[column["代码"] - 1].value
    sheet.cell(row=target[0].row, column=column["人工核对"], value="误报")
    sheet.cell(row=target[0].row, column=column["核对说明"], value="已与原件核对")
    sheet.cell(row=1, column=len(headers) + 1, value="处理意见")
    sheet.cell(row=target[0].row, column=len(headers) + 1, value="无需处理")
    book.save(path)

    site.intake("report")
    site.intake("report")

    def reviewed():
        return [
            flag for a in site.status()["applicants"] if a["unit"] == unit
            for flag in a["flags"] if flag["code"] == code and flag["review"]
        ]

    (flag,) = reviewed()
    assert flag["review"]["verdict"] == "false_alarm" and flag["review"]["note"] == "已与原件核对"
    assert "+" in flag["review"]["at"]
    index = (site.output / "reports" / "index.html").read_text(encoding="utf-8")
    assert "下一步工作" in index
    book = openpyxl.load_workbook(path)
    sheet = book["问题清单"]
    headers = [cell.value for cell in sheet[1]]
    records = [dict(zip(headers, (c.value for c in row))) for row in sheet.iter_rows(min_row=2)]
    marked = [r for r in records if r["人工核对"] == "误报"]
    assert len(marked) == 1 and marked[0]["处理意见"] == "无需处理"
    assert sheet.cell(row=2 + records.index(marked[0]), column=headers.index("问题") + 1).font.strike

    path.unlink()
    site.intake("report")
    (flag,) = reviewed()
    assert flag["review"]["verdict"] == "false_alarm"

"""Staff write in the summary workbook; a refresh keeps what they wrote. GIVEN a workbook
with a staff column 备注 and a hand-corrected cell WHEN the outputs are refreshed THEN both
are still there, on the right rows, even after staff re-sorted the rows."""

from __future__ import annotations

import openpyxl


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

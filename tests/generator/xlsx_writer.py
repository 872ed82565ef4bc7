"""Excel (.xlsx) writer for attachment 2 (汇总表), placed at a varying origin."""
from __future__ import annotations

import random
from pathlib import Path

from openpyxl import Workbook
from openpyxl.styles import Alignment, Border, Font, Side
from openpyxl.utils import get_column_letter

from .forms import SUMMARY_HEADER, SummarySheet

THIN = Side(style="thin")
BOX = Border(left=THIN, right=THIN, top=THIN, bottom=THIN)


def write_summary_xlsx(sheet: SummarySheet, path: Path, rng: random.Random) -> dict:
    """Write the summary sheet; return where the header row landed (for tests)."""
    wb = Workbook()
    ws = wb.active
    ws.title = rng.choice(["Sheet1", "汇总表", "附件2"])
    r0 = rng.randint(1, 3)
    c0 = rng.randint(1, 2)
    ncol = len(SUMMARY_HEADER)
    last = get_column_letter(c0 + ncol - 1)
    first = get_column_letter(c0)
    r = r0
    if rng.random() < 0.7:
        ws.cell(r, c0, "附件2").font = Font(name="黑体", size=12)
        r += 1
    ws.cell(r, c0, "梁平区技能大师工作室汇总表").font = Font(name="方正小标宋_GBK", size=18, bold=True)
    ws.merge_cells(f"{first}{r}:{last}{r}")
    ws.cell(r, c0).alignment = Alignment(horizontal="center")
    r += 1
    if rng.random() < 0.5:
        ws.cell(r, c0, f"主管部门（盖章）：{sheet.department}          填报单位（盖章）：{sheet.filler}")
        ws.merge_cells(f"{first}{r}:{last}{r}")
    else:
        ws.cell(r, c0, f"主管部门（盖章）：{sheet.department}")
        ws.cell(r, c0 + 6, f"填报单位（盖章）：{sheet.filler}")
    r += 1
    if rng.random() < 0.4:
        r += 1  # an empty spacer row
    header_row = r
    for i, h in enumerate(SUMMARY_HEADER):
        c = ws.cell(r, c0 + i, h)
        c.font = Font(name="宋体", bold=True)
        c.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
        c.border = BOX
    for row in sheet.rows:
        r += 1
        vals = [row.seq, row.unit, row.staff_count, row.high_skill_count, row.expert, row.gender, row.age,
                row.occupation, row.level_title, row.team_size, row.note or None]
        for i, v in enumerate(vals):
            if isinstance(v, int) and rng.random() < 0.15:
                v = str(v)   # numbers typed as text, as people do
            c = ws.cell(r, c0 + i, v)
            c.border = BOX
            c.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
    for _ in range(rng.randint(0, 2)):   # empty bordered rows left from the template
        r += 1
        for i in range(ncol):
            ws.cell(r, c0 + i).border = BOX
    r += 2
    ws.cell(r, c0, f"联系人：{sheet.contact_person}")
    ws.cell(r, c0 + 4, f"联系电话：{sheet.contact_phone}")
    ws.cell(r, c0 + 8, f"填报时间：{sheet.date_text}")
    widths = [6, 34, 10, 10, 10, 6, 6, 14, 14, 8, 10]
    for i, w in enumerate(widths):
        ws.column_dimensions[get_column_letter(c0 + i)].width = w
    ws.row_dimensions[header_row].height = 32
    wb.save(str(path))
    return {"header_row": header_row, "first_col": c0}

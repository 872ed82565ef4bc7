"""Word (.docx) writers: application form table, summary sheet as a Word table, narratives."""
from __future__ import annotations

import io
import random
from pathlib import Path

from docx import Document
from docx.enum.section import WD_ORIENT
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_BREAK
from docx.oxml.ns import qn
from docx.shared import Cm, Pt, RGBColor

from .forms import SUMMARY_HEADER, Layout, SummarySheet, place
from .texts import Narrative

FONTS = ["宋体", "仿宋_GB2312", "方正仿宋_GBK", "仿宋", "微软雅黑"]


def _set_font(run, name: str, size: float | None = None, bold: bool = False, color: RGBColor | None = None) -> None:
    run.font.name = name
    rpr = run._element.get_or_add_rPr()
    rfonts = rpr.find(qn("w:rFonts"))
    if rfonts is None:
        rfonts = rpr.makeelement(qn("w:rFonts"), {})
        rpr.append(rfonts)
    rfonts.set(qn("w:eastAsia"), name)
    if size:
        run.font.size = Pt(size)
    run.bold = bold
    if color is not None:
        run.font.color.rgb = color


def _para(doc_or_cell, text: str, font: str, size: float, bold=False, align=None, indent=False, color=None):
    p = doc_or_cell.add_paragraph()
    if align is not None:
        p.alignment = align
    if indent:
        p.paragraph_format.first_line_indent = Pt(size * 2)
    _set_font(p.add_run(text), font, size, bold, color)
    return p


def _new_doc(rng: random.Random) -> Document:
    doc = Document()
    sec = doc.sections[0]
    sec.page_width, sec.page_height = Cm(21.0), Cm(29.7)
    sec.left_margin = sec.right_margin = Cm(rng.choice([2.6, 2.8, 3.17]))
    sec.top_margin = sec.bottom_margin = Cm(rng.choice([2.54, 3.0, 3.7]))
    return doc


def _fill_cell(cell, text: str, font: str, size: float, bold=False, center=False) -> None:
    lines = text.split("\n")
    cell.paragraphs[0].text = ""
    for i, line in enumerate(lines):
        p = cell.paragraphs[0] if i == 0 else cell.add_paragraph()
        if center:
            p.alignment = WD_ALIGN_PARAGRAPH.CENTER
        _set_font(p.add_run(line), font, size, bold)


def write_application_docx(layout: Layout, path: Path, rng: random.Random, seal_png: dict[str, bytes] | None = None) -> None:
    """Attachment 1 as a real Word table. `seal_png` maps opinion label -> PNG of an e-seal to paste."""
    form = layout.form
    doc = _new_doc(rng)
    font = rng.choice(FONTS[:4])
    _para(doc, "附件1", "黑体", 14)
    if layout.cover:
        for _ in range(3):
            doc.add_paragraph()
        _para(doc, "梁平区技能大师工作室", "方正小标宋_GBK", 26, True, WD_ALIGN_PARAGRAPH.CENTER)
        _para(doc, "申  报  表", "方正小标宋_GBK", 26, True, WD_ALIGN_PARAGRAPH.CENTER)
        for _ in range(5):
            doc.add_paragraph()
        _para(doc, f"申报单位  {form.unit}", font, 16, align=WD_ALIGN_PARAGRAPH.CENTER)
        _para(doc, f"专家姓名  {form.expert}", font, 16, align=WD_ALIGN_PARAGRAPH.CENTER)
        for _ in range(6):
            doc.add_paragraph()
        _para(doc, "重庆市梁平区人力资源和社会保障局", font, 16, align=WD_ALIGN_PARAGRAPH.CENTER)
        _para(doc, "二〇二三年七月", font, 16, align=WD_ALIGN_PARAGRAPH.CENTER)
        doc.add_paragraph().add_run().add_break(WD_BREAK.PAGE)
    else:
        _para(doc, layout.title, "方正小标宋_GBK", 20, True, WD_ALIGN_PARAGRAPH.CENTER)
    table = doc.add_table(rows=len(layout.rows), cols=layout.ncols)
    table.style = "Table Grid"
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    for r, h in enumerate(layout.heights):
        table.rows[r].height = Cm(h)
    for c, w in enumerate(layout.col_widths):
        for cell in table.columns[c].cells:
            cell.width = Cm(w)
    for r, c, cell in place(layout):
        target = table.cell(r, c)
        if cell.colspan > 1 or cell.rowspan > 1:
            target = target.merge(table.cell(r + cell.rowspan - 1, c + cell.colspan - 1))
        _fill_cell(target, cell.text, font, 12 if cell.kind != "box" else 11,
                   bold=cell.kind in ("label", "head"), center=cell.kind in ("label", "head"))
        if seal_png and cell.kind == "box":
            label = layout.rows[r][0].text
            if label in seal_png:
                run = target.add_paragraph().add_run()
                run.add_picture(io.BytesIO(seal_png[label]), width=Cm(3.8))
    doc.save(str(path))


def write_summary_docx(sheet: SummarySheet, path: Path, rng: random.Random) -> None:
    doc = _new_doc(rng)
    sec = doc.sections[0]
    sec.orientation = WD_ORIENT.LANDSCAPE
    sec.page_width, sec.page_height = Cm(29.7), Cm(21.0)
    sec.left_margin = sec.right_margin = Cm(2.0)
    font = rng.choice(FONTS[:4])
    _para(doc, "附件2", "黑体", 14)
    _para(doc, "梁平区技能大师工作室汇总表", "方正小标宋_GBK", 20, True, WD_ALIGN_PARAGRAPH.CENTER)
    _para(doc, f"主管部门（盖章）：{sheet.department}          填报单位（盖章）：{sheet.filler}", font, 12)
    header = SUMMARY_HEADER[:]
    table = doc.add_table(rows=1 + len(sheet.rows), cols=len(header))
    table.style = "Table Grid"
    for i, h in enumerate(header):
        _fill_cell(table.cell(0, i), h, font, 11, bold=True, center=True)
    for r, row in enumerate(sheet.rows, 1):
        vals = [row.seq, row.unit, row.staff_count, row.high_skill_count, row.expert, row.gender, row.age, row.occupation,
                row.level_title, row.team_size, row.note]
        for i, v in enumerate(vals):
            _fill_cell(table.cell(r, i), str(v), font, 11, center=i != 1)
    _para(doc, f"联系人：{sheet.contact_person}          联系电话：{sheet.contact_phone}          填报时间：{sheet.date_text}", font, 12)
    doc.save(str(path))


def write_narrative_docx(nar: Narrative, path: Path, rng: random.Random, red_header: str | None = None) -> None:
    doc = _new_doc(rng)
    font = rng.choice(FONTS)
    size = rng.choice([14, 15, 16, 12])
    if red_header:
        _para(doc, red_header, "方正小标宋_GBK", 24, True, WD_ALIGN_PARAGRAPH.CENTER, color=RGBColor(0xE0, 0x10, 0x10))
        _para(doc, "━" * 24, font, 12, align=WD_ALIGN_PARAGRAPH.CENTER, color=RGBColor(0xE0, 0x10, 0x10))
    for line in nar.title.split("\n"):
        _para(doc, line, "方正小标宋_GBK", 20 if size > 12 else 16, True, WD_ALIGN_PARAGRAPH.CENTER)
    if nar.subtitle:
        _para(doc, nar.subtitle, font, size, align=WD_ALIGN_PARAGRAPH.CENTER)
    for head, para in nar.blocks:
        if head:
            _para(doc, head, "黑体", size, indent=True)
        if para:
            _para(doc, para, font, size, indent=not para.endswith("：") or len(para) > 12)
    for line in nar.closing:
        _para(doc, line, font, size, align=WD_ALIGN_PARAGRAPH.RIGHT)
    doc.save(str(path))

"""Born-digital PDFs (reportlab + embedded AR PL UMing): narratives with real text layers."""
from __future__ import annotations

import random
from pathlib import Path

from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER, TA_JUSTIFY, TA_RIGHT
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import cm
from reportlab.platypus import HRFlowable, Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

from .fonts import reportlab_font
from .forms import Layout, SUMMARY_HEADER, SummarySheet, place
from .texts import Narrative


def _esc(t: str) -> str:
    return t.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def write_narrative_pdf(nar: Narrative, path: Path, rng: random.Random, red_header: str | None = None) -> int:
    """Write a text PDF; return the page count."""
    f = reportlab_font()
    size = rng.choice([12, 13, 14, 15])
    lead = size * rng.choice([1.6, 1.8, 2.0])
    body = ParagraphStyle("b", fontName=f, fontSize=size, leading=lead, firstLineIndent=size * 2,
                          wordWrap="CJK", alignment=TA_JUSTIFY)
    head = ParagraphStyle("h", parent=body, fontSize=size, leading=lead)
    title = ParagraphStyle("t", fontName=f, fontSize=size + 6, leading=(size + 6) * 1.6, alignment=TA_CENTER, wordWrap="CJK")
    right = ParagraphStyle("r", parent=body, alignment=TA_RIGHT, firstLineIndent=0)
    story = []
    if red_header:
        story.append(Paragraph(_esc(red_header), ParagraphStyle("rh", parent=title, fontSize=26, leading=40,
                                                                 textColor=colors.Color(0.88, 0.05, 0.05))))
        story.append(HRFlowable(width="100%", thickness=2, color=colors.Color(0.88, 0.05, 0.05), spaceAfter=12))
    for line in nar.title.split("\n"):
        story.append(Paragraph(_esc(line), title))
    if nar.subtitle:
        story.append(Paragraph(_esc(nar.subtitle), ParagraphStyle("s", parent=title, fontSize=size)))
    story.append(Spacer(1, 0.3 * cm))
    for h, p in nar.blocks:
        if h:
            story.append(Paragraph(_esc(h), head))
        if p:
            style = body if len(p) > 12 else ParagraphStyle("n", parent=body, firstLineIndent=0)
            story.append(Paragraph(_esc(p), style))
    if nar.closing:
        story.append(Spacer(1, 0.8 * cm))
        for line in nar.closing:
            story.append(Paragraph(_esc(line), right))
    pages = []
    doc = SimpleDocTemplate(str(path), pagesize=A4, leftMargin=2.8 * cm, rightMargin=2.6 * cm, topMargin=3.0 * cm,
                            bottomMargin=2.5 * cm, title=nar.title.split("\n")[-1], author=rng.choice(["Administrator", "User", "HP", "lenovo", ""]))
    doc.build(story, onLaterPages=lambda c, d: pages.append(1), onFirstPage=lambda c, d: pages.append(1))
    return len(pages)


def write_application_pdf(layout: Layout, path: Path, rng: random.Random) -> int:
    """The application form exported to PDF (as WPS 'export to PDF' would): a text table."""
    f = reportlab_font()
    cellst = ParagraphStyle("c", fontName=f, fontSize=10.5, leading=14, wordWrap="CJK")
    lab = ParagraphStyle("l", parent=cellst, alignment=TA_CENTER)
    grid = [["" for _ in range(layout.ncols)] for _ in layout.rows]
    spans = []
    for r, c, cell in place(layout):
        st = lab if cell.kind in ("label", "head") else cellst
        grid[r][c] = Paragraph(_esc(cell.text).replace("\n", "<br/>"), st)
        if cell.colspan > 1 or cell.rowspan > 1:
            spans.append(("SPAN", (c, r), (c + cell.colspan - 1, r + cell.rowspan - 1)))
    t = Table(grid, colWidths=[w * cm for w in layout.col_widths], rowHeights=[h * cm for h in layout.heights], repeatRows=0)
    t.setStyle(TableStyle([("GRID", (0, 0), (-1, -1), 0.6, colors.black), ("VALIGN", (0, 0), (-1, -1), "MIDDLE")] + spans))
    title = ParagraphStyle("t", fontName=f, fontSize=18, leading=28, alignment=TA_CENTER)
    story = [Paragraph("附件1", ParagraphStyle("a", fontName=f, fontSize=12)), Paragraph(layout.title, title), Spacer(1, 0.3 * cm), t]
    pages = []
    doc = SimpleDocTemplate(str(path), pagesize=A4, leftMargin=2 * cm, rightMargin=2 * cm, topMargin=2 * cm, bottomMargin=2 * cm)
    doc.build(story, onLaterPages=lambda c, d: pages.append(1), onFirstPage=lambda c, d: pages.append(1))
    return len(pages)

"""Word (DOCX): paragraphs in order, every table as a grid (nested ones too), text boxes,
and the pictures pasted into it (applicants often paste ID card photos into Word)."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import docx
from docx.oxml.ns import qn
from docx.table import Table as DocxTable
from PIL import Image, UnidentifiedImageError

from pipeline.errors import FileReadError
from pipeline.models import Extraction, PageContent, Table
from pipeline.readers.context import ReadContext

MAX_PICTURES = 12
MIN_PICTURE_SIDE = 300  # smaller pictures are logos and icons


def _grid(table: DocxTable, nested: list[Table]) -> Table:
    """Rows of cell texts; a merged cell appears once, in its first grid column."""
    rows: Table = []
    for row in table.rows:
        cells: list[str] = []
        previous = None
        for cell in row.cells:
            if cell._tc is previous:
                continue
            previous = cell._tc
            cells.append("\n".join(p.text for p in cell.paragraphs).strip())
            for inner in cell.tables:
                nested.append(_grid(inner, nested))
        rows.append(cells)
    return rows


def _all_text(document) -> str:
    """Every paragraph of the body, tables and text boxes included, in document order."""
    lines = []
    for paragraph in document.element.body.iter(qn("w:p")):
        text = "".join(node.text or "" for node in paragraph.iter(qn("w:t")))
        if text.strip():
            lines.append(text)
    return "\n".join(lines)


def _pictures(document) -> list[Image.Image]:
    pictures = []
    for part in document.part.related_parts.values():
        if not part.content_type.startswith("image/"):
            continue
        try:
            picture = Image.open(io.BytesIO(part.blob))
            picture.load()
        except (UnidentifiedImageError, OSError):
            continue
        if min(picture.size) >= MIN_PICTURE_SIDE:
            pictures.append(picture)
        if len(pictures) >= MAX_PICTURES:
            break
    return pictures


def read_docx(path: Path, ctx: ReadContext) -> Extraction:
    try:
        document = docx.Document(str(path))
    except (zipfile.BadZipFile, KeyError, ValueError) as exc:
        raise FileReadError(f"Word 文件已损坏或格式不正确: {exc}") from exc
    tables: list[Table] = []
    for table in document.tables:
        nested: list[Table] = []
        tables.append(_grid(table, nested))
        tables.extend(nested)
    pages = [PageContent(number=1, text=_all_text(document))]
    for picture in _pictures(document):
        pages.append(ctx.ocr_page(picture, len(pages) + 1))
    return Extraction(kind="docx", pages=pages, tables=tables)

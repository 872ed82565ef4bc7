"""Excel (XLSX): every sheet as a grid of cell strings, merged cells read once."""

from __future__ import annotations

import io
import zipfile
from datetime import date, datetime
from pathlib import Path

import openpyxl
from openpyxl.utils.exceptions import InvalidFileException

from pipeline.errors import FileReadError
from pipeline.models import Extraction, PageContent, Table


def _cell_text(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, datetime):
        return value.strftime("%Y-%m-%d") if value.time() == datetime.min.time() else value.isoformat(sep=" ")
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()


def read_xlsx(path: Path) -> Extraction:
    try:  # a file object: openpyxl refuses paths without an .xlsx suffix, as blobs are
        with path.open("rb") as handle:
            workbook = openpyxl.load_workbook(io.BytesIO(handle.read()), data_only=True)
    except (zipfile.BadZipFile, KeyError, ValueError, OSError, InvalidFileException) as exc:
        raise FileReadError(f"Excel 文件已损坏或格式不正确: {exc}") from exc
    tables: list[Table] = []
    pages: list[PageContent] = []
    for number, sheet in enumerate(workbook.worksheets, start=1):
        grid: Table = [[_cell_text(value) for value in row] for row in sheet.iter_rows(values_only=True)]
        while grid and not any(grid[-1]):
            grid.pop()
        tables.append(grid)
        text = "\n".join("\t".join(cell for cell in row if cell) for row in grid if any(row))
        pages.append(PageContent(number=number, text=text))
    workbook.close()
    return Extraction(kind="xlsx", pages=pages, tables=tables)

"""A table read back from OCR boxes that each hold one cell's text (RapidOCR), by where the
boxes stand on the page: rows are lines of boxes, and each cell below the header is put
under the header column it stands beneath. The OCR text alone cannot do this: two narrow
neighbouring cells (性别 and 年龄, 女 and 45) run together in its line, and an empty cell
shifts every cell after it one column to the left."""

from __future__ import annotations

from dataclasses import dataclass

from pipeline.models import Table, TextBox
from pipeline.ocr.lines import group_into_lines


@dataclass(frozen=True)
class Cell:
    text: str
    left: int
    right: int


def _overlap(a: Cell, b: Cell) -> int:
    return min(a.right, b.right) - max(a.left, b.left)


def _stacked(line: list[TextBox]) -> list[Cell]:
    """Boxes of one line that stand over one another (a header cell written on two lines,
    "单位职工总" over "人数") are one cell, read top to bottom; the others are cells of their own."""
    groups: list[list[TextBox]] = []
    for box in line:  # left to right
        if groups and box.box[0] < max(b.box[2] for b in groups[-1]):
            groups[-1].append(box)
        else:
            groups.append([box])
    cells = []
    for group in groups:
        text = "".join(b.text for b in sorted(group, key=lambda b: b.box[1]))
        cells.append(Cell(text, min(b.box[0] for b in group), max(b.box[2] for b in group)))
    return cells


def cell_rows(boxes: list[TextBox]) -> list[list[Cell]]:
    """The page's lines, top to bottom, each a list of cells left to right."""
    return [_stacked(line) for line in group_into_lines(boxes)]


def _column(header: list[Cell], cell: Cell) -> int:
    """The header column a cell stands beneath: the one it overlaps most, else the nearest."""
    def fit(index: int) -> tuple[int, float]:
        column = header[index]
        distance = abs((column.left + column.right) / 2 - (cell.left + cell.right) / 2)
        return _overlap(column, cell), -distance

    return max(range(len(header)), key=fit)


def aligned_table(rows: list[list[Cell]], header_index: int) -> Table:
    """The rows as a table whose columns are the header row's cells: each cell of a row
    below the header goes to its column (two in one column are joined, a column with none
    is empty); the rows above the header stay as they are."""
    header = rows[header_index]
    table: Table = [[cell.text for cell in row] for row in rows[: header_index + 1]]
    for row in rows[header_index + 1 :]:
        texts = [""] * len(header)
        for cell in row:
            texts[_column(header, cell)] += cell.text
        table.append(texts)
    return table

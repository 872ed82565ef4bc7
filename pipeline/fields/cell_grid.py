"""A table read back from OCR boxes that each hold one cell's text (RapidOCR), by where the
boxes stand on the page: rows are lines of boxes, and each cell below the header is put
under the header column it stands beneath. The OCR text alone cannot do this: two narrow
neighbouring cells (性别 and 年龄, 女 and 45) run together in its line, and an empty cell
shifts every cell after it one column to the left."""

from __future__ import annotations

import math
from dataclasses import dataclass

from pipeline.models import Table, TextBox
from pipeline.ocr.lines import group_into_lines


@dataclass(frozen=True)
class Cell:
    text: str
    left: int
    right: int
    top: int
    bottom: int
    height: int  # of one line of its text


def _cell(box: TextBox) -> Cell:
    left, top, right, bottom = box.box
    return Cell(box.text, left, right, top, bottom, bottom - top)


def _overlap(a: Cell, b: Cell) -> int:
    return min(a.right, b.right) - max(a.left, b.left)


def _stacked(line: list[Cell]) -> list[Cell]:
    """Cells of one line that stand over one another (a header cell written on two lines,
    "单位职工总" over "人数") are one cell, read top to bottom; the others stay as they are."""
    groups: list[list[Cell]] = []
    for cell in sorted(line, key=lambda c: c.left):
        if groups and cell.left < max(c.right for c in groups[-1]):
            groups[-1].append(cell)
        else:
            groups.append([cell])
    return [
        Cell("".join(c.text for c in sorted(group, key=lambda c: c.top)), min(c.left for c in group),
             max(c.right for c in group), min(c.top for c in group), max(c.bottom for c in group),
             min(c.height for c in group))
        for group in groups
    ]


def cell_rows(boxes: list[TextBox]) -> list[list[Cell]]:
    """The page's lines, top to bottom, each a list of cells left to right."""
    return [_stacked([_cell(box) for box in line]) for line in group_into_lines(boxes)]


def _wrapped_joined(lines: list[list[Cell]]) -> list[list[Cell]]:
    """Table rows from lines: the halves of a cell written on two lines (a long unit name),
    above and below the middle of the row's other cells, are lines of their own that reach
    into the row's line; such a line of a few cells is joined to it. Two full rows written
    close together stay apart."""
    rows: list[list[Cell]] = []
    for line in lines:
        if rows and min(c.top for c in line) < max(c.bottom for c in rows[-1]) \
                and min(len(line), len(rows[-1])) * 2 <= max(len(line), len(rows[-1])):
            rows[-1] = _stacked(rows[-1] + line)
        else:
            rows.append(line)
    return rows


def _column(header: list[Cell], cell: Cell) -> float:
    """Where a cell of a row stands among the header's columns: the index of the column it
    overlaps most, else of the nearest one; but a cell farther than a line's height from
    both header cells around it stands in a column whose header the OCR did not read (under
    a seal): index i + 0.5 for the gap after header cell i."""
    overlaps = [_overlap(column, cell) for column in header]
    best = max(range(len(header)), key=lambda i: overlaps[i])
    if overlaps[best] > 0:
        return best
    left = max((i for i, column in enumerate(header) if column.right <= cell.left), default=-1)
    right = left + 1  # header cells do not overlap one another: the next one is right of the cell
    left_gap = cell.left - header[left].right if left >= 0 else math.inf
    right_gap = header[right].left - cell.right if right < len(header) else math.inf
    if min(left_gap, right_gap) > cell.height:
        return left + 0.5
    return left if left_gap <= right_gap else right


def aligned_table(rows: list[list[Cell]], header_index: int) -> Table:
    """The rows as a table whose columns are the header row's cells, and an unnamed column
    (empty header) for each gap between them that cells stand in: each cell of a row below
    the header (a cell on two lines joined) goes to its column (two in one column are joined, a column with none is
    empty); the rows above the header stay as they are."""
    header = rows[header_index]
    body = _wrapped_joined(rows[header_index + 1 :])
    placed = [[(_column(header, cell), cell.text) for cell in row] for row in body]
    positions = sorted({*range(len(header)), *(where for row in placed for where, _ in row)})
    index = {where: i for i, where in enumerate(positions)}
    table: Table = [[cell.text for cell in row] for row in rows[:header_index]]
    table.append([header[int(where)].text if where == int(where) else "" for where in positions])
    for row in placed:
        texts = [""] * len(positions)
        for where, text in row:
            texts[index[where]] += text
        table.append(texts)
    return table

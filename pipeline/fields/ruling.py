"""A scanned form's table read back by its ruling: the lines printed on the page bound its cells,
and each piece of text the OCR read belongs to the cell its middle falls in. Rows come out as a
Word table's do (cells left to right, a cell spanning rows only in its first row), so a value is
taken from its own cell, right of or below its label, never from the text of a neighbouring
label that the OCR line ran into."""

from __future__ import annotations

import cv2
import numpy as np

from pipeline.models import Table, TextBox
from pipeline.ocr.lines import group_into_lines

LINE_SHARE = 0.015  # a ruling line runs at least this share of the page's width (height, for a vertical one)
MIN_CELL_SHARE = 0.012  # a cell is at least this share of the page's width high and wide
MAX_CELL_SHARE = 0.6  # ...and less than this share of the page's area: else it is the paper around the table
FILLED_SHARE = 0.7  # a cell fills most of its bounding box (the paper around a table is a ring that does not)
ROW_TOLERANCE_SHARE = 0.006  # cells whose tops are this close (share of page height) start one row


def page_table(image_path: str, boxes: list[TextBox]) -> Table:
    """The table of a scanned page by its ruling, with the OCR's text in its cells."""
    gray = cv2.imread(image_path, cv2.IMREAD_GRAYSCALE)
    if gray is None:
        return []
    return ruled_table(boxes, ruled_cells(gray), gray.shape[0])


def ruled_cells(gray: np.ndarray) -> list[tuple[int, int, int, int]]:
    """The cells (left, top, right, bottom) that the ruling lines of a grey page image enclose."""
    height, width = gray.shape
    ink = cv2.adaptiveThreshold(255 - gray, 255, cv2.ADAPTIVE_THRESH_MEAN_C, cv2.THRESH_BINARY, 15, -2)
    across = cv2.morphologyEx(ink, cv2.MORPH_OPEN, cv2.getStructuringElement(cv2.MORPH_RECT, (max(8, int(width * LINE_SHARE)), 1)))
    down = cv2.morphologyEx(ink, cv2.MORPH_OPEN, cv2.getStructuringElement(cv2.MORPH_RECT, (1, max(8, int(height * LINE_SHARE)))))
    ruling = cv2.dilate(cv2.bitwise_or(across, down), np.ones((3, 3), np.uint8))
    count, _, stats, _ = cv2.connectedComponentsWithStats(255 - ruling, connectivity=4)
    least = MIN_CELL_SHARE * width
    cells = []
    for left, top, w, h, area in stats[1:count]:
        if w >= least and h >= least and w * h < MAX_CELL_SHARE * width * height and area >= FILLED_SHARE * w * h:
            cells.append((int(left), int(top), int(left + w), int(top + h)))
    return cells


def ruled_table(boxes: list[TextBox], cells: list[tuple[int, int, int, int]], page_height: int) -> Table:
    """The cells' texts in rows; text standing in no cell is left out (it is outside the table)."""
    if not cells:
        return []
    texts: dict[tuple[int, int, int, int], list[TextBox]] = {cell: [] for cell in cells}
    for box in boxes:
        x, y = (box.box[0] + box.box[2]) / 2, (box.box[1] + box.box[3]) / 2
        homes = [cell for cell in cells if cell[0] <= x <= cell[2] and cell[1] <= y <= cell[3]]
        if homes:
            texts[min(homes, key=lambda c: (c[2] - c[0]) * (c[3] - c[1]))].append(box)
    tolerance = ROW_TOLERANCE_SHARE * page_height
    rows: list[list[tuple[int, int, int, int]]] = []
    for cell in sorted(cells, key=lambda c: c[1]):
        if rows and cell[1] - rows[-1][0][1] <= tolerance:
            rows[-1].append(cell)
        else:
            rows.append([cell])
    return [[_cell_text(texts[cell]) for cell in sorted(row)] for row in rows]


def _cell_text(boxes: list[TextBox]) -> str:
    """A cell's text in reading order: its lines top to bottom, each left to right."""
    return "".join(box.text for line in group_into_lines(boxes) for box in line)

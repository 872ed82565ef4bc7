"""Which of a page's OCR boxes are print, to be taken out before handwriting (the phrase, the
signature) is looked for.

An engine that reads handwriting returns boxes for it too, often with high confidence (RapidOCR
reads most signatures as names). A confidently read box is handwriting, not print, when its ink is
blue or red pen (the print of a copy is black or grey; red print is a title or a letterhead, far
from where a clerk certifies) or when it is written much larger than the page's print. On a
black-and-white scan only the size tells: a signature read as a name is then taken for print,
and found again by its text (pipeline.certify.written_name).
"""

from __future__ import annotations

import numpy as np

from pipeline.certify.page import PageImage, clamp
from pipeline.models import TextBox

PRINT_CONFIDENCE = 0.6  # boxes read less surely than this are not taken for print
LARGER_THAN_PRINT = 1.6  # a box this many times taller than the page's typical print line is handwriting


def printed_boxes(page: PageImage, boxes: list[TextBox]) -> list[tuple[int, int, int, int]]:
    """The page-pixel boxes of the OCR boxes that read print."""
    confident = _confident(page, boxes)
    if not confident:
        return []
    typical = float(np.median([y1 - y0 for _, y0, _, y1 in confident]))
    return [box for box in confident
            if box[3] - box[1] <= LARGER_THAN_PRINT * typical and page.ink_in(box) in ("pen", "dark")]


def read_boxes(page: PageImage, boxes: list[TextBox]) -> list[tuple[int, int, int, int]]:
    """The page-pixel boxes of every confidently read OCR box not written in blue pen: print,
    large print (an award's title) included."""
    return [box for box in _confident(page, boxes) if page.ink_in(box) != "blue"]


def _confident(page: PageImage, boxes: list[TextBox]) -> list[tuple[int, int, int, int]]:
    return [clamp(box.box, page.width, page.height) for box in boxes if box.confidence >= PRINT_CONFIDENCE]

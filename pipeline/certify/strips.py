"""Strips cut from a page (pipeline.certify.lines) read by recognition alone: the page was
detected once, and a strip is never searched for text regions again. A strip that does not
read as one line (a stamp's frame around the text, a name run on after the phrase) is read in
pieces: cut where the page's own detector found text over it, and at the wide gaps of its ink,
a frame's rules taken out first."""

from __future__ import annotations

from collections.abc import Callable

import cv2
import numpy as np
from PIL import Image

from pipeline.certify.lines import STRIP_PAD, Line
from pipeline.models import TextBox
from pipeline.ocr import OcrEngine

RULE_LENGTH = 1.2  # a straight horizontal stroke this many line heights long is a frame's rule or an underline
WORD_GAP = 0.6  # a blank stretch this many character heights wide separates two pieces
PIECE_PAD = 6  # white pixels kept around a piece
SPECK = 0.005  # an ink blot smaller than this share of a character's square is a speck
MIN_PIECE = 0.5  # a piece narrower than this many character heights holds no word (a frame's side)


class StripReader:
    """Reads strips whole (one recognition); the first `searches` whose reading scores under
    `enough` by `score(text)` are read again in pieces (one recognition call for all of a
    strip's pieces), and the best-scoring reading is kept."""

    def __init__(self, engine: OcrEngine, boxes: list[TextBox], score: Callable[[str], float], enough: float,
                 searches: int) -> None:
        self.engine = engine
        self.boxes = boxes  # the page's text boxes, in page pixels
        self.score = score
        self.enough = enough
        self.searches = searches
        self._pieces: tuple[Line, list[TextBox]] | None = None  # the last strip read in pieces, as read

    def read(self, line: Line) -> str:
        text = self.engine.read_line(line.image)
        if self.score(text) < self.enough and self.searches > 0:
            self.searches -= 1
            text = max([text] + [box.text for box in self.regions(line)], key=self.score)
        return text

    def regions(self, line: Line) -> list[TextBox]:
        """The pieces of a strip and what they read, boxes in the strip image's pixels (a strip
        already read in pieces is not read again)."""
        if self._pieces is None or self._pieces[0] is not line:
            spans = pieces(line, self.boxes)
            clean = without_rules(line.image)
            crops = [_rows_of_ink(clean.crop((x0, 0, x1, clean.height))) for x0, x1 in spans]
            readings = self.engine.read_lines(crops) if crops else []
            found = [TextBox(reading.text, (x0, 0, x1, line.image.height), reading.confidence)
                     for (x0, x1), reading in zip(spans, readings)]
            self._pieces = (line, found)
        return self._pieces[1]


def char_height(image: Image.Image) -> int:
    """A character's height in a strip: the strip is cut a line's height, twice a character's."""
    return max(4, (image.height - 2 * STRIP_PAD) // 2)


def without_rules(image: Image.Image) -> Image.Image:
    """The strip with its long straight horizontal strokes (a stamp frame's top and bottom,
    an underline) and its specks whitened: they join the words of a line into one, or make
    words of nothing."""
    ink = (np.asarray(image.convert("L")) < 128).astype(np.uint8)
    length = int(RULE_LENGTH * 2 * char_height(image))
    rules = cv2.morphologyEx(ink, cv2.MORPH_OPEN, np.ones((1, max(3, length)), np.uint8))
    rules = cv2.dilate(rules, np.ones((3, 1), np.uint8))
    count, labels, stats, _ = cv2.connectedComponentsWithStats(ink, connectivity=8)
    specks = np.isin(labels, [k for k in range(1, count) if stats[k][4] < SPECK * char_height(image) ** 2])
    pixels = np.asarray(image.convert("L")).copy()
    pixels[(rules > 0) | specks] = 255
    return Image.fromarray(pixels)


def _rows_of_ink(piece: Image.Image) -> Image.Image:
    """A piece cut down to the rows its ink fills (the recogniser scales a line to its own
    height: a line a third of its image's height reads as small print), a margin kept."""
    rows = np.nonzero((np.asarray(piece.convert("L")) < 128).any(axis=1))[0]
    if not len(rows):
        return piece
    margin = max(PIECE_PAD, (rows[-1] - rows[0]) // 8)
    return piece.crop((0, max(0, rows[0] - margin), piece.width, min(piece.height, rows[-1] + 1 + margin)))


def pieces(line: Line, boxes: list[TextBox]) -> list[tuple[int, int]]:
    """Column spans of the strip to read apart: the page's text boxes lying over it, then the
    runs of ink between wide gaps, the whole inked width last; no span twice."""
    image = without_rules(line.image)
    spans = _under_boxes(line, boxes) + _between_gaps(image)
    ink = _ink_columns(image)
    if ink.any():
        columns = np.nonzero(ink)[0]
        spans.append((int(columns[0]), int(columns[-1]) + 1))
    least = MIN_PIECE * char_height(image)
    kept: list[tuple[int, int]] = []
    for x0, x1 in spans:
        x0, x1 = max(0, x0 - PIECE_PAD), min(image.width, x1 + PIECE_PAD)
        if x1 - x0 >= least and (x0, x1) not in kept:
            kept.append((x0, x1))
    return kept


def _ink_columns(image: Image.Image) -> np.ndarray:
    return (np.asarray(image.convert("L")) < 128).any(axis=0)


def _between_gaps(image: Image.Image) -> list[tuple[int, int]]:
    ink = _ink_columns(image)
    gap = WORD_GAP * char_height(image)
    spans: list[tuple[int, int]] = []
    start = end = None
    for x in np.nonzero(ink)[0]:
        if start is None:
            start = end = int(x)
        elif x - end > gap:
            spans.append((start, end + 1))
            start = int(x)
        end = int(x)
    if start is not None:
        spans.append((start, end + 1))
    return spans if len(spans) > 1 else []


def _under_boxes(line: Line, boxes: list[TextBox]) -> list[tuple[int, int]]:
    """The spans of the strip that the page's text boxes cover, where a box's middle lies in
    the strip's band: along the strip's top edge, from its left end to its right."""
    (lx, ly), (rx, ry) = line.outline[0], line.outline[1]
    x0, y0, x1, y1 = line.box
    along = max(1.0, float(np.hypot(rx - lx, ry - ly)))
    inner = line.image.width - 2 * STRIP_PAD
    spans = []
    for box in boxes:
        middle = (box.box[1] + box.box[3]) / 2
        if not y0 <= middle <= y1 or box.box[2] <= x0 or box.box[0] >= x1:
            continue
        ends = [((bx - lx) * (rx - lx) + (middle - ly) * (ry - ly)) / along**2 for bx in (box.box[0], box.box[2])]
        left, right = (STRIP_PAD + min(1.0, max(0.0, t)) * inner for t in ends)
        if right - left > 0:
            spans.append((int(left), int(right)))
    return spans

"""The handler's signature (经办人签字): handwriting strokes in a window below and beside the
certification phrase (or the certifying seal), in a pen ink (the phrase's first), once the
phrase itself, the printed text the page's OCR read (pipeline.certify.printed), stamp frames
(pipeline.certify.frames), ruled lines and the seals are taken out. On a grey scan, strokes
across a seal that are clearly darker than its ink (a black or blue pen over a red pad's grey)
stay: they are not its arc text."""

from __future__ import annotations

from dataclasses import dataclass

import cv2
import numpy as np

from pipeline.certify.frames import without_frames
from pipeline.certify.page import PageImage, clamp
from pipeline.certify.seal import Seal, without_seals

MIN_WIDTH_MM = 8.0  # a signature is at least this wide
MIN_HEIGHT_MM = 3.0  # and its strokes this tall (a stamp frame's broken edge is a flat run of dashes)
MIN_INK_MM2 = 14.0  # and leaves at least this much ink
PEN_RED_RING = 0.3  # share of a seal's ring in pen red from which its ink is taken for a pen's red
SEAL_MARGIN = 1.12  # a seal hidden whole is hidden this much beyond its fitted ring (a fit a little off)
SEAL_INK_PERCENTILE = 10  # a seal's full-strength ink on a grey scan: this percentile of its ring's grey
DARKER_THAN_SEAL = 25  # pen strokes over a seal are this much darker (0-255) than that, at their core
STROKE_EDGE_PX = 2  # ...and their edges this many pixels around such cores
RULE_MM = 12.0  # straight runs longer than this, along the page's axes, are ruled lines, not strokes
# A scrawl (one connected run of thin pen stroke), against the page's print line height:
SCRAWL_TALL = 1.2  # taller than this many print lines (OCR boxes, a third taller than their characters)
SCRAWL_LONG = 2.5  # or longer than this many (a flat zigzag)
SCRAWL_INK_MM2 = 10.0  # and at least this much ink
SCRAWL_MAX_MM = 60.0  # a signature is no longer than this
SCRAWL_FILL = 0.3  # ink covers at most this share of its box (a filled shape is no stroke)
SCRAWL_STROKE_MM = 1.0  # its stroke at most this broad (twice its ink over its outline's length)
SCRAWL_IN_TEXT = 0.6  # a run mostly (this share) inside the boxes of text the OCR read is that text
PRINT_LINE_MM = 4.0  # the print line height assumed on a page with no line of print read
PRINT_LINE_ASPECT = 4.0  # an OCR box this many times wider than high is a line of print


@dataclass(frozen=True)
class Signature:
    found: bool | None  # None: the window is hidden (under a seal on a black-and-white scan)
    box: tuple[int, int, int, int] | None
    ink_mm2: float

    @property
    def confidence(self) -> float:
        if self.found is None:
            return 0.0
        ratio = self.ink_mm2 / MIN_INK_MM2
        return round(min(0.95, 0.5 + 0.15 * ratio) if self.found else min(0.95, 0.95 - 0.4 * ratio), 3)


def window_below(anchor: tuple[int, int, int, int], page: PageImage, *, left_mm: float, right_mm: float,
                 down_mm: float) -> tuple[int, int, int, int]:
    mm = page.px_per_mm
    x0, y0, x1, y1 = anchor
    return clamp((int(x0 - left_mm * mm), y0, int(x1 + right_mm * mm), int(y1 + down_mm * mm)), page.width, page.height)


def strokes_by_ink(page: PageImage, window: tuple[int, int, int, int], inks: tuple[str, ...], *,
                   exclude: list[tuple[int, int, int, int]], seals: list[Seal],
                   own: dict[str, list[tuple[int, int, int, int]]] | None = None) -> list[Signature]:
    """Handwriting in `window` (page pixels) in each of `inks`, leaving out the `exclude` boxes
    (the page's print) and, in each ink, the boxes `own` gives for it (the phrase, where it is in
    that ink: a blue signature across a red phrase stamp stays)."""
    return [_in_ink(page, window, ink, exclude + (own or {}).get(ink, []), seals) for ink in inks]


def _in_ink(page: PageImage, window: tuple[int, int, int, int], ink: str,
            exclude: list[tuple[int, int, int, int]], seals: list[Seal]) -> Signature:
    x0, y0, x1, y1 = window
    if x1 <= x0 or y1 <= y0:
        return Signature(False, None, 0.0)
    mm = page.px_per_mm
    strokes = without_seals(page.ink(ink)[y0:y1, x0:x1], seals, (x0, y0))
    hidden = np.zeros(strokes.shape, np.uint8)
    if ink in ("dark", "red"):  # a seal's own arc text looks like strokes in its ink: leave such seals out
        for seal in seals:  # (not a loose seal's: its arc text, if any is left, is too faint for a pen's red)
            if ink == "dark" or (not seal.loose and _stamped_in_pen_red(page, seal)):
                disc = np.zeros(strokes.shape, np.uint8)
                axes = (int(seal.axes[0] * SEAL_MARGIN), int(seal.axes[1] * SEAL_MARGIN))
                cv2.ellipse(disc, (seal.centre[0] - x0, seal.centre[1] - y0), axes, seal.angle, 0, 360, 255, -1)
                wiped = disc > 0
                if ink == "dark":
                    wiped &= ~_darker_than_seal(page, seal, window)
                strokes[wiped] = 0
                hidden |= disc
    for bx0, by0, bx1, by1 in exclude:
        strokes[max(0, by0 - y0) : max(0, by1 - y0), max(0, bx0 - x0) : max(0, bx1 - x0)] = 0
    strokes = without_frames(strokes, mm)
    rule = int(RULE_MM * mm)
    for kernel in (np.ones((1, rule), np.uint8), np.ones((rule, 1), np.uint8)):
        strokes[cv2.morphologyEx(strokes, cv2.MORPH_OPEN, kernel) > 0] = 0
    strokes = cv2.morphologyEx(strokes, cv2.MORPH_OPEN, np.ones((2, 2), np.uint8))
    joined = cv2.dilate(strokes, cv2.getStructuringElement(cv2.MORPH_ELLIPSE, (int(mm * 3) | 1,) * 2))
    count, labels, stats, _ = cv2.connectedComponentsWithStats(joined)
    best: tuple[float, tuple[int, int, int, int]] | None = None
    for index in range(1, count):
        x, y, w, h, _ = stats[index]
        if w < MIN_WIDTH_MM * mm:
            continue
        rows = np.nonzero((labels[y:y + h, x:x + w] == index) & (strokes[y:y + h, x:x + w] > 0))[0]
        if rows.size == 0 or rows.max() - rows.min() < MIN_HEIGHT_MM * mm:
            continue
        area = rows.size / (mm * mm)
        if best is None or area > best[0]:
            best = (area, (int(x0 + x), int(y0 + y), int(x0 + x + w), int(y0 + y + h)))
    if best is not None and best[0] >= MIN_INK_MM2:
        return Signature(True, best[1], round(best[0], 1))
    if ink == "dark" and np.count_nonzero(hidden) > 0.5 * hidden.size:
        return Signature(None, None, 0.0)
    return Signature(False, None, round(best[0], 1) if best else 0.0)


def _darker_than_seal(page: PageImage, seal: Seal, window: tuple[int, int, int, int]) -> np.ndarray:
    """On a black-and-white scan, the strokes in `window` clearly darker than a seal's own ink
    (a black or blue pen greys darker than a red stamp pad): handwriting across the seal, which
    stays visible. Stroke edges next to such dark cores are kept with them."""
    x0, y0, x1, y1 = window
    bx0, by0, bx1, by1 = clamp(seal.box, page.width, page.height)
    ring = np.zeros((by1 - by0, bx1 - bx0), np.uint8)
    cv2.ellipse(ring, (seal.centre[0] - bx0, seal.centre[1] - by0), seal.axes, seal.angle, 0, 360, 255,
                max(2, int(seal.radius * 0.08)))
    inked = page.grey[by0:by1, bx0:bx1][(ring > 0) & (page.dark[by0:by1, bx0:bx1] > 0)]
    if inked.size == 0:
        return np.zeros((y1 - y0, x1 - x0), bool)
    level = float(np.percentile(inked, SEAL_INK_PERCENTILE)) - DARKER_THAN_SEAL
    dark = page.dark[y0:y1, x0:x1]
    seen = np.where((dark > 0) & (page.grey[y0:y1, x0:x1] < level), 255, 0).astype(np.uint8)
    for _ in range(STROKE_EDGE_PX):
        seen = cv2.dilate(seen, np.ones((3, 3), np.uint8)) & dark
    return seen > 0


def _stamped_in_pen_red(page: PageImage, seal: Seal) -> bool:
    """Whether a seal's ink is a pen's red (then red pen strokes across it cannot be told from
    its arc text); a pink or purple stamp pad's ink is not, and red strokes over it stay visible."""
    x0, y0, x1, y1 = clamp(seal.box, page.width, page.height)
    ring = np.zeros((y1 - y0, x1 - x0), np.uint8)
    centre = (seal.centre[0] - x0, seal.centre[1] - y0)
    cv2.ellipse(ring, centre, seal.axes, seal.angle, 0, 360, 255, max(2, int(seal.radius * 0.08)))
    stamped = (ring > 0) & (page.stamp_red[y0:y1, x0:x1] > 0)
    in_pen_red = stamped & (page.red_pen[y0:y1, x0:x1] > 0)
    return int(np.count_nonzero(in_pen_red)) >= PEN_RED_RING * max(1, int(np.count_nonzero(stamped)))


def scrawl(page: PageImage, window: tuple[int, int, int, int], read: list[tuple[int, int, int, int]],
           seals: list[Seal]) -> Signature:
    """A quick scrawled signature in `window` (page pixels), in any ink but a red stamp pad's:
    pen strokes, not characters, told from print by their shape alone. A scrawl is one connected
    run of thin stroke (a hand that does not lift), taller than the page's print lines or
    longer than a few of its characters, and not lying within the text the OCR read
    (`read`). Print, however dense, breaks into characters no taller than its line; a photo,
    an emblem or a name seal is filled, not thin."""
    x0, y0, x1, y1 = window
    if x1 <= x0 or y1 <= y0:
        return Signature(False, None, 0.0)
    mm = page.px_per_mm
    mask = page.unred[y0:y1, x0:x1] if page.colour else without_seals(page.dark[y0:y1, x0:x1], seals, (x0, y0))
    mask = cv2.morphologyEx(mask, cv2.MORPH_CLOSE, np.ones((3, 3), np.uint8))
    line = _print_height(read, mm)
    covered = np.zeros(mask.shape, bool)
    for bx0, by0, bx1, by1 in read:
        covered[max(0, by0 - y0):max(0, by1 - y0), max(0, bx0 - x0):max(0, bx1 - x0)] = True
    count, labels, stats, _ = cv2.connectedComponentsWithStats(mask, connectivity=8)
    best: tuple[float, tuple[int, int, int, int]] | None = None
    for index in range(1, count):
        x, y, w, h, area = stats[index]
        if not MIN_WIDTH_MM * mm <= max(w, h) <= SCRAWL_MAX_MM * mm or area < SCRAWL_INK_MM2 * mm * mm:
            continue  # (a frame, a table's grid, a border is larger)
        if h < SCRAWL_TALL * line and w < SCRAWL_LONG * line:
            continue  # no taller than a line of print, no longer than a few of its characters
        if area > SCRAWL_FILL * w * h:
            continue  # filled: a photo, an emblem, a name seal, a block of bold print
        own = labels[y:y + h, x:x + w] == index
        if np.count_nonzero(own & covered[y:y + h, x:x + w]) > SCRAWL_IN_TEXT * area:
            continue  # print the OCR read (a title's large characters)
        contours, _ = cv2.findContours(own.astype(np.uint8), cv2.RETR_LIST, cv2.CHAIN_APPROX_NONE)
        perimeter = sum(cv2.arcLength(contour, True) for contour in contours)
        if 2 * area / max(1.0, perimeter) > SCRAWL_STROKE_MM * mm:
            continue  # strokes too broad for a pen
        ink = area / (mm * mm)
        if best is None or ink > best[0]:
            best = (ink, (int(x0 + x), int(y0 + y), int(x0 + x + w), int(y0 + y + h)))
    if best is None:
        return Signature(False, None, 0.0)
    return Signature(True, best[1], round(best[0], 1))


def _print_height(read: list[tuple[int, int, int, int]], mm: float) -> float:
    """The height of the page's body print line (pixels): the median height of its OCR boxes
    shaped like lines of print, PRINT_LINE_ASPECT times wider than high (a title, a diagonal
    watermark such as 复印无效, a signature read as a name are shorter and taller)."""
    heights = sorted(y1 - y0 for x0, y0, x1, y1 in read if y1 > y0 and x1 - x0 >= PRINT_LINE_ASPECT * (y1 - y0))
    return float(heights[len(heights) // 2]) if heights else PRINT_LINE_MM * mm

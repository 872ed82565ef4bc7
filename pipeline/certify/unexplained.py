"""Ink anywhere on a copy page that could be a certification mark and that nothing found explains.

"Absent" is a claim that needs evidence of absence: a mark that was not detected may still be on
the page, unread (a red phrase stamp read as garble, a scrawled name, a pink seal too faint for the
seal rules). This measures what would betray it, over the whole page:

- chromatic ink (stamp-pad red, pink and purple, blue pen, red pen), on the page image as it was
  decoded, less what the seals found, the phrase found and text read surely as print explain (a
  certificate's red title read cleanly is print; a red stamp read as garble is not);
- dark ink shaped like handwriting (strokes of a signature's size clear of every text box the OCR
  returned and of the seals found, ruled lines, stamp frames, photos, solid shapes and QR codes
  taken out), measured conservatively: unread print must not pass for it.

Each cluster is kept with its ink, box and amount (`UnexplainedInk`); what a cluster may be (a seal,
a line of writing) is judged by pipeline.certify.decide.
"""

from __future__ import annotations

import cv2
import numpy as np

from pipeline.certify.evidence import Box, UnexplainedInk
from pipeline.certify.frames import without_frames
from pipeline.certify.page import PageImage, clamp
from pipeline.certify.seal import Seal
from pipeline.models import TextBox
from pipeline.textnorm import is_chinese

CHROMATIC = ("red", "purple", "blue")  # the stamp pads' and pens' inks, by PageImage mask
SEAL_EXPLAINS = 1.15  # a seal found explains its ink this far beyond its fitted ring (a fit a little off)...
SEAL_OWN_INK = 0.25  # ...in the inks that hold this share of its own (a purple phrase, a blue name across it stay)
PHRASE_MARGIN_MM = 2.5  # the phrase found explains its ink this far around its box (a stamp's frame)
CLEAN_READ = 0.85  # text read this surely...
PRINT_CHARS = 2  # ...and this long is print, in any ink (a red title, 证明); a stamp read as garble is not
TEXT_MARGIN_MM = 1.0  # a box read explains dark ink this far around it (strokes its box cut)
RULE_MM = 12.0  # straight runs this long along the page's axes are ruled lines (tables, frames, borders)
SOLID_MM = 3.0  # grey or black ink this thick throughout, over SOLID_MM2 or more, is a solid shape (a portrait,
SOLID_MM2 = 20.0  # bold print), no pen stroke (where a bold stroke crosses another, less is this thick)
PAPER_PERCENTILE = 90  # the paper's grey: this percentile of the page's
SHADE_STEP = 45  # ink or print of any shade (a portrait's grey face): this much darker than the paper
JOIN_MM = 3.0  # strokes this close are one cluster
MIN_MM2 = 2.0  # clusters with less ink are speckle
BLOCK_MM = 8.0  # the page is judged in squares this wide for photos and blocks of colour...
BLOCK_FILL = 0.7  # ...three by three such squares this much inked are a photo or printed colour (a name seal,
BLOCK_RUN = 3  # solid red with its characters in white, is 25 mm at the most)
PICTURE_SHARE = 0.05  # a chromatic cluster whose box is this much gold or solid black is printed in a picture (an
GOLD_HUES = (15, 35)  # emblem's red and gold, a portrait's background): stamp pads and pens leave neither
KEPT = 12  # the largest clusters kept as evidence
# dark ink, handwriting-like
BLACK_CHROMA = 40  # on a colour page, black ink's RGB spread stays under this (page.COLOUR_CHROMA)
HAND_MIN_MM = (8.0, 3.0)  # a signature's size at least, wide and tall
HAND_MAX_MM = (120.0, 40.0)  # at most a written line's (larger: a block of unread print, a drawing)
HAND_FILL = 0.3  # pen strokes are black over at most this share of their box (a QR code, a block of print more)
HAND_CLEAR_MM = 3.0  # no text box read within this distance, no seal found touching (unread print sits among
EDGE_MM = 1.0  # read print and under seals); not at the image's edge (a scan's dark surround, a shadow)


def unexplained_ink(page: PageImage, seals: list[Seal], phrase: Box | None, boxes: list[TextBox]) -> tuple[UnexplainedInk, ...]:
    """The clusters of chromatic and handwriting-like dark ink nothing found explains, largest first."""
    mm = page.px_per_mm
    shaded = _shaded(page)
    blocks, solid = _blocks(page, shaded), _solid(page, shaded)
    found: list[UnexplainedInk] = []
    if page.colour:
        masks = {ink: page.ink(ink) if ink != "red" else page.stamp_red for ink in CHROMATIC}
        chromatic = np.zeros(page.grey.shape, np.uint8)
        for mask in masks.values():
            chromatic |= mask
        for name, mask in masks.items():  # a seal explains its own ink, not a phrase or a pen's across it
            chromatic[mask.astype(bool) & _explained(page, [seal for seal in seals if name in _inks_of(page, seal, masks)],
                                                     None, [])] = 0
        explained = _explained(page, [], phrase, [b.box for b in boxes if _printed(b)]) | blocks
        found += [ink for ink in _clusters(_strokes(chromatic, explained, mm), masks, mm)
                  if not _picture(page, ink, solid)]
    dark = page.dark
    if page.colour:  # black: no colour at all (a gold border, a blue pen's stroke are not)
        dark = np.where(page.chroma < BLACK_CHROMA, page.pen, 0).astype(np.uint8)
    text = _grown([b.box for b in boxes], TEXT_MARGIN_MM * mm)
    strokes = _strokes(dark, _explained(page, seals, phrase, text) | blocks | solid, mm)
    clear = _explained(page, seals, None, _grown([b.box for b in boxes], HAND_CLEAR_MM * mm))
    found += [ink for ink in _clusters(strokes, {"dark": strokes}, mm) if _handwriting_like(page, ink, clear, shaded)]
    return tuple(sorted(found, key=lambda ink: -ink.mm2)[:KEPT])


def _inks_of(page: PageImage, seal: Seal, masks: dict[str, np.ndarray]) -> set[str]:
    """The chromatic inks a seal is stamped in: each holding SEAL_OWN_INK of the inked pixels of its
    ring and disc (a purplish pad spreads over the red and the purple masks)."""
    x0, y0, x1, y1 = clamp(seal.box, page.width, page.height)
    disc = np.zeros((y1 - y0, x1 - x0), np.uint8)
    cv2.ellipse(disc, (seal.centre[0] - x0, seal.centre[1] - y0), seal.axes, seal.angle, 0, 360, 255, -1)
    counts = {name: int(np.count_nonzero((mask[y0:y1, x0:x1] > 0) & (disc > 0))) for name, mask in masks.items()}
    total = max(1, sum(counts.values()))
    return {name for name, count in counts.items() if count >= SEAL_OWN_INK * total}


def _printed(box: TextBox) -> bool:
    chars = sum(is_chinese(ch) or ch.isalnum() for ch in box.text)
    return box.confidence >= CLEAN_READ and chars >= PRINT_CHARS


def _explained(page: PageImage, seals: list[Seal], phrase: Box | None, boxes: list[Box]) -> np.ndarray:
    """Where ink is explained (bool mask): the seals' discs, the phrase, the boxes given."""
    mask = np.zeros(page.grey.shape, np.uint8)
    for seal in seals:
        axes = (int(seal.axes[0] * SEAL_EXPLAINS), int(seal.axes[1] * SEAL_EXPLAINS))
        cv2.ellipse(mask, seal.centre, axes, seal.angle, 0, 360, 255, -1)
    if phrase is not None:
        boxes = [*boxes, *_grown([phrase], PHRASE_MARGIN_MM * page.px_per_mm)]
    for box in boxes:
        x0, y0, x1, y1 = clamp(box, page.width, page.height)
        mask[y0:y1, x0:x1] = 255
    return mask > 0


def _blocks(page: PageImage, shaded: np.ndarray) -> np.ndarray:
    """Photos and blocks of printed colour or black (bool mask): runs of squares of BLOCK_MM mostly
    inked (a bold character fills one square at most, a name seal two by two)."""
    size = max(2, int(BLOCK_MM * page.px_per_mm))
    inked = shaded | (page.chroma > BLACK_CHROMA)
    h, w = inked.shape
    rows, cols = -(-h // size), -(-w // size)
    padded = np.zeros((rows * size, cols * size), bool)
    padded[:h, :w] = inked
    share = padded.reshape(rows, size, cols, size).mean(axis=(1, 3))
    full = cv2.morphologyEx((share >= BLOCK_FILL).astype(np.uint8), cv2.MORPH_OPEN, np.ones((BLOCK_RUN,) * 2, np.uint8))
    full = cv2.dilate(full, np.ones((3, 3), np.uint8))  # the photo's edge, half inked
    return np.kron(full, np.ones((size, size), np.uint8))[:h, :w] > 0


def _shaded(page: PageImage) -> np.ndarray:
    """Pixels clearly darker than the page's paper (bool mask)."""
    return page.grey < int(np.percentile(page.grey, PAPER_PERCENTILE)) - SHADE_STEP


def _solid(page: PageImage, shaded: np.ndarray) -> np.ndarray:
    """Solid grey or black shapes (bool mask, with their rims): a portrait, bold print, a page's dark surround."""
    mm = page.px_per_mm
    disc = cv2.getStructuringElement(cv2.MORPH_ELLIPSE, (int(SOLID_MM * mm) | 1,) * 2)
    grey = shaded & (page.chroma < BLACK_CHROMA)
    cores = cv2.morphologyEx(np.where(grey, 255, 0).astype(np.uint8), cv2.MORPH_OPEN, disc)
    count, labels, stats, _ = cv2.connectedComponentsWithStats(cores)
    large = [index for index in range(1, count) if stats[index][4] >= SOLID_MM2 * mm * mm]
    return cv2.dilate(np.isin(labels, large).astype(np.uint8), disc) > 0


def _strokes(mask: np.ndarray, explained: np.ndarray, mm: float) -> np.ndarray:
    """`mask` (uint8 0/255) less the explained pixels, ruled lines, stamp frames and speckle."""
    strokes = np.where(explained, 0, mask).astype(np.uint8)
    rule = int(RULE_MM * mm)
    for kernel in (np.ones((1, rule), np.uint8), np.ones((rule, 1), np.uint8)):
        strokes[cv2.morphologyEx(strokes, cv2.MORPH_OPEN, kernel) > 0] = 0
    strokes = without_frames(strokes, mm)
    return cv2.morphologyEx(strokes, cv2.MORPH_OPEN, np.ones((2, 2), np.uint8))


def _clusters(strokes: np.ndarray, masks: dict[str, np.ndarray], mm: float) -> list[UnexplainedInk]:
    joined = cv2.dilate(strokes, cv2.getStructuringElement(cv2.MORPH_ELLIPSE, (int(mm * JOIN_MM) | 1,) * 2))
    count, labels, stats, _ = cv2.connectedComponentsWithStats(joined)
    found = []
    for index in range(1, count):
        x, y, w, h, _ = stats[index]
        inside = (labels[y:y + h, x:x + w] == index) & (strokes[y:y + h, x:x + w] > 0)
        pixels = int(np.count_nonzero(inside))
        if pixels < MIN_MM2 * mm * mm:
            continue
        ink = max(masks, key=lambda name: int(np.count_nonzero(inside & (masks[name][y:y + h, x:x + w] > 0))))
        found.append(UnexplainedInk(ink, (int(x), int(y), int(x + w), int(y + h)), round(pixels / mm**2, 1)))
    return found


def _picture(page: PageImage, ink: UnexplainedInk, solid: np.ndarray) -> bool:
    """A cluster whose box is partly gold or solid black: ink of a picture printed on the document."""
    x0, y0, x1, y1 = ink.box
    hue, sat, val = (page.hsv[y0:y1, x0:x1, channel] for channel in range(3))
    gold = (hue >= GOLD_HUES[0]) & (hue <= GOLD_HUES[1]) & (sat >= 100) & (val >= 120)
    return int(np.count_nonzero(gold | solid[y0:y1, x0:x1])) >= PICTURE_SHARE * max(1, gold.size)


def _handwriting_like(page: PageImage, ink: UnexplainedInk, clear: np.ndarray, shaded: np.ndarray) -> bool:
    """A cluster of dark ink of a signature's to a written line's size, of thin strokes, standing clear
    of the text read."""
    x0, y0, x1, y1 = ink.box
    width, height = (x1 - x0) / page.px_per_mm, (y1 - y0) / page.px_per_mm
    sized = HAND_MIN_MM[0] <= width <= HAND_MAX_MM[0] and HAND_MIN_MM[1] <= height <= HAND_MAX_MM[1]
    dense = np.count_nonzero(shaded[y0:y1, x0:x1]) > HAND_FILL * (x1 - x0) * (y1 - y0)
    edge = int(EDGE_MM * page.px_per_mm)
    inside = x0 > edge and y0 > edge and x1 < page.width - edge and y1 < page.height - edge
    return sized and inside and not dense and not clear[y0:y1, x0:x1].any()


def _grown(boxes: list[Box], margin: float) -> list[Box]:
    m = int(margin)
    return [(int(b[0]) - m, int(b[1]) - m, int(b[2]) + m, int(b[3]) + m) for b in boxes]

"""此件与原件相符 on a copy page: in the page's own OCR lines, else in OCR of straightened
strips cut from the places a clerk writes it (across or beside a seal, in blue pen, or any pen
ink the page's OCR did not explain as printed text), each ink separated from the others.

A phrase printed as a field label (a blank certification box of a form: 此件与原件相符 next to
printed 经办人签字 / 盖章 labels) is reported with `label=True`: it certifies nothing by itself.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import cv2
import numpy as np
from PIL import Image

from pipeline.certify.fuzzy import phrase_score
from pipeline.certify.lines import Line, text_lines
from pipeline.certify.page import PageImage, clamp
from pipeline.certify.seal import Seal, without_seals
from pipeline.certify.strips import StripReader
from pipeline.models import TextBox
from pipeline.ocr import OcrEngine
from pipeline.ocr.coverage import SIDE as COVERAGE_SIDE, unread_text_area
from pipeline.textnorm import is_chinese

FOUND = 0.5  # phrase_score from which the phrase counts as read
SURE = 0.75  # stop searching once a strip reads this well
_LABELS = re.compile(r"签字|签名|签章|盖章")
LABEL_REACH_MM = (40.0, 130.0)  # how far below / aside a printed label may sit from the phrase
MAX_REGIONS = 6
SPARE_CHARS = 2  # a strip wider than its text's characters and this many more holds something else too
STRIP_SEARCHES = 3  # strips per page read again in pieces (pipeline.certify.strips)
MISSED_TEXT_SHARE = 0.03  # share of the area around a seal in text-like ink outside every box: detection missed text there
NARROWER_SLACK = 0.1  # a narrower piece of a strip reading the phrase this much worse still holds it
SECOND_LINE = (0.5, 1.0)  # the second line of a phrase begins from half a line above the first's bottom to a line below
SECOND_LINE_INDENT = 2.0  # ...and its left end lies within this many line heights of the first's
CLUSTER_PAD_MM = 6  # an ink cluster's box is padded this much (strokes its mask lost)


@dataclass(frozen=True)
class Phrase:
    score: float
    box: tuple[int, int, int, int]
    text: str
    ink: str  # what it is written or stamped in: blue, pen, red, purple; dark (grey scan); print (a form label)
    label: bool  # printed as a form's field label
    label_boxes: tuple[tuple[int, int, int, int], ...] = ()  # the printed labels around it


@dataclass(frozen=True)
class _Region:
    box: tuple[int, int, int, int]
    inks: tuple[str, ...]


def find_phrase(page: PageImage, boxes: list[TextBox], engine: OcrEngine, seals: list[Seal],
                printed: list[tuple[int, int, int, int]]) -> Phrase | None:
    """The phrase, read in the page's OCR `boxes`, else in the ink that the `printed` boxes
    (pipeline.certify.printed) leave unexplained."""
    in_text = _in_page_text(page, boxes)
    if in_text is not None and (in_text.label or in_text.score >= SURE):
        return in_text
    best = in_text
    reader = StripReader(engine, boxes, phrase_score, FOUND, STRIP_SEARCHES)
    for region in _regions(page, printed, seals):
        for ink in region.inks:
            found = _read_region(page, region.box, ink, reader, seals)
            if found is not None and (best is None or found.score > best.score):
                best = found
            if best is not None and best.score >= SURE:
                return best
    if best is None:
        best = _read_around_seals(page, boxes, engine, seals)
    return best


def _read_around_seals(page: PageImage, boxes: list[TextBox], engine: OcrEngine, seals: list[Seal]) -> Phrase | None:
    """The phrase read in the page's own pixels around each seal, at full scale: a phrase written
    across a copy's print, where no ink mask holds it whole. The page's text boxes there are read
    again by recognition alone; the area is searched for text regions anew only where the page's
    detection provably missed text in it (text-like ink no box covers, pipeline.ocr.coverage)."""
    best: Phrase | None = None
    for seal in seals:
        area = _around(page, seal)
        here = [box.box for box in boxes if _inside(box.box, area) > 0.5]
        crops = [Image.fromarray(page.rgb[y0:y1, x0:x1]) for x0, y0, x1, y1 in here]
        read = [TextBox(reading.text, box, reading.confidence)
                for box, reading in zip(here, engine.read_lines(crops) if crops else [])]
        if not any(phrase_score(box.text) >= FOUND for box in read) and _detection_missed(page, area, here, seals):
            x0, y0 = area[:2]
            crop = Image.fromarray(page.rgb[area[1]:area[3], area[0]:area[2]])
            read += [TextBox(box.text, (x0 + box.box[0], y0 + box.box[1], x0 + box.box[2], y0 + box.box[3]),
                             box.confidence) for box in engine.recognize(crop).boxes]
        for box in read:
            score = phrase_score(box.text)
            if score >= FOUND and (best is None or score > best.score):
                best = Phrase(score, box.box, box.text, page.ink_in(box.box), False)
    return best


def _detection_missed(page: PageImage, area: tuple[int, int, int, int], boxes: list[tuple[int, int, int, int]],
                      seals: list[Seal]) -> bool:
    """Whether the page's detection left text-like ink in `area` outside its boxes and the seals:
    judged at the scale the whole page is judged at (pipeline.ocr.coverage)."""
    x0, y0, x1, y1 = area
    scale = min(1.0, COVERAGE_SIDE / max(page.width, page.height))
    crop = Image.fromarray(page.grey[y0:y1, x0:x1])
    if scale < 1.0:
        crop = crop.resize((max(1, round(crop.width * scale)), max(1, round(crop.height * scale))), Image.BILINEAR)
    known = [(bx0 - x0, by0 - y0, bx1 - x0, by1 - y0) for bx0, by0, bx1, by1 in boxes + [seal.box for seal in seals]]
    return unread_text_area(crop, [tuple(round(v * scale) for v in box) for box in known]) >= MISSED_TEXT_SHARE


def _in_page_text(page: PageImage, boxes: list[TextBox]) -> Phrase | None:
    best: Phrase | None = None
    for box in boxes + _two_line_phrases(boxes):
        score = phrase_score(box.text)
        if score < FOUND or (best is not None and score <= best.score):
            continue
        labels = tuple(other.box for other in boxes if other is not box and _LABELS.search(other.text)
                       and _near_below(box.box, other.box, page.px_per_mm))
        ink = "print" if labels else page.ink_in(box.box)
        best = Phrase(score, box.box, box.text, ink, bool(labels), labels)
    return best


def _two_line_phrases(boxes: list[TextBox]) -> list[TextBox]:
    """Pairs of boxes, one on the line below the other, that read as the phrase together
    better than either alone (a phrase written or stamped over two lines: 与原件 / 相符！), each
    as one box."""
    joined = []
    for upper in boxes:
        x0, y0, x1, y1 = upper.box
        height = y1 - y0
        for lower in boxes:
            lx0, ly0, lx1, ly1 = lower.box
            if lower is upper or not y1 - SECOND_LINE[0] * height <= ly0 <= y1 + SECOND_LINE[1] * height \
                    or abs(lx0 - x0) > SECOND_LINE_INDENT * height:
                continue
            both = TextBox(upper.text + lower.text, (min(x0, lx0), y0, max(x1, lx1), ly1),
                           min(upper.confidence, lower.confidence))
            if phrase_score(both.text) > max(phrase_score(upper.text), phrase_score(lower.text)):
                joined.append(both)
    return joined


def _near_below(phrase: tuple[int, int, int, int], other: tuple[int, int, int, int], px_per_mm: float) -> bool:
    down, aside = (reach * px_per_mm for reach in LABEL_REACH_MM)
    return phrase[1] <= other[1] <= phrase[3] + down and abs(other[0] - phrase[0]) <= aside


def _regions(page: PageImage, printed: list[tuple[int, int, int, int]], seals: list[Seal]) -> list[_Region]:
    """Where a handwritten or stamped phrase may be, the likeliest first, with the inks to try."""
    mm = page.px_per_mm
    colour_inks = ("blue", "pen", "red") if page.colour else ("dark",)
    regions: list[_Region] = []
    for seal in seals:  # across a red seal, any other ink shows whole where the seal's ink is left out
        box = _around(page, seal)
        regions.append(_Region(box, _present_inks(page, box, colour_inks + (("unred",) if page.colour else ()))))
    for ink in ("blue", "red", "purple") if page.colour else ():
        mask = without_seals(page.ink(ink), seals)
        regions += [_Region(box, (ink, "unred") if ink == "purple" else (ink,)) for box, _ in ink_clusters(mask, mm)]
    unexplained = (page.pen if page.colour else without_seals(page.dark, seals)).copy()
    for x0, y0, x1, y1 in printed:
        unexplained[y0:y1, x0:x1] = 0
    regions += [_Region(box, _present_inks(page, box, colour_inks)) for box, _ in ink_clusters(unexplained, mm)]
    return _merge(regions)[:MAX_REGIONS]


def _around(page: PageImage, seal: Seal) -> tuple[int, int, int, int]:
    """Where a phrase written across or beside a seal lies."""
    cx, cy = seal.centre
    r = seal.radius
    return clamp((int(cx - 2.8 * r), int(cy - 1.6 * r), int(cx + 2.8 * r), int(cy + 1.2 * r)), page.width, page.height)


def _present_inks(page: PageImage, box: tuple[int, int, int, int], inks: tuple[str, ...]) -> tuple[str, ...]:
    x0, y0, x1, y1 = box
    enough = page.px_per_mm**2 * 20  # about three handwritten strokes' worth of ink
    present = tuple(ink for ink in inks if np.count_nonzero(page.ink(ink)[y0:y1, x0:x1]) >= enough)
    if "blue" in present and "pen" in present:  # blue pen is already read apart from the print
        present = tuple(ink for ink in present if ink != "pen") + ("pen",)
    return present


def ink_clusters(mask: np.ndarray, mm: float) -> list[tuple[tuple[int, int, int, int], float]]:
    """Ink clusters the size of a handwritten line: each one's box (padded) and its ink in square
    millimetres, largest ink first."""
    opened = cv2.morphologyEx(mask, cv2.MORPH_OPEN, np.ones((2, 2), np.uint8))
    joined = cv2.dilate(opened, cv2.getStructuringElement(cv2.MORPH_ELLIPSE, (int(mm * 5) | 1,) * 2))
    count, _, stats, _ = cv2.connectedComponentsWithStats(joined)
    found = []
    for index in range(1, count):
        x, y, w, h, _ = stats[index]
        if w < 25 * mm or w > 160 * mm or h < 6 * mm or h > 70 * mm:
            continue
        ink = int(np.count_nonzero(opened[y : y + h, x : x + w]))
        if ink < mm * mm * 30:
            continue
        pad = int(mm * CLUSTER_PAD_MM)
        found.append((ink, (x - pad, y - pad, x + w + pad, y + h + pad)))
    height, width = mask.shape
    return [(clamp(box, width, height), round(ink / (mm * mm), 1)) for ink, box in sorted(found, key=lambda item: -item[0])]


def _merge(regions: list[_Region]) -> list[_Region]:
    """Drop a region mostly inside an earlier one with the same inks."""
    kept: list[_Region] = []
    for region in regions:
        if not region.inks:
            continue
        if any(_inside(region.box, other.box) > 0.8 and set(region.inks) <= set(other.inks) for other in kept):
            continue
        kept.append(region)
    return kept


def _inside(a: tuple[int, int, int, int], b: tuple[int, int, int, int]) -> float:
    w = max(0, min(a[2], b[2]) - max(a[0], b[0]))
    h = max(0, min(a[3], b[3]) - max(a[1], b[1]))
    area = max(1, (a[2] - a[0]) * (a[3] - a[1]))
    return w * h / area


def _read_region(page: PageImage, box: tuple[int, int, int, int], ink: str, reader: StripReader,
                 seals: list[Seal]) -> Phrase | None:
    x0, y0, x1, y1 = box
    mask = page.ink(ink)[y0:y1, x0:x1]
    if ink != "unred":  # (the seals' ink is no part of that mask)
        mask = without_seals(mask, seals, (x0, y0))
    best: Phrase | None = None
    for line in text_lines(mask, (x0, y0), page.px_per_mm):
        text = reader.read(line)
        score = phrase_score(text)
        if score >= FOUND and (best is None or score > best.score):
            line, text = _phrase_part(line, text, reader)
            best = Phrase(score, line.box, text, _ink_seen(page, line.box) if ink == "unred" else ink, False)
            if score >= SURE:
                break
    return best


def _ink_seen(page: PageImage, box: tuple[int, int, int, int]) -> str:
    """The ink a phrase read in the `unred` mask is in: blue, purple or pen, whichever holds
    most of its strokes."""
    x0, y0, x1, y1 = clamp(box, page.width, page.height)
    strokes = page.unred[y0:y1, x0:x1] > 0
    return max(("blue", "purple", "pen"), key=lambda ink: int(np.count_nonzero(strokes & (page.ink(ink)[y0:y1, x0:x1] > 0))))


def _phrase_part(line: Line, text: str, reader: StripReader) -> tuple[Line, str]:
    """The part of a strip the phrase was read in, and its text. A strip with more ink than its
    text needs (a name written on after the phrase, read as nothing) is read again in pieces
    (pipeline.certify.strips), and narrowed to the narrowest piece that reads as the phrase about
    as well as the best (a piece holding the name too may read a character more of it)."""
    width, height = line.ink_size()
    if width <= (sum(map(is_chinese, text)) + SPARE_CHARS) * height:
        return line, text
    regions = [box for box in reader.regions(line) if phrase_score(box.text) >= FOUND]
    if not regions:
        return line, text
    best = max(phrase_score(box.text) for box in regions)
    narrowest = min((box for box in regions if phrase_score(box.text) >= best - NARROWER_SLACK),
                    key=lambda box: box.box[2] - box.box[0])
    return line.part(narrowest.box[0], narrowest.box[2]), narrowest.text

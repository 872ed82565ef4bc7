"""Evidence from a copy page (pipeline.certify.evidence): everything the decision needs, measured
once from the image and the page's OCR, and nothing decided.

What is looked for where:
- the phrase, in the page's OCR and in the ink no print explains (pipeline.certify.phrase);
- seals by the strict rules anywhere; by the phrase, where a seal is expected and none is, the
  looser shapes, then rings faded to a pink tint;
- pen strokes where the signature belongs (beside and below the phrase, or inside a printed
  label's box), each pen ink apart, the phrase's own strokes, print, frames and seals taken out;
  and blue or red strokes around each seal, no OCR box explaining them;
- a signer's name read as text: by the phrase, after a signer's label, standing alone;
- without the phrase, the lines of handwriting-like ink that no print explains (where an
  unread phrase could be);
- over the whole page, the chromatic and handwriting-like ink nothing found explains
  (pipeline.certify.unexplained).
"""

from __future__ import annotations

import cv2
import numpy as np

from pipeline.certify.evidence import InkSeen, NameSeen, PageEvidence, PhraseSeen, SealSeen, by_box, seal_sized
from pipeline.certify.page import PageImage, clamp
from pipeline.certify.phrase import CLUSTER_PAD_MM, Phrase, find_phrase, ink_clusters
from pipeline.certify.printed import printed_boxes, read_boxes
from pipeline.certify.seal import Seal, find_faint_seals, find_seals, without_seals
from pipeline.certify.seal_text import read_arc
from pipeline.certify.signature import SEAL_MARGIN, scrawl, strokes_by_ink, window_below
from pipeline.certify.unexplained import unexplained_ink
from pipeline.certify.written_name import lone_name, name_after_phrase, phrase_head, signer_labels, written_name
from pipeline.models import TextBox
from pipeline.ocr import OcrEngine

PHRASE_MARGIN_MM = 2.5  # around the phrase, taken out before the signature is looked for (a stamp's frame)
SIGNATURE_WINDOW_MM = {"left_mm": 45, "right_mm": 70, "down_mm": 30}  # beside and below the phrase
HANDWRITING_REACH = 2.0  # around a seal, strokes this many radii from its centre are by it
OVER_PRINT = 0.005  # share of a seal's disc in black ink from which it lies over the document's print
PRINT_GREY = 140  # print is darker than this (0-255)
PRINT_REACH = 1.4  # the disc measured, in the seal's radii (print next to its ring counts)
ARC_READS = 3  # the arcs of at most this many seals are read (each is an OCR call)
SEAL_REACH_MM = 25.0  # by the phrase, red ink this far from it may be a seal's (a common seal's radius and more)
LINE_MIN_WIDTH_MM = 30.0  # a line of handwriting that may be an unread phrase is this wide
LINE_ASPECT = 2.5  # ...and this many times wider than tall (a two-line stamp; one line is longer)


def gather(image_path: str, boxes: list[TextBox], engine: OcrEngine) -> PageEvidence:
    page = PageImage.open(image_path)
    found = find_seals(page, loose=True)
    strict = [seal for seal in found if not seal.loose]
    printed = printed_boxes(page, boxes)
    phrase = find_phrase(page, boxes, engine, strict, printed)
    seen = _phrase_seen(phrase)
    seals = [(seal, "strict") for seal in strict]
    if seen is not None:
        anchor = seen.anchor(page.px_per_mm)
        if not any(by_box(seal, anchor) for seal in strict):  # a looser shape will do where a seal should be
            near = [seal for seal in found if seal.loose and by_box(seal, anchor)]
            seals += [(seal, "loose") for seal in near]
            if not near:
                seals += [(seal, "faint") for seal in find_faint_seals(page, found) if by_box(seal, anchor)]
    read = read_boxes(page, boxes)
    own = [_grown(phrase_head(TextBox(phrase.text, phrase.box, phrase.score)), PHRASE_MARGIN_MM * page.px_per_mm)] \
        if phrase is not None and not phrase.label else []
    window = _signature_window(page, seen) if seen is not None else None
    ink: list[InkSeen] = []
    if seen is not None:
        ink += _by_phrase(page, phrase, window, printed + signer_labels(boxes), [seal for seal, _ in seals], own)
    if page.colour:
        ink += [mark for index, (seal, _) in enumerate(seals)
                for mark in _by_seal(page, index, seal, read + own, strict)]
    if seen is None:
        ink += _stray(page, printed + read, strict)
    names = _names(boxes, page, window, phrase)
    arcs = {id(seal) for seal, _ in sorted(seals, key=lambda item: -item[0].confidence)[:ARC_READS]}
    return PageEvidence(
        size=(page.width, page.height),
        px_per_mm=round(page.px_per_mm, 3),
        colour=page.colour,
        phrase=seen,
        seals=tuple(SealSeen(seal, tier, _over_print(page, seal), read_arc(page, seal, engine) if id(seal) in arcs else "")
                    for seal, tier in seals),
        signature_window=window,
        ink=tuple(ink),
        names=tuple(names),
        seal_ink_by_phrase_mm2=_seal_ink_by(page, seen, [seal for seal, _ in seals], read) if seen is not None else 0.0,
        unexplained=unexplained_ink(page, [seal for seal, _ in seals], seen.box if seen is not None else None, boxes),
    )


def _phrase_seen(phrase: Phrase | None) -> PhraseSeen | None:
    if phrase is None:
        return None
    return PhraseSeen(phrase.text, round(phrase.score, 3), tuple(int(v) for v in phrase.box), phrase.ink,
                      phrase.label, tuple(tuple(int(v) for v in box) for box in phrase.label_boxes))


def _signature_window(page: PageImage, phrase: PhraseSeen) -> tuple[int, int, int, int]:
    anchor = phrase.anchor(page.px_per_mm)
    if phrase.label:
        return clamp(anchor, page.width, page.height)
    return window_below(anchor, page, **SIGNATURE_WINDOW_MM)


def _by_phrase(page: PageImage, phrase: Phrase, window: tuple[int, int, int, int],
               exclude: list[tuple[int, int, int, int]], seals: list[Seal],
               own: list[tuple[int, int, int, int]]) -> list[InkSeen]:
    """The strokes where the signature belongs, in each pen ink the signature may be in (the
    phrase's own first: a stamped phrase is often signed in another pen)."""
    inks = _signature_inks(page, phrase)
    owned = {ink: own for ink in _inks_of(page, phrase)}
    found = strokes_by_ink(page, window, inks, exclude=exclude, seals=seals, own=owned)
    return [InkSeen("by_phrase", ink, signature.found, signature.box, signature.ink_mm2)
            for ink, signature in zip(inks, found)]


def _by_seal(page: PageImage, index: int, seal: Seal, exclude: list[tuple[int, int, int, int]],
             seals: list[Seal]) -> list[InkSeen]:
    """Blue or red pen strokes around a seal that no OCR box explains (around a document's own
    seal, large print is likelier than a signature read as text), and a scrawl in any ink
    (pipeline.certify.signature.scrawl). Black strokes are not looked for otherwise: by a
    document's own seal they are mostly the print it was stamped over, which OCR often misses
    under the seal's ink."""
    x, y = seal.centre
    r = seal.radius * HANDWRITING_REACH
    window = clamp((x - r, y - r, x + r, y + r), page.width, page.height)
    inks = ("blue", "red")
    found = strokes_by_ink(page, window, inks, exclude=exclude, seals=seals)
    scrawled = scrawl(page, window, exclude, seals)  # in any ink, told from print by its shape
    return [InkSeen("by_seal", ink, signature.found, signature.box, signature.ink_mm2, index)
            for ink, signature in zip(inks + ("scrawl",), found + [scrawled])]


def _stray(page: PageImage, explained: list[tuple[int, int, int, int]], seals: list[Seal]) -> list[InkSeen]:
    """Lines of pen or stamp-pad ink that no text the OCR read explains (print, an award's large
    red title): where a phrase could be, unread."""
    inks = ("blue", "red", "purple") if page.colour else ("dark",)
    stray = []
    for ink in inks:
        mask = page.ink(ink).copy()
        for seal in seals:  # a seal's arc text is no line of handwriting
            axes = (int(seal.axes[0] * SEAL_MARGIN), int(seal.axes[1] * SEAL_MARGIN))
            cv2.ellipse(mask, seal.centre, axes, seal.angle, 0, 360, 0, -1)
        for x0, y0, x1, y1 in explained:
            mask[y0:y1, x0:x1] = 0
        stray += [InkSeen("stray", ink, True, box, mm2) for box, mm2 in ink_clusters(mask, page.px_per_mm)
                  if _line_shaped(box, page.px_per_mm)]
    return stray


def _line_shaped(box: tuple[int, int, int, int], mm: float) -> bool:
    """Whether an ink cluster (its box padded by ink_clusters' CLUSTER_PAD_MM) is shaped like a
    line of writing or a stamped phrase, not like an emblem, a photo or a block of colour print."""
    pad = 2 * int(CLUSTER_PAD_MM * mm)
    width, height = box[2] - box[0] - pad, box[3] - box[1] - pad
    return width >= LINE_MIN_WIDTH_MM * mm and width >= LINE_ASPECT * max(1, height)


def _names(boxes: list[TextBox], page: PageImage, window: tuple[int, int, int, int] | None,
           phrase: Phrase | None) -> list[NameSeen]:
    names = []
    if window is not None and phrase is not None:
        box = written_name(boxes, window)
        if box is None and not phrase.label:
            box = name_after_phrase(TextBox(phrase.text, phrase.box, phrase.score))
        if box is not None:
            names.append(NameSeen("by_phrase", box))
    labelled = written_name(boxes, (0, 0, page.width, page.height), labelled=True)
    if labelled is not None:
        names.append(NameSeen("after_label", labelled))
    alone = lone_name(boxes, page.px_per_mm)
    if alone is not None:
        names.append(NameSeen("alone", alone))
    return names


def _over_print(page: PageImage, seal: Seal) -> bool:
    """Whether a seal lies over the document's own print (black ink inside or at its ring)."""
    x0, y0, x1, y1 = clamp(seal.box, page.width, page.height)
    reach = (int(seal.axes[0] * PRINT_REACH), int(seal.axes[1] * PRINT_REACH))
    disc = np.zeros((y1 - y0, x1 - x0), np.uint8)
    cv2.ellipse(disc, (seal.centre[0] - x0, seal.centre[1] - y0), reach, seal.angle, 0, 360, 255, -1)
    inside = disc > 0
    # black print is dark; a faded seal's own pale stroke edges pass for grey ink, but not for dark
    black = (page.pen[y0:y1, x0:x1] > 0) & (page.grey[y0:y1, x0:x1] < PRINT_GREY)
    printed = int(np.count_nonzero(inside & black))
    return printed >= OVER_PRINT * max(1, int(np.count_nonzero(inside)))


def _seal_ink_by(page: PageImage, phrase: PhraseSeen, seals: list[Seal], read: list[tuple[int, int, int, int]]) -> float:
    """Square millimetres of stamp-pad red in the largest cluster of a seal's size and shape
    (evidence.seal_sized) where a seal would be by the phrase, outside every seal found, the phrase itself
    and the text the OCR read (red print: a title, a letterhead): a seal there that no rule
    recognised leaves such a cluster; a red pen's name, as wide but not as tall, does not, nor a
    two-line phrase stamp's frame."""
    if not page.colour:
        return 0.0
    mm = page.px_per_mm
    anchor = phrase.anchor(mm)
    reach = int(SEAL_REACH_MM * mm)
    x0, y0, x1, y1 = clamp((anchor[0] - reach, anchor[1] - reach, anchor[2] + reach, anchor[3] + reach),
                           page.width, page.height)
    mask = without_seals(page.stamp_red[y0:y1, x0:x1], seals, (x0, y0))
    for seal in seals:  # their arc text and star too
        cv2.ellipse(mask, (seal.centre[0] - x0, seal.centre[1] - y0), seal.axes, seal.angle, 0, 360, 0, -1)
    for bx0, by0, bx1, by1 in [phrase.box, *read]:
        mask[max(0, by0 - y0):max(0, by1 - y0), max(0, bx0 - x0):max(0, bx1 - x0)] = 0
    joined = cv2.dilate(mask, cv2.getStructuringElement(cv2.MORPH_ELLIPSE, (int(mm * 3) | 1,) * 2))
    count, labels, stats, _ = cv2.connectedComponentsWithStats(joined)
    sized = [index for index in range(1, count) if seal_sized(stats[index][2], stats[index][3], mm)]
    ink = max((int(np.count_nonzero((labels == index) & (mask > 0))) for index in sized), default=0)
    return round(ink / mm**2, 1)


def _signature_inks(page: PageImage, phrase: Phrase) -> tuple[str, ...]:
    if not page.colour:
        return ("dark",)
    pens = ("blue", "pen", "red")
    return tuple(sorted(pens, key=lambda ink: ink != phrase.ink))


def _inks_of(page: PageImage, phrase: Phrase) -> tuple[str, ...]:
    """The inks the phrase's strokes may show in: its own, and on a blue phrase the black-pen
    mask too (a blue pen's dark core); every ink for a purple stamp (its pad's ink spreads over
    several masks) or when the ink is unknown."""
    if not page.colour or phrase.ink not in ("blue", "pen", "red"):
        return ("blue", "pen", "red", "dark")
    return ("blue", "pen") if phrase.ink == "blue" else (phrase.ink,)


def _grown(box: tuple[int, int, int, int], margin: float) -> tuple[int, int, int, int]:
    m = int(margin)
    return (box[0] - m, box[1] - m, box[2] + m, box[3] + m)

"""Per-page verdicts on the three marks of a certified copy, and their combination for a
document (a run of pages).

With the phrase read, it anchors the other two:
- the certifying seal is the one over or next to it, or over the signature found by it (a
  certificate's own printed seal sits elsewhere); by the phrase, a shape that is a seal only
  where one is expected will do (a bare thin ring whose arc text faded away, a ring faded to a
  pink tint; a grey page's looser shapes);
- the signature is the handwriting just below it;
- a phrase printed as a form label counts only once the box around it was signed or stamped.

With no phrase read:
- a seal with handwriting around it, or with a signer's name read reaching onto it, is taken as
  certifying (the phrase being illegible: red pen over a red seal, a faint stamp, a red stamp
  under a red seal), and the phrase is "unsure";
- a seal with neither is the document's own when it lies over the document's print (a
  certificate's issuer, a letter's signatory over its date), and the page is "absent" on all
  three marks; stamped on a blank part of the copy, it was put on the copy;
- a signature counts only as a name the OCR read, after its label (经办人：张伟) or standing
  alone on a blank part of the page; short of that, it is "unsure" where handwriting was seen
  by a seal.

On a black-and-white scan a seal can only be found by its shape: not finding one there is
"unsure", never "absent"; and as handwriting cannot be told from print by its ink there, a
seal without a phrase (or a name by it) leaves the phrase and the seal "unsure".
"""

from __future__ import annotations

import math

import cv2
import numpy as np

from pipeline.certify.page import PageImage, clamp
from pipeline.certify.phrase import Phrase, find_phrase
from pipeline.certify.printed import printed_boxes, read_boxes
from pipeline.certify.seal import Seal, find_faint_seals, find_seals
from pipeline.certify.seal_text import read_arc
from pipeline.certify.signature import MIN_INK_MM2, Signature, find_signature, window_below
from pipeline.certify.written_name import lone_name, name_after_phrase, phrase_head, signer_labels, written_name
from pipeline.models import Certification, MarkFinding, PageCertification, TextBox
from pipeline.ocr import OcrEngine

SEAL_REACH = 1.7  # a seal certifies when its centre is within this many radii of the phrase
PHRASE_MARGIN_MM = 2.5  # around the phrase, taken out before the signature is looked for (a stamp's frame)
HANDWRITING_REACH = 2.0  # without a phrase, handwriting this many radii around a seal may certify it
LABEL_BOX_MM = (110.0, 45.0)  # a printed certification box reaches this far right of / below its label
OVER_PRINT = 0.005  # share of a seal's disc in black ink from which it lies over the document's print
PRINT_GREY = 140  # print is darker than this (0-255)
PRINT_REACH = 1.4  # the disc measured, in the seal's radii (print next to its ring counts)
_ORDER = {"absent": 0, "unsure": 1, "present": 2}


def check_page(number: int, image_path: str, boxes: list[TextBox], engine: OcrEngine) -> PageCertification:
    page = PageImage.open(image_path)
    found = find_seals(page, loose=True)
    seals = [seal for seal in found if not seal.loose]
    printed = printed_boxes(page, boxes)
    phrase = find_phrase(page, boxes, engine, seals, printed)
    if phrase is not None:
        anchor = _union([phrase.box, *phrase.label_boxes])
        if phrase.label:
            right, down = (reach * page.px_per_mm for reach in LABEL_BOX_MM)
            anchor = (anchor[0], anchor[1], int(phrase.box[2] + right), int(phrase.box[3] + down))
        certifying = _certifying(seals, anchor)
        if not certifying:  # a looser shape will do where a seal should be
            certifying = _certifying([seal for seal in found if seal.loose], anchor)
        if not certifying:
            certifying = _certifying(find_faint_seals(page, found), anchor)
        exclude = printed + signer_labels(boxes)
        head = phrase_head(TextBox(phrase.text, phrase.box, phrase.score))
        phrase_area = [] if phrase.label else [_grown(head, PHRASE_MARGIN_MM * page.px_per_mm)]
        window = clamp(anchor, page.width, page.height) if phrase.label else window_below(
            anchor, page, left_mm=45, right_mm=70, down_mm=30)
        signature = find_signature(
            page,
            window,
            _signature_inks(page, phrase),
            exclude=exclude,
            seals=seals + [seal for seal in certifying if seal.loose],  # its arc text is no handwriting either
            own={ink: phrase_area for ink in _inks_of(page, phrase)},
        )
        if not signature.found:
            signature = _name_read(boxes, window, phrase) or signature
        if not certifying and signature.box:  # a seal stamped over the handler's signature
            certifying = _certifying(seals, signature.box)
        return PageCertification(
            number,
            image_path,
            _phrase_mark(phrase, certifying, signature),
            _seal_mark(page, certifying, engine),
            _signature_mark(signature),
        )
    # A signature without a phrase is looked for by its text only: after its label (经办人：张伟),
    # or a name standing alone on a blank part of the page.
    signed = (written_name(boxes, (0, 0, page.width, page.height), labelled=True)
              or lone_name(boxes, page.px_per_mm))
    # A signer's name reaching onto a seal: the seal was stamped over the signature (a name
    # merely beside a seal, as beside a letter's own, may have been signed beside it).
    named = [seal for seal in seals if signed and _distance(seal, signed) <= seal.radius]
    if seals and not named and not page.colour:
        # Black and white: handwriting by a seal cannot be told from the print it was stamped over.
        return PageCertification(
            number,
            image_path,
            MarkFinding("unsure", 0.3),
            MarkFinding("unsure", 0.3, [seal.box for seal in seals]),
            _named(signed, MarkFinding("unsure", 0.3)),
        )
    read = read_boxes(page, boxes)
    written = named or [seal for seal in seals if _handwriting_by(page, seal, read, seals)]
    if written:
        # No phrase read, but a name or handwriting by a seal: a certification whose phrase is
        # illegible (red pen over a red seal, a faint stamp, a red stamp under a red seal). Which
        # strokes are the signature cannot be told, short of a name read.
        return PageCertification(
            number,
            image_path,
            MarkFinding("unsure", 0.3),
            MarkFinding("present", round(0.6 * written[0].confidence, 3), [written[0].box],
                        read_arc(page, written[0], engine)),
            _named(signed, MarkFinding("unsure", 0.3)),
        )
    # Neither a phrase nor handwriting by a seal. A seal stamped over the document's print is its
    # own (a certificate's issuer, a letter's signatory over its date), which does not certify
    # the copy; one stamped where the copy is blank was put on the copy.
    stamped = [seal for seal in seals if not _over_print(page, seal)]
    return PageCertification(
        number,
        image_path,
        MarkFinding("absent", 0.7 if not seals else 0.6),
        MarkFinding("present", round(0.6 * stamped[0].confidence, 3), [stamped[0].box], read_arc(page, stamped[0], engine))
        if stamped else _no_seal(page, anchored=False),
        _named(signed, MarkFinding("absent", 0.6)),
    )


def _named(signed: tuple[int, int, int, int] | None, otherwise: MarkFinding) -> MarkFinding:
    """The signature mark of a page without a phrase: present where a signer's name was read."""
    return MarkFinding("present", 0.6, [signed]) if signed else otherwise


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


def _handwriting_by(page: PageImage, seal: Seal, read: list[tuple[int, int, int, int]], seals: list[Seal]) -> bool:
    """Blue or red pen strokes around a seal that no OCR box explains (around a document's own
    seal, large print is likelier than a signature read as text). Black strokes do not count:
    by a document's own seal they are mostly the print it was stamped over, which OCR often
    misses under the seal's ink."""
    x, y = seal.centre
    r = seal.radius * HANDWRITING_REACH
    window = clamp((x - r, y - r, x + r, y + r), page.width, page.height)
    return bool(find_signature(page, window, ("blue", "red"), exclude=read, seals=seals).found)


def _name_read(boxes: list[TextBox], window: tuple[int, int, int, int], phrase: Phrase) -> Signature | None:
    """The signer's name the OCR read as text (a plain upright hand the stroke search took for
    print), by itself or run on from the phrase."""
    box = written_name(boxes, window)
    if box is None and not phrase.label:
        box = name_after_phrase(TextBox(phrase.text, phrase.box, phrase.score))
    return Signature(True, box, MIN_INK_MM2) if box else None


def _phrase_mark(phrase: Phrase, certifying: list[Seal], signature: Signature) -> MarkFinding:
    if not phrase.label:
        return MarkFinding("present", phrase.score, [phrase.box])
    if certifying or signature.found:  # the printed certification box was filled in
        return MarkFinding("present", 0.8, [phrase.box])
    if signature.found is None:
        return MarkFinding("unsure", 0.3, [phrase.box])
    return MarkFinding("absent", 0.8, [phrase.box])


def _seal_mark(page: PageImage, certifying: list[Seal], engine: OcrEngine) -> MarkFinding:
    if certifying:
        best = max(certifying, key=lambda seal: seal.confidence)
        return MarkFinding("present", best.confidence, [best.box], read_arc(page, best, engine))
    return _no_seal(page, anchored=True)


def _no_seal(page: PageImage, anchored: bool) -> MarkFinding:
    if not page.colour:  # no red to go by: not finding its shape proves nothing
        return MarkFinding("unsure", 0.0)
    return MarkFinding("absent", 0.8 if anchored else 0.6)


def _signature_mark(signature: Signature) -> MarkFinding:
    state = {True: "present", False: "absent", None: "unsure"}[signature.found]
    return MarkFinding(state, signature.confidence, [signature.box] if signature.box else [])


def _signature_inks(page: PageImage, phrase: Phrase) -> tuple[str, ...]:
    """The inks a signature may be in, the phrase's own first (a stamped phrase is often signed
    in another pen)."""
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


def _certifying(seals: list[Seal], anchor: tuple[int, int, int, int]) -> list[Seal]:
    return [seal for seal in seals if _distance(seal, anchor) <= SEAL_REACH * seal.radius]


def _grown(box: tuple[int, int, int, int], margin: float) -> tuple[int, int, int, int]:
    m = int(margin)
    return (box[0] - m, box[1] - m, box[2] + m, box[3] + m)


def _union(boxes: list[tuple[int, int, int, int]]) -> tuple[int, int, int, int]:
    return (min(b[0] for b in boxes), min(b[1] for b in boxes), max(b[2] for b in boxes), max(b[3] for b in boxes))


def _distance(seal: Seal, box: tuple[int, int, int, int]) -> float:
    x, y = seal.centre
    dx = max(box[0] - x, 0, x - box[2])
    dy = max(box[1] - y, 0, y - box[3])
    return math.hypot(dx, dy)


def combine(pages: list[PageCertification]) -> Certification:
    """A document's marks: each the strongest over its pages. A run of pages is one copy (an
    ID card's two sides), and one certification on it is what the notice asks for."""
    values = {}
    for name in ("phrase", "seal", "signature"):
        best = max((getattr(page, name) for page in pages), key=lambda mark: _ORDER[mark.state])
        values[name] = best.value
    return Certification(**values)

"""What was seen on a copy page, as data: the evidence `pipeline.certify.decide` judges.

Gathering it (pipeline.certify.gather) takes the image and the OCR; judging it takes neither, so a
decision can be replayed and tested from the stored evidence alone, and a benchmark miss printed
with what was behind it. All boxes are page-image pixels (x0, y0, x1, y1).
"""

from __future__ import annotations

import math
from dataclasses import asdict, dataclass
from typing import Any

from pipeline.certify.seal import Seal

Box = tuple[int, int, int, int]

SEAL_REACH = 1.7  # a seal is by the phrase when its centre is within this many radii of it
LABEL_BOX_MM = (110.0, 45.0)  # a printed certification box reaches this far right of / below its label
SEAL_SIZED_MM = 20.0  # ink clustered this wide and this tall at least is of a seal's size...
SEAL_ASPECT = 1.6  # ...when round or oval (45 x 30 mm at the most): not a name's line nor a two-line phrase stamp


@dataclass(frozen=True)
class PhraseSeen:
    """此件与原件相符 as read: where, how well, in what ink; `label`: printed as a form's field label
    (a box to be signed or stamped), with the printed labels around it."""

    text: str
    score: float
    box: Box
    ink: str  # blue, pen, red, purple; dark (grey scan); print (a form label)
    label: bool
    label_boxes: tuple[Box, ...] = ()

    def anchor(self, px_per_mm: float) -> Box:
        """Where the certification is: the phrase and its labels; for a printed label, the whole
        box it heads (a seal or signature anywhere in it fills it in)."""
        anchor = union([self.box, *self.label_boxes])
        if self.label:
            right, down = (reach * px_per_mm for reach in LABEL_BOX_MM)
            anchor = (anchor[0], anchor[1], int(self.box[2] + right), int(self.box[3] + down))
        return anchor


@dataclass(frozen=True)
class SealSeen:
    """A seal found, its measurements (`seal`), how it was found, and what lies under it.

    tier: strict (by the rules that hold anywhere on the page); loose (a shape that is a seal only
    where one is expected: by the phrase); faint (a ring faded to a pink tint, by the phrase).
    over_print: black print inside or at its ring (a document's own seal is stamped over its print).
    arc: its arc text as read ("" when not read surely)."""

    seal: Seal
    tier: str
    over_print: bool
    arc: str = ""


@dataclass(frozen=True)
class InkSeen:
    """Pen strokes beyond print in one place and one ink: the largest cluster of a signature's size
    there, or the most ink left when none is (`found` False); `found` None: hidden (under a seal on
    a black-and-white scan). place: by_phrase (where the signature belongs: beside and below the
    phrase, or inside a printed label's box), by_seal (around seal number `seal`), stray (a
    handwritten line's worth of ink that no print explains, anywhere on a page without the phrase).
    ink: blue, pen, red, dark, purple; scrawl (a scrawled signature's shape in any ink but a
    stamp pad's red, pipeline.certify.signature.scrawl)."""

    place: str
    ink: str
    found: bool | None
    box: Box | None
    mm2: float
    seal: int | None = None


@dataclass(frozen=True)
class NameSeen:
    """A signer's name read as text. place: by_phrase (in the signature's place or run on after
    the phrase), after_label (after a signer's label, anywhere), alone (a name standing alone on a
    blank part of the page)."""

    place: str
    box: Box


@dataclass(frozen=True)
class UnexplainedInk:
    """A cluster of ink anywhere on the page that could be a certification mark and that nothing
    found explains (pipeline.certify.unexplained). ink: red (stamp-pad red or pink, red pen),
    purple, blue (chromatic, on a colour page); dark (handwriting-like strokes outside the text read)."""

    ink: str
    box: Box
    mm2: float


@dataclass(frozen=True)
class PageEvidence:
    size: tuple[int, int]  # width, height
    px_per_mm: float
    colour: bool  # False: a black-and-white scan, where no mark can be told by its colour
    phrase: PhraseSeen | None
    seals: tuple[SealSeen, ...]
    signature_window: Box | None  # where the signature was looked for, by the phrase
    ink: tuple[InkSeen, ...]
    names: tuple[NameSeen, ...]
    seal_ink_by_phrase_mm2: float = 0.0  # stamp-pad red of a seal's size by the phrase, outside the seals found
    unexplained: tuple[UnexplainedInk, ...] | None = None  # over the whole page; None: not measured (older evidence)

    @property
    def dpi(self) -> float:
        return self.px_per_mm * 25.4

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> PageEvidence:
        phrase = data.get("phrase")
        return cls(
            size=tuple(data["size"]),
            px_per_mm=data["px_per_mm"],
            colour=data["colour"],
            phrase=PhraseSeen(**{**phrase, "box": tuple(phrase["box"]),
                                 "label_boxes": tuple(tuple(b) for b in phrase.get("label_boxes", ()))})
            if phrase else None,
            seals=tuple(SealSeen(**{**seen, "seal": _seal(seen["seal"])}) for seen in data.get("seals", ())),
            signature_window=_box(data.get("signature_window")),
            ink=tuple(InkSeen(**{**ink, "box": _box(ink.get("box"))}) for ink in data.get("ink", ())),
            names=tuple(NameSeen(name["place"], tuple(name["box"])) for name in data.get("names", ())),
            seal_ink_by_phrase_mm2=data.get("seal_ink_by_phrase_mm2", 0.0),
            unexplained=None if data.get("unexplained") is None
            else tuple(UnexplainedInk(ink["ink"], tuple(ink["box"]), ink["mm2"]) for ink in data["unexplained"]),
        )


def _seal(data: dict[str, Any]) -> Seal:
    return Seal(**{**data, "centre": tuple(data["centre"]), "axes": tuple(data["axes"])})


def _box(value) -> Box | None:
    return tuple(value) if value is not None else None


def seal_sized(width: float, height: float, px_per_mm: float) -> bool:
    """Whether a cluster of ink this wide and tall (pixels) has a seal's size and shape."""
    short, long = min(width, height), max(width, height)
    return short >= SEAL_SIZED_MM * px_per_mm and long <= SEAL_ASPECT * short


def union(boxes: list[Box]) -> Box:
    return (min(b[0] for b in boxes), min(b[1] for b in boxes), max(b[2] for b in boxes), max(b[3] for b in boxes))


def distance(seal: Seal, box: Box) -> float:
    """From a seal's centre to the nearest point of `box` (0 inside it)."""
    x, y = seal.centre
    dx = max(box[0] - x, 0, x - box[2])
    dy = max(box[1] - y, 0, y - box[3])
    return math.hypot(dx, dy)


def by_box(seal: Seal, box: Box) -> bool:
    """Whether a seal is stamped on or next to `box` (the phrase, a signature)."""
    return distance(seal, box) <= SEAL_REACH * seal.radius

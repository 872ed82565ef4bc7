"""The certification marks of a copy page, decided from its evidence alone (no image, no OCR).

`facts` reads the evidence the way a clerk looks at a page: with the phrase read, it anchors the
other two marks (the certifying seal is the one on or next to it, or on the signature found by
it; the signature is the handwriting beside and below it, or a signer's name read there); without
it, a seal counts as put on the copy when a signer's name reaches onto it, when handwriting is by
it, or when it sits on a blank part of the copy (one stamped over the document's print is the
document's own: a certificate's issuer, a letter's signatory).

`CASES` then decides each mark: the first case of the mark that holds gives its state and
confidence level. All of the policy is in that one table, and it puts precision first: a copy
flag sends a clerk to phone an applicant, so "absent" is claimed only on evidence of absence
(the page resolved well enough to show the mark, and nothing unexplained where the mark
belongs: no pen ink beyond print where the signature goes or across the seal, no seal ink by the
phrase, no line of handwriting that could be an unread phrase). Anything short of that is
"unsure": no flag, shown for a glance.

Ink anywhere on the page that nothing found explains (`PageEvidence.unexplained`) counts against
absence too: stamp-pad ink of a seal's size and shape against the seal's, any other against the
signature's; without the phrase, any of it against all three, and a page claims no mark absent
unless it is in colour and shows no such ink at all (a black-and-white scan shows no ink's colour).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from pipeline.certify.evidence import (InkSeen, NameSeen, PageEvidence, PhraseSeen, SealSeen, UnexplainedInk, by_box,
                                       distance, seal_sized)
from pipeline.models import MarkFinding, PageCertification

PRESENT, ABSENT, UNSURE = "present", "absent", "unsure"

# Named confidence levels (shown to staff as 把握)
SURE = 0.95  # seen plainly where it belongs
LIKELY = 0.8  # seen, or missing, where the evidence is clear
FAIR = 0.6  # judged from where things lie, without the phrase to anchor them
WEAK = 0.3  # unsure: something was seen that could be the mark
NIL = 0.0  # unsure: nothing could be seen (no colour to go by, hidden under a seal, too few pixels)

# What it takes to show a mark's absence
MIN_DPI = 105.0  # below this a small, thin mark may be lost altogether (a chat tool's ~100 dpi palette PNG)
PEN_TRACE_MM2 = 4.0  # pen ink beyond print where the signature goes: this much is a stroke, not noise
SEAL_TRACE_MM2 = 40.0  # stamp-pad red by the phrase outside any seal found: this much could be a seal
# Ink anywhere on the page that nothing found explains (evidence.UnexplainedInk)
STAMP_INKS = ("red", "purple")  # a seal's inks
LOOSE_SEAL_MM2 = 20.0  # a seal-sized cluster (evidence.seal_sized) with this much ink may be a seal no rule recognised
LOOSE_PEN_MM2 = PEN_TRACE_MM2  # any other cluster with this much ink may be writing: a phrase, a name


@dataclass(frozen=True)
class Facts:
    """What the decision rests on, read from the evidence."""

    evidence: PageEvidence
    seal: SealSeen | None  # the seal a "present" names: by the phrase or on the signature; else put on the copy
    seals_here: tuple[SealSeen, ...]  # the seals found by the strict rules
    signature: bool | None  # strokes or a name where the signature belongs; None: hidden there
    signature_box: tuple[int, int, int, int] | None
    name_on_seal: bool  # without the phrase: a signer's name read reaches onto a seal
    written_by_seal: bool  # without the phrase: a name on, or handwriting by, a seal
    pen_by_phrase_mm2: float = 0.0  # the most pen ink beyond print where the signature goes
    pen_by_seal: bool = False  # blue or red pen strokes no print explains around the seal by the phrase (without
    # the phrase: around any seal)
    seal_elsewhere: bool = False  # with the phrase: a seal on a blank part of the copy, away from it
    stray_ink: bool = False  # without the phrase: a line of handwriting-like ink no print explains
    loose_seal_ink: bool = False  # anywhere: stamp-pad ink of a seal's size and shape nothing found explains
    loose_writing: bool = False  # anywhere: other chromatic or handwriting-like ink nothing found explains

    @property
    def phrase(self) -> PhraseSeen | None:
        return self.evidence.phrase

    @property
    def colour(self) -> bool:
        return self.evidence.colour

    @property
    def resolved(self) -> bool:
        """Enough pixels to show a mark's absence."""
        return self.evidence.dpi >= MIN_DPI

    @property
    def label(self) -> bool:
        return self.phrase is not None and self.phrase.label

    @property
    def seals_over_print(self) -> bool:
        """Two seals or more over the document's print: one of them may have been put on the copy
        over its content, its phrase and signature unread."""
        return sum(seen.over_print for seen in self.seals_here) >= 2

    @property
    def grey_signature_under_seal(self) -> bool:
        """On a black-and-white scan, the seal by the phrase reaches where the signature goes: a
        pen as light as the seal's ink hides in it."""
        window = self.evidence.signature_window
        if self.colour or self.seal is None or window is None:
            return False
        x0, y0, x1, y1 = self.seal.seal.box
        return x0 < window[2] and window[0] < x1 and y0 < window[3] and window[1] < y1

    @property
    def measured(self) -> bool:
        """Whether the page-wide unexplained ink was measured (not in evidence stored before it was)."""
        return self.evidence.unexplained is not None

    @property
    def inked(self) -> bool:
        """Ink of a certification mark's kind somewhere that nothing found explains."""
        return self.loose_seal_ink or self.loose_writing

    @property
    def certifying(self) -> bool:
        return self.seal is not None

    @property
    def pen_clean_by_phrase(self) -> bool:
        """No pen ink beyond print where the signature goes, nor across the seal by the phrase."""
        return self.pen_by_phrase_mm2 < PEN_TRACE_MM2 and not self.pen_by_seal

    @property
    def no_seal_ink_by_phrase(self) -> bool:
        return self.evidence.seal_ink_by_phrase_mm2 < SEAL_TRACE_MM2 and not self.seal_elsewhere


@dataclass(frozen=True)
class Case:
    mark: str  # phrase | seal | signature
    name: str  # stored with the finding, to tell why
    when: Callable[[Facts], bool]
    state: str
    level: float


def _with_phrase(when: Callable[[Facts], bool]) -> Callable[[Facts], bool]:
    return lambda f: f.phrase is not None and when(f)


def _without_phrase(when: Callable[[Facts], bool]) -> Callable[[Facts], bool]:
    return lambda f: f.phrase is None and when(f)


def _grey_seal_unexplained(f: Facts) -> bool:
    """Black and white, a seal and no name on it: handwriting by it cannot be told from print."""
    return not f.colour and bool(f.seals_here) and not f.name_on_seal


def _signature_shown_absent(f: Facts) -> bool:
    """Nothing where the signature goes nor across the seal (on a black-and-white scan the search
    sees pen strokes darker than a seal through it; a window mostly under a seal is hidden)."""
    return f.resolved and f.pen_clean_by_phrase


def _nothing_unexplained(f: Facts) -> bool:
    """Without the phrase: no line of ink that could be an unread phrase, no pen strokes by a seal,
    and the page shows no certification ink anywhere (a colour page, nothing unexplained on it;
    evidence stored before that was measured goes by the rest)."""
    return f.resolved and not f.stray_ink and not f.pen_by_seal and (not f.measured or (f.colour and not f.inked))


def _grey_unshown(f: Facts) -> bool:
    """Without the phrase, a black-and-white scan: a stamp or a seal may be any grey, none shown absent."""
    return f.measured and not f.colour


CASES: tuple[Case, ...] = (
    # -- the phrase --------------------------------------------------------------------------
    Case("phrase", "read", _with_phrase(lambda f: not f.label), PRESENT, SURE),
    Case("phrase", "label_filled", _with_phrase(lambda f: f.certifying or f.signature is True), PRESENT, LIKELY),
    Case("phrase", "label_hidden", _with_phrase(lambda f: f.signature is None), UNSURE, NIL),
    Case("phrase", "label_blank", _with_phrase(lambda f: f.resolved and f.pen_clean_by_phrase
                                               and f.no_seal_ink_by_phrase and not f.inked), ABSENT, LIKELY),
    Case("phrase", "label_too_few_pixels", _with_phrase(lambda f: not f.resolved), UNSURE, NIL),
    Case("phrase", "label_inked", _with_phrase(lambda f: True), UNSURE, WEAK),
    Case("phrase", "grey_seal_unexplained", _without_phrase(_grey_seal_unexplained), UNSURE, WEAK),
    Case("phrase", "unread_by_written_seal", _without_phrase(lambda f: f.written_by_seal), UNSURE, WEAK),
    Case("phrase", "unread_by_name", _without_phrase(lambda f: f.signature is True), UNSURE, WEAK),
    Case("phrase", "grey_page", _without_phrase(_grey_unshown), UNSURE, NIL),
    Case("phrase", "seals_over_print", _without_phrase(lambda f: f.seals_over_print), UNSURE, WEAK),
    Case("phrase", "loose_ink", _without_phrase(lambda f: f.inked), UNSURE, WEAK),
    Case("phrase", "not_written", _without_phrase(_nothing_unexplained), ABSENT, FAIR),
    Case("phrase", "too_few_pixels", _without_phrase(lambda f: not f.resolved), UNSURE, NIL),
    Case("phrase", "unexplained_ink", _without_phrase(lambda f: True), UNSURE, WEAK),
    # -- the seal ----------------------------------------------------------------------------
    Case("seal", "by_phrase", _with_phrase(lambda f: f.certifying), PRESENT, SURE),
    Case("seal", "grey_not_found", _with_phrase(lambda f: not f.colour), UNSURE, NIL),
    Case("seal", "loose_seal_ink", _with_phrase(lambda f: f.loose_seal_ink), UNSURE, WEAK),
    Case("seal", "none_by_phrase", _with_phrase(lambda f: f.resolved and f.no_seal_ink_by_phrase), ABSENT, LIKELY),
    Case("seal", "too_few_pixels_by_phrase", _with_phrase(lambda f: not f.resolved), UNSURE, NIL),
    Case("seal", "unexplained_seal_ink", _with_phrase(lambda f: True), UNSURE, WEAK),
    Case("seal", "grey_seal_unexplained", _without_phrase(_grey_seal_unexplained), UNSURE, WEAK),
    Case("seal", "put_on_copy", _without_phrase(lambda f: f.certifying), PRESENT, FAIR),
    Case("seal", "grey_none", _without_phrase(lambda f: not f.colour), UNSURE, NIL),
    Case("seal", "loose_ink", _without_phrase(lambda f: f.inked), UNSURE, WEAK),
    Case("seal", "seals_over_print", _without_phrase(lambda f: f.seals_over_print), UNSURE, WEAK),
    Case("seal", "none_on_copy", _without_phrase(_nothing_unexplained), ABSENT, FAIR),
    Case("seal", "too_few_pixels", _without_phrase(lambda f: not f.resolved), UNSURE, NIL),
    Case("seal", "pen_by_seal_over_print", _without_phrase(lambda f: True), UNSURE, WEAK),
    # -- the signature -----------------------------------------------------------------------
    Case("signature", "by_phrase", _with_phrase(lambda f: f.signature is True), PRESENT, LIKELY),
    Case("signature", "hidden", _with_phrase(lambda f: f.signature is None), UNSURE, NIL),
    Case("signature", "loose_writing", _with_phrase(lambda f: f.loose_writing), UNSURE, WEAK),
    Case("signature", "grey_under_seal", _with_phrase(lambda f: f.grey_signature_under_seal), UNSURE, NIL),
    Case("signature", "none_by_phrase", _with_phrase(_signature_shown_absent), ABSENT, LIKELY),
    Case("signature", "too_few_pixels_by_phrase", _with_phrase(lambda f: not f.resolved), UNSURE, NIL),
    Case("signature", "unexplained_pen", _with_phrase(lambda f: True), UNSURE, WEAK),
    Case("signature", "name_read", _without_phrase(lambda f: f.signature is True), PRESENT, FAIR),
    Case("signature", "grey_seal_unexplained", _without_phrase(_grey_seal_unexplained), UNSURE, WEAK),
    Case("signature", "unread_by_written_seal", _without_phrase(lambda f: f.written_by_seal), UNSURE, WEAK),
    Case("signature", "grey_page", _without_phrase(_grey_unshown), UNSURE, NIL),
    Case("signature", "loose_ink", _without_phrase(lambda f: f.inked), UNSURE, WEAK),
    Case("signature", "seals_over_print", _without_phrase(lambda f: f.seals_over_print), UNSURE, WEAK),
    Case("signature", "none_read", _without_phrase(_nothing_unexplained), ABSENT, FAIR),
    Case("signature", "too_few_pixels", _without_phrase(lambda f: not f.resolved), UNSURE, NIL),
    Case("signature", "unexplained_ink", _without_phrase(lambda f: True), UNSURE, WEAK),
)
MARKS = ("phrase", "seal", "signature")


def decide(evidence: PageEvidence, number: int = 1, image: str = "") -> PageCertification:
    f = facts(evidence)
    marks = {mark: _finding(f, next(case for case in CASES if case.mark == mark and case.when(f))) for mark in MARKS}
    return PageCertification(number, image, marks["phrase"], marks["seal"], marks["signature"], evidence)


def _finding(f: Facts, case: Case) -> MarkFinding:
    if case.mark == "phrase":
        boxes = [f.phrase.box] if f.phrase is not None else []
        return MarkFinding(case.state, case.level, boxes, reason=case.name)
    if case.mark == "seal":
        if case.state == PRESENT:
            return MarkFinding(case.state, case.level, [f.seal.seal.box], f.seal.arc, reason=case.name)
        boxes = [seen.seal.box for seen in f.seals_here] if case.state == UNSURE else []
        return MarkFinding(case.state, case.level, boxes, reason=case.name)
    boxes = [f.signature_box] if f.signature_box and case.state == PRESENT else []
    return MarkFinding(case.state, case.level, boxes, reason=case.name)


def facts(evidence: PageEvidence) -> Facts:
    strict = tuple(seen for seen in evidence.seals if seen.tier == "strict")
    if evidence.phrase is not None:
        return _facts_by_phrase(evidence, strict)
    signed = _first(evidence.names, ("after_label", "alone"))
    named = [seen for seen in strict if signed and distance(seen.seal, signed.box) <= seen.seal.radius]
    handwritten = [seen for index, seen in enumerate(evidence.seals)
                   if seen.tier == "strict" and any(ink.found is True for ink in _by_seal(evidence, index))]
    written = named or handwritten
    stamped = [seen for seen in strict if not seen.over_print]
    return Facts(
        evidence,
        seal=(written or stamped or [None])[0],
        seals_here=strict,
        signature=True if signed else False,
        signature_box=signed.box if signed else None,
        name_on_seal=bool(named),
        written_by_seal=bool(written),
        stray_ink=any(ink.place == "stray" for ink in evidence.ink),
        pen_by_seal=any(_pen_by(evidence, index) for index, seen in enumerate(evidence.seals) if seen.tier == "strict"),
        **_loose_ink(evidence),
    )


def _facts_by_phrase(evidence: PageEvidence, strict: tuple[SealSeen, ...]) -> Facts:
    anchor = evidence.phrase.anchor(evidence.px_per_mm)
    certifying = None
    for tier in ("strict", "loose", "faint"):  # a looser shape only where no firmer one is by the phrase
        near = [seen for seen in evidence.seals if seen.tier == tier and by_box(seen.seal, anchor)]
        if near:
            certifying = max(near, key=lambda seen: seen.seal.confidence)
            break
    pens = [ink for ink in evidence.ink if ink.place == "by_phrase"]
    strokes = _strongest(pens)
    name = _first(evidence.names, ("by_phrase",))
    if strokes.found:
        signature, box = True, strokes.box
    elif name is not None:
        signature, box = True, name.box
    else:
        signature, box = strokes.found, None
    if certifying is None and box is not None:  # a seal stamped over the handler's signature
        over = [seen for seen in strict if by_box(seen.seal, box)]
        certifying = max(over, key=lambda seen: seen.seal.confidence, default=None)
    index = evidence.seals.index(certifying) if certifying is not None else None
    return Facts(
        evidence, certifying, strict, signature, box, name_on_seal=False, written_by_seal=False,
        pen_by_phrase_mm2=max((ink.mm2 for ink in pens), default=0.0),
        pen_by_seal=index is not None and _pen_by(evidence, index),
        seal_elsewhere=any(not seen.over_print and seen is not certifying for seen in strict),
        **_loose_ink(evidence),
    )


def _loose_ink(evidence: PageEvidence) -> dict[str, bool]:
    """Whether ink nothing found explains could be an unrecognised seal, or writing."""
    found = evidence.unexplained or ()
    seal_shaped = [_seal_shaped(ink, evidence.px_per_mm) for ink in found]
    return {
        "loose_seal_ink": any(shaped and ink.mm2 >= LOOSE_SEAL_MM2 for ink, shaped in zip(found, seal_shaped)),
        "loose_writing": any(not shaped and ink.mm2 >= LOOSE_PEN_MM2 for ink, shaped in zip(found, seal_shaped)),
    }


def _seal_shaped(ink: UnexplainedInk, mm: float) -> bool:
    return ink.ink in STAMP_INKS and seal_sized(ink.box[2] - ink.box[0], ink.box[3] - ink.box[1], mm)


def _strongest(found: list[InkSeen]) -> InkSeen:
    """The signature's strokes over the inks looked in (in the order looked): the first ink
    holding a signature's size of them; else hidden, where an ink was hidden; else the most ink."""
    signed = [ink for ink in found if ink.found]
    if signed:
        return signed[0]
    if any(ink.found is None for ink in found):
        return InkSeen("by_phrase", "dark", None, None, 0.0)
    return max(found, key=lambda ink: ink.mm2, default=InkSeen("by_phrase", "pen", False, None, 0.0))


def _pen_by(evidence: PageEvidence, index: int) -> bool:
    """Blue or red pen strokes around seal number `index` that no print explains, a trace or more."""
    return any(ink.found is not False or ink.mm2 >= PEN_TRACE_MM2 for ink in _by_seal(evidence, index))


def _by_seal(evidence: PageEvidence, index: int) -> list[InkSeen]:
    return [ink for ink in evidence.ink if ink.place == "by_seal" and ink.seal == index]


def _first(names: tuple[NameSeen, ...], places: tuple[str, ...]) -> NameSeen | None:
    for place in places:
        for name in names:
            if name.place == place:
                return name
    return None

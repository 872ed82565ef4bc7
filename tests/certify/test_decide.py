"""The decision on a copy page's marks, from stored evidence alone: hand-written PageEvidence
values, no image, no OCR."""

from __future__ import annotations

import json
from dataclasses import asdict

from pipeline.certify.decide import CASES, MARKS, decide, facts
from pipeline.certify.evidence import InkSeen, NameSeen, PageEvidence, PhraseSeen, SealSeen, UnexplainedInk
from pipeline.certify.seal import Seal
from pipeline.models import PageCertification

DPI_150 = 150 / 25.4
PHRASE_BOX = (700, 1300, 1000, 1350)  # bottom right of an A4 page at 150 dpi


def _seal(centre=(900, 1340), radius=120, *, tier="strict", over_print=False, arc="") -> SealSeen:
    seal = Seal(centre, (radius, radius), 0.0, 0.9, True, True, True, loose=tier != "strict")
    return SealSeen(seal, tier, over_print, arc)


def _evidence(*, phrase: PhraseSeen | None = None, seals=(), ink=(), names=(), colour=True,
              px_per_mm=DPI_150, seal_ink=0.0, unexplained=None) -> PageEvidence:
    window = None
    if phrase is not None:
        window = (phrase.box[0] - 265, phrase.box[1], phrase.box[2] + 413, phrase.box[3] + 177)
    return PageEvidence((1240, 1754), px_per_mm, colour, phrase, tuple(seals), window, tuple(ink), tuple(names),
                        seal_ink, unexplained)


def _phrase(ink="blue", *, label=False, box=PHRASE_BOX) -> PhraseSeen:
    return PhraseSeen("此件与原件相符", 0.9, box, "print" if label else ink, label)


def _strokes(found, mm2, ink="blue", box=(720, 1360, 860, 1400)) -> InkSeen:
    return InkSeen("by_phrase", ink, found, box if found else None, mm2)


def _states(marks: PageCertification) -> dict[str, str]:
    return {name: getattr(marks, name).state for name in MARKS}


def test_every_mark_has_a_case_that_always_holds_last():
    """The table decides every page: each mark's last case, with the phrase and without, holds."""
    for mark in MARKS:
        for phrase in (_phrase(), None):
            last = [case for case in CASES if case.mark == mark and case.when(facts(_evidence(phrase=phrase)))]
            assert last


def test_certified_copy_with_its_three_marks():
    evidence = _evidence(phrase=_phrase(), seals=[_seal(arc="重庆润达茶业有限公司")],
                         ink=[_strokes(True, 40.0), _strokes(False, 0.0, "pen"), _strokes(False, 0.0, "red")])
    marks = decide(evidence)
    assert _states(marks) == {"phrase": "present", "seal": "present", "signature": "present"}
    assert marks.seal.text == "重庆润达茶业有限公司" and marks.seal.boxes == [evidence.seals[0].seal.box]
    assert marks.signature.boxes == [(720, 1360, 860, 1400)]
    assert marks.evidence is evidence


def test_seal_far_from_the_phrase_does_not_certify_it():
    """A certificate's own printed seal at the top of the page, over its print, is not the copy's
    seal; one stamped on a blank part of the copy away from the phrase may be: unsure."""
    evidence = _evidence(phrase=_phrase(), seals=[_seal(centre=(600, 300), over_print=True)],
                         ink=[_strokes(True, 40.0)])
    assert decide(evidence).seal.state == "absent"
    elsewhere = _evidence(phrase=_phrase(), seals=[_seal(centre=(600, 300))], ink=[_strokes(True, 40.0)])
    assert decide(elsewhere).seal.state == "unsure"


def test_a_looser_shape_by_the_phrase_certifies_only_where_no_firmer_one_is():
    loose = _seal(tier="loose")
    assert decide(_evidence(phrase=_phrase(), seals=[loose])).seal.state == "present"
    printed = _seal(centre=(600, 300), over_print=True)
    assert decide(_evidence(phrase=_phrase(), seals=[printed])).seal.state == "absent"


def test_seal_over_the_signature_found_by_the_phrase_certifies():
    signature = (700, 1500, 900, 1560)
    evidence = _evidence(phrase=_phrase(), seals=[_seal(centre=(800, 1690), radius=100)],
                         ink=[_strokes(True, 30.0, box=signature)])
    assert decide(evidence).seal.state == "present"


def test_grey_scan_without_a_seal_found_is_unsure_of_the_seal():
    evidence = _evidence(phrase=_phrase("dark"), colour=False, ink=[_strokes(True, 30.0, "dark")])
    assert decide(evidence).seal.state == "unsure"


def test_signature_hidden_under_a_seal_on_a_grey_scan_is_unsure():
    evidence = _evidence(phrase=_phrase("dark"), colour=False, seals=[_seal()], ink=[_strokes(None, 0.0, "dark")])
    assert decide(evidence).signature.state == "unsure"


def test_name_read_by_the_phrase_is_a_signature():
    evidence = _evidence(phrase=_phrase(), seals=[_seal()], ink=[_strokes(False, 3.0)],
                         names=[NameSeen("by_phrase", (720, 1360, 820, 1390))])
    marks = decide(evidence)
    assert marks.signature.state == "present" and marks.signature.boxes == [(720, 1360, 820, 1390)]


def test_blank_printed_label_is_not_the_phrase():
    evidence = _evidence(phrase=_phrase(label=True), ink=[_strokes(False, 0.0, "pen")])
    assert decide(evidence).phrase.state == "absent"


def test_printed_label_signed_in_its_box_is_the_phrase():
    evidence = _evidence(phrase=_phrase(label=True), ink=[_strokes(True, 30.0, "pen")])
    assert decide(evidence).phrase.state == "present"


def test_document_seal_over_its_print_alone_certifies_nothing():
    """An uncertified certificate: its issuer's seal over its print, no phrase, no name."""
    evidence = _evidence(seals=[_seal(centre=(600, 1200), over_print=True)])
    assert _states(decide(evidence)) == {"phrase": "absent", "seal": "absent", "signature": "absent"}


def test_signers_name_reaching_onto_a_seal_without_the_phrase():
    """A red phrase unread under a red seal, 经办人：name read on it: the seal was put on the copy."""
    seal = _seal(centre=(600, 1200))
    evidence = _evidence(seals=[seal], names=[NameSeen("after_label", (560, 1180, 700, 1220))])
    assert _states(decide(evidence)) == {"phrase": "unsure", "seal": "present", "signature": "present"}


def test_decision_replays_from_stored_evidence():
    evidence = _evidence(phrase=_phrase(), seals=[_seal(arc="重庆润达茶业有限公司"), _seal((600, 300), tier="strict")],
                         ink=[_strokes(True, 40.0), InkSeen("by_seal", "red", False, None, 2.0, 0)],
                         names=[NameSeen("alone", (10, 10, 60, 30))])
    marks = decide(evidence, 2, "p.png")
    stored = PageCertification.from_dict(json.loads(json.dumps(asdict(marks))))
    assert stored == marks
    assert decide(stored.evidence, 2, "p.png") == marks


# -- precision first: "absent" only on evidence of absence ---------------------------------------

def test_signature_absent_only_where_nothing_is_written():
    """A 200 dpi colour copy: phrase read, seal by it, no pen ink beyond print where the signature
    goes, none across the seal: the signature is absent."""
    evidence = _evidence(phrase=_phrase(), seals=[_seal()], px_per_mm=200 / 25.4,
                         ink=[_strokes(False, 0.0), _strokes(False, 0.0, "pen"), _strokes(False, 1.5, "red"),
                              InkSeen("by_seal", "blue", False, None, 0.0, 0), InkSeen("by_seal", "red", False, None, 0.0, 0)])
    marks = decide(evidence)
    assert marks.signature.state == "absent" and marks.signature.reason == "none_by_phrase"


def test_small_blue_scrawl_partly_over_the_seal_at_low_resolution_is_never_absent():
    """The phrase and 经办人：name in blue, small, partly over the red seal, the name a quick scrawl,
    at 130 dpi: too little ink for a signature's size where it goes, and blue strokes across the
    seal that no print explains. Unsure, not absent."""
    evidence = _evidence(phrase=_phrase("blue"), seals=[_seal()], px_per_mm=130 / 25.4,
                         ink=[_strokes(False, 9.0), _strokes(False, 0.0, "pen"), _strokes(False, 0.0, "red"),
                              InkSeen("by_seal", "blue", False, (850, 1330, 950, 1360), 6.0, 0),
                              InkSeen("by_seal", "red", False, None, 0.0, 0)])
    marks = decide(evidence)
    assert marks.signature.state == "unsure" and marks.seal.state == "present"


def test_blue_strokes_across_the_seal_alone_keep_the_signature_unsure():
    evidence = _evidence(phrase=_phrase("blue"), seals=[_seal()], px_per_mm=150 / 25.4,
                         ink=[_strokes(False, 0.0), InkSeen("by_seal", "blue", True, (850, 1330, 990, 1380), 20.0, 0)])
    assert decide(evidence).signature.state == "unsure"


def test_phrase_and_name_unread_at_100_dpi_leave_the_marks_unsure():
    """The same kind at 100 dpi with nothing read: the phrase and the name in blue by the seal."""
    evidence = _evidence(seals=[_seal()], px_per_mm=100 / 25.4,
                         ink=[InkSeen("by_seal", "blue", False, (700, 1300, 960, 1360), 10.0, 0),
                              InkSeen("stray", "blue", True, (640, 1280, 1000, 1380), 45.0)])
    states = _states(decide(evidence))
    assert states == {"phrase": "unsure", "seal": "present", "signature": "unsure"}


def test_palette_png_at_100_dpi_with_nothing_found_is_unsure_not_absent():
    """A chat tool's palette PNG at about 100 dpi, seal in plain red, where nothing was found:
    too few pixels to show that anything is missing."""
    evidence = _evidence(px_per_mm=100 / 25.4)
    states = _states(decide(evidence))
    assert states == {"phrase": "unsure", "seal": "unsure", "signature": "unsure"}
    assert decide(evidence).seal.confidence == 0.0


def test_uncertified_copy_at_good_resolution_is_absent_on_all_three():
    """A certificate copied at 200 dpi with only its issuer's seal over its print and no other ink:
    the copy is not certified (the flag staff must get)."""
    evidence = _evidence(seals=[_seal(centre=(600, 1200), over_print=True)], px_per_mm=200 / 25.4,
                         ink=[InkSeen("by_seal", "blue", False, None, 0.0, 0), InkSeen("by_seal", "red", False, None, 0.0, 0)])
    assert _states(decide(evidence)) == {"phrase": "absent", "seal": "absent", "signature": "absent"}


def test_unread_line_of_ink_keeps_the_phrase_unsure():
    """No phrase read, but a line of red stamp-pad ink no print explains (a red stamp, unread)."""
    evidence = _evidence(seals=[_seal(centre=(600, 1200), over_print=True)], px_per_mm=200 / 25.4,
                         ink=[InkSeen("stray", "red", True, (100, 1400, 500, 1460), 120.0)])
    states = _states(decide(evidence))
    assert states["phrase"] == "unsure" and states["signature"] == "unsure"


def test_phrase_without_a_seal_by_it_absent_only_without_seal_ink_there():
    clean = _evidence(phrase=_phrase(), ink=[_strokes(True, 30.0)], seal_ink=3.0)
    assert decide(clean).seal.state == "absent"
    inked = _evidence(phrase=_phrase(), ink=[_strokes(True, 30.0)], seal_ink=160.0)  # a ring no rule recognised
    assert decide(inked).seal.state == "unsure"


def test_grey_scan_signature_absent_only_where_nothing_is_seen_and_nothing_hidden():
    """On a black-and-white scan the signature is absent only where its place is bare and the seal
    by the phrase does not reach it (a red or pink pen greys as light as the seal's ink)."""
    above = _seal(centre=(850, 1150), radius=100)
    bare = _evidence(phrase=_phrase("dark"), colour=False, seals=[above], ink=[_strokes(False, 0.0, "dark")])
    assert decide(bare).seal.state == "present" and decide(bare).signature.state == "absent"
    under = _evidence(phrase=_phrase("dark"), colour=False, seals=[_seal()], ink=[_strokes(False, 0.0, "dark")])
    assert decide(under).signature.state == "unsure" and decide(under).signature.reason == "grey_under_seal"
    hidden = _evidence(phrase=_phrase("dark"), colour=False, seals=[_seal()], ink=[_strokes(None, 0.0, "dark")])
    assert decide(hidden).signature.state == "unsure"
    traced = _evidence(phrase=_phrase("dark"), colour=False, seals=[_seal()], ink=[_strokes(False, 8.0, "dark")])
    assert decide(traced).signature.state == "unsure"


def test_seal_over_print_with_a_trace_of_pen_by_it_is_unsure_without_the_phrase():
    """A grey copy stamped over its content, a red name seal and a blue trace by the round seal
    (not a signature's size of ink): the seal over print may be the copy's, not the document's."""
    evidence = _evidence(seals=[_seal(centre=(600, 1200), over_print=True)], px_per_mm=200 / 25.4,
                         ink=[InkSeen("by_seal", "blue", False, (560, 1250, 660, 1290), 9.6, 0),
                              InkSeen("by_seal", "red", False, None, 0.0, 0)])
    assert _states(decide(evidence)) == {"phrase": "unsure", "seal": "unsure", "signature": "unsure"}


# -- ink anywhere on the page that nothing found explains ---------------------------------------

def _loose(ink: str, box: tuple[int, int, int, int], mm2: float) -> UnexplainedInk:
    return UnexplainedInk(ink, box, mm2)


PINK_RING = _loose("red", (300, 1250, 540, 1490), 150.0)  # 40 mm round at 150 dpi: a faint seal no rule recognised
RED_LINE = _loose("red", (100, 1400, 500, 1460), 120.0)  # 68 x 10 mm: a stamped phrase read as garble
BLUE_SCRAWL = _loose("blue", (900, 1500, 1010, 1540), 12.0)  # 19 x 7 mm: a quick name
BLACK_SCRAWL = _loose("dark", (900, 1500, 1010, 1540), 12.0)


def test_plain_colour_copy_with_nothing_unexplained_gets_its_three_flags():
    """An uncertified certificate copied in colour at 200 dpi: its issuer's seal over its print,
    and no ink anywhere that nothing found explains."""
    evidence = _evidence(seals=[_seal(centre=(600, 1200), over_print=True)], px_per_mm=200 / 25.4, unexplained=())
    assert _states(decide(evidence)) == {"phrase": "absent", "seal": "absent", "signature": "absent"}


def test_unexplained_ink_without_the_phrase_keeps_every_mark_from_absent():
    """A red phrase stamped on a grey copy of a certificate, read as garble; a pink seal too faint
    for the seal rules; a scrawl: whichever is left unexplained, nothing is claimed absent."""
    for loose in (PINK_RING, RED_LINE, BLUE_SCRAWL, BLACK_SCRAWL):
        evidence = _evidence(seals=[_seal(centre=(600, 1200), over_print=True)], px_per_mm=200 / 25.4,
                             unexplained=(loose,))
        assert "absent" not in _states(decide(evidence)).values(), loose


def test_speckle_left_unexplained_does_not_stop_the_flags():
    evidence = _evidence(px_per_mm=200 / 25.4, unexplained=(_loose("red", (100, 100, 110, 110), 1.0),
                                                             _loose("dark", (300, 300, 330, 310), 2.0)))
    assert _states(decide(evidence)) == {"phrase": "absent", "seal": "absent", "signature": "absent"}


def test_no_absence_without_the_phrase_on_a_grey_page():
    """A black-and-white scan shows no ink's colour: a seal or a stamped phrase may be any grey."""
    evidence = _evidence(colour=False, px_per_mm=200 / 25.4, unexplained=())
    assert "absent" not in _states(decide(evidence)).values()


def test_unexplained_seal_shaped_ink_keeps_the_seal_unsure_by_the_phrase():
    evidence = _evidence(phrase=_phrase(), ink=[_strokes(True, 30.0)], unexplained=(PINK_RING,))
    assert decide(evidence).seal.state == "unsure"
    assert decide(evidence).signature.state == "present"


def test_unexplained_writing_keeps_the_signature_unsure_by_the_phrase():
    """The phrase read, nothing where the signature goes, but a blue scrawl elsewhere no print explains."""
    evidence = _evidence(phrase=_phrase(), seals=[_seal()], px_per_mm=200 / 25.4,
                         ink=[_strokes(False, 0.0), _strokes(False, 0.0, "pen"), _strokes(False, 0.0, "red")],
                         unexplained=(BLUE_SCRAWL,))
    marks = decide(evidence)
    assert marks.signature.state == "unsure" and marks.seal.state == "present"
    clean = _evidence(phrase=_phrase(), seals=[_seal()], px_per_mm=200 / 25.4,
                      ink=[_strokes(False, 0.0), _strokes(False, 0.0, "pen"), _strokes(False, 0.0, "red")],
                      unexplained=())
    assert decide(clean).signature.state == "absent"


def test_evidence_stored_before_the_measurement_still_decides():
    """Evidence stored without the page-wide measurement loads (None: not measured) and decides."""
    evidence = _evidence(seals=[_seal(centre=(600, 1200), over_print=True)], px_per_mm=200 / 25.4)
    data = evidence.to_dict()
    del data["unexplained"]
    again = PageEvidence.from_dict(json.loads(json.dumps(data)))
    assert again.unexplained is None
    assert _states(decide(again))["seal"] in ("absent", "unsure")
    measured = _evidence(unexplained=(RED_LINE,))
    assert PageEvidence.from_dict(json.loads(json.dumps(measured.to_dict()))) == measured


def test_two_seals_over_the_print_without_the_phrase_claim_nothing_absent():
    """A diploma's own seal and a second one stamped over its content, its purple phrase half-inked
    and a black scrawl across it, unread at 109 dpi: either seal may be the copy's."""
    seals = [_seal(centre=(600, 600), over_print=True), _seal(centre=(480, 480), over_print=True)]
    evidence = _evidence(seals=seals, px_per_mm=200 / 25.4, unexplained=())
    assert "absent" not in _states(decide(evidence)).values()
    one = _evidence(seals=seals[:1], px_per_mm=200 / 25.4, unexplained=())
    assert _states(decide(one)) == {"phrase": "absent", "seal": "absent", "signature": "absent"}

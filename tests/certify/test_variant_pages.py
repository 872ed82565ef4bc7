"""Verdicts on pages of the second, independent generator (tests.generator.copy_variants),
through the real page path, for the habits certify_cases does not have. Each case is one the
checker once answered wrongly; expected marks are the generator's truth."""

from __future__ import annotations

import pytest

from pipeline.models import PageCertification
from tests.generator.copy_variants import variant_case_at

SEED = 5


def _state(marks: PageCertification, name: str) -> str:
    return getattr(marks, name).state


@pytest.mark.parametrize("index, feature", [(0, "seal@beside"), (64, "seal@beside")])
def test_seal_stamped_beside_the_phrase_certifies(checked, index, feature):
    case = variant_case_at(index, SEED)
    assert feature in case.name and case.truth.seal
    assert _state(checked(case), "seal") == "present"


@pytest.mark.parametrize("index, feature", [(25, "sig@right"), (64, "sig@right"), (17, "sig@right"), (38, "sig@right")])
def test_signature_written_right_of_the_phrase_is_found(checked, index, feature):
    """Strokes beside the phrase, or a plain hand the OCR read as text: 经功人沉雨 (label and
    surname misread), or run on into the phrase's own box (此件与原件相符杨有峰)."""
    case = variant_case_at(index, SEED)
    assert feature in case.name and case.truth.signature
    assert _state(checked(case), "signature") == "present"


def test_plain_name_run_on_from_a_phrase_read_from_its_strip(checked):
    """此件与原件相符。廖思梅 in one plain black line: the strip read for the phrase holds the name."""
    case = variant_case_at(32, 9)
    assert "sig:plain:black-sig@right" in case.name and case.truth.signature
    assert _state(checked(case), "signature") == "present"


def test_thin_ring_without_star_found_by_shape_by_the_phrase_on_a_grey_scan(checked):
    case = variant_case_at(12, SEED)
    assert "grey" in case.name and "nostar" in case.name and case.truth.seal
    assert _state(checked(case), "seal") == "present"


def test_a_stamped_phrase_frame_is_no_signature(checked):
    case = variant_case_at(59, SEED)
    assert "phraseonly-stamp" in case.name and not case.truth.signature
    assert _state(checked(case), "signature") == "absent"


def test_faded_patchy_seal_with_thin_arc_text_and_no_star_is_found(checked):
    """A thin-ringed, starless seal pressed unevenly: the ring has gaps and its uncondensed arc
    text covers little of its band, but runs along most of the ring."""
    case = variant_case_at(62, SEED)
    assert "nostar-faded" in case.name and case.truth.seal
    assert _state(checked(case), "seal") == "present"


def test_faded_seal_alone_on_a_blank_part_counts_and_a_stamp_frame_is_no_seal(checked):
    """A pale pink seal stamped alone where the copy is blank (its paler stroke edges are no
    print); a two-line purple phrase stamp, whose frame and text a circle crosses at most
    angles, is no seal."""
    alone, framed = variant_case_at(7, SEED), variant_case_at(28, SEED)
    assert "sealonly" in alone.name and alone.truth.seal
    assert "stamp2:purple" in framed.name and not framed.truth.seal
    assert _state(checked(alone), "seal") == "present"
    assert _state(checked(framed), "seal") == "absent"


def test_signature_without_a_phrase_counts_after_its_label(checked):
    case = variant_case_at(50, SEED)
    assert "sigonly-sig:hand+prefix" in case.name and case.truth.signature and not case.truth.phrase
    assert _state(checked(case), "signature") == "present"


def test_the_broken_bottom_edge_of_a_red_stamp_frame_is_no_signature(checked):
    """经办人： left blank in a two-line red phrase stamp, whose worn frame's bottom edge is a run
    of dashes in the red a pen's red is looked for in: flat, it is no handwriting."""
    case = variant_case_at(22, 9)
    assert "nosig-stamp2:red" in case.name and not case.truth.signature
    assert _state(checked(case), "signature") == "absent"


def test_arc_text_of_a_seal_found_by_shape_on_a_grey_scan_is_no_signature(checked):
    """A faded double-ringed seal over the phrase of a black-and-white scan, found by its looser
    shape only: its arc text is taken out with it, not read as handwriting. (Not claimed absent
    either: on a black-and-white scan a pen as light as the seal's ink may hide where the seal
    reaches the signature's place; pipeline.certify.decide, grey_under_seal.)"""
    case = variant_case_at(68, SEED)
    assert "grey" in case.name and "nosig" in case.name and case.truth.seal and not case.truth.signature
    assert _state(checked(case), "signature") == "unsure"


def test_a_bare_thin_ring_by_the_phrase_is_its_seal(checked):
    """A starless crimson seal faded to its ring and a few characters of arc text, stamped over a
    blue phrase: a seal only by the phrase, where one is expected."""
    case = variant_case_at(32, 33)
    assert "crimson-nostar-faded-seal@phrase" in case.name and case.truth.seal
    assert _state(checked(case), "seal") == "present"



@pytest.mark.parametrize("index, seed, feature", [
    (18, 33, "phraseonly-stamp:blue"),
    (45, 33, "phraseonly-stamp2:red"),
    (63, 9, "nosig-stamp2:blue"),
])
def test_a_phrase_stamps_dashed_frame_is_no_signature(checked, index, seed, feature):
    """A worn stamp's frame in dashes round the phrase (and a blank 经办人：), in the phrase's own
    ink: its long sides are dashes on one line, its short sides leave their corners. Never a
    signature; dashes the frame search leaves are unexplained ink, which makes it unsure
    rather than absent (precision first: pipeline.certify.decide)."""
    case = variant_case_at(index, seed)
    assert feature in case.name and not case.truth.signature
    assert _state(checked(case), "signature") in ("absent", "unsure")


@pytest.mark.parametrize("index", [56, 71])
def test_signature_across_a_seal_on_a_grey_scan_is_seen_through_it(checked, index):
    """On a grey scan a black or blue pen greys darker than a red seal's ink: a name written
    across the seal is told from its arc text by that, not wiped with the seal."""
    case = variant_case_at(index, 33)
    assert "grey" in case.name and case.truth.signature
    assert _state(checked(case), "signature") == "present"


def test_a_name_written_on_after_the_phrase_is_not_taken_for_the_phrase(checked):
    """与原件相符 田建 on one line, the phrase read from a strip that holds the name too: the
    phrase's box ends where the phrase does, and the name right of it is found."""
    case = variant_case_at(60, 33)
    assert "sig@right" in case.name and case.truth.signature
    assert _state(checked(case), "signature") == "present"


@pytest.mark.parametrize("index, seed", [(26, 5), (4, 9), (65, 9)])
def test_a_name_signed_alone_without_the_phrase_is_a_signature(checked, index, seed):
    """Signed on a blank part of the copy, neither phrased nor stamped: the name stands alone."""
    case = variant_case_at(index, seed)
    assert "sigonly" in case.name and case.truth.signature and not case.truth.phrase
    assert _state(checked(case), "signature") == "present"


def test_a_name_after_a_form_label_read_in_two_boxes_is_a_signature(checked):
    """经办人（签字）： read as 经办 | (签字), the name after it read with its surname lost."""
    case = variant_case_at(20, 33)
    assert "label:twoline" in case.name and case.truth.signature
    assert _state(checked(case), "signature") == "present"


def test_a_misread_name_run_on_after_the_phrase_in_its_box_is_found_by_its_strokes(checked):
    """此件与原件相符。经认能译勇 read as one box for 此件与原件相符。 and a blue 经办人：熊泽勇: the
    phrase's own area ends at the phrase, and the blue strokes after it are the signature."""
    case = variant_case_at(7, 21)
    assert "sig:hand+prefix:blue-sig@right" in case.name and case.truth.signature
    assert _state(checked(case), "signature") == "present"


def test_a_misread_last_character_of_the_phrase_is_not_taken_for_a_name_after_it(checked):
    """此件与原件相待。 (符 read as 待), unsigned: 相待 is the phrase's own end, not a name."""
    case = variant_case_at(22, 5)
    assert "nosig" in case.name and not case.truth.signature
    assert _state(checked(case), "signature") == "absent"


def test_a_purple_stamp_under_a_seal_is_read_in_its_own_ink(checked):
    """此复印件与原件相符 stamped in purple, a rose seal over it: the purple falls in neither the
    blue nor the red masks, and the pen mask keeps only its darkest strokes; in the unred mask
    (any ink but a red stamp pad's) it shows whole."""
    case = variant_case_at(12, 47)
    assert "stamp:purple" in case.name and case.truth.phrase
    assert _state(checked(case), "phrase") == "present"


def test_a_seal_stamped_over_the_signature_certifies(checked):
    """A brick-red oval seal over a red 经办人：name beside the phrase, fitted as a smaller circle
    (the red writing runs through its ring): too far from the phrase, but over the signature."""
    case = variant_case_at(49, 47)
    assert "oval-ink:brick-seal@sig" in case.name and case.truth.seal
    assert _state(checked(case), "seal") == "present"


@pytest.mark.parametrize("index, seed, feature", [
    (50, 47, "double-ink:brick-faded-seal@beside-300dpi-tint"),
    (14, 21, "thin-ink:brick-nostar-faded-seal@beside-150dpi-tint"),
])
def test_a_seal_faded_to_a_pink_tint_by_the_phrase_is_its_seal(checked, index, seed, feature):
    """On tinted paper a faded seal's ring is hardly in the stamp-red ink at all; in the faint
    ink it is a clean thin ring by the phrase."""
    case = variant_case_at(index, seed)
    assert feature in case.name and case.truth.seal
    assert _state(checked(case), "seal") == "present"


def test_a_red_signature_across_a_faded_rose_oval_seal_is_seen(checked):
    """经办人：name and date in red pen across a rose oval seal faded to its ring: the seal is
    found in the faint ink, and the red strokes across it are the signature, not its arc text."""
    case = variant_case_at(58, 9)
    assert "red-sig@below" in case.name and "oval-ink:rose-faded" in case.name
    assert case.truth.seal and case.truth.signature
    marks = checked(case)
    assert (_state(marks, "seal"), _state(marks, "signature")) == ("present", "present")


@pytest.mark.parametrize("index, seed", [(44, 47), (58, 5)])
def test_a_faded_patchy_seal_by_the_phrase_on_a_grey_scan_is_its_seal(checked, index, seed):
    """A faded seal on a black-and-white scan: a thin ring in dashes, round little more than half
    its length, with arc text and a star (or 公章) inside, where the phrase is."""
    case = variant_case_at(index, seed)
    assert "grey" in case.name and "faded" in case.name and case.truth.seal
    assert _state(checked(case), "seal") == "present"


@pytest.mark.parametrize("index, feature", [
    (49, "stamp:red-sig:plain+prefix:black-sig@below-date-seal:double-ink:scarlet-bottom-seal@phrase"),
    (67, "stamp2:red-sig:plain:black-sig@stamp-seal:double-ink:crimson-bottom-seal@phrase"),
])
def test_a_seal_with_the_signers_name_by_it_certifies_when_the_phrase_is_unread(checked, index, feature):
    """A red phrase stamp under a red seal is not read, but the black name signed by the seal is:
    the seal certifies, the name is the signature, and the phrase is unsure (never absent)."""
    case = variant_case_at(index, 77)
    assert feature in case.name and case.truth.seal and case.truth.signature
    marks = checked(case)
    assert (_state(marks, "seal"), _state(marks, "signature")) == ("present", "present")
    assert _state(marks, "phrase") != "absent"


def test_a_name_signed_beside_a_letters_own_seal_does_not_make_it_certify(checked):
    """A name signed alone below a letter's own seal (over its date), clear of it: the signature
    counts, the seal stays the letter's."""
    case = variant_case_at(38, 9)
    assert "letter-sigonly" in case.name and case.truth.signature and not case.truth.seal
    marks = checked(case)
    assert _state(marks, "signature") == "present"
    assert _state(marks, "seal") != "present"

"""Per-page verdicts on generated copy pages, through the real page path (ReadContext.ocr_page
with the default OCR engine, then check_page). Expected marks are the generator's truth."""

from __future__ import annotations

import json
from dataclasses import asdict

import pytest

from pipeline.models import PageCertification
from tests.generator.certify_cases import make_case

STATE = {True: "present", False: "absent"}


def _states(marks: PageCertification) -> dict[str, str]:
    return {name: getattr(marks, name).state for name in ("phrase", "seal", "signature")}


@pytest.mark.parametrize(
    "seed, kind, phrase, seal, signature, style",
    [
        (2, "award", True, True, True, "red"),
        (2, "diploma", True, False, True, "red"),
        (3, "skill_certificate", True, True, False, "faded"),
        (1, "id_card", True, False, True, "red"),
    ],
)
def test_colour_copy_marks_match_truth(checked, seed, kind, phrase, seal, signature, style):
    case = make_case(seed, kind, phrase=phrase, seal=seal, signature=signature, seal_style=style)
    marks = checked(case)
    assert _states(marks) == {name: STATE[value] for name, value in case.truth.as_dict().items()}
    for name, value in case.truth.as_dict().items():
        assert bool(getattr(marks, name).boxes) is value  # every mark found is outlined
    json.dumps(asdict(marks))  # stored as JSON with the document's result


def test_printed_authority_seal_does_not_certify(checked):
    case = make_case(96907015, "diploma", phrase=False, seal=False, signature=False)
    assert case.hard_negative
    states = _states(checked(case))
    assert "present" not in states.values()


def test_blank_template_label_is_not_the_phrase(checked):
    case = make_case(1063497603, "id_card", template=True, seal=False, signature=False, color=True)
    assert case.truth.as_dict() == {"phrase": False, "seal": False, "signature": False}
    assert _states(checked(case))["phrase"] == "absent"


def test_blank_template_label_on_a_page_without_colour_is_not_signed(checked):
    """On a page without colour print cannot be told from pen by its ink: the printed label and
    its 经办人签字 line must still not pass for the phrase and a signature."""
    case = make_case(111877924, "id_card", template=True, seal=False, signature=False, color=False)
    assert case.truth.as_dict() == {"phrase": False, "seal": False, "signature": False}
    states = _states(checked(case))
    assert states["phrase"] == "absent" and states["signature"] == "absent"


def test_signature_across_a_purple_seal_is_found(checked):
    """A red-pen signature over a purple stamp: the stamp's ink is not the pen's red, so the
    strokes over it are not hidden with it."""
    case = make_case(2043387526, "skill_certificate", seal_style="purple")
    assert case.truth.signature
    assert _states(checked(case))["signature"] == "present"


def test_plain_black_signature_after_its_label_is_found(checked):
    """经办人： 郑林林 in a plain black hand the size of the print: read by the OCR as text."""
    case = make_case(1354510888, "award", dpi=200)
    assert case.truth.signature
    assert _states(checked(case))["signature"] == "present"


def test_phrase_written_across_the_copys_print_is_read(checked):
    """此件与原件相符 in black pen right across an ID card's printed lines and a faded seal: no
    ink mask holds it whole, the page's own pixels around the seal are read instead."""
    case = make_case(1090899111, "id_card")
    assert case.truth.phrase
    assert _states(checked(case))["phrase"] == "present"


@pytest.mark.parametrize("seed, kind", [(21, "id_card"), (22, "award")])
def test_seal_alone_on_a_blank_part_of_the_copy_counts(checked, seed, kind):
    """Stamped but neither phrased nor signed: the seal lies where the copy is blank, so it was
    put on the copy (a document's own seal lies over its print)."""
    case = make_case(seed, kind, phrase=False, signature=False)
    assert case.truth.as_dict() == {"phrase": False, "seal": True, "signature": False}
    assert _states(checked(case)) == {"phrase": "absent", "seal": "present", "signature": "absent"}


def test_signed_and_stamped_template_counts(checked):
    case = make_case(346094055, "id_card", template=True, seal_style="red")
    assert case.truth.phrase and case.truth.seal
    states = _states(checked(case))
    assert states["phrase"] == "present" and states["seal"] == "present"


def test_black_and_white_scan_never_reports_seal_absent(checked):
    unsealed = make_case(2120395274, "id_card", phrase=False, seal=False, signature=False, grayscale=True)
    assert not unsealed.truth.seal
    assert _states(checked(unsealed))["seal"] == "unsure"

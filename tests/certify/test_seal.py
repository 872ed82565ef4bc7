"""Seal detection on generated pages (no OCR): every seal ink, black-and-white scans, and red
print that is not a seal (emblems, red titles, red letterheads)."""

from __future__ import annotations

import cv2
import numpy as np
import pytest

from pipeline.certify.page import PageImage
from pipeline.certify.seal import MAX_RADIUS_MM, MIN_RADIUS_MM, find_seals
from tests.generator.certify_cases import SEAL_STYLES, make_case


def _page(case) -> PageImage:
    return PageImage(np.asarray(case.image))


@pytest.mark.parametrize("style", SEAL_STYLES)
def test_stamped_seal_found_by_colour_in_every_ink(style):
    case = make_case(100 + SEAL_STYLES.index(style), "id_card", seal_style=style, color=False)
    assert case.truth.seal
    seals = find_seals(_page(case))
    assert len(seals) == 1  # a grey ID card copy: the stamp is the only seal
    seal = seals[0]
    assert seal.by_colour
    mm = _page(case).px_per_mm
    assert MIN_RADIUS_MM * mm <= seal.radius <= MAX_RADIUS_MM * mm


def test_no_seal_on_uncertified_id_card_with_red_emblem():
    case = make_case(7, "id_card", phrase=False, seal=False, signature=False, color=True)
    assert not case.truth.seal
    assert find_seals(_page(case)) == []


def test_black_and_white_scan_found_by_shape():
    case = make_case(11, "id_card", seal_style="dark", grayscale=True, color=False)
    page = _page(case)
    assert not page.colour
    seals = find_seals(page)
    assert len(seals) == 1 and not seals[0].by_colour and seals[0].star


def test_uncertified_letter_has_only_its_issuers_seal():
    case = make_case(5, "other", phrase=False, seal=False, signature=False)
    assert case.hard_negative and not case.truth.seal
    assert len(find_seals(_page(case))) == 1  # the letter's own seal; the verdict must not count it


def test_oval_seal_merged_with_a_phrase_in_the_same_red_is_found():
    """GIVEN a proof letter certified in red pen right across a purple-red seal (phrase, ring and
    signature run together into one blob of stamp-red ink), its page photographed at an angle so
    that the seals look oval, WHEN seals are looked for THEN the certifying seal is found whole
    beside the letter's own, by the part of the blob's outline its ring makes."""
    case = make_case(806899909, "other", seal_style="purple")
    assert case.truth.seal
    round_seals = find_seals(_page(case))
    image = case.image.resize((case.image.width, int(case.image.height * 0.75)))
    seals = find_seals(PageImage(np.asarray(image)))
    assert len(round_seals) == 2 and len(seals) == 2  # the letter's own seal and the certifying one
    stamped, squashed = max(round_seals, key=lambda s: s.centre[1]), max(seals, key=lambda s: s.centre[1])
    assert abs(max(squashed.axes) - stamped.radius) < 0.08 * stamped.radius
    assert abs(min(squashed.axes) - 0.75 * stamped.radius) < 0.08 * stamped.radius


def test_points_that_fix_no_ellipse_give_none_not_an_error():
    """Five samples of a hull, four on one straight edge (taken from a generated page on which
    the check once failed): OpenCV's solver does not converge on them."""
    from pipeline.certify.seal import _fit

    points = np.float32([[182.44334411621094, 881.0], [152.7296142578125, 881.0], [168.82455444335938, 881.0],
                         [191.10984802246094, 881.0], [142.67877197265625, 897.0]])
    with pytest.raises(cv2.error):
        cv2.fitEllipse(points)
    assert _fit(points) is None
    ring = np.float32([[100 + 50 * np.cos(t), 100 + 30 * np.sin(t)] for t in np.linspace(0, 6.2, 40)])
    fitted = _fit(ring)
    assert fitted is not None and abs(max(fitted.a, fitted.b) - 50) < 1 and abs(min(fitted.a, fitted.b) - 30) < 1

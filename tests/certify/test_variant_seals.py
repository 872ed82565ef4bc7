"""Seal detection (no OCR) on pages of the second, independent generator
(tests.generator.copy_variants): oval, faded and broken rings, and red print that only looks
like a ring. Each page is prepared as the page store keeps it (cropped, scaled, straightened,
stored as JPEG). Expected seals were counted by eye on each page; the case names list features."""

from __future__ import annotations

import io

import numpy as np
import pytest
from PIL import Image

from pipeline.certify.page import PageImage
from pipeline.certify.seal import Seal, find_faint_seals, find_seals
from pipeline.ocr.prepare import crop_to_page, normalise_size, straighten
from tests.generator.copy_variants import variant_case_at


def _page(index: int, seed: int, feature: str) -> PageImage:
    case = variant_case_at(index, seed)
    assert feature in case.name
    stored = io.BytesIO()
    straighten(normalise_size(crop_to_page(case.image)), 0).convert("RGB").save(stored, "JPEG", quality=90)
    return PageImage(np.asarray(Image.open(stored).convert("RGB")))


def _seals(index: int, seed: int, feature: str, loose: bool = False) -> list[Seal]:
    return find_seals(_page(index, seed, feature), loose=loose)


def _oval(seal: Seal) -> bool:
    return min(seal.axes) < 0.8 * max(seal.axes)


@pytest.mark.parametrize("index, seed, feature, seals", [
    (1, 9, "sealonly-bwcopy-seal:oval-ink:rose-faded", 1),  # the ring broken in three arcs, alone on the copy
    (43, 9, "seal:oval-ink:scarlet-faded", 1),  # a double ring in pieces; arc text too pale for the red mask
    (3, 9, "seal:oval-ink:vermilion-seal@edge", 2),  # beside the skill certificate's own round seal
])
def test_faded_or_broken_oval_seal_is_found(index, seed, feature, seals):
    found = _seals(index, seed, feature)
    assert len(found) == seals
    assert sum(_oval(seal) for seal in found) == 1


@pytest.mark.parametrize("index, seed, feature", [
    (16, 9, "seal:thin-ink:vermilion-faded-seal@edge"),  # across the red frame of the phrase stamp
    (34, 9, "seal:thin-ink:crimson-faded-bottom-seal@phrase"),  # its ring hidden in part under the black phrase
])
def test_patchy_thin_ring_with_a_star_is_found_beside_the_documents_own_seal(index, seed, feature):
    found = _seals(index, seed, feature)
    assert len(found) == 2
    assert any(seal.star and seal.coverage < 0.72 for seal in found)


@pytest.mark.parametrize("index, seed, feature, seals", [
    (61, 21, "award-none", 1),  # a red title under a red rule, which a circle crosses at many angles
    (69, 21, "licence-noseal-stamp:red-sig:hand:red-sig@below", 1),  # a red phrase stamp and red signature
    (3, 9, "skill_certificate", 2),  # a photo on a red background (the two seals: the certificate's, the oval)
    (10, 21, "id_card-sigonly", 0),  # a photo on a red background: the face's outline is a narrow "oval"
])
def test_red_print_that_only_looks_like_a_ring_is_no_seal(index, seed, feature, seals):
    assert len(_seals(index, seed, feature)) == seals


def test_a_bare_thin_ring_is_a_seal_only_where_one_is_expected():
    """The ring of a starless seal whose arc text faded away: found as `loose` (the verdict takes
    it by the phrase only), never among the seals found anywhere on the page."""
    strict = _seals(32, 33, "crimson-nostar-faded-seal@phrase")
    loose = _seals(32, 33, "crimson-nostar-faded-seal@phrase", loose=True)
    assert len(strict) == 1  # the award's own seal
    assert sorted(seal.loose for seal in loose) == [False, True]


def test_a_ring_faded_to_a_pink_tint_is_a_seal_only_where_one_is_expected():
    """A brick-red double ring faded on tinted paper shows as a ring only in the faint seal ink,
    which is too wide to find seals by anywhere on the page: found by the second search only,
    as `loose`."""
    page = _page(50, 47, "double-ink:brick-faded-seal@beside-300dpi-tint")
    assert find_seals(page, loose=True) == []
    faint = find_faint_seals(page, [])
    assert [seal.loose for seal in faint] == [True]
    assert min(faint[0].axes) > 0.9 * max(faint[0].axes)  # round, as stamped
    assert find_faint_seals(page, faint) == []  # a seal already found is not found again

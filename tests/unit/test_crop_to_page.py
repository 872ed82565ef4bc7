"""crop_to_page: a phone photo of a page on a desk is cut out along the page's edges; scans
and photographs of people at work are left alone."""

from __future__ import annotations

import random

import pytest

from pipeline.ocr.prepare import crop_to_page
from tests.generator import degrade, identity, pages, texts
from tests.generator.photograph import photograph


def _expert(seed: int):
    rng = random.Random(seed)
    return identity.make_expert(rng, identity.make_unit(rng)), rng


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_photographed_page_is_cut_out_at_its_corners(seed):
    """GIVEN an ID card copy photographed at an angle on a desk (corners known)
    WHEN cropped THEN the result has the page's size as photographed, within a few percent."""
    expert, rng = _expert(seed)
    photo, corners = photograph(pages.id_card_page(expert, 150, rng), rng)
    flat = crop_to_page(photo)
    assert flat is not photo
    expected_width = max(corners[1][0] - corners[0][0], corners[2][0] - corners[3][0])
    expected_height = max(corners[3][1] - corners[0][1], corners[2][1] - corners[1][1])
    assert abs(flat.width - expected_width) / expected_width < 0.05
    assert abs(flat.height - expected_height) / expected_height < 0.05


def test_a_full_page_scan_is_left_alone():
    expert, rng = _expert(4)
    scan = pages.skill_certificate_page(expert, 150, rng)
    assert crop_to_page(scan) is scan


def test_a_work_photo_is_left_alone():
    rng = random.Random(5)
    photo = pages.work_photo(rng)
    assert crop_to_page(photo) is photo



@pytest.mark.parametrize("seed", [18, 28, 36, 39])
def test_a_scan_under_uneven_light_is_left_alone(seed):
    """GIVEN a flatbed scan, slightly skewed, whose light fades from one side to the other (the
    bright part of the page then stands out like a sheet on a desk) WHEN cropped THEN nothing
    is cut off. (Seeds on which the crop once cut the page along the fading light.)"""
    rng = random.Random(seed)
    unit = identity.make_unit(rng)
    letter = texts.proof_letter(identity.make_expert(rng, unit), unit, rng)
    style = degrade.ScanStyle(skew=rng.uniform(-5, 5), lighting=rng.choice([0.2, 0.3]))
    scan = degrade.apply(pages.letter_page(letter, 150, rng, letterhead=None), style, rng)
    assert crop_to_page(scan) is scan

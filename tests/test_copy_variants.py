"""Tests of the second certified-copy generator (tests/generator/copy_variants.py)."""
from __future__ import annotations

import numpy as np
import pytest

from tests.generator.copy_variants import PATTERNS, variant_case, variant_cases

A4_MM = (210.0, 297.0)
BY_NAME = {pattern.name: pattern for pattern in PATTERNS}


@pytest.fixture(scope="module")
def cases():
    return variant_cases(3, seed=11)


def test_same_seed_same_pages(cases):
    again = variant_cases(3, seed=11)
    assert [c.name for c in again] == [c.name for c in cases]
    assert [c.truth for c in again] == [c.truth for c in cases]
    assert all(np.array_equal(np.asarray(a.image), np.asarray(b.image)) for a, b in zip(again, cases))


def test_other_seed_other_pages(cases):
    assert [c.name for c in variant_cases(2, seed=12)] != [c.name for c in cases[:2]]


def test_fewer_pages_are_the_first_ones(cases):
    assert [c.name for c in variant_cases(2, seed=11)] == [c.name for c in cases[:2]]


@pytest.mark.parametrize("pattern", PATTERNS, ids=lambda p: p.name)
def test_truth_follows_the_pattern(pattern):
    case = variant_case(0, pattern, seed=3)
    assert case.name.split("-")[2] == pattern.name
    assert case.truth.as_dict() == {"phrase": pattern.phrase, "seal": pattern.seal, "signature": pattern.signature}
    assert case.template is pattern.label
    assert ("seal@" in case.name) is pattern.seal
    assert ("sig@" in case.name or "sig:" in case.name) is pattern.signature


def test_pages_are_rgb_a4_scans(cases):
    for case in cases:
        assert case.image.mode == "RGB"
        assert case.dpi in (150, 200, 300)
        expected = [round(mm * case.dpi / 25.4) for mm in A4_MM]
        assert list(case.image.size) == pytest.approx(expected, rel=0.02)
        assert f"{case.dpi}dpi" in case.name


def test_hard_negatives_carry_red_print_and_no_marks():
    case = variant_case(0, BY_NAME["none"], seed=5)
    assert case.hard_negative and not any(case.truth.as_dict().values())
    rgb = np.asarray(case.image).astype(int)
    red = (rgb[..., 0] - np.maximum(rgb[..., 1], rgb[..., 2]) > 60).sum()
    assert red > 500 or case.grayscale


def test_mix_is_mostly_fully_certified():
    full = sum(p.weight for p in PATTERNS if p.phrase and p.seal and p.signature)
    assert 0.5 < full / sum(p.weight for p in PATTERNS) < 0.65

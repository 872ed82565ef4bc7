"""Shared helpers for the unit tests: the real rule files, ID numbers computed by the
GB 11643-1999 algorithm written out here independently of the product code."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from pipeline.fields.labels import LabelIndex
from pipeline.rules import Rules, load_rules

REPO = Path(__file__).resolve().parents[2]
RULES_DIR = REPO / "inbox_rules"


def gb11643_check(first17: str) -> str:
    """ISO 7064 MOD 11-2 as GB 11643 states it: weights 2^(17-i) mod 11, check = (12 - S mod 11) mod 11, 10 -> X."""
    total = sum(int(d) * (2 ** (17 - i) % 11) for i, d in enumerate(first17))
    value = (12 - total % 11) % 11
    return "X" if value == 10 else str(value)


def make_id(born: date, region: str = "500228", seq: str = "123") -> str:
    """A valid 18-character ID number (500228: 梁平 county code) for a birth date."""
    first17 = f"{region}{born:%Y%m%d}{seq}"
    return first17 + gb11643_check(first17)


def wrong_check(number: str) -> str:
    """The same number with a different (so wrong) last character."""
    good = number[17]
    bad = "0" if good != "0" else "1"
    return number[:17] + bad


@pytest.fixture(scope="session")
def rules() -> Rules:
    return load_rules(RULES_DIR)


@pytest.fixture(scope="session")
def labels(rules: Rules) -> LabelIndex:
    return LabelIndex(rules.fields)

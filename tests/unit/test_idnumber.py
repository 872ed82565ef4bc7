"""pipeline.idnumber: GB 11643-1999 check digit, birth date, gender, finding numbers in text."""

from __future__ import annotations

from datetime import date

import pytest

from pipeline import idnumber
from tests.unit.conftest import gb11643_check, make_id, wrong_check

PUBLIC_EXAMPLE = "11010519491231002X"  # the standard's published example


def test_check_digit_of_public_example_is_x():
    """GIVEN the first 17 digits of GB 11643's published example 11010519491231002X
    WHEN the check digit is computed
    THEN it is X."""
    assert idnumber.check_digit(PUBLIC_EXAMPLE[:17]) == "X"


@pytest.mark.parametrize(
    "born, seq",
    [(date(1975, 3, 9), "011"), (date(1988, 11, 30), "452"), (date(2000, 2, 29), "007"), (date(1963, 7, 1), "998")],
)
def test_check_digit_agrees_with_independent_computation(born, seq):
    """GIVEN 17 digits made of a region code, a birth date and a sequence
    WHEN the product computes the check digit
    THEN it equals the MOD 11-2 value computed independently in the test."""
    first17 = f"500228{born:%Y%m%d}{seq}"
    assert idnumber.check_digit(first17) == gb11643_check(first17)


def test_check_digit_covers_every_value():
    """GIVEN 17-digit prefixes chosen so their MOD 11-2 value runs through all 11 values
    WHEN check digits are computed
    THEN each equals the independent value, including X for 10."""
    seen = {}
    for seq in range(200):
        first17 = f"50022819800101{seq:03d}"
        seen[gb11643_check(first17)] = first17
    assert len(seen) == 11
    for expected, first17 in seen.items():
        assert idnumber.check_digit(first17) == expected


def test_public_example_is_valid_upper_and_lower_x():
    """GIVEN the public example with X and with lower-case x
    WHEN validated
    THEN both are valid."""
    assert idnumber.is_valid(PUBLIC_EXAMPLE)
    assert idnumber.is_valid(PUBLIC_EXAMPLE.lower())


@pytest.mark.parametrize(
    "number",
    [
        wrong_check(make_id(date(1980, 5, 17))),  # wrong check digit
        make_id(date(1980, 5, 17))[:17],  # 17 characters
        make_id(date(1980, 5, 17)) + "1",  # 19 characters
        "0" + make_id(date(1980, 5, 17))[1:],  # leading zero
        "5002281980051712X3",  # X not at the end
    ],
)
def test_malformed_or_wrong_check_is_invalid(number):
    """GIVEN a number with a wrong check digit, wrong length, a leading zero or a misplaced X
    WHEN validated
    THEN it is invalid."""
    assert not idnumber.is_valid(number)


def test_impossible_birth_date_is_invalid_even_with_right_check_digit():
    """GIVEN 19810230 (30 February) with the correct MOD 11-2 check digit
    WHEN validated
    THEN it is invalid, since the birth date does not exist."""
    first17 = "50022819810230123"
    assert not idnumber.is_valid(first17 + gb11643_check(first17))


def test_birth_date_and_gender():
    """GIVEN the public example (born 1949-12-31, sequence 002: even -> female)
    WHEN birth date and gender are read
    THEN they are 1949-12-31 and 女; a number with odd 17th digit reads 男."""
    assert idnumber.birth_date(PUBLIC_EXAMPLE) == date(1949, 12, 31)
    assert idnumber.gender(PUBLIC_EXAMPLE) == "女"
    assert idnumber.gender(make_id(date(1980, 1, 1), seq="131")) == "男"


def test_birth_date_of_impossible_date_is_none():
    """GIVEN a number whose date digits are 1981-13-01
    WHEN the birth date is read
    THEN None."""
    assert idnumber.birth_date("500228198113011234") is None


def test_find_numbers_valid_first_and_uppercased():
    """GIVEN a text with an invalid 18-digit number first, then a valid one with lower-case x
    WHEN numbers are found
    THEN both are returned, upper-cased, the valid one first."""
    bad = wrong_check(make_id(date(1970, 6, 6)))
    text = f"编号 {bad} ；公民身份号码 {PUBLIC_EXAMPLE.lower()}"
    assert idnumber.find_numbers(text) == [PUBLIC_EXAMPLE, bad]


def test_find_numbers_joins_spaced_groups():
    """GIVEN an ID number printed in groups separated by spaces, as on ID cards
    WHEN numbers are found
    THEN the whole number is found."""
    assert idnumber.find_numbers("公民身份号码 110105 19491231 002X") == [PUBLIC_EXAMPLE]


def test_find_numbers_ignores_longer_digit_runs_and_dedupes():
    """GIVEN a 19-digit run (a bank account) and the same ID twice
    WHEN numbers are found
    THEN the long run is not an ID number and the ID appears once."""
    number = make_id(date(1985, 4, 3))
    text = f"账号6222021234567890123\n身份证号{number}，复核：{number}"
    assert idnumber.find_numbers(text) == [number]


def test_find_numbers_next_to_phone_number():
    """GIVEN an OCR line "13812345678 <ID>" (phone and ID number separated by a space)
    WHEN numbers are found
    THEN the ID number is found."""
    assert idnumber.find_numbers(f"13812345678 {PUBLIC_EXAMPLE}") == [PUBLIC_EXAMPLE]

"""The 18-digit resident ID number (GB 11643-1999): check digit and birth date."""

from __future__ import annotations

import re
from datetime import date

_WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
_CHECK = "10X98765432"
ID_PATTERN = re.compile(r"(?<![0-9])[1-9](?: ?[0-9]){16} ?[0-9Xx](?![0-9])")  # OCR may split it with a space


def check_digit(first17: str) -> str:
    return _CHECK[sum(int(d) * w for d, w in zip(first17, _WEIGHTS)) % 11]


def is_valid(number: str) -> bool:
    number = number.upper()
    if not re.fullmatch(r"[1-9][0-9]{16}[0-9X]", number):
        return False
    return birth_date(number) is not None and check_digit(number[:17]) == number[17]


def birth_date(number: str) -> date | None:
    try:
        return date(int(number[6:10]), int(number[10:12]), int(number[12:14]))
    except ValueError:
        return None


def gender(number: str) -> str:
    return "男" if int(number[16]) % 2 else "女"


def find_numbers(text: str) -> list[str]:
    """18-character ID numbers in a text, valid ones first."""
    found = [match.group(0).replace(" ", "").upper() for match in ID_PATTERN.finditer(text)]
    return sorted(dict.fromkeys(found), key=lambda n: not is_valid(n))

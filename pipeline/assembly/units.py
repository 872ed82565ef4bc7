"""Unit names normalised so that 重庆市梁平区XX有限公司, 梁平区XX公司 and ＸＸ公司 are one unit."""

from __future__ import annotations

import difflib
import re

from pipeline.textnorm import compact, is_chinese

_REGION = ("重庆市梁平区", "重庆梁平区", "重庆市梁平县", "重庆市梁平", "重庆梁平", "梁平区", "梁平县", "重庆市", "重庆", "梁平")
_LEGAL_FORMS = (("股份有限公司", "公司"), ("有限责任公司", "公司"), ("有限公司", "公司"))
_NOTES = re.compile(r"[(（](盖章|公章|签章|章)[)）]")
OCR_NAME_SIMILARITY = 0.8  # a unit name read by OCR may differ this much from the real one
STAMP_NAME_SIMILARITY = 0.5  # and one read from a seal's arc this much
_ORG_SUFFIX = re.compile(r"(公司|学校|学院|中心|厂|合作社|医院|研究所|协会|集团|站|局|委|社|店|馆|场)$")


def unit_key(name: str) -> str:
    key = _NOTES.sub("", compact(name)).strip("：:")
    for prefix in _REGION:
        if key.startswith(prefix) and len(key) > len(prefix) + 1:
            key = key[len(prefix):]
            break
    for long, short in _LEGAL_FORMS:
        if key.endswith(long):
            key = key[: -len(long)] + short
            break
    return key


_FORM_WORDS = re.compile(r"(股份有限公司|有限责任公司|有限公司|公司|集团)$")
_NAME_PARTS = re.compile(r"[-_—–+＋、,，.。\s()（）\[\]【】《》]+")
MIN_SHORT_NAME = 4  # characters a file name must share with the start of a unit's distinctive name
MIN_WHOLE_SHORT_NAME = 2  # ...or fewer, when the file name's part is that start alone (明达-工作照片.jpg)


def distinctive_name(name: str) -> str:
    """The part of a unit's name that tells it from others: without place names and legal form
    (重庆梁平明达电力安装工程有限公司 -> 明达电力安装工程)."""
    return _FORM_WORDS.sub("", unit_key(name))


def _shared_start(a: str, b: str) -> int:
    length = 0
    while length < min(len(a), len(b)) and a[length] == b[length]:
        length += 1
    return length


def names_unit_by_short_name(filename: str, name: str) -> str | None:
    """The part of a file name that names the unit by its short name (明达电力 in
    明达电力-工作照片.jpg, 梁平明达_申报表.docx), or None: a part of the name, place names
    taken off, that starts like the unit's distinctive name, for MIN_SHORT_NAME characters, or
    is its start alone."""
    core = distinctive_name(name)
    stem = filename.rsplit(".", 1)[0]
    for part in _NAME_PARTS.split(compact(stem)):
        if not part:
            continue
        token = unit_key(part)
        shared = _shared_start(token, core)
        if shared >= MIN_SHORT_NAME or (shared == len(token) >= MIN_WHOLE_SHORT_NAME):
            return token[:shared]
    return None


def looks_like_unit(name: str) -> bool:
    return bool(_ORG_SUFFIX.search(compact(name))) and len(compact(name)) >= 4


def stamp_name_read(text: str) -> bool:
    """Whether a stamp's text was read cleanly as a unit's name: Chinese characters only (a
    misread arc yields stray letters and digits), ending like a unit's name."""
    return bool(text) and all(is_chinese(char) for char in text) and looks_like_unit(text)


def seal_reads_as(text: str, unit: str, known_units: tuple[str, ...]) -> str | None:
    """The unit a seal's arc text names, when it reads cleanly and fully as a unit's name: of the
    applicant's `unit` and the units the intake knows, the one it is nearest to; the applicant's
    own when within `same_unit` (an arc reads worse than a line: leniently), another's only within
    an OCR misreading (`read_as`). None for a garbled or partial reading, or a name no known unit
    has: that proves nothing (most are the applicant's own seal, read badly)."""
    if not stamp_name_read(text):
        return None
    candidates = ([unit] if unit else []) + [other for other in known_units if unit_key(other) != unit_key(unit)]
    if not candidates:
        return None
    nearest = max(candidates, key=lambda name: _nearness(text, name))  # ties: the applicant's own
    if nearest == unit:
        return unit if same_unit(text, unit) else None
    return nearest if read_as(text, nearest) else None


def _nearness(read: str, unit: str) -> float:
    a, b = unit_key(read), unit_key(unit)
    return 1.0 if a in b or b in a else _similarity(a, b)


def same_unit(read: str, unit: str) -> bool:
    """Whether a name read by OCR from a stamp may be `unit`: one contains the other, or half
    its characters or more agree (an arc's text reads worse than a line's)."""
    a, b = unit_key(read), unit_key(unit)
    return a in b or b in a or _similarity(a, b) >= STAMP_NAME_SIMILARITY


def read_as(read: str, unit: str) -> bool:
    """Whether a name read by OCR is `unit`'s, to within a misread character or two."""
    a, b = unit_key(read), unit_key(unit)
    return a == b or _similarity(a, b) >= OCR_NAME_SIMILARITY


def _similarity(a: str, b: str) -> float:
    return difflib.SequenceMatcher(None, a, b).ratio()


class UnitRegistry:
    """The applicant units known so far, by key, with the best display name of each."""

    def __init__(self) -> None:
        self.names: dict[str, str] = {}
        self._rank: dict[str, int] = {}

    def add(self, name: str, rank: int, *, misread: bool = False) -> str:
        """Adds a unit; `rank` orders the sources of its display name (lower is better)."""
        key = self.resolve(name, misread=misread) or unit_key(name)
        if key not in self.names or rank < self._rank[key] or (
            rank == self._rank[key] and len(compact(name)) > len(self.names[key])
        ):
            self.names[key] = compact(name)
            self._rank[key] = rank
        return key

    def resolve(self, name: str | None, *, misread: bool = False) -> str | None:
        """The known unit a name refers to: the same key, or one key containing the other.
        A name read by OCR (`misread`) may also differ by a character or two."""
        if not name:
            return None
        key = unit_key(name)
        if key in self.names:
            return key
        if len(key) < 4:
            return None
        matches = [known for known in self.names if key in known or (len(known) >= 4 and known in key)]
        if len(matches) == 1:
            return matches[0]
        if misread and not matches:
            close = difflib.get_close_matches(key, list(self.names), n=2, cutoff=OCR_NAME_SIMILARITY)
            if len(close) == 1 or (len(close) == 2 and _similarity(key, close[0]) > _similarity(key, close[1])):
                return close[0]
        return None

    def named_by_filename(self, filename: str) -> dict[str, str]:
        """Known units a file's name names, by full or short name: key -> the words that name it."""
        named = {key: self.names[key] for key in self.mentioned_in(compact(filename))}
        for key, name in self.names.items():
            short = names_unit_by_short_name(filename, name)
            if short and key not in named:
                named[key] = short
        return named

    def mentioned_in(self, text: str) -> set[str]:
        """Known units whose name (full or normalised) occurs in a compacted text."""
        found = set()
        for key, name in self.names.items():
            stem = key[:-2] if key.endswith("公司") and len(key) > 5 else key
            if name in text or (len(stem) >= 4 and stem in text):
                found.add(key)
        return found

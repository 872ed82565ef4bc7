"""Unlabelled bytes (file names, raw 8-bit headers, text files) to text, by which reading is
plausible text for a Chinese office.

Each candidate codec that decodes the bytes strictly (UTF-8, GB18030, Windows-1252, Latin-1)
gives a reading; each reading is scored as the sum of a log-likelihood-like weight per
character (common hanzi and ASCII cheap; rare ideographs, stray letters of other scripts,
combining marks and controls dear), and the most plausible wins. So GBK 学位证 (D1A7 CEBB
D6A4), which is also valid UTF-8 (ѧλ֤), reads as 学位证, UTF-8 Chinese stays UTF-8, and a
Latin-1 Müller is not forced into GB18030. HZ-GB-2312 (7-bit, `~{...~}`) is taken when pure
ASCII bytes hold a well-formed HZ block, which ordinary names never do.

charset-normalizer, the maintained detector on PyPI, is made for longer texts: on file names
it reads GBK 学位证 as UTF-8 and 朱镕基 as Big5, so the choice is made here.
"""

from __future__ import annotations

import unicodedata
from functools import lru_cache

from pipeline.textnorm import is_chinese

# Candidate readings (codec, error handling), best first on a tie. UTF-8's strict validity is
# itself evidence; UTF-8 with U+FFFD for broken bytes is the reading of a text cut mid-character.
_CANDIDATES = (("utf-8-sig", "strict"), ("gb18030", "strict"), ("cp1252", "strict"), ("latin-1", "strict"), ("utf-8", "replace"))
_PRIOR = {"utf-8-sig": 3.0, "cp1252": -3.0, "latin-1": -3.0}  # Chinese offices get GBK far more than Latin-1
_SAMPLE_CHARS = 4000  # a reading is judged on its start: a text file's first pages tell
_HZ_OPEN = b"~{"

# Weights per character: roughly log-frequencies in the names and texts applicants send.
ASCII = -2.0
HANZI_COMMON = -8.0  # GB2312 level 1: the 3,755 most used characters
HANZI_LESS = -10.0  # GB2312 level 2
HANZI_RARE = -14.0  # other CJK unified ideographs (GBK, GB18030)
HANZI_EXTENDED = -18.0  # extension A, B…, compatibility ideographs
CJK_PUNCTUATION = -9.0  # 、。（）《》 and full-width forms
LATIN_LETTER = -9.0  # é, ü, ß: European names
LATIN_IN_WORD = 3.0  # … less dear inside a word: before a lower-case ASCII letter or after any (Müller)
HANZI_IN_LATIN_WORD = -6.0  # a hanzi between two ASCII letters (Gr鲞e for Größe) is not how names are written
GREEK_CYRILLIC = -9.0
MIXED_SCRIPTS = -10.0  # per script beyond the first: GBK read as UTF-8 mixes Cyrillic, Greek, Hebrew
OTHER_LETTER = -15.0
SYMBOL = -13.0
JUNK = -25.0  # controls, combining marks without a base, private use, unassigned, U+FFFD


@lru_cache(maxsize=65536)
def _weight(char: str) -> float:
    code = ord(char)
    if code < 0x80:
        return ASCII if char.isprintable() or char in "\t\r\n" else JUNK
    if is_chinese(char):
        try:
            lead = char.encode("gb2312")[0]
        except UnicodeEncodeError:
            return HANZI_RARE
        return HANZI_COMMON if lead <= 0xD7 else HANZI_LESS
    if 0x3400 <= code <= 0x4DBF or 0xF900 <= code <= 0xFAFF or code >= 0x20000:
        return HANZI_EXTENDED if unicodedata.category(char) == "Lo" else JUNK
    if 0x3000 <= code <= 0x303F or 0xFF01 <= code <= 0xFF5E or char in "·—…‘’“”":
        return CJK_PUNCTUATION
    category = unicodedata.category(char)
    if category[0] == "L":
        if 0xC0 <= code <= 0x17F:
            return LATIN_LETTER
        if 0x391 <= code <= 0x3C9 or 0x401 <= code <= 0x451:
            return GREEK_CYRILLIC
        return OTHER_LETTER
    if category[0] in "PSNZ" and category != "Zl":
        return SYMBOL
    return JUNK


# Non-ASCII scripts by the first code point of their block; everything from U+2E80 on counts as CJK.
_SCRIPT_STARTS = ((0x80, "latin"), (0x370, "greek"), (0x400, "cyrillic"), (0x530, "armenian"), (0x590, "hebrew"),
                  (0x600, "arabic"), (0x700, "other"), (0x2E80, "cjk"))


def _script(code: int) -> str:
    name = "ascii"
    for start, script in _SCRIPT_STARTS:
        if code >= start:
            name = script
    return name


def plausibility(text: str) -> float:
    """How plausible `text` is as what applicants write (higher is more plausible)."""
    sample = text[:_SAMPLE_CHARS]
    score = 0.0
    scripts = set()
    for index, char in enumerate(sample):
        weight = _weight(char)
        if weight == LATIN_LETTER and _inside_latin_word(sample, index):
            weight += LATIN_IN_WORD
        elif is_chinese(char) and _between_ascii_letters(sample, index):
            weight += HANZI_IN_LATIN_WORD
        if char.isalpha() and not char.isascii():
            scripts.add(_script(ord(char)))
        score += weight
    return score + MIXED_SCRIPTS * max(len(scripts) - 1, 0)


def _ascii_letter(char: str) -> bool:
    return char.isascii() and char.isalpha()


def _between_ascii_letters(text: str, index: int) -> bool:
    return 0 < index < len(text) - 1 and _ascii_letter(text[index - 1]) and _ascii_letter(text[index + 1])


def _inside_latin_word(text: str, index: int) -> bool:
    before = text[index - 1] if index else ""
    after = text[index + 1] if index + 1 < len(text) else ""
    return _ascii_letter(before) or (_ascii_letter(after) and after.islower())


def _hz(data: bytes) -> str | None:
    if _HZ_OPEN not in data:
        return None
    try:
        text = data.decode("hz")
    except UnicodeDecodeError:
        return None
    return text if any(is_chinese(char) for char in text) else None


def decode_bytes(data: bytes) -> str:
    """Unlabelled bytes as the most plausible text; undecodable bytes become U+FFFD."""
    if data.isascii():
        return _hz(data) or data.decode("ascii")
    readings = []
    for codec, errors in _CANDIDATES:
        try:
            text = data.decode(codec, errors)
        except UnicodeDecodeError:
            continue
        readings.append((plausibility(text) + _PRIOR.get(codec, 0.0), -len(readings), text))
    return max(readings)[2]

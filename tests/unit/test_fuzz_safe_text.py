"""Bounded property-based fuzzing of the output sanitiser: whatever text a sender makes, what
comes out is storable in every output, shows the same on a second pass, and a workbook cell
holding it re-opens as that text, never a formula."""

from __future__ import annotations

import json

import openpyxl
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

from pipeline.outputs.html_report import _env
from pipeline.outputs.safe_text import CUT_MARK, clean_text, clean_value, file_name_text
from pipeline.outputs.workbook import put

FUZZ = settings(max_examples=60, deadline=None, derandomize=True, database=None, suppress_health_check=list(HealthCheck))
WORKBOOK_FUZZ = settings(FUZZ, max_examples=12)

# every code point, surrogates included, with the dangerous ones drawn often
DANGEROUS = st.sampled_from(list("\x00\x07\x1b\x7f\x85\x9f\r\n\t=+-@\ufffe\uffff\ud800\udcc9\u202e\u2067") + ["\r\n"])
TEXT = st.lists(st.characters(codec=None) | DANGEROUS, max_size=60).map("".join)
BIDI = "\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"
_UNSTORABLE = set(map(chr, [*range(0x00, 0x09), *range(0x0B, 0x20), *range(0x7F, 0xA0), 0xFFFE, 0xFFFF])) | set(BIDI)


def _storable(text: str) -> bool:
    return not any(char in _UNSTORABLE or 0xD800 <= ord(char) <= 0xDFFF for char in text)


@FUZZ
@given(TEXT, st.integers(min_value=len(CUT_MARK) + 1, max_value=80))
def test_clean_text_is_storable_capped_and_stable(text, limit):
    cleaned = clean_text(text, limit)
    assert _storable(cleaned) and not ILLEGAL_CHARACTERS_RE.search(cleaned)
    cleaned.encode("utf-8")
    assert len(cleaned) <= limit
    assert clean_text(cleaned, limit) == cleaned


@FUZZ
@given(st.text(alphabet=st.characters(blacklist_categories=("Cc", "Cs"), blacklist_characters=BIDI + "\ufffe\uffff"), max_size=60))
def test_clean_text_leaves_ordinary_text_alone(text):
    assert clean_text(text) == text


@FUZZ
@given(st.recursive(TEXT | st.integers() | st.none(), lambda inner: st.lists(inner, max_size=3) | st.dictionaries(TEXT, inner, max_size=3), max_leaves=8))
def test_json_of_cleaned_values_is_valid_utf8(value):
    text = json.dumps(clean_value(value), ensure_ascii=False)
    assert json.loads(text.encode("utf-8").decode("utf-8")) == json.loads(text)


@FUZZ
@given(TEXT)
def test_a_report_never_carries_a_control_character(text):
    html = _env.from_string("<p>{{ value }}</p>").render(value=text)
    html.encode("utf-8")
    assert _storable(html.replace("\n", "").replace("\t", ""))


@FUZZ
@given(TEXT)
def test_a_file_name_is_one_storable_path_part(text):
    name = file_name_text(text)
    assert name and "/" not in name and "\\" not in name and _storable(name)
    name.encode("utf-8")


@WORKBOOK_FUZZ
@given(st.lists(TEXT, min_size=1, max_size=8))
def test_workbook_cells_reopen_as_the_cleaned_text_never_a_formula(tmp_path_factory, texts):
    path = tmp_path_factory.mktemp("fuzz") / "cells.xlsx"
    book = openpyxl.Workbook()
    for row, text in enumerate(texts, start=1):
        put(book.active, row, 1, text)
    book.save(path)
    sheet = openpyxl.load_workbook(path).active
    for row, text in enumerate(texts, start=1):
        cell = sheet.cell(row=row, column=1)
        assert cell.data_type != "f"
        assert (cell.value or "") == clean_text(text, 32_767)

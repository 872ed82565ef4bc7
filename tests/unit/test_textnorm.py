"""pipeline.textnorm: NFKC folding, compacting, counting characters as Word does without spaces."""

from __future__ import annotations

from pipeline.textnorm import compact, count_chars, fold


def test_fold_full_width_to_half_width():
    """GIVEN full-width letters, digits and a colon
    WHEN folded
    THEN they become their ASCII forms."""
    assert fold("ＡＢ１２３：") == "AB123:"


def test_compact_removes_all_white_space_including_ideographic_space():
    """GIVEN "申  报　表" with ASCII spaces, an ideographic space (U+3000), a tab and a newline
    WHEN compacted
    THEN "申报表" remains."""
    assert compact("申  报\u3000表\t\n") == "申报表"


def test_count_chars_counts_chinese_punctuation_and_digits_not_space():
    """GIVEN "我于 2003年参加工作，\n　至今。" (11 Chinese chars/punctuation + 4 digits, spaces and a newline)
    WHEN characters are counted
    THEN every non-white-space character counts: 15."""
    assert count_chars("我于 2003年参加工作，\n　至今。") == 15


def test_count_chars_empty_and_blank():
    """GIVEN an empty and an all-white-space text
    WHEN counted
    THEN both count 0."""
    assert count_chars("") == 0
    assert count_chars(" \n\t\u3000") == 0


def test_count_chars_1500_characters():
    """GIVEN 1500 Chinese characters broken into lines of 50 with paragraph indents
    WHEN counted
    THEN exactly 1500."""
    text = "\n".join("　　" + "字" * 50 for _ in range(30))
    assert count_chars(text) == 1500

"""The phrase matcher: Tesseract's confusions count, unrelated text does not."""

from pipeline.certify.fuzzy import phrase_end, phrase_score


def test_exact_and_longer_variant_match():
    assert phrase_score("此件与原件相符") == 1.0
    assert phrase_score("此复印件与原件相符。") == 1.0


def test_tesseract_confusions_still_match():
    assert phrase_score("此件写原件相符") >= 0.9
    assert phrase_score("此件与厌侍相符") >= 0.8


def test_unrelated_text_with_shared_characters_does_not_match():
    for text in ("特此证明。", "特发此证，以资鼓励", "经办人签字：", "原件已退回", "符合条件"):
        assert phrase_score(text) == 0.0, text


def test_the_phrase_ends_after_its_last_character_read_or_misread():
    assert phrase_end("此件与原件相符 周宏林") == 7
    assert phrase_end("此件与原件相待。") == 7  # 符 misread as 待 is still the phrase's
    assert phrase_end("此件与原件相符。经认能译勇") == 7
    assert phrase_end("此复印件与原件相符") == 9


def test_the_other_wordings_of_the_phrase_match():
    for text in ("与原件核对无误", "经核对与原件一致", "复印件与原件一致", "与原件核对", "此复印件与原件核对无误"):
        assert phrase_score(text) >= 0.7, text


def test_the_other_wordings_parts_alone_do_not_match():
    for text in ("复印件无效", "核对人：", "经核对", "与原件", "此复印件仅供申报使用"):
        assert phrase_score(text) < 0.5, text


def test_other_stamps_about_a_copy_do_not_match_however_often_they_repeat():
    """复印件无效 tiled as an anti-copy pattern, a 仅限…使用 stamp read on with the text after it:
    they say nothing of agreeing with the original."""
    for text in ("复印件无效复印件无效", "复印件无效复印件无效复印件无效",
                 "复印件仅限本次申报使用摘要：通过改进工装夹具，提高了加工精度和生产效率。"):
        assert phrase_score(text) == 0.0, text

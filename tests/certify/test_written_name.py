"""written_name: the handler's name the OCR read as text counts as a signature after a signer's
label, or by itself below or right after the phrase, never as the value of another printed label."""

from __future__ import annotations

import pytest

from pipeline.certify.written_name import (
    lone_name,
    looks_like_name,
    name_after_phrase,
    phrase_head,
    signer_labels,
    written_name,
)
from pipeline.models import TextBox

WINDOW = (0, 100, 1000, 400)


def _box(text: str, x0: int, y0: int, x1: int, y1: int) -> TextBox:
    return TextBox(text, (x0, y0, x1, y1), 0.95)


def test_names_are_told_from_words():
    assert looks_like_name("郑林林") and looks_like_name("王伟") and looks_like_name("欧阳明月")
    assert not looks_like_name("公章") and not looks_like_name("签字：")
    assert not looks_like_name("张") and not looks_like_name("李2019") and not looks_like_name("此件与原件相符")
    assert not looks_like_name("单位盖章：") and not looks_like_name("单位盖章:")  # 单 is a surname too


def test_name_after_a_signer_label_in_one_box():
    assert written_name([_box("经办人：郑林林", 100, 200, 400, 240)], WINDOW) == (100, 200, 400, 240)


def test_name_after_a_form_label_that_asks_for_a_signature():
    """经办人（签字）：陈世斌, a printed label filled in, read as one box."""
    assert written_name([_box("经办人（签字）：陈世斌", 100, 200, 400, 240)], WINDOW) == (100, 200, 400, 240)
    assert written_name([_box("经办人(签名):陈世斌", 100, 200, 400, 240)], WINDOW, labelled=True) == (100, 200, 400, 240)


def test_name_right_of_a_label_read_in_two_boxes():
    """经办人（签字）： read as 经办 | (签字), then the name with its surname misread (波车 for 熊波军)."""
    boxes = [_box("经办", 100, 200, 190, 250), _box("(签字)", 230, 195, 370, 252), _box("波车", 450, 180, 580, 240)]
    assert written_name(boxes, WINDOW) == (450, 180, 580, 240)


def test_name_right_of_a_signer_label():
    boxes = [_box("经办人：", 100, 200, 220, 240), _box("郑林林", 260, 195, 380, 245)]
    assert written_name(boxes, WINDOW) == (260, 195, 380, 245)


def test_misread_name_in_its_own_box_right_of_a_signer_label():
    """经办人： 纽成建: the surname (汪) misread; after the label's own box any two to four characters count."""
    boxes = [_box("经办人：", 100, 200, 220, 240), _box("纽成建", 230, 195, 360, 250)]
    assert written_name(boxes, WINDOW) == (230, 195, 360, 250)
    assert written_name(boxes, WINDOW, labelled=True) == (230, 195, 360, 250)


def test_name_right_of_the_phrase_on_its_line():
    """此件与原件相符 周宏林, read as two boxes: a name after the phrase is its signature, but
    not where no phrase was found to look by (labelled)."""
    boxes = [_box("此件与原件相符", 100, 150, 340, 220), _box("周宏林", 400, 160, 540, 220)]
    assert written_name(boxes, WINDOW) == (400, 160, 540, 220)
    assert written_name(boxes, WINDOW, labelled=True) is None


def test_name_alone_below_the_phrase():
    assert written_name([_box("王建国", 300, 200, 420, 245)], WINDOW) == (300, 200, 420, 245)


def test_blank_signer_label_is_no_signature():
    boxes = [_box("经办人签字：", 100, 200, 300, 240), _box("盖章：", 500, 200, 580, 240)]
    assert written_name(boxes, WINDOW) is None
    boxes = [_box("经办人（签字）：", 100, 200, 300, 240), _box("单位盖章:", 320, 200, 440, 240)]
    assert written_name(boxes, WINDOW) is None


def test_a_seals_bottom_line_after_a_blank_signer_label_is_no_signature():
    """经办人. left blank, and right of it the 公章 of a seal stamped across the stamp's edge."""
    boxes = [_box("经办人.", 100, 200, 280, 260), _box("公章", 300, 200, 400, 265)]
    assert written_name(boxes, WINDOW) is None


def test_value_of_another_label_is_no_signature():
    boxes = [_box("姓名", 100, 200, 160, 240), _box("王建国", 200, 200, 320, 240)]
    assert written_name(boxes, WINDOW) is None


def test_name_outside_the_window_is_not_looked_at():
    assert written_name([_box("王建国", 300, 600, 420, 645)], WINDOW) is None


def test_labels_alone_are_told_from_signatures():
    boxes = [_box("经办人：", 0, 0, 10, 10), _box("经办人（签字）", 0, 20, 10, 30), _box("盖章：", 0, 40, 10, 50),
             _box("经办人：郑林林", 0, 60, 10, 70), _box("郑林林", 0, 80, 10, 90), _box("2023.8.25", 0, 100, 10, 110)]
    assert signer_labels(boxes) == [(0, 0, 10, 10), (0, 20, 10, 30), (0, 40, 10, 50)]


def test_a_misread_name_after_a_misread_label_still_counts():
    """经功人沉雨: 办 and the surname 沈 misread; after a signer's label any two to four characters count."""
    assert written_name([_box("经功人沉雨", 100, 200, 400, 240)], WINDOW) == (100, 200, 400, 240)


@pytest.mark.parametrize("text", ["终办人：兰晓", "经人赵国红", "办人：魏峰伟", "经力从人李成浩", "帅人：叶超", "经办人：孙"])
def test_the_label_read_with_经_misread_or_a_character_dropped_still_counts(text):
    assert written_name([_box(text, 100, 200, 400, 240)], WINDOW, labelled=True) == (100, 200, 400, 240)
    assert name_after_phrase(_box("此件与原件相符。" + text, 0, 0, 1500, 50)) is not None  # run on after the phrase


@pytest.mark.parametrize("text", ["经办人签字：兰琴琴", "经办人（签字）：兰琴琴", "经办人：兰琴琴"])
def test_a_name_after_a_printed_label_with_or_without_brackets_counts(text):
    assert written_name([_box(text, 100, 200, 400, 240)], WINDOW, labelled=True) == (100, 200, 400, 240)


def test_经人社局_is_no_clipped_label():
    """经人社局审核 (approved by the human resources bureau) reads like 经办人 with 办 lost."""
    assert written_name([_box("经人社局审核", 100, 200, 400, 240)], WINDOW, labelled=True) is None


@pytest.mark.parametrize("text", ["经办人：公", "经办人：一", "联系人：张伟", "本人承诺"])
def test_no_name_after_a_label_or_a_longer_one(text):
    """One character after 经办人 counts only as a surname (the seal's 公章 is none); a longer
    label ending in 人 (联系人) is some other printed field."""
    assert written_name([_box(text, 100, 200, 400, 240)], WINDOW, labelled=True) is None


def test_name_run_on_from_the_phrase_is_cut_out_of_its_box():
    phrase = _box("此件与原件相符杨有峰", 0, 0, 1000, 50)
    assert name_after_phrase(phrase) == (700, 0, 1000, 50)
    assert name_after_phrase(_box("此件与原件相符。经办人：杨有峰", 0, 0, 1500, 50)) is not None
    assert name_after_phrase(_box("此件与原件相符。", 0, 0, 800, 50)) is None
    assert name_after_phrase(_box("此件与原件相符经办人签字：", 0, 0, 1300, 50)) is None
    assert name_after_phrase(_box("七件与原件’d符。廖思", 0, 0, 1000, 50)) is not None  # a strip read roughly


MM = 8.0  # pixels per millimetre of the boxes below (200 dpi)


def test_a_name_alone_on_a_blank_part_of_the_page_is_a_signature():
    """陈海, written far below a letter's last line: signed without the phrase."""
    letter = [_box("兹证明肖波华同志于2016年至今在我单位担任兼职指导", 290, 350, 1440, 410),
              _box("2023年6月22日", 1100, 700, 1370, 750), _box("陈海", 1245, 2180, 1380, 2270)]
    assert lone_name(letter, MM) == (1245, 2180, 1380, 2270)


def test_a_name_signed_alone_with_the_date_below_it_is_a_signature():
    """胡婷 with 2023年5月27日 written just below: a date does not make the name part of the print."""
    licence = [_box("重庆市梁平区双桂街道梁山路60号", 447, 1071, 892, 1111),
               _box("胡婷", 667, 1835, 902, 1941), _box("2023年5月27日", 677, 1949, 1074, 2053)]
    assert lone_name(licence, MM) == (667, 1835, 902, 1941)
    dated = [_box("胡婷", 667, 1835, 902, 1941), _box("2023.05.27", 677, 1949, 1074, 2053)]
    assert lone_name(dated, MM) == (667, 1835, 902, 1941)


def test_a_printed_name_among_other_text_is_no_signature():
    """姓名 冯建杰 on a certificate: the name has its label beside it; a name under a letter's
    signing unit has the unit just above it."""
    certificate = [_box("姓名", 130, 440, 230, 480), _box("冯建杰", 280, 445, 360, 478),
                   _box("性别", 130, 495, 230, 533)]
    assert lone_name(certificate, MM) is None
    letter = [_box("特此证明。", 210, 490, 400, 545), _box("重庆市梁平区职业教育中心", 900, 620, 1370, 680),
              _box("王建国", 1100, 700, 1250, 750)]
    assert lone_name(letter, MM) is None
    assert lone_name([_box("陈海", 1245, 2180, 1380, 2270)], MM) is not None
    assert lone_name([_box("公章", 1245, 2180, 1380, 2270)], MM) is None


def test_a_name_signed_across_a_seal_stands_alone_by_its_公章():
    """韩婷玲 written across a seal whose bottom line 公章 the OCR read just below it: the seal's
    own words are not text around the name."""
    boxes = [_box("重庆万利茶业有限公司", 653, 1063, 1103, 1121), _box("韩婷玲", 1302, 2991, 1570, 3111),
             _box("公章", 1177, 3138, 1317, 3237)]
    assert lone_name(boxes, 11.8) == (1302, 2991, 1570, 3111)


@pytest.mark.parametrize("title", ["荣誉证书", "毕业证", "申请书", "任命书"])
def test_a_title_alone_at_the_top_is_no_signature(title):
    """A certificate's title stands alone and may begin with a surname (荣, 毕, 申, 任)."""
    assert lone_name([_box(title, 526, 293, 828, 384), _box("特发此证，以资鼓励。", 330, 587, 670, 633)], MM) is None


def test_a_seals_arc_text_read_down_its_side_is_no_signature():
    """关市, read standing on the left of a seal's ring: a name is written across, not down."""
    assert lone_name([_box("关市", 714, 832, 772, 928), _box("获奖证书", 504, 277, 810, 375)], MM) is None


def test_the_phrases_own_part_of_a_box_ends_where_the_phrase_does():
    """此件与原件相符。经认能译勇 (经办人：熊泽勇 misread, no name by its text): the phrase's own
    part is its first 8 of 13 characters; a box holding the phrase alone, or with a date after
    it, is the phrase's whole."""
    assert phrase_head(_box("此件与原件相符。经认能译勇", 0, 0, 1300, 50)) == (0, 0, 800, 50)
    assert phrase_head(_box("此件与原件相符", 0, 0, 700, 50)) == (0, 0, 700, 50)
    assert phrase_head(_box("此件与原件相待。", 0, 0, 800, 50)) == (0, 0, 800, 50)  # 符 misread: still the phrase
    assert phrase_head(_box("此件与原件相符 2023.5.14", 0, 0, 1700, 50)) == (0, 0, 1700, 50)


def test_name_after_the_other_signers_labels():
    for label in ("核对人：", "复印人：", "审核人", "经手人："):
        box = _box(label + "于峰永", 100, 200, 400, 240)
        assert written_name([box], WINDOW, labelled=True) == (100, 200, 400, 240), label
        assert written_name([_box(label, 100, 200, 400, 240)], WINDOW, labelled=True) is None, label


def test_a_scrawl_read_as_letters_after_a_signers_label_is_a_signature():
    assert written_name([_box("核对人：na", 100, 200, 400, 240)], WINDOW, labelled=True) == (100, 200, 400, 240)
    boxes = [_box("经办人：", 100, 200, 200, 240), _box("Wb", 210, 195, 330, 245)]
    assert written_name(boxes, WINDOW, labelled=True) == (210, 195, 330, 245)
    assert written_name([_box("经办人：__", 100, 200, 400, 240)], WINDOW, labelled=True) is None

"""pipeline.classify with the real inbox_rules/materials.toml."""

from __future__ import annotations

import pytest

from pipeline.classify import classify, is_narrative
from tests.unit import texts


@pytest.mark.parametrize(
    "text, expected",
    [
        (texts.FORM_PAGE, ("forms", "application_form")),
        (texts.SUMMARY_PAGE, ("forms", "summary_sheet")),
        (texts.deeds_page(True) + texts.deeds_page(False), ("deeds", None)),
        ("\n".join(texts.REPORT_PAGES), ("report", None)),
        (texts.ID_CARD_PAGE, ("credentials", "id_card")),
        (texts.SKILL_CERT_PAGE, ("credentials", "skill_certificate")),
        (texts.DIPLOMA_PAGE, ("credentials", "diploma")),
        (texts.AWARD_PAGE, ("evidence", "award")),
    ],
    ids=["form", "summary", "deeds", "report", "id_card", "skill_cert", "diploma", "award"],
)
def test_each_material_is_recognised_by_its_content(rules, text, expected):
    """GIVEN the text of one material as the notice describes it, in a file with a neutral name
    WHEN classified
    THEN it gets that material's type and subtype with a confidence above the unknown threshold."""
    result = classify(rules, text, "扫描件001.pdf", "pdf")
    assert (result.type, result.subtype) == expected
    assert result.confidence >= 0.35


def test_spaced_out_and_full_width_heading_still_matches(rules):
    """GIVEN a form whose headings are spaced ("申  报  表") and written with full-width colons
    WHEN classified
    THEN it is the application form."""
    text = "梁 平 区 技 能 大 师 工 作 室\n申  报  表\n专 家 姓 名：\n所 在 单 位 意 见：\n主 管 部 门 意 见："
    result = classify(rules, text, "1.pdf", "pdf")
    assert (result.type, result.subtype) == ("forms", "application_form")


def test_file_name_alone_does_not_classify(rules):
    """GIVEN a text that names no material, in a file called 事迹材料.docx
    WHEN classified
    THEN it is unknown: content decides, the file name is only a hint."""
    result = classify(rules, "请查收附件，谢谢。", "事迹材料.docx", "docx")
    assert result.type == "unknown"
    assert result.subtype is None


def test_file_name_supports_what_the_content_says(rules):
    """GIVEN a short narrative that reads weakly as deeds
    WHEN classified once as 扫描.pdf and once as 张建国事迹.pdf
    THEN both are deeds and the telling file name gives higher confidence."""
    text = "张建国同志参加工作以来，带徒十余人。"
    plain = classify(rules, text, "扫描.pdf", "pdf")
    named = classify(rules, text, "张建国事迹.pdf", "pdf")
    assert plain.type == named.type == "deeds"
    assert named.confidence > plain.confidence


def test_unrelated_text_is_unknown(rules):
    """GIVEN a meeting notice that is none of the five materials
    WHEN classified
    THEN unknown with confidence 0."""
    result = classify(rules, "关于召开安全生产会议的通知：请于周五上午九点到三楼会议室参会。", "通知.pdf", "pdf")
    assert result.type == "unknown"
    assert result.confidence == 0


def test_certified_copy_phrase_does_not_make_an_id_card_a_form(rules):
    """GIVEN an ID card copy carrying 此件与原件相符 and 经办人 (it also says 姓名, 出生)
    WHEN classified
    THEN it is the ID card, not the application form."""
    result = classify(rules, texts.ID_CARD_PAGE, "身份证.jpg", "image")
    assert (result.type, result.subtype) == ("credentials", "id_card")


def test_photo_without_text_is_work_photo(rules):
    """GIVEN an image that looks like a photograph with no text
    WHEN classified as an image with photo=True
    THEN it is the work photo."""
    result = classify(rules, "", "IMG_2031.jpg", "image", photo=True)
    assert (result.type, result.subtype) == ("credentials", "work_photo")


def test_photo_flag_needed_for_work_photo(rules):
    """GIVEN an image with no text that does NOT look like a photograph
    WHEN classified
    THEN it is unknown."""
    assert classify(rules, "", "IMG_2031.jpg", "image", photo=False).type == "unknown"


def test_photo_in_a_spreadsheet_is_not_a_work_photo(rules):
    """GIVEN an xlsx file (kind not allowed for work photos) with photo=True and no text
    WHEN classified
    THEN it is not a work photo."""
    assert classify(rules, "", "照片.xlsx", "xlsx", photo=True).subtype != "work_photo"


def test_photo_with_much_text_is_not_a_work_photo(rules):
    """GIVEN a photographed page holding more than 60 characters of running text (a deeds page)
    WHEN classified with photo=True
    THEN it is not a work photo."""
    result = classify(rules, texts.deeds_page(True), "IMG_1.jpg", "image", photo=True)
    assert result.subtype != "work_photo"
    assert result.type == "deeds"


def test_unknown_below_threshold(rules):
    """GIVEN a clear deeds text
    WHEN classified with unknown_below=0.999
    THEN unknown, though the fired rules are still reported."""
    result = classify(rules, texts.deeds_page(True), "a.pdf", "pdf", unknown_below=0.999)
    assert result.type == "unknown"
    assert result.rules and result.rules[0].startswith("deeds")


def test_scanned_summary_sheet_known_by_its_footer(rules):
    """GIVEN a scanned summary sheet whose title and header OCR lost (seals, blur): only
    附件 2, garbled marks, the unit and the sheet's footer line 联系人 … 联系电话 … 填报时间 were read
    WHEN classified
    THEN it is the summary sheet."""
    text = ("附件 2\n疙  贡  济亿电  1  司\n重庆市梁平区双桂机械厂  |  ae\n"
            "联系人 : 李小红  联系电话 : 023-53221234  填报时间 : 2023 年 8 月 25 日")
    result = classify(rules, text, "扫描件001.pdf", "pdf")
    assert (result.type, result.subtype) == ("forms", "summary_sheet")


def test_summary_header_cell_on_two_lines(rules):
    """GIVEN a scanned summary sheet whose 单位职工总人数 header cell reads on two lines
    (单位职工 / 总人数) and whose title was not read
    WHEN classified
    THEN it is the summary sheet."""
    text = "序号  单位职工  高技能人才  专家姓名  性别  年龄\n总人数  人数\n1  重庆市梁平区双桂机械厂  320  45  张建国  男  48"
    result = classify(rules, text, "扫描件001.pdf", "pdf")
    assert (result.type, result.subtype) == ("forms", "summary_sheet")


@pytest.mark.parametrize("first_person", [False, True], ids=["third-person", "first-person"])
def test_a_narrative_naming_awards_is_deeds(rules, first_person):
    """GIVEN a 1,200-字 narrative in paragraphs naming awards on every line (荣获, 二等奖, 称号, 表彰),
    never saying 事迹, in a Word file named 新建 Microsoft Word 文档.docx
    WHEN classified
    THEN it is deeds by its form (a long text in sentences), not an award."""
    text = texts.award_naming_narrative(first_person)
    assert len(text) > 1000
    result = classify(rules, text, "新建 Microsoft Word 文档.docx", "docx")
    assert (result.type, result.subtype) == ("deeds", None)


def test_an_award_certificate_is_still_an_award(rules):
    """GIVEN an award certificate's short text (it names the award; no narrative)
    WHEN classified
    THEN an award."""
    assert not is_narrative(texts.AWARD_PAGE)
    result = classify(rules, texts.AWARD_PAGE, "扫描件.pdf", "pdf")
    assert (result.type, result.subtype) == ("evidence", "award")


@pytest.mark.parametrize("text, expected", [
    (texts.award_naming_narrative(False), True),
    (texts.FORM_PAGE, False),
    (texts.SUMMARY_PAGE, False),
    ("\n".join(["荣誉证书"] * 300), False),
])
def test_is_narrative_by_form(text, expected):
    assert is_narrative(text) is expected

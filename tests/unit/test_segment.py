"""pipeline.segment.page_runs: splitting a scanned bundle into its materials, page by page."""

from __future__ import annotations

import pytest

from pipeline.models import Extraction, PageContent
from pipeline.segment import page_runs
from tests.unit import texts

AWARD_MENTION = "他在2021年梁平区职业技能大赛中荣获一等奖，被授予梁平区技术能手称号，荣誉证书由区人力社保局颁发。"
DEEDS_3_PAGES = [texts.deeds_page(True), texts.deeds_page(False), texts.deeds_page(False, 8) + AWARD_MENTION]


def _runs(rules, page_texts, photos=(), kind="pdf"):
    pages = [PageContent(number=i + 1, text=t, ocr=True, has_photo=(i + 1) in photos) for i, t in enumerate(page_texts)]
    return page_runs(Extraction(kind=kind, pages=pages), rules)


def _bundle_head():
    # 1 form | 2-4 deeds | 5-6 report | 7 ID card | 8 skill certificate | 9 diploma
    return [texts.FORM_PAGE, *DEEDS_3_PAGES, *texts.REPORT_PAGES, texts.ID_CARD_PAGE, texts.SKILL_CERT_PAGE, texts.DIPLOMA_PAGE]


def test_bundle_splits_at_each_material(rules):
    """GIVEN a scanned bundle: form (p1), deeds (p2-4, the last page mentioning an award),
    report (p5-6), ID card (p7), skill certificate (p8), diploma (p9), work photo with a caption (p10), award (p11)
    WHEN split into page runs
    THEN one run per material, at exactly those pages."""
    pages = _bundle_head() + ["工作照片：张建国在车间指导徒弟", texts.AWARD_PAGE]
    assert _runs(rules, pages, photos={10}) == [(1, 1), (2, 4), (5, 6), (7, 7), (8, 8), (9, 9), (10, 10), (11, 11)]


def test_bundle_without_photo(rules):
    """GIVEN the bundle without a photo page: form, deeds ×3, report ×2, ID, certificate, diploma, award
    WHEN split
    THEN runs (1,1) (2,4) (5,6) (7,7) (8,8) (9,9) (10,10)."""
    pages = _bundle_head() + [texts.AWARD_PAGE]
    assert _runs(rules, pages) == [(1, 1), (2, 4), (5, 6), (7, 7), (8, 8), (9, 9), (10, 10)]


def test_bundle_photo_page_without_caption_is_its_own_run(rules):
    """GIVEN the bundle with a work photo page that carries no text at all (p10, looks like a photograph)
    WHEN split
    THEN the photo is its own run (10,10), not part of the diploma (9,9)."""
    pages = _bundle_head() + ["", texts.AWARD_PAGE]
    assert _runs(rules, pages, photos={10}) == [(1, 1), (2, 4), (5, 6), (7, 7), (8, 8), (9, 9), (10, 10), (11, 11)]


def test_summary_sheet_read_poorly_after_the_form_is_its_own_run(rules):
    """GIVEN a bundle: form (p1), the form's second page with the opinion boxes (p2), a summary
    sheet of which OCR read only 附件 2 and the footer line (p3), deeds (p4-6)
    WHEN split
    THEN runs (1,2) (3,3) (4,6): the sheet is not added to the form."""
    summary = "附件 2\n疙  贡  济亿电  1  司\n联系人 : 李小红  联系电话 : 023-53221234  填报时间 : 2023 年 8 月 25 日"
    opinions = "主管部门意见\n(签字盖章)\n年  月  日\n区人力社保局意见\n(签字盖章)\n年  月  日"
    assert _runs(rules, [texts.FORM_PAGE, opinions, summary, *DEEDS_3_PAGES]) == [(1, 2), (3, 3), (4, 6)]


def test_short_report_page_about_the_units_staff_stays_in_the_report(rules):
    """GIVEN a report whose short last page speaks of the unit's staff (本单位职工) and carries the
    date and the unit's name, as a report ends
    WHEN split
    THEN one run: prose about 单位职工 does not make a summary sheet."""
    ending = "每年安排专项经费，组织本单位职工参加技能培训和岗位练兵。\n重庆市梁平区双桂机械厂\n2023年8月20日"
    assert _runs(rules, [*texts.REPORT_PAGES, ending]) == [(1, len(texts.REPORT_PAGES) + 1)]


def test_deeds_mentioning_award_stay_one_run(rules):
    """GIVEN a 3-page deeds whose last (short) page mentions 荣获一等奖, 授予…称号 and 荣誉证书
    WHEN split
    THEN one run (1,3)."""
    assert _runs(rules, DEEDS_3_PAGES) == [(1, 3)]


def test_blank_page_inside_a_material_stays_in_it(rules):
    """GIVEN deeds page, an empty scanned page, deeds page
    WHEN split
    THEN one run (1,3)."""
    assert _runs(rules, [texts.deeds_page(True), "", texts.deeds_page(False)]) == [(1, 3)]


def test_single_material_pdf_is_one_run(rules):
    """GIVEN a 3-page report PDF
    WHEN split
    THEN one run (1,3)."""
    assert _runs(rules, [*texts.REPORT_PAGES, texts.REPORT_PAGES[1]]) == [(1, 3)]


def test_two_sided_id_card_is_one_run(rules):
    """GIVEN an ID card copy over two pages (front and back both reading as ID card)
    WHEN split
    THEN one run."""
    assert _runs(rules, [texts.ID_CARD_PAGE, texts.ID_CARD_PAGE]) == [(1, 2)]


def _word_file(body: str, pictures: list[str]) -> Extraction:
    """As the DOCX reader gives it: page 1 the body text, then one OCR'd page per picture."""
    pages = [PageContent(number=1, text=body, ocr=False)]
    pages += [PageContent(number=i + 2, text=t, ocr=True) for i, t in enumerate(pictures)]
    return Extraction(kind="docx", pages=pages)


def test_word_file_with_one_pasted_picture_is_one_run(rules):
    """GIVEN a docx of deeds text with one picture pasted in
    WHEN split
    THEN one run: the picture belongs to the text."""
    assert page_runs(_word_file("\n".join(DEEDS_3_PAGES), [texts.AWARD_PAGE]), rules) == [(1, 2)]


def test_word_file_of_pasted_credentials_is_split_at_its_pictures(rules):
    """GIVEN a docx whose body is a caption and whose pictures are an ID card and a diploma copy
    WHEN split
    THEN the caption goes with the first picture, and each picture is its own run."""
    extraction = _word_file("张建国证件材料", [texts.ID_CARD_PAGE, texts.DIPLOMA_PAGE])
    assert page_runs(extraction, rules) == [(1, 2), (3, 3)]


def test_single_page_and_no_pages(rules):
    """GIVEN a one-page PDF, and an extraction with no pages
    WHEN split
    THEN [(1,1)] and []."""
    assert _runs(rules, [texts.ID_CARD_PAGE]) == [(1, 1)]
    assert page_runs(Extraction(kind="pdf", pages=[]), rules) == []


def test_page_numbers_are_taken_from_pages(rules):
    """GIVEN pages numbered from 3 (a bundle continued from an earlier file), deeds then diploma
    WHEN split
    THEN runs use those numbers: (3,4) and (5,5)."""
    pages = [PageContent(3, texts.deeds_page(True)), PageContent(4, texts.deeds_page(False)), PageContent(5, texts.DIPLOMA_PAGE)]
    assert page_runs(Extraction(kind="pdf", pages=pages), rules) == [(3, 4), (5, 5)]

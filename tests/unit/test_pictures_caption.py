"""pipeline.processing: a Word file of photographs under a caption is judged by its pictures
and caption, not by what the OCR reads in the photographs."""

from __future__ import annotations

from pathlib import Path

from pipeline.config import OcrSettings, ProcessingSettings
from pipeline.models import Extraction, PageContent
from pipeline.processing import Job, WorkerSettings, analyse, pictures_caption
from tests.unit import texts

CAPTION = "图为张建国同志在数控车间为青年职工讲解加工工艺要点"
SCENERY = "安全生产人人有责 质量第一用户至上 重庆市梁平区恒达机械有限公司 数控车床CK6140 严禁违章操作 佩戴安全帽 车间定置管理 当心机械伤人"


def _analyse(pages, filename, tmp_path, rules):
    settings = WorkerSettings(OcrSettings(), ProcessingSettings(), rules, tmp_path)
    return analyse(Extraction("docx", pages), Job("ab" * 32, Path(filename), filename), settings)


def _photo(number, text=SCENERY):
    return PageContent(number, text, ocr=True, confidence=0.9, has_photo=True)


def test_photographs_under_a_caption_are_work_photos(rules, tmp_path):
    """GIVEN 工作照片.docx: a caption naming no material, and one photograph in which the OCR read
    signs and a machine's plate (more text than a photo's limit)
    WHEN analysed
    THEN it is a work photo, judged by its picture and caption."""
    (result,) = _analyse([PageContent(1, CAPTION), _photo(2)], "工作照片.docx", tmp_path, rules)
    assert (result.classification.type, result.classification.subtype) == ("credentials", "work_photo")


def test_several_photographs_each_a_work_photo(rules, tmp_path):
    """GIVEN a Word file with a caption and three photographs full of scenery text
    WHEN analysed
    THEN every part is a work photo; none is unknown."""
    results = _analyse([PageContent(1, CAPTION), _photo(2), _photo(3), _photo(4)], "新建文档.docx", tmp_path, rules)
    assert {(r.classification.type, r.classification.subtype) for r in results} == {("credentials", "work_photo")}


def test_an_id_card_pasted_in_stays_an_id_card(rules, tmp_path):
    """GIVEN a Word file with a caption and a colour ID-card picture (a photo-like page with the card's text)
    WHEN analysed
    THEN it stays an ID card: the pictures and caption only decide what the text could not."""
    (result,) = _analyse([PageContent(1, "证件材料"), _photo(2, texts.ID_CARD_PAGE)], "证件.docx", tmp_path, rules)
    assert (result.classification.type, result.classification.subtype) == ("credentials", "id_card")


def test_pictures_caption():
    assert pictures_caption([PageContent(1, CAPTION), _photo(2)]) == CAPTION
    assert pictures_caption([PageContent(1, "正文" * 200), _photo(2)]) is None  # a text with a picture in it
    assert pictures_caption([PageContent(1, CAPTION), PageContent(2, "扫描页", ocr=True)]) is None  # a scan, no photo
    assert pictures_caption([PageContent(1, CAPTION)]) is None


def test_a_caption_naming_a_person_does_not_become_deeds(rules, tmp_path):
    """GIVEN Doc4.docx: the caption 图为高鹏国同志在生产一线指导徒弟 (words of a deeds text) above two
    photographs without text
    WHEN analysed
    THEN no part is deeds: the caption goes with the photos, all work photos."""
    caption = PageContent(1, "图为高鹏国同志在生产一线指导徒弟")
    results = _analyse([caption, _photo(2, ""), _photo(3, "")], "Doc4.docx", tmp_path, rules)
    assert {(r.classification.type, r.classification.subtype) for r in results} == {("credentials", "work_photo")}

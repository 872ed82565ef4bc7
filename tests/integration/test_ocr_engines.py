"""Both OCR engines behind the seam, on a real rendered and degraded page. GIVEN an ID card
copy, skewed, noisy, JPEG-compressed (and one turned upside down) WHEN the page goes the way a
scanned page goes (ReadContext.ocr_page: orientation, deskew, OCR) THEN the ID number and the
name are read (the name by RapidOCR; Tesseract's character accuracy is measured by the benchmark)."""

from __future__ import annotations

import io
import random

import pytest
from PIL import Image

from pipeline.config import OcrSettings, ProcessingSettings
from pipeline.fields.text_fields import id_card_fields
from pipeline.ocr import create_engine
from pipeline.readers.context import ReadContext
from tests.generator import degrade, identity, pages
from tests.generator.photograph import photograph


def _scanned_id_page(seed: int, upside_down: bool) -> tuple[Image.Image, identity.Expert]:
    rng = random.Random(seed)
    unit = identity.make_unit(rng)
    expert = identity.make_expert(rng, unit)
    page = pages.id_card_page(expert, 200, rng)
    style = degrade.ScanStyle(skew=3.0, noise=4.0, blur=0.5, lighting=0.2, grayscale=False,
                              upside_down=upside_down, jpeg_quality=65)
    scanned = degrade.apply(page, style, rng)
    buffer = io.BytesIO()
    scanned.save(buffer, "JPEG", quality=style.jpeg_quality)
    return Image.open(io.BytesIO(buffer.getvalue())), expert


@pytest.mark.parametrize("engine", ["tesseract", "rapidocr"])
@pytest.mark.parametrize("upside_down", [False, True])
def test_engine_reads_a_degraded_id_card_copy(engine, upside_down, tmp_path):
    settings = OcrSettings(engine=engine)
    image, expert = _scanned_id_page(seed=3, upside_down=upside_down)
    ctx = ReadContext(create_engine(settings), settings, ProcessingSettings(), tmp_path, "f" * 64)
    page = ctx.ocr_page(image, 1)
    fields = id_card_fields(page.text)
    assert fields.get("id_number") == expert.person.id_number, page.text
    if engine == "rapidocr":  # Tesseract misreads rare name characters (廖 as 雇): measured, not asserted
        assert expert.person.name in page.text.replace(" ", "")


def test_a_phone_photo_of_a_copy_on_a_desk_is_read(tmp_path):
    """GIVEN an ID card copy photographed at an angle on a desk (a 微信 photo)
    WHEN it goes the way a page goes THEN the page is cut out and the ID number is read."""
    rng = random.Random(8)
    unit = identity.make_unit(rng)
    expert = identity.make_expert(rng, unit)
    photo, _ = photograph(pages.id_card_page(expert, 200, rng), rng)
    buffer = io.BytesIO()
    photo.save(buffer, "JPEG", quality=80)
    settings = OcrSettings()
    ctx = ReadContext(create_engine(settings), settings, ProcessingSettings(), tmp_path, "f" * 64)
    page = ctx.ocr_page(Image.open(io.BytesIO(buffer.getvalue())), 1)
    assert id_card_fields(page.text).get("id_number") == expert.person.id_number, page.text


def _scanned_photo_sheet(seed: int, photos: int) -> Image.Image:
    """A sheet of work photos under the printed title 工作照片, scanned as a page of a bundle."""
    rng = random.Random(seed)
    page = pages.photo_sheet_page(rng, 200, photos)
    style = degrade.random_style(rng, bw_prob=0.0)
    buffer = io.BytesIO()
    degrade.apply(page, style, rng).save(buffer, "JPEG", quality=70)
    return Image.open(io.BytesIO(buffer.getvalue()))


@pytest.mark.parametrize("seed", range(6))
def test_rapidocr_reads_the_title_of_a_scanned_photo_sheet(seed, tmp_path):
    """GIVEN a scanned sheet of one or two work photos whose only text is its title
    WHEN it goes the way a scanned page goes THEN RapidOCR reads the title (the page's
    material is told by it; a page read as empty is kept with the material before it)."""
    settings = OcrSettings(engine="rapidocr")
    ctx = ReadContext(create_engine(settings), settings, ProcessingSettings(), tmp_path, "f" * 64)
    page = ctx.ocr_page(_scanned_photo_sheet(seed, 1 + seed % 2), 1)
    assert "工作照片" in page.text.replace(" ", ""), page.text


@pytest.mark.parametrize("engine", ["tesseract", "rapidocr"])
def test_a_straightened_strip_is_read_as_one_line_and_pages_still_read_whole(engine, tmp_path):
    """GIVEN a strip holding one handwritten-style line (as the certified-copy check cuts them)
    WHEN read as a line THEN its text comes back; and the next whole page is still searched for
    its text regions (RapidOCR keeps a call's choice of steps unless told)."""
    from PIL import ImageDraw

    from pipeline.certify.fuzzy import phrase_score
    from tests.generator.fonts import font

    strip = Image.new("RGB", (520, 110), "white")
    ImageDraw.Draw(strip).text((20, 20), "此件与原件相符", font=font("kai", 64), fill=(20, 20, 20))
    engine_ = create_engine(OcrSettings(engine=engine))
    assert phrase_score(engine_.read_line(strip)) >= 0.75
    image, expert = _scanned_id_page(seed=3, upside_down=False)
    page = engine_.recognize(image.convert("RGB"))
    assert len(page.boxes) > 3 and expert.person.id_number in page.text.replace(" ", "")

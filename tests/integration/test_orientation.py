"""A scanned page turned any way is read upright by RapidOCR, its orientation decided from its own
reading (Tesseract's OSD only where that reading cannot tell). GIVEN an ID card copy, degraded like
a scan and turned 90, 180 or 270 degrees WHEN it goes the way a scanned page goes THEN the ID number
and the name are read, and the stored page image is upright (as wide as the upright page is)."""

from __future__ import annotations

import random

import pytest
from PIL import Image

from pipeline.config import OcrSettings, ProcessingSettings
from pipeline.fields.text_fields import id_card_fields
from pipeline.ocr import create_engine
from pipeline.readers.context import ReadContext
from tests.generator import degrade, identity, pages


@pytest.fixture(scope="module")
def engine():
    return create_engine(OcrSettings(engine="rapidocr"))


@pytest.mark.parametrize("turn", [90, 180, 270])
def test_a_turned_page_is_read_upright(turn, engine, tmp_path):
    rng = random.Random(turn)
    expert = identity.make_expert(rng, identity.make_unit(rng))
    page = pages.id_card_page(expert, 200, rng)
    style = degrade.ScanStyle(skew=2.0, noise=3.0, blur=0.4, lighting=0.1, grayscale=False, upside_down=False,
                              jpeg_quality=75)
    scanned = degrade.apply(page, style, rng).rotate(turn, expand=True)
    settings = OcrSettings(engine="rapidocr")
    ctx = ReadContext(engine, settings, ProcessingSettings(), tmp_path, "f" * 64)
    content = ctx.ocr_page(scanned, 1)
    assert id_card_fields(content.text).get("id_number") == expert.person.id_number, content.text
    assert expert.person.name in content.text.replace(" ", "")
    with Image.open(content.image_path) as stored:
        assert stored.width < stored.height  # an A4 page upright is portrait

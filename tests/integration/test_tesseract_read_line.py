"""Tesseract's one-line reading (the certification phrase strips) on the real program: a strip
Tesseract fails on reads as blank, and the failure is logged once, not once per strip."""

from __future__ import annotations

import logging

from PIL import Image, ImageDraw

from pipeline.config import OcrSettings
from pipeline.ocr.tesseract import TesseractEngine


def _strip(mark: int) -> Image.Image:
    image = Image.new("RGB", (600, 60), "white")
    ImageDraw.Draw(image).rectangle((20 + mark, 20, 200, 40), fill="black")
    return image


def test_a_failing_strip_reads_blank_and_is_logged_once(caplog):
    """GIVEN Tesseract without the language data asked for WHEN three strips are read
    THEN each reads as blank, and one warning names Tesseract's error."""
    engine = TesseractEngine(OcrSettings(engine="tesseract", languages="no_such_language"))
    with caplog.at_level(logging.WARNING, logger="pipeline.tesseract"):
        readings = [engine.read_line(_strip(mark)) for mark in range(3)]
    assert readings == ["", "", ""]
    warnings = [record.getMessage() for record in caplog.records if record.name == "pipeline.tesseract"]
    assert len(warnings) == 1, warnings
    assert "no_such_language" in warnings[0]

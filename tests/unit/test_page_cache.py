"""The page store: the same page met again costs no OCR. Unit tests with a small fake engine
that counts its calls (the real engines are exercised by the integration tests)."""

from __future__ import annotations

from pathlib import Path

from PIL import Image, ImageDraw

from pipeline.config import OcrSettings, ProcessingSettings
from pipeline.models import TextBox
from pipeline.ocr.engine import LineReading, OcrPage
from pipeline.readers.context import ReadContext, sweep_page_folder

CONFIDENT_TEXT = "此件与原件相符经办人签字单位盖章中华人民共和国居民身份证签发机关有效期限"


class CountingEngine:
    """Reads every page as one confident line (the page's black bar); a line reads well as it
    stands, badly turned over (orientation asks for both, in that order)."""

    def __init__(self, name: str = "fake") -> None:
        self.name = name
        self.calls = 0
        self._line_batches = 0

    def recognize(self, image: Image.Image) -> OcrPage:
        self.calls += 1
        return OcrPage(CONFIDENT_TEXT, 0.95, [TextBox(CONFIDENT_TEXT, (100, 100, 400, 160), 0.95),
                                             TextBox(CONFIDENT_TEXT, (100, 200, 400, 260), 0.95)])

    def read_lines(self, images: list[Image.Image]) -> list[LineReading]:
        self._line_batches += 1
        confidence = 0.95 if self._line_batches % 2 else 0.3
        return [LineReading(CONFIDENT_TEXT, confidence) for _ in images]


def _page(mark: int = 0) -> Image.Image:
    image = Image.new("RGB", (1200, 1700), "white")
    ImageDraw.Draw(image).rectangle((100 + mark, 100, 400, 160), fill="black")
    return image


def _context(engine, folder, key="a" * 64) -> ReadContext:
    return ReadContext(engine, OcrSettings(), ProcessingSettings(), folder, key)


def test_the_same_page_in_another_file_is_not_read_again(tmp_path):
    """GIVEN a page read once WHEN the same pixels come again in another file THEN no OCR runs,
    and the result (text, boxes, image) is the same, under the new page number."""
    engine = CountingEngine()
    first = _context(engine, tmp_path).ocr_page(_page(), 1)
    again = _context(engine, tmp_path, key="b" * 64).ocr_page(_page(), 3)
    assert engine.calls == 1
    assert again.number == 3
    assert (again.text, again.boxes, again.image_path) == (first.text, first.boxes, first.image_path)


def test_a_different_page_or_engine_is_read(tmp_path):
    """GIVEN a page read once WHEN a page differing by a few pixels, or the same page with
    another engine, comes THEN it is read."""
    engine = CountingEngine()
    _context(engine, tmp_path).ocr_page(_page(), 1)
    _context(engine, tmp_path).ocr_page(_page(mark=5), 1)
    assert engine.calls == 2
    other = CountingEngine(name="other")
    _context(other, tmp_path).ocr_page(_page(), 1)
    assert other.calls == 1


def test_a_damaged_store_entry_is_read_again(tmp_path):
    """GIVEN a stored result whose page image was deleted WHEN the page comes again THEN it is read."""
    engine = CountingEngine()
    first = _context(engine, tmp_path).ocr_page(_page(), 1)
    Path(first.image_path).unlink()
    _context(engine, tmp_path).ocr_page(_page(), 1)
    assert engine.calls == 2


def test_a_page_read_is_still_found_after_a_sweep(tmp_path):
    """GIVEN a page read and kept WHEN the page folder is swept and the page comes again
    THEN no OCR runs: the current version's pages are never swept."""
    engine = CountingEngine()
    context = _context(engine, tmp_path)
    first = context.ocr_page(_page(), 1)
    sweep_page_folder(tmp_path, shown=set())
    assert context.ocr_page(_page(), 1).image_path == first.image_path
    assert engine.calls == 1

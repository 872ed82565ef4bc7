"""The strip reader: a strip searched for text regions once is not OCR'd again when the
phrase found in it is narrowed to its region (a small fake engine counts the calls)."""

from __future__ import annotations

from PIL import Image

from pipeline.certify.phrase import _StripReader
from pipeline.models import TextBox
from pipeline.ocr import OcrPage


class _CountingEngine:
    name = "fake"

    def __init__(self) -> None:
        self.searches = 0

    def read_line(self, image: Image.Image) -> str:
        return "件梁春"  # read as one line, the phrase is lost

    def recognize(self, image: Image.Image) -> OcrPage:
        self.searches += 1
        boxes = [TextBox("此件与原件相符", (20, 10, 250, 110), 0.9), TextBox("梁春", (280, 10, 360, 110), 0.9)]
        return OcrPage("此件与原件相符 梁春", 0.9, boxes)


def test_a_strip_searched_for_the_phrase_is_not_read_again_for_its_regions():
    engine = _CountingEngine()
    reader = _StripReader(engine)
    strip = Image.new("L", (400, 120), 255)
    assert reader.read(strip) == "此件与原件相符 梁春"
    assert [box.text for box in reader.regions(strip)] == ["此件与原件相符", "梁春"]
    assert engine.searches == 1
    other = Image.new("L", (400, 120), 255)
    reader.regions(other)  # another strip is read
    assert engine.searches == 2

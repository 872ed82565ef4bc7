"""The strip reader: strips are read by recognition alone, never searched for text regions
again (the page was detected once); a strip that does not read as the phrase is read in pieces,
cut at its ink's wide gaps (a stamp frame's rules taken out) and where the page's own text boxes
lie over it, all pieces in one call, and a strip read in pieces is not read again (a small fake
engine counts the calls)."""

from __future__ import annotations

import numpy as np
from PIL import Image

from pipeline.certify.fuzzy import phrase_score
from pipeline.certify.lines import STRIP_PAD, Line
from pipeline.certify.strips import StripReader, pieces
from pipeline.models import TextBox
from pipeline.ocr import LineReading

HEIGHT = 120  # strip pixels: a character is about (HEIGHT - 2 * STRIP_PAD) / 2 = 40 high


def _strip(words: list[tuple[int, int]], frame: bool = False) -> Line:
    """A strip 600 px wide with a block of ink for each (left, right) word, optionally framed."""
    pixels = np.full((HEIGHT, 600), 255, np.uint8)
    for left, right in words:
        pixels[40:80, left:right:6] = 0  # vertical strokes: a word's ink, with narrow gaps
    if frame:
        pixels[30:33, 30:570] = 0
        pixels[87:90, 30:570] = 0
        pixels[30:90, 30:33] = 0
        pixels[30:90, 567:570] = 0
    outline = ((1000, 2000), (1600, 2000), (1600, 2120), (1000, 2120))
    return Line(Image.fromarray(pixels), outline, 0.0)


class _CountingEngine:
    """Reads a whole strip as a garble; a piece as the phrase when it starts left of 300 px, else as a name."""

    name = "fake"

    def __init__(self) -> None:
        self.calls = 0
        self.widths: list[list[int]] = []

    def read_line(self, image: Image.Image) -> str:
        self.calls += 1
        return "件梁春"

    def read_lines(self, images) -> list[LineReading]:
        self.calls += 1
        self.widths.append([image.width for image in images])
        return [LineReading("此件与原件相符" if image.width < 300 else "梁春", 0.9) for image in images]

    def recognize(self, image):
        raise AssertionError("a strip is never searched for text regions")


def test_a_strip_that_does_not_read_as_the_phrase_is_read_in_pieces_once():
    engine = _CountingEngine()
    reader = StripReader(engine, [], phrase_score, 0.5, searches=3)
    line = _strip([(40, 250), (380, 480)])
    assert reader.read(line) == "此件与原件相符"
    assert engine.calls == 2  # the whole strip, then all its pieces in one call
    assert any(box.text == "此件与原件相符" and box.box[2] < 300 for box in reader.regions(line))
    assert engine.calls == 2  # the pieces already read
    reader.regions(_strip([(40, 250)]))
    assert engine.calls == 3


def test_only_the_first_few_strips_are_read_in_pieces():
    engine = _CountingEngine()
    reader = StripReader(engine, [], phrase_score, 0.5, searches=1)
    reader.read(_strip([(40, 250), (380, 480)]))
    assert reader.read(_strip([(40, 250), (380, 480)])) == "件梁春"
    assert engine.calls == 3


def test_a_stamp_frame_does_not_join_the_words_it_holds():
    spans = pieces(_strip([(40, 250), (380, 480)], frame=True), [])
    assert any(x0 <= 40 and 250 <= x1 < 380 for x0, x1 in spans)
    assert any(380 - STRIP_PAD <= x0 and x1 <= 480 + STRIP_PAD for x0, x1 in spans)


def test_the_page_boxes_over_a_strip_cut_it():
    # the strip runs from page x 1000 to 1600; a page box from 1100 to 1300 lies over it
    box = TextBox("此件与原件相符", (1100, 2040, 1300, 2090), 0.9)
    spans = pieces(_strip([(40, 560)]), [box])
    inner = 600 - 2 * STRIP_PAD
    left, right = STRIP_PAD + inner * 100 / 600, STRIP_PAD + inner * 300 / 600
    assert any(abs(x0 - left) <= 8 and abs(x1 - right) <= 8 for x0, x1 in spans)

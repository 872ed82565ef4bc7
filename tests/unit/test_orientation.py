"""A page's orientation decided from its own reading: the pure decision, and the evidence drawn
from a reading with a small fake engine (the real engine on turned pages: benchmarks/ocr_accuracy.py
and tests/integration/test_orientation.py)."""

from __future__ import annotations

from PIL import Image, ImageDraw

from pipeline.models import TextBox
from pipeline.ocr.engine import LineReading, OcrPage
from pipeline.ocr.orientation import OrientationEvidence, decide, gather


def test_lines_across_that_read_better_as_they_stand_are_upright():
    assert decide(OrientationEvidence(across=12, down=1, confidence={0: 0.93, 180: 0.55})) == 0


def test_lines_across_that_read_better_turned_over_are_upside_down():
    assert decide(OrientationEvidence(across=12, down=0, confidence={0: 0.52, 180: 0.91})) == 180


def test_lines_down_the_page_read_best_turned_a_quarter():
    assert decide(OrientationEvidence(across=1, down=9, confidence={90: 0.4, 270: 0.88})) == 270


def test_close_confidences_leave_it_to_the_fallback():
    assert decide(OrientationEvidence(across=12, down=0, confidence={0: 0.81, 180: 0.76})) is None


def test_low_confidences_both_ways_leave_it_to_the_fallback():
    assert decide(OrientationEvidence(across=12, down=0, confidence={0: 0.5, 180: 0.2})) is None


def test_too_few_lines_or_lines_both_ways_leave_it_to_the_fallback():
    assert decide(OrientationEvidence(across=1, down=0, confidence={0: 0.95, 180: 0.2})) is None
    assert decide(OrientationEvidence(across=5, down=4, confidence={0: 0.95, 180: 0.2})) is None


class _TurnAwareEngine:
    """Reads a crop well only when its dark mark is at the crop's left: as a line of text reads
    well only upright."""

    name = "fake"

    def read_lines(self, images):
        readings = []
        for image in images:
            grey = image.convert("L")
            left = sum(grey.crop((0, 0, grey.width // 2, grey.height)).get_flattened_data())
            right = sum(grey.crop((grey.width // 2, 0, grey.width, grey.height)).get_flattened_data())
            readings.append(LineReading("x", 0.9 if left < right else 0.3))
        return readings


def _page_with_lines(marked_left: bool) -> tuple[Image.Image, OcrPage]:
    image = Image.new("RGB", (800, 600), "white")
    draw = ImageDraw.Draw(image)
    boxes = []
    for row in range(4):
        top = 50 + row * 100
        box = (100, top, 500, top + 40)
        mark_x = 100 if marked_left else 460
        draw.rectangle((mark_x, top, mark_x + 40, top + 40), fill="black")
        boxes.append(TextBox("x", box, 0.9))
    return image, OcrPage("x", 0.9, boxes)


def test_gather_reads_the_longest_lines_as_they_stand_and_turned_over():
    image, reading = _page_with_lines(marked_left=True)
    evidence = gather(image, reading, _TurnAwareEngine())
    assert (evidence.across, evidence.down) == (4, 0)
    assert decide(evidence) == 0
    image, reading = _page_with_lines(marked_left=False)
    assert decide(gather(image, reading, _TurnAwareEngine())) == 180

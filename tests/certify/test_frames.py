"""A rubber stamp's frame is taken out before handwriting is looked for: turned with the stamp
and worn into dashes, it goes; a handwritten name, whose strokes are short and not on one line,
stays whole."""

from __future__ import annotations

import cv2
import numpy as np
import pytest
from PIL import Image, ImageDraw

from pipeline.certify.frames import without_frames
from pipeline.certify.signature import MIN_WIDTH_MM
from tests.generator.fonts import font

PX_PER_MM = 8.0


def _frame(angle: float, dash_mm: float, gap_mm: float) -> np.ndarray:
    """A 60 x 22 mm stamp frame 1 mm thick, in dashes, turned `angle` degrees."""
    mm = PX_PER_MM
    image = Image.new("L", (int(90 * mm), int(50 * mm)), 0)
    draw = ImageDraw.Draw(image)
    x0, y0, x1, y1 = 15 * mm, 14 * mm, 75 * mm, 36 * mm
    for (ax, ay), (bx, by) in (((x0, y0), (x1, y0)), ((x1, y0), (x1, y1)), ((x1, y1), (x0, y1)), ((x0, y1), (x0, y0))):
        length = float(np.hypot(bx - ax, by - ay))
        for start in np.arange(0, length, (dash_mm + gap_mm) * mm):
            end = min(length, start + dash_mm * mm)
            draw.line([(ax + (bx - ax) * start / length, ay + (by - ay) * start / length),
                       (ax + (bx - ax) * end / length, ay + (by - ay) * end / length)], fill=255, width=int(mm))
    return np.asarray(image.rotate(angle, resample=Image.NEAREST)).copy()


def _written(text: str) -> np.ndarray:
    """`text` in a handwriting-like face, 9 mm tall."""
    image = Image.new("L", (int(60 * PX_PER_MM), int(20 * PX_PER_MM)), 0)
    ImageDraw.Draw(image).text((4 * PX_PER_MM, 3 * PX_PER_MM), text, font=font("kai", int(9 * PX_PER_MM)), fill=255)
    return np.asarray(image).copy()


@pytest.mark.parametrize("angle, dash_mm, gap_mm", [(0.0, 6.0, 2.0), (7.0, 6.0, 2.0), (-4.0, 9.0, 6.0)])
def test_a_dashed_frame_turned_with_its_stamp_is_taken_out(angle, dash_mm, gap_mm):
    """Its long sides go whole, its short sides from the corners; a dash left alone in the middle
    of a short side of a badly worn frame is narrower than any signature."""
    frame = _frame(angle, dash_mm, gap_mm)
    left = without_frames(frame, PX_PER_MM)
    assert np.count_nonzero(left) < 0.2 * np.count_nonzero(frame)
    count, _, stats, _ = cv2.connectedComponentsWithStats(left)
    assert all(stats[index][2] < MIN_WIDTH_MM * PX_PER_MM for index in range(1, count))


@pytest.mark.parametrize("name", ["张建国", "王一", "李正平"])
def test_a_handwritten_name_stays_whole(name):
    written = _written(name)
    assert np.count_nonzero(without_frames(written, PX_PER_MM)) == np.count_nonzero(written)

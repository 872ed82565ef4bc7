"""text_lines: ink lines cut out as strips, and a part of a strip mapped back to page pixels."""

from __future__ import annotations

import cv2
import numpy as np
import pytest

from pipeline.certify.lines import STRIP_PAD, text_lines

MM = 6.0  # pixels per millimetre: strips are not rescaled at this scale


def _two_words(angle: float) -> np.ndarray:
    """A 'phrase' of five 8 mm blocks from x=100, and a 'name' of two blocks from x=460, turned
    by `angle` degrees about the mask's centre."""
    mask = np.zeros((400, 800), np.uint8)
    for left in [100 + 56 * k for k in range(5)] + [460, 516]:
        mask[180:228, left:left + 48] = 255
    turn = cv2.getRotationMatrix2D((400, 200), angle, 1.0)
    return cv2.warpAffine(mask, turn, (800, 400), flags=cv2.INTER_NEAREST)


@pytest.mark.parametrize("angle", [0.0, 8.0])
def test_a_part_of_a_strip_maps_back_to_its_place_on_the_page(angle):
    origin = (1000, 2000)
    line = text_lines(_two_words(angle), origin, MM, most=1)[0]
    left = int(np.nonzero((np.asarray(line.image) < 128).any(axis=0))[0][0])
    assert STRIP_PAD <= left <= STRIP_PAD + 6  # a few pixels of margin inside the padding
    # the strip's columns of the first word: from its first ink, 5 blocks 56 px apart
    phrase = line.part(left, left + 5 * 56 - 8)
    # back in the unturned mask: the first word's columns (100 to 372), the strip's rows around it
    back = cv2.invertAffineTransform(cv2.getRotationMatrix2D((400, 200), angle, 1.0))
    corners = [back @ np.array([x - origin[0], y - origin[1], 1.0]) for x, y in phrase.outline]
    xs, ys = [c[0] for c in corners], [c[1] for c in corners]
    assert min(xs) == pytest.approx(100, abs=6) and max(xs) == pytest.approx(372, abs=6)
    assert min(ys) <= 180 and max(ys) >= 228
    assert phrase.box[2] < line.box[2] - 100  # the name's blocks are left out


def test_ink_size_leaves_specks_above_and_below_out():
    """Blocks 48 px tall, a speck 30 px above them: the height is that of the middle 90% of the
    ink's rows (43 px of the blocks' 48), the speck left out."""
    mask = _two_words(0.0)
    mask[150:152, 300:302] = 255
    line = text_lines(mask, (0, 0), MM, most=1)[0]
    width, height = line.ink_size()
    assert width == pytest.approx(516 + 48 - 100, abs=2)
    assert height == pytest.approx(0.9 * 48, abs=2)

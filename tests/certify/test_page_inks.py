"""PageImage's ink masks on strokes of known colours: each ink lands in its own mask."""

from __future__ import annotations

import numpy as np
import pytest
from PIL import Image, ImageDraw

from pipeline.certify.page import PageImage

INKS = {  # RGB as a scanner records them
    "purple stamp": (112, 48, 140),
    "faded purple stamp": (150, 96, 172),
    "blue pen": (28, 58, 168),
    "black pen": (25, 25, 30),
    "vermilion seal": (228, 58, 40),
    "rose seal": (226, 92, 118),
}


def _strokes() -> tuple[PageImage, dict[str, np.ndarray]]:
    """A 600 x 800 white page (A4 at about 70 dpi) with a 6 px wide bar of each ink."""
    image = Image.new("RGB", (600, 800), (250, 250, 248))
    draw = ImageDraw.Draw(image)
    where = {}
    for row, (name, colour) in enumerate(INKS.items()):
        y = 60 + row * 100
        draw.rectangle((100, y, 500, y + 5), fill=colour)
        mask = np.zeros((800, 600), bool)
        mask[y + 1:y + 5, 102:498] = True  # the bar's inside (its edges are blurred by nothing here)
        where[name] = mask
    return PageImage(np.asarray(image)), where


@pytest.mark.parametrize("ink", ["purple stamp", "faded purple stamp"])
def test_purple_stamp_ink_is_in_the_purple_mask_and_not_a_pens(ink):
    page, where = _strokes()
    assert (page.purple[where[ink]] > 0).mean() > 0.9
    assert (page.blue[where[ink]] > 0).mean() < 0.1
    assert (page.red_pen[where[ink]] > 0).mean() < 0.1


@pytest.mark.parametrize("ink", ["blue pen", "black pen", "vermilion seal", "rose seal"])
def test_pens_and_seals_are_not_purple(ink):
    page, where = _strokes()
    assert (page.purple[where[ink]] > 0).mean() < 0.05


@pytest.mark.parametrize("ink", ["purple stamp", "blue pen", "black pen"])
def test_any_ink_but_a_red_stamp_pads_is_unred(ink):
    page, where = _strokes()
    assert (page.unred[where[ink]] > 0).mean() > 0.9


@pytest.mark.parametrize("ink", ["vermilion seal", "rose seal"])
def test_a_red_stamp_pads_ink_is_not_unred(ink):
    page, where = _strokes()
    assert (page.unred[where[ink]] > 0).mean() < 0.05

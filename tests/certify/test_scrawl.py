"""A scrawled signature told from print by its shape alone (pipeline.certify.signature.scrawl):
one connected run of thin stroke taller than the page's print lines; print characters, however
close, a filled block (a photo, a name seal) and the text the OCR read are no scrawl."""

from __future__ import annotations

import math

import numpy as np
from PIL import Image, ImageDraw

from pipeline.certify.page import PageImage
from pipeline.certify.signature import scrawl

MM = 2339 / 297  # A4 at 200 dpi


def _page(*, scrawl_ink: tuple[int, int, int] | None) -> tuple[PageImage, list[tuple[int, int, int, int]]]:
    """A page with a line of print (20 small characters, its OCR box), a filled grey block, and
    optionally a zigzag scrawl in `scrawl_ink` below the print."""
    image = Image.new("RGB", (1654, 2339), (250, 250, 248))
    draw = ImageDraw.Draw(image)
    line = (300, 1000, 300 + 20 * 40, 1040)
    for k in range(20):  # characters 4 mm high, each of three strokes, apart
        x = 305 + 40 * k
        draw.line((x, 1010, x + 28, 1010), fill=(20, 20, 20), width=3)
        draw.line((x + 14, 1006, x + 14, 1036), fill=(20, 20, 20), width=3)
        draw.line((x, 1030, x + 28, 1030), fill=(20, 20, 20), width=3)
    draw.rectangle((1300, 1100, 1420, 1260), fill=(60, 60, 60))  # a photo's dark block
    if scrawl_ink is not None:
        points = [(400 + t * 3, 1120 + 50 * math.sin(t / 6) * (1 if t % 40 < 20 else 0.6)) for t in range(90)]
        draw.line(points, fill=scrawl_ink, width=4, joint="curve")
    return PageImage(np.asarray(image)), [line]


def test_a_scrawl_in_black_or_blue_is_found_by_its_shape():
    for ink in ((25, 25, 30), (28, 58, 168)):
        page, read = _page(scrawl_ink=ink)
        found = scrawl(page, (250, 900, 1500, 1300), read, [])
        assert found.found is True, ink
        assert found.box[0] < 420 and found.box[2] > 640


def test_print_and_a_filled_block_are_no_scrawl():
    page, read = _page(scrawl_ink=None)
    assert scrawl(page, (250, 900, 1500, 1300), read, []).found is False
    assert scrawl(page, (250, 900, 1500, 1300), [], []).found is False  # print the OCR did not read


def test_a_scrawl_in_a_red_stamp_pads_ink_is_not_this_search():
    page, read = _page(scrawl_ink=(228, 58, 40))
    assert scrawl(page, (250, 900, 1500, 1300), read, []).found is False

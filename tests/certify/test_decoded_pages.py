"""Every page image as it came: colour judged on the decoded original whatever its mode, its
resolution, its EXIF rotation, and kept losslessly by the page store for the certification
checks. Small fake OCR engine (the page store's own tests use the same kind)."""

from __future__ import annotations

import io
from pathlib import Path

import numpy as np
import pytest
from PIL import Image, ImageDraw

from pipeline.certify.page import PageImage
from pipeline.config import OcrSettings, ProcessingSettings
from pipeline.ocr.engine import OcrPage
from pipeline.ocr.prepare import decoded
from pipeline.readers.context import ReadContext, png_bytes

SEAL_RED = (214, 38, 44)
BLUE_PEN = (30, 60, 170)


class _BlankEngine:
    name = "fake"

    def detect_rotation(self, image: Image.Image) -> int:
        return 0

    def recognize(self, image: Image.Image) -> OcrPage:
        return OcrPage("", 0.0, [])


def _page(dpi: int = 100) -> Image.Image:
    """An A4 page at `dpi` with a red seal ring and a blue pen line: a chat tool's screenshot size at 100."""
    mm = dpi / 25.4
    page = Image.new("RGB", (round(210 * mm), round(297 * mm)), "white")
    draw = ImageDraw.Draw(page)
    draw.text((20 * mm, 20 * mm), "ID 500228", fill="black")
    cx, cy, r = 140 * mm, 240 * mm, 20 * mm
    draw.ellipse((cx - r, cy - r, cx + r, cy + r), outline=SEAL_RED, width=max(2, round(1.2 * mm)))
    draw.line((30 * mm, 250 * mm, 90 * mm, 255 * mm), fill=BLUE_PEN, width=max(1, round(0.5 * mm)))
    return page


def _as(mode: str, page: Image.Image) -> Image.Image:
    if mode == "P":
        return page.quantize(16)
    if mode == "PA":
        return page.convert("RGBA").convert("PA")
    if mode == "RGBA":  # transparent paper, as a screenshot tool saves it
        rgba = page.convert("RGBA")
        pixels = np.asarray(rgba).copy()
        pixels[(pixels[..., :3] > 245).all(axis=2)] = (0, 0, 0, 0)
        return Image.fromarray(pixels, "RGBA")
    if mode == "CMYK":
        return page.convert("CMYK")
    return page


def _store(image: Image.Image, folder: Path) -> PageImage:
    ctx = ReadContext(_BlankEngine(), OcrSettings(), ProcessingSettings(), folder, "k" * 64)
    stored = ctx.ocr_page(image, 1).image_path
    with Image.open(stored) as kept:
        assert kept.format == "PNG"
    return PageImage.open(stored)


@pytest.mark.parametrize("mode", ["RGB", "P", "PA", "RGBA", "CMYK"])
def test_colour_pages_keep_their_colour_in_every_mode(mode, tmp_path):
    page = _store(_as(mode, _page()), tmp_path)
    assert page.colour
    assert np.count_nonzero(page.red) > 0 and np.count_nonzero(page.blue) > 0
    assert np.median(page.grey) > 240  # the paper is white: transparency was laid on white, not black


@pytest.mark.parametrize("mode", ["L", "LA", "1", "I;16"])
def test_grey_pages_stay_readable_and_have_no_colour(mode, tmp_path):
    grey = _page().convert("L")
    if mode == "LA":
        grey = grey.convert("LA")
    elif mode == "1":
        grey = grey.convert("1")
    elif mode == "I;16":
        grey = Image.fromarray(np.asarray(grey).astype(np.uint16) * 257)
        assert grey.mode.startswith("I")
    page = _store(grey, tmp_path)
    assert not page.colour
    assert np.median(page.grey) > 240 and np.count_nonzero(page.grey < 100) > 100  # white paper, dark ink


@pytest.mark.parametrize("dpi", [75, 150, 300, 600])
def test_colour_is_found_at_every_resolution(dpi, tmp_path):
    page = _store(_page(dpi), tmp_path)
    assert page.colour and np.count_nonzero(page.red) > 0


def test_exif_rotation_is_applied_before_anything_else():
    page = _page()
    exif = Image.Exif()
    exif[0x0112] = 6  # the camera was turned: rotate 90 degrees clockwise to view
    turned = page.transpose(Image.Transpose.ROTATE_90)
    turned.info["exif"] = exif.tobytes()
    upright = decoded(turned)
    assert upright.size == page.size



@pytest.mark.parametrize("mode", ["RGB", "L"])
def test_the_page_store_keeps_every_pixel(mode):
    """GIVEN a prepared page with a seal, pen ink and scanner noise
    WHEN the page store encodes it
    THEN Pillow reads back the same pixels, in the same mode (lossless, colours not swapped)."""
    noise = np.random.default_rng(7).integers(0, 24, size=(*_page().size[::-1], 3), dtype=np.uint8)
    page = Image.fromarray(np.asarray(_page()) - noise, "RGB").convert(mode)
    with Image.open(io.BytesIO(png_bytes(page))) as kept:
        assert (kept.format, kept.mode) == ("PNG", mode)
        assert np.array_equal(np.asarray(kept), np.asarray(page))

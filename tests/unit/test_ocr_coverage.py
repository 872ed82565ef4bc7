"""Text-like ink left outside a reading's boxes: what makes a reading provably poor (a title the
detector missed), as against a blank page or a photo."""

from __future__ import annotations

from PIL import Image, ImageDraw

from pipeline.ocr.coverage import unread_text_area
from tests.generator.fonts import font


def _page_with_title() -> tuple[Image.Image, tuple[int, int, int, int]]:
    page = Image.new("RGB", (1654, 2339), "white")
    draw = ImageDraw.Draw(page)
    draw.text((600, 150), "工作照片", font=font("song", 80), fill=(20, 20, 20))
    return page, draw.textbbox((600, 150), "工作照片", font=font("song", 80))


def test_a_title_outside_every_box_is_unread_text():
    page, _ = _page_with_title()
    assert unread_text_area(page, []) > 0.002


def test_a_title_inside_a_box_is_read_text():
    page, title = _page_with_title()
    assert unread_text_area(page, [title]) == 0.0


def test_a_blank_page_and_a_large_photo_hold_no_text():
    assert unread_text_area(Image.new("RGB", (1654, 2339), "white"), []) == 0.0
    page = Image.new("RGB", (1654, 2339), "white")
    ImageDraw.Draw(page).rectangle((200, 400, 1400, 1300), fill=(60, 70, 80))
    assert unread_text_area(page, []) == 0.0

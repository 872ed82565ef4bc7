"""unread_field_images: the line of a scanned form where a field's label stands is cut out
when the field's value could not be read."""

from __future__ import annotations

from PIL import Image

from pipeline.fields.unread import unread_field_images
from pipeline.models import PageContent, TextBox


def _page(tmp_path, ocr=True) -> PageContent:
    path = tmp_path / "page.jpg"
    Image.new("RGB", (1000, 1400), "white").save(path)
    boxes = [TextBox("申报单位  重庆市梁平区恒达机械有限公司", (80, 200, 900, 240), 0.9),
             TextBox("专家姓名  张  性别  男", (80, 300, 700, 340), 0.4)]
    return PageContent(number=1, text="\n".join(b.text for b in boxes), ocr=ocr, image_path=str(path), boxes=boxes)


def test_missing_field_gets_the_image_of_its_line(tmp_path, labels):
    """GIVEN a scanned form whose 专家姓名 value could not be read, and the unit read
    WHEN asked for unread fields THEN the 专家姓名 line (to the page's right edge) is cut out,
    the unit's is not."""
    images = unread_field_images([_page(tmp_path)], {"unit": "重庆市梁平区恒达机械有限公司", "gender": "男"}, labels)
    assert set(images) == {"expert"}
    with Image.open(images["expert"]) as crop:
        assert crop.size == (1000 - 80 + 12, 340 - 300 + 24)


def test_nothing_for_electronic_forms(tmp_path, labels):
    """GIVEN the same page as an electronic file's text (not OCR) THEN no image."""
    assert unread_field_images([_page(tmp_path, ocr=False)], {}, labels) == {}

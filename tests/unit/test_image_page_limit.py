"""A multi-page image past the page limit is an error naming its page count, as a PDF is;
before, the pages past the limit were dropped without a word."""

from __future__ import annotations

from types import SimpleNamespace

import pytest
from PIL import Image

from pipeline.config import OcrSettings
from pipeline.errors import FileReadError
from pipeline.readers.image import read_image


def test_tiff_with_more_pages_than_the_limit_is_an_error(tmp_path):
    path = tmp_path / "扫描.tif"
    pages = [Image.new("L", (60, 80), color) for color in (255, 200, 150)]
    pages[0].save(path, save_all=True, append_images=pages[1:])
    ctx = SimpleNamespace(ocr=OcrSettings(max_pages=2))  # the limit is checked before any OCR
    with pytest.raises(FileReadError, match="共 3 页，超过单个文件 2 页的上限"):
        read_image(path, ctx)

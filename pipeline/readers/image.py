"""Photos and scanned images (JPG, PNG, TIFF with several pages, …) through OCR."""

from __future__ import annotations

from pathlib import Path

from PIL import Image, ImageSequence, UnidentifiedImageError

from pipeline.errors import FileReadError
from pipeline.models import Extraction
from pipeline.readers.context import ReadContext

Image.MAX_IMAGE_PIXELS = 120_000_000  # a 600 dpi A3 scan is ~70 MP; more is a bomb


def read_image(path: Path, ctx: ReadContext) -> Extraction:
    try:
        with Image.open(path) as image:
            frames = [frame.copy() for frame in ImageSequence.Iterator(image)][: ctx.ocr.max_pages]
    except (UnidentifiedImageError, OSError, Image.DecompressionBombError) as exc:
        raise FileReadError(f"图片无法打开（文件损坏或格式不支持）: {exc}") from exc
    pages = [ctx.ocr_page(frame, number) for number, frame in enumerate(frames, start=1)]
    return Extraction(kind="image", pages=pages)

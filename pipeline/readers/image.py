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
            count = getattr(image, "n_frames", 1)
            if count > ctx.ocr.max_pages:  # as for a PDF: the whole file to staff, no page dropped unseen
                raise FileReadError(f"多页图片（TIFF 等）共 {count} 页，超过单个文件 {ctx.ocr.max_pages} 页的上限，请人工查看")
            frames = [frame.copy() for frame in ImageSequence.Iterator(image)]
    except (UnidentifiedImageError, OSError, Image.DecompressionBombError) as exc:
        raise FileReadError(f"图片无法打开（文件损坏或格式不支持）: {exc}") from exc
    pages = [ctx.ocr_page(frame, number) for number, frame in enumerate(frames, start=1)]
    return Extraction(kind="image", pages=pages)

"""What a reader needs besides the file: the OCR engine and where page images go."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from PIL import Image

from pipeline.config import OcrSettings, ProcessingSettings
from pipeline.models import PageContent
from pipeline.ocr import OcrEngine, OcrPage
from pipeline.ocr.prepare import normalise_size, straighten
from pipeline.readers.photo import looks_like_photo


DOUBTFUL_CONFIDENCE = 0.75
DOUBTFUL_CHINESE = 15
_CHINESE = re.compile(r"[\u4e00-\u9fff]")


def _reading_quality(result: OcrPage) -> float:
    return (result.confidence or 0.0) * len(_CHINESE.findall(result.text))


def _doubtful(result: OcrPage) -> bool:
    return (result.confidence or 0.0) < DOUBTFUL_CONFIDENCE or len(_CHINESE.findall(result.text)) < DOUBTFUL_CHINESE


@dataclass
class ReadContext:
    engine: OcrEngine
    ocr: OcrSettings
    processing: ProcessingSettings
    page_folder: Path  # page images, for the certification checks and the reports' thumbnails
    key: str  # the file's sha256, names its page images

    def ocr_page(self, image: Image.Image, number: int) -> PageContent:
        """OCR one page image and keep the prepared image for the later steps."""
        image = normalise_size(image)
        rotation = self.engine.detect_rotation(image)
        upright = straighten(image, rotation)
        result = self.engine.recognize(upright)
        photo = looks_like_photo(upright, len(result.text.split()))
        if not photo and _doubtful(result):  # orientation detection is weak on sparse pages: try it turned over
            turned = straighten(image, (rotation + 180) % 360)
            other = self.engine.recognize(turned)
            if _reading_quality(other) > _reading_quality(result):
                upright, result = turned, other
        image = upright
        return PageContent(
            number=number,
            text=result.text,
            ocr=True,
            confidence=result.confidence,
            image_path=self.keep_image(image, number),
            boxes=result.boxes,
            has_photo=photo,
        )

    def keep_image(self, image: Image.Image, number: int) -> str:
        self.page_folder.mkdir(parents=True, exist_ok=True)
        target = self.page_folder / f"{self.key[:16]}-{number}.jpg"
        image.convert("RGB").save(target, "JPEG", quality=90)
        return str(target)

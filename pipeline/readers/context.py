"""What a reader needs besides the file: the OCR engine and where page images go."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from PIL import Image

from pipeline.config import OcrSettings, ProcessingSettings
from pipeline.models import PageContent
from pipeline.ocr import OcrEngine
from pipeline.ocr.prepare import normalise_size, straighten
from pipeline.readers.photo import looks_like_photo


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
        image = straighten(image, self.engine.detect_rotation(image))
        result = self.engine.recognize(image)
        return PageContent(
            number=number,
            text=result.text,
            ocr=True,
            confidence=result.confidence,
            image_path=self.keep_image(image, number),
            boxes=result.boxes,
            has_photo=looks_like_photo(image, len(result.text.split())),
        )

    def keep_image(self, image: Image.Image, number: int) -> str:
        self.page_folder.mkdir(parents=True, exist_ok=True)
        target = self.page_folder / f"{self.key[:16]}-{number}.jpg"
        image.convert("RGB").save(target, "JPEG", quality=90)
        return str(target)

"""What every OCR engine offers, and the factory that picks one from the settings."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Protocol

from PIL import Image

from pipeline.config import OcrSettings
from pipeline.models import TextBox


@dataclass
class OcrPage:
    text: str
    confidence: float | None
    boxes: list[TextBox] = field(default_factory=list)


class OcrEngine(Protocol):
    name: str

    def recognize(self, image: Image.Image) -> OcrPage:
        """Text of one page image, line by line, with boxes in the image's pixels."""
        ...

    def read_line(self, image: Image.Image) -> str:
        """Text of an image holding one straightened line (a strip cut from a page), read as
        such: no search for text regions."""
        ...

    def detect_rotation(self, image: Image.Image) -> int:
        """Clockwise degrees (0, 90, 180, 270) that make the page upright."""
        ...


# Peak memory of one worker process with each engine loaded (benchmarks/README.md), rounded up:
# the pool is never sized beyond what the machine's free memory holds.
WORKER_MEMORY_MB = {"tesseract": 300, "rapidocr": 1300}


def create_engine(settings: OcrSettings) -> OcrEngine:
    if settings.engine == "rapidocr":
        from pipeline.ocr.rapid import RapidOcrEngine

        return RapidOcrEngine(settings)
    from pipeline.ocr.tesseract import TesseractEngine

    return TesseractEngine(settings)

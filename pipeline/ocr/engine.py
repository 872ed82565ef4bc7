"""What every OCR engine offers."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Protocol

from PIL import Image

from pipeline.models import TextBox


@dataclass
class OcrPage:
    text: str
    confidence: float | None
    boxes: list[TextBox] = field(default_factory=list)


@dataclass(frozen=True)
class LineReading:
    """What recognition alone made of an image holding one line: its text and how sure it is (0-1)."""

    text: str
    confidence: float


class OcrEngine(Protocol):
    name: str

    def recognize(self, image: Image.Image) -> OcrPage:
        """Text of one page image, line by line, with boxes in the image's pixels: text regions
        are searched (detection), then each is read (recognition)."""
        ...

    def read_line(self, image: Image.Image) -> str:
        """Text of an image holding one straightened line (a strip cut from a page), read as
        such: no search for text regions."""
        ...

    def read_lines(self, images: Sequence[Image.Image]) -> list[LineReading]:
        """Each image read as one line by recognition alone (no search for text regions), with
        the recognition's confidence: the cheap way to read crops of a page already detected
        (the boxes of its `OcrPage`), a seal's unrolled arc, a strip."""
        ...

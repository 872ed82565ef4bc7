"""Tesseract through pytesseract, as an OCR engine (its orientation detection is pipeline.ocr.osd).
Its options (`[ocr.tesseract]`, pipeline.ocr.options): the page side it is given, the page
segmentation mode."""

from __future__ import annotations

import logging
import re
from collections import defaultdict
from collections.abc import Sequence
from typing import TYPE_CHECKING

from PIL import Image

from pipeline.errors import FileReadError
from pipeline.models import TextBox
from pipeline.ocr.engine import LineReading, OcrPage
from pipeline.ocr.osd import image_file, require_tesseract  # sets Tesseract's thread limit before pytesseract loads
from pipeline.ocr.prepare import even_light, remove_ruling_lines

import pytesseract  # noqa: E402,I001  (after pipeline.ocr.osd: see there)

if TYPE_CHECKING:
    from pipeline.config import OcrSettings

log = logging.getLogger("pipeline.tesseract")

CELL_GAP = 1.2  # a gap wider than this many line heights separates two cells of a table
_CJK_GAP = re.compile(r"(?<=[\u3000-\u9fff\uff00-\uffef])\s+(?=[\u3000-\u9fff\uff00-\uffef])")


def check_installed(settings: OcrSettings) -> None:
    require_tesseract(settings.languages.split("+"))


def join_cjk(text: str) -> str:
    """Tesseract puts spaces between Chinese characters; remove those, keep Latin spacing."""
    return _CJK_GAP.sub("", text)


def _join_words(data: dict, members: list[int]) -> str:
    """One line's words; a wide gap (between two table cells) becomes two spaces, which
    the field extraction reads as a cell boundary, and narrow gaps between Chinese go."""
    members = sorted(members, key=lambda i: data["left"][i])
    height = max(1, sorted(data["height"][i] for i in members)[len(members) // 2])
    parts = [data["text"][members[0]]]
    for before, after in zip(members, members[1:]):
        gap = data["left"][after] - (data["left"][before] + data["width"][before])
        parts.append("  " if gap > CELL_GAP * height else " ")
        parts.append(data["text"][after])
    return "  ".join(join_cjk(cell) for cell in "".join(parts).split("  "))


class TesseractEngine:
    name = "tesseract"

    def __init__(self, settings: OcrSettings) -> None:
        self.settings = settings
        self._line_errors: set[str] = set()  # read_line's errors already logged

    def read_line(self, image: Image.Image) -> str:
        try:
            text = pytesseract.image_to_string(image.convert("L"), lang=self.settings.languages, config="--psm 7",
                                               timeout=self.settings.page_timeout_seconds)
        except (RuntimeError, pytesseract.TesseractError) as exc:
            self._warn_once(exc)
            return ""  # a strip that cannot be read holds no phrase
        return join_cjk(text.strip())

    def read_lines(self, images: Sequence[Image.Image]) -> list[LineReading]:
        return [self._read_scored_line(image) for image in images]

    def _read_scored_line(self, image: Image.Image) -> LineReading:
        try:
            data = pytesseract.image_to_data(image.convert("L"), lang=self.settings.languages, config="--psm 7",
                                             output_type=pytesseract.Output.DICT,
                                             timeout=self.settings.page_timeout_seconds)
        except (RuntimeError, pytesseract.TesseractError) as exc:
            self._warn_once(exc)
            return LineReading("", 0.0)
        words = [i for i, word in enumerate(data["text"]) if word.strip()]
        confidences = [float(data["conf"][i]) for i in words if float(data["conf"][i]) >= 0]
        text = join_cjk(" ".join(data["text"][i] for i in words))
        return LineReading(text, sum(confidences) / len(confidences) / 100 if confidences else 0.0)

    def _warn_once(self, error: Exception) -> None:
        """Logs a strip's error the first time it occurs: a cause such as missing language data
        or too short a timeout fails every strip of every page, and a blank reading alone would
        look like a copy without a certification phrase."""
        text = f"{type(error).__name__}: {error}"
        if text in self._line_errors:
            return
        self._line_errors.add(text)
        log.warning("tesseract could not read a line strip, read as blank (%s)", text)

    def recognize(self, image: Image.Image) -> OcrPage:
        scale = min(1.0, self.settings.tesseract.page_side / max(image.size))
        grey = image.convert("L")
        if scale < 1.0:
            grey = grey.resize((round(image.width * scale), round(image.height * scale)), Image.LANCZOS)
        grey = remove_ruling_lines(even_light(grey))
        try:
            with image_file(grey) as path:
                data = pytesseract.image_to_data(
                    path,
                    lang=self.settings.languages,
                    config=f"--psm {self.settings.tesseract.psm}",
                    output_type=pytesseract.Output.DICT,
                    timeout=self.settings.page_timeout_seconds,
                )
        except RuntimeError as exc:  # pytesseract raises RuntimeError on timeout: a transient failure
            raise FileReadError(f"OCR timed out after {self.settings.page_timeout_seconds:.0f} s on a page") from TimeoutError(exc)
        except pytesseract.TesseractError as exc:
            raise FileReadError(f"tesseract failed: {exc.message}") from exc
        lines: dict[tuple[int, int, int], list[int]] = defaultdict(list)
        for index, word in enumerate(data["text"]):
            if word.strip():
                lines[(data["block_num"][index], data["par_num"][index], data["line_num"][index])].append(index)
        boxes: list[TextBox] = []
        confidences: list[float] = []
        for key in sorted(lines):
            members = lines[key]
            text = _join_words(data, members)
            left = min(data["left"][i] for i in members)
            top = min(data["top"][i] for i in members)
            right = max(data["left"][i] + data["width"][i] for i in members)
            bottom = max(data["top"][i] + data["height"][i] for i in members)
            conf = [float(data["conf"][i]) for i in members if float(data["conf"][i]) >= 0]
            line_conf = sum(conf) / len(conf) / 100 if conf else 0.0
            confidences.extend(conf)
            box = tuple(round(v / scale) for v in (left, top, right, bottom))
            boxes.append(TextBox(text=text, box=box, confidence=line_conf))
        text = "\n".join(box.text for box in boxes)
        confidence = sum(confidences) / len(confidences) / 100 if confidences else None
        return OcrPage(text=text, confidence=confidence, boxes=boxes)

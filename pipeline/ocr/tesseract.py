"""Tesseract through pytesseract: the only module that imports it.

psm 4 (a single column of text of variable sizes) reads forms and certificates better
than the default psm 3 on our pages; OMP_THREAD_LIMIT=1 since we run one process per core
(see shared research: 36 s -> 10 s for 12 pages, identical output).
"""

from __future__ import annotations

import os
import re
from collections import defaultdict

from PIL import Image

from pipeline.config import OcrSettings
from pipeline.errors import FileReadError, MissingProgramError
from pipeline.models import TextBox
from pipeline.ocr.engine import OcrPage

os.environ.setdefault("OMP_THREAD_LIMIT", "1")

import pytesseract  # noqa: E402  (the environment above must be set first)

_CJK_GAP = re.compile(r"(?<=[\u3000-\u9fff\uff00-\uffef])\s+(?=[\u3000-\u9fff\uff00-\uffef])")


def check_installed(languages: str) -> None:
    try:
        version = pytesseract.get_tesseract_version()
        available = set(pytesseract.get_languages(config=""))
    except (pytesseract.TesseractNotFoundError, OSError) as exc:
        raise MissingProgramError(
            "tesseract is not installed: apt-get install tesseract-ocr tesseract-ocr-chi-sim"
        ) from exc
    if version.major < 4:
        raise MissingProgramError(f"tesseract {version} is too old; version 4 or newer is needed")
    missing = [lang for lang in languages.split("+") if lang not in available]
    if missing:
        raise MissingProgramError(
            f"tesseract has no language data for {', '.join(missing)}: apt-get install tesseract-ocr-chi-sim"
        )


def join_cjk(text: str) -> str:
    """Tesseract puts spaces between Chinese characters; remove those, keep Latin spacing."""
    return _CJK_GAP.sub("", text)


class TesseractEngine:
    name = "tesseract"

    def __init__(self, settings: OcrSettings) -> None:
        self.settings = settings

    def recognize(self, image: Image.Image) -> OcrPage:
        try:
            data = pytesseract.image_to_data(
                image,
                lang=self.settings.languages,
                config="--psm 4",
                output_type=pytesseract.Output.DICT,
                timeout=self.settings.page_timeout_seconds,
            )
        except RuntimeError as exc:  # pytesseract raises RuntimeError on timeout
            raise FileReadError(f"OCR timed out after {self.settings.page_timeout_seconds:.0f} s on a page") from exc
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
            text = join_cjk(" ".join(data["text"][i] for i in members))
            left = min(data["left"][i] for i in members)
            top = min(data["top"][i] for i in members)
            right = max(data["left"][i] + data["width"][i] for i in members)
            bottom = max(data["top"][i] + data["height"][i] for i in members)
            conf = [float(data["conf"][i]) for i in members if float(data["conf"][i]) >= 0]
            line_conf = sum(conf) / len(conf) / 100 if conf else 0.0
            confidences.extend(conf)
            boxes.append(TextBox(text=text, box=(left, top, right, bottom), confidence=line_conf))
        text = "\n".join(box.text for box in boxes)
        confidence = sum(confidences) / len(confidences) / 100 if confidences else None
        return OcrPage(text=text, confidence=confidence, boxes=boxes)

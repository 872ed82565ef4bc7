"""What a reader needs besides the file: the OCR engine, and the page store.

Every OCR'd page is kept under the page folder by a hash of its pixels and the engine:
the prepared (upright, straightened) image, for the certification checks and the reports'
thumbnails, and the OCR result, so the same page met again (a duplicate scan, a re-run
after the rules changed) costs no OCR.
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
import re
import tempfile
from dataclasses import asdict, dataclass, replace
from pathlib import Path

from PIL import Image

from pipeline.config import OcrSettings, ProcessingSettings
from pipeline.models import PageContent, TextBox
from pipeline.ocr import OcrEngine, OcrPage
from pipeline.ocr.prepare import crop_to_page, normalise_size, straighten
from pipeline.readers.photo import looks_like_photo

log = logging.getLogger("pipeline.pages")

DOUBTFUL_CONFIDENCE = 0.75
DOUBTFUL_CHINESE = 15
_CHINESE = re.compile(r"[\u4e00-\u9fff]")


def _reading_quality(result: OcrPage) -> float:
    return (result.confidence or 0.0) * len(_CHINESE.findall(result.text))


def _doubtful(result: OcrPage) -> bool:
    return (result.confidence or 0.0) < DOUBTFUL_CONFIDENCE or len(_CHINESE.findall(result.text)) < DOUBTFUL_CHINESE


# Part of every stored page's key: raise it when reading a page changes (preparation, an engine's
# settings), so that pages read the old way are read again after an upgrade.
PAGE_READING_VERSION = 3


@dataclass
class ReadContext:
    engine: OcrEngine
    ocr: OcrSettings
    processing: ProcessingSettings
    page_folder: Path  # page images and OCR results, by page content
    key: str  # the file's sha256, for the log

    def ocr_page(self, image: Image.Image, number: int) -> PageContent:
        """OCR one page image (or take the result of the same page seen before)."""
        page_key = self._page_key(image)
        cached = self._cached(page_key)
        if cached is not None:
            log.debug("%s page %d: OCR result of an identical page reused", self.key[:12], number)
            return replace(cached, number=number)
        page = self._read(image, number, page_key)
        self._remember(page_key, page)
        return page

    def _page_key(self, image: Image.Image) -> str:
        recipe = f"{PAGE_READING_VERSION}|{self.engine.name}|{self.ocr.languages}|{image.mode}|{image.size}"
        digest = hashlib.sha256(recipe.encode())
        digest.update(image.tobytes())
        return digest.hexdigest()[:32]

    def _cached(self, page_key: str) -> PageContent | None:
        path = self.page_folder / f"{page_key}.json"
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return None
        if not Path(data["image_path"]).exists():
            return None
        data["boxes"] = [TextBox(b["text"], tuple(b["box"]), b["confidence"]) for b in data["boxes"]]
        return PageContent(**data)

    def _remember(self, page_key: str, page: PageContent) -> None:
        fd, temp = tempfile.mkstemp(dir=self.page_folder, suffix=".part")
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            json.dump(asdict(page), handle, ensure_ascii=False)
        os.replace(temp, self.page_folder / f"{page_key}.json")

    def _read(self, image: Image.Image, number: int, page_key: str) -> PageContent:
        image = normalise_size(crop_to_page(image))
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
            image_path=self._keep_image(image, page_key),
            boxes=result.boxes,
            has_photo=photo,
        )

    def _keep_image(self, image: Image.Image, page_key: str) -> str:
        self.page_folder.mkdir(parents=True, exist_ok=True)
        target = self.page_folder / f"{page_key}.jpg"
        temp = target.with_suffix(".jpg.part")
        image.convert("RGB").save(temp, "JPEG", quality=90)
        os.replace(temp, target)
        return str(target)

"""What a reader needs besides the file: the OCR engine, and the page store.

Every OCR'd page is kept under the page folder by a hash of its pixels and the engine:
the prepared (upright, straightened) image, kept losslessly for the certification checks (and
the reports' thumbnails), and the OCR result, so the same page met again (a duplicate scan, a re-run
after the rules changed) costs no OCR. Each page reading version has its own subfolder
(v5/), so that what an earlier version left can be told apart and swept at start-up.
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
import re
import tempfile
import time
from collections.abc import Iterable
from dataclasses import asdict, dataclass, replace
from pathlib import Path

import cv2
import numpy as np
from PIL import Image

from pipeline.config import OcrSettings, ProcessingSettings
from pipeline.models import DocumentResult, PageContent, TextBox
from pipeline.ocr import ENGINES, OcrEngine, OcrPage
from pipeline.ocr.orientation import read_upright, read_upright_by_osd
from pipeline.ocr.prepare import crop_to_page, decoded, normalise_size, straighten
from pipeline.readers.photo import looks_like_photo

log = logging.getLogger("pipeline.pages")

DOUBTFUL_CONFIDENCE = 0.75
DOUBTFUL_CHINESE = 15
_CHINESE = re.compile(r"[\u4e00-\u9fff]")


def _reading_quality(result: OcrPage) -> float:
    return (result.confidence or 0.0) * len(_CHINESE.findall(result.text))


def _doubtful(result: OcrPage) -> bool:
    return (result.confidence or 0.0) < DOUBTFUL_CONFIDENCE or len(_CHINESE.findall(result.text)) < DOUBTFUL_CHINESE


# Part of every stored page's key and the name of its folder: raise it when reading a page changes
# (preparation, an engine's settings), so that pages read the old way are read again after an upgrade.
PAGE_READING_VERSION = 5
# A page is written once and read a few times, losslessly: zlib's fastest level, rows unfiltered
# (a scan's noise leaves PNG's filters little to gain). Against Pillow's level 1 with its adaptive
# filters: about half the CPU to encode, two thirds to decode, the same size within 10%
# (benchmarks/page_store.py).
PNG_PARAMS = (cv2.IMWRITE_PNG_COMPRESSION, 1, cv2.IMWRITE_PNG_FILTER, cv2.IMWRITE_PNG_FILTER_NONE)
STALE_TEMP_SECONDS = 3600  # a temporary file untouched this long was left by a crash, not being written

# The names the page store writes: pages (and the crops of a form's unread lines, fields/unread.py),
# their temporary files, version folders. Nothing else in the page folder is ever removed.
_PAGE_FILE = re.compile(r"[0-9a-f]{32}(-[a-z_]+)?\.(json|jpg|png)")
_TEMP_FILE = re.compile(r"(tmp\w{8}|[0-9a-f]{32}(-[a-z_]+)?\.(jpg|png))\.part")  # a page, or its marks crop, being written
_VERSION_FOLDER = re.compile(r"v[0-9]+")


@dataclass
class ReadContext:
    engine: OcrEngine
    ocr: OcrSettings
    processing: ProcessingSettings
    page_folder: Path  # page images and OCR results, by page content
    key: str  # the file's sha256, for the log

    @property
    def folder(self) -> Path:
        """Where this page reading version keeps its pages."""
        return version_folder(self.page_folder)

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
        path = self.folder / f"{page_key}.json"
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return None
        if not Path(data["image_path"]).exists():
            return None
        data["boxes"] = [TextBox(b["text"], tuple(b["box"]), b["confidence"]) for b in data["boxes"]]
        return PageContent(**data)

    def _remember(self, page_key: str, page: PageContent) -> None:
        fd, temp = tempfile.mkstemp(dir=self.folder, suffix=".part")
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            json.dump(asdict(page), handle, ensure_ascii=False)
        os.replace(temp, self.folder / f"{page_key}.json")

    def _read(self, image: Image.Image, number: int, page_key: str) -> PageContent:
        image = normalise_size(crop_to_page(decoded(image)))
        if ENGINES[self.ocr.engine].orients_by_reading:
            upright = read_upright(image, self.engine)
            image, result = upright.image, upright.reading
        else:
            image, result = self._read_upright_by_osd(image)
        photo = looks_like_photo(image, len(result.text.split()))
        return PageContent(
            number=number,
            text=result.text,
            ocr=True,
            confidence=result.confidence,
            image_path=self._keep_image(image, page_key),
            boxes=result.boxes,
            has_photo=photo,
        )

    def _read_upright_by_osd(self, image: Image.Image) -> tuple[Image.Image, OcrPage]:
        """For an engine whose confidences do not tell which way up a line is: OSD turns the page,
        and a doubtful reading of a page that is not a photo is compared with the page turned over
        (OSD is weak on sparse pages)."""
        turned_by_osd = read_upright_by_osd(image, self.engine)
        upright, result = turned_by_osd.image, turned_by_osd.reading
        if _doubtful(result) and not looks_like_photo(upright, len(result.text.split())):
            turned = straighten(upright, 180)
            other = self.engine.recognize(turned)
            if _reading_quality(other) > _reading_quality(result):
                return turned, other
        return upright, result

    def _keep_image(self, image: Image.Image, page_key: str) -> str:
        self.folder.mkdir(parents=True, exist_ok=True)
        target = self.folder / f"{page_key}.png"
        temp = target.with_suffix(".png.part")
        # lossless: the certification checks judge thin pen strokes and seal ink by their colour,
        # which a JPEG's halved colour resolution smears (most on low-resolution pages)
        temp.write_bytes(png_bytes(image))
        os.replace(temp, target)
        return str(target)


def png_bytes(image: Image.Image) -> bytes:
    """A page image (RGB or L, as `decoded` leaves it) as a PNG, pixel for pixel."""
    if image.mode not in ("RGB", "L"):
        raise ValueError(f"a page in mode {image.mode} reached the page store undecoded")
    pixels = np.asarray(image)
    ok, encoded = cv2.imencode(".png", cv2.cvtColor(pixels, cv2.COLOR_RGB2BGR) if image.mode == "RGB" else pixels, PNG_PARAMS)
    if not ok:
        raise ValueError(f"a page of {image.size} could not be encoded as PNG")
    return encoded.tobytes()


def version_folder(page_folder: Path) -> Path:
    """Where the current page reading version keeps its pages."""
    return page_folder / f"v{PAGE_READING_VERSION}"


def page_files_shown(results: Iterable[DocumentResult]) -> set[str]:
    """Names of the page files stored results point at: thumbnails, checked copy pages, the lines
    of a form's unread fields. The reports are rebuilt from these, so they outlive their reading."""
    names: set[str] = set()
    for result in results:
        paths = [*result.page_images, *(page.image for page in result.certification_pages),
                 *(page.crop for page in result.certification_pages if page.crop), *result.unread_fields.values()]
        names.update(Path(path).name for path in paths)
    return names


def sweep_page_folder(page_folder: Path, shown: set[str]) -> None:
    """Removes what crashes and upgrades left in the page folder: temporary files untouched for
    STALE_TEMP_SECONDS (a younger one may be another process's write in progress), and the pages
    of earlier page reading versions (in their version folder, or in the page folder itself from
    before versions had folders) except those a stored result shows (`shown`, by name); such a
    page goes when its file is processed again. Meant for start-up, before any page is read."""
    stale_before = time.time() - STALE_TEMP_SECONDS
    temps = pages = kept = 0
    for folder in _page_folders(page_folder):
        current = folder == version_folder(page_folder)
        for path in folder.iterdir():
            if _TEMP_FILE.fullmatch(path.name):
                temps += _remove(path, older_than=stale_before)
            elif not current and _PAGE_FILE.fullmatch(path.name):
                if path.name in shown:
                    kept += 1
                else:
                    pages += _remove(path)
        if not current and folder != page_folder:
            _remove_if_empty(folder)
    if temps or pages:
        log.info(
            "page store: removed %d unfinished temporary file(s) and %d page file(s) of earlier page readings;"
            " %d older page file(s) kept, still shown in the reports", temps, pages, kept,
        )


def _page_folders(page_folder: Path) -> list[Path]:
    if not page_folder.is_dir():
        return []
    versions = [path for path in page_folder.iterdir() if path.is_dir() and _VERSION_FOLDER.fullmatch(path.name)]
    return [page_folder, *versions]


def _remove(path: Path, older_than: float | None = None) -> int:
    """1 when the file was removed; 0 when it is too young, or gone (another process moved it)."""
    try:
        if older_than is not None and path.stat().st_mtime >= older_than:
            return 0
        path.unlink()
    except OSError:
        return 0
    return 1


def _remove_if_empty(folder: Path) -> None:
    try:
        folder.rmdir()
    except OSError:  # not empty: pages still shown, or files not ours
        pass

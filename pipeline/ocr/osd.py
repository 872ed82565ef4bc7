"""Tesseract's orientation and script detection (OSD), the orientation capability every engine
falls back on: the only module besides pipeline.ocr.tesseract that runs Tesseract.

OMP_THREAD_LIMIT=1 since we run one process per core (see shared research: 36 s -> 10 s for 12
pages, identical output)."""

from __future__ import annotations

import os
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager

from PIL import Image

from pipeline.errors import MissingProgramError

os.environ.setdefault("OMP_THREAD_LIMIT", "1")

import pytesseract  # noqa: E402  (the environment above must be set first)

MIN_CONFIDENCE = 1.0  # Tesseract's orientation confidence below which it is taken as unsure
SIDE = 1600  # longest side of the image OSD looks at
TIMEOUT_SECONDS = 30


def require_tesseract(languages: list[str]) -> None:
    """Tesseract 4 or newer is installed with the language data named ('osd' for orientation)."""
    try:
        version = pytesseract.get_tesseract_version()
        available = set(pytesseract.get_languages(config=""))
    except (pytesseract.TesseractNotFoundError, OSError) as exc:
        raise MissingProgramError(
            "tesseract is not installed: apt-get install tesseract-ocr tesseract-ocr-chi-sim tesseract-ocr-osd"
        ) from exc
    if version.major < 4:
        raise MissingProgramError(f"tesseract {version} is too old; version 4 or newer is needed")
    missing = [lang for lang in languages if lang not in available]
    if missing:
        packages = " ".join(f"tesseract-ocr-{lang.replace('_', '-')}" for lang in missing)
        raise MissingProgramError(f"tesseract has no language data for {', '.join(missing)}: apt-get install {packages}")


def check_installed() -> None:
    require_tesseract(["osd"])


@contextmanager
def image_file(image: Image.Image) -> Iterator[str]:
    """The image as a file for Tesseract, uncompressed (PNM: P6 or P5). Given the image itself,
    pytesseract writes a PNG at zlib's default level, which took longer than the orientation
    detection it was written for (23 s against 12 for 6 pages, benchmarks/README.md). Not BMP: its
    header's resolution changes what Tesseract finds."""
    with tempfile.NamedTemporaryFile(prefix="tesseract-", suffix=".pnm") as handle:
        image.save(handle, "PPM")
        handle.flush()
        yield handle.name


def detect_rotation(image: Image.Image) -> int | None:
    """Clockwise degrees (0, 90, 180, 270) that make the page upright, or None when Tesseract's
    orientation detection is unsure or finds too little text."""
    small = image.copy()
    small.thumbnail((SIDE, SIDE))
    try:
        with image_file(small) as path:
            osd = pytesseract.image_to_osd(path, config="--psm 0 -c min_characters_to_try=5",
                                           output_type=pytesseract.Output.DICT, timeout=TIMEOUT_SECONDS)
    except (pytesseract.TesseractError, RuntimeError):
        return None
    if osd.get("orientation_conf", 0) < MIN_CONFIDENCE:
        return None
    return int(osd.get("rotate", 0)) % 360

"""The OCR engines the program knows: one entry each. An engine is added by writing its module
(a class with the `OcrEngine` methods, and `check_installed(settings)` naming the command that
installs what it needs), its options in `pipeline.ocr.options` (a table `[ocr.<name>]` in
config.toml), and one `EngineEntry` here."""

from __future__ import annotations

import importlib
from dataclasses import dataclass
from typing import TYPE_CHECKING

from pipeline.ocr import osd
from pipeline.ocr.engine import OcrEngine

if TYPE_CHECKING:
    from pipeline.config import OcrSettings


@dataclass(frozen=True)
class EngineEntry:
    name: str
    module: str  # imported only when the engine is made: an engine's library is loaded by its module alone
    engine_class: str
    # Peak memory of one worker process with the engine loaded (benchmarks/README.md), rounded up:
    # the pool is never sized beyond what the machine's free memory holds.
    worker_memory_mb: int
    # Whether its line readings' confidences tell an upright line from one turned over, so that a
    # page's orientation is decided from its own reading (pipeline.ocr.orientation) and Tesseract's
    # orientation detection runs only where that reading cannot tell. Otherwise it runs on every page.
    orients_by_reading: bool


ENGINES: dict[str, EngineEntry] = {
    entry.name: entry
    for entry in (
        EngineEntry("rapidocr", "pipeline.ocr.rapid", "RapidOcrEngine", worker_memory_mb=1300, orients_by_reading=True),
        EngineEntry("tesseract", "pipeline.ocr.tesseract", "TesseractEngine", worker_memory_mb=300,
                    orients_by_reading=False),
    )
}


def create_engine(settings: OcrSettings) -> OcrEngine:
    entry = ENGINES[settings.engine]
    return getattr(importlib.import_module(entry.module), entry.engine_class)(settings)


def check_programs(settings: OcrSettings) -> None:
    """Every program the OCR of a page will run is installed: the engine's own, and Tesseract's
    orientation detection, which every engine falls back on. Raises MissingProgramError naming the
    command that installs what is missing."""
    importlib.import_module(ENGINES[settings.engine].module).check_installed(settings)
    osd.check_installed()


def worker_memory_mb(settings: OcrSettings) -> int:
    return ENGINES[settings.engine].worker_memory_mb

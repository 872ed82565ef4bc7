"""The OCR engine seam: one protocol, an engine per module, chosen by config from the registry;
orientation as a capability of its own (pipeline.ocr.orientation, pipeline.ocr.osd)."""

from pipeline.ocr.engine import LineReading, OcrEngine, OcrPage
from pipeline.ocr.registry import ENGINES, check_programs, create_engine, worker_memory_mb

__all__ = ["ENGINES", "LineReading", "OcrEngine", "OcrPage", "check_programs", "create_engine", "worker_memory_mb"]

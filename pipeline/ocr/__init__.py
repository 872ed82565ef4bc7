"""The OCR engine seam: one protocol, an engine per module, chosen by config."""

from pipeline.ocr.engine import WORKER_MEMORY_MB, OcrEngine, OcrPage, create_engine

__all__ = ["WORKER_MEMORY_MB", "OcrEngine", "OcrPage", "create_engine"]

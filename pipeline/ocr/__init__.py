"""The OCR engine seam: one protocol, an engine per module, chosen by config."""

from pipeline.ocr.engine import OcrEngine, OcrPage, create_engine

__all__ = ["OcrEngine", "OcrPage", "create_engine"]

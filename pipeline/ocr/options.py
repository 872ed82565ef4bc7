"""Each OCR engine's own settings: the `[ocr.<engine>]` table of config.toml, validated at start-up.
Kept free of the engines' libraries, so that reading the config loads none of them."""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict, Field


class _EngineOptions(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class RapidOcrOptions(_EngineOptions):
    # Longest side of a page as the detector sees it (RapidOCR's Global.max_side_len). A4 at 200 dpi
    # is 2339 px; at 2000 a 7 mm title is 45 px high and a summary sheet's small print stays legible.
    # The detector's memory grows with the square of this side (benchmarks/README.md).
    page_side: int = Field(default=2000, ge=640, le=4096)
    # The detector's memory peaks with the area it sees at once: a page is detected in this many
    # overlapping bands across its long side. With 2 (and recognition_batch 1) the engine alone peaks
    # at 650-690 MB instead of 860-1020, a worker not much lower (777-987 MB: what glibc keeps after
    # freeing), and some pages take twice the time (benchmarks/README.md): 1.
    detection_bands: int = Field(default=1, ge=1, le=4)
    # Text lines recognised in one batch: a batch of long table rows is as wide as its widest.
    recognition_batch: int = Field(default=6, ge=1, le=16)
    # onnxruntime threads per worker: the pool runs one worker per core, so one each.
    threads: int = Field(default=1, ge=1, le=64)


class TesseractOptions(_EngineOptions):
    # Longest side given to Tesseract: ~190 dpi on A4, as accurate as more and faster.
    page_side: int = Field(default=2200, ge=640, le=6000)
    # Page segmentation mode: 4 (one column of text of variable sizes) reads forms and
    # certificates better than the default 3 on our pages.
    psm: int = Field(default=4, ge=0, le=13)

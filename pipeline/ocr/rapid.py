"""RapidOCR (PP-OCR models on onnxruntime, shipped inside the wheel): the only module that
imports it. More accurate than Tesseract on Chinese pages, about 1 GB of memory a process.
The default engine; Tesseract (pipeline.ocr.tesseract) is the low-memory choice."""

from __future__ import annotations

from PIL import Image

from pipeline.config import OcrSettings
from pipeline.errors import MissingProgramError
from pipeline.models import TextBox
from pipeline.ocr.engine import OcrPage
from pipeline.ocr.lines import as_lines


class RapidOcrEngine:
    name = "rapidocr"

    def __init__(self, settings: OcrSettings) -> None:
        try:
            from rapidocr import RapidOCR
        except ImportError as exc:
            raise MissingProgramError(
                "ocr.engine = 'rapidocr' needs the rapidocr and onnxruntime packages (deploy/install.sh installs them)"
            ) from exc
        self.settings = settings
        # one thread each: the pipeline runs one worker process per core (onnxruntime would
        # otherwise take every core in every worker, and the workers would fight over them)
        self._engine = RapidOCR(params={
            "Global.use_cls": False,
            "Global.log_level": "error",  # it announces its model files at every start, and every blank crop
            "EngineConfig.onnxruntime.intra_op_num_threads": 1,
            "EngineConfig.onnxruntime.inter_op_num_threads": 1,
        })

    def detect_rotation(self, image: Image.Image) -> int:
        """RapidOCR's own classifier garbles Chinese lines (shared research); Tesseract's
        orientation detection is used when Tesseract is installed."""
        try:
            from pipeline.ocr.tesseract import detect_rotation
        except ImportError:
            return 0
        return detect_rotation(image)

    def recognize(self, image: Image.Image) -> OcrPage:
        import numpy as np

        result = self._engine(np.asarray(image.convert("RGB")))
        boxes: list[TextBox] = []
        if result.boxes is not None:
            for points, text, score in zip(result.boxes, result.txts, result.scores):
                xs = [int(p[0]) for p in points]
                ys = [int(p[1]) for p in points]
                boxes.append(TextBox(text=text, box=(min(xs), min(ys), max(xs), max(ys)), confidence=float(score)))
        confidence = sum(b.confidence for b in boxes) / len(boxes) if boxes else None
        text = "\n".join(line.text for line in as_lines(boxes))  # the boxes stay per phrase: they are tighter
        return OcrPage(text=text, confidence=confidence, boxes=boxes)

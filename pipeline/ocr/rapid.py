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

# A page that yields (almost) no text is read once more with its longest side at RETRY_SIDE.
# RapidOCR's detector sees an A4 page at 200 dpi at up to 2000 px; there a title printed
# 7 mm high is about 45 px, a size it misses now and then: a work-photo sheet's title 工作照片,
# the only text on the page, came back as no text at all (and at 1280 px still, on some pages).
# At RETRY_SIDE (the detector's classic limit in PaddleOCR) the title is about 22 px, well
# inside what it finds. Only the retry is smaller: with every page detected at 1280 px, the small
# print of a scanned summary sheet's cells was read worse (benchmarks/ocr_accuracy.py).
RETRY_SIDE = 960
FEW_CHARACTERS = 4


def _characters(boxes: list[TextBox]) -> int:
    return sum(len(b.text.strip()) for b in boxes)


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
        boxes = self._boxes(image)
        if _characters(boxes) < FEW_CHARACTERS and max(image.size) > RETRY_SIDE:
            scale = RETRY_SIDE / max(image.size)
            smaller = image.resize((round(image.width * scale), round(image.height * scale)), Image.LANCZOS)
            again = [TextBox(b.text, tuple(round(v / scale) for v in b.box), b.confidence) for b in self._boxes(smaller)]
            if _characters(again) > _characters(boxes):
                boxes = again
        confidence = sum(b.confidence for b in boxes) / len(boxes) if boxes else None
        text = "\n".join(line.text for line in as_lines(boxes))  # the boxes stay per phrase: they are tighter
        return OcrPage(text=text, confidence=confidence, boxes=boxes)

    def read_line(self, image: Image.Image) -> str:
        import numpy as np

        # Recognition alone: the detector would first scale a strip's short side up to 736 px.
        result = self._engine(np.asarray(image.convert("RGB")), use_det=False, use_cls=False, use_rec=True)
        return "".join(result.txts or ())

    def _boxes(self, image: Image.Image) -> list[TextBox]:
        import numpy as np

        # the steps named at every call: a call's choice of steps outlasts it in the engine
        result = self._engine(np.asarray(image.convert("RGB")), use_det=True, use_cls=False, use_rec=True)
        boxes: list[TextBox] = []
        if result.boxes is not None:
            for points, text, score in zip(result.boxes, result.txts, result.scores):
                xs = [int(p[0]) for p in points]
                ys = [int(p[1]) for p in points]
                boxes.append(TextBox(text=text, box=(min(xs), min(ys), max(xs), max(ys)), confidence=float(score)))
        return boxes

"""RapidOCR (PP-OCR models on onnxruntime, shipped inside the wheel): the only module that
imports it. More accurate than Tesseract on Chinese pages. The default engine; Tesseract
(pipeline.ocr.tesseract) is the low-memory choice. Its options (`[ocr.rapidocr]`,
pipeline.ocr.options): the page side the detector sees, onnxruntime's threads."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

import cv2
import numpy as np
from PIL import Image

from pipeline.errors import MissingProgramError
from pipeline.models import TextBox
from pipeline.ocr.engine import LineReading, OcrPage
from pipeline.ocr.lines import as_lines
from pipeline.ocr.coverage import unread_text_area

if TYPE_CHECKING:
    from pipeline.config import OcrSettings

# A page read as (almost) no text although it holds text-like ink that no box covers is read once
# more with its longest side at RETRY_SIDE. RapidOCR's detector sees an A4 page at 200 dpi at up to
# 2000 px; there a title printed 7 mm high is about 45 px, a size it misses now and then: a
# work-photo sheet's title 工作照片, the only text on the page, came back as no text at all (and at
# 1280 px still, on some pages). At RETRY_SIDE (the detector's classic limit in PaddleOCR) the title
# is about 22 px, well inside what it finds. Only the retry is smaller: with every page detected at
# 1280 px, the small print of a scanned summary sheet's cells was read worse
# (benchmarks/ocr_accuracy.py). A page with no such ink (a blank page, photos alone) is not read again.
RETRY_SIDE = 960
FEW_CHARACTERS = 4
UNREAD_TEXT_AREA = 0.002  # share of the page in text-like ink outside every box that makes a reading poor

# Detection in bands (RapidOcrOptions.detection_bands), one above the other: a seam runs along the
# lines, never across them. Each band reaches this far past its seams, so a line up to this high (a
# 20 mm title at 2000 px) lies whole in one band; a box belongs to the band its centre falls in.
# Images no taller than BANDS_ABOVE are detected whole.
BAND_OVERLAP = 160
BANDS_ABOVE = 1200
SIDE_STEP = 32  # the detector takes sides in multiples of this
CUT_MARGIN = 3  # a box within this many pixels of its band's edge was cut by it
JOIN_SHARED_WIDTH = 0.5  # two cut parts sharing this much of the narrower's width are one box


def _characters(boxes: list[TextBox]) -> int:
    return sum(len(b.text.strip()) for b in boxes)


def check_installed(settings: OcrSettings) -> None:
    try:
        import onnxruntime  # noqa: F401
        import rapidocr  # noqa: F401
    except ImportError as exc:
        raise MissingProgramError(
            "ocr.engine = 'rapidocr' needs the rapidocr and onnxruntime packages (deploy/install.sh installs them)"
        ) from exc


class RapidOcrEngine:
    name = "rapidocr"

    def __init__(self, settings: OcrSettings) -> None:
        check_installed(settings)
        from rapidocr import RapidOCR

        self.settings = settings
        options = settings.rapidocr
        self._engine = RapidOCR(params={
            "Global.use_cls": False,
            "Global.log_level": "error",  # it announces its model files at every start, and every blank crop
            "Global.max_side_len": options.page_side,
            "Rec.rec_batch_num": options.recognition_batch,
            # the pipeline runs one worker process per core: onnxruntime would otherwise take every
            # core in every worker, and the workers would fight over them
            "EngineConfig.onnxruntime.intra_op_num_threads": options.threads,
            "EngineConfig.onnxruntime.inter_op_num_threads": 1,
            "EngineConfig.onnxruntime.enable_cpu_mem_arena": False,
        })

    def recognize(self, image: Image.Image) -> OcrPage:
        boxes = self._boxes(image)
        if self._poorly_read(image, boxes):
            scale = RETRY_SIDE / max(image.size)
            smaller = image.resize((round(image.width * scale), round(image.height * scale)), Image.LANCZOS)
            again = [TextBox(b.text, tuple(round(v / scale) for v in b.box), b.confidence) for b in self._boxes(smaller)]
            if _characters(again) > _characters(boxes):
                boxes = again
        confidence = sum(b.confidence for b in boxes) / len(boxes) if boxes else None
        text = "\n".join(line.text for line in as_lines(boxes))  # the boxes stay per phrase: they are tighter
        return OcrPage(text=text, confidence=confidence, boxes=boxes)

    @staticmethod
    def _poorly_read(image: Image.Image, boxes: list[TextBox]) -> bool:
        """Few characters read, while text-like ink lies outside every box: the detector missed text."""
        return (_characters(boxes) < FEW_CHARACTERS and max(image.size) > RETRY_SIDE
                and unread_text_area(image, [b.box for b in boxes]) >= UNREAD_TEXT_AREA)

    def read_line(self, image: Image.Image) -> str:
        return self.read_lines([image])[0].text

    def read_lines(self, images: Sequence[Image.Image]) -> list[LineReading]:
        # Recognition alone: the detector would first scale a strip's short side up to 736 px.
        readings = []
        for image in images:
            result = self._engine(np.asarray(image.convert("RGB")), use_det=False, use_cls=False, use_rec=True)
            readings.append(LineReading("".join(result.txts or ()), float(np.mean(result.scores)) if result.scores else 0.0))
        return readings

    def _boxes(self, image: Image.Image) -> list[TextBox]:
        """The page's text boxes, read, in the image's pixels. The page is scaled to the detector's
        side here (as RapidOCR would) so that it can be cut into bands of that scale."""
        pixels = np.asarray(image.convert("RGB"))
        scale = min(1.0, self.settings.rapidocr.page_side / max(image.size))
        if scale < 1.0:
            size = [max(SIDE_STEP, round(side * scale / SIDE_STEP) * SIDE_STEP) for side in image.size]
            pixels = cv2.resize(pixels, tuple(size))
        scale_x, scale_y = pixels.shape[1] / image.width, pixels.shape[0] / image.height
        found: list[_Found] = []
        for start, end, own in _bands(pixels.shape[0], self.settings.rapidocr.detection_bands):
            for text, (x0, y0, x1, y1), score in self._read_band(pixels[start:end]):
                box = (x0, y0 + start, x1, y1 + start)
                cut_above = start > 0 and y0 <= CUT_MARGIN
                cut_below = end < pixels.shape[0] and y1 >= end - start - CUT_MARGIN
                found.append(_Found(text, box, score, own, cut_above, cut_below))
        boxes = []
        for item in _joined(found, self._read_tall_box, pixels):
            x0, y0, x1, y1 = item.box
            boxes.append(TextBox(item.text, (round(x0 / scale_x), round(y0 / scale_y), round(x1 / scale_x),
                                             round(y1 / scale_y)), item.score))
        return boxes

    def _read_tall_box(self, pixels: np.ndarray, box: tuple[int, int, int, int]) -> tuple[str, float]:
        """A box cut by a seam read whole, by recognition alone, turned as RapidOCR turns a box
        at least 1.5 times as high as wide."""
        x0, y0, x1, y1 = box
        crop = pixels[y0:y1 + 1, x0:x1 + 1]
        if crop.shape[0] >= 1.5 * crop.shape[1]:
            crop = np.rot90(crop)
        reading = self.read_lines([Image.fromarray(np.ascontiguousarray(crop))])[0]
        return reading.text, reading.confidence

    def _read_band(self, pixels: np.ndarray) -> list[tuple[str, tuple[int, int, int, int], float]]:
        # the steps named at every call: a call's choice of steps outlasts it in the engine
        result = self._engine(pixels, use_det=True, use_cls=False, use_rec=True)
        if result.boxes is None:
            return []
        found = []
        for points, text, score in zip(result.boxes, result.txts, result.scores):
            xs = [int(p[0]) for p in points]
            ys = [int(p[1]) for p in points]
            found.append((text, (min(xs), min(ys), max(xs), max(ys)), float(score)))
        return found


@dataclass(frozen=True)
class _Found:
    """A box as one band read it, in the scaled page's pixels."""

    text: str
    box: tuple[int, int, int, int]
    score: float
    own: tuple[float, float]  # the stretch of the page its band owns
    cut_above: bool  # it reaches its band's upper edge (which is not the page's)
    cut_below: bool

    @property
    def owned(self) -> bool:
        return self.own[0] <= (self.box[1] + self.box[3]) / 2 < self.own[1]


def _joined(found: list[_Found], read, pixels: np.ndarray) -> list[_Found]:
    """The boxes each band owns; a box higher than the bands' overlap, cut at a seam and so cut in
    both bands (a column of row numbers read as one box), is joined from its two parts and read
    whole by `read(pixels, box)`."""
    result = []
    lower_parts = [item for item in found if item.cut_above]
    for item in found:
        if item.cut_above and any(_same_box(other, item) for other in found if other.cut_below):
            continue  # the lower part of a joined box
        if item.cut_below:
            lower = next((other for other in lower_parts if _same_box(item, other)), None)
            if lower is not None:
                box = (min(item.box[0], lower.box[0]), item.box[1], max(item.box[2], lower.box[2]), lower.box[3])
                text, score = read(pixels, box)
                if text.strip():
                    result.append(_Found(text, box, score, item.own, item.cut_above, lower.cut_below))
                continue
        if item.owned:
            result.append(item)
    return result


def _same_box(upper: _Found, lower: _Found) -> bool:
    """Whether two parts cut at one seam are one box: the upper reaches below the lower's top,
    and they share most of their width."""
    if upper.own >= lower.own or upper.box[3] <= lower.box[1] or upper.box[1] >= lower.box[1]:
        return False
    shared = min(upper.box[2], lower.box[2]) - max(upper.box[0], lower.box[0])
    return shared >= JOIN_SHARED_WIDTH * min(upper.box[2] - upper.box[0], lower.box[2] - lower.box[0])


def _bands(length: int, count: int) -> list[tuple[int, int, tuple[float, float]]]:
    """(start, end, (own start, own end)) of each band down a page `length` high: the bands own
    equal stretches and reach BAND_OVERLAP past them (on SIDE_STEP multiples)."""
    if count <= 1 or length <= BANDS_ABOVE:
        return [(0, length, (0.0, float(length)))]
    seams = [round(length * k / count / SIDE_STEP) * SIDE_STEP for k in range(count + 1)]
    seams[-1] = length
    bands = []
    for k in range(count):
        start = max(0, seams[k] - BAND_OVERLAP)
        end = min(length, seams[k + 1] + BAND_OVERLAP)
        own = (float(seams[k]) if k else 0.0, float(seams[k + 1]) if k < count - 1 else float(length))
        bands.append((start, end, own))
    return bands

"""Which way up a page is, decided from its own reading where the engine's line confidences can
tell (RapidOCR), with Tesseract's orientation detection (pipeline.ocr.osd) only where they cannot.

An upright page is read once: its text boxes say whether its lines run across (0 or 180 degrees
to turn) or down (90 or 270), and the longest few, cut out and read by recognition alone as they
stand and turned, say which: an upright line reads with a clearly higher confidence than the same
line upside down. Where the boxes are too few, or the lines' direction or the confidences do not
clearly agree, OSD decides. Only a page found turned is read again, upright."""

from __future__ import annotations

from dataclasses import dataclass

from PIL import Image

from pipeline.models import TextBox
from pipeline.ocr import osd
from pipeline.ocr.engine import OcrEngine, OcrPage
from pipeline.ocr.prepare import straighten

TRIAL_LINES = 4  # the longest lines read as they stand and turned
ELONGATION = 2.0  # a box this many times longer than thick is a line whose direction counts
MIN_LINES = 2  # lines whose direction counts needed before the boxes are trusted at all
DIRECTION_MAJORITY = 0.75  # share of those lines that must run one way
CONFIDENCE_MARGIN = 0.1  # the best turn's mean confidence must beat the next by this much…
MIN_CONFIDENCE = 0.6  # …and reach this


@dataclass(frozen=True)
class OrientationEvidence:
    across: int  # boxes clearly wider than high
    down: int  # boxes clearly higher than wide
    confidence: dict[int, float]  # mean confidence of the trial lines read turned clockwise by each angle


def decide(evidence: OrientationEvidence) -> int | None:
    """Clockwise degrees that make the page upright, or None when the evidence does not settle it."""
    lines = evidence.across + evidence.down
    if lines < MIN_LINES or max(evidence.across, evidence.down) < DIRECTION_MAJORITY * lines:
        return None
    if len(evidence.confidence) < 2:
        return None
    ranked = sorted(evidence.confidence.items(), key=lambda item: item[1], reverse=True)
    (best, top), (_, second) = ranked[0], ranked[1]
    if top < MIN_CONFIDENCE or top - second < CONFIDENCE_MARGIN:
        return None
    return best


def _length(box: TextBox) -> int:
    x0, y0, x1, y1 = box.box
    return max(x1 - x0, y1 - y0)


def _elongated(box: TextBox, across: bool) -> bool:
    x0, y0, x1, y1 = box.box
    width, height = max(1, x1 - x0), max(1, y1 - y0)
    return width >= ELONGATION * height if across else height >= ELONGATION * width


def gather(image: Image.Image, reading: OcrPage, engine: OcrEngine) -> OrientationEvidence:
    """The evidence of one reading of `image`: its lines' direction, and how well its longest lines
    read at each of the two turns that direction allows."""
    across = sum(_elongated(box, True) for box in reading.boxes)
    down = sum(_elongated(box, False) for box in reading.boxes)
    turns = (0, 180) if across >= down else (90, 270)
    trial = sorted((box for box in reading.boxes if _elongated(box, across >= down)), key=_length, reverse=True)
    crops = [image.crop(box.box) for box in trial[:TRIAL_LINES]]
    confidence: dict[int, float] = {}
    if crops:
        for turn in turns:
            readings = engine.read_lines([crop.rotate(-turn, expand=True) for crop in crops])
            confidence[turn] = sum(r.confidence for r in readings) / len(readings)
    return OrientationEvidence(across, down, confidence)


@dataclass(frozen=True)
class UprightPage:
    image: Image.Image  # turned upright and straightened
    reading: OcrPage  # of `image`
    rotation: int  # clockwise degrees the page was turned
    by_osd: bool  # whether Tesseract's orientation detection decided it


def read_upright(image: Image.Image, engine: OcrEngine) -> UprightPage:
    """The page straightened and turned upright, and its reading, for an engine whose line
    confidences tell which way up a line is."""
    upright = straighten(image, 0)
    reading = engine.recognize(upright)
    rotation = decide(gather(upright, reading, engine))
    by_osd = rotation is None
    if rotation is None:
        rotation = osd.detect_rotation(upright) or 0
    if rotation:
        upright = straighten(image, rotation)
        reading = engine.recognize(upright)
    return UprightPage(upright, reading, rotation, by_osd)


def read_upright_by_osd(image: Image.Image, engine: OcrEngine) -> UprightPage:
    """The page turned as Tesseract's orientation detection says, straightened, and read."""
    rotation = osd.detect_rotation(image) or 0
    upright = straighten(image, rotation)
    return UprightPage(upright, engine.recognize(upright), rotation, True)

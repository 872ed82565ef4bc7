"""The text on a seal's arc (its unit's name): the ring band between the rim and the star
unrolled into a straight strip, from the bottom round by the left, the top and the right
(the way arc text runs), cut where the text leaves its widest gap, then read as one line by
recognition alone (the strip is one line: no search for text regions)."""

from __future__ import annotations

import math

import cv2
import numpy as np
from PIL import Image

from pipeline.certify.page import PageImage
from pipeline.certify.seal import Seal
from pipeline.ocr import OcrEngine

BAND = (0.55, 0.9)  # the arc text lies between these shares of the seal's radius (the rim outside)
STRIP_HEIGHT_PX = 64  # the strip is scaled to this height, which OCR reads well
MIN_CONFIDENCE = 0.7  # a reading less sure than this is not reported
GAP_NOISE = 0.05  # a column of the strip with less ink than this share of its height is blank


def read_arc(page: PageImage, seal: Seal, engine: OcrEngine) -> str:
    """The seal's arc text, or "" when it cannot be read surely."""
    inner, outer = BAND
    a, b = seal.axes
    ring = 0.5 * (inner + outer) * max(a, b)
    width = int(2 * math.pi * ring * STRIP_HEIGHT_PX / ((outer - inner) * max(a, b)))
    t = np.linspace(math.pi / 2, math.pi / 2 + 2 * math.pi, width, endpoint=False, dtype=np.float32)
    k = np.linspace(outer, inner, STRIP_HEIGHT_PX, dtype=np.float32)[:, None]  # outer edge on top: letters upright
    cos_a, sin_a = math.cos(math.radians(seal.angle)), math.sin(math.radians(seal.angle))
    u, v = k * a * np.cos(t), k * b * np.sin(t)
    map_x = (seal.centre[0] + u * cos_a - v * sin_a).astype(np.float32)
    map_y = (seal.centre[1] + u * sin_a + v * cos_a).astype(np.float32)
    strip = _from_gap(cv2.remap(_ink_strength(page, seal), map_x, map_y, cv2.INTER_LINEAR, borderValue=0))
    inked = np.nonzero((strip >= 128).any(axis=0))[0]
    if not len(inked):
        return ""
    strip = strip[:, inked[0]:inked[-1] + 1]
    strip = cv2.copyMakeBorder(255 - strip, 16, 16, 16, 16, cv2.BORDER_CONSTANT, value=255)
    reading = engine.read_lines([Image.fromarray(strip)])[0]
    return reading.text.strip() if reading.confidence >= MIN_CONFIDENCE else ""


def _ink_strength(page: PageImage, seal: Seal) -> np.ndarray:
    """How strongly each pixel carries the seal's ink (0-255), kept smooth for OCR: redness on
    a colour page, darkness on a black-and-white one."""
    if not seal.by_colour:
        return 255 - page.grey
    rgb = page.rgb.astype(np.int16)
    redness = rgb[..., 0] - np.maximum(rgb[..., 1], rgb[..., 2])
    return np.clip(redness * 2, 0, 255).astype(np.uint8)


def _from_gap(strip: np.ndarray) -> np.ndarray:
    """The unrolled ring turned to begin in the middle of its widest inkless stretch: where
    the arc text ends and begins (a stamp is often turned, so that gap is not always below)."""
    inked = (strip >= 128).sum(axis=0) > GAP_NOISE * strip.shape[0]
    inked = cv2.morphologyEx(inked.astype(np.uint8)[None, :], cv2.MORPH_OPEN, np.ones((1, 5), np.uint8))[0] > 0
    empty = ~inked
    if empty.all() or not empty.any():
        return strip
    width = len(empty)
    doubled = np.concatenate([empty, empty])
    best_start, best_length, start = 0, 0, None
    for index, blank in enumerate(doubled):
        if blank and start is None:
            start = index
        if (not blank or index == len(doubled) - 1) and start is not None:
            length = index - start
            if length > best_length:
                best_start, best_length = start, length
            start = None
    middle = (best_start + min(best_length, width) // 2) % width
    return np.roll(strip, -middle, axis=1)

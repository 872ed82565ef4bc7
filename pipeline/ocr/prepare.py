"""Page images made ready for OCR: upright, straight, and of a sensible size."""

from __future__ import annotations

import cv2
import numpy as np
from PIL import Image, ImageOps

MAX_SIDE = 3500
MIN_SIDE = 1000
MAX_SKEW_DEGREES = 6.0
SKEW_STEP = 0.25


def normalise_size(image: Image.Image) -> Image.Image:
    image = ImageOps.exif_transpose(image)
    if image.mode not in ("RGB", "L"):
        image = image.convert("RGB")
    longest = max(image.size)
    if longest > MAX_SIDE or longest < MIN_SIDE:
        scale = (MAX_SIDE if longest > MAX_SIDE else MIN_SIDE) / longest
        image = image.resize((round(image.width * scale), round(image.height * scale)), Image.LANCZOS)
    return image


def skew_angle(image: Image.Image) -> float:
    """The small rotation (degrees, counter-clockwise positive) that makes text lines
    horizontal: the angle whose row profile of ink is the most peaked."""
    small = image.convert("L")
    small.thumbnail((900, 900))
    ink = (np.asarray(small, dtype=np.uint8) < 140).astype(np.uint8) * 255
    if ink.mean() < 0.5:  # a blank page
        return 0.0
    canvas = Image.fromarray(ink)
    best_angle, best_score = 0.0, -1.0
    for angle in np.arange(-MAX_SKEW_DEGREES, MAX_SKEW_DEGREES + SKEW_STEP, SKEW_STEP):
        rows = np.asarray(canvas.rotate(float(angle), resample=Image.NEAREST), dtype=np.float32).sum(axis=1)
        score = float(np.square(np.diff(rows)).sum())
        if score > best_score:
            best_angle, best_score = float(angle), score
    return best_angle


def straighten(image: Image.Image, rotation: int) -> Image.Image:
    """Turns the page upright (`rotation` clockwise degrees from orientation detection),
    then removes a small skew."""
    if rotation:
        image = image.rotate(-rotation, expand=True)
    angle = skew_angle(image)
    if abs(angle) >= SKEW_STEP:
        fill = (255, 255, 255) if image.mode == "RGB" else 255
        image = image.rotate(angle, resample=Image.BICUBIC, expand=True, fillcolor=fill)
    return image


def even_light(grey: Image.Image) -> Image.Image:
    """Divides the page by its own background (a large closing removes the text), so grey
    paper, shadows and a light-grey ID card print read as black on white."""
    pixels = np.asarray(grey.convert("L"))
    size = max(15, (max(pixels.shape) // 60) | 1)
    background = cv2.morphologyEx(pixels, cv2.MORPH_CLOSE, cv2.getStructuringElement(cv2.MORPH_ELLIPSE, (size, size)))
    return Image.fromarray(cv2.divide(pixels, background, scale=255))

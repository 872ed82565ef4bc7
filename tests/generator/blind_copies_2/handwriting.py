"""Pen on paper: handwritten words (from a brush-like Kai font, each character jittered), and
signatures as people actually sign: a quick run of connected strokes."""

from __future__ import annotations

import random

import cv2
import numpy as np
from PIL import Image, ImageDraw

from .ink import UKAI, Mask, font, rotated, thinned, to_mask, trimmed

PEN_INKS = {
    "black_ballpoint": (35, 35, 45),
    "blue_ballpoint": (35, 60, 165),
    "blueblack_gel": (30, 40, 85),
    "black_gel": (12, 12, 16),
    "red_ballpoint": (200, 35, 40),
}


def written(text: str, size_px: int, rng: random.Random, hurry: float, pen: str) -> Mask:
    """`text` written by hand, `hurry` 0 (neat) .. 1 (scribbled): slant, uneven size and spacing, a
    drifting baseline, joined characters."""
    face_size = max(8, size_px)
    step = face_size * (1.0 - 0.25 * hurry)
    canvas = Image.new("L", (int(step * (len(text) + 1) + face_size * 2), int(face_size * 2.4)), 0)
    x, base = face_size * 0.3, face_size * 0.5
    for char in text:
        scale = rng.uniform(0.85, 1.15) + 0.1 * hurry * rng.uniform(-1, 1)
        glyph = Image.new("L", (int(face_size * 1.6), int(face_size * 1.6)), 0)
        ImageDraw.Draw(glyph).text((face_size * 0.2, face_size * 0.1), char, font=font(UKAI, int(face_size * scale)), fill=255)
        glyph = glyph.rotate(rng.gauss(0, 3 + 6 * hurry), resample=Image.BICUBIC)
        if char in "，。！、：":  # full-width punctuation sits in the left of its square
            x -= step * 0.35
        canvas.paste(255, (int(x), int(base + rng.gauss(0, 1 + 3 * hurry))), glyph)
        narrow = char in "，。！、：" or char.isascii()  # punctuation, digits and letters take half a square
        x += step * rng.uniform(0.9, 1.1) * (0.55 if narrow else 1.0)
        base += rng.uniform(-0.04, 0.06) * face_size * hurry
    mask = _wobbled(trimmed(to_mask(canvas)), rng, face_size * (0.03 + 0.05 * hurry))
    mask = _slanted(mask, rng.uniform(0.05, 0.15) + 0.25 * hurry)
    if hurry > 0.5:
        mask = np.maximum(mask, _joins(mask.shape, rng, max(1, face_size // 16), step))
    return thinned(mask, _pen_thinning(pen, face_size))


def scrawl(characters: int, height_px: int, rng: random.Random, pen: str) -> Mask:
    """A signature as a connected scrawl: per character a few loops and hooks, joined, leaning right,
    often finished by a long tail stroke."""
    width = int(height_px * (0.75 * characters + 0.6))
    canvas = Image.new("L", (width + height_px, int(height_px * 1.7)), 0)
    draw = ImageDraw.Draw(canvas)
    points: list[tuple[float, float]] = []
    x, mid = height_px * 0.3, height_px * 0.85
    for _ in range(characters):
        for _ in range(rng.randint(4, 7)):
            points.append((x + rng.uniform(-0.2, 0.5) * height_px, mid + rng.uniform(-0.55, 0.5) * height_px))
        x += height_px * rng.uniform(0.55, 0.85)
    if rng.random() < 0.6:
        points.append((x + height_px * rng.uniform(0.3, 0.8), mid + rng.uniform(-0.1, 0.4) * height_px))
    line = _smooth(points, 10)
    width_px = max(1, height_px // rng.choice((16, 20, 26)))
    for (x0, y0), (x1, y1) in zip(line, line[1:]):
        w = max(1, int(round(width_px * rng.uniform(0.7, 1.25))))
        draw.line((x0, y0, x1, y1), fill=255, width=w)
    mask = _slanted(trimmed(to_mask(canvas)), rng.uniform(0.1, 0.35))
    return thinned(mask, -1 if pen.endswith("gel") and height_px > 40 else 0)


def initials(letters: str, height_px: int, rng: random.Random, pen: str) -> Mask:
    """Latin initials (pinyin, e.g. ZWL) written quickly: letters drawn as strokes of a cursive shape."""
    mask = written(letters, height_px, rng, 0.6, pen)
    return rotated(mask, rng.uniform(-6, 6))


def _wobbled(mask: Mask, rng: random.Random, amount: float) -> Mask:
    """A hand is not a typeface: strokes bent by a smooth random displacement of up to `amount` pixels."""
    h, w = mask.shape
    noise = np.random.default_rng(rng.randint(0, 2**31))
    cells = (max(2, h // 12), max(2, w // 12))
    dx, dy = (cv2.resize(noise.uniform(-amount, amount, cells).astype(np.float32), (w, h), interpolation=cv2.INTER_CUBIC)
              for _ in range(2))
    xs, ys = np.meshgrid(np.arange(w, dtype=np.float32), np.arange(h, dtype=np.float32))
    return cv2.remap(mask, xs + dx, ys + dy, interpolation=cv2.INTER_LINEAR, borderValue=0)


def _pen_thinning(pen: str, size_px: int) -> int:
    if pen.endswith("gel"):
        return 0 if size_px < 50 else -1
    return 0 if size_px < 90 else 1


def _slanted(mask: Mask, shear: float) -> Mask:
    h, w = mask.shape
    extra = int(abs(shear) * h) + 2
    image = Image.fromarray((mask * 255).astype(np.uint8), "L")
    image = image.transform((w + extra, h), Image.AFFINE, (1, shear, -shear * h if shear > 0 else 0, 0, 1, 0),
                            resample=Image.BICUBIC)
    return to_mask(image)


def _joins(shape: tuple[int, int], rng: random.Random, width: int, step: float) -> Mask:
    """Hasty ligatures: a short stroke from the foot of one character to the head of the next."""
    h, w = shape
    canvas = Image.new("L", (w, h), 0)
    draw = ImageDraw.Draw(canvas)
    x = step * 0.8
    while x < w - step * 0.5:
        if rng.random() < 0.6:
            draw.line((x, h * rng.uniform(0.6, 0.8), x + step * 0.3, h * rng.uniform(0.25, 0.45)), fill=220, width=width)
        x += step
    return to_mask(canvas)


def _smooth(points: list[tuple[float, float]], steps: int) -> list[tuple[float, float]]:
    """A Catmull-Rom curve through the points."""
    if len(points) < 3:
        return points
    padded = [points[0], *points, points[-1]]
    out: list[tuple[float, float]] = []
    for i in range(1, len(padded) - 2):
        p0, p1, p2, p3 = padded[i - 1], padded[i], padded[i + 1], padded[i + 2]
        for s in range(steps):
            t = s / steps
            t2, t3 = t * t, t * t * t
            out.append(tuple(0.5 * (2 * p1[k] + (-p0[k] + p2[k]) * t + (2 * p0[k] - 5 * p1[k] + 4 * p2[k] - p3[k]) * t2
                                    + (-p0[k] + 3 * p1[k] - 3 * p2[k] + p3[k]) * t3) for k in (0, 1)))
    out.append(points[-1])
    return out


def pinyin_initials(name: str, rng: random.Random) -> str:
    """Initials for a name; the mapping need not be true pinyin, only plausible Latin letters."""
    letters = "BCDFGHJKLMNPQRSTWXYZ"
    return "".join(letters[(ord(char) * 7 + 3) % len(letters)] for char in name) if rng.random() < 0.8 else name[0] + "." + letters[ord(name[-1]) % 20]


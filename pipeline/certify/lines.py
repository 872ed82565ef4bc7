"""Text lines of one ink in a region, straightened: the angle that makes the ink's row profile
sharpest, then the densest rows, each cut out as a black-on-white strip ready for OCR, with
the strip's outline in page pixels."""

from __future__ import annotations

import math
from dataclasses import dataclass

import cv2
import numpy as np
from PIL import Image

MAX_ANGLE = 25.0
LINE_HALF_MM = 7.0  # half the height of a strip: handwriting is 6-10 mm high
MIN_LINE_INK_MM = 3.0  # a row band needs this much ink (in mm of width) to be a line
MAX_POINTS = 20_000
STRIP_PAD = 20  # white pixels around the ink of a strip
STRIP_PX_PER_MM = 6.0  # strips are handed to the OCR at no more than this scale (about 150 dpi)


@dataclass(frozen=True)
class Line:
    image: Image.Image  # black ink on white, padded
    outline: tuple[tuple[int, int], ...]  # the strip's corners in page pixels
    angle: float  # degrees the region was turned to make the line level

    @property
    def box(self) -> tuple[int, int, int, int]:
        xs = [p[0] for p in self.outline]
        ys = [p[1] for p in self.outline]
        return (min(xs), min(ys), max(xs), max(ys))

    def part(self, left: int, right: int) -> Line:
        """The piece of the line between two columns of its strip image."""
        inner = max(1, self.image.width - 2 * STRIP_PAD)
        start, end = (min(1.0, max(0.0, (x - STRIP_PAD) / inner)) for x in (left, right))
        top_left, top_right, bottom_right, bottom_left = self.outline

        def along(a: tuple[int, int], b: tuple[int, int], t: float) -> tuple[int, int]:
            return (round(a[0] + (b[0] - a[0]) * t), round(a[1] + (b[1] - a[1]) * t))

        outline = (along(top_left, top_right, start), along(top_left, top_right, end),
                   along(bottom_left, bottom_right, end), along(bottom_left, bottom_right, start))
        return Line(self.image.crop((left, 0, right, self.image.height)), outline, self.angle)

    def ink_size(self) -> tuple[int, int]:
        """Width and height (strip pixels) of the ink in the strip: from its first to its last
        column, and over the rows of the middle 90% of it (specks above and below left out)."""
        rows, cols = np.nonzero(np.asarray(self.image) < 128)
        if not len(cols):
            return (0, 0)
        low, high = np.percentile(rows, (5, 95))
        return (int(cols.max() - cols.min() + 1), int(high - low + 1))


def level_angle(mask: np.ndarray, px_per_mm: float) -> float:
    """The turn (degrees, counter-clockwise) that levels the ink's text lines."""
    ys, xs = np.nonzero(mask)
    if len(xs) < 50:
        return 0.0
    if len(xs) > MAX_POINTS:
        pick = np.random.default_rng(0).choice(len(xs), MAX_POINTS, replace=False)
        xs, ys = xs[pick], ys[pick]
    xs, ys = xs.astype(np.float32), ys.astype(np.float32)
    best_angle, best_score = 0.0, -1.0
    for angle in np.arange(-MAX_ANGLE, MAX_ANGLE + 0.1, 1.0):
        t = math.radians(angle)
        rows = -xs * math.sin(t) + ys * math.cos(t)
        hist, _ = np.histogram(rows, bins=np.arange(rows.min(), rows.max() + px_per_mm, px_per_mm))
        score = float((hist.astype(np.float64) ** 2).sum())
        if score > best_score:
            best_angle, best_score = float(angle), score
    return best_angle


def text_lines(mask: np.ndarray, origin: tuple[int, int], px_per_mm: float, most: int = 3,
               angle: float | None = None) -> list[Line]:
    """The `most` densest lines of `mask` (a crop of a page ink mask whose top-left is `origin`)."""
    if angle is None:
        angle = level_angle(mask, px_per_mm)
    h, w = mask.shape
    turn = cv2.getRotationMatrix2D((w / 2, h / 2), angle, 1.0)
    cos, sin = abs(turn[0, 0]), abs(turn[0, 1])
    nw, nh = int(h * sin + w * cos) + 2, int(h * cos + w * sin) + 2
    turn[0, 2] += nw / 2 - w / 2
    turn[1, 2] += nh / 2 - h / 2
    level = cv2.warpAffine(mask, turn, (nw, nh), flags=cv2.INTER_NEAREST, borderValue=0)
    back = cv2.invertAffineTransform(turn)
    profile = (level > 0).sum(axis=1).astype(np.float32)
    k = int(px_per_mm * 4) | 1
    profile = np.convolve(profile, np.ones(k, np.float32) / k, mode="same")
    half = int(px_per_mm * LINE_HALF_MM)
    lines: list[Line] = []
    for _ in range(most):
        peak = int(profile.argmax())
        if profile[peak] < px_per_mm * MIN_LINE_INK_MM:
            break
        profile[max(0, peak - int(half * 1.1)) : peak + int(half * 1.1)] = 0
        top, bottom = max(0, peak - half), min(nh, peak + half)
        band = level[top:bottom]
        cols = np.nonzero(band.max(axis=0))[0]
        if len(cols) == 0:
            continue
        left, right = max(0, int(cols[0]) - 4), min(nw, int(cols[-1]) + 5)
        strip = 255 - band[:, left:right]
        if px_per_mm > STRIP_PX_PER_MM:  # a 300 dpi strip reads no better, and several times slower
            scale = STRIP_PX_PER_MM / px_per_mm
            strip = cv2.resize(strip, (max(1, round(strip.shape[1] * scale)), max(1, round(strip.shape[0] * scale))),
                               interpolation=cv2.INTER_AREA)
        strip = cv2.copyMakeBorder(strip, *(STRIP_PAD,) * 4, cv2.BORDER_CONSTANT, value=255)
        corners = np.array([[left, top, 1], [right, top, 1], [right, bottom, 1], [left, bottom, 1]], np.float32)
        page = corners @ back.T
        outline = tuple((int(x + origin[0]), int(y + origin[1])) for x, y in page)
        lines.append(Line(Image.fromarray(strip), outline, angle))
    return lines

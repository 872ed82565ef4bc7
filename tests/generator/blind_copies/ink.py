"""Ink on paper. Every mark is a coverage mask (float 0..1) laid on the page by multiplication, as ink
absorbs light: blue over red turns dark, red over black print stays black. Stamp-pad textures (uneven,
faint, doubled, smeared) are applied to a mask before it is laid."""

from __future__ import annotations

import random

import cv2
import numpy as np
from PIL import Image, ImageDraw, ImageFont

RGB = tuple[int, int, int]

PEN_INKS: dict[str, RGB] = {
    "blue": (30, 50, 165),
    "black": (28, 28, 34),
    "blue-black": (35, 45, 85),
    "red": (200, 35, 40),
}
STAMP_INKS: dict[str, RGB] = {
    "red": (210, 40, 45),
    "blue": (45, 70, 180),
    "purple": (115, 45, 140),
    "black": (40, 40, 45),
}
SEAL_INKS: dict[str, RGB] = {
    "fresh": (228, 28, 36),
    "brick": (172, 58, 48),
    "pink": (236, 118, 136),
    "purple": (165, 38, 105),
}


def to_array(image: Image.Image) -> np.ndarray:
    return np.asarray(image.convert("RGB"), np.float32) / 255


def to_image(page: np.ndarray) -> Image.Image:
    return Image.fromarray(np.clip(page * 255 + 0.5, 0, 255).astype(np.uint8), "RGB")


def lay(page: np.ndarray, mask: np.ndarray, rgb: RGB, left: int, top: int, opacity: float = 1.0) -> None:
    """Multiply ink of colour `rgb` onto the page where `mask` covers; the mask may hang off the page."""
    height, width = mask.shape
    x0, y0 = max(left, 0), max(top, 0)
    x1, y1 = min(left + width, page.shape[1]), min(top + height, page.shape[0])
    if x0 >= x1 or y0 >= y1:
        return
    cover = mask[y0 - top:y1 - top, x0 - left:x1 - left, None] * opacity
    absorb = 1 - np.array(rgb, np.float32) / 255
    page[y0:y1, x0:x1] *= 1 - cover * absorb


def lay_centred(page: np.ndarray, mask: np.ndarray, rgb: RGB, cx: float, cy: float, opacity: float = 1.0) -> None:
    lay(page, mask, rgb, int(round(cx - mask.shape[1] / 2)), int(round(cy - mask.shape[0] / 2)), opacity)


def text_mask(text: str, face: ImageFont.FreeTypeFont, pad: int = 2) -> np.ndarray:
    left, top, right, bottom = face.getbbox(text)
    canvas = Image.new("L", (right - left + 2 * pad, bottom - top + 2 * pad), 0)
    ImageDraw.Draw(canvas).text((pad - left, pad - top), text, font=face, fill=255)
    return np.asarray(canvas, np.float32) / 255


def rotate_mask(mask: np.ndarray, degrees: float) -> np.ndarray:
    """Rotate counter-clockwise by `degrees`, growing the canvas so nothing is cut."""
    height, width = mask.shape
    matrix = cv2.getRotationMatrix2D((width / 2, height / 2), degrees, 1.0)
    cos, sin = abs(matrix[0, 0]), abs(matrix[0, 1])
    new_w, new_h = int(height * sin + width * cos) + 2, int(height * cos + width * sin) + 2
    matrix[0, 2] += new_w / 2 - width / 2
    matrix[1, 2] += new_h / 2 - height / 2
    return cv2.warpAffine(mask, matrix, (new_w, new_h), flags=cv2.INTER_LINEAR, borderValue=0)


def shear_mask(mask: np.ndarray, slant: float) -> np.ndarray:
    """Lean the tops of letters right (slant > 0) by `slant` × height."""
    height, width = mask.shape
    extra = int(abs(slant) * height) + 2
    shift = extra if slant > 0 else 0
    matrix = np.float32([[1, -slant, shift], [0, 1, 0]])
    return cv2.warpAffine(mask, matrix, (width + extra, height), flags=cv2.INTER_LINEAR, borderValue=0)


def blotches(shape: tuple[int, int], rng: random.Random, cells: int, low: float, high: float) -> np.ndarray:
    """A smooth random field between `low` and `high`, `cells` blobs across."""
    grid = np.array([[rng.random() for _ in range(cells + 2)] for _ in range(cells + 2)], np.float32)
    field = cv2.resize(grid, (shape[1], shape[0]), interpolation=cv2.INTER_CUBIC)
    return np.clip(low + (high - low) * field, 0, 1)


def stamp_texture(mask: np.ndarray, rng: random.Random, strength: float, unevenness: float,
                  voids: float) -> np.ndarray:
    """Stamp-pad ink: blotchy density, one side darker than the other, pin-hole voids where the pad
    was dry. `strength` is the overall density (1 fresh, 0.35 faint)."""
    height, width = mask.shape
    field = blotches(mask.shape, rng, 5, 0.55, 1.0)
    angle = rng.uniform(0, 2 * np.pi)
    ys, xs = np.mgrid[0:height, 0:width].astype(np.float32)
    ramp = ((xs / max(width, 1) - 0.5) * np.cos(angle) + (ys / max(height, 1) - 0.5) * np.sin(angle))
    side = np.clip(1 - unevenness * (ramp + 0.5), 0.05, 1)
    seed = rng.randrange(2**31)
    noise = np.random.default_rng(seed).random(mask.shape, dtype=np.float32)
    holes = (noise > voids).astype(np.float32)
    holes = cv2.GaussianBlur(holes, (3, 3), 0)
    return np.clip(mask * field * side * holes * strength * 1.15, 0, 1)


def doubled(mask: np.ndarray, dx: int, dy: int, ghost: float) -> np.ndarray:
    """A second, fainter imprint shifted by (dx, dy): a shaken hand."""
    pad = max(abs(dx), abs(dy))
    out = np.zeros((mask.shape[0] + 2 * pad, mask.shape[1] + 2 * pad), np.float32)
    out[pad:pad + mask.shape[0], pad:pad + mask.shape[1]] = mask
    out[pad + dy:pad + dy + mask.shape[0], pad + dx:pad + dx + mask.shape[1]] = np.maximum(
        out[pad + dy:pad + dy + mask.shape[0], pad + dx:pad + dx + mask.shape[1]], mask * ghost)
    return out


def smeared(mask: np.ndarray, length: int, degrees: float) -> np.ndarray:
    """Motion smear of the stamp sliding `length` px at `degrees`."""
    size = max(3, length | 1)
    kernel = np.zeros((size, size), np.float32)
    kernel[size // 2, :] = 1
    kernel = cv2.warpAffine(kernel, cv2.getRotationMatrix2D((size / 2 - 0.5, size / 2 - 0.5), degrees, 1), (size, size))
    kernel /= max(kernel.sum(), 1e-6)
    return np.maximum(mask * 0.8, cv2.filter2D(mask, -1, kernel))


def halftone(mask: np.ndarray, cell: int) -> np.ndarray:
    """Printed (not stamped) colour: a regular dot screen, as a colour copier or press lays it."""
    if cell < 3:
        return mask
    ys, xs = np.mgrid[0:mask.shape[0], 0:mask.shape[1]]
    phase = ((np.sin(xs * np.pi * 2 / cell) * np.sin(ys * np.pi * 2 / cell)) + 1) / 2
    return np.clip(mask * (0.75 + 0.25 * phase.astype(np.float32)), 0, 1)

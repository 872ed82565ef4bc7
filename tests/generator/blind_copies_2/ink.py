"""Drawing primitives: fonts, text masks, and ink laid on paper the way ink behaves (multiplied, never
painted over: a red seal over black print leaves the print black)."""

from __future__ import annotations

import math
from functools import lru_cache

import numpy as np
from PIL import Image, ImageDraw, ImageFilter, ImageFont

from tests.generator.fonts import NOTO_SANS, NOTO_SANS_BOLD, NOTO_SERIF, NOTO_SERIF_BOLD, UKAI, UMING  # where Debian puts them

SIMPLIFIED_INDEX = {NOTO_SANS: 2, NOTO_SANS_BOLD: 2, NOTO_SERIF: 2, NOTO_SERIF_BOLD: 2, UKAI: 0, UMING: 0}
MM_PER_INCH = 25.4

Mask = np.ndarray  # float32, 0 (no ink) .. 1 (full ink)


def font(path: str, size_px: int) -> ImageFont.FreeTypeFont:
    """A face at about `size_px` (sizes above 24 px rounded to even ones: each face held costs ~2 MB)."""
    size = max(6, int(size_px))
    return _face(path, size if size <= 24 else size // 2 * 2)


@lru_cache(maxsize=32)
def _face(path: str, size_px: int) -> ImageFont.FreeTypeFont:
    return ImageFont.truetype(path, size_px, index=SIMPLIFIED_INDEX[path])


def px(mm: float, dpi: float) -> int:
    return int(round(mm * dpi / MM_PER_INCH))


def text_mask(text: str, path: str, size_px: int, spacing: float = 0.0) -> Mask:
    """One line of text as an ink mask, tight around the glyphs' line box."""
    face = font(path, size_px)
    step = size_px * (1.0 + spacing)
    width = int(step * len(text) + size_px) + 4
    image = Image.new("L", (width, int(size_px * 1.5) + 4), 0)
    draw = ImageDraw.Draw(image)
    for i, char in enumerate(text):
        draw.text((2 + i * step, 2), char, font=face, fill=255)
    return trimmed(to_mask(image))


def to_mask(image: Image.Image) -> Mask:
    return np.asarray(image, dtype=np.float32) / 255.0


def to_image(mask: Mask) -> Image.Image:
    return Image.fromarray(np.clip(mask * 255.0, 0, 255).astype(np.uint8), "L")


def trimmed(mask: Mask, pad: int = 2) -> Mask:
    rows, cols = np.nonzero(mask > 0.02)
    if rows.size == 0:
        return mask[:1, :1] * 0
    top, bottom = max(0, rows.min() - pad), rows.max() + pad + 1
    left, right = max(0, cols.min() - pad), cols.max() + pad + 1
    return mask[top:bottom, left:right]


def rotated(mask: Mask, degrees: float) -> Mask:
    if abs(degrees) < 0.05:
        return mask
    return to_mask(to_image(mask).rotate(degrees, resample=Image.BICUBIC, expand=True))


def thinned(mask: Mask, amount: int) -> Mask:
    """Thinner strokes (amount > 0: a ballpoint from a brush font) or bolder (amount < 0: a gel pen)."""
    if amount == 0:
        return mask
    image = to_image(mask)
    size = 2 * abs(amount) + 1
    image = image.filter(ImageFilter.MinFilter(size) if amount > 0 else ImageFilter.MaxFilter(size))
    return to_mask(image)


def stamp_texture(mask: Mask, rng: np.random.Generator, grain: float, blotch: float) -> Mask:
    """Rubber-stamp ink: fine grain (paper tooth), large blotches (uneven pad), never more than the mask."""
    h, w = mask.shape
    fine = rng.random((h, w), dtype=np.float32)
    coarse_small = rng.random((max(2, h // 24), max(2, w // 24)), dtype=np.float32)
    coarse = np.asarray(Image.fromarray((coarse_small * 255).astype(np.uint8)).resize((w, h), Image.BICUBIC),
                        dtype=np.float32) / 255.0
    keep = 1.0 - grain * (fine > 0.55) - blotch * np.clip(coarse - 0.35, 0, 1)
    return mask * np.clip(keep, 0.0, 1.0)


def side_fade(mask: Mask, angle_deg: float, strength: float) -> Mask:
    """One side inked more than the other (a stamp pressed unevenly)."""
    h, w = mask.shape
    ys, xs = np.mgrid[0:h, 0:w].astype(np.float32)
    t = (xs - w / 2) * math.cos(math.radians(angle_deg)) + (ys - h / 2) * math.sin(math.radians(angle_deg))
    t = t / max(1.0, max(h, w) / 2)
    return mask * np.clip(1.0 - strength * (t + 1) / 2, 0.0, 1.0)


def lay(page: np.ndarray, mask: Mask, x: int, y: int, colour: tuple[int, int, int], opacity: float = 1.0) -> tuple[int, int, int, int] | None:
    """Multiply ink of `colour` onto the uint8 RGB `page`, the mask's top-left at (x, y); parts off the
    page are lost as on paper. Returns the box inked on the page, or None if all of it fell off."""
    h, w = mask.shape
    x0, y0, x1, y1 = max(0, x), max(0, y), min(page.shape[1], x + w), min(page.shape[0], y + h)
    if x0 >= x1 or y0 >= y1:
        return None
    part = mask[y0 - y:y1 - y, x0 - x:x1 - x, None] * opacity
    tone = 1.0 - np.asarray(colour, dtype=np.float32) / 255.0
    region = page[y0:y1, x0:x1].astype(np.float32)
    page[y0:y1, x0:x1] = np.clip(region * (1.0 - part * tone), 0, 255).astype(np.uint8)
    return (x0, y0, x1, y1)


def combined(masks: list[tuple[Mask, int, int]]) -> tuple[Mask, int, int]:
    """Several masks with their offsets as one mask (the union of the ink), with its own offset."""
    left = min(x for _, x, _ in masks)
    top = min(y for _, _, y in masks)
    right = max(x + m.shape[1] for m, x, _ in masks)
    bottom = max(y + m.shape[0] for m, _, y in masks)
    out = np.zeros((bottom - top, right - left), dtype=np.float32)
    for m, x, y in masks:
        view = out[y - top:y - top + m.shape[0], x - left:x - left + m.shape[1]]
        np.maximum(view, m, out=view)
    return out, left, top

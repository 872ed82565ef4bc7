"""Page images made ready for OCR: upright, grey, and of a sensible size."""

from __future__ import annotations

from PIL import Image, ImageOps

MAX_SIDE = 3500
MIN_SIDE = 1000


def prepare(image: Image.Image) -> Image.Image:
    image = ImageOps.exif_transpose(image)
    if image.mode not in ("RGB", "L"):
        image = image.convert("RGB")
    longest = max(image.size)
    if longest > MAX_SIDE:
        scale = MAX_SIDE / longest
        image = image.resize((round(image.width * scale), round(image.height * scale)), Image.LANCZOS)
    elif longest < MIN_SIDE:
        scale = MIN_SIDE / longest
        image = image.resize((round(image.width * scale), round(image.height * scale)), Image.LANCZOS)
    return image

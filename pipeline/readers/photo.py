"""Tells a photograph (a work photo) from a scanned document page."""

from __future__ import annotations

import numpy as np
from PIL import Image


def looks_like_photo(image: Image.Image, words: int) -> bool:
    """A photo is mostly mid-tones and colour; a document page is mostly white paper."""
    small = image.convert("RGB").resize((200, 200))
    pixels = np.asarray(small, dtype=np.float32) / 255.0
    grey = pixels.mean(axis=2)
    paper = float((grey > 0.82).mean())
    saturation = float((pixels.max(axis=2) - pixels.min(axis=2)).mean())
    return paper < 0.45 and (saturation > 0.08 or words < 15)

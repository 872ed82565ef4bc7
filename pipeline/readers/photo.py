"""Tells a photograph (a work photo) from a scanned document page."""

from __future__ import annotations

import numpy as np
from PIL import Image

COLOUR_FRACTION = 0.10  # a colour photo, even pasted on a white page, covers this much
SATURATION = 40  # of 255: what counts as a coloured pixel (seals and blue ink are small)


def looks_like_photo(image: Image.Image, words: int) -> bool:
    """A photo is colour, or (in grey) mostly mid-tones; a document page is mostly paper."""
    small = image.convert("RGB")
    small.thumbnail((600, 600))
    pixels = np.asarray(small, dtype=np.int16)
    coloured = float(((pixels.max(axis=2) - pixels.min(axis=2)) > SATURATION).mean())
    paper = float((pixels.mean(axis=2) > 209).mean())
    return coloured >= COLOUR_FRACTION or (paper < 0.45 and words < 15)

"""How much text-like ink a page's reading left outside its boxes: the evidence that a detector
missed text (a large title it did not find), as against a page with nothing to read."""

from __future__ import annotations

import cv2
import numpy as np
from PIL import Image

SIDE = 1000  # the page is judged at this longest side (A4: about 3.4 px a mm)
INK_BELOW = 110  # grey level of printed ink (a shadow or grey paper stays above it)
LINE_HEIGHT_PX = (6, 60)  # a line of text 2-18 mm high, at SIDE
MIN_ELONGATION = 2.0  # a line of text is at least this many times as wide as high
FILL = (0.1, 0.75)  # share of a line's box that its ink covers (a solid bar or a photo's edge: more)
JOIN = (9, 3)  # kernel that joins a line's characters (width, height), at SIDE


def unread_text_area(image: Image.Image, boxes: list[tuple[int, int, int, int]]) -> float:
    """Share of the page covered by lines of text-like ink that touch none of `boxes` (in the
    image's pixels)."""
    scale = min(1.0, SIDE / max(image.size))
    grey = image.convert("L")
    if scale < 1.0:
        grey = grey.resize((max(1, round(image.width * scale)), max(1, round(image.height * scale))), Image.BILINEAR)
    ink = (np.asarray(grey) < INK_BELOW).astype(np.uint8)
    for x0, y0, x1, y1 in boxes:
        ink[int(y0 * scale):int(y1 * scale) + 1, int(x0 * scale):int(x1 * scale) + 1] = 0
    joined = cv2.dilate(ink, cv2.getStructuringElement(cv2.MORPH_RECT, JOIN))
    count, labels, stats, _ = cv2.connectedComponentsWithStats(joined, connectivity=8)
    area = 0
    for label in range(1, count):
        x, y, w, h, _ = stats[label]
        if not LINE_HEIGHT_PX[0] <= h <= LINE_HEIGHT_PX[1] or w < MIN_ELONGATION * h:
            continue
        fill = ink[y:y + h, x:x + w].sum() / (w * h)
        if FILL[0] <= fill <= FILL[1]:
            area += w * h
    return area / ink.size

"""Rubber stamps as masks: the unit's official seal (round with a star and the name on the arc, oval,
double ring), a personal name seal (私章), and rectangular word stamps."""

from __future__ import annotations

import math
import random

import numpy as np
from PIL import Image, ImageDraw

from .ink import NOTO_SANS_BOLD, NOTO_SERIF_BOLD, UMING, Mask, font, px, text_mask, to_mask

SEAL_INKS = {
    "bright_red": (225, 30, 45),
    "orange_red": (238, 75, 45),
    "dark_red": (150, 20, 35),
    "brick": (178, 62, 52),
    "pink": (236, 125, 150),
    "purple_red": (155, 40, 95),
}
STAMP_INKS = {"red": (215, 40, 50), "blue": (40, 65, 175), "purple": (115, 55, 150), "black": (45, 45, 50)}
SEAL_LINES = ("", "", "人事专用章", "合同专用章", "行政章")
ARC_FACES = (NOTO_SANS_BOLD, NOTO_SERIF_BOLD, UMING)


def round_seal(unit: str, dpi: float, rng: random.Random, diameter_mm: float, line: str, code: str | None,
               double_ring: bool) -> Mask:
    """A round official seal: outer ring, the unit's name clockwise along the top arc, a five-pointed
    star, an optional line of text under the star and a number along the bottom arc."""
    size = px(diameter_mm, dpi)
    canvas = Image.new("L", (size + 4, size + 4), 0)
    draw = ImageDraw.Draw(canvas)
    c = (size + 4) / 2
    r = size / 2
    ring = max(2, px(rng.uniform(0.9, 1.3), dpi))
    draw.ellipse((c - r, c - r, c + r, c + r), outline=255, width=ring)
    if double_ring:
        inner = r - ring - max(2, px(0.9, dpi))
        draw.ellipse((c - inner, c - inner, c + inner, c + inner), outline=255, width=max(1, ring // 3))
    face = rng.choice(ARC_FACES)
    squeeze = 1.0 if len(unit) < 10 else rng.uniform(0.6, 0.95)
    glyph = int(size * (rng.uniform(0.12, 0.15) if len(unit) < 14 else rng.uniform(0.1, 0.13)))
    radius = r - ring - glyph * (0.7 if not double_ring else 1.0)
    span = min(rng.uniform(230.0, 265.0), 18.0 * len(unit) + 40.0)
    _arc_text(canvas, unit, (c, c), radius, 270 - span / 2, 270 + span / 2, glyph, True, face, squeeze)
    if code:
        small = int(size * 0.055)
        _arc_text(canvas, code, (c, c), r - ring - small * 0.9, 90 + 50, 90 - 50, small, outward=False)
    _star(draw, (c, c - (size * 0.04 if line else 0)), size * 0.17)
    if line:
        words = text_mask(line, NOTO_SERIF_BOLD, int(size * 0.09))
        place = Image.fromarray((words * 255).astype(np.uint8))
        canvas.paste(255, (int(c - place.width / 2), int(c + size * 0.19)), place)
    return to_mask(canvas)


def oval_seal(unit: str, dpi: float, rng: random.Random, line: str) -> Mask:
    """An oval seal (40x30 or 45x30 mm): the name along the upper curve, a line across the middle."""
    w, h = px(rng.choice((40, 45)), dpi), px(30, dpi)
    canvas = Image.new("L", (w + 4, h + 4), 0)
    draw = ImageDraw.Draw(canvas)
    ring = max(2, px(1.0, dpi))
    draw.ellipse((2, 2, w + 2, h + 2), outline=255, width=ring)
    glyph = int(h * 0.14)
    cx, cy = (w + 4) / 2, (h + 4) / 2
    a, b = w / 2 - ring - glyph * 0.8, h / 2 - ring - glyph * 0.8
    count = len(unit)
    for i, char in enumerate(unit):
        theta = math.radians(200 + 140 * i / max(1, count - 1))
        x, y = cx + a * math.cos(theta), cy + b * math.sin(theta)
        _glyph_at(canvas, char, (x, y), glyph, -(math.degrees(theta) + 90))
    words = text_mask(line or "财务专用章", NOTO_SERIF_BOLD, int(h * 0.15))
    place = Image.fromarray((words * 255).astype(np.uint8))
    canvas.paste(255, (int(cx - place.width / 2), int(cy + h * 0.05)), place)
    return to_mask(canvas)


def name_seal(name: str, dpi: float, rng: random.Random) -> Mask:
    """A personal name seal (私章): square or oblong, 15-25 mm, two to four characters in columns read
    from the right; red characters in a frame (朱文) or white characters in a solid field (白文)."""
    chars = name + ("印" if len(name) == 3 else "之印" if len(name) == 2 and rng.random() < 0.5 else "")
    if len(chars) % 2:
        chars += "印"
    side = px(rng.uniform(15, 22), dpi)
    height = side if len(chars) > 2 else int(side * 0.6)
    canvas = Image.new("L", (side, height), 0)
    draw = ImageDraw.Draw(canvas)
    white_text = rng.random() < 0.4
    if white_text:
        draw.rectangle((0, 0, side - 1, height - 1), fill=255)
    else:
        draw.rectangle((0, 0, side - 1, height - 1), outline=255, width=max(2, side // 16))
    columns = [chars[i:i + 2] for i in range(0, len(chars), 2)][::-1] if len(chars) > 2 else [chars]
    cell_w = side / len(columns)
    for ci, column in enumerate(columns):
        rows = list(column) if len(chars) > 2 else [column]
        for ri, text in enumerate(rows):
            size = int(min(cell_w / len(text), height / len(rows)) * 0.8)
            face = font(UMING if rng.random() < 0.5 else NOTO_SERIF_BOLD, size)
            centre = ((ci + 0.5) * cell_w, (ri + 0.5) * height / len(rows))
            draw.text(centre, text, font=face, fill=0 if white_text else 255, anchor="mm")
    return to_mask(canvas)


def word_stamp(lines: list[str], dpi: float, rng: random.Random, frame: str, height_mm: float,
               gaps: dict[int, float] | None = None) -> tuple[Mask, list[tuple[int, int, int]]]:
    """A rectangular rubber stamp of one or more lines (frame: 'single', 'double' or 'none').
    `gaps` maps a line number to blank millimetres left after its words (the 经办人：____ to be filled in).
    Returns the mask and, for each gap, its (x, y, width) inside the mask."""
    size = px(height_mm, dpi)
    face = NOTO_SANS_BOLD if rng.random() < 0.5 else NOTO_SERIF_BOLD
    masks = [text_mask(text, face, size, spacing=rng.uniform(0.0, 0.15)) for text in lines]
    gap_px = {i: px(mm, dpi) for i, mm in (gaps or {}).items()}
    pad = px(rng.uniform(1.5, 3), dpi)
    width = max(m.shape[1] + gap_px.get(i, 0) for i, m in enumerate(masks)) + 2 * pad
    height = sum(int(m.shape[0] * 1.25) for m in masks) + 2 * pad
    out = np.zeros((height, width), dtype=np.float32)
    y = pad
    holes = []
    for i, m in enumerate(masks):
        x = pad if i in gap_px or len(masks) > 1 else (width - m.shape[1]) // 2
        out[y:y + m.shape[0], x:x + m.shape[1]] = np.maximum(out[y:y + m.shape[0], x:x + m.shape[1]], m)
        if i in gap_px:
            holes.append((x + m.shape[1], y, gap_px[i]))
        y += int(m.shape[0] * 1.25)
    if frame != "none":
        border = Image.fromarray((out * 255).astype(np.uint8))
        draw = ImageDraw.Draw(border)
        line = max(2, px(0.6, dpi))
        draw.rectangle((0, 0, width - 1, height - 1), outline=255, width=line)
        if frame == "double":
            inset = line + max(2, px(0.5, dpi))
            draw.rectangle((inset, inset, width - 1 - inset, height - 1 - inset), outline=255, width=max(1, line // 2))
        out = to_mask(border)
    return out, holes


def _star(draw: ImageDraw.ImageDraw, centre: tuple[float, float], radius: float) -> None:
    points = []
    for k in range(10):
        r = radius if k % 2 == 0 else radius * 0.38
        angle = math.radians(-90 + 36 * k)
        points.append((centre[0] + r * math.cos(angle), centre[1] + r * math.sin(angle)))
    draw.polygon(points, fill=255)


def _arc_text(canvas: Image.Image, text: str, centre: tuple[float, float], radius: float, start_deg: float,
              end_deg: float, size: int, outward: bool, face: str = NOTO_SANS_BOLD, squeeze: float = 1.0) -> None:
    """Characters along an arc from start to end angle (degrees, screen coordinates: 270 is the top),
    upright towards the outside of the circle (top arc) or towards the inside (bottom arc)."""
    count = len(text)
    for i, char in enumerate(text):
        angle = start_deg + (end_deg - start_deg) * (i + 0.5) / count
        theta = math.radians(angle)
        x, y = centre[0] + radius * math.cos(theta), centre[1] + radius * math.sin(theta)
        _glyph_at(canvas, char, (x, y), size, -(angle + 90) if outward else -(angle - 90), face, squeeze)


def _glyph_at(canvas: Image.Image, char: str, centre: tuple[float, float], size: int, degrees: float,
              face: str = NOTO_SANS_BOLD, squeeze: float = 1.0) -> None:
    """One character centred at `centre`, turned by `degrees`, narrowed to `squeeze` of its width (seal
    engravers condense the characters of a long name)."""
    glyph = Image.new("L", (int(size * 1.5), int(size * 1.5)), 0)
    ImageDraw.Draw(glyph).text((size * 0.75, size * 0.75), char, font=font(face, size), fill=255, anchor="mm")
    if squeeze < 1.0:
        glyph = glyph.resize((max(1, int(glyph.width * squeeze)), glyph.height), Image.BICUBIC)
    glyph = glyph.rotate(degrees, resample=Image.BICUBIC, expand=True)
    canvas.paste(255, (int(centre[0] - glyph.width / 2), int(centre[1] - glyph.height / 2)), glyph)

"""Seals as ink masks: the unit's official seal (round with a star and the name along the top arc, or
oval), and the handler's personal name seal (私章). Sizes are in millimetres, drawn at `ppm` pixels per
millimetre. How the ink takes (faint, uneven, doubled, smeared) is applied by the caller (ink.py)."""

from __future__ import annotations

import math
import random
from dataclasses import dataclass

import cv2
import numpy as np

from tests.generator.blind_copies.ink import rotate_mask, text_mask
from tests.generator.fonts import font


@dataclass(frozen=True)
class SealDesign:
    unit: str
    shape: str  # round | oval
    width_mm: float
    height_mm: float
    line_text: str  # horizontal text under the star ("" for none)
    code: str  # digits along the bottom arc ("" for none)
    star: bool
    double_ring: bool
    face: str  # font style of the lettering


def _place(canvas: np.ndarray, glyph: np.ndarray, cx: float, cy: float) -> None:
    top, left = int(round(cy - glyph.shape[0] / 2)), int(round(cx - glyph.shape[1] / 2))
    y0, x0 = max(top, 0), max(left, 0)
    y1, x1 = min(top + glyph.shape[0], canvas.shape[0]), min(left + glyph.shape[1], canvas.shape[1])
    if y0 < y1 and x0 < x1:
        canvas[y0:y1, x0:x1] = np.maximum(canvas[y0:y1, x0:x1], glyph[y0 - top:y1 - top, x0 - left:x1 - left])


def _star(canvas: np.ndarray, cx: float, cy: float, radius: float) -> None:
    points = []
    for k in range(10):
        r = radius if k % 2 == 0 else radius * 0.382
        angle = -math.pi / 2 + k * math.pi / 5
        points.append((cx + r * math.cos(angle), cy + r * math.sin(angle)))
    cv2.fillPoly(canvas, [np.round(np.array(points) * 4).astype(np.int32)], 1.0, cv2.LINE_AA, shift=2)


def _along(canvas: np.ndarray, text: str, cx: float, cy: float, a: float, b: float, size: int, face: str,
           span_deg: float, bottom: bool) -> None:
    """Letter `text` along an ellipse (a, b radii): over the top reading clockwise, or along the
    bottom reading left to right with the letters' feet outward. Letters are narrowed to fit the arc,
    as seal engravers do with long names."""
    count = len(text)
    arc = math.radians(span_deg) * (a + b) / 2
    char_w = max(4, int(min(size, arc / max(count - 1, 1) * 0.9)))
    for i, char in enumerate(text):
        frac = 0.5 if count == 1 else i / (count - 1)
        theta = math.radians(-span_deg / 2 + span_deg * frac)
        if bottom:
            theta = math.pi - theta
        x, y = cx + a * math.sin(theta), cy - b * math.cos(theta)
        tangent = math.degrees(math.atan2(b * math.sin(theta), a * math.cos(theta)))
        glyph = text_mask(char, font(face, size), pad=1)
        if not char.isdigit():
            glyph = cv2.resize(glyph, (char_w, size), interpolation=cv2.INTER_AREA)
        rotation = -tangent if not bottom else -(tangent + 180)
        _place(canvas, rotate_mask(glyph, rotation), x, y)


def official_seal(design: SealDesign, ppm: float) -> np.ndarray:
    w, h = design.width_mm * ppm, design.height_mm * ppm
    canvas = np.zeros((int(h + 4), int(w + 4)), np.float32)
    cx, cy = canvas.shape[1] / 2, canvas.shape[0] / 2
    ring = max(2, int(round(design.width_mm * 0.03 * ppm)))
    axes = (int(round((w / 2 - ring / 2) * 4)), int(round((h / 2 - ring / 2) * 4)))
    centre = (int(round(cx * 4)), int(round(cy * 4)))
    cv2.ellipse(canvas, centre, axes, 0, 0, 360, 1.0, ring, cv2.LINE_AA, shift=2)
    inner = 0.0
    if design.double_ring:
        inner = ring * 1.6
        axes2 = (int(round((w / 2 - inner - ring) * 4)), int(round((h / 2 - inner - ring) * 4)))
        cv2.ellipse(canvas, centre, axes2, 0, 0, 360, 1.0, max(1, ring // 3), cv2.LINE_AA, shift=2)
        inner += ring
    name_size = int(min(w, h) * (0.15 if design.shape == "round" else 0.16))
    inset = ring + inner + name_size * 0.62
    span = min(235.0, 110 + len(design.unit) * 9) if design.shape == "round" else min(190.0, 90 + len(design.unit) * 8)
    _along(canvas, design.unit, cx, cy, w / 2 - inset, h / 2 - inset, name_size, design.face, span, bottom=False)
    if design.star:
        star_r = min(w, h) * (0.16 if design.shape == "round" else 0.12)
        _star(canvas, cx, cy - (0 if design.shape == "round" else h * 0.05), star_r)
    if design.line_text:
        size = int(min(w, h) * (0.1 if design.shape == "round" else 0.13))
        glyphs = text_mask(design.line_text, font(design.face, size), pad=1)
        _place(canvas, glyphs, cx, cy + min(w, h) * (0.23 if design.star else 0.12))
    if design.code:
        size = max(6, int(min(w, h) * 0.055))
        _along(canvas, design.code, cx, cy, w / 2 - ring - inner - size * 0.7, h / 2 - ring - inner - size * 0.7,
               size, "sans", 62.0, bottom=True)
    return canvas


def name_seal(name: str, ppm: float, size_mm: float, intaglio: bool, rng: random.Random) -> np.ndarray:
    """A personal seal: 2x2 characters (the name and 印 / 之印, read down the right column first),
    a rectangle of two or three characters, white letters on a filled square (白文) or red letters in a
    frame (朱文)."""
    chars = name + ("之印" if len(name) == 2 else "印") if rng.random() < 0.7 else name
    side = size_mm * ppm
    if len(chars) == 4:
        w = h = side
        cells = [(0.75, 0.27), (0.75, 0.73), (0.25, 0.27), (0.25, 0.73)]
        char_size = side * 0.42
    else:
        w, h = side * 0.62, side * (0.5 * len(chars) + 0.1) if len(chars) > 2 else side
        cells = [(0.5, (i + 0.5) / len(chars)) for i in range(len(chars))]
        char_size = min(w * 0.75, h / len(chars) * 0.85)
    canvas = np.zeros((int(h) + 2, int(w) + 2), np.float32)
    border = max(2, int(side * 0.06))
    if intaglio:
        canvas[:] = 1.0
    else:
        cv2.rectangle(canvas, (0, 0), (canvas.shape[1] - 1, canvas.shape[0] - 1), 1.0, border)
    for char, (fx, fy) in zip(chars, cells):
        glyph = text_mask(char, font("serif_bold", int(char_size)), pad=0)
        glyph = cv2.resize(glyph, (int(char_size * 0.95), int(char_size * 0.95)))
        top, left = int(fy * h - glyph.shape[0] / 2), int(fx * w - glyph.shape[1] / 2)
        region = canvas[top:top + glyph.shape[0], left:left + glyph.shape[1]]
        glyph = glyph[:region.shape[0], :region.shape[1]]
        if intaglio:
            region[:] = np.minimum(region, 1 - glyph)
        else:
            region[:] = np.maximum(region, glyph)
    return canvas

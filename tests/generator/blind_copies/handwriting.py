"""Handwriting as pen-ink masks: neat characters (a kai face, each glyph jittered), hurried writing
(slanted, cramped, wavering), and the quick connected scrawl most handlers sign with, drawn as pen
strokes (a random walk smoothed into one continuous line) so no OCR can read it."""

from __future__ import annotations

import random

import cv2
import numpy as np

from tests.generator.blind_copies.ink import rotate_mask, shear_mask, text_mask
from tests.generator.fonts import font


def _pad_to(mask: np.ndarray, height: int) -> np.ndarray:
    if mask.shape[0] >= height:
        return mask[:height]
    out = np.zeros((height, mask.shape[1]), np.float32)
    top = (height - mask.shape[0]) // 2
    out[top:top + mask.shape[0]] = mask
    return out


def written(text: str, height_px: float, rng: random.Random, slant: float = 0.0, hurried: bool = False) -> np.ndarray:
    """Characters written one by one: each its own size, tilt and baseline; `hurried` cramps and
    tilts them more and makes the line waver."""
    if not text:
        return np.zeros((2, 2), np.float32)
    size = max(8, int(height_px))
    row_h = int(size * 1.6)
    pieces: list[np.ndarray] = []
    for char in text:
        scale = rng.uniform(0.82, 1.12) if not hurried else rng.uniform(0.7, 1.2)
        glyph = text_mask(char, font("kai", int(size * scale)))
        glyph = rotate_mask(glyph, rng.uniform(-6, 6) if not hurried else rng.uniform(-14, 10))
        glyph = _tight_columns(glyph, size)
        glyph = _pad_to(glyph, row_h)
        shift = int(rng.uniform(-0.08, 0.08) * size * (2.2 if hurried else 1))
        glyph = np.roll(glyph, shift, axis=0)
        gap = int(size * (rng.uniform(0.08, 0.22) if not hurried else rng.uniform(-0.06, 0.08)))
        pieces.append(glyph)
        if gap > 0:
            pieces.append(np.zeros((row_h, gap), np.float32))
        elif gap < 0 and pieces[-1].shape[1] > -gap:
            pieces[-1] = pieces[-1][:, :gap]
    line = np.concatenate(pieces, axis=1)
    if hurried:
        xs = np.arange(line.shape[1], dtype=np.float32)
        wave = np.sin(xs / max(size * rng.uniform(1.5, 3), 1) + rng.uniform(0, 6)) * size * 0.12
        map_x = np.tile(xs, (line.shape[0], 1))
        map_y = (np.arange(line.shape[0], dtype=np.float32)[:, None] + wave[None, :]).astype(np.float32)
        line = cv2.remap(line, map_x, map_y, cv2.INTER_LINEAR, borderValue=0)
    line = _thin(line, size)
    if slant:
        line = shear_mask(line, slant)
    return line


def _tight_columns(glyph: np.ndarray, size: int) -> np.ndarray:
    """Trim the blank columns around a glyph (a space keeps a third of its width)."""
    columns = np.nonzero(glyph.max(axis=0) > 0.1)[0]
    if len(columns) == 0:
        return np.zeros((glyph.shape[0], max(2, size // 3)), np.float32)
    return glyph[:, columns[0]:columns[-1] + 1]


def _thin(mask: np.ndarray, size: int) -> np.ndarray:
    """A kai face is a brush; a ballpoint line is thinner and evener."""
    if size < 60:
        return mask
    return cv2.erode(mask, np.ones((2, 2), np.uint8), iterations=max(1, size // 60))


def _catmull_rom(points: np.ndarray, steps: int) -> np.ndarray:
    padded = np.vstack([points[0], points, points[-1]])
    out = []
    t = np.linspace(0, 1, steps, endpoint=False)[:, None]
    for i in range(1, len(padded) - 2):
        p0, p1, p2, p3 = padded[i - 1], padded[i], padded[i + 1], padded[i + 2]
        out.append(0.5 * ((2 * p1) + (-p0 + p2) * t + (2 * p0 - 5 * p1 + 4 * p2 - p3) * t**2
                          + (-p0 + 3 * p1 - 3 * p2 + p3) * t**3))
    out.append(padded[-2][None, :])
    return np.vstack(out)


def _stroke(canvas: np.ndarray, path: np.ndarray, width: float, rng: random.Random) -> None:
    """Draw a pen line along `path`, pressure rising and falling, thinning at the end (a flick)."""
    count = len(path)
    for i in range(count - 1):
        pressure = 0.65 + 0.35 * np.sin(np.pi * i / count) + rng.uniform(-0.08, 0.08)
        if i > count * 0.85:
            pressure *= max(0.3, (count - i) / (count * 0.15))
        thickness = max(1, int(round(width * pressure)))
        a = (int(round(path[i][0] * 4)), int(round(path[i][1] * 4)))
        b = (int(round(path[i + 1][0] * 4)), int(round(path[i + 1][1] * 4)))
        cv2.line(canvas, a, b, 1.0, thickness, cv2.LINE_AA, shift=2)


def scrawl(chars: int, height_px: float, pen_px: float, rng: random.Random, slant: float = 0.25,
           flourish: bool = True) -> np.ndarray:
    """A signature as a quick connected scrawl: for each character a few strokes up and down across
    its cell, now and then a loop, joined in one or two pen strokes, maybe a flourish underneath."""
    h = float(height_px)
    cell = h * rng.uniform(0.7, 1.15)
    width = int(cell * (chars + 1) + h * 1.5)
    canvas = np.zeros((int(h * 2.0), width), np.float32)
    strokes: list[list[tuple[float, float]]] = [[(h * 0.25, h * rng.uniform(0.5, 1.0))]]
    x = h * 0.25
    for index in range(chars):
        turns = rng.randint(3, 5)
        for k in range(turns):
            x += cell / turns * rng.uniform(0.6, 1.4)
            y = h * (rng.uniform(0.15, 0.6) if k % 2 == 0 else rng.uniform(0.8, 1.3))
            strokes[-1].append((x, y))
            if rng.random() < 0.18:  # a loop
                r = h * rng.uniform(0.12, 0.28)
                start = rng.uniform(0, 2 * np.pi)
                strokes[-1] += [(x + r * np.cos(start + a) - r * np.cos(start), y + r * np.sin(start + a) - r * np.sin(start))
                                for a in np.linspace(0.6, 2 * np.pi, 5)]
        if index < chars - 1 and rng.random() < 0.3:
            strokes.append([(x + cell * 0.15, h * rng.uniform(0.3, 1.0))])  # the pen lifts between two characters
    if flourish and rng.random() < 0.6:
        last = strokes[-1][-1]
        strokes[-1] += [(last[0] + h * 0.3, h * 1.55), (x * rng.uniform(0.4, 0.7), h * rng.uniform(1.5, 1.8)),
                        (h * rng.uniform(0.1, 0.5), h * rng.uniform(1.45, 1.75))][: rng.randint(1, 3)]
    for points in strokes:
        if len(points) < 2:
            continue
        path = _catmull_rom(np.array(points, np.float32), 12)
        _stroke(canvas, path, pen_px, rng)
    canvas = np.clip(canvas, 0, 1)
    if slant:
        canvas = shear_mask(canvas, slant)
    return _crop(canvas)


def _crop(mask: np.ndarray, pad: int = 3) -> np.ndarray:
    ys, xs = np.nonzero(mask > 0.05)
    if len(xs) == 0:
        return mask
    return mask[max(ys.min() - pad, 0):ys.max() + pad + 1, max(xs.min() - pad, 0):xs.max() + pad + 1]


def beside(*masks: np.ndarray, gap: int = 6) -> np.ndarray:
    """Masks side by side, bottoms aligned."""
    height = max(m.shape[0] for m in masks)
    parts = []
    for m in masks:
        padded = np.zeros((height, m.shape[1]), np.float32)
        padded[height - m.shape[0]:] = m
        parts += [padded, np.zeros((height, gap), np.float32)]
    return np.concatenate(parts[:-1], axis=1)


def below(top: np.ndarray, bottom: np.ndarray, gap: int = 4, indent: int = 0) -> np.ndarray:
    width = max(top.shape[1], bottom.shape[1] + indent)
    out = np.zeros((top.shape[0] + gap + bottom.shape[0], width), np.float32)
    out[:top.shape[0], :top.shape[1]] = top
    out[top.shape[0] + gap:, indent:indent + bottom.shape[1]] = bottom
    return out


DATE_FORMATS = ("{y}.{m}.{d}", "{y}年{m}月{d}日", "{m}/{d}", "{yy}.{m}.{d}", "{y}-{m}-{d}", "{y}.{m:02d}.{d:02d}")


def date_text(rng: random.Random) -> str:
    year = rng.choice((2022, 2023, 2023, 2023))
    return rng.choice(DATE_FORMATS).format(y=year, yy=year % 100, m=rng.randint(1, 12), d=rng.randint(1, 28))

"""A page photographed with a phone on a desk: seen at an angle (perspective), smaller than
the frame, on a wooden or grey desk, with a little shade, as applicants send 微信 photos."""
from __future__ import annotations

import random

import cv2
import numpy as np
from PIL import Image


def _desk(width: int, height: int, rng: random.Random) -> np.ndarray:
    base = np.array(rng.choice([(120, 86, 52), (96, 70, 48), (70, 72, 76), (140, 120, 96)]), dtype=np.float32)
    grain = np.random.default_rng(rng.randrange(2**32)).normal(0, 9, (height, 1, 1)).astype(np.float32)
    desk = np.ones((height, width, 3), dtype=np.float32) * base + grain
    return np.clip(desk, 0, 255)


def photograph(page: Image.Image, rng: random.Random, frame: tuple[int, int] = (1500, 2000)) -> tuple[Image.Image, np.ndarray]:
    """The page photographed; returns the photo and the page corners in it (tl, tr, br, bl)."""
    width, height = frame
    src = np.array(page.convert("RGB"), dtype=np.float32)
    ph, pw = src.shape[:2]
    scale = rng.uniform(0.6, 0.78) * min(width / pw, height / ph)
    cx, cy = width / 2 + rng.uniform(-60, 60), height / 2 + rng.uniform(-60, 60)
    half_w, half_h = pw * scale / 2, ph * scale / 2
    squeeze = rng.uniform(0.04, 0.12) * half_w  # the far edge looks narrower
    corners = np.array([
        [cx - half_w + squeeze + rng.uniform(-20, 20), cy - half_h + rng.uniform(-20, 20)],
        [cx + half_w - squeeze + rng.uniform(-20, 20), cy - half_h + rng.uniform(-20, 20)],
        [cx + half_w + rng.uniform(-20, 20), cy + half_h + rng.uniform(-20, 20)],
        [cx - half_w + rng.uniform(-20, 20), cy + half_h + rng.uniform(-20, 20)],
    ], dtype=np.float32)
    matrix = cv2.getPerspectiveTransform(np.array([[0, 0], [pw, 0], [pw, ph], [0, ph]], dtype=np.float32), corners)
    warped = cv2.warpPerspective(src, matrix, (width, height), flags=cv2.INTER_LINEAR)
    mask = cv2.warpPerspective(np.ones((ph, pw), dtype=np.float32), matrix, (width, height))[..., None]
    photo = warped * mask + _desk(width, height, rng) * (1 - mask)
    shade = np.linspace(1.0, rng.uniform(0.8, 0.92), width, dtype=np.float32)[None, :, None]
    photo = np.clip(photo * shade, 0, 255).astype(np.uint8)
    return Image.fromarray(photo, "RGB"), corners

"""Scanner / phone-camera degradation and image-file output (JPG, PNG, image-only PDF)."""
from __future__ import annotations

import random
from dataclasses import dataclass
from pathlib import Path

import cv2
import numpy as np
from PIL import Image


@dataclass
class ScanStyle:
    skew: float = 0.0            # degrees, positive = counter-clockwise
    noise: float = 4.0           # gaussian sigma in grey levels
    blur: float = 0.0            # gaussian sigma in pixels
    lighting: float = 0.0        # 0..0.35 strength of an uneven illumination gradient
    grayscale: bool = False      # black-and-white scan / photocopy
    upside_down: bool = False
    jpeg_quality: int = 75


def random_style(rng: random.Random, *, allow_upside_down: bool = False, bw_prob: float = 0.12) -> ScanStyle:
    return ScanStyle(
        skew=rng.uniform(-5, 5) if rng.random() < 0.8 else 0.0,
        noise=rng.uniform(1.5, 7),
        blur=rng.choice([0.0, 0.0, 0.5, 0.8, 1.2]),
        lighting=rng.choice([0.0, 0.0, 0.1, 0.2, 0.3]),
        grayscale=rng.random() < bw_prob,
        upside_down=allow_upside_down and rng.random() < 0.5,
        jpeg_quality=rng.randint(55, 80),
    )


def apply(img: Image.Image, style: ScanStyle, rng: random.Random) -> Image.Image:
    arr = np.array(img.convert("RGB"), dtype=np.float32)
    h, w = arr.shape[:2]
    if style.lighting:
        ang = rng.uniform(0, 2 * np.pi)
        xx = np.linspace(0, 1, w, dtype=np.float32)[None, :]
        yy = np.linspace(0, 1, h, dtype=np.float32)[:, None]
        grad = np.cos(ang) * xx + np.sin(ang) * yy
        grad = (grad - grad.min()) / max(1e-6, float(grad.max() - grad.min()))
        arr *= (1 - style.lighting * grad)[..., None]
    if style.skew:
        m = cv2.getRotationMatrix2D((w / 2, h / 2), style.skew, 1.0)
        border = tuple(float(v) for v in np.median(arr[:20, :20].reshape(-1, 3), axis=0))
        arr = cv2.warpAffine(arr, m, (w, h), flags=cv2.INTER_LINEAR, borderMode=cv2.BORDER_CONSTANT, borderValue=border)
    if style.blur:
        arr = cv2.GaussianBlur(arr, (0, 0), style.blur)
    if style.noise:
        nrng = np.random.default_rng(rng.randrange(2**32))
        arr += (nrng.standard_normal(arr.shape[:2], dtype=np.float32) * style.noise)[..., None]
    out = Image.fromarray(np.clip(arr, 0, 255).astype(np.uint8), "RGB")
    if style.grayscale:
        out = out.convert("L").convert("RGB")
    if style.upside_down:
        out = out.rotate(180)
    return out


def save_image(img: Image.Image, path: Path, quality: int = 75) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    if path.suffix.lower() in (".jpg", ".jpeg"):
        img.convert("RGB").save(path, "JPEG", quality=quality, optimize=False)
    else:
        img.save(path)


def save_pdf(pages: list[Image.Image], path: Path, dpi: int, quality: int = 75) -> None:
    """Image-only multi-page PDF, JPEG-compressed like a scanner's output."""
    path.parent.mkdir(parents=True, exist_ok=True)
    rgb = [p.convert("RGB") for p in pages]
    rgb[0].save(path, "PDF", save_all=True, append_images=rgb[1:], resolution=float(dpi), quality=quality)

"""How the copy reaches us: flatbed scans (colour or grey), an office MFP's black-and-white scan, a
scanning app's "enhance" modes, phone photos on a desk, images forwarded through chat apps (JPEG
~70 at 1280 px, or palette PNG screenshots at ~100 dpi), sometimes turned 90° or 180°. Each capture
names the resolution to draw the page at, then turns the drawn page into the file bytes as delivered
(or a Word page with the copy pasted in as a picture), and the image as a reader decodes them (mode kept: P, L, 1 or RGB)."""

from __future__ import annotations

import io
import random
from dataclasses import dataclass
from typing import Callable

import cv2
import numpy as np
from PIL import Image, ImageFilter

from tests.generator.blind_copies.ink import to_image


EXIF_ORIENTATION = 0x0112


@dataclass(frozen=True)
class Capture:
    image: Image.Image  # decoded from `data`, as a reader would get it
    data: bytes  # the file as delivered
    suffix: str
    dpi: int  # effective resolution of the page in the image
    grayscale: bool
    detail: str = ""  # the capture's variant, for the case name


def _encode(image: Image.Image, fmt: str, dpi: int, **options) -> tuple[bytes, Image.Image]:
    buffer = io.BytesIO()
    image.save(buffer, fmt, dpi=(dpi, dpi), **options)
    data = buffer.getvalue()
    decoded = Image.open(io.BytesIO(data))
    decoded.load()
    return data, decoded


def _scanner(page: np.ndarray, rng: random.Random, blur: float) -> np.ndarray:
    """Platen glass: a slight skew, a touch of blur, sensor noise, the lid's grey beyond the page."""
    h, w = page.shape[:2]
    matrix = cv2.getRotationMatrix2D((w / 2, h / 2), rng.uniform(-1.5, 1.5), 1.0)
    matrix[:, 2] += (rng.uniform(-0.01, 0.01) * w, rng.uniform(-0.01, 0.01) * h)
    lid = rng.uniform(0.88, 0.98)
    out = cv2.warpAffine(page, matrix, (w, h), flags=cv2.INTER_LINEAR, borderValue=(lid, lid, lid))
    if blur:
        out = cv2.GaussianBlur(out, (0, 0), blur)
    noise = np.random.default_rng(rng.randrange(2**31)).normal(0, rng.uniform(0.005, 0.02), out.shape[:2])
    return np.clip(out + noise[:, :, None].astype(np.float32), 0, 1)


def _rotate(image: Image.Image, turn: int) -> Image.Image:
    return image.rotate(turn, expand=True) if turn else image


def flatbed_colour(page: np.ndarray, dpi: int, rng: random.Random, turn: int) -> Capture:
    image = _rotate(to_image(_scanner(page, rng, rng.uniform(0.3, 0.8))), turn)
    if rng.random() < 0.6:
        data, decoded = _encode(image, "JPEG", dpi, quality=rng.randint(80, 95))
        return Capture(decoded, data, ".jpg", dpi, False, f"{dpi}dpi-jpeg")
    data, decoded = _encode(image, "PNG", dpi)
    return Capture(decoded, data, ".png", dpi, False, f"{dpi}dpi-png")


def flatbed_grey(page: np.ndarray, dpi: int, rng: random.Random, turn: int) -> Capture:
    image = _rotate(to_image(_scanner(page, rng, rng.uniform(0.3, 0.8))).convert("L"), turn)
    data, decoded = _encode(image, "JPEG", dpi, quality=rng.randint(80, 92))
    return Capture(decoded, data, ".jpg", dpi, True, f"{dpi}dpi")


def mfp_bw(page: np.ndarray, dpi: int, rng: random.Random, turn: int) -> Capture:
    """An office MFP at 200 dpi black-and-white: a fixed threshold (red seals turn black or break up
    into speckle, depending on how dark the ink is) or error-diffusion dither."""
    grey = to_image(_scanner(page, rng, 0.5)).convert("L")
    threshold = rng.random() < 0.6
    if threshold:
        cut = rng.randint(120, 165)
        bw = grey.point(lambda v: 255 if v > cut else 0).convert("1", dither=Image.Dither.NONE)
    else:
        bw = grey.convert("1")  # Floyd-Steinberg
    bw = _rotate(bw, turn)
    data, decoded = _encode(bw, "PNG", dpi)
    return Capture(decoded, data, ".png", dpi, True, "threshold" if threshold else "dither")


def _perspective(page: np.ndarray, rng: random.Random, out_w: int, out_h: int) -> np.ndarray:
    """The page lying on a desk, photographed from above at an angle."""
    h, w = page.shape[:2]
    desk = np.array(rng.choice(((0.55, 0.42, 0.3), (0.35, 0.33, 0.32), (0.8, 0.78, 0.74), (0.25, 0.22, 0.2))), np.float32)
    scale = min(out_w / w, out_h / h) * rng.uniform(0.78, 0.92)
    cx, cy = out_w / 2 + rng.uniform(-0.04, 0.04) * out_w, out_h / 2 + rng.uniform(-0.04, 0.04) * out_h
    hw, hh = w * scale / 2, h * scale / 2
    jitter = lambda: rng.uniform(-0.05, 0.05) * min(out_w, out_h)  # noqa: E731
    dst = np.float32([[cx - hw + jitter(), cy - hh + jitter()], [cx + hw + jitter(), cy - hh + jitter()],
                      [cx + hw + jitter(), cy + hh + jitter()], [cx - hw + jitter(), cy + hh + jitter()]])
    src = np.float32([[0, 0], [w, 0], [w, h], [0, h]])
    matrix = cv2.getPerspectiveTransform(src, dst)
    background = np.empty((out_h, out_w, 3), np.float32)
    background[:] = desk
    grain = np.random.default_rng(rng.randrange(2**31)).normal(0, 0.03, (out_h // 8 + 1, out_w // 8 + 1)).astype(np.float32)
    background *= (1 + cv2.resize(grain, (out_w, out_h)))[:, :, None]
    return cv2.warpPerspective(page, matrix, (out_w, out_h), dst=background, borderMode=cv2.BORDER_TRANSPARENT,
                               flags=cv2.INTER_LINEAR)


def _lighting(photo: np.ndarray, rng: random.Random) -> np.ndarray:
    """Uneven room light, a warm or cool cast, and the soft shadow of the phone and hand."""
    h, w = photo.shape[:2]
    ys, xs = np.mgrid[0:h, 0:w].astype(np.float32)
    angle = rng.uniform(0, 2 * np.pi)
    ramp = 1 - rng.uniform(0.1, 0.35) * (((xs / w - 0.5) * np.cos(angle) + (ys / h - 0.5) * np.sin(angle)) + 0.5)
    light = ramp[:, :, None] * np.array(rng.choice(((1.0, 0.97, 0.9), (0.95, 0.97, 1.0), (1, 1, 1))), np.float32)
    shadow = np.zeros((h, w), np.float32)
    if rng.random() < 0.6:
        corner = (int(rng.uniform(0.2, 0.9) * w), int(rng.choice((-0.1, 1.1)) * h))
        axes = (int(rng.uniform(0.2, 0.45) * w), int(rng.uniform(0.25, 0.5) * h))
        cv2.ellipse(shadow, corner, axes, rng.uniform(0, 180), 0, 360, 1.0, -1)
        shadow = cv2.GaussianBlur(shadow, (0, 0), w * 0.04) * rng.uniform(0.25, 0.45)
    return np.clip(photo * light * (1 - shadow[:, :, None]), 0, 1)


def phone_photo(page: np.ndarray, dpi: int, rng: random.Random, turn: int) -> Capture:
    long_side = rng.choice((3000, 3264, 4000))
    out_w, out_h = (long_side * 3 // 4, long_side)
    photo = _perspective(page, rng, out_w, out_h)
    photo = _lighting(photo, rng)
    if rng.random() < 0.3:  # hand shake
        size = rng.randint(3, 7)
        kernel = np.zeros((size, size), np.float32)
        kernel[size // 2] = 1 / size
        photo = cv2.filter2D(photo, -1, kernel)
    else:
        photo = cv2.GaussianBlur(photo, (0, 0), rng.uniform(0.6, 1.2))
    noise = np.random.default_rng(rng.randrange(2**31)).normal(0, 0.015, photo.shape).astype(np.float32)
    if rng.random() < 0.4:  # moiré: the sensor grid beating against the copier's screen
        ys, xs = np.mgrid[0:out_h, 0:out_w].astype(np.float32)
        period, angle = rng.uniform(6, 14), rng.uniform(0, np.pi)
        wave = np.sin((xs * np.cos(angle) + ys * np.sin(angle)) * 2 * np.pi / period) * rng.uniform(0.01, 0.025)
        photo = photo * (1 + wave[:, :, None])
    image = _rotate(to_image(np.clip(photo + noise, 0, 1)), turn)
    page_dpi = int(round(dpi * long_side * 0.85 / page.shape[0]))
    exif = Image.Exif()
    detail = f"{long_side}px"
    if rng.random() < 0.4:  # the sensor's pixels stored sideways, an EXIF tag says how to turn them
        image = image.rotate(90, expand=True)
        exif[EXIF_ORIENTATION] = 6
        detail += "-exif6"
    data, decoded = _encode(image, "JPEG", 72, quality=rng.randint(70, 90), exif=exif.tobytes())
    return Capture(decoded, data, ".jpg", page_dpi, False, detail)


def scan_app(page: np.ndarray, dpi: int, rng: random.Random, turn: int) -> Capture:
    """A scanning app: the photo cropped flat, then an enhance mode — high-contrast black and white,
    red killed (the red channel taken as grey), or colours over-saturated on a bleached page."""
    photo = _lighting(_scanner(page, rng, rng.uniform(0.6, 1.2)), rng)
    mode = rng.choice(("bw", "no-red", "magic"))
    grayscale = mode != "magic"
    if mode == "bw":
        grey = cv2.cvtColor((photo * 255).astype(np.uint8), cv2.COLOR_RGB2GRAY)
        out = cv2.adaptiveThreshold(grey, 255, cv2.ADAPTIVE_THRESH_MEAN_C, cv2.THRESH_BINARY, 31 | 1, rng.randint(8, 18))
        image = Image.fromarray(out, "L")
    elif mode == "no-red":
        red = photo[:, :, 0]
        flat = red / np.maximum(cv2.GaussianBlur(red, (0, 0), 25), 0.2)
        image = Image.fromarray(np.clip((flat - 0.15) / 0.8 * 255, 0, 255).astype(np.uint8), "L")
    else:
        flat = photo / np.maximum(cv2.GaussianBlur(photo, (0, 0), 25), 0.2)
        hsv = cv2.cvtColor(np.clip(flat, 0, 1).astype(np.float32), cv2.COLOR_RGB2HSV)
        hsv[:, :, 1] = np.clip(hsv[:, :, 1] * rng.uniform(1.4, 2.0), 0, 1)
        image = to_image(np.clip(cv2.cvtColor(hsv, cv2.COLOR_HSV2RGB) * 1.05, 0, 1))
        image = image.filter(ImageFilter.UnsharpMask(2, 120, 3))
    image = _rotate(image, turn)
    data, decoded = _encode(image, "JPEG", dpi, quality=rng.randint(75, 88))
    return Capture(decoded, data, ".jpg", dpi, grayscale, mode)


def chat_jpeg(page: np.ndarray, dpi: int, rng: random.Random, turn: int) -> Capture:
    """Forwarded through a chat app: long side squeezed to ~1280 px, JPEG ~70."""
    image = to_image(_scanner(page, rng, 0.4))
    long_side = rng.choice((1280, 1280, 1080, 1440))
    factor = long_side / max(image.size)
    image = image.resize((round(image.width * factor), round(image.height * factor)), Image.Resampling.LANCZOS)
    image = _rotate(image, turn)
    data, decoded = _encode(image, "JPEG", 72, quality=rng.randint(62, 75))
    return Capture(decoded, data, ".jpg", int(round(dpi * factor)), False, f"{long_side}px")


def chat_png(page: np.ndarray, dpi: int, rng: random.Random, turn: int) -> Capture:
    """A screenshot or chat-tool PNG: about 100 dpi for A4, palette mode."""
    image = to_image(_scanner(page, rng, 0.4))
    target = rng.choice((96, 100, 110))
    factor = target / dpi
    image = image.resize((round(image.width * factor), round(image.height * factor)), Image.Resampling.LANCZOS)
    colours = rng.choice((256, 128, 64))
    image = _rotate(image, turn).quantize(colors=colours, method=Image.Quantize.MEDIANCUT,
                                          dither=rng.choice((Image.Dither.NONE, Image.Dither.FLOYDSTEINBERG)))
    data, decoded = _encode(image, "PNG", target, optimize=True)
    return Capture(decoded, data, ".png", target, False, f"P{colours}")


def word_page(page: np.ndarray, dpi: int, rng: random.Random, turn: int) -> Capture:
    """A copy pasted as a picture into a Word file (scaled to the text width between Word's margins),
    the Word page then exported and saved as an image: the copy sits smaller than the page."""
    scan = _rotate(to_image(_scanner(page, rng, 0.5)), turn)
    out_dpi = rng.choice((120, 150, 200))
    sheet = Image.new("RGB", (round(210 / 25.4 * out_dpi), round(297 / 25.4 * out_dpi)), (255, 255, 255))
    margin_x, margin_y = round(31.8 / 25.4 * out_dpi), round(25.4 / 25.4 * out_dpi)
    factor = min((sheet.width - 2 * margin_x) / scan.width, (sheet.height - 2 * margin_y) / scan.height)
    picture = scan.resize((round(scan.width * factor), round(scan.height * factor)), Image.Resampling.BICUBIC)
    sheet.paste(picture, (margin_x, margin_y))
    if rng.random() < 0.5:
        data, decoded = _encode(sheet, "PNG", out_dpi)
        return Capture(decoded, data, ".png", round(dpi * factor), False, f"{out_dpi}dpi-png")
    data, decoded = _encode(sheet, "JPEG", out_dpi, quality=rng.randint(80, 92))
    return Capture(decoded, data, ".jpg", round(dpi * factor), False, f"{out_dpi}dpi-jpeg")


Maker = Callable[[np.ndarray, int, random.Random, int], Capture]

# name -> (resolutions the page is drawn at, maker)
CAPTURES: dict[str, tuple[tuple[int, ...], Maker]] = {
    "flatbed-colour": ((150, 200, 300), flatbed_colour),
    "flatbed-grey": ((150, 200, 300), flatbed_grey),
    "mfp-bw": ((200,), mfp_bw),
    "scan-app": ((200,), scan_app),
    "phone": ((240,), phone_photo),
    "chat-jpeg": ((150,), chat_jpeg),
    "chat-png": ((150,), chat_png),
    "word-page": ((200,), word_page),
}

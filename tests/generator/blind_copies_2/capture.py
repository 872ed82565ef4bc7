"""From paper to the file the bureau receives: the photocopy (colour or black-and-white toner), then
the capture (flatbed scan, office MFP in black-and-white, a scanning app's "enhanced" PDF, a phone photo
on a desk, a picture forwarded through a chat app, a palette screenshot), rotation and EXIF rotation."""

from __future__ import annotations

import io
import random
from dataclasses import dataclass
from datetime import datetime

import cv2
import numpy as np
import pdfplumber
from PIL import Image, ImageDraw, ImageFilter

from .ink import NOTO_SANS, font, px

CAPTURES = ("scan_colour", "scan_grey", "mfp_bw", "scan_app", "scan_app_bw", "phone", "chat_scan", "chat_photo",
            "screenshot", "word_pdf")
GREY_CAPTURES = ("scan_grey", "mfp_bw", "scan_app_bw")
EXIF_ORIENTATION = 0x0112
ORIENTATION_FOR_STORED_TURN = {90: 6, 270: 8, 180: 3}  # pixels stored turned CCW by n degrees
A4_LONG_INCHES = 297 / 25.4
WORD_DPI = 150
PDF_RENDER_DPI = 200  # what the pipeline renders a scanned PDF page at (its OCR dpi)


@dataclass(frozen=True)
class CapturePlan:
    capture: str
    dpi: int  # the resolution the page is drawn at (the scanner's; for photos and chats, before warping)
    fmt: str  # jpg | png | pdf | tif
    rotation: int  # the page lies turned by this many degrees (CCW) in the delivered pixels
    exif: bool  # stored turned, with an EXIF orientation that turns it back upright
    colour_copy: bool  # the photocopy was made on a colour copier (else toner grey; the marks keep their ink)
    caption: str = ""  # word_pdf: the line typed above the pasted picture


@dataclass(frozen=True)
class Delivery:
    payload: bytes
    suffix: str


def photocopied(original: Image.Image, colour: bool, rng: random.Random) -> np.ndarray:
    """The original as a copier reproduces it: in toner grey, darker and flatter, with a grey cast and
    specks; or in colour, a little washed out. Marks are laid on this afterwards, in real ink."""
    page = np.asarray(original, dtype=np.float32)
    if colour:
        grey = page.mean(axis=2, keepdims=True)
        page -= grey
        page *= rng.uniform(0.75, 0.95)
        page += grey
        page *= rng.uniform(0.93, 0.99)
        page += rng.uniform(0, 8)
    else:
        page = page @ np.array([0.299, 0.587, 0.114], dtype=np.float32)
        page /= 255.0
        page **= rng.uniform(1.1, 1.6)  # toner darkens mid tones
        page *= 255.0 * rng.uniform(0.9, 0.97)
        page += rng.uniform(0, 6)
    noise = np.random.default_rng(rng.randint(0, 2**31))
    specks = noise.random(page.shape[:2], dtype=np.float32) < 0.0004
    page[specks] *= 0.3
    np.clip(page, 0, 255, out=page)
    page = page.astype(np.uint8)
    return page if colour else np.repeat(page[:, :, None], 3, axis=2)


def deliver(page: np.ndarray, plan: CapturePlan, rng: random.Random) -> Delivery:
    noise = np.random.default_rng(rng.randint(0, 2**31))
    capture = plan.capture
    if capture in ("scan_colour", "scan_grey", "mfp_bw"):
        image = _scanned(page, rng, noise)
        if capture == "scan_grey":
            image = image.convert("L")
        elif capture == "mfp_bw":
            image = _black_and_white(image, rng, noise)
    elif capture in ("scan_app", "scan_app_bw"):
        image = _enhanced(_photographed(page, rng, noise, flatten=True), rng, grey=capture == "scan_app_bw")
    elif capture == "phone":
        image = _photographed(page, rng, noise, flatten=False)
    elif capture == "chat_photo":
        image = _chat(_photographed(page, rng, noise, flatten=False))
    elif capture == "chat_scan":
        image = _chat(_scanned(page, rng, noise))
    elif capture == "word_pdf":
        image = _pasted_in_word(_scanned(page, rng, noise), plan.caption, rng)
    else:
        image = _screenshot(Image.fromarray(page), rng)
    if plan.rotation:
        image = image.rotate(plan.rotation, expand=True)
    exif = None
    if plan.exif:
        turn = rng.choice((90, 270, 180))
        image = image.rotate(turn, expand=True)
        exif = Image.Exif()
        exif[EXIF_ORIENTATION] = ORIENTATION_FOR_STORED_TURN[turn]
    return _encoded(image, plan, exif, rng)


def received_image(delivery: Delivery) -> Image.Image:
    """The page as the pipeline gets it from the delivered file: an image file opened as it is (EXIF
    and all), a PDF page rendered at the OCR resolution."""
    if delivery.suffix == ".pdf":
        with pdfplumber.open(io.BytesIO(delivery.payload)) as document:
            return document.pages[0].to_image(resolution=PDF_RENDER_DPI).original.copy()
    image = Image.open(io.BytesIO(delivery.payload))
    image.load()
    return image


def _scanned(page: np.ndarray, rng: random.Random, noise: np.random.Generator) -> Image.Image:
    """A flatbed scan: slightly skewed on the glass, lid shadow at one edge, sensor noise, soft focus."""
    image = Image.fromarray(page).rotate(rng.gauss(0, 0.8), resample=Image.BILINEAR, fillcolor=(250, 250, 250))
    pixels = np.asarray(image, dtype=np.float32)
    pixels += (noise.standard_normal(pixels.shape[:2], dtype=np.float32) * rng.uniform(1.5, 4.0))[:, :, None]
    if rng.random() < 0.4:
        edge = np.linspace(rng.uniform(0.75, 0.9), 1.0, max(2, pixels.shape[1] // 40), dtype=np.float32)
        pixels[:, :edge.size] *= edge[None, :, None]
    np.clip(pixels, 0, 255, out=pixels)
    return Image.fromarray(pixels.astype(np.uint8)).filter(ImageFilter.GaussianBlur(rng.uniform(0.3, 0.8)))


def _black_and_white(image: Image.Image, rng: random.Random, noise: np.random.Generator) -> Image.Image:
    """An office MFP's 1-bit scan: a fixed threshold (red goes black or breaks up) or error diffusion."""
    grey = image.convert("L")
    if rng.random() < 0.3:
        return grey.convert("1")  # Floyd-Steinberg dither
    cut = rng.uniform(140, 175)
    pixels = np.asarray(grey, dtype=np.float32) + noise.normal(0, 6, (grey.height, grey.width))
    return Image.fromarray(np.where(pixels > cut, 255, 0).astype(np.uint8)).convert("1", dither=Image.NONE)


def _photographed(page: np.ndarray, rng: random.Random, noise: np.random.Generator, flatten: bool) -> Image.Image:
    """A phone photo of the page on a desk: perspective, desk around it, light falling off, the shadow
    of a hand or the phone, blur, sensor noise. `flatten`: a scanning app found the corners and cut the
    page out again (a slight leftover distortion, no desk)."""
    h, w = page.shape[:2]
    margin = 0.04 if flatten else rng.uniform(0.08, 0.25)
    dw, dh = int(w * (1 + 2 * margin)), int(h * (1 + 2 * margin))
    desk = _desk(dw, dh, rng, noise)
    jitter = 0.01 if flatten else 0.06
    corners = np.float32([[0, 0], [w, 0], [w, h], [0, h]])
    target = np.float32([[dw * margin + rng.uniform(-jitter, jitter) * w, dh * margin + rng.uniform(-jitter, jitter) * h]
                         for _ in range(4)])
    target += np.float32([[0, 0], [w, 0], [w, h], [0, h]])
    matrix = cv2.getPerspectiveTransform(corners, target)
    pixels = cv2.warpPerspective(page, matrix, (dw, dh), flags=cv2.INTER_LINEAR, borderValue=(0, 0, 0)).astype(np.float32)
    cover = cv2.warpPerspective(np.ones((h, w), np.float32), matrix, (dw, dh), flags=cv2.INTER_LINEAR)
    pixels -= desk  # in place, to keep a 4000 px photo's memory down: page * cover + desk * (1 - cover)
    pixels *= cover[:, :, None]
    pixels += desk
    del desk, cover
    light = _lighting(dw, dh, rng)
    if rng.random() < 0.5 and not flatten:
        light *= _shadow(dw, dh, rng)
    pixels *= light[:, :, None]
    pixels *= np.float32([rng.uniform(0.95, 1.05), 1.0, rng.uniform(0.88, 1.0)])  # warm indoor light
    pixels += (noise.standard_normal((dh, dw), dtype=np.float32) * rng.uniform(2, 6))[:, :, None]
    np.clip(pixels, 0, 255, out=pixels)
    image = Image.fromarray(pixels.astype(np.uint8))
    if flatten:
        image = image.crop((int(dw * margin), int(dh * margin), int(dw * (1 - margin)), int(dh * (1 - margin))))
    blur = rng.random()
    if blur < 0.25:
        image = _motion_blur(image, rng)
    elif blur < 0.6:
        image = image.filter(ImageFilter.GaussianBlur(rng.uniform(0.6, 1.5)))
    long_side = rng.randint(3000, 4000) if not flatten else rng.randint(1700, 2500)
    scale = long_side / max(image.size)
    return image.resize((int(image.width * scale), int(image.height * scale)), Image.BILINEAR)


def _desk(w: int, h: int, rng: random.Random, noise: np.random.Generator) -> np.ndarray:
    base = np.float32(rng.choice(((150, 110, 75), (120, 85, 60), (190, 190, 185), (90, 90, 95), (205, 195, 175))))
    small = noise.random((max(2, h // 60), max(2, w // 6)), dtype=np.float32)  # streaks along the grain
    grain = cv2.resize(small, (w, h), interpolation=cv2.INTER_CUBIC)
    grain *= 0.3
    grain += 0.85
    return grain[:, :, None] * base[None, None, :]


def _lighting(w: int, h: int, rng: random.Random) -> np.ndarray:
    ys, xs = np.mgrid[0:h:8, 0:w:8].astype(np.float32)
    lx, ly = rng.uniform(0, w), rng.uniform(0, h)
    fall = np.sqrt((xs - lx) ** 2 + (ys - ly) ** 2) / max(w, h)
    light = 1.0 - rng.uniform(0.15, 0.4) * fall
    return cv2.resize(light, (w, h), interpolation=cv2.INTER_LINEAR)


def _shadow(w: int, h: int, rng: random.Random) -> np.ndarray:
    small = np.ones((h // 8, w // 8), np.float32)
    sw, sh = small.shape[1], small.shape[0]
    x0 = rng.uniform(-0.2, 0.7) * sw
    points = np.int32([[x0, sh], [x0 + sw * rng.uniform(0.2, 0.5), sh], [x0 + sw * rng.uniform(0.3, 0.6), sh * rng.uniform(0.4, 0.8)],
                       [x0 + sw * rng.uniform(0.0, 0.2), sh * rng.uniform(0.5, 0.85)]])
    cv2.fillPoly(small, [points], rng.uniform(0.55, 0.8))
    small = cv2.GaussianBlur(small, (0, 0), sigmaX=max(2.0, sw / 30))
    return cv2.resize(small, (w, h), interpolation=cv2.INTER_LINEAR)


def _motion_blur(image: Image.Image, rng: random.Random) -> Image.Image:
    length = rng.randint(5, 13)
    kernel = np.zeros((length, length), np.float32)
    kernel[length // 2, :] = 1.0 / length
    kernel = cv2.warpAffine(kernel, cv2.getRotationMatrix2D((length / 2, length / 2), rng.uniform(0, 180), 1.0), (length, length))
    kernel /= max(kernel.sum(), 1e-6)
    return Image.fromarray(cv2.filter2D(np.asarray(image), -1, kernel))


def _enhanced(image: Image.Image, rng: random.Random, grey: bool) -> Image.Image:
    """A scanning app's enhance mode: background flattened to white, ink darkened; colours either
    over-saturated or, in its black-and-white mode, turned into high-contrast grey."""
    pixels = np.asarray(image, dtype=np.float32)
    small = cv2.resize(pixels, (pixels.shape[1] // 8, pixels.shape[0] // 8), interpolation=cv2.INTER_AREA)
    small = cv2.GaussianBlur(cv2.dilate(small, np.ones((5, 5), np.uint8)), (0, 0), sigmaX=4)  # the paper, without ink
    background = cv2.resize(small, (pixels.shape[1], pixels.shape[0]), interpolation=cv2.INTER_LINEAR)
    flat = np.clip(pixels / np.maximum(background, 1) * 255.0, 0, 255)
    flat = 255.0 * (flat / 255.0) ** rng.uniform(1.5, 2.5)
    if grey:
        luma = flat @ np.array([0.299, 0.587, 0.114], dtype=np.float32)
        return Image.fromarray(np.clip(luma, 0, 255).astype(np.uint8), "L")
    mean = flat.mean(axis=2, keepdims=True)
    flat = mean + (flat - mean) * rng.uniform(1.2, 1.6)
    return Image.fromarray(np.clip(flat, 0, 255).astype(np.uint8))


def _chat(image: Image.Image) -> Image.Image:
    """A chat app's forward: the long side cut to 1280 px (compression happens at encoding)."""
    scale = 1280 / max(image.size)
    if scale < 1:
        image = image.resize((round(image.width * scale), round(image.height * scale)), Image.BILINEAR)
    return image.convert("RGB")


def _screenshot(image: Image.Image, rng: random.Random) -> Image.Image:
    """A screenshot of the page in a viewer at about 100 dpi, grey bars around it, saved as a palette PNG."""
    scale = rng.uniform(95, 110) / 25.4 / (image.width / 210.0 if image.width < image.height else image.width / 297.0)
    page = image.resize((round(image.width * scale), round(image.height * scale)), Image.BILINEAR)
    bar = rng.randint(30, 70)
    canvas = Image.new("RGB", (page.width + 2 * rng.randint(20, 120), page.height + bar + 20), (rng.randint(60, 90),) * 3)
    canvas.paste((235, 235, 235), (0, 0, canvas.width, bar))
    canvas.paste(page, ((canvas.width - page.width) // 2, bar + 10))
    return canvas.quantize(colors=rng.choice((64, 128, 256)), method=Image.Quantize.MEDIANCUT, dither=Image.Dither.NONE)


def _pasted_in_word(scan: Image.Image, caption: str, rng: random.Random) -> Image.Image:
    """A scan pasted as a picture into a Word page under a typed caption, downscaled by Word, exported
    to PDF at 150 dpi: the copy smaller than the page, white margins around it."""
    page = Image.new("RGB", (px(210, WORD_DPI), px(297, WORD_DPI)), (255, 255, 255))
    top = px(25, WORD_DPI)
    if caption:
        ImageDraw.Draw(page).text((px(25, WORD_DPI), top), caption, font=font(NOTO_SANS, px(5, WORD_DPI)), fill=(0, 0, 0))
        top += px(10, WORD_DPI)
    width = int(page.width * rng.uniform(0.55, 0.8))
    picture = scan.convert("RGB").resize((width, round(scan.height * width / scan.width)), Image.BICUBIC)
    if picture.height > page.height - top - px(20, WORD_DPI):
        height = page.height - top - px(20, WORD_DPI)
        picture = picture.resize((round(picture.width * height / picture.height), height), Image.BICUBIC)
    page.paste(picture, ((page.width - picture.width) // 2, top))
    return page


def _encoded(image: Image.Image, plan: CapturePlan, exif: Image.Exif | None, rng: random.Random) -> Delivery:
    out = io.BytesIO()
    dpi = (plan.dpi, plan.dpi)
    if plan.fmt == "pdf":
        scanned_at = datetime(2023, 8, rng.randint(1, 30), rng.randint(8, 18), rng.randint(0, 59)).timetuple()
        image.save(out, "PDF", resolution=max(image.size) / A4_LONG_INCHES,  # the page box stays A4
                   creationDate=scanned_at, modDate=scanned_at)
    elif plan.fmt == "tif":
        image.save(out, "TIFF", compression="group4" if image.mode == "1" else "tiff_lzw", dpi=dpi)
    elif plan.fmt == "png":  # a screenshot says nothing of its resolution
        image.save(out, "PNG", **({} if plan.capture == "screenshot" else {"dpi": dpi}))
    else:
        quality = rng.randint(55, 75) if plan.capture.startswith("chat") else rng.randint(70, 92)
        options = {"quality": quality}
        if exif is not None:
            options["exif"] = exif.tobytes()
        if plan.capture.startswith("scan"):
            options["dpi"] = dpi
        image.convert("RGB" if image.mode not in ("L", "RGB") else image.mode).save(out, "JPEG", **options)
    return Delivery(out.getvalue(), "." + plan.fmt)

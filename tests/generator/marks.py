"""Ink marks a clerk puts on paper: red round official seals, handwriting, signatures.

All marks are RGBA layers composited onto the page with a multiply blend, like ink on paper.
"""
from __future__ import annotations

import math
import random
from dataclasses import dataclass

import numpy as np
from PIL import Image, ImageDraw, ImageFilter

from .fonts import font

SEAL_STYLES = {
    "red": (214, 28, 36),
    "bright": (235, 20, 30),
    "faded": (236, 112, 128),
    "pink": (240, 130, 160),
    "dark": (160, 20, 35),
    "purple": (150, 30, 90),     # old ink pad
}
INKS = {
    "blue": (25, 45, 150),
    "black": (30, 30, 35),
    "red": (200, 30, 30),
    "bluegrey": (60, 70, 110),
}


def _noise_field(w: int, h: int, rng: random.Random, scale: int = 8) -> np.ndarray:
    """Smooth random field in [0, 1] (upsampled white noise)."""
    nrng = np.random.default_rng(rng.randrange(2**32))
    small = nrng.random((max(2, h // scale), max(2, w // scale))).astype(np.float32)
    img = Image.fromarray((small * 255).astype(np.uint8)).resize((w, h), Image.BICUBIC)
    return np.asarray(img, dtype=np.float32) / 255.0


def _inked(mask: Image.Image, color: tuple[int, int, int], rng: random.Random, coverage: float = 0.9,
           texture: float = 0.5) -> Image.Image:
    """Turn an L mask into an RGBA ink layer with uneven pressure and small gaps."""
    w, h = mask.size
    m = np.asarray(mask, dtype=np.float32) / 255.0
    pressure = 0.55 + 0.45 * _noise_field(w, h, rng, scale=max(4, w // 6))
    grain = _noise_field(w, h, rng, scale=2)
    holes = (grain > (1.0 - (1.0 - coverage) * 2.2)).astype(np.float32) * texture
    alpha = np.clip(m * (pressure * coverage + 0.15) * (1.0 - holes), 0, 1)
    out = np.zeros((h, w, 4), dtype=np.uint8)
    out[..., 0], out[..., 1], out[..., 2] = color
    out[..., 3] = (alpha * 255).astype(np.uint8)
    return Image.fromarray(out, "RGBA")


def _star(draw: ImageDraw.ImageDraw, cx: float, cy: float, r: float, fill=255) -> None:
    pts = []
    for i in range(10):
        ang = -math.pi / 2 + i * math.pi / 5
        rad = r if i % 2 == 0 else r * 0.382
        pts.append((cx + rad * math.cos(ang), cy + rad * math.sin(ang)))
    draw.polygon(pts, fill=fill)


def seal_mask(text: str, diameter: int, rng: random.Random, bottom: str | None = None, code: str | None = None,
              oval: bool = False) -> Image.Image:
    """Official round seal (公章): ring, five-pointed star, `text` along the upper arc, optional bottom text."""
    S = diameter * 2  # supersample
    W, H = S, (int(S * 0.72) if oval else S)
    img = Image.new("L", (W, H), 0)
    d = ImageDraw.Draw(img)
    ring = max(3, int(S * rng.uniform(0.03, 0.042)))
    d.ellipse([ring // 2, ring // 2, W - ring // 2 - 1, H - ring // 2 - 1], outline=255, width=ring)
    if rng.random() < 0.15:  # thin inner ring (some seals have it)
        inset = ring * 2.2
        d.ellipse([inset, inset, W - inset, H - inset], outline=255, width=max(1, ring // 4))
    cx, cy = W / 2, H / 2
    if not oval:
        _star(d, cx, cy, S * rng.uniform(0.15, 0.18))
    n = len(text)
    span = min(250.0, max(150.0, 14.0 * n + 60))  # degrees covered by the arc text
    ch = int(S * min(0.15, max(0.085, 2.2 / max(n, 8) * 0.55 + 0.02)))
    f = font(rng.choice(["serif_bold", "sans_bold", "serif_bold"]), ch)
    radius = S / 2 - ring * 1.6 - ch * 0.62
    for i, c in enumerate(text):
        ang = -90 - span / 2 + span * (i + 0.5) / n   # degrees, screen coords (0 = right, -90 = top)
        tile = Image.new("L", (int(ch * 1.5), int(ch * 1.5)), 0)
        td = ImageDraw.Draw(tile)
        # draw the glyph narrow (seal characters are condensed)
        td.text((tile.width / 2, tile.height / 2), c, font=f, fill=255, anchor="mm")
        tile = tile.resize((int(tile.width * 0.78), tile.height))
        rot = tile.rotate(-(ang + 90), resample=Image.BICUBIC, expand=True)
        x = cx + radius * math.cos(math.radians(ang)) * (W / S)
        y = cy + radius * math.sin(math.radians(ang)) * (H / S)
        img.paste(255, (int(x - rot.width / 2), int(y - rot.height / 2)), rot)
    if bottom:
        fb = font("serif_bold", int(S * 0.095))
        d.text((cx, cy + S * 0.27 * (H / S)), bottom, font=fb, fill=255, anchor="mm")
    if code:
        fc = font("sans", int(S * 0.05))
        span2 = 70.0
        r2 = S / 2 - ring * 1.4 - S * 0.04
        for i, c in enumerate(code):
            ang = 90 + span2 / 2 - span2 * (i + 0.5) / len(code)
            tile = Image.new("L", (int(S * 0.07), int(S * 0.07)), 0)
            ImageDraw.Draw(tile).text((tile.width / 2, tile.height / 2), c, font=fc, fill=255, anchor="mm")
            rot = tile.rotate(-(ang - 90), resample=Image.BICUBIC, expand=True)
            x, y = cx + r2 * math.cos(math.radians(ang)), cy + r2 * math.sin(math.radians(ang))
            img.paste(255, (int(x - rot.width / 2), int(y - rot.height / 2)), rot)
    img = img.resize((W // 2, H // 2), Image.LANCZOS)
    return img.filter(ImageFilter.GaussianBlur(rng.uniform(0.3, 0.9)))


def seal_layer(text: str, diameter: int, rng: random.Random, style: str = "red", bottom: str | None = None,
               code: str | None = None, angle: float | None = None) -> Image.Image:
    mask = seal_mask(text, diameter, rng, bottom=bottom, code=code)
    cov = {"faded": 0.72, "pink": 0.78}.get(style, rng.uniform(0.84, 0.97))
    layer = _inked(mask, SEAL_STYLES.get(style, SEAL_STYLES["red"]), rng, coverage=cov, texture=rng.uniform(0.2, 0.45))
    if angle is None:
        angle = rng.uniform(-35, 35)
    return layer.rotate(angle, resample=Image.BICUBIC, expand=True)


def printed_seal_layer(text: str, diameter: int, rng: random.Random, bottom: str | None = None) -> Image.Image:
    """A seal printed on a certificate: uniform, crisp, not rotated much."""
    mask = seal_mask(text, diameter, rng, bottom=bottom)
    arr = np.zeros((mask.height, mask.width, 4), np.uint8)
    arr[..., 0], arr[..., 1], arr[..., 2] = rng.choice([(225, 40, 40), (230, 60, 60), (210, 30, 30)])
    arr[..., 3] = (np.asarray(mask, np.float32) * 0.92).astype(np.uint8)
    return Image.fromarray(arr, "RGBA").rotate(rng.uniform(-4, 4), resample=Image.BICUBIC, expand=True)


def handwriting_layer(text: str, size: int, rng: random.Random, ink: str = "blue", angle: float = 0.0,
                      style: str = "kai") -> Image.Image:
    """Handwritten line: per-character jitter in size, baseline and rotation."""
    f_sizes = [int(size * rng.uniform(0.88, 1.12)) for _ in text]
    W = int(sum(f_sizes) * 1.08 + size)
    H = int(size * 1.9)
    mask = Image.new("L", (W, H), 0)
    x = size * 0.3
    for c, s in zip(text, f_sizes):
        f = font(style, s)
        adv = max(s * 0.35, f.getlength(c))
        tile = Image.new("L", (int(s * 1.6), int(s * 1.6)), 0)
        ImageDraw.Draw(tile).text((tile.width / 2, tile.height / 2), c, font=f, fill=255, anchor="mm")
        tile = tile.rotate(rng.uniform(-7, 7), resample=Image.BICUBIC)
        y = H / 2 + rng.uniform(-0.08, 0.08) * size
        mask.paste(255, (int(x + adv / 2 - tile.width / 2), int(y - tile.height / 2)), tile)
        x += adv * rng.uniform(0.92, 1.06)
    # pen strokes are heavier than the font's
    mask = mask.filter(ImageFilter.MaxFilter(3)) if size > 36 else mask
    layer = _inked(mask, INKS.get(ink, INKS["blue"]), rng, coverage=0.97, texture=0.08)
    return layer.rotate(angle, resample=Image.BICUBIC, expand=True)


def signature_layer(name: str, size: int, rng: random.Random, ink: str = "blue", angle: float = 0.0) -> Image.Image:
    """A signature: a slanted, condensed, connected rendering of the name plus a flourish."""
    base = handwriting_layer(name, size, rng, ink=ink)
    w, h = base.size
    shear = rng.uniform(0.15, 0.4)
    base = base.transform((int(w + h * shear), h), Image.AFFINE, (1, shear, -h * shear, 0, 1, 0), resample=Image.BICUBIC)
    base = base.resize((int(base.width * rng.uniform(0.7, 0.9)), base.height))
    W, H = base.width + size, base.height + size // 2
    canvas = Image.new("RGBA", (W, H), (0, 0, 0, 0))
    canvas.alpha_composite(base, (size // 4, size // 4))
    # flourish: a couple of fast strokes through/under the name
    d = ImageDraw.Draw(canvas)
    col = INKS.get(ink, INKS["blue"]) + (230,)
    for _ in range(rng.randint(1, 3)):
        x0, y0 = rng.uniform(0, W * 0.3), rng.uniform(H * 0.5, H * 0.9)
        x3, y3 = rng.uniform(W * 0.7, W), rng.uniform(H * 0.2, H * 0.8)
        x1, y1 = rng.uniform(0, W), rng.uniform(0, H)
        x2, y2 = rng.uniform(0, W), rng.uniform(0, H)
        pts = []
        for i in range(40):
            t = i / 39
            x = (1 - t) ** 3 * x0 + 3 * (1 - t) ** 2 * t * x1 + 3 * (1 - t) * t * t * x2 + t ** 3 * x3
            y = (1 - t) ** 3 * y0 + 3 * (1 - t) ** 2 * t * y1 + 3 * (1 - t) * t * t * y2 + t ** 3 * y3
            pts.append((x, y))
        d.line(pts, fill=col, width=max(2, size // 14), joint="curve")
    return canvas.rotate(angle, resample=Image.BICUBIC, expand=True)


def composite(page: Image.Image, layer: Image.Image, xy: tuple[int, int]) -> tuple[int, int, int, int]:
    """Multiply-blend an RGBA ink layer onto an RGB page at top-left `xy`; return the box actually covered."""
    x, y = int(xy[0]), int(xy[1])
    x0, y0 = max(0, x), max(0, y)
    x1, y1 = min(page.width, x + layer.width), min(page.height, y + layer.height)
    if x1 <= x0 or y1 <= y0:
        return (x0, y0, x0, y0)
    region = np.asarray(page.crop((x0, y0, x1, y1)), dtype=np.float32)
    lay = np.asarray(layer.crop((x0 - x, y0 - y, x1 - x, y1 - y)), dtype=np.float32)
    a = lay[..., 3:4] / 255.0
    ink = lay[..., :3] / 255.0
    out = region * (1 - a * (1 - ink))
    page.paste(Image.fromarray(np.clip(out, 0, 255).astype(np.uint8), "RGB"), (x0, y0))
    return (x0, y0, x1, y1)


@dataclass
class Certification:
    """Which certification marks were put on a copy page."""
    phrase: bool
    seal: bool
    signature: bool

    def as_dict(self) -> dict:
        return {"phrase": self.phrase, "seal": self.seal, "signature": self.signature}


def certify(page: Image.Image, rng: random.Random, unit_name: str, signer: str, *, phrase: bool = True,
            signature: bool = True, seal: bool = True, seal_style: str | None = None, dpi: int = 150,
            region: tuple[int, int, int, int] | None = None) -> Certification:
    """Put 此件与原件相符 + signature + seal on a copy page, roughly in `region` (default: a free area)."""
    W, H = page.size
    if region is None:
        region = rng.choice([(int(W * 0.45), int(H * 0.62), W - int(W * 0.06), H - int(H * 0.06)),
                             (int(W * 0.08), int(H * 0.62), int(W * 0.6), H - int(H * 0.06)),
                             (int(W * 0.35), int(H * 0.45), W - int(W * 0.05), int(H * 0.75))])
    rx0, ry0, rx1, ry1 = region
    ink = rng.choice(["blue", "blue", "black", "bluegrey", "red"])
    px = dpi / 25.4  # pixels per mm
    ang = rng.uniform(-15, 15)
    x, y = rx0 + rng.uniform(0, max(1, (rx1 - rx0) * 0.25)), ry0 + rng.uniform(0, max(1, (ry1 - ry0) * 0.2))
    text_box = (x, y, x, y)
    if phrase:
        variant = rng.choice(["此件与原件相符", "此件与原件相符", "此件与原件相符。", "此复印件与原件相符"])
        lay = handwriting_layer(variant, int(px * rng.uniform(6.5, 9.5)), rng, ink=ink, angle=ang)
        text_box = composite(page, lay, (x, y))
    if signature:
        sx = text_box[0] + rng.uniform(0.1, 0.5) * max(60, text_box[2] - text_box[0])
        sy = text_box[3] + px * rng.uniform(-2, 6)
        if rng.random() < 0.5:  # "经办人：" prefix written before the signature
            pre = handwriting_layer(rng.choice(["经办人：", "经办人:", "经手人："]), int(px * 6), rng, ink=ink, angle=ang)
            composite(page, pre, (sx - pre.width * 0.9, sy + px * 2))
        composite(page, signature_layer(signer, int(px * rng.uniform(7, 11)), rng, ink=ink, angle=ang + rng.uniform(-8, 8)), (sx, sy))
    if seal:
        dia = int(px * rng.uniform(38, 42))
        style = seal_style or rng.choice(["red", "red", "red", "bright", "dark", "faded"])
        bottom = rng.choice([None, None, None, "公章"])
        layer = seal_layer(unit_name, dia, rng, style=style, bottom=bottom,
                           code=(f"{rng.randint(10**12, 10**13 - 1)}" if rng.random() < 0.3 else None))
        cx = (text_box[0] + text_box[2]) / 2 + rng.uniform(-0.2, 0.3) * dia
        cy = (text_box[1] + text_box[3]) / 2 + rng.uniform(-0.1, 0.4) * dia
        if not phrase:
            cx, cy = rng.uniform(rx0 + dia / 2, max(rx0 + dia / 2 + 1, rx1 - dia / 2)), rng.uniform(ry0 + dia / 2, max(ry0 + dia / 2 + 1, ry1 - dia / 2))
        composite(page, layer, (cx - layer.width / 2, cy - layer.height / 2))
    return Certification(phrase, seal, signature)

"""A second generator of certified copy pages, independent of `marks.certify`, to measure the
certified-copy checks on marks made with other habits than those of `certify_cases`.

Where `certify_cases` always writes the phrase by hand in AR PL UKai with per-character jitter,
stamps a thick ring with a star and condensed serif arc text, and certifies in fixed regions of
the page, the pages here carry:

* the phrase as a rubber stamp (a printed face in a rectangular border, red, blue or purple ink,
  sometimes with a second line 经办人： and the name written after it), or written by hand as a
  font deformed by a smooth warp (UMing or Noto, slanted, large or small, mostly black), also as
  此复印件与原件相符 / 此件与原件相符。 / 与原件相符;
* a signature alone or as 经办人：name, slanted or plain, below or to the right of the phrase,
  sometimes with a date below;
* seals with a thin or a double ring, or oval (45 x 30 mm), with or without a star, arc text in
  Noto Sans or UMing (not condensed), optional 公章 below, several reds, some faded with patches
  of missing ink, on the phrase, off its end, over the signature or beside it;
* the marks wherever the page leaves blank room (over the print when it leaves none); printed
  certification labels, blank or filled in; business-licence copies; red letterhead logos;
* scans at 150, 200 and 300 dpi, colour or grey, slight skew, JPEG quality 60-90, yellowish
  paper and shadows along an edge.

Each case's name lists its features separated by '-', so that wrong answers can be grouped by
feature, e.g. `v007-award-full-stamp2:blue-sig:plain:red-sig@stamp-seal:oval-ink:crimson-seal@edge-300dpi-q71`:
the index, the document kind, the pattern (PATTERNS), `bwcopy` (a black-and-white photocopy),
the phrase (`stamp:<ink>`, `stamp2:<ink>`, `hand:<face>` with `t:copy` / `t:dot` / `t:short`,
`big`, `small`; `label:oneline` / `label:twoline`), the signature (`sig:<hand|plain>[+prefix]:<pen>`,
`sig@<below|right|stamp|label>`, `date`), the seal (`seal:<thin|double|oval>`, `ink:<red>`,
`nostar`, `faded`, `bottom`, `seal@<phrase|edge|beside|sig|label|alone>`), `overprint` (no blank
room: the marks went over the print), then the scan (`<dpi>dpi`, `grey`, `tint`, `shadow`, `q<jpeg quality>`).
"""
from __future__ import annotations

import io
import math
import random
from dataclasses import dataclass

import cv2
import numpy as np
from PIL import Image, ImageDraw, ImageFont, ImageOps

from . import identity, marks, pages, texts
from .certify_cases import CopyCase
from .fonts import font

Box = tuple[float, float, float, float]
Point = tuple[float, float]


@dataclass(frozen=True)
class Pattern:
    """Which marks a page carries; `label`: a printed 此件与原件相符 label stands for the phrase,
    which then counts once the label was signed or stamped."""

    name: str
    phrase: bool
    seal: bool
    signature: bool
    label: bool = False
    weight: int = 1


PATTERNS = (
    Pattern("full", True, True, True, weight=15),
    Pattern("label", True, True, True, label=True, weight=2),
    Pattern("labelsig", True, False, True, label=True),
    Pattern("noseal", True, False, True, weight=2),
    Pattern("nosig", True, True, False, weight=2),
    Pattern("phraseonly", True, False, False),
    Pattern("sigonly", False, False, True),
    Pattern("sealonly", False, True, False),
    Pattern("none", False, False, False, weight=3),  # hard negatives: red print, no marks
    Pattern("blanklabel", False, False, False, label=True),
)

KINDS = ("id_card", "skill_certificate", "diploma", "award", "letter", "licence")
STRONG_RED_KINDS = KINDS[1:]  # red seals, titles, frames or letterheads printed on the document itself
PHRASES = ("此件与原件相符",) * 3 + ("此复印件与原件相符", "此件与原件相符。", "与原件相符")  # the first four also on stamps
PHRASE_TOKENS = {"此复印件与原件相符": "t:copy", "此件与原件相符。": "t:dot", "与原件相符": "t:short"}
STAMP_INKS = {"red": (200, 38, 48), "blue": (38, 72, 170), "purple": (112, 48, 140)}
SEAL_INKS = {"vermilion": (228, 58, 40), "crimson": (186, 20, 50), "scarlet": (242, 34, 36), "brick": (170, 48, 42),
             "rose": (226, 92, 118)}
PENS = {"black": (25, 25, 30), "blue": (28, 58, 168), "red": (206, 32, 42)}
PRINT = (22, 22, 24)
REGISTRAR = "重庆市梁平区市场监督管理局"


def _px(dpi: int, mm: float) -> float:
    return mm * dpi / 25.4


def _flags(flags: dict[str, bool]) -> list[str]:
    """The names of the features that are on."""
    return [name for name, on in flags.items() if on]


# --- ink and raster helpers ------------------------------------------------------------------

def _smooth_noise(shape: tuple[int, int], rng: random.Random, cell: float) -> np.ndarray:
    """A smooth random field in [0, 1] varying over about `cell` pixels."""
    h, w = shape
    gen = np.random.default_rng(rng.randrange(2**32))
    small = gen.random((max(2, int(h / cell) + 2), max(2, int(w / cell) + 2)), dtype=np.float32)
    return np.clip(cv2.resize(small, (w, h), interpolation=cv2.INTER_CUBIC), 0.0, 1.0)


def _ink(mask: np.ndarray, color: tuple[int, int, int], rng: random.Random, *, strength: float,
         patchy: float = 0.0, gradient: float = 0.0, grain: float = 0.1) -> Image.Image:
    """An RGBA ink layer from a [0, 1] mask: overall `strength`, one side lighter by `gradient`,
    blotches without ink over the share `patchy` of the area, and a fine `grain`."""
    h, w = mask.shape
    alpha = mask * strength
    if gradient:
        angle = rng.uniform(0, 2 * math.pi)
        yy, xx = np.mgrid[0:h, 0:w].astype(np.float32)
        ramp = math.cos(angle) * xx / max(1, w) + math.sin(angle) * yy / max(1, h)
        alpha *= 1.0 - gradient * (ramp - ramp.min()) / max(1e-6, float(ramp.max() - ramp.min()))
    if patchy:
        blobs = _smooth_noise((h, w), rng, cell=max(6.0, min(h, w) / 6))
        alpha *= np.clip((blobs - float(np.quantile(blobs, patchy))) / 0.08, 0.0, 1.0)
    if grain:
        alpha *= 1.0 - grain * _smooth_noise((h, w), rng, cell=1.5)
    out = np.zeros((h, w, 4), np.uint8)
    out[..., :3] = color
    out[..., 3] = np.clip(alpha * 255, 0, 255).astype(np.uint8)
    return Image.fromarray(out, "RGBA")


def _trim(mask: np.ndarray, pad: int = 2) -> np.ndarray:
    ys, xs = np.nonzero(mask > 0.02)
    if not len(xs):
        return mask
    return np.pad(mask[ys.min():ys.max() + 1, xs.min():xs.max() + 1], pad)


def _rotate(layer: Image.Image, angle: float, points: tuple[Point, ...] = ()) -> tuple[Image.Image, list[Point]]:
    """Rotate an RGBA layer counter-clockwise by `angle` degrees, expanding it; map `points` along."""
    out = layer.rotate(angle, resample=Image.BICUBIC, expand=True)
    a = math.radians(angle)
    cos, sin = math.cos(a), math.sin(a)
    cx, cy, ncx, ncy = layer.width / 2, layer.height / 2, out.width / 2, out.height / 2
    return out, [(ncx + (x - cx) * cos + (y - cy) * sin, ncy - (x - cx) * sin + (y - cy) * cos) for x, y in points]


def _text_mask(text: str, face: str, size: float, squeeze: float = 1.0) -> np.ndarray:
    """One line of print as a [0, 1] mask, its glyphs narrowed by `squeeze`."""
    f = font(face, int(size))
    width = int(f.getlength(text)) + 4
    tile = Image.new("L", (width, int(size * 1.4)), 0)
    ImageDraw.Draw(tile).text((2, size * 0.7), text, font=f, fill=255, anchor="lm")
    if squeeze != 1.0:
        tile = tile.resize((max(1, int(width * squeeze)), tile.height), Image.LANCZOS)
    return np.asarray(tile, np.float32) / 255.0


def _paste_max(canvas: np.ndarray, mask: np.ndarray, x: float, y: float) -> None:
    """Draw `mask` into `canvas` at (x, y) (in place; both [0, 1] and the mask inside the canvas)."""
    x, y = int(x), int(y)
    region = canvas[y:y + mask.shape[0], x:x + mask.shape[1]]
    np.maximum(region, mask[:region.shape[0], :region.shape[1]], out=region)


# --- handwriting ----------------------------------------------------------------------------

def _hand_mask(text: str, size: float, face: str, rng: random.Random, *, slant: float, wobble: float,
               pen: int, spacing: float = 1.0, links: bool = False, swoosh: bool = False) -> np.ndarray:
    """Handwriting as a font deformed like a hand: a drifting baseline, glyphs of uneven size,
    turn and spacing, a slant, the strokes warped at two scales and widened by `pen` pixels;
    `links`: a connecting stroke from each glyph to the next; `swoosh`: a stroke under it all."""
    pad = int(size)
    canvas = Image.new("L", (int(len(text) * size * 1.2 + 2 * pad), int(size * 2.6)), 0)
    x, slope = float(pad), rng.uniform(-0.05, 0.05)
    boxes = []
    for c in text:
        f = font(face, int(size * rng.uniform(0.9, 1.1)))
        step = max(size * 0.45, f.getlength(c))
        tile = Image.new("L", (int(size * 1.6), int(size * 1.6)), 0)
        ImageDraw.Draw(tile).text((tile.width / 2, tile.height / 2), c, font=f, fill=255, anchor="mm")
        tile = tile.rotate(rng.uniform(-6, 6), resample=Image.BICUBIC)
        top = canvas.height / 2 + slope * (x - pad) + rng.uniform(-0.05, 0.05) * size - tile.height / 2
        left = x + step / 2 - tile.width / 2
        canvas.paste(255, (int(left), int(top)), tile)
        inked = tile.getbbox()
        if inked:
            boxes.append((left + inked[0], top + inked[1], left + inked[2], top + inked[3]))
        x += step * spacing * rng.uniform(0.92, 1.08)
    mask = np.asarray(canvas, np.float32) / 255.0
    if links:
        _draw_links(mask, boxes, rng, size)
    mask = _warp(_shear(mask, slant), rng, amplitude=wobble * size, cell=size * 0.8)
    mask = _warp(mask, rng, amplitude=wobble * size * 0.4, cell=size * 0.25)
    if swoosh:
        _draw_swoosh(mask, rng, size)
    return _trim(_thicken(mask, pen))


def _draw_links(mask: np.ndarray, boxes: list[Box], rng: random.Random, size: float) -> None:
    """Connecting strokes from the lower right of each glyph to the upper left of the next (in place)."""
    curves = []
    for a, b in zip(boxes, boxes[1:]):
        start = (a[2] - size * 0.1, a[1] + (a[3] - a[1]) * rng.uniform(0.55, 0.85))
        end = (b[0] + size * 0.1, b[1] + (b[3] - b[1]) * rng.uniform(0.1, 0.35))
        curves.append((start, ((start[0] + end[0]) / 2, max(start[1], end[1]) + size * rng.uniform(-0.05, 0.2)), end))
    _strokes(mask, curves, max(1, int(size / 18)), steps=16)


def _shear(mask: np.ndarray, slant: float) -> np.ndarray:
    """Lean the writing to the right by `slant` (horizontal shift per unit of height)."""
    h, w = mask.shape
    matrix = np.float32([[1, -slant, slant * h], [0, 1, 0]])
    return cv2.warpAffine(mask, matrix, (w + int(slant * h), h), flags=cv2.INTER_LINEAR)


def _warp(mask: np.ndarray, rng: random.Random, amplitude: float, cell: float) -> np.ndarray:
    h, w = mask.shape
    yy, xx = np.mgrid[0:h, 0:w].astype(np.float32)
    dx = (_smooth_noise((h, w), rng, cell) - 0.5) * 2 * amplitude
    dy = (_smooth_noise((h, w), rng, cell) - 0.5) * 2 * amplitude
    return cv2.remap(mask, xx + dx, yy + dy, interpolation=cv2.INTER_LINEAR)


def _thicken(mask: np.ndarray, width: int) -> np.ndarray:
    if width < 2:
        return mask
    return cv2.dilate(mask, cv2.getStructuringElement(cv2.MORPH_ELLIPSE, (width, width)))


def _draw_swoosh(mask: np.ndarray, rng: random.Random, size: float) -> None:
    """One fast stroke under the writing, rising to the right (in place)."""
    ys, xs = np.nonzero(mask > 0.1)
    if not len(xs):
        return
    x0, x1, y1 = xs.min(), xs.max(), ys.max()
    bottom, right = mask.shape[0] - 2, mask.shape[1] - 2
    _strokes(mask, [((x0 - size * 0.2, min(bottom, y1 + size * 0.1)),
                     ((x0 + x1) / 2, min(bottom, y1 + size * rng.uniform(0.2, 0.4))),
                     (min(right, x1 + size * 0.4), y1 - size * rng.uniform(0.3, 0.9)))], max(1, int(size / 14)), steps=30)


def _strokes(mask: np.ndarray, curves: list[tuple[Point, Point, Point]], width: int, steps: int) -> None:
    """Pen strokes along quadratic Bezier curves, each given as (start, bend, end), in place."""
    t = np.linspace(0, 1, steps)[:, None]
    lines = [np.round((1 - t) ** 2 * np.array(a) + 2 * (1 - t) * t * np.array(b) + t ** 2 * np.array(c)).astype(np.int32)
             for a, b, c in curves]
    stroke = np.zeros(mask.shape, np.uint8)
    for line in lines:
        cv2.polylines(stroke, [line], False, 255, width, cv2.LINE_AA)
    np.maximum(mask, stroke.astype(np.float32) / 255.0, out=mask)


def _pen_layer(mask: np.ndarray, pen: str, rng: random.Random, angle: float) -> Image.Image:
    layer = _ink(mask, PENS[pen], rng, strength=rng.uniform(0.85, 1.0), gradient=rng.uniform(0.0, 0.25), grain=0.08)
    return _rotate(layer, angle)[0]


# --- seals ----------------------------------------------------------------------------------

@dataclass(frozen=True)
class SealSpec:
    shape: str  # thin | double | oval
    size_mm: tuple[float, float]
    star: bool
    face: str
    bottom: str | None
    ink: str
    faded: bool


def _seal_spec(rng: random.Random) -> SealSpec:
    shape = rng.choices(["thin", "double", "oval"], weights=[5, 3, 2])[0]
    diameter = rng.uniform(38, 45)
    return SealSpec(
        shape=shape,
        size_mm=(45.0, 30.0) if shape == "oval" else (diameter, diameter),
        star=shape != "oval" and rng.random() < 0.75,
        face=rng.choice(["sans", "ming", "sans_bold"]),
        bottom=rng.choice([None, "公章"]),
        ink=rng.choice(list(SEAL_INKS)),
        faded=rng.random() < 0.2,
    )


def _ellipse_points(a: float, b: float, start: float, end: float, count: int) -> list[tuple[float, float, float]]:
    """`count` points spaced evenly by arc length on an ellipse of half-axes `a`, `b`, between the
    parameter angles `start` and `end` (degrees, screen coordinates), each as (x, y, the outward
    normal's angle in degrees), relative to the centre."""
    ts = np.radians(np.linspace(start, end, 720))
    xs, ys = a * np.cos(ts), b * np.sin(ts)
    arc = np.concatenate([[0.0], np.cumsum(np.hypot(np.diff(xs), np.diff(ys)))])
    points = []
    for t in np.interp((np.arange(count) + 0.5) / count * arc[-1], arc, ts):
        normal = math.degrees(math.atan2(math.sin(t) / b, math.cos(t) / a))
        points.append((a * math.cos(t), b * math.sin(t), normal))
    return points


def _seal_mask(text: str, spec: SealSpec, dpi: int, rng: random.Random) -> np.ndarray:
    """The seal's artwork as a [0, 1] mask, drawn three times larger and scaled down."""
    scale = 3 * dpi / 25.4
    w, h = int(spec.size_mm[0] * scale), int(spec.size_mm[1] * scale)
    image = Image.new("L", (w, h), 0)
    draw = ImageDraw.Draw(image)
    ring = (rng.uniform(1.1, 1.5) if spec.shape == "double" else rng.uniform(0.8, 1.2)) * scale
    draw.ellipse([ring / 2, ring / 2, w - ring / 2, h - ring / 2], outline=255, width=int(ring))
    inset = ring
    if spec.shape == "double" or (spec.shape == "oval" and rng.random() < 0.5):
        inset = ring + rng.uniform(0.9, 1.5) * scale
        thin = rng.uniform(0.3, 0.5) * scale
        draw.ellipse([inset, inset, w - inset, h - inset], outline=255, width=int(thin))
        inset += thin
    a, b = w / 2, h / 2
    if spec.star:
        marks._star(draw, a, b, rng.uniform(0.24, 0.3) * b)
    _arc_text(image, text, spec.face, (a - inset - scale * 0.6, b - inset - scale * 0.6))
    if spec.bottom:
        size = b * rng.uniform(0.2, 0.25)
        draw.text((a, b * (1.5 if spec.shape == "oval" else 1.48)), spec.bottom, font=font(spec.face, int(size)), fill=255,
                  anchor="mm")
    return np.asarray(image.resize((max(1, w // 3), max(1, h // 3)), Image.LANCZOS), np.float32) / 255.0


def _arc_text(image: Image.Image, text: str, face: str, radii: tuple[float, float]) -> None:
    """Write `text` upright along the upper arc inside an ellipse of half-axes `radii` centred on
    the image, glyphs at their natural width."""
    count = len(text)
    span = min(260.0, 120.0 + 10.0 * count)
    char = min(min(radii) * 0.3, min(radii) * math.radians(span) / count * 0.8)
    f = font(face, int(char))
    centre = (image.width / 2, image.height / 2)
    for c, (x, y, normal) in zip(text, _ellipse_points(radii[0] - char * 0.6, radii[1] - char * 0.6,
                                                        -90 - span / 2, -90 + span / 2, count)):
        tile = Image.new("L", (int(char * 1.5), int(char * 1.5)), 0)
        ImageDraw.Draw(tile).text((tile.width / 2, tile.height / 2), c, font=f, fill=255, anchor="mm")
        turned = tile.rotate(-(normal + 90), resample=Image.BICUBIC, expand=True)
        image.paste(255, (int(centre[0] + x - turned.width / 2), int(centre[1] + y - turned.height / 2)), turned)


def _seal_layer(text: str, spec: SealSpec, dpi: int, rng: random.Random) -> Image.Image:
    """A seal stamped by hand: uneven ink, patches of missing ink when faded, turned at random."""
    mask = _seal_mask(text, spec, dpi, rng)
    if spec.faded:
        layer = _ink(mask, SEAL_INKS[spec.ink], rng, strength=rng.uniform(0.5, 0.7), patchy=rng.uniform(0.15, 0.35),
                     gradient=rng.uniform(0.3, 0.6), grain=0.3)
    else:
        layer = _ink(mask, SEAL_INKS[spec.ink], rng, strength=rng.uniform(0.8, 0.95), patchy=rng.uniform(0.0, 0.1),
                     gradient=rng.uniform(0.0, 0.3), grain=0.15)
    return _rotate(layer, rng.uniform(-12, 12) if spec.shape == "oval" else rng.uniform(-30, 30))[0]


# --- the marks, laid out in group coordinates -----------------------------------------------

@dataclass
class Piece:
    """An RGBA layer at (x, y) in group coordinates; `name_at` / `seal_at`: where a name is written
    or a seal stamped into it (a stamp's 经办人： line, a printed label's blanks), in layer coordinates."""

    layer: Image.Image
    x: float
    y: float
    name_at: Point | None = None
    seal_at: Point | None = None

    @property
    def box(self) -> Box:
        return (self.x, self.y, self.x + self.layer.width, self.y + self.layer.height)


def _centre(box: Box) -> Point:
    return ((box[0] + box[2]) / 2, (box[1] + box[3]) / 2)


def _union(boxes: list[Box]) -> Box:
    return (min(b[0] for b in boxes), min(b[1] for b in boxes), max(b[2] for b in boxes), max(b[3] for b in boxes))


def _stamp_piece(dpi: int, rng: random.Random, features: list[str]) -> Piece:
    """此件与原件相符 as a rubber stamp; on two-line stamps a second line 经办人： to write the name after."""
    ink = rng.choice(list(STAMP_INKS))
    two_lines = rng.random() < 0.35
    features.append(f"stamp{'2' if two_lines else ''}:{ink}")
    face, squeeze = rng.choice([("serif_bold", 1.0), ("sans_bold", 1.0), ("serif", 0.86)])  # the last one FangSong-like
    size = _px(dpi, rng.uniform(5.0, 8.0))
    text = rng.choice(PHRASES[:4])
    rows = [_text_mask(line, face, size, squeeze) for line in ([text, "经办人："] if two_lines else [text])]
    border, pad = max(2, int(_px(dpi, rng.uniform(0.5, 1.0)))), _px(dpi, rng.uniform(1.5, 3.0))
    mask, name_at = _stamp_mask(rows, border, pad, size * 1.45)
    layer = _ink(mask, STAMP_INKS[ink], rng, strength=rng.uniform(0.7, 0.95), patchy=rng.uniform(0.0, 0.08),
                 gradient=rng.uniform(0.0, 0.4), grain=0.25)
    layer, moved = _rotate(layer, rng.uniform(-6, 6), (name_at,) if name_at else ())
    return Piece(layer, 0, 0, name_at=moved[0] if moved else None)


def _stamp_mask(rows: list[np.ndarray], border: int, pad: float, lead: float) -> tuple[np.ndarray, Point | None]:
    """Lines of print in a rectangular border, the first centred, the others flush left; with
    several lines, also where the last one ends (where a name is written after 经办人：)."""
    inset = pad + border
    width = int(max(row.shape[1] for row in rows) + 2 * inset)
    height = int(lead * (len(rows) - 1) + rows[0].shape[0] + 2 * inset)
    mask = np.zeros((height, width), np.float32)
    for i, row in enumerate(rows):
        _paste_max(mask, row, (width - row.shape[1]) / 2 if i == 0 else inset, inset + i * lead)
    cv2.rectangle(mask, (border // 2, border // 2), (width - 1 - border // 2, height - 1 - border // 2), 1.0, border)
    last = len(rows) - 1
    return mask, (inset + rows[-1].shape[1], inset + last * lead + rows[-1].shape[0] / 2) if last else None


def _written_phrase_piece(dpi: int, rng: random.Random, angle: float, features: list[str]) -> Piece:
    """此件与原件相符 (or a common variant) by hand, mostly in black."""
    face = rng.choice(["ming", "sans", "serif"])
    text = rng.choice(PHRASES)
    size_mm = rng.uniform(4.5, 11.0)
    features += [f"hand:{face}", *_flags({PHRASE_TOKENS.get(text, ""): text in PHRASE_TOKENS, "big": size_mm > 9.0,
                                          "small": size_mm < 6.0})]
    pen = rng.choices(["black", "blue"], weights=[3, 1])[0]
    mask = _hand_mask(text, _px(dpi, size_mm), face, rng, slant=rng.uniform(0.1, 0.35), wobble=rng.uniform(0.03, 0.07),
                      pen=int(_px(dpi, rng.uniform(0.2, 0.45))))
    return Piece(_pen_layer(mask, pen, rng, angle), 0, 0)


def _label_piece(dpi: int, rng: random.Random, features: list[str]) -> Piece:
    """A printed certification label: 此件与原件相符, then 经办人签字：____ and 盖章：____ blanks."""
    size = _px(dpi, rng.uniform(3.8, 5.0))
    f = font(rng.choice(["serif", "sans"]), int(size))
    blank, lead = _px(dpi, rng.uniform(28, 40)), size * 2.2
    one_line = rng.random() < 0.6
    features.append(f"label:{'oneline' if one_line else 'twoline'}")
    sign, stamp = rng.choice(["经办人签字：", "经办人（签字）："]), rng.choice(["盖章：", "单位盖章：", "（盖章）："])
    sign_end = f.getlength(sign)
    stamp_x, stamp_y = (sign_end + blank + size * 2, lead) if one_line else (0.0, 2 * lead)
    stamp_end = stamp_x + f.getlength(stamp)
    rows = [("此件与原件相符", 0.0, 0.0), (sign, 0.0, lead), (stamp, stamp_x, stamp_y)]
    if rng.random() < 0.4:
        rows.append(("日期：        年      月      日", 0.0, stamp_y + lead))
    line = max(1, int(_px(dpi, 0.25)))
    image = _print_rows(rows, [(sign_end, lead), (stamp_end, stamp_y)], f, size, blank, line)
    if rng.random() < 0.4:
        ImageDraw.Draw(image).rectangle([0, 0, image.width - 1, image.height - 1], outline=255, width=line)
    layer = _ink(np.asarray(image, np.float32) / 255.0, PRINT, rng, strength=0.95, grain=0.0)
    return Piece(layer, 0, 0, name_at=(size + sign_end, size + lead + size * 0.6),
                 seal_at=(size + stamp_end + blank * 0.4, size + stamp_y + size * 0.6))


def _print_rows(rows: list[tuple[str, float, float]], blanks: list[Point], f: ImageFont.FreeTypeFont, pad: float,
                blank: float, line: int) -> Image.Image:
    """Printed text at (x, y) offsets inside a `pad` margin, with underlined blanks of length
    `blank` starting at the `blanks` offsets, as an L image."""
    right = max(max(x + f.getlength(text) for text, x, _ in rows), max(x + blank for x, _ in blanks))
    image = Image.new("L", (int(right + 2 * pad), int(rows[-1][2] + pad * 1.6 + 2 * pad)), 0)
    draw = ImageDraw.Draw(image)
    for text, x, y in rows:
        draw.text((pad + x, pad + y), text, font=f, fill=255)
    for x, y in blanks:
        draw.line([pad + x, pad + y + pad * 1.15, pad + x + blank, pad + y + pad * 1.15], fill=255, width=line)
    return image


def _name_pieces(name: str, dpi: int, rng: random.Random, pen: str, angle: float, after: Piece | None,
                 features: list[str]) -> list[Piece]:
    """The handler's signature (after a stamp's 经办人：, on a label's blank, below or right of the
    phrase, or alone), sometimes with the date written below it."""
    prefixed = (after is None or after.name_at is None) and rng.random() < 0.4
    plain = rng.random() < 0.25
    text = (rng.choice(["经办人：", "经办人:", "经办人 "]) if prefixed else "") + name
    features.append("sig:" + ("plain" if plain else "hand") + ("+prefix" if prefixed else "") + f":{pen}")
    size = _px(dpi, rng.uniform(5.0, 7.0) if plain else rng.uniform(6.0, 10.0))
    pen_px = int(_px(dpi, rng.uniform(0.15, 0.4)))
    if plain:
        mask = _hand_mask(text, size, rng.choice(["serif", "sans", "ming"]), rng, slant=0.0, wobble=0.015, pen=pen_px // 2)
    else:
        mask = _hand_mask(text, size, rng.choice(["ming", "sans"]), rng, slant=rng.uniform(0.2, 0.45),
                          wobble=rng.uniform(0.05, 0.09), pen=pen_px, spacing=rng.uniform(0.72, 0.9),
                          links=rng.random() < 0.6, swoosh=rng.random() < 0.4)
    layer = _pen_layer(mask, pen, rng, angle + rng.uniform(-4, 4))
    piece = Piece(layer, 0, 0)
    if after is not None:
        piece.x, piece.y = _name_position(after, layer, dpi, rng, features)
    pieces = [piece]
    if (after is None or after.seal_at is None) and rng.random() < 0.3:  # a label has its own printed date line
        features.append("date")
        pieces.append(_date_piece(piece, size, dpi, rng, pen, angle))
    return pieces


def _name_position(after: Piece, layer: Image.Image, dpi: int, rng: random.Random, features: list[str]) -> Point:
    x0, y0, x1, y1 = after.box
    if after.name_at is not None:
        features.append("sig@label" if after.seal_at else "sig@stamp")
        x, y = after.x + after.name_at[0], after.y + after.name_at[1]
        return x + _px(dpi, rng.uniform(0.5, 4.0)), y - layer.height * 0.6
    if rng.random() < 0.4:
        features.append("sig@right")
        return x1 + _px(dpi, rng.uniform(3, 10)), (y0 + y1) / 2 - layer.height * rng.uniform(0.35, 0.65)
    features.append("sig@below")
    return x0 + (x1 - x0) * rng.uniform(0.0, 0.5), y1 + _px(dpi, rng.uniform(0.5, 5.0))


def _date_piece(name: Piece, size: float, dpi: int, rng: random.Random, pen: str, angle: float) -> Piece:
    m, d = rng.randint(5, 8), rng.randint(1, 28)
    text = rng.choice([f"2023.{m}.{d}", f"2023年{m}月{d}日", f"2023.{m:02d}.{d:02d}", f"2023-{m}-{d}"])
    mask = _hand_mask(text, size * 0.7, "sans", rng, slant=rng.uniform(0.0, 0.3), wobble=0.08, pen=int(_px(dpi, 0.2)))
    x0, _, x1, y1 = name.box
    layer = _pen_layer(mask, pen, rng, angle)
    return Piece(layer, x0 + (x1 - x0) * rng.uniform(0.0, 0.3), y1 + _px(dpi, rng.uniform(0, 3)))


def _seal_piece(unit_name: str, dpi: int, rng: random.Random, phrase: Piece | None, name: Piece | None,
                features: list[str]) -> Piece:
    """The unit's seal: into a label's blank, on the phrase, off its end, beside it, over the
    signature, or alone."""
    spec = _seal_spec(rng)
    flags = {"nostar": not spec.star and spec.shape != "oval", "faded": spec.faded, "bottom": bool(spec.bottom)}
    features += [f"seal:{spec.shape}", f"ink:{spec.ink}", *_flags(flags)]
    layer = _seal_layer(unit_name, spec, dpi, rng)
    where, (cx, cy) = _seal_centre(phrase, name, _px(dpi, min(spec.size_mm) / 2), rng)
    features.append(f"seal@{where}")
    return Piece(layer, cx - layer.width / 2, cy - layer.height / 2)


def _seal_centre(phrase: Piece | None, name: Piece | None, radius: float, rng: random.Random) -> tuple[str, Point]:
    jitter = rng.uniform(-0.3, 0.3) * radius
    if phrase is not None and phrase.seal_at is not None:
        x, y = phrase.x + phrase.seal_at[0], phrase.y + phrase.seal_at[1]
        return "label", (x + jitter, y + rng.uniform(-0.2, 0.2) * radius)
    choices = ({"phrase": 4, "edge": 3, "beside": 2} if phrase else {}) | ({"sig": 2} if name else {})
    if not choices:
        return "alone", (0.0, 0.0)
    where = rng.choices(list(choices), weights=list(choices.values()))[0]
    if where == "sig":
        x, y = _centre(name.box)
        return where, (x + jitter, y + rng.uniform(-0.3, 0.3) * radius)
    x0, y0, x1, y1 = phrase.box
    if where == "edge":
        return where, (x1 + radius * rng.uniform(0.0, 0.5), (y0 + y1) / 2 + jitter)
    if where == "beside":
        return where, (x1 + radius * rng.uniform(1.05, 1.4), (y0 + y1) / 2 + rng.uniform(-0.5, 0.3) * radius)
    return where, ((x0 + x1) / 2 + jitter * 0.6, (y0 + y1) / 2 + rng.uniform(-0.2, 0.4) * radius)


def _certification(pattern: Pattern, dpi: int, rng: random.Random, unit_name: str, handler: str,
                   features: list[str]) -> tuple[list[Piece], list[Piece]]:
    """The marks of `pattern` laid out around (0, 0): the written (or printed) ones, and the seal."""
    pen = rng.choices(list(PENS), weights=[3, 3, 1])[0]
    angle = rng.uniform(-5, 5)
    phrase = None
    if pattern.label:
        phrase = _label_piece(dpi, rng, features)
    elif pattern.phrase:
        stamped = rng.random() < 0.55
        phrase = _stamp_piece(dpi, rng, features) if stamped else _written_phrase_piece(dpi, rng, angle, features)
    names = _name_pieces(handler, dpi, rng, pen, angle, phrase, features) if pattern.signature else []
    seals = [_seal_piece(unit_name, dpi, rng, phrase, names[0] if names else None, features)] if pattern.seal else []
    return ([phrase] if phrase else []) + names, seals


# --- placing the marks on the page ----------------------------------------------------------

def _place(page: Image.Image, writing: list[Piece], seals: list[Piece], dpi: int, rng: random.Random,
           features: list[str]) -> None:
    """Put the pieces on the page where the writing (or a lone seal) falls on blank paper, clear of
    the print by a few millimetres, mostly low on the page, over the print where the page has no
    room; and ink them in."""
    pieces = writing + seals
    group, (x0, y0, x1, y1) = _union([p.box for p in pieces]), _union([p.box for p in writing or seals])
    margin, step, clear = _px(dpi, 8), _px(dpi, 3), _px(dpi, 4)
    probe = (x0 - clear, y0 - clear, x1 + clear, y1 + clear)
    dxs = np.arange(margin - group[0], max(margin - group[0] + 1, page.width - margin - group[2]), step)
    dys = np.arange(margin - group[1], max(margin - group[1] + 1, page.height - margin - group[3]), step)
    inked, area = _print_under(page, probe, dxs, dys, cell=max(2, int(_px(dpi, 1.0))))
    free = np.argwhere(inked <= 0.01 * area)
    if len(free):
        weights = [0.02 + ((dys[i] + probe[3]) / page.height) ** 6 for i, _ in free]
        i, j = free[rng.choices(range(len(free)), weights=weights)[0]]
    else:
        i, j = np.unravel_index(int(np.argmin(inked)), inked.shape)
        features.append("overprint")
    for piece in pieces:
        marks.composite(page, piece.layer, (piece.x + dxs[j], piece.y + dys[i]))


def _print_under(page: Image.Image, box: Box, dxs: np.ndarray, dys: np.ndarray, cell: int) -> tuple[np.ndarray, np.ndarray]:
    """For `box` shifted by each (dys[i], dxs[j]): how many cell x cell blocks under it carry
    print, and how many blocks it covers."""
    grey = np.asarray(page.convert("L"))
    rows, cols = grey.shape[0] // cell, grey.shape[1] // cell
    cells = (grey[:rows * cell, :cols * cell] < 200).reshape(rows, cell, cols, cell).any(axis=(1, 3))
    counts = np.pad(cells.cumsum(0).cumsum(1), ((1, 0), (1, 0)))
    c0 = np.clip(((box[0] + dxs) / cell).astype(int), 0, cols)
    c1 = np.clip(((box[2] + dxs) / cell).astype(int) + 1, 0, cols)
    r0 = np.clip(((box[1] + dys) / cell).astype(int), 0, rows)
    r1 = np.clip(((box[3] + dys) / cell).astype(int) + 1, 0, rows)
    inked = counts[r1][:, c1] - counts[r0][:, c1] - counts[r1][:, c0] + counts[r0][:, c0]
    return inked, (r1 - r0)[:, None] * (c1 - c0)[None, :]


# --- the copied documents -------------------------------------------------------------------

def _document(kind: str, dpi: int, rng: random.Random, unit: identity.Unit, color: bool) -> Image.Image:
    """The copied document as the photocopier printed it (a black-and-white copy unless `color`)."""
    expert = identity.make_expert(rng, unit)
    if kind == "id_card":
        page = pages.id_card_page(expert, dpi, rng)
    elif kind == "skill_certificate":
        page = pages.skill_certificate_page(expert, dpi, rng)
    elif kind == "diploma":
        page = pages.diploma_page(expert, dpi, rng)
    elif kind == "award":
        page = pages.award_page(texts.award(expert, rng), dpi, rng)
    elif kind == "letter":
        page = _letter_page(expert, unit, dpi, rng)
    else:
        page = _licence_page(unit, dpi, rng)
    return page if color else page.convert("L").convert("RGB")


def _letter_page(expert: identity.Expert, unit: identity.Unit, dpi: int, rng: random.Random) -> Image.Image:
    """A proof letter stamped by its issuer, on red letterhead with a red logo more often than not."""
    letter = texts.proof_letter(expert, unit, rng)
    head = letter.closing[0] if letter.closing and rng.random() < 0.6 else None
    page = pages.letter_page(letter, dpi, rng, letterhead=head)
    if head:
        logo = _red_logo(unit.short_name[:1], int(_px(dpi, 14)))
        page.paste(logo, (int(_px(dpi, 20)), int(_px(dpi, 8))), logo)
    return page


def _red_logo(initial: str, size: int) -> Image.Image:
    """A company logo: a filled red disc with a white initial."""
    logo = Image.new("RGBA", (size, size), (0, 0, 0, 0))
    draw = ImageDraw.Draw(logo)
    draw.ellipse([0, 0, size - 1, size - 1], fill=(210, 35, 40, 255))
    white = (255, 255, 255, 255)
    draw.text((size / 2, size / 2), initial, font=font("serif_bold", int(size * 0.6)), fill=white, anchor="mm")
    return logo


def _licence_page(unit: identity.Unit, dpi: int, rng: random.Random) -> Image.Image:
    """A business licence (营业执照, 副本): red emblem, QR code, the registrar's printed red seal."""
    page = pages.new_page(dpi, rng=rng)
    draw = ImageDraw.Draw(page)
    mm = lambda v: int(_px(dpi, v))  # noqa: E731
    x0, y0, x1, y1 = mm(18), mm(20), page.width - mm(18), mm(175)
    draw.rectangle([x0, y0, x1, y1], outline=(150, 110, 60), width=mm(1.5))
    draw.rectangle([x0 + mm(3), y0 + mm(3), x1 - mm(3), y1 - mm(3)], outline=(150, 110, 60), width=max(1, mm(0.3)))
    emblem = pages._emblem(mm(20), rng)
    page.paste(emblem, (page.width // 2 - emblem.width // 2, y0 + mm(8)), emblem)
    draw.text((page.width / 2, y0 + mm(40)), "营  业  执  照", font=font("serif_bold", mm(11)), fill=PRINT, anchor="mm")
    draw.text((page.width / 2, y0 + mm(51)), "（副    本）", font=font("serif", mm(4.5)), fill=PRINT, anchor="mm")
    label, value = font("sans", mm(3.8)), font("serif", mm(3.8))
    code = "91500228" + "".join(rng.choice("0123456789ABCDEFGHJKLMNPQRTUWXY") for _ in range(10))
    draw.text((x0 + mm(8), y0 + mm(58)), f"统一社会信用代码  {code}", font=label, fill=PRINT)
    year = rng.randint(2003, 2019)
    rows = [("名        称", unit.name), ("类        型", "有限责任公司（自然人投资或控股）"), ("法定代表人", unit.legal_rep),
            ("注册资本", rng.choice(["伍佰万元整", "壹仟万元整", "贰佰万元整"])),
            ("成立日期", f"{year}年{rng.randint(1, 12)}月{rng.randint(1, 28)}日"), ("住        所", unit.address)]
    for i, (key, text) in enumerate(rows):
        draw.text((x0 + mm(10), y0 + mm(70 + 9 * i)), key, font=label, fill=PRINT)
        draw.text((x0 + mm(38), y0 + mm(70 + 9 * i)), text, font=value, fill=PRINT)
    _qr_code(draw, (x1 - mm(32), y0 + mm(8)), mm(1), rng)
    draw.text((x1 - mm(75), y1 - mm(34)), "登记机关", font=label, fill=PRINT)
    draw.text((x1 - mm(60), y1 - mm(14)), f"{year + rng.randint(0, 4)}年{rng.randint(1, 12)}月{rng.randint(1, 28)}日",
              font=value, fill=PRINT)
    spec = SealSpec("thin", (40.0, 40.0), True, "sans_bold", None, "scarlet", False)
    seal = _ink(_seal_mask(REGISTRAR, spec, dpi, rng), (224, 44, 44), rng, strength=0.9, grain=0.0)
    marks.composite(page, seal, (x1 - mm(55) - seal.width / 2, y1 - mm(28) - seal.height / 2))
    return page


def _qr_code(draw: ImageDraw.ImageDraw, at: Point, module: int, rng: random.Random, modules: int = 21) -> None:
    """A QR-code look-alike: random modules, solid finder squares in three corners."""
    def finder(r: int, c: int) -> bool:
        return (r < 7 or r >= modules - 7) and c < 7 or r < 7 and c >= modules - 7

    for r in range(modules):
        for c in range(modules):
            if rng.random() < 0.5 or finder(r, c):
                x, y = at[0] + c * module, at[1] + r * module
                draw.rectangle([x, y, x + module - 1, y + module - 1], fill=PRINT)


# --- scanning -------------------------------------------------------------------------------

@dataclass(frozen=True)
class Scan:
    dpi: int
    grey: bool
    quality: int
    skew: float
    tint: bool
    shadow: bool

    def tokens(self) -> list[str]:
        return [f"{self.dpi}dpi", *_flags({"grey": self.grey, "tint": self.tint, "shadow": self.shadow}), f"q{self.quality}"]


def _scan_style(rng: random.Random, dpi: int) -> Scan:
    grey = rng.random() < 0.2
    quality = rng.randint(60, 90)
    skew = rng.uniform(-1.5, 1.5) if rng.random() < 0.7 else 0.0
    return Scan(dpi=dpi, grey=grey, quality=quality, skew=skew, tint=not grey and rng.random() < 0.35,
                shadow=rng.random() < 0.3)


def _edge_shadow(h: int, w: int, dpi: int, rng: random.Random) -> np.ndarray:
    """Darkening along one edge of the page (a book's spine, a lid not closed), as a factor per pixel."""
    side = rng.choice(["left", "right", "top", "bottom"])
    length = w if side in ("left", "right") else h
    distance = np.arange(length, dtype=np.float32)
    if side in ("right", "bottom"):
        distance = distance[::-1]
    profile = 1.0 - rng.uniform(0.2, 0.45) * np.exp(-distance / _px(dpi, rng.uniform(8, 30)))
    return np.broadcast_to(profile[None, :] if side in ("left", "right") else profile[:, None], (h, w))


def _scan(page: Image.Image, scan: Scan, rng: random.Random) -> Image.Image:
    """The page through a flatbed scanner: paper tint, shadow, skew, blur, noise, grey, JPEG."""
    arr = np.asarray(page, np.float32)
    h, w = arr.shape[:2]
    if scan.tint:
        arr = arr * np.array([1.0, rng.uniform(0.97, 0.99), rng.uniform(0.88, 0.94)], np.float32)
    if scan.shadow:
        arr = arr * _edge_shadow(h, w, scan.dpi, rng)[..., None]
    if scan.skew:
        paper = tuple(float(v) for v in np.median(arr[h // 2:h // 2 + 20, 5:25].reshape(-1, 3), axis=0))
        arr = cv2.warpAffine(arr, cv2.getRotationMatrix2D((w / 2, h / 2), scan.skew, 1.0), (w, h), flags=cv2.INTER_LINEAR,
                             borderMode=cv2.BORDER_CONSTANT, borderValue=paper)
    arr = cv2.GaussianBlur(arr, (0, 0), rng.uniform(0.3, 0.8) * scan.dpi / 150)
    arr += np.random.default_rng(rng.randrange(2**32)).normal(0, rng.uniform(1.5, 4.5), (h, w, 1)).astype(np.float32)
    image = Image.fromarray(np.clip(arr, 0, 255).astype(np.uint8), "RGB")
    if scan.grey:
        grey = image.convert("L")
        image = (ImageOps.autocontrast(grey, cutoff=0.5) if rng.random() < 0.5 else grey).convert("RGB")
    buffer = io.BytesIO()
    image.save(buffer, "JPEG", quality=scan.quality)
    return Image.open(io.BytesIO(buffer.getvalue())).convert("RGB")


# --- the cases ------------------------------------------------------------------------------

def variant_case(index: int, pattern: Pattern, seed: int) -> CopyCase:
    """One scanned copy page carrying the marks of `pattern`, its features in its name."""
    rng = random.Random(seed)
    unit = identity.make_unit(rng)
    handler = identity.make_name(rng, rng.random() < 0.5)
    kind = rng.choice(STRONG_RED_KINDS if pattern.name == "none" else KINDS)
    color = pattern.name == "none" or rng.random() < 0.75
    dpi = rng.choices([150, 200, 300], weights=[2, 2, 1])[0]
    features = [f"v{index:03d}", kind, pattern.name, *_flags({"bwcopy": not color})]
    page = _document(kind, dpi, rng, unit, color)
    writing, seals = _certification(pattern, dpi, rng, unit.name, handler, features)
    if writing or seals:
        _place(page, writing, seals, dpi, rng, features)
    scan = _scan_style(rng, dpi)
    truth = marks.Certification(pattern.phrase, pattern.seal, pattern.signature)
    return CopyCase(
        name="-".join(features + scan.tokens()),
        kind=kind,
        image=_scan(page, scan, rng),
        truth=truth,
        dpi=dpi,
        unit=unit.name,
        grayscale=scan.grey,
        template=pattern.label,
        hard_negative=color and not (truth.phrase or truth.seal),
    )


def variant_cases(count: int, seed: int) -> list[CopyCase]:
    """`count` copy pages in the proportions of PATTERNS (shuffled in blocks), deterministic from
    `seed`; the first pages do not depend on `count`."""
    return [variant_case(index, pattern, case_seed) for index, (pattern, case_seed) in enumerate(_plan(count, seed))]


def variant_case_at(index: int, seed: int) -> CopyCase:
    """The page `variant_cases(index + 1, seed)` ends with, made alone."""
    pattern, case_seed = _plan(index + 1, seed)[index]
    return variant_case(index, pattern, case_seed)


def _plan(count: int, seed: int) -> list[tuple[Pattern, int]]:
    rng = random.Random(seed)
    block = [pattern for pattern in PATTERNS for _ in range(pattern.weight)]
    order: list[Pattern] = []
    plan = []
    for _ in range(count):
        order = order or rng.sample(block, len(block))
        plan.append((order.pop(), rng.randrange(2**31)))
    return plan

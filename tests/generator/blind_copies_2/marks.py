"""The certification a handler puts on a copy (phrase, signature, official seal), laid on the copied
sheet as ink, plus what else ends up on a page: word stamps that certify nothing, ink stains, a red
page number, the department's printed label left blank."""

from __future__ import annotations

import random
from dataclasses import dataclass

import cv2
import numpy as np

from . import handwriting, stamps
from .ink import NOTO_SANS, Mask, combined, lay, px, rotated, side_fade, stamp_texture, text_mask
from .people import Unit, written_date

WORDINGS = ("此件与原件相符", "此件与原件相符", "此件与原件相符。", "此复印件与原件相符", "与原件相符", "与原件核对无误",
            "经核对与原件一致", "复印件与原件一致", "此件与原件相符！")
SIGN_LABELS = ("经办人：", "经办人：", "核对人：", "审核人：", "复印人：", "经手人：", "")
MARGIN_MM = 4  # the closest a handler writes or stamps to the paper's edge (a seal pushed off it aside)
NOT_CERTIFYING = ("此件仅供申报使用", "再复印无效", "仅供技能大师工作室申报用", "复印件仅限本次申报使用")

HANDWRITTEN_PHRASES = ("hand_neat", "hand_hurried")
STAMPED_PHRASES = ("stamp_frame", "stamp_noframe", "stamp_2line")
PHRASE_STYLES = ("none", *HANDWRITTEN_PHRASES, *STAMPED_PHRASES, "label_filled", "label_blank")
SIGNATURE_STYLES = ("none", "neat", "scrawl", "surname", "name_date", "initials", "name_seal", "date_only", "label_only")
UNSIGNED = ("none", "date_only", "label_only")  # a date alone, or 经办人： with no name after it, is no signature
SEAL_STYLES = ("none", "round", "oval", "double_ring")
SEAL_EFFECTS = ("faint", "double", "edge", "rotated", "uneven", "over_text", "smeared")
EXTRAS = ("use_only_stamp", "ink_stain", "red_note", "seam_seal")


@dataclass(frozen=True)
class MarkPlan:
    phrase: str
    wording: str
    stamp_ink: str  # the word stamp's ink (stamped phrases and the 此件仅供… stamp)
    signature: str
    sign_label: str
    pen: str
    seal: str
    seal_ink: str
    seal_effects: tuple[str, ...]
    over_content: bool  # the marks sit on the printed content, not in a blank margin
    extras: tuple[str, ...]

    @property
    def has_phrase(self) -> bool:
        return self.phrase not in ("none", "label_blank")

    @property
    def has_signature(self) -> bool:
        return self.signature not in UNSIGNED

    @property
    def has_seal(self) -> bool:
        return self.seal != "none"


@dataclass(frozen=True)
class Placed:
    mark: str  # phrase | signature | seal | label | extra
    box: tuple[int, int, int, int]  # on the page, pixels


@dataclass(frozen=True)
class Phrase:
    """Where the phrase went, and where a signature can go after it."""
    placed: tuple[Placed, ...]
    x: int
    y: int
    right: int  # the phrase's right edge
    below: int  # the first free line under it
    gap: tuple[int, int] | None = None  # the blank of a stamp's or label's 经办人：, where the name goes


def certify(page: np.ndarray, plan: MarkPlan, free: tuple[tuple[int, int, int, int], ...],
            content: tuple[int, int, int, int], dpi: float, unit: Unit, rng: random.Random) -> list[Placed]:
    """Lay the plan's marks on `page` (uint8 RGB, changed in place); returns what went where."""
    noise = np.random.default_rng(rng.randint(0, 2**31))
    x, y = _origin(_area(page, free, content, plan.over_content, dpi), dpi, rng)
    if plan.phrase in ("label_filled", "label_blank"):
        phrase = _label(page, plan, x, y, dpi, rng)
    elif plan.phrase in STAMPED_PHRASES:
        phrase = _stamped(page, plan, x, y, dpi, rng, noise)
    elif plan.phrase in HANDWRITTEN_PHRASES:
        phrase = _handwritten(page, plan, x, y, dpi, rng, noise)
    else:
        phrase = Phrase((), x, y, x, y)
    placed = list(phrase.placed)
    signature = _sign(page, plan, phrase, dpi, unit.handler.name, rng)
    if signature:
        placed.append(signature)
    if plan.has_seal:
        around = [p.box for p in placed if p.mark in ("phrase", "signature")] or [(x, y, x + px(40, dpi), y + px(20, dpi))]
        placed += _seal(page, plan, unit, around, content, dpi, rng, noise)
    placed += _extras(page, plan, content, dpi, unit, rng, noise)
    return placed


def _label(page, plan: MarkPlan, x: int, y: int, dpi: float, rng: random.Random) -> Phrase:
    """The department's printed label (此件与原件相符 / 经办人： / 日期：), filled in by hand or left blank."""
    label, holes = stamps.word_stamp(["此件与原件相符", "经办人：", "日期：      年    月    日"], dpi, rng, "single",
                                     rng.uniform(3.0, 3.8), {1: 30})
    x, y = _inside(page, label.shape, x, y, dpi)
    box = lay(page, label * 0.95, x, y, (25, 25, 25))
    placed = (Placed("phrase" if plan.phrase == "label_filled" else "label", box),) if box else ()
    if plan.phrase == "label_filled" and rng.random() < 0.6:
        date = handwriting.written(written_date(rng)[5:] if rng.random() < 0.5 else "8  25", px(4, dpi), rng, 0.4, plan.pen)
        lay(page, date, x + px(22, dpi), y + label.shape[0] - px(7, dpi), handwriting.PEN_INKS[plan.pen])
    hx, hy, _ = holes[0]
    return Phrase(placed, x, y, x + label.shape[1], y + label.shape[0] + px(3, dpi),
                  gap=(x + hx + px(2, dpi), y + hy - px(1, dpi)))


def _stamped(page, plan: MarkPlan, x: int, y: int, dpi: float, rng: random.Random, noise) -> Phrase:
    """A rubber stamp of the phrase, one line or two (经办人：____ below), textured, unevenly inked,
    now and then pressed twice."""
    two_lines = plan.phrase == "stamp_2line"
    lines = [plan.wording] + ([rng.choice(("经办人：", "核对人：", "经办人签字："))] if two_lines else [])
    frame = "none" if plan.phrase == "stamp_noframe" else rng.choice(("single", "single", "double"))
    mask, holes = stamps.word_stamp(lines, dpi, rng, frame, rng.uniform(4.0, 6.0), {1: 28} if two_lines else None)
    mask = stamp_texture(mask, noise, rng.uniform(0.1, 0.45), rng.uniform(0.2, 0.8))
    if rng.random() < 0.3:
        mask = side_fade(mask, rng.uniform(0, 360), rng.uniform(0.3, 0.7))
    angle = rng.gauss(0, 2.5)
    opacity = rng.uniform(0.7, 1.0)
    ink = stamps.STAMP_INKS[plan.stamp_ink]
    x, y = _inside(page, mask.shape, x, y, dpi)
    box = lay(page, rotated(mask, angle), x, y, ink, opacity)
    if rng.random() < 0.15:  # pressed twice, the second time lighter and a little off
        shift = px(rng.uniform(0.5, 2.0), dpi)
        lay(page, rotated(mask, angle + rng.gauss(0, 1)), x + shift, y + rng.randint(-shift, shift), ink,
            opacity * rng.uniform(0.3, 0.6))
    gap = None
    if two_lines:
        hx, hy, _ = holes[0]
        gap = (x + hx + px(1, dpi), y + hy - px(1.5, dpi))
    return Phrase((Placed("phrase", box),) if box else (), x, y, x + mask.shape[1], y + mask.shape[0] + px(2, dpi), gap)


def _handwritten(page, plan: MarkPlan, x: int, y: int, dpi: float, rng: random.Random, noise) -> Phrase:
    """The phrase written by hand, neat or hurried, on one line or split over two."""
    hurry = rng.uniform(0.0, 0.3) if plan.phrase == "hand_neat" else rng.uniform(0.55, 1.0)
    size = px(rng.uniform(4.5, 9.0), dpi)
    words = plan.wording
    split = rng.random() < 0.15 and len(words) > 5
    parts = [words[:len(words) // 2], words[len(words) // 2:]] if split else [words]
    masks = [handwriting.written(part, size, rng, hurry, plan.pen) for part in parts]
    slope = rng.gauss(0, 3 + 4 * hurry)
    x, y = _inside(page, (sum(m.shape[0] for m in masks), max(m.shape[1] for m in masks)), x, y, dpi)
    placed, top, right = [], y, x
    for m in masks:
        m = _pen_texture(rotated(m, slope), noise, rng)
        box = lay(page, m, x, top, handwriting.PEN_INKS[plan.pen])
        if box:
            placed.append(Placed("phrase", box))
        top += m.shape[0]
        right = max(right, x + m.shape[1])
    return Phrase(tuple(placed), x, y, right, top + px(2, dpi))


def _area(page: np.ndarray, free, content, over_content: bool, dpi: float) -> tuple[int, int, int, int]:
    h, w = page.shape[:2]
    need_w, need_h = px(85, dpi), px(45, dpi)
    if not over_content:
        for box in free:
            if box[2] - box[0] >= need_w and box[3] - box[1] >= need_h:
                return box
    x0, y0, x1, y1 = content
    return (max(0, (x0 + x1) // 2 - px(30, dpi)), max(0, (y0 + 2 * y1) // 3 - px(25, dpi)), min(w, x1), min(h, y1))


def _inside(page: np.ndarray, shape: tuple[int, ...], x: int, y: int, dpi: float) -> tuple[int, int]:
    """Where a mark of `shape` goes if it was to start at (x, y): moved back onto the paper if it would
    run off (a handler writes on the page, not beyond it)."""
    margin = px(MARGIN_MM, dpi)
    h, w = page.shape[:2]
    return (max(margin, min(x, w - shape[1] - margin)), max(margin, min(y, h - shape[0] - margin)))


def _origin(area: tuple[int, int, int, int], dpi: float, rng: random.Random) -> tuple[int, int]:
    x0, y0, x1, y1 = area
    room_x = max(0, x1 - x0 - px(95, dpi))
    room_y = max(0, y1 - y0 - px(50, dpi))
    bias = rng.random() ** 0.5  # towards the right, as most people stamp
    return x0 + int(room_x * bias), y0 + int(room_y * rng.random() * 0.6)


def _sign(page, plan: MarkPlan, phrase: Phrase, dpi: float, handler: str, rng: random.Random) -> Placed | None:
    """The handler's signature: in the phrase's blank, right of the phrase or below it; a label before it
    unless the blank has one; a name seal instead of handwriting; or a date or a label and no name."""
    if plan.signature == "none":
        return None
    gap, x, next_y = phrase.gap, phrase.x, phrase.below
    pen = handwriting.PEN_INKS[plan.pen]
    size = px(rng.uniform(4.5, 8.5), dpi)
    if gap is not None:
        sx, sy = gap
        sy -= size // 4
    elif rng.random() < 0.4 and plan.has_phrase:
        sx, sy = phrase.right + px(rng.uniform(3, 10), dpi), phrase.y
    else:
        sx, sy = x + px(rng.uniform(0, 25), dpi), next_y + px(rng.uniform(0, 4), dpi)
    if plan.signature == "label_only":  # the label written, the name never added after it
        if gap is not None:
            return None
        label = _pen_texture(handwriting.written(plan.sign_label or "经办人：", int(size * 0.85), rng, 0.3, plan.pen),
                             np.random.default_rng(rng.randint(0, 2**31)), rng)
        box = lay(page, label, *_inside(page, label.shape, sx, sy, dpi), pen)
        return Placed("label", box) if box else None
    parts: list[tuple[Mask, int, int]] = []
    if gap is None and plan.sign_label and plan.signature != "name_seal":
        label = handwriting.written(plan.sign_label, int(size * 0.85), rng, 0.3, plan.pen)
        parts.append((label, sx, sy))
        sx += label.shape[1]
    if plan.signature == "name_seal":
        if gap is None and plan.sign_label:
            label = text_mask(plan.sign_label, NOTO_SANS, px(3.5, dpi))
            lay(page, label, sx, sy, (30, 30, 30) if rng.random() < 0.5 else pen)
            sx += label.shape[1] + px(2, dpi)
        seal = rotated(stamp_texture(stamps.name_seal(handler, dpi, rng), np.random.default_rng(rng.randint(0, 2**31)), 0.3, 0.4), rng.gauss(0, 4))
        sx, sy = _inside(page, seal.shape, sx, sy - px(4, dpi), dpi)
        box = lay(page, seal, sx, sy, stamps.SEAL_INKS[rng.choice(("bright_red", "dark_red", "orange_red"))], rng.uniform(0.75, 1.0))
        return Placed("signature", box) if box else None
    hurry = rng.uniform(0.2, 0.9)
    if plan.signature == "neat":
        name = handwriting.written(handler, size, rng, rng.uniform(0.0, 0.3), plan.pen)
    elif plan.signature == "scrawl":
        name = handwriting.scrawl(len(handler), int(size * 1.2), rng, plan.pen)
    elif plan.signature == "surname":
        name = handwriting.written(handler[0], int(size * 1.1), rng, hurry, plan.pen)
    elif plan.signature == "initials":
        name = handwriting.initials(handwriting.pinyin_initials(handler, rng), size, rng, plan.pen)
    elif plan.signature == "name_date":
        who = handwriting.written(handler, size, rng, hurry, plan.pen) if rng.random() < 0.5 else handwriting.scrawl(len(handler), size, rng, plan.pen)
        date = handwriting.written(written_date(rng), int(size * 0.8), rng, hurry, plan.pen)
        below = rng.random() < 0.5
        name, _, _ = combined([(who, 0, 0), (date, 0 if below else who.shape[1] + px(3, dpi), who.shape[0] if below else who.shape[0] // 3)])
    else:  # date_only: a date written where the name should be; no name
        name = handwriting.written(written_date(rng), int(size * 0.85), rng, hurry, plan.pen)
    parts.append((rotated(name, rng.gauss(0, 4)), sx + px(1, dpi), sy - (name.shape[0] - size) // 2))
    mask, mx, my = combined(parts)
    if mx + mask.shape[1] > page.shape[1] - px(MARGIN_MM, dpi) and gap is None:  # no room right of the phrase
        mx, my = x + px(rng.uniform(0, 10), dpi), next_y + px(rng.uniform(0, 3), dpi)
    mx, my = _inside(page, mask.shape, mx, my, dpi)
    mask = _pen_texture(mask, np.random.default_rng(rng.randint(0, 2**31)), rng)
    box = lay(page, mask, mx, my, pen, rng.uniform(0.85, 1.0))
    if plan.signature == "date_only":
        return Placed("date", box) if box else None
    return Placed("signature", box) if box else None


def _smeared(mask: Mask, length: int, degrees: float) -> Mask:
    kernel = np.zeros((2 * length + 1, 2 * length + 1), np.float32)
    kernel[length, :] = 1.0
    kernel = cv2.warpAffine(kernel, cv2.getRotationMatrix2D((length, length), degrees, 1.0), kernel.shape[::-1])
    smear = cv2.filter2D(mask, -1, kernel / max(float(kernel.sum()), 1e-6))
    return np.maximum(mask * 0.7, smear)


def _pen_texture(mask: Mask, noise: np.random.Generator, rng: random.Random) -> Mask:
    """A ballpoint's uneven ink: fine skips along the strokes, a little paler here and there."""
    return stamp_texture(mask, noise, rng.uniform(0.05, 0.25), rng.uniform(0.0, 0.3))


def _seal(page, plan: MarkPlan, unit: Unit, around, content, dpi, rng, noise) -> list[Placed]:
    line = rng.choice(stamps.SEAL_LINES)
    if plan.seal == "oval":
        mask = stamps.oval_seal(unit.name, dpi, rng, rng.choice(("财务专用章", "", "人事专用章")))
    else:
        mask = stamps.round_seal(unit.name, dpi, rng, rng.uniform(38, 45), line,
                                 unit.code if rng.random() < 0.4 else None, plan.seal == "double_ring")
    effects = plan.seal_effects
    mask = stamp_texture(mask, noise, rng.uniform(0.1, 0.5), rng.uniform(0.2, 0.9))
    if "uneven" in effects:
        mask = side_fade(mask, rng.uniform(0, 360), rng.uniform(0.4, 0.8))
    angle = rng.uniform(-40, 40) if "rotated" in effects else rng.gauss(0, 6)
    mask = rotated(mask, angle)
    if "smeared" in effects:  # the stamp slid as it was lifted
        mask = _smeared(mask, px(rng.uniform(0.8, 2.5), dpi), rng.uniform(0, 180))
    opacity = rng.uniform(0.35, 0.55) if "faint" in effects else rng.uniform(0.75, 1.0)
    x0 = min(b[0] for b in around)
    y0 = min(b[1] for b in around)
    x1 = max(b[2] for b in around)
    y1 = max(b[3] for b in around)
    cx = rng.uniform(x0 + (x1 - x0) * 0.35, x1 + px(8, dpi))
    cy = rng.uniform(y0, y1 + px(5, dpi))
    if "over_text" in effects:  # stamped on the print itself, away from the phrase
        cx = rng.uniform(content[0], content[2])
        cy = rng.uniform((content[1] + content[3]) / 2, content[3])
    h, w = page.shape[:2]
    if "edge" in effects:  # pushed off the nearest edge of the paper by 10-40 % of its size
        off = rng.uniform(0.1, 0.4)
        nearest = min((w - cx, "right"), (cx, "left"), (h - cy, "bottom"))[1]
        if nearest == "right":
            cx = w - mask.shape[1] * off
        elif nearest == "left":
            cx = mask.shape[1] * off
        else:
            cy = h - mask.shape[0] * off
    colour = stamps.SEAL_INKS[plan.seal_ink]
    left, top = int(cx - mask.shape[1] / 2), int(cy - mask.shape[0] / 2)
    if "edge" not in effects:
        left, top = _inside(page, mask.shape, left, top, dpi)
    box = lay(page, mask, left, top, colour, opacity)
    placed = [Placed("seal", box)] if box else []
    if "double" in effects:
        shift = px(rng.uniform(0.6, 2.5), dpi)
        lay(page, mask, left + shift, top + rng.randint(-shift, shift), colour, opacity * rng.uniform(0.3, 0.6))
    return placed


def _extras(page, plan: MarkPlan, content, dpi, unit: Unit, rng, noise) -> list[Placed]:
    placed = []
    h, w = page.shape[:2]
    if "use_only_stamp" in plan.extras:
        mask, _ = stamps.word_stamp([rng.choice(NOT_CERTIFYING)], dpi, rng, rng.choice(("single", "none")), rng.uniform(4, 6))
        mask = stamp_texture(mask, noise, 0.3, 0.5)
        box = lay(page, rotated(mask, rng.gauss(0, 8)), rng.randint(px(15, dpi), max(px(16, dpi), w - mask.shape[1] - px(15, dpi))),
                  rng.randint(px(10, dpi), max(px(11, dpi), content[1] + px(20, dpi))), stamps.STAMP_INKS[plan.stamp_ink], 0.9)
        if box:
            placed.append(Placed("extra", box))
    if "ink_stain" in plan.extras:
        for _ in range(rng.randint(1, 3)):
            r = px(rng.uniform(1.5, 7), dpi)
            yy, xx = np.mgrid[-r:r + 1, -r:r + 1]
            wobble = 1 + 0.25 * np.sin(np.arctan2(yy, xx) * rng.randint(2, 5) + rng.random() * 6)
            blob = ((xx ** 2 + yy ** 2) < (r * wobble) ** 2).astype(np.float32)
            blob = stamp_texture(blob, noise, 0.2, 0.5)
            colour = rng.choice(((40, 60, 160), (200, 40, 45), (60, 50, 40)))
            box = lay(page, blob, rng.randint(0, w - 1), rng.randint(0, h - 1), colour, rng.uniform(0.3, 0.8))
            if box:
                placed.append(Placed("extra", box))
    if "seam_seal" in plan.extras:  # a slice of the seal stamped across the edges of the stapled set
        seal = stamp_texture(stamps.round_seal(unit.name, dpi, rng, 42, "", None, False), noise, 0.3, 0.5)
        visible = int(seal.shape[1] * rng.uniform(0.2, 0.45))
        left = rng.random() < 0.3
        box = lay(page, seal, -seal.shape[1] + visible if left else w - visible, rng.randint(h // 4, h // 2),
                  stamps.SEAL_INKS[plan.seal_ink], rng.uniform(0.7, 0.95))
        if box:
            placed.append(Placed("extra", box))
    if "red_note" in plan.extras:
        note = handwriting.written(rng.choice(("第3页", "P2", "4", "附件5", "共2页")), px(6, dpi), rng, 0.5, "red_ballpoint")
        box = lay(page, note, w - note.shape[1] - px(rng.uniform(8, 20), dpi), px(rng.uniform(6, 14), dpi), handwriting.PEN_INKS["red_ballpoint"])
        if box:
            placed.append(Placed("extra", box))
    return placed

"""Certification marks laid on a copy the way a clerk does it: the phrase (handwritten, rubber-stamped
or a department's printed label), the handler's signature (scrawl, neat name, name and date, surname
only, a personal name seal), and the unit's official seal, in the margin or over the content, the seal
often across the phrase and the signature. Each choice is a named style so a case can list it."""

from __future__ import annotations

import random
from dataclasses import dataclass

import numpy as np
from PIL import Image, ImageDraw

from tests.generator.blind_copies import people
from tests.generator.blind_copies.documents import Document
from tests.generator.blind_copies.handwriting import below, beside, date_text, scrawl, written
from tests.generator.blind_copies.ink import (PEN_INKS, SEAL_INKS, STAMP_INKS, doubled, lay, lay_centred,
                                              rotate_mask, smeared, stamp_texture, text_mask)
from tests.generator.blind_copies.seals import SealDesign, name_seal, official_seal
from tests.generator.fonts import font

WORDINGS = ("此件与原件相符", "此复印件与原件相符", "与原件相符", "与原件核对无误", "经核对与原件一致", "复印件与原件一致")
HANDLER_LABELS = ("经办人：", "核对人：", "审核人：", "复印人：", "经手人：", "")
PHRASE_STYLES = ("hand", "stamp", "stamp-handler", "label")
USE_ONLY = "use-only"  # a stamp that restricts the copy's use (此件仅供申报使用): not a certification phrase
USE_ONLY_WORDINGS = ("此件仅供申报使用", "仅供技能大师工作室申报使用", "再复印无效", "此复印件仅供申报用")
SIGNATURE_STYLES = ("scrawl", "neat", "name-date", "initials", "name-seal", "name-seal+scrawl")
SEAL_FLAWS = ("clean", "uneven", "faint", "doubled", "off-edge", "smeared")


@dataclass(frozen=True)
class MarkPlan:
    """What goes on the copy. Empty style strings mean the mark is not there."""
    phrase: str  # "" | one of PHRASE_STYLES ("label" with no seal and no signature is a blank label)
    signature: str  # "" | one of SIGNATURE_STYLES
    seal: str  # "" | a key of SEAL_INKS
    seal_flaw: str = "clean"  # one of SEAL_FLAWS
    pen: str = "blue"
    stamp_ink: str = "red"
    over_content: bool = False
    across_seal: bool = False  # the signature (or phrase) written across the seal
    riding_slice: bool = False  # a slice of a 骑缝章 at the page's right edge besides the seal


@dataclass
class Spot:
    """Where the marks are being put, in pixels, and what has been placed so far."""
    x: float
    y: float
    ppm: float
    phrase_box: tuple[float, float, float, float] | None = None
    gap: tuple[float, float] | None = None  # where a name goes in a stamp's or label's 经办人 line
    date_gap: tuple[float, float] | None = None  # where a date goes on a label's 日期 line
    edge: str = ""  # "right" | "bottom": the marks crowd that edge and the seal runs off it


def _mm(ppm: float, mm: float) -> int:
    return max(1, int(round(ppm * mm)))


def _printed_label(doc: Document, spot: Spot, rng: random.Random) -> list[str]:
    """A department's printed 此件与原件相符 box with 经办人 and 日期 lines."""
    ppm = doc.ppm
    w, h = _mm(ppm, rng.uniform(62, 80)), _mm(ppm, rng.uniform(24, 30))
    canvas = Image.new("L", (w, h), 0)
    draw = ImageDraw.Draw(canvas)
    draw.rectangle([0, 0, w - 1, h - 1], outline=255, width=_mm(ppm, 0.35))
    wording = rng.choice(WORDINGS[:3])
    size = _mm(ppm, 4.2)
    draw.text((w // 2, _mm(ppm, 3)), wording, font=font("sans_bold", size), fill=255, anchor="ma")
    label = rng.choice(HANDLER_LABELS[:2])
    small = _mm(ppm, 3.4)
    y = _mm(ppm, 12)
    draw.text((_mm(ppm, 3), y), label, font=font("sans", small), fill=255)
    label_w = draw.textlength(label, font=font("sans", small))
    draw.line([_mm(ppm, 3) + label_w, y + small, w - _mm(ppm, 4), y + small], fill=255, width=1)
    y2 = _mm(ppm, 19)
    draw.text((_mm(ppm, 3), y2), "日期：", font=font("sans", small), fill=255)
    draw.line([_mm(ppm, 3) + draw.textlength("日期：", font=font("sans", small)), y2 + small, w - _mm(ppm, 4), y2 + small],
              fill=255, width=1)
    mask = np.asarray(canvas, np.float32) / 255
    colour = rng.choice(((35, 35, 35), (200, 40, 40)))
    lay(doc.page, mask, colour, int(spot.x), int(spot.y))
    spot.phrase_box = (spot.x, spot.y, spot.x + w, spot.y + h)
    spot.gap = (spot.x + _mm(ppm, 3) + label_w + _mm(ppm, 2), spot.y + y + small)
    spot.date_gap = (spot.x + _mm(ppm, 3) + draw.textlength("日期：", font=font("sans", small)) + _mm(ppm, 2),
                     spot.y + y2 + small)
    return ["label-" + ("red" if colour[0] > 100 else "black")]


def _stamped_phrase(doc: Document, plan: MarkPlan, spot: Spot, rng: random.Random) -> list[str]:
    ppm = doc.ppm
    wording = rng.choice(USE_ONLY_WORDINGS if plan.phrase == USE_ONLY else WORDINGS)
    face = font(rng.choice(("sans_bold", "serif_bold")), _mm(ppm, rng.uniform(4.2, 5.5)))
    line = text_mask(wording + rng.choice(("", "", "。")), face)
    features = []
    if plan.phrase == "stamp-handler":
        label = rng.choice(HANDLER_LABELS[:5])
        small = font("sans", _mm(ppm, rng.uniform(3.6, 4.4)))
        second = text_mask(label, small)
        gap_w = _mm(ppm, rng.uniform(18, 26))
        second = np.concatenate([second, np.zeros((second.shape[0], gap_w), np.float32)], axis=1)
        underline = rng.random() < 0.5
        if underline:
            second[-2:, second.shape[1] - gap_w:] = 1
        mask = below(line, second, gap=_mm(ppm, 2))
        frame_pad = _mm(ppm, 2.5)  # taken back below when the stamp has no frame
        spot.gap = (spot.x + frame_pad + second.shape[1] - gap_w + _mm(ppm, 1),
                    spot.y + frame_pad + line.shape[0] + _mm(ppm, 2) + second.shape[0])
        features.append("handler-line")
    else:
        mask = line
    framed = rng.random() < 0.55
    if framed:
        pad = _mm(ppm, 2.5)
        boxed = np.zeros((mask.shape[0] + 2 * pad, mask.shape[1] + 2 * pad), np.float32)
        boxed[pad:-pad, pad:-pad] = mask
        edge = _mm(ppm, 0.5)
        boxed[:edge], boxed[-edge:], boxed[:, :edge], boxed[:, -edge:] = 1, 1, 1, 1
        mask = boxed
        features.append("framed")
    elif spot.gap:
        spot.gap = (spot.gap[0] - _mm(ppm, 2.5), spot.gap[1] - _mm(ppm, 2.5))
    faint = rng.random() < 0.25
    half = rng.random() < 0.2
    mask = stamp_texture(mask, rng, rng.uniform(0.35, 0.55) if faint else rng.uniform(0.75, 1.0),
                         0.9 if half else rng.uniform(0.0, 0.4), rng.uniform(0.02, 0.12))
    if rng.random() < 0.15:
        mask = doubled(mask, _mm(ppm, rng.uniform(0.5, 1.5)), _mm(ppm, rng.uniform(0.3, 1.0)), 0.45)
        features.append("doubled")
    features += ["faint"] * faint + ["half-inked"] * half
    lay(doc.page, mask, STAMP_INKS[plan.stamp_ink], int(spot.x), int(spot.y), opacity=rng.uniform(0.85, 1.0))
    spot.phrase_box = (spot.x, spot.y, spot.x + mask.shape[1], spot.y + mask.shape[0])
    return features


def _handwritten_phrase(doc: Document, plan: MarkPlan, spot: Spot, rng: random.Random) -> list[str]:
    ppm = doc.ppm
    wording = rng.choice(WORDINGS) + rng.choice(("", "", "。", "！"))
    large = rng.random() < 0.3
    height = _mm(ppm, rng.uniform(7, 10) if large else rng.uniform(3.8, 5.5))
    hurried = rng.random() < 0.4
    slant = rng.uniform(0.1, 0.35) if rng.random() < 0.5 else 0.0
    if rng.random() < 0.2:  # split over two lines
        cut = len(wording) // 2
        mask = below(written(wording[:cut], height, rng, slant, hurried), written(wording[cut:], height, rng, slant, hurried),
                     indent=_mm(ppm, rng.uniform(0, 6)))
    else:
        mask = written(wording, height, rng, slant, hurried)
    mask = rotate_mask(mask, rng.uniform(-6, 4))
    lay(doc.page, mask, PEN_INKS[plan.pen], int(spot.x), int(spot.y))
    spot.phrase_box = (spot.x, spot.y, spot.x + mask.shape[1], spot.y + mask.shape[0])
    return ["large" if large else "small"] + ["hurried"] * hurried + ["slanted"] * bool(slant)


def _signature_mask(doc: Document, plan: MarkPlan, rng: random.Random, name: str) -> tuple[np.ndarray, bool]:
    """The signature as a mask, and whether it is a (red) name seal rather than pen ink."""
    ppm = doc.ppm
    height = _mm(ppm, rng.uniform(5, 9))
    pen = max(1.5, ppm * rng.uniform(0.3, 0.5))
    style = plan.signature
    if style == "scrawl":
        return scrawl(len(name), height, pen, rng, slant=rng.uniform(0.0, 0.45)), False
    if style == "neat":
        return written(name, height * 0.8, rng, slant=rng.uniform(0, 0.2)), False
    if style == "name-date":
        who = scrawl(len(name), height, pen, rng) if rng.random() < 0.5 else written(name, height * 0.7, rng)
        when = written(date_text(rng), height * 0.55, rng, slant=rng.uniform(0, 0.2), hurried=rng.random() < 0.4)
        if rng.random() < 0.5:
            return beside(who, when, gap=_mm(ppm, 3)), False
        return below(who, when, gap=_mm(ppm, 1), indent=_mm(ppm, rng.uniform(0, 8))), False
    if style == "initials":  # the surname alone, or the name's pinyin initials
        latin = rng.random() < 0.5
        initials = "".join(rng.choice("BCDGHJLMQSWXYZ") for _ in name) if latin else name[0]
        return written(initials, height * (1.4 if latin else 0.85), rng, slant=rng.uniform(0, 0.3), hurried=True), False
    seal = stamp_texture(name_seal(name[:3], ppm, rng.uniform(15, 22), rng.random() < 0.5, rng), rng,
                         rng.uniform(0.7, 1.0), rng.uniform(0, 0.4), 0.05)
    return seal, True


def _official_seal_mask(doc: Document, plan: MarkPlan, unit: str, rng: random.Random) -> np.ndarray:
    oval = rng.random() < 0.15
    if oval:
        w, h = rng.choice(((40, 30), (45, 30)))
        design = SealDesign(unit, "oval", w, h, rng.choice(("财务专用章", "人事专用章", "")), "", rng.random() < 0.4,
                            rng.random() < 0.3, rng.choice(("serif_bold", "sans_bold")))
    else:
        d = rng.uniform(38, 42) if rng.random() < 0.8 else rng.uniform(42, 45)
        design = SealDesign(unit, "round", d, d, rng.choice(people.LINE_TEXTS),
                            people.unit_code(rng) if rng.random() < 0.35 else "", True, rng.random() < 0.12,
                            rng.choice(("serif_bold", "sans_bold")))
    mask = official_seal(design, doc.ppm)
    flaw = plan.seal_flaw
    strength = rng.uniform(0.35, 0.55) if flaw == "faint" else rng.uniform(0.75, 1.0)
    unevenness = rng.uniform(0.6, 0.95) if flaw == "uneven" else rng.uniform(0, 0.35)
    mask = stamp_texture(mask, rng, strength, unevenness, rng.uniform(0.02, 0.15))
    if flaw == "doubled":
        mask = doubled(mask, _mm(doc.ppm, rng.uniform(0.6, 2.0)), _mm(doc.ppm, rng.uniform(-1.5, 1.5)), rng.uniform(0.4, 0.7))
    if flaw == "smeared":
        mask = smeared(mask, _mm(doc.ppm, rng.uniform(1, 2.5)), rng.uniform(0, 180))
    return mask


def _start(doc: Document, plan: MarkPlan, rng: random.Random) -> Spot:
    box = doc.content if plan.over_content else doc.margin
    left, top, right, bottom = box
    x = rng.uniform(left, max(left, right - 75))
    y = rng.uniform(top, max(top, bottom - 45))
    edge = ""
    if plan.seal_flaw == "off-edge" and plan.seal:
        edge = rng.choice(("right", "bottom"))
        width_mm, height_mm = doc.page.shape[1] / doc.ppm, doc.page.shape[0] / doc.ppm
        if edge == "right":
            x = width_mm - rng.uniform(64, 72)
        else:
            y = height_mm - rng.uniform(32, 40)
    return Spot(x * doc.ppm, y * doc.ppm, doc.ppm, edge=edge)


def _off_edge(spot: Spot, page: np.ndarray, mask: np.ndarray, cx: float, cy: float, rng: random.Random) -> tuple[float, float]:
    """Move the seal's centre so that 15-35% of it hangs off the crowded edge."""
    if spot.edge == "right":
        return max(cx, page.shape[1] - mask.shape[1] * rng.uniform(0.15, 0.35)), cy
    return cx, max(cy, page.shape[0] - mask.shape[0] * rng.uniform(0.15, 0.35))


def _riding_slice(doc: Document, plan: MarkPlan, unit: str, rng: random.Random) -> None:
    """The slice of a 骑缝章 stamped across the edges of the stapled set: a third of a seal at the right edge."""
    mask = _official_seal_mask(doc, plan, unit, rng)
    cx = doc.page.shape[1] + mask.shape[1] * rng.uniform(0.12, 0.25)
    cy = doc.page.shape[0] * rng.uniform(0.3, 0.7)
    lay_centred(doc.page, mask, SEAL_INKS[plan.seal], cx, cy)


def apply(doc: Document, plan: MarkPlan, unit: str, rng: random.Random) -> list[str]:
    """Lay the planned marks on the document's page; return the features to list in the case name."""
    spot = _start(doc, plan, rng)
    ppm = doc.ppm
    features: list[str] = []
    if plan.phrase == "label":
        features += _printed_label(doc, spot, rng)
    elif plan.phrase in ("stamp", "stamp-handler", USE_ONLY):
        features += _stamped_phrase(doc, plan, spot, rng)
    elif plan.phrase == "hand":
        features += _handwritten_phrase(doc, plan, spot, rng)
    if spot.phrase_box is None:
        spot.phrase_box = (spot.x, spot.y, spot.x + _mm(ppm, 30), spot.y + _mm(ppm, 6))
    px0, py0, px1, py1 = spot.phrase_box
    sign_at = None
    if plan.signature:
        mask, is_seal = _signature_mask(doc, plan, rng, people.person_name(rng))
        if spot.gap:
            gx, gy = spot.gap
            reach = mask.shape[0] * 0.6 if is_seal else min(mask.shape[0], _mm(ppm, 7))  # a date may run below
            left, top = gx, gy - reach * rng.uniform(0.65, 0.95)
            if spot.date_gap and rng.random() < 0.5:
                when = written(date_text(rng), _mm(ppm, rng.uniform(3, 4)), rng, hurried=True)
                lay(doc.page, when, PEN_INKS[plan.pen], int(spot.date_gap[0]), int(spot.date_gap[1] - when.shape[0] * 0.9))
                features.append("label-dated")
        else:
            label = rng.choice(HANDLER_LABELS) if plan.phrase in ("hand", "") else ""
            if label:
                written_label = written(label, _mm(ppm, rng.uniform(3.8, 5)), rng)
                lx, ly = px0 + _mm(ppm, rng.uniform(0, 10)), py1 + _mm(ppm, rng.uniform(2, 5))
                lay(doc.page, written_label, PEN_INKS[plan.pen], int(lx), int(ly))
                left, top = lx + written_label.shape[1] + _mm(ppm, 1), ly + written_label.shape[0] - mask.shape[0] * 0.8
                features.append("label:" + label.rstrip("："))
            elif rng.random() < 0.5 and not spot.edge:
                left, top = px1 + _mm(ppm, rng.uniform(2, 8)), py0 + (py1 - py0) / 2 - mask.shape[0] / 2
            else:
                left, top = px0 + _mm(ppm, rng.uniform(5, 25)), py1 + _mm(ppm, rng.uniform(1, 4))
        ink = SEAL_INKS[rng.choice(("fresh", "brick"))] if is_seal else PEN_INKS[plan.pen]
        room = _mm(ppm, 3)  # a clerk signs on the paper, not off it
        left = min(left, doc.page.shape[1] - mask.shape[1] - room)
        top = min(top, doc.page.shape[0] - mask.shape[0] - room)
        lay(doc.page, mask, ink, int(left), int(top))
        sign_at = (left + mask.shape[1] / 2, top + mask.shape[0] / 2)
        if plan.signature == "name-seal+scrawl":
            extra = scrawl(3, _mm(ppm, 7), _mm(ppm, 0.45), rng)
            x = left + mask.shape[1] + room
            if x + extra.shape[1] > doc.page.shape[1] - room:
                x = left - extra.shape[1] - room
            lay(doc.page, extra, PEN_INKS[plan.pen], int(x), int(top))
    if plan.seal:
        mask = _official_seal_mask(doc, plan, unit, rng)
        if plan.across_seal and sign_at:
            cx, cy = sign_at[0] + _mm(ppm, rng.uniform(-4, 4)), sign_at[1] + _mm(ppm, rng.uniform(-4, 4))
            features.append("across-seal")
        elif sign_at and rng.random() < 0.5:
            cx, cy = sign_at[0] + _mm(ppm, rng.uniform(-10, 10)), sign_at[1] + _mm(ppm, rng.uniform(-8, 8))
            features.append("seal-over-signature")
        elif plan.phrase and rng.random() < 0.7:
            cx, cy = px1 - (px1 - px0) * rng.uniform(0.1, 0.5), (py0 + py1) / 2 + _mm(ppm, rng.uniform(-6, 8))
            features.append("seal-over-phrase")
        else:
            cx, cy = px1 + _mm(ppm, rng.uniform(22, 30)), (py0 + py1) / 2
            features.append("seal-beside")
        if spot.edge:
            cx, cy = _off_edge(spot, doc.page, mask, cx, cy, rng)
        lay_centred(doc.page, mask, SEAL_INKS[plan.seal], cx, cy, opacity=rng.uniform(0.85, 1.0))
        if plan.riding_slice:
            _riding_slice(doc, plan, unit, rng)
            features.append("riding-seal-slice")
    return features

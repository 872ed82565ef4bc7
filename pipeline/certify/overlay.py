"""A copy page's image with the certification marks found outlined, for staff to confirm at a
glance: the phrase in blue, the signature in green, the seal in orange (see MARK_COLOURS)."""

from __future__ import annotations

import os
from pathlib import Path

from PIL import Image, ImageDraw

from pipeline.models import PageCertification

MARK_COLOURS = {"phrase": "#1e5ae6", "signature": "#00963c", "seal": "#f07800"}


def draw_marks(page: PageCertification, target: Path, side: int) -> None:
    """Write the page scaled to fit `side` pixels, with every box of every mark outlined."""
    with Image.open(page.image) as original:
        image = original.convert("RGB")
    scale = min(1.0, side / max(image.size))
    image = image.resize((round(image.width * scale), round(image.height * scale)), Image.LANCZOS)
    draw = ImageDraw.Draw(image)
    width = max(2, round(side / 300))
    for name, colour in MARK_COLOURS.items():
        for box in getattr(page, name).boxes:
            x0, y0, x1, y1 = (round(v * scale) for v in box)
            pad = width * 2
            outline = (x0 - pad, y0 - pad, x1 + pad, y1 + pad)
            if name == "seal":
                draw.ellipse(outline, outline=colour, width=width)
            else:
                draw.rectangle(outline, outline=colour, width=width)
    target.parent.mkdir(parents=True, exist_ok=True)
    image.save(target, "JPEG", quality=80)


CROP_MARGIN_MM = 12.0  # around the marks found and where they belong
CROP_SUFFIX = "-marks.jpg"  # beside the page image in the page store


def draw_marking_area(page: PageCertification) -> str:
    """Write the page's marking area at full resolution, the marks found outlined, beside the page
    image (for a clerk to decide in two seconds), and return its path; "" without evidence. The
    area: the phrase and where the signature belongs, the seals by them, the names read; the whole
    page where nothing anchors it."""
    evidence = page.evidence
    if evidence is None or not Path(page.image).exists():
        return ""
    boxes = [box for name in MARK_COLOURS for box in getattr(page, name).boxes]
    if evidence.signature_window is not None:
        boxes.append(evidence.signature_window)
    if evidence.phrase is not None:
        boxes.append(evidence.phrase.box)
    with Image.open(page.image) as original:
        image = original.convert("RGB")
    margin = CROP_MARGIN_MM * evidence.px_per_mm
    area = (0, 0, image.width, image.height)
    if boxes:
        area = (max(0, int(min(b[0] for b in boxes) - margin)), max(0, int(min(b[1] for b in boxes) - margin)),
                min(image.width, int(max(b[2] for b in boxes) + margin)),
                min(image.height, int(max(b[3] for b in boxes) + margin)))
    draw = ImageDraw.Draw(image)
    width = max(2, round(evidence.px_per_mm * 0.6))
    for name, colour in MARK_COLOURS.items():
        for x0, y0, x1, y1 in getattr(page, name).boxes:
            outline = (x0 - 2 * width, y0 - 2 * width, x1 + 2 * width, y1 + 2 * width)
            (draw.ellipse if name == "seal" else draw.rectangle)(outline, outline=colour, width=width)
    target = Path(page.image).with_name(Path(page.image).stem + CROP_SUFFIX)
    temporary = target.with_name(target.name + ".part")
    image.crop(area).save(temporary, "JPEG", quality=90)
    os.replace(temporary, target)
    return str(target)

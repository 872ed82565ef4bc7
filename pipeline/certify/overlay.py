"""A copy page's image with the certification marks found outlined, for staff to confirm at a
glance: the phrase in blue, the signature in green, the seal in orange (see MARK_COLOURS)."""

from __future__ import annotations

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

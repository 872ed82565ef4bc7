"""Font lookup for the renderers (PIL and reportlab). Fonts are cached per size."""
from __future__ import annotations

import functools
from pathlib import Path

from PIL import ImageFont

NOTO_SANS = "/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc"
NOTO_SANS_BOLD = "/usr/share/fonts/opentype/noto/NotoSansCJK-Bold.ttc"
NOTO_SERIF = "/usr/share/fonts/opentype/noto/NotoSerifCJK-Regular.ttc"
NOTO_SERIF_BOLD = "/usr/share/fonts/opentype/noto/NotoSerifCJK-Bold.ttc"
UKAI = "/usr/share/fonts/truetype/arphic/ukai.ttc"
UMING = "/usr/share/fonts/truetype/arphic/uming.ttc"

# index of the simplified-Chinese face inside each collection
_SC_INDEX = {NOTO_SANS: 2, NOTO_SANS_BOLD: 2, NOTO_SERIF: 2, NOTO_SERIF_BOLD: 2, UKAI: 0, UMING: 0}

STYLES = {
    "sans": NOTO_SANS,
    "sans_bold": NOTO_SANS_BOLD,
    "serif": NOTO_SERIF,
    "serif_bold": NOTO_SERIF_BOLD,
    "kai": UKAI,      # handwriting-like
    "ming": UMING,
}


def _resolve(path: str) -> str:
    if Path(path).exists():
        return path
    # fall back to any CJK font that exists
    for cand in (NOTO_SANS, NOTO_SERIF, UMING, UKAI):
        if Path(cand).exists():
            return cand
    raise FileNotFoundError("no CJK font found (install fonts-noto-cjk / fonts-arphic-ukai)")


@functools.lru_cache(maxsize=512)
def font(style: str, size: int) -> ImageFont.FreeTypeFont:
    path = _resolve(STYLES.get(style, style))
    return ImageFont.truetype(path, max(6, int(size)), index=_SC_INDEX.get(path, 0))


_RL_REGISTERED: set[str] = set()


def reportlab_font(name: str = "UMing") -> str:
    """Register uming.ttc (embeddable TrueType) with reportlab once; return the font name."""
    if name in _RL_REGISTERED:
        return name
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont

    pdfmetrics.registerFont(TTFont(name, UMING, subfontIndex=0))
    _RL_REGISTERED.add(name)
    return name

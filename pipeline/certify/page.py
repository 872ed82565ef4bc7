"""A page image as the mark detectors see it: pixels, scale, and ink masks by colour."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property

import cv2
import numpy as np
from PIL import Image

A4_LONG_MM = 297.0
COLOUR_CHROMA = 40  # max-min of RGB above which a pixel is coloured ink, not grey
COLOUR_PIXELS = 200  # this many coloured pixels make a colour scan
RED_TINT_CHROMA = 18  # a pixel this colourful and of a red hue is (faded) seal ink, not black pen or print
PURPLE_HUES = (130, 166)  # OpenCV hue (0-180) of violet stamp-pad ink, between blue pen's and red's
BLUE_SHARE = 0.25  # dark ink this much blue was written in blue pen
FAINT_RED_LIFT = 6  # Lab a* (green-red) this much above the paper around it: seal ink, however faded
FAINT_RED_BLUE_DIP = 8  # ...unless b* falls this much below the paper's (blue and purple pen also lift a*)
PAPER_AROUND_MM = 4.0  # the paper's own colour is the median over this many millimetres
UNRED_DARKER = 24  # in the red channel, ink is this much darker (0-255) than the paper around it
UNRED_SEAL_LEVEL = 150  # red-hued ink at least this light in the red channel is a seal's, not a mix of it with other ink


@dataclass
class PageImage:
    rgb: np.ndarray  # H x W x 3, uint8

    @classmethod
    def open(cls, path: str) -> PageImage:
        with Image.open(path) as image:
            return cls(np.asarray(image.convert("RGB")))

    @property
    def height(self) -> int:
        return self.rgb.shape[0]

    @property
    def width(self) -> int:
        return self.rgb.shape[1]

    @cached_property
    def px_per_mm(self) -> float:
        """Scale assumed from an A4 page (scans and rendered PDF pages are A4 here)."""
        return max(self.rgb.shape[:2]) / A4_LONG_MM

    @cached_property
    def grey(self) -> np.ndarray:
        return cv2.cvtColor(self.rgb, cv2.COLOR_RGB2GRAY)

    @cached_property
    def hsv(self) -> np.ndarray:
        return cv2.cvtColor(self.rgb, cv2.COLOR_RGB2HSV)

    @cached_property
    def chroma(self) -> np.ndarray:
        rgb = self.rgb.astype(np.int16)
        return (rgb.max(axis=2) - rgb.min(axis=2)).astype(np.uint8)

    @cached_property
    def colour(self) -> bool:
        """False for a black-and-white scan: then no mark can be told by its colour."""
        return int(np.count_nonzero(self.chroma > COLOUR_CHROMA)) >= COLOUR_PIXELS

    @cached_property
    def red(self) -> np.ndarray:
        """Red, dark-red, faded, pink and purplish seal or pen ink (uint8 0/255)."""
        hue, sat, val = self.hsv[..., 0], self.hsv[..., 1], self.hsv[..., 2]
        reddish = (hue >= 150) | (hue <= 8)
        inked = (sat >= 55) & (val >= 70) & (self.chroma >= 35)
        return np.where(reddish & inked, 255, 0).astype(np.uint8)

    @cached_property
    def stamp_red(self) -> np.ndarray:
        """Red as a stamp pad leaves it, faded and pale strokes included (uint8 0/255): wider
        than `red`, for finding seals by their shape; too wide for telling pen strokes."""
        hue, sat, val = self.hsv[..., 0], self.hsv[..., 1], self.hsv[..., 2]
        reddish = (hue >= 150) | (hue <= 8)
        inked = (sat >= 40) & (val >= 70) & (self.chroma >= 25)
        return np.where(reddish & inked, 255, 0).astype(np.uint8)

    @cached_property
    def faint_red(self) -> np.ndarray:
        """Seal ink faded to a pink tint that `stamp_red` loses on tinted or grey-toned paper
        (uint8 0/255): pixels redder than the paper around them, in Lab, not bluer. For what lies
        inside a ring already found (arc text, a star); too wide to find rings by."""
        lab = cv2.cvtColor(self.rgb, cv2.COLOR_RGB2LAB)
        size = int(self.px_per_mm * PAPER_AROUND_MM) | 1
        lift = lab[..., 1].astype(np.int16) - cv2.medianBlur(lab[..., 1], size)
        dip = lab[..., 2].astype(np.int16) - cv2.medianBlur(lab[..., 2], size)
        return np.where((lift >= FAINT_RED_LIFT) & (dip >= -FAINT_RED_BLUE_DIP), 255, 0).astype(np.uint8)

    @cached_property
    def red_pen(self) -> np.ndarray:
        """The red of a pen (and of red seals), without the pink and purple of other stamp pads."""
        hue = self.hsv[..., 0]
        return np.where((self.red > 0) & ((hue >= 174) | (hue <= 8)), 255, 0).astype(np.uint8)

    @cached_property
    def dark(self) -> np.ndarray:
        """Ink of any colour darker than paper (uint8 0/255), from an adaptive threshold."""
        blur = cv2.GaussianBlur(self.grey, (3, 3), 0)
        block = int(self.px_per_mm * 6) | 1
        return cv2.adaptiveThreshold(blur, 255, cv2.ADAPTIVE_THRESH_MEAN_C, cv2.THRESH_BINARY_INV, block, 18)

    @cached_property
    def pen(self) -> np.ndarray:
        """Dark ink with no tint of red: printed text, black/blue pen (uint8 0/255). A faded
        seal's lighter strokes, too pale for the red mask, still carry the tint."""
        hue = self.hsv[..., 0]
        tinted = ((hue >= 150) | (hue <= 8)) & (self.chroma >= RED_TINT_CHROMA) & (self.hsv[..., 2] >= 70)
        return np.where((self.dark > 0) & ~tinted, 255, 0).astype(np.uint8)

    @cached_property
    def purple(self) -> np.ndarray:
        """Violet stamp-pad ink (uint8 0/255): a 此件与原件相符 stamp is inked red, blue or purple,
        and purple lies between the blue and the red masks' hues, in neither, and out of `pen`."""
        hue, sat = self.hsv[..., 0], self.hsv[..., 1]
        violet = (hue >= PURPLE_HUES[0]) & (hue <= PURPLE_HUES[1]) & (sat >= 35) & (self.chroma >= 20)
        return np.where((self.dark > 0) & violet, 255, 0).astype(np.uint8)

    @cached_property
    def blue(self) -> np.ndarray:
        """Blue and blue-grey pen strokes, which print rarely uses (uint8 0/255): the dark ink
        within a stroke's width of clearly blue pixels, so strokes crossing a seal stay whole."""
        hue, sat, val = self.hsv[..., 0], self.hsv[..., 1], self.hsv[..., 2]
        blue = np.where((hue >= 108) & (hue <= 135) & (sat >= 70) & (val <= 200), 255, 0).astype(np.uint8)
        reach = cv2.dilate(blue, np.ones((int(self.px_per_mm) | 1,) * 2, np.uint8))
        return np.where((reach > 0) & (self.pen > 0), 255, 0).astype(np.uint8)

    @cached_property
    def unred(self) -> np.ndarray:
        """Ink of any colour but a red or pink stamp pad's (uint8 0/255): dark in the red channel,
        where red ink is nearly as light as paper. Writing or a purple or blue stamp under a red
        seal shows whole in it, with the seal's ring and arc text gone (in the other masks the
        seal's ink cuts its strokes). A brick-red seal's darker ink is left out by its hue."""
        red = cv2.GaussianBlur(self.rgb[..., 0], (3, 3), 0)
        block = int(self.px_per_mm * 6) | 1
        dark = cv2.adaptiveThreshold(red, 255, cv2.ADAPTIVE_THRESH_MEAN_C, cv2.THRESH_BINARY_INV, block, UNRED_DARKER)
        hue = self.hsv[..., 0]
        seal_red = ((hue >= 170) | (hue <= 8)) & (self.chroma >= RED_TINT_CHROMA) & (self.rgb[..., 0] >= UNRED_SEAL_LEVEL)
        return np.where((dark > 0) & ~seal_red, 255, 0).astype(np.uint8)

    def ink(self, name: str) -> np.ndarray:
        """The mask of one ink by name: blue, pen (dark, not red), red (pen red), purple (a stamp
        pad's), unred (any but a red stamp pad's) or dark (any)."""
        return {"blue": self.blue, "pen": self.pen, "red": self.red_pen, "purple": self.purple, "unred": self.unred,
                "dark": self.dark}[name]

    def ink_in(self, box: tuple[int, int, int, int]) -> str:
        """The pen ink that wrote what is in `box`: blue, red or pen; dark on a black-and-white scan."""
        if not self.colour:
            return "dark"
        x0, y0, x1, y1 = clamp(box, self.width, self.height)
        counts = {name: int(np.count_nonzero(self.ink(name)[y0:y1, x0:x1])) for name in ("blue", "red", "pen")}
        if counts["blue"] >= BLUE_SHARE * max(1, counts["pen"]):
            return "blue"
        return "red" if counts["red"] > counts["pen"] else "pen"


def clamp(box: tuple[int, int, int, int], width: int, height: int) -> tuple[int, int, int, int]:
    x0, y0, x1, y1 = box
    return max(0, int(x0)), max(0, int(y0)), min(width, int(x1)), min(height, int(y1))

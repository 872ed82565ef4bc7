"""Page images made ready for OCR: upright, straight, and of a sensible size."""

from __future__ import annotations

import cv2
import numpy as np
from PIL import Image, ImageOps

MAX_SIDE = 3500
MIN_SIDE = 1000
MAX_SKEW_DEGREES = 6.0
SKEW_STEP = 0.25


def decoded(image: Image.Image) -> Image.Image:
    """A page image as it came, in one of two modes: RGB, or L where it has no colour at all.
    EXIF rotation applied; transparency laid on white paper (a screenshot's or a chat tool's
    PNG, in P, PA, LA or RGBA, would otherwise turn black where transparent); 1-bit to grey;
    CMYK and other colour modes to RGB; 16-bit and 32-bit grey scaled to 8 bits by their own
    range (a plain conversion clips nearly everything to white)."""
    image = ImageOps.exif_transpose(image)
    if image.mode in ("RGB", "L"):
        return image
    if image.mode in ("1",):
        return image.convert("L")
    if image.mode in ("I;16", "I;16L", "I;16B", "I;16N", "I", "F"):
        return _eight_bit(image)
    if image.mode == "P" and "transparency" not in image.info:
        return image.convert("RGB")
    if image.mode in ("P", "PA", "LA", "La", "RGBA", "RGBa"):
        rgba = image.convert("RGBA")
        paper = Image.new("RGBA", rgba.size, (255, 255, 255, 255))
        flat = Image.alpha_composite(paper, rgba).convert("RGB")
        return flat.convert("L") if image.mode in ("LA", "La") else flat
    return image.convert("RGB")


def _eight_bit(image: Image.Image) -> Image.Image:
    pixels = np.asarray(image, dtype=np.float64)
    top = float(pixels.max()) if pixels.size else 0.0
    if top > 255:  # 16-bit (or 12-bit stored in 16): scaled by the bits it uses
        pixels = pixels * (255.0 / (65535.0 if top > 4095 else 4095.0))
    return Image.fromarray(np.clip(np.rint(pixels), 0, 255).astype(np.uint8), "L")


def normalise_size(image: Image.Image) -> Image.Image:
    longest = max(image.size)
    if longest > MAX_SIDE or longest < MIN_SIDE:
        scale = (MAX_SIDE if longest > MAX_SIDE else MIN_SIDE) / longest
        image = image.resize((round(image.width * scale), round(image.height * scale)), Image.LANCZOS)
    return image


def skew_angle(image: Image.Image) -> float:
    """The small rotation (degrees, counter-clockwise positive) that makes text lines
    horizontal: the angle whose row profile of ink is the most peaked."""
    small = image.convert("L")
    small.thumbnail((900, 900))
    ink = (np.asarray(small, dtype=np.uint8) < 140).astype(np.uint8) * 255
    if ink.mean() < 0.5:  # a blank page
        return 0.0
    canvas = Image.fromarray(ink)
    best_angle, best_score = 0.0, -1.0
    for angle in np.arange(-MAX_SKEW_DEGREES, MAX_SKEW_DEGREES + SKEW_STEP, SKEW_STEP):
        rows = np.asarray(canvas.rotate(float(angle), resample=Image.NEAREST), dtype=np.float32).sum(axis=1)
        score = float(np.square(np.diff(rows)).sum())
        if score > best_score:
            best_angle, best_score = float(angle), score
    return best_angle


def straighten(image: Image.Image, rotation: int) -> Image.Image:
    """Turns the page upright (`rotation` clockwise degrees from orientation detection),
    then removes a small skew."""
    if rotation:
        image = image.rotate(-rotation, expand=True)
    angle = skew_angle(image)
    if abs(angle) >= SKEW_STEP:
        fill = (255, 255, 255) if image.mode == "RGB" else 255
        image = image.rotate(angle, resample=Image.BICUBIC, expand=True, fillcolor=fill)
    return image


def even_light(grey: Image.Image) -> Image.Image:
    """Divides the page by its own background (a large closing removes the text), so grey
    paper, shadows and a light-grey ID card print read as black on white."""
    pixels = np.asarray(grey.convert("L"))
    size = max(15, (max(pixels.shape) // 60) | 1)
    background = cv2.morphologyEx(pixels, cv2.MORPH_CLOSE, cv2.getStructuringElement(cv2.MORPH_ELLIPSE, (size, size)))
    return Image.fromarray(cv2.divide(pixels, background, scale=255))


PAGE_MIN_AREA = 0.15  # a page photographed on a desk fills this much of the frame, at least…
PAGE_MAX_AREA = 0.92  # …and at most this much (more: a scan, nothing to crop)
DETECT_SIDE = 800


def _order_corners(points: np.ndarray) -> np.ndarray:
    """(top-left, top-right, bottom-right, bottom-left)."""
    by_sum = points.sum(axis=1)
    by_diff = np.diff(points, axis=1).ravel()
    return np.array([points[by_sum.argmin()], points[by_diff.argmin()], points[by_sum.argmax()], points[by_diff.argmax()]],
                    dtype=np.float32)


def _page_outline(small: np.ndarray) -> np.ndarray | None:
    """The four corners of a sheet of paper in a (small) photo, or None."""
    grey = cv2.GaussianBlur(cv2.cvtColor(small, cv2.COLOR_RGB2GRAY), (5, 5), 0)
    _, bright = cv2.threshold(grey, 0, 255, cv2.THRESH_BINARY + cv2.THRESH_OTSU)
    bright = cv2.morphologyEx(bright, cv2.MORPH_CLOSE, np.ones((9, 9), np.uint8))
    contours, _ = cv2.findContours(bright, cv2.RETR_EXTERNAL, cv2.CHAIN_APPROX_SIMPLE)
    if not contours:
        return None
    largest = max(contours, key=cv2.contourArea)
    area = cv2.contourArea(largest) / (small.shape[0] * small.shape[1])
    if not PAGE_MIN_AREA <= area <= PAGE_MAX_AREA:
        return None
    outline = cv2.approxPolyDP(largest, 0.02 * cv2.arcLength(largest, True), True)
    if len(outline) != 4 or not cv2.isContourConvex(outline):
        return None
    mask = np.zeros(grey.shape, np.uint8)
    cv2.drawContours(mask, [outline], -1, 255, -1)
    inside = small[mask > 0].astype(np.int16)
    colour = float((inside.max(axis=1) - inside.min(axis=1)).mean())
    ink = float((grey[mask > 0] < 110).mean())
    paper_like = colour < 30 and 0.002 < ink < 0.3 and grey[mask > 0].mean() > grey[mask == 0].mean() + 25
    corners = outline.reshape(4, 2).astype(np.float32)
    return _order_corners(corners) if paper_like and _sharp_edges(grey, corners) else None


EDGE_STEP = 25  # grey levels between just inside and just outside a sheet's edge
EDGE_BAND = 4  # pixels (of the small image) on either side of an edge that are compared


def _sharp_edges(grey: np.ndarray, corners: np.ndarray) -> bool:
    """Whether every side of the outline that does not run along the frame is a step from
    paper to desk. Uneven light on a scan makes a bright region whose border fades over a
    hundred pixels: that is not a sheet's edge, and cutting along it loses the page's top."""
    height, width = grey.shape
    centre = corners.mean(axis=0)
    for start, end in zip(corners, np.roll(corners, -1, axis=0)):
        if _along_frame(start, end, width, height):
            continue
        t = np.linspace(0.15, 0.85, 24)[:, None]
        points = start + t * (end - start)
        inward = centre - (start + end) / 2
        direction = np.array([-(end - start)[1], (end - start)[0]], dtype=np.float32)
        direction /= max(float(np.linalg.norm(direction)), 1e-6)
        if float(np.dot(direction, inward)) < 0:
            direction = -direction
        inside = _sample(grey, points + direction * EDGE_BAND)
        outside = _sample(grey, points - direction * EDGE_BAND)
        if float(np.median(inside - outside)) < EDGE_STEP:
            return False
    return True


def _along_frame(start: np.ndarray, end: np.ndarray, width: int, height: int, margin: int = 3) -> bool:
    xs, ys = (start[0], end[0]), (start[1], end[1])
    return (max(xs) <= margin or min(xs) >= width - 1 - margin
            or max(ys) <= margin or min(ys) >= height - 1 - margin)


def _sample(grey: np.ndarray, points: np.ndarray) -> np.ndarray:
    x = np.clip(np.round(points[:, 0]).astype(int), 0, grey.shape[1] - 1)
    y = np.clip(np.round(points[:, 1]).astype(int), 0, grey.shape[0] - 1)
    return grey[y, x].astype(np.float32)


def crop_to_page(image: Image.Image) -> Image.Image:
    """A phone photo of a page on a desk, cut out along the page's edges and seen from above;
    any other image (a scan, a photograph of people at work) is returned as it is."""
    rgb = image.convert("RGB")
    scale = DETECT_SIDE / max(rgb.size)
    small = np.asarray(rgb.resize((round(rgb.width * scale), round(rgb.height * scale))))
    corners = _page_outline(small)
    if corners is None:
        return image
    corners /= scale
    width = int(max(np.linalg.norm(corners[1] - corners[0]), np.linalg.norm(corners[2] - corners[3])))
    height = int(max(np.linalg.norm(corners[3] - corners[0]), np.linalg.norm(corners[2] - corners[1])))
    target = np.array([[0, 0], [width - 1, 0], [width - 1, height - 1], [0, height - 1]], dtype=np.float32)
    matrix = cv2.getPerspectiveTransform(corners, target)
    flat = cv2.warpPerspective(np.asarray(rgb), matrix, (width, height), flags=cv2.INTER_CUBIC)
    return Image.fromarray(flat)


TABLE_MIN_ROWS = 8  # rules across half the page that make it a ruled table (a form, a summary sheet)
TABLE_MIN_COLUMNS = 2  # rules down a fifth of the page


def _count_lines(ink: np.ndarray, kernel: tuple[int, int]) -> int:
    mask = cv2.morphologyEx(ink, cv2.MORPH_OPEN, cv2.getStructuringElement(cv2.MORPH_RECT, kernel))
    count, _ = cv2.connectedComponents(mask)
    return count - 1


def remove_ruling_lines(grey: Image.Image) -> Image.Image:
    """A ruled table's lines painted out (Tesseract reads the cells of a ruled table badly:
    the shared research measured 41% CER with the lines, 4% without). Pages without a table
    grid keep their lines: the underline of 经办人签字 on a copy is evidence."""
    pixels = np.asarray(grey.convert("L"))
    ink = (pixels < 160).astype(np.uint8) * 255
    height, width = ink.shape
    if _count_lines(ink, (width // 2, 1)) < TABLE_MIN_ROWS or _count_lines(ink, (1, height // 5)) < TABLE_MIN_COLUMNS:
        return grey
    horizontal = cv2.morphologyEx(ink, cv2.MORPH_OPEN, cv2.getStructuringElement(cv2.MORPH_RECT, (max(40, width // 25), 1)))
    vertical = cv2.morphologyEx(ink, cv2.MORPH_OPEN, cv2.getStructuringElement(cv2.MORPH_RECT, (1, max(40, height // 25))))
    lines = cv2.dilate(cv2.bitwise_or(horizontal, vertical), np.ones((3, 3), np.uint8))
    cleaned = pixels.copy()
    cleaned[lines > 0] = 255
    return Image.fromarray(cleaned)

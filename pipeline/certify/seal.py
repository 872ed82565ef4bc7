"""Round and oval stamps (公章) on a page: by red ink and shape, or by shape alone on a
black-and-white scan (ring, star at the centre, text along the arc).

Candidates come from contours of the (closed) ink mask and from Hough circles; each is kept
only if ink runs around most of an elliptical ring of 12-30 mm radius and the inside carries a
star or arc text but is not filled (red emblems and logos are filled discs). A seal printed on a
certificate by its issuer is found as well as one stamped on the copy: which seal certifies the
copy is decided by where it sits (pipeline.certify.verdict), not here.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import cv2
import numpy as np

from pipeline.certify.page import PageImage

MIN_RADIUS_MM = 12.0
MAX_RADIUS_MM = 30.0
MIN_MINOR_MM = 10.0  # an oval stamp's short half-axis is 15 mm; red writing makes narrower "ovals"
PATCHY_MIN_RADIUS_MM = 15.0  # a patchy ring is taken only at a common seal's size (40-45 mm across)
WORK_PX_PER_MM = 4.0  # the detector works on a page scaled to about 100 dpi
ANGLE_BINS = 96
RING_COVERAGE = 0.72  # share of the ring's angles that carry ink
PATCHY_RING_COVERAGE = 0.55  # enough with arc text or a star inside a thin ring (a stamp pressed unevenly)
PATCHY_RING_DENSITY = 0.35  # ...whose curve is this much inked
RING_OUTSIDE = 1.12  # ...and stands out from the curve this much larger
FAINT_RING_COVERAGE = 0.65  # where a seal is expected, a thin ring in the faint seal ink inked this much
FAINT_RING_OUTSIDE = 0.25  # ...with at most this share of its curve's ink just outside it
GREY_RING_COVERAGE = 0.85  # stricter without colour: anything dark counts as ink
MIN_AXIS_RATIO = 0.58  # oval stamps (财务专用章 and the like) run from 40 x 30 to 50 x 30 mm: 3:5 at the narrowest
ROBUST_POINTS = 400  # outline points a robust ellipse fit samples from
ROBUST_TRIALS = 200
SAME_PLACE = 0.8  # seal candidates whose centres are closer than this many radii are one seal
ARC_SPREAD = 0.4  # thin arc text: ink inside the ring in this share of the directions
SOLID_FILL = 0.5  # arc text inks well under half its band; a solid shape (emblem, a photo's background) more
GROUPING_GAPS_MM = (4.0, 8.0)  # a faded ring's pieces are taken together across gaps this wide
HULL_SAMPLES = 200  # points along a group's convex hull that an ellipse is fitted to


@dataclass(frozen=True)
class Seal:
    centre: tuple[int, int]  # page pixels
    axes: tuple[int, int]  # semi-axes, page pixels
    angle: float  # degrees
    coverage: float  # share of the ring found inked
    star: bool
    arc_text: bool
    by_colour: bool  # found in the red-ink mask (False: by shape on a black-and-white page)
    loose: bool = False  # a seal only where one is expected (find_seals' looser rules), by the phrase

    @property
    def box(self) -> tuple[int, int, int, int]:
        r = max(self.axes)
        x, y = self.centre
        return (x - r, y - r, x + r, y + r)

    @property
    def radius(self) -> float:
        return float(max(self.axes))

    @property
    def confidence(self) -> float:
        shape = min(1.0, self.coverage) * (0.7 + 0.15 * self.star + 0.15 * self.arc_text)
        return round(shape if self.by_colour else shape * 0.85, 3)


@dataclass(frozen=True)
class _Ellipse:
    cx: float
    cy: float
    a: float
    b: float
    angle: float


def find_seals(page: PageImage, loose: bool = False) -> list[Seal]:
    """All seals on the page, the most convincing first. `loose`: also the shapes that are a
    seal only where one is expected (by the phrase), marked `loose`: on a black-and-white page,
    what a colour page would accept; on a colour page, a bare thin red ring of a seal's size (its
    arc text and star faded away). They never displace a seal found by the strict rules."""
    by_colour = page.colour
    scale, mm, small, inside = _work_masks(page)
    strict: list[tuple[_Ellipse, dict]] = []
    looser: list[tuple[_Ellipse, dict]] = []
    for ellipse in _candidates(small, mm, by_colour):
        shape = _shape(small, inside, ellipse, mm)
        if shape is None:
            continue
        if _ring_enough(shape, by_colour, grey_strict=not by_colour):
            strict.append((shape["ellipse"], shape))
        elif loose and _seal_where_expected(shape, by_colour):
            looser.append((shape["ellipse"], shape))
    kept = _suppress(strict)
    extra = [item for item in _suppress(looser) if _apart(item[0], kept)]
    seals = [_seal(ellipse, shape, scale, by_colour) for ellipse, shape in kept]
    seals += [_seal(ellipse, shape, scale, by_colour, loose=True) for ellipse, shape in extra]
    return sorted(seals, key=lambda seal: -seal.confidence)


def find_faint_seals(page: PageImage, found: list[Seal]) -> list[Seal]:
    """On a colour page, the seals faded to a pink tint that only the faint seal ink shows as a
    thin ring, apart from the seals `found` already: seals only where one is expected (marked
    `loose`). That ink is too wide to find seals by anywhere on the page, and this second search
    costs as much as the first, so it is made only where a seal is expected and none was found."""
    if not page.colour:
        return []
    scale, mm, _, faint = _work_masks(page)
    rings = []
    for ellipse in _candidates(faint, mm, by_colour=True):
        shape = _shape(faint, faint, ellipse, mm)
        if shape is not None and _faint_ring(faint, shape):
            rings.append((shape["ellipse"], shape))
    known = [(_Ellipse(seal.centre[0] * scale, seal.centre[1] * scale, seal.axes[0] * scale, seal.axes[1] * scale,
                       seal.angle), {}) for seal in found]
    return [_seal(ellipse, shape, scale, True, loose=True) for ellipse, shape in _suppress(rings)
            if _apart(ellipse, known)]


def _work_masks(page: PageImage) -> tuple[float, float, np.ndarray, np.ndarray]:
    """The page scaled to the detector's working resolution: the scale, pixels per millimetre,
    the ink rings are found in (stamp red; any dark ink without colour) and the wider ink their
    insides are measured in (with the faint seal ink, on a colour page)."""
    scale = min(1.0, WORK_PX_PER_MM / page.px_per_mm)
    rings = _scaled(page.stamp_red if page.colour else page.dark, scale)
    inside = cv2.bitwise_or(rings, _scaled(page.faint_red, scale)) if page.colour else rings
    return scale, page.px_per_mm * scale, rings, inside


def _scaled(mask: np.ndarray, scale: float) -> np.ndarray:
    small = cv2.resize(mask, None, fx=scale, fy=scale, interpolation=cv2.INTER_AREA)
    return np.where(small >= 64, 255, 0).astype(np.uint8)


def _ring_enough(shape: dict, by_colour: bool, grey_strict: bool = False) -> bool:
    """Whether a measured shape is a seal: a ring inked round most of its length (less when it
    is a thin line of a common seal's size: an unevenly pressed stamp) that encloses a star or
    arc text and is not filled. Without colour, strictly: a fuller ring, star and arc text both;
    not strictly, a thin ring may be patchy only around both."""
    needed = GREY_RING_COVERAGE if grey_strict else RING_COVERAGE
    marked = (shape["arc_text"] or shape["star"]) if by_colour else (shape["arc_text"] and shape["star"])
    if not grey_strict and marked and shape["thin_ring"] and shape["large"]:
        needed = PATCHY_RING_COVERAGE
    if shape["coverage"] < needed or shape["filled"] or not (shape["star"] or shape["arc_text"]):
        return False
    return not grey_strict or (shape["star"] and shape["arc_text"])


def _seal_where_expected(shape: dict, by_colour: bool) -> bool:
    """Whether a shape the strict rules refuse is a seal where one is expected. Without colour:
    what a colour page would accept. In colour: a thin ring of a common seal's size, inked round
    more than half its length, not filled (a seal whose arc text and star faded away; elsewhere
    on the page, nothing in particular)."""
    if not by_colour:
        return _ring_enough(shape, by_colour)
    return shape["thin_ring"] and shape["large"] and shape["coverage"] >= PATCHY_RING_COVERAGE and not shape["filled"]


def _faint_ring(mask: np.ndarray, shape: dict) -> bool:
    """Whether a shape found in the faint seal ink `mask` is a seal where one is expected: a
    thin ring of a common seal's size, inked round most of its length, not filled, with next to
    nothing just outside it (a circle through red writing, which that ink holds too, has some)."""
    if not (shape["thin_ring"] and shape["large"] and shape["coverage"] >= FAINT_RING_COVERAGE) or shape["filled"]:
        return False
    ring = shape["ellipse"]
    return _density(mask, ring, RING_OUTSIDE) <= FAINT_RING_OUTSIDE * _density(mask, ring, 1.0)


def _candidates(mask: np.ndarray, mm: float, by_colour: bool) -> list[_Ellipse]:
    rmin, rmax = MIN_RADIUS_MM * mm * 0.85, MAX_RADIUS_MM * mm * 1.1
    out: list[_Ellipse] = []
    kernel = cv2.getStructuringElement(cv2.MORPH_ELLIPSE, (max(3, int(mm * 1.5)) | 1,) * 2)
    closed = cv2.morphologyEx(mask, cv2.MORPH_CLOSE, kernel)
    contours, _ = cv2.findContours(closed, cv2.RETR_EXTERNAL, cv2.CHAIN_APPROX_NONE)
    for contour in contours:
        if len(contour) < 20:
            continue
        (x, y), r = cv2.minEnclosingCircle(contour)
        if r < rmin or r > rmax * 1.6:
            continue
        out += _sized(_fit(contour), rmin, rmax)
        if rmin <= r <= rmax:
            out.append(_Ellipse(x, y, r, r, 0.0))
        robust = _robust_ellipse(contour[:, 0, :].astype(np.float32), rmin, rmax, mm)
        if robust is not None:
            out.append(robust)
    out += _grouped(mask, mm, rmin, rmax)
    blurred = cv2.GaussianBlur(mask, (0, 0), max(1.0, mm * 0.6))
    circles = cv2.HoughCircles(
        blurred,
        cv2.HOUGH_GRADIENT,
        dp=1.5,
        minDist=rmin,
        param1=80,
        param2=28 if by_colour else 40,
        minRadius=int(rmin),
        maxRadius=int(rmax),
    )
    if circles is not None:
        for x, y, r in circles[0][:40]:
            out.append(_Ellipse(float(x), float(y), float(r), float(r), 0.0))
    return out


def _grouped(mask: np.ndarray, mm: float, rmin: float, rmax: float) -> list[_Ellipse]:
    """Ellipses around groups of nearby ink: a faded or unevenly pressed ring falls apart into
    arcs that no one contour outlines, but the convex hull of the pieces follows the ring (and,
    where red writing runs out of it, mostly does: a robust fit keeps to that part)."""
    out: list[_Ellipse] = []
    for gap in GROUPING_GAPS_MM:
        kernel = cv2.getStructuringElement(cv2.MORPH_ELLIPSE, (int(mm * gap) | 1,) * 2)
        count, labels, stats, _ = cv2.connectedComponentsWithStats(cv2.dilate(mask, kernel))
        for label in range(1, count):
            x, y, w, h = stats[label][:4]
            if max(w, h) < 2 * rmin or min(w, h) > 2 * rmax * 1.6 + gap * mm:
                continue
            pieces = (labels[y:y + h, x:x + w] == label) & (mask[y:y + h, x:x + w] > 0)
            points = (np.argwhere(pieces)[:, ::-1] + (x, y)).astype(np.float32)
            if len(points) < 20:
                continue
            hull = _along(cv2.convexHull(points)[:, 0, :])
            out += _sized(_fit(hull), rmin, rmax)
            robust = _robust_ellipse(hull, rmin, rmax, mm)
            if robust is not None:
                out.append(robust)
    return out


def _sized(ellipse: _Ellipse | None, rmin: float, rmax: float) -> list[_Ellipse]:
    """The ellipse as a candidate when it is of a seal's size (its longer half-axis)."""
    return [ellipse] if ellipse is not None and rmin <= max(ellipse.a, ellipse.b) <= rmax else []


def _along(polygon: np.ndarray) -> np.ndarray:
    """Points spaced evenly along a closed polygon (a hull's corners bunch where it bends)."""
    closed = np.vstack([polygon, polygon[:1]]).astype(np.float32)
    length = np.concatenate([[0.0], np.cumsum(np.hypot(*np.diff(closed, axis=0).T))])
    at = np.linspace(0.0, length[-1], HULL_SAMPLES, endpoint=False)
    return np.stack([np.interp(at, length, closed[:, 0]), np.interp(at, length, closed[:, 1])], axis=1).astype(np.float32)


def _robust_ellipse(points: np.ndarray, rmin: float, rmax: float, mm: float) -> _Ellipse | None:
    """The ellipse that most of a blob's outline follows, found by random sampling (RANSAC): a
    seal's ring merged with the phrase or a signature written across it in the same red ink
    outlines a blob that no ellipse fits as a whole, but the ring's part of the outline is one."""
    if len(points) > ROBUST_POINTS:
        points = points[:: len(points) // ROBUST_POINTS + 1]
    if len(points) < 20:
        return None
    rng = np.random.default_rng(len(points))
    tolerance = 0.8 * mm
    best: tuple[int, _Ellipse] | None = None
    for _ in range(ROBUST_TRIALS):
        ellipse = _fit(points[rng.choice(len(points), 5, replace=False)])
        if ellipse is None or not (rmin <= max(ellipse.a, ellipse.b) <= rmax) or \
                min(ellipse.a, ellipse.b) < MIN_AXIS_RATIO * max(ellipse.a, ellipse.b):
            continue
        inliers = int(np.count_nonzero(np.abs(_ellipse_distance(points, ellipse)) < tolerance))
        if best is None or inliers > best[0]:
            best = (inliers, ellipse)
    if best is None:
        return None
    near = points[np.abs(_ellipse_distance(points, best[1])) < tolerance]
    if len(near) < 0.4 * len(points) * _perimeter(best[1]) / _outline_length(points) or len(near) < 5:
        return None
    return _fit(near)


def _fit(points: np.ndarray) -> _Ellipse | None:
    """The least-squares ellipse through `points`, or None where they fix none (points on a
    line, as five samples of a hull's straight edge are: OpenCV's solver does not converge)."""
    try:
        (cx, cy), (w, h), angle = cv2.fitEllipse(points)
    except cv2.error:
        return None
    if not (math.isfinite(cx) and math.isfinite(cy) and math.isfinite(w) and math.isfinite(h)) or min(w, h) <= 0:
        return None
    return _Ellipse(cx, cy, w / 2, h / 2, angle)


def _ellipse_distance(points: np.ndarray, ellipse: _Ellipse) -> np.ndarray:
    """Roughly how far (pixels) each point lies outside (+) or inside (-) the ellipse."""
    cos_a, sin_a = math.cos(math.radians(ellipse.angle)), math.sin(math.radians(ellipse.angle))
    dx, dy = points[:, 0] - ellipse.cx, points[:, 1] - ellipse.cy
    u = (dx * cos_a + dy * sin_a) / max(ellipse.a, 1e-6)
    v = (-dx * sin_a + dy * cos_a) / max(ellipse.b, 1e-6)
    return (np.sqrt(u * u + v * v) - 1.0) * math.sqrt(ellipse.a * ellipse.b)


def _perimeter(ellipse: _Ellipse) -> float:
    return 2 * math.pi * math.sqrt((ellipse.a**2 + ellipse.b**2) / 2)


def _outline_length(points: np.ndarray) -> float:
    steps = np.diff(np.vstack([points, points[:1]]), axis=0)
    return float(np.hypot(steps[:, 0], steps[:, 1]).sum())


def _ring_points(ellipse: _Ellipse, k: float, shape: tuple[int, int]) -> tuple[np.ndarray, np.ndarray]:
    t = np.linspace(0, 2 * math.pi, ANGLE_BINS * 3, endpoint=False)
    cos_a, sin_a = math.cos(math.radians(ellipse.angle)), math.sin(math.radians(ellipse.angle))
    u, v = k * ellipse.a * np.cos(t), k * ellipse.b * np.sin(t)
    x = np.clip(np.round(ellipse.cx + u * cos_a - v * sin_a).astype(int), 0, shape[1] - 1)
    y = np.clip(np.round(ellipse.cy + u * sin_a + v * cos_a).astype(int), 0, shape[0] - 1)
    return x, y


def _coverage(mask: np.ndarray, ellipse: _Ellipse, k: float, band: float) -> float:
    """Share of angle bins whose ring band (scale k, half-width `band` in relative units) has ink."""
    hits = np.zeros(ANGLE_BINS * 3, dtype=bool)
    for dk in np.linspace(-band, band, 5):
        x, y = _ring_points(ellipse, k + dk, mask.shape)
        hits |= mask[y, x] > 0
    per_bin = hits.reshape(ANGLE_BINS, 3).any(axis=1)
    return float(per_bin.mean())


def _densest_scale(mask: np.ndarray, ellipse: _Ellipse, scales) -> tuple[float, float]:
    """The scale of the ellipse at which ink lies densest along the curve (the outermost on a
    tie), and that density: where the ring is."""
    best_k, densest = 1.0, -1.0
    for k in scales:
        density = _density(mask, ellipse, float(k))
        if density > densest:
            best_k, densest = float(k), density
    return best_k, densest


def _density(mask: np.ndarray, ellipse: _Ellipse, k: float) -> float:
    """Share of the points of the ellipse scaled by `k` that fall on ink."""
    x, y = _ring_points(ellipse, k, mask.shape)
    return float((mask[y, x] > 0).mean())


def _shape(mask: np.ndarray, inside: np.ndarray, ellipse: _Ellipse, mm: float) -> dict | None:
    """Fit the ring (best scale and position) in `mask`, then measure the inside in `inside`
    (on a colour page, a wider mask that keeps faded arc text): star, arc text, fill."""
    radius = max(ellipse.a, ellipse.b)
    if radius <= 0 or min(ellipse.a, ellipse.b) / radius < MIN_AXIS_RATIO:
        return None
    band = max(0.7 * mm / radius, 0.02)
    best_k, densest = _densest_scale(mask, ellipse, np.arange(1.24, 0.79, -0.02))
    placed = ellipse
    shift = max(1, int(mm))  # a candidate's centre is off by a millimetre or two when strokes touch the ring
    for dx in range(-2, 3):
        for dy in range(-2, 3):
            moved = _Ellipse(ellipse.cx + dx * shift, ellipse.cy + dy * shift, ellipse.a, ellipse.b, ellipse.angle)
            k, density = _densest_scale(mask, moved, (best_k + 0.02, best_k, best_k - 0.02))
            if density > densest:  # strictly better than where the candidate was found
                best_k, densest, placed = k, density, moved
    ellipse = placed
    best = _coverage(mask, ellipse, best_k, band)
    fitted = _Ellipse(ellipse.cx, ellipse.cy, ellipse.a * best_k, ellipse.b * best_k, ellipse.angle)
    r = max(fitted.a, fitted.b)
    if not (MIN_RADIUS_MM * mm <= r <= MAX_RADIUS_MM * mm) or min(fitted.a, fitted.b) < MIN_MINOR_MM * mm:
        return None
    if best < 0.5:
        return {"coverage": best, "thin_ring": False, "large": False, "filled": False, "star": False, "arc_text": False,
                "ellipse": fitted}
    x0, y0 = max(0, int(fitted.cx - r)), max(0, int(fitted.cy - r))
    yy, xx = np.ogrid[y0:min(mask.shape[0], int(fitted.cy + r) + 1), x0:min(mask.shape[1], int(fitted.cx + r) + 1)]
    cos_a, sin_a = math.cos(math.radians(fitted.angle)), math.sin(math.radians(fitted.angle))
    dx, dy = xx - fitted.cx, yy - fitted.cy
    u = (dx * cos_a + dy * sin_a) / fitted.a
    v = (-dx * sin_a + dy * cos_a) / fitted.b
    rho = np.sqrt(u * u + v * v)
    ink = inside[y0:y0 + rho.shape[0], x0:x0 + rho.shape[1]] > 0
    centre = rho < 0.22
    text_band = (rho > 0.5) & (rho < 0.8)
    arc_band = (rho > 0.55) & (rho < 0.88)
    middle = (rho > 0.3) & (rho < 0.5)
    centre_fill = float(ink[centre].mean()) if centre.any() else 0.0
    band_fill = float(ink[text_band].mean()) if text_band.any() else 0.0
    middle_fill = float(ink[middle].mean()) if middle.any() else 0.0
    return {
        "coverage": best,
        "thin_ring": _thin_ring(mask, fitted),
        "large": r >= PATCHY_MIN_RADIUS_MM * mm,
        "star": centre_fill >= 0.18,
        "arc_text": band_fill >= 0.08 or _arc_spread(ink, arc_band, np.arctan2(v, u)) >= ARC_SPREAD,
        "filled": band_fill >= SOLID_FILL or middle_fill >= SOLID_FILL,
        "ellipse": fitted,
    }


def _thin_ring(mask: np.ndarray, ring: _Ellipse) -> bool:
    """Whether the ink along the fitted ring stands out as a line from just outside it (a ring,
    not a block of text or a frame the ellipse happens to cross)."""
    on = _density(mask, ring, 1.0)
    return on >= PATCHY_RING_DENSITY and _density(mask, ring, RING_OUTSIDE) <= 0.5 * on


def _arc_spread(ink: np.ndarray, band: np.ndarray, angle: np.ndarray) -> float:
    """Share of the directions around the centre in which the band inside the ring carries
    ink: thin arc text covers little of its band but runs along much of the ring."""
    bins = ((angle[band & ink] + math.pi) / (2 * math.pi) * ANGLE_BINS).astype(int) % ANGLE_BINS
    return len(np.unique(bins)) / ANGLE_BINS


def _suppress(found: list[tuple[_Ellipse, dict]]) -> list[tuple[_Ellipse, dict]]:
    """One seal per place: keep the best-covered candidate among overlapping ones."""
    kept: list[tuple[_Ellipse, dict]] = []
    for ellipse, shape in sorted(found, key=lambda item: -item[1]["coverage"]):
        if _apart(ellipse, kept):
            kept.append((ellipse, shape))
    return kept


def _apart(ellipse: _Ellipse, kept: list[tuple[_Ellipse, dict]]) -> bool:
    """Whether `ellipse` is in another place than every kept one."""
    r = max(ellipse.a, ellipse.b)
    return all(math.hypot(ellipse.cx - k.cx, ellipse.cy - k.cy) > SAME_PLACE * max(r, k.a, k.b) for k, _ in kept)


def _seal(ellipse: _Ellipse, shape: dict, scale: float, by_colour: bool, loose: bool = False) -> Seal:
    return Seal(
        centre=(int(ellipse.cx / scale), int(ellipse.cy / scale)),
        axes=(int(ellipse.a / scale), int(ellipse.b / scale)),
        angle=ellipse.angle,
        coverage=round(shape["coverage"], 3),
        star=shape["star"],
        arc_text=shape["arc_text"],
        by_colour=by_colour,
        loose=loose,
    )


def without_seals(mask: np.ndarray, seals: list[Seal], origin: tuple[int, int] = (0, 0)) -> np.ndarray:
    """A copy of a page ink mask (or of its crop at `origin`) with the seals' rings and stars
    wiped, so that what was written across a seal can be read."""
    out = mask.copy()
    for seal in seals:
        centre = (seal.centre[0] - origin[0], seal.centre[1] - origin[1])
        axes = (int(seal.axes[0] * 0.97), int(seal.axes[1] * 0.97))
        thickness = max(2, int(seal.radius * 0.16))
        cv2.ellipse(out, centre, axes, seal.angle, 0, 360, 0, thickness)
        if seal.star:
            cv2.circle(out, centre, int(seal.radius * 0.24), 0, -1)
    return out

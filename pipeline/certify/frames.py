"""The frame of a rubber stamp in an ink mask, turned with the stamp and worn into dashes, so
that it is not taken for handwriting: its long sides are dashes on one straight line, standing
alone (paper on one side); its short sides leave the long sides' ends at right angles.
Handwriting has no such long runs, and its shorter straight strokes are left alone unless they
start at a long side's end."""

from __future__ import annotations

import math

import cv2
import numpy as np

SIDE_MM = 30.0  # straight runs on one line this long end to end, at any angle, are a frame's long side
END_MM = 6.0  # ...and a run this long at right angles from its end (within CORNER_MM) a short side
CORNER_MM = 3.0
GAP_MM = 3.0  # dashes this close are one run
LINE_MM = 1.5  # runs on one straight line to within this, and LINE_DEGREES, are one side
LINE_DEGREES = 3.0
DASHED = 0.4  # a side is inked along this share of its length at least
INKED = 0.6  # a run is inked along this share of its length (a line across writing crosses strokes)
OFF_MM = 2.0  # ...with paper beside it, on one side at least, this far off
OFF_INKED = 0.15  # ...inked along no more than this share
RIGHT_ANGLE_DEGREES = 15.0  # a short side leaves its long side this close to square


def without_frames(strokes: np.ndarray, mm: float) -> np.ndarray:
    """A copy of `strokes` (uint8 0/255) with stamp frames wiped; `mm`: pixels per millimetre."""
    segments = cv2.HoughLinesP(strokes, 1, np.pi / 180, threshold=int(END_MM * mm) // 2,
                               minLineLength=int(END_MM * mm), maxLineGap=int(GAP_MM * mm))
    if segments is None:
        return strokes.copy()
    runs = [run for run in segments.reshape(-1, 4).astype(float) if _stands_alone(strokes, run, mm)]
    sides = [run for line in _by_line(runs, mm) if _long_side(line, mm) for run in line]
    ends = [run for run in runs if any(_square_from_end(run, side, mm) for side in sides)]
    out = strokes.copy()
    for x0, y0, x1, y1 in sides + ends:
        cv2.line(out, (int(x0), int(y0)), (int(x1), int(y1)), 0, max(3, int(mm * 1.2)))
    return out


def _length(run: np.ndarray) -> float:
    return float(np.hypot(run[2] - run[0], run[3] - run[1]))


def _direction(run: np.ndarray) -> np.ndarray:
    return (run[2:] - run[:2]) / max(1.0, _length(run))


def _stands_alone(mask: np.ndarray, run: np.ndarray, mm: float) -> bool:
    """Whether ink runs along the segment with paper beside it on one side at least."""
    if _inked_along(mask, run[:2], run[2:]) < INKED:
        return False
    dx, dy = _direction(run) * OFF_MM * mm
    off = np.array([-dy, dx])  # the segment's normal, OFF_MM long
    return min(_inked_along(mask, run[:2] + k * off, run[2:] + k * off) for k in (-1, 1)) <= OFF_INKED


def _by_line(runs: list[np.ndarray], mm: float) -> list[list[np.ndarray]]:
    """The runs grouped by the straight line they lie on (a dashed side's dashes), longest first."""
    lines: list[list[np.ndarray]] = []
    for run in sorted(runs, key=lambda run: -_length(run)):
        for line in lines:
            if _on_line(run, line[0], mm):
                line.append(run)
                break
        else:
            lines.append([run])
    return lines


def _on_line(run: np.ndarray, first: np.ndarray, mm: float) -> bool:
    direction = _direction(first)
    if abs(float(direction @ _direction(run))) < math.cos(math.radians(LINE_DEGREES)):
        return False
    normal = np.array([-direction[1], direction[0]])
    return all(abs(float(normal @ (point - first[:2]))) <= LINE_MM * mm for point in (run[:2], run[2:]))


def _long_side(line: list[np.ndarray], mm: float) -> bool:
    """Whether the runs on one line make a frame's long side: SIDE_MM end to end, inked along
    DASHED of that at least."""
    direction = _direction(line[0])
    spans = sorted(sorted((float(direction @ run[:2]), float(direction @ run[2:]))) for run in line)
    start, end = spans[0][0], max(high for _, high in spans)
    if end - start < SIDE_MM * mm:
        return False
    covered, reach = 0.0, start
    for low, high in spans:
        covered += max(0.0, high - max(low, reach))
        reach = max(reach, high)
    return covered >= DASHED * (end - start)


def _square_from_end(run: np.ndarray, side: np.ndarray, mm: float) -> bool:
    """Whether `run` starts (or ends) at an end of `side` and leaves it at right angles."""
    if abs(float(_direction(run) @ _direction(side))) > math.sin(math.radians(RIGHT_ANGLE_DEGREES)):
        return False
    return any(float(np.hypot(*(p - q))) <= CORNER_MM * mm for p in (run[:2], run[2:]) for q in (side[:2], side[2:]))


def _inked_along(mask: np.ndarray, start: np.ndarray, end: np.ndarray) -> float:
    """Share of the points along a segment that fall on ink, or on ink a pixel aside."""
    count = max(2, int(np.hypot(*(end - start))))
    xs = np.linspace(start[0], end[0], count).round().astype(int)
    ys = np.linspace(start[1], end[1], count).round().astype(int)
    height, width = mask.shape
    hit = np.zeros(count, bool)
    for dx, dy in ((0, 0), (1, 0), (-1, 0), (0, 1), (0, -1)):
        hit |= mask[np.clip(ys + dy, 0, height - 1), np.clip(xs + dx, 0, width - 1)] > 0
    return float(hit.mean())

"""How well and how fast a scanned page's orientation is decided (not a test: prints a table).

Renders one page of each kind (benchmarks/ocr_accuracy.PAGE_KINDS), degraded like a scan, turns
each by 0, 90, 180 and 270 degrees, and decides its orientation two ways on the same images, after
the same preparation a scanned page gets (pipeline.ocr.prepare.normalise_size):
  - by reading: the page read once, its boxes' direction and a few lines' recognition confidence as
    they stand and turned (pipeline.ocr.orientation.read_upright, Tesseract's OSD only where those
    cannot tell), as the pipeline does with RapidOCR;
  - OSD alone: Tesseract's orientation detection (pipeline.ocr.osd), as the pipeline did before.
Prints, per turn, how many pages each way turned right, how often OSD was asked, and the seconds
per page of each (by reading: including the page's own reading, which is needed anyway).

    .venv/bin/python benchmarks/orientation.py [--pages-per-kind 1] [--seed 3]
"""

from __future__ import annotations

import argparse
import logging
import random
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from benchmarks.ocr_accuracy import PAGE_KINDS  # noqa: E402
from pipeline.config import OcrSettings  # noqa: E402
from pipeline.ocr import create_engine, osd  # noqa: E402
from pipeline.ocr.orientation import read_upright  # noqa: E402
from pipeline.ocr.prepare import normalise_size  # noqa: E402
from tests.generator import degrade  # noqa: E402

TURNS = (0, 90, 180, 270)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pages-per-kind", type=int, default=1)
    parser.add_argument("--seed", type=int, default=3)
    parser.add_argument("--verbose", action="store_true")
    args = parser.parse_args()
    logging.disable(logging.INFO)
    rng = random.Random(args.seed)
    engine = create_engine(OcrSettings(engine="rapidocr"))
    pages = []
    for kind, render in PAGE_KINDS.items():
        for _ in range(args.pages_per_kind):
            style = degrade.random_style(rng)
            style.upside_down = False
            pages.append((kind, degrade.apply(render(rng, True).images[0], style, rng)))
    print(f"{len(pages)} pages ({args.pages_per_kind} per kind, seed {args.seed}), turned {TURNS}; RapidOCR")
    print(f"{'turned':>7}  {'by reading':>10}  {'OSD asked':>9}  {'s/page':>6}  {'OSD alone':>9}  {'s/page':>6}")
    for turn in TURNS:
        right = osd_right = asked = 0
        reading_seconds = osd_seconds = 0.0
        for kind, page in pages:
            image = normalise_size(page.rotate(turn, expand=True))
            needed = (turn) % 360  # clockwise degrees that undo a counter-clockwise turn
            started = time.perf_counter()
            upright = read_upright(image, engine)
            reading_seconds += time.perf_counter() - started
            started = time.perf_counter()
            by_osd = osd.detect_rotation(image) or 0
            osd_seconds += time.perf_counter() - started
            right += upright.rotation == needed
            osd_right += by_osd == needed
            asked += upright.by_osd
            if args.verbose and (upright.rotation != needed or by_osd != needed):
                print(f"    {kind} turned {turn}: by reading {upright.rotation} (OSD asked: {upright.by_osd}), OSD {by_osd}")
        n = len(pages)
        print(f"{turn:>7}  {right:>4}/{n:<5}  {asked:>9}  {reading_seconds / n:>6.2f}  {osd_right:>4}/{n:<4}  {osd_seconds / n:>6.2f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

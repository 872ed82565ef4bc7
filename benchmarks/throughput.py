"""Throughput and memory of the whole program beside the OCR engine alone (not a test).

In one run, on one generated scanned set (degraded scans, phone photos, bundles; test-data
generator), prints:
  - `intake ingest` with 1 worker and with N workers (one per core) in fresh deployments:
    seconds per OCR'd page (wall), and peak memory of the largest process (a worker) and of the
    whole process tree, sampled from /proc every 0.2 s;
  - the raw engine on the same pages: RapidOCR (detection and recognition, one thread) called on
    each page image the 1-worker run stored, as a ten-line script would call it, in this process;
  - the ratios: pipeline (1 worker) to the raw engine per page, and N workers to 1;
  - the wall time of `intake demo` (its default six applications) in a fresh folder;
  - the machine's load average before each part (the machine may be shared: compare the ratios
    measured in one run, not absolute times of different runs).
With --born-digital, also the born-digital files (Word, Excel, PDFs with a text layer) of a set
twice that size.

    .venv/bin/python benchmarks/throughput.py [--units 3] [--workers 2] [--engine rapidocr]
        [--born-digital] [--no-demo] [--keep DIR]
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import shutil
import sqlite3
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from pipeline.config import OcrSettings  # noqa: E402
from pipeline.readers.context import version_folder  # noqa: E402
from tests.generator.package import make_sample_set  # noqa: E402

PAGE_IMAGE_SUFFIXES = (".png", ".jpg")


def load() -> str:
    return "load average " + " ".join(f"{value:.1f}" for value in os.getloadavg())


def _config(site: Path, workers: int, engine: str) -> Path:
    site.mkdir(parents=True)
    config = site / "config.toml"
    config.write_text(
        f'[paths]\nrules_folder = "{(REPO / "inbox_rules").as_posix()}"\n[processing]\nworkers = {workers}\n'
        f'[ocr]\nengine = "{engine}"\n',
        encoding="utf-8",
    )
    return config


def _tree_rss(root: int) -> tuple[int, int]:
    """(largest process RSS, total RSS) in bytes over `root` and all its descendants."""
    parents: dict[int, int] = {}
    rss: dict[int, int] = {}
    page = os.sysconf("SC_PAGE_SIZE")
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            with open(f"/proc/{entry}/stat", encoding="ascii", errors="replace") as handle:
                fields = handle.read().rsplit(")", 1)[1].split()
        except OSError:
            continue
        parents[int(entry)] = int(fields[1])
        rss[int(entry)] = int(fields[21]) * page
    tree = {root}
    grew = True
    while grew:
        children = {pid for pid, parent in parents.items() if parent in tree} - tree
        grew = bool(children)
        tree |= children
    sizes = [rss.get(pid, 0) for pid in tree]
    return max(sizes, default=0), sum(sizes)


class MemorySampler(threading.Thread):
    def __init__(self, pid: int) -> None:
        super().__init__(daemon=True)
        self.pid = pid
        self.largest = self.total = 0
        self.done = threading.Event()

    def run(self) -> None:
        while not self.done.wait(0.2):
            largest, total = _tree_rss(self.pid)
            self.largest, self.total = max(self.largest, largest), max(self.total, total)


@dataclass(frozen=True)
class Run:
    label: str
    wall: float
    files: int
    documents: int
    ocr_pages: int
    largest_mb: float
    total_mb: float
    site: Path

    @property
    def per_page(self) -> float:
        return self.wall / max(1, self.ocr_pages)


def _pages(site: Path) -> tuple[int, int, int]:
    """(files processed, documents, OCR'd pages) from the state store."""
    db = sqlite3.connect(site / "var" / "intake.sqlite3")
    files = documents = ocr_pages = 0
    for (results,) in db.execute("SELECT results FROM files WHERE state = 'done' AND role = 'document'"):
        files += 1
        for result in json.loads(results):
            documents += 1
            if result["ocr"] and result["pages"]:
                ocr_pages += result["pages"][1] - result["pages"][0] + 1
    failed = db.execute("SELECT COUNT(*) FROM files WHERE state = 'failed'").fetchone()[0]
    return files + failed, documents, ocr_pages


def _timed(command: list[str], label: str) -> tuple[float, MemorySampler]:
    start = time.perf_counter()
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, cwd=REPO)
    sampler = MemorySampler(process.pid)
    sampler.start()
    if process.wait() != 0:
        raise SystemExit(f"{label} failed: {' '.join(command)}")
    wall = time.perf_counter() - start
    sampler.done.set()
    sampler.join()
    return wall, sampler


def ingest(label: str, packages: Path, workers: int, engine: str, work: Path) -> Run:
    print(f"\n{label}: {load()}", flush=True)
    site = work / f"site-{label}"
    config = _config(site, workers, engine)
    wall, sampler = _timed([sys.executable, "-m", "pipeline", "ingest", "--config", str(config), str(packages)], label)
    files, documents, ocr_pages = _pages(site)
    run = Run(label, wall, files, documents, ocr_pages, sampler.largest / 2**20, sampler.total / 2**20, site)
    print(f"  {files} files -> {documents} documents, {ocr_pages} OCR'd pages, {workers} worker(s), {engine}")
    print(f"  wall {wall:.1f} s; {files / wall:.2f} files/s")
    if ocr_pages:
        print(f"  {run.per_page:.2f} s per OCR'd page (wall, all workers); {60 * ocr_pages / wall:.1f} pages per minute")
    print(f"  peak memory: largest process {run.largest_mb:.0f} MB, whole process tree {run.total_mb:.0f} MB")
    return run


def stored_pages(site: Path) -> list[Path]:
    """The page images a run stored (not the crops of unread lines): the pages the engine was given."""
    folder = version_folder(site / "var" / "pages")
    return sorted(path for path in folder.iterdir()
                  if path.suffix in PAGE_IMAGE_SUFFIXES and "-" not in path.stem)


def raw_engine(pages: list[Path]) -> float:
    """Seconds per page of RapidOCR alone, called as a ten-line script would (one thread)."""
    import numpy as np
    from PIL import Image
    from rapidocr import RapidOCR

    print(f"\nraw RapidOCR on the {len(pages)} pages the 1-worker run stored: {load()}", flush=True)
    engine = RapidOCR(params={"Global.use_cls": False, "Global.log_level": "error",
                              "EngineConfig.onnxruntime.intra_op_num_threads": 1,
                              "EngineConfig.onnxruntime.inter_op_num_threads": 1})
    start = time.perf_counter()
    for path in pages:
        with Image.open(path) as image:
            engine(np.asarray(image.convert("RGB")), use_det=True, use_cls=False, use_rec=True)
    seconds = (time.perf_counter() - start) / max(1, len(pages))
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"  {seconds:.2f} s per page; peak memory of this process {peak:.0f} MB")
    return seconds


def demo(work: Path) -> float:
    print(f"\nintake demo: {load()}", flush=True)
    wall, sampler = _timed([sys.executable, "-m", "pipeline", "demo", "--folder", str(work / "demo")], "intake demo")
    print(f"  wall {wall:.1f} s; peak memory: largest process {sampler.largest / 2**20:.0f} MB, "
          f"whole process tree {sampler.total / 2**20:.0f} MB")
    return wall


def born_digital_only(packages: Path, target: Path) -> Path:
    """Copies the files that need no OCR: Word, Excel, and PDFs whose pages carry text."""
    import pdfplumber

    from pipeline.readers.sniff import Format, sniff

    for path in packages.rglob("*"):
        if not path.is_file():
            continue
        fmt = sniff(path)
        if fmt is Format.PDF:
            with pdfplumber.open(path) as pdf:
                if len("".join((pdf.pages[0].extract_text() or "").split())) < 25:
                    continue
        elif fmt not in (Format.DOCX, Format.XLSX):
            continue
        copy = target / path.relative_to(packages)
        copy.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy(path, copy)
    return target


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--units", type=int, default=3, help="scanned applications generated")
    parser.add_argument("--workers", type=int, default=os.cpu_count() or 2, help="the pool measured beside 1 worker")
    parser.add_argument("--seed", type=int, default=8)
    parser.add_argument("--engine", choices=("rapidocr", "tesseract"), default=OcrSettings().engine)
    parser.add_argument("--born-digital", action="store_true", help="also measure the born-digital files")
    parser.add_argument("--no-demo", action="store_true", help="leave out `intake demo`")
    parser.add_argument("--keep", type=Path, help="keep the generated set and deployments here")
    args = parser.parse_args()
    work = args.keep or Path(tempfile.mkdtemp(prefix="intake-bench-"))
    try:
        scanned = work / "scanned"
        print(f"generating {args.units} scanned applications in {work}; {os.cpu_count()} cores; {load()}")
        make_sample_set(scanned, units=args.units, seed=args.seed, scans=True, bundles=True)
        (scanned / "truth.json").unlink()
        if args.born_digital:
            born = work / "born-digital"
            make_sample_set(born, units=2 * args.units, seed=args.seed - 1, scans=False)
            (born / "truth.json").unlink()
            ingest("born-digital", born_digital_only(born, work / "born-digital-only"), args.workers, args.engine, work)
        one = ingest("scanned, 1 worker", scanned, 1, args.engine, work)
        pool = ingest(f"scanned, {args.workers} workers", scanned, args.workers, args.engine, work)
        raw = raw_engine(stored_pages(one.site)) if args.engine == "rapidocr" else None
        demo_wall = None if args.no_demo else demo(work)
        print("\nsummary")
        if raw:
            print(f"  pipeline, 1 worker / raw engine, per page: {one.per_page:.2f} / {raw:.2f} s = {one.per_page / raw:.2f}x")
        print(f"  {args.workers} workers / 1 worker, pages per second: {one.per_page / pool.per_page:.2f}x")
        print(f"  peak memory per worker: {one.largest_mb:.0f} MB (1 worker), {pool.largest_mb:.0f} MB ({args.workers} workers)")
        if demo_wall is not None:
            print(f"  intake demo: {demo_wall:.0f} s")
        print(f"  {load()}")
    finally:
        if args.keep is None:
            shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

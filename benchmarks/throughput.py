"""Throughput and memory of the whole program beside the OCR engine alone (not a test).

In one run, on one generated scanned set (degraded scans, phone photos, bundles; test-data
generator), prints:
  - `intake ingest` with 1 worker and with N workers (one per core) in fresh deployments:
    seconds per OCR'd page, as CPU time (of the whole process tree: the command, its workers, the
    programs they run) and as wall time, and peak memory of the largest process (a worker) and of
    the whole process tree, sampled from /proc every 0.1 s;
  - the raw engine on the same pages: RapidOCR (detection and recognition, one thread) called on
    each page image the 1-worker run stored, as a ten-line script would call it, in this process;
  - the ratios: pipeline (1 worker) to the raw engine per page in CPU time (wall time too, which
    on a shared machine measures the other users as well), and N workers to 1 in pages per second
    of wall time (which only an idle machine can show) beside their CPU per page;
  - the wall and CPU time of `intake demo` (its installed sample set) in a fresh folder;
  - the machine's load average before each part and at the end (the machine may be shared:
    compare ratios measured in one run, not absolute times of different runs).
--quick: two applications, their paper as separate scans (24 files, 16 OCR'd pages, so that N
workers have files to share), for a run of a few minutes on an idle machine. With --born-digital,
also the born-digital files (Word, Excel, PDFs with a text layer) of a set twice that size.

    .venv/bin/python benchmarks/throughput.py [--quick] [--units 3] [--workers 2]
        [--engine rapidocr] [--born-digital] [--no-demo] [--keep DIR]
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
SAMPLE_SECONDS = 0.1


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


@dataclass(frozen=True)
class TreeSample:
    largest_rss: int  # bytes, of the largest process
    total_rss: int  # bytes, of the whole tree
    cpu: dict[int, float]  # each process's own CPU seconds (user and system) so far
    parents: dict[int, int]


def _tree_sample(root: int) -> TreeSample:
    """Memory and CPU time of `root` and all its descendants, read from /proc."""
    parents: dict[int, int] = {}
    rss: dict[int, int] = {}
    cpu: dict[int, float] = {}
    page, tick = os.sysconf("SC_PAGE_SIZE"), os.sysconf("SC_CLK_TCK")
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            with open(f"/proc/{entry}/stat", encoding="ascii", errors="replace") as handle:
                fields = handle.read().rsplit(")", 1)[1].split()
        except OSError:
            continue
        pid = int(entry)
        parents[pid] = int(fields[1])
        cpu[pid] = (int(fields[11]) + int(fields[12])) / tick
        rss[pid] = int(fields[21]) * page
    tree = {root}
    grew = True
    while grew:
        children = {pid for pid, parent in parents.items() if parent in tree} - tree
        grew = bool(children)
        tree |= children
    sizes = [rss.get(pid, 0) for pid in tree]
    return TreeSample(max(sizes, default=0), sum(sizes), {pid: cpu[pid] for pid in tree if pid in cpu},
                      {pid: parents[pid] for pid in tree if pid in parents})


def _is_forkserver(pid: int) -> bool:
    try:
        with open(f"/proc/{pid}/cmdline", "rb") as handle:
            return b"multiprocessing.forkserver" in handle.read()
    except OSError:
        return False


class TreeSampler(threading.Thread):
    """Samples a command's process tree every SAMPLE_SECONDS: peak memory, and CPU time per process.
    Not from getrusage: the pool's workers are children of a forkserver that the command does not
    wait for, so their time never reaches it. A process's last moments, and a program that lives
    less than SAMPLE_SECONDS, are missed."""

    def __init__(self, pid: int) -> None:
        super().__init__(daemon=True)
        self.pid = pid
        self.largest = self.total = 0
        self.cpu: dict[int, float] = {}
        self.workers: set[int] = set()  # the pool's worker processes: children of the forkserver
        self._seen: set[int] = set()
        self.done = threading.Event()

    def run(self) -> None:
        while not self.done.wait(SAMPLE_SECONDS):
            sample = _tree_sample(self.pid)
            self.largest, self.total = max(self.largest, sample.largest_rss), max(self.total, sample.total_rss)
            for pid, seconds in sample.cpu.items():
                self.cpu[pid] = max(self.cpu.get(pid, 0.0), seconds)
                if pid not in self._seen:
                    self._seen.add(pid)
                    if _is_forkserver(sample.parents[pid]):
                        self.workers.add(pid)


@dataclass(frozen=True)
class Run:
    label: str
    timed: Timed
    files: int
    documents: int
    ocr_pages: int
    site: Path

    @property
    def per_page(self) -> float:
        """Wall seconds per OCR'd page."""
        return self.timed.wall / max(1, self.ocr_pages)

    @property
    def cpu_per_page(self) -> float:
        return self.timed.cpu / max(1, self.ocr_pages)

    @property
    def workers_cpu_per_page(self) -> float:
        return self.timed.workers_cpu / max(1, self.ocr_pages)


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


@dataclass(frozen=True)
class Timed:
    wall: float
    cpu: float  # the whole process tree
    workers_cpu: float  # the pool's workers alone (reading files), without start-up and outputs
    largest_mb: float
    total_mb: float


def _timed(command: list[str], label: str) -> Timed:
    start = time.perf_counter()
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, cwd=REPO)
    sampler = TreeSampler(process.pid)
    sampler.start()
    if process.wait() != 0:
        raise SystemExit(f"{label} failed: {' '.join(command)}")
    wall = time.perf_counter() - start
    sampler.done.set()
    sampler.join()
    return Timed(wall, sum(sampler.cpu.values()), sum(sampler.cpu[pid] for pid in sampler.workers),
                 sampler.largest / 2**20, sampler.total / 2**20)


def ingest(label: str, packages: Path, workers: int, engine: str, work: Path) -> Run:
    print(f"\n{label}: {load()}", flush=True)
    site = work / f"site-{label}"
    config = _config(site, workers, engine)
    timed = _timed([sys.executable, "-m", "pipeline", "ingest", "--config", str(config), str(packages)], label)
    files, documents, ocr_pages = _pages(site)
    run = Run(label, timed, files, documents, ocr_pages, site)
    print(f"  {files} files -> {documents} documents, {ocr_pages} OCR'd pages, {workers} worker(s), {engine}")
    print(f"  wall {timed.wall:.1f} s, CPU {timed.cpu:.1f} s ({timed.workers_cpu:.1f} s in the workers); "
          f"{files / timed.wall:.2f} files/s")
    if ocr_pages:
        print(f"  per OCR'd page: {run.cpu_per_page:.2f} s CPU ({run.workers_cpu_per_page:.2f} s in the workers), "
              f"{run.per_page:.2f} s wall (all workers); {60 * ocr_pages / timed.wall:.1f} pages per minute")
    print(f"  peak memory: largest process {timed.largest_mb:.0f} MB, whole process tree {timed.total_mb:.0f} MB")
    return run


def stored_pages(site: Path) -> list[Path]:
    """The page images a run stored (not the crops of unread lines): the pages the engine was given."""
    folder = version_folder(site / "var" / "pages")
    return sorted(path for path in folder.iterdir()
                  if path.suffix in PAGE_IMAGE_SUFFIXES and "-" not in path.stem)


@dataclass(frozen=True)
class RawEngine:
    cpu_per_page: float
    wall_per_page: float


def raw_engine(pages: list[Path]) -> RawEngine:
    """Seconds per page of RapidOCR alone, called as a ten-line script would (one thread)."""
    import numpy as np
    from PIL import Image
    from rapidocr import RapidOCR

    print(f"\nraw RapidOCR on the {len(pages)} pages the 1-worker run stored: {load()}", flush=True)
    engine = RapidOCR(params={"Global.use_cls": False, "Global.log_level": "error",
                              "EngineConfig.onnxruntime.intra_op_num_threads": 1,
                              "EngineConfig.onnxruntime.inter_op_num_threads": 1})
    cpu, start = time.process_time(), time.perf_counter()
    for path in pages:
        with Image.open(path) as image:
            engine(np.asarray(image.convert("RGB")), use_det=True, use_cls=False, use_rec=True)
    count = max(1, len(pages))
    raw = RawEngine((time.process_time() - cpu) / count, (time.perf_counter() - start) / count)
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"  per page: {raw.cpu_per_page:.2f} s CPU, {raw.wall_per_page:.2f} s wall; peak memory of this process {peak:.0f} MB")
    return raw


def demo(work: Path) -> Timed:
    print(f"\nintake demo: {load()}", flush=True)
    timed = _timed([sys.executable, "-m", "pipeline", "demo", "--folder", str(work / "demo")], "intake demo")
    print(f"  wall {timed.wall:.1f} s, CPU {timed.cpu:.1f} s; peak memory: largest process {timed.largest_mb:.0f} MB, "
          f"whole process tree {timed.total_mb:.0f} MB")
    return timed


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
    parser.add_argument("--quick", action="store_true", help="two applications, their paper as separate scans")
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
        units = 2 if args.quick else args.units
        print(f"generating {units} scanned application(s) in {work}; {os.cpu_count()} cores; {load()}")
        make_sample_set(scanned, units=units, seed=args.seed, scans=True, bundles=not args.quick)
        (scanned / "truth.json").unlink()
        if args.born_digital:
            born = work / "born-digital"
            make_sample_set(born, units=2 * args.units, seed=args.seed - 1, scans=False)
            (born / "truth.json").unlink()
            ingest("born-digital", born_digital_only(born, work / "born-digital-only"), args.workers, args.engine, work)
        one = ingest("scanned, 1 worker", scanned, 1, args.engine, work)
        pool = ingest(f"scanned, {args.workers} workers", scanned, args.workers, args.engine, work)
        raw = raw_engine(stored_pages(one.site)) if args.engine == "rapidocr" else None
        demo_run = None if args.no_demo else demo(work)
        print(f"\nsummary ({one.ocr_pages} OCR'd pages; {args.engine})")
        if raw:
            print(f"  raw engine per page: {raw.cpu_per_page:.2f} s CPU ({raw.wall_per_page:.2f} s wall)")
        print(f"  pipeline per page: 1 worker {one.cpu_per_page:.2f} s CPU, of which {one.workers_cpu_per_page:.2f} s in "
              f"the worker ({one.per_page:.2f} s wall); {args.workers} workers {pool.cpu_per_page:.2f} s CPU "
              f"({pool.per_page:.2f} s wall)")
        if raw:
            print(f"  pipeline, 1 worker / raw engine, per page: {one.cpu_per_page / raw.cpu_per_page:.2f}x in CPU time "
                  f"(the worker alone {one.workers_cpu_per_page / raw.cpu_per_page:.2f}x; "
                  f"{one.per_page / raw.wall_per_page:.2f}x in wall time)")
        print(f"  {args.workers} workers / 1 worker, pages per second (wall): {one.per_page / pool.per_page:.2f}x; "
              f"CPU per page {pool.cpu_per_page / one.cpu_per_page:.2f}x")
        print(f"  peak memory per worker (largest process): {one.timed.largest_mb:.0f} MB (1 worker), "
              f"{pool.timed.largest_mb:.0f} MB ({args.workers} workers)")
        if demo_run is not None:
            print(f"  intake demo: {demo_run.wall:.0f} s wall, {demo_run.cpu:.0f} s CPU")
        print(f"  {load()} at the end")
    finally:
        if args.keep is None:
            shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

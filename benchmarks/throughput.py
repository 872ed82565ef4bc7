"""Throughput and memory of the whole program on generated applications (not a test).

Makes two sample sets with the test-data generator and runs the real `intake ingest` on
each in a fresh deployment folder: the born-digital files of one (Word, Excel, PDFs with a
text layer; its credential images left out) and all of a scanned one (degraded scans,
phone photos, bundles). Prints:
  - files and documents per second (wall clock, all workers),
  - seconds per OCR'd page and pages per minute (wall clock, all workers),
  - peak memory: of the largest single process, and of the whole process tree (main
    process, workers, Tesseract and LibreOffice), sampled from /proc every 0.2 s.

    .venv/bin/python benchmarks/throughput.py --units 20 [--workers 2] [--engine tesseract] [--keep DIR]
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import sqlite3
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from pipeline.config import OcrSettings  # noqa: E402
from tests.generator.package import make_sample_set  # noqa: E402


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


def run(label: str, packages: Path, workers: int, engine: str, work: Path) -> None:
    site = work / f"site-{label}"
    config = _config(site, workers, engine)
    start = time.perf_counter()
    process = subprocess.Popen([sys.executable, "-m", "pipeline", "ingest", "--config", str(config), str(packages)],
                               stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    sampler = MemorySampler(process.pid)
    sampler.start()
    if process.wait() != 0:
        raise SystemExit(f"intake ingest failed on the {label} set")
    wall = time.perf_counter() - start
    sampler.done.set()
    sampler.join()
    files, documents, ocr_pages = _pages(site)
    count = workers or os.cpu_count()
    print(f"\n{label}: {files} files -> {documents} documents, {ocr_pages} OCR'd pages, {count} worker(s), {engine}")
    print(f"  wall {wall:.1f} s; {files / wall:.2f} files/s, {documents / wall:.2f} documents/s")
    if ocr_pages:
        print(f"  {wall / ocr_pages:.2f} s per OCR'd page (wall, all workers); {60 * ocr_pages / wall:.1f} pages per minute")
    print(f"  peak memory: largest process {sampler.largest / 2**20:.0f} MB, whole process tree {sampler.total / 2**20:.0f} MB")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--units", type=int, default=20)
    parser.add_argument("--workers", type=int, default=0, help="0: one per core")
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--engine", choices=("rapidocr", "tesseract"), default=OcrSettings().engine)
    parser.add_argument("--keep", type=Path, help="keep the generated sets and deployments here")
    args = parser.parse_args()
    work = args.keep or Path(tempfile.mkdtemp(prefix="intake-bench-"))
    try:
        born = work / "born-digital"
        scanned = work / "scanned"
        print(f"generating {args.units} born-digital and {args.units // 2} scanned applications in {work}")
        make_sample_set(born, units=args.units, seed=args.seed, scans=False)
        make_sample_set(scanned, units=max(2, args.units // 2), seed=args.seed + 1, scans=True, bundles=True)
        for folder in (born, scanned):
            (folder / "truth.json").unlink()
        run("born-digital", born_digital_only(born, work / "born-digital-only"), args.workers, args.engine, work)
        run("scanned", scanned, args.workers, args.engine, work)
    finally:
        if args.keep is None:
            shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

"""Throughput and memory of the whole program on generated applications (not a test).

Makes two sample sets with the test-data generator, a born-digital one (Word, Excel, text
PDF; credentials as images) and a scanned one (degraded scans, bundles), runs the real
`intake ingest` on each in a fresh deployment folder, and prints:
  - files and documents per second (wall clock, all workers),
  - seconds per OCR'd page (wall clock, and CPU seconds per page),
  - peak memory of the largest process (the main process or a worker).

    .venv/bin/python benchmarks/throughput.py --units 20 [--workers 2] [--keep DIR]
"""

from __future__ import annotations

import argparse
import json
import resource
import shutil
import sqlite3
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from tests.generator.package import make_sample_set  # noqa: E402


def _config(site: Path, workers: int) -> Path:
    site.mkdir(parents=True)
    config = site / "config.toml"
    config.write_text(
        f'[paths]\nrules_folder = "{(REPO / "inbox_rules").as_posix()}"\n[processing]\nworkers = {workers}\n',
        encoding="utf-8",
    )
    return config


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


def run(label: str, packages: Path, workers: int, work: Path) -> None:
    site = work / f"site-{label}"
    config = _config(site, workers)
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    subprocess.run([sys.executable, "-m", "pipeline", "ingest", "--config", str(config), str(packages)],
                   check=True, capture_output=True)
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    files, documents, ocr_pages = _pages(site)
    print(f"\n{label}: {files} files -> {documents} documents, {ocr_pages} OCR'd pages, {workers} worker(s)")
    print(f"  wall {wall:.1f} s, CPU {cpu:.1f} s (all processes)")
    print(f"  {files / wall:.2f} files/s, {documents / wall:.2f} documents/s (wall)")
    if ocr_pages:
        print(f"  {wall / ocr_pages:.2f} s per OCR'd page (wall, all workers), {cpu / ocr_pages:.2f} CPU s per page")
        print(f"  {60 * ocr_pages / wall:.1f} pages per minute")
    print(f"  peak memory of the largest process: {after.ru_maxrss / 1024:.0f} MB")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--units", type=int, default=20)
    parser.add_argument("--workers", type=int, default=0, help="0: one per core")
    parser.add_argument("--seed", type=int, default=7)
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
        workers = args.workers
        run("born-digital", born, workers, work)
        run("scanned", scanned, workers, work)
    finally:
        if args.keep is None:
            shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

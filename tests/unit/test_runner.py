"""The worker pool (pipeline.intake.runner.Processor): the daemon never processes a file itself,
a file that kills its worker is tried once more alone and then flagged, the others go on."""

from __future__ import annotations

import os
import signal
from datetime import datetime, timezone

import pytest

from pipeline.config import OcrSettings, ProcessingSettings
from pipeline.intake import runner
from pipeline.intake.runner import Processor
from pipeline.models import Origin, Sighting
from pipeline.processing import WorkerSettings
from pipeline.readers.pdf import MAX_PAGE_PIXELS, render_dpi
from pipeline.store import Store
from tests.unit import crashing_worker


@pytest.fixture
def store(tmp_path):
    store = Store(tmp_path / "var")
    yield store
    store.close()


def _receive(store: Store, name: str) -> str:
    sha = store.blobs.put_bytes(name.encode())
    store.record_sighting(Sighting(sha, name, Origin(f"scan:{name}", datetime.now(timezone.utc), "scan:")))
    return sha


def _processor(store: Store, rules, workers: int) -> Processor:
    settings = WorkerSettings(OcrSettings(engine="tesseract"), ProcessingSettings(worker_max_files=2), rules,
                              store.pages_folder)
    return Processor(store, settings, workers)


@pytest.mark.parametrize("workers", [1, 2])
def test_a_file_that_kills_its_worker_is_tried_once_more_alone_then_flagged(store, rules, monkeypatch, workers):
    """GIVEN four files, one of which kills the worker process that reads it WHEN the pool runs them
    THEN the daemon's process survives, the killer is tried exactly twice (the second time alone)
    and kept as an error a clerk can read; the other three are processed."""
    monkeypatch.setattr(runner, "process_file", crashing_worker.process_file)
    names = ["a.pdf", "crash.pdf", "b.pdf", "c.pdf"]
    shas = {name: _receive(store, name) for name in names}
    processor = _processor(store, rules, workers)
    try:
        assert processor.run_pending() == 4
    finally:
        processor.close()
    attempts = (store.blobs.path(shas["crash.pdf"]).parent / "attempts").read_text().split()
    assert len(attempts) == 2 and str(os.getpid()) not in attempts
    errors = {entry.filename: entry.error for entry in store.errors()}
    assert errors == {"crash.pdf": "处理该文件时程序异常退出，文件已保留，请人工查看"}
    assert store.pending(rules.fingerprint) == []


def test_workers_are_replaced_after_their_share_of_files_and_every_file_is_read(store, rules, monkeypatch):
    """GIVEN 2 workers that may read 2 files each and 9 files WHEN the pool runs them THEN every
    file is processed (no pool that stops when a worker retires: CPython gh-115634) by at least
    three pools' workers, none of them the daemon's process."""
    monkeypatch.setattr(runner, "process_file", crashing_worker.note_worker)
    for index in range(9):
        _receive(store, f"{index}.pdf")
    processor = _processor(store, rules, 2)

    def hung(_signum, _frame):
        raise AssertionError("the pool stopped running queued files")

    previous = signal.signal(signal.SIGALRM, hung)
    signal.alarm(240)
    try:
        done = processor.run_pending()
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, previous)
        processor.close()
    assert done == 9 and store.pending(rules.fingerprint) == []
    pids = (store.pages_folder / "workers").read_text().split()
    assert len(pids) == 9 and len(set(pids)) >= 5 and str(os.getpid()) not in pids


def test_an_oversized_page_is_rendered_within_the_pixel_budget():
    """GIVEN an A4 page and an 8000-pt square page WHEN their render resolution is chosen
    THEN A4 keeps the configured dpi, the huge page stays within the pixel budget."""
    assert render_dpi(595, 842, 200) == 200
    dpi = render_dpi(8000, 8000, 200)
    assert dpi < 200 and (8000 / 72 * dpi) ** 2 <= MAX_PAGE_PIXELS * 1.0001

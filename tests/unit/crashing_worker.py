"""A stand-in for `process_file` in the worker pool (a small fault plugin, as in OCRmyPDF's tests):
a file named crash* kills its worker process outright, as the OOM killer would; each attempt
at it is counted in a file beside it. Any other file yields no documents."""

from __future__ import annotations

import errno
import os

from pipeline.processing import FileOutcome, Job


def process_file(job: Job, settings) -> FileOutcome:
    if job.filename.startswith("crash"):
        with (job.path.parent / "attempts").open("a", encoding="ascii") as attempts:
            attempts.write(f"{os.getpid()}\n")
        os._exit(137)
    return FileOutcome(job.sha256, [])


def disk_full_until_room(job: Job, settings) -> FileOutcome:
    """A file named full* fails as on a full disk until a file named `room` is beside it."""
    if job.filename.startswith("full") and not (job.path.parent / "room").exists():
        return FileOutcome.failed(job.sha256, OSError(errno.ENOSPC, "No space left on device"))
    return FileOutcome(job.sha256, [])


def note_worker(job: Job, settings) -> FileOutcome:
    """Notes which worker process read the file, in `workers` under the page folder."""
    settings.page_folder.mkdir(parents=True, exist_ok=True)
    with (settings.page_folder / "workers").open("a", encoding="ascii") as workers:
        workers.write(f"{os.getpid()}\n")
    return FileOutcome(job.sha256, [])

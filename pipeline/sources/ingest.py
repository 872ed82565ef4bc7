"""`intake ingest PATH...`: files, folders, archives and .eml files given on the command line,
taken in as if they had arrived (scan-folder semantics for files, mail semantics for .eml)."""

from __future__ import annotations

import logging
from datetime import datetime, timezone
from pathlib import Path

from pipeline.intake.retry import Cause, transient_cause
from pipeline.intake.service import IntakeService
from pipeline.models import Origin
from pipeline.sources.placement import group_of, unit_hint

log = logging.getLogger("pipeline.ingest")


def _files(path: Path) -> list[tuple[Path, Path]]:
    """(file, path relative to what was given) pairs; a folder's own name is not a hint."""
    if path.is_dir():
        return [(p, p.relative_to(path)) for p in sorted(path.rglob("*")) if p.is_file() and not p.name.startswith(".")]
    return [(path, Path(path.name))]


def ingest(paths: list[Path], service: IntakeService, receive_eml) -> int:
    """Returns how many new files came in. `receive_eml(path)` takes one saved mail."""
    new = 0
    for given in paths:
        if not given.exists():
            log.error("not found: %s", given)
            service.record_failure(f"ingest:{given}", given.name, "文件不存在")
            continue
        for path, relative in _files(given.resolve()):
            if path.suffix.lower() == ".eml":
                new += receive_eml(path)
                continue
            try:
                origin = Origin(
                    source=f"ingest:{path}",
                    received_at=datetime.fromtimestamp(path.stat().st_mtime, tz=timezone.utc),
                    group=group_of(f"ingest:{given.resolve()}/", relative),
                    unit_hint=unit_hint(relative),
                )
                new += service.receive_path(path, path.name, origin)
            except OSError as error:
                if transient_cause(error) is Cause.disk_full:  # no fault of the file: the pass fails, it comes next time
                    raise
                log.error("cannot read %s: %s", path, error)  # this file's error; the others come in
                service.record_failure(f"ingest:{path}", path.name, error)
    return new

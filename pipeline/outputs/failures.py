"""Each output is written on its own: one that fails is logged, recorded and shown, the rest are written.

A refresh writes the archive, summary.xlsx, status.json and the HTML reports. Should one of them
fail (a bug, a full disk, a file staff hold open), the others still reflect the store, the
command goes on, and the failure is kept where the overview banner and `intake health` see it:
`<state folder>/output-failure.json` (`pipeline.health.heartbeat.OUTPUT_FAILURE_FILE`), rewritten
after every refresh:

    {"output": name, "error": text, "at": ISO-8601,            (the first failure of this refresh; null when all were written)
     "failures": [{"output": ..., "error": ..., "at": ...}],   (every failure of this refresh)
     "refreshed_at": ISO-8601,
     "last_failure": {"output": ..., "error": ..., "at": ...} or null}   (the latest ever, kept across refreshes)
"""

from __future__ import annotations

import json
import logging
from collections.abc import Callable
from dataclasses import asdict, dataclass
from datetime import datetime
from pathlib import Path

from pipeline.health.heartbeat import OUTPUT_FAILURE_FILE
from pipeline.outputs.atomic import write_text_atomically
from pipeline.outputs.safe_text import clean_text

log = logging.getLogger("pipeline.outputs")

MAX_NAMED = 5  # parts named in a PartsFailed message
ALL_OUTPUTS = "all outputs"  # what failed when the state itself could not be assembled


def _attempt(write: Callable[[], None], what: str) -> Exception | None:
    """Runs one writer; what it raises is logged with its traceback and returned, never raised."""
    try:
        write()
    except Exception as error:  # one output's (or part's) failure must not stop the others
        log.exception("writing %s failed; the rest are written regardless", what)
        return error
    return None


class PartsFailed(Exception):
    """Some parts of one output could not be written; the others were."""

    def __init__(self, what: str, names: list[str]) -> None:
        shown = "、".join(names[:MAX_NAMED]) + ("等" if len(names) > MAX_NAMED else "")
        super().__init__(f"{len(names)} 个{what}未能写出：{shown}")


class Parts:
    """The parts of one output (archived files, report pages), each written on its own: one that
    fails is logged and the rest are written; `finish` then raises PartsFailed naming the failed."""

    def __init__(self, what: str) -> None:
        self.what = what
        self.failed: list[str] = []

    def attempt(self, name: str, write: Callable[[], None]) -> bool:
        if _attempt(write, f"{self.what} {name}") is None:
            return True
        self.failed.append(name)
        return False

    def finish(self) -> None:
        if self.failed:
            raise PartsFailed(self.what, self.failed)


@dataclass(frozen=True)
class OutputFailure:
    output: str  # the output's name under the output folder: "summary.xlsx", "reports", ...
    error: str  # the exception, one line
    at: str  # ISO-8601


class OutputRun:
    """One refresh: `attempt` each writer; `failures` holds those that failed, in order."""

    def __init__(self, now: datetime) -> None:
        self.now = now
        self.failures: list[OutputFailure] = []

    def attempt(self, output: str, write: Callable[[], None]) -> bool:
        error = _attempt(write, output)
        if error is None:
            return True
        self.fail(output, error)
        return False

    def fail(self, output: str, error: BaseException) -> None:
        detail = clean_text(f"{type(error).__name__}: {error}", limit=500)
        self.failures.append(OutputFailure(output, detail, self.now.isoformat()))

    def record(self, state_folder: Path) -> None:
        """Writes the failure record; a failure to write it is logged, never raised."""
        path = state_folder / OUTPUT_FAILURE_FILE
        first = asdict(self.failures[0]) if self.failures else {"output": None, "error": None, "at": None}
        last = asdict(self.failures[-1]) if self.failures else read_failures(path).get("last_failure")
        record = {
            **first,
            "failures": [asdict(failure) for failure in self.failures],
            "refreshed_at": self.now.isoformat(),
            "last_failure": last,
        }
        try:
            write_text_atomically(path, json.dumps(record, ensure_ascii=False, indent=1) + "\n")
        except OSError:
            log.exception("could not record the outputs' failures in %s", path)


def read_failures(path: Path) -> dict:
    """The last failure record, {} when there is none or it cannot be read."""
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return data if isinstance(data, dict) else {}

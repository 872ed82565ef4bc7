"""The heartbeat: what the running daemon last did, in var/heartbeat.json, replaced every
few seconds by a thread of its own (so a long file in the workers never makes it look dead).

The main loop and the mail thread report into a `Pulse`; the writer adds the queue length,
the disk's free space, the last error logged and the last output failure, and writes the file.
"""

from __future__ import annotations

import json
import logging
import os
import threading
from dataclasses import asdict, dataclass, field, replace
from datetime import datetime, timezone
from pathlib import Path

from pipeline.intake.diskspace import free_mb
from pipeline.outputs.safe_text import clean_value
from pipeline.store import Store

log = logging.getLogger("pipeline.health")

HEARTBEAT_FILE = "heartbeat.json"
# Written by the outputs after each refresh (pipeline/outputs/failures.py): "failures" lists the
# outputs the last refresh could not write, [] when all were written.
OUTPUT_FAILURE_FILE = "output-failure.json"
BEAT_SECONDS = 5.0


@dataclass(frozen=True)
class Heartbeat:
    pid: int
    written_at: datetime
    started_at: datetime
    mail_enabled: bool
    last_mail_poll: datetime | None
    mail_error: str | None
    last_scan: datetime | None
    queue: int
    last_error: str | None
    last_error_at: datetime | None
    disk_free_mb: int
    intake_paused: str | None = None  # why taking in is paused (disk full), or None
    output_failure: str | None = None

    def to_json(self) -> str:
        """The beat as JSON; its texts cleaned (an error naming a sender's file cannot make it unwritable)."""
        values = {k: v.isoformat() if isinstance(v, datetime) else v for k, v in asdict(self).items()}
        return json.dumps(clean_value(values), ensure_ascii=False, indent=1)

    @classmethod
    def from_json(cls, text: str) -> Heartbeat:
        raw = json.loads(text)
        known = {name: raw.get(name) for name in cls.__dataclass_fields__}
        for name in ("written_at", "started_at", "last_mail_poll", "last_scan", "last_error_at"):
            if known[name] is not None:
                known[name] = datetime.fromisoformat(known[name])
        return cls(**known)


def read_heartbeat(state_folder: Path) -> Heartbeat | None:
    """The last heartbeat, or None when there is none (never started) or it cannot be read."""
    try:
        return Heartbeat.from_json((state_folder / HEARTBEAT_FILE).read_text(encoding="utf-8"))
    except (OSError, ValueError, TypeError, KeyError):
        return None


def read_output_failure(state_folder: Path) -> str | None:
    """The outputs the last refresh could not write, or None when all were written."""
    try:
        raw = json.loads((state_folder / OUTPUT_FAILURE_FILE).read_text(encoding="utf-8"))
        failures = raw.get("failures") or []
        return "; ".join(f"{f['output']}: {f['error']} ({f['at']})" for f in failures) or None
    except (OSError, ValueError, AttributeError, KeyError, TypeError):
        return None


def _now() -> datetime:
    return datetime.now(timezone.utc)


@dataclass
class Pulse:
    """What the daemon's threads report; read by the writer. Guarded by its lock."""

    mail_enabled: bool
    started_at: datetime = field(default_factory=_now)
    last_mail_poll: datetime | None = None
    mail_error: str | None = None
    last_scan: datetime | None = None
    intake_paused: str | None = None
    last_error: str | None = None
    last_error_at: datetime | None = None
    lock: threading.Lock = field(default_factory=threading.Lock, repr=False, compare=False)

    def scanned(self) -> None:
        with self.lock:
            self.last_scan = _now()

    def mail_polled(self) -> None:
        with self.lock:
            self.last_mail_poll, self.mail_error = _now(), None

    def mail_failed(self, error: str) -> None:
        with self.lock:
            self.mail_error = error

    def paused(self, reason: str | None) -> None:
        with self.lock:
            self.intake_paused = reason

    def error_logged(self, message: str) -> None:
        with self.lock:
            self.last_error, self.last_error_at = message, _now()

    def snapshot(self) -> Pulse:
        with self.lock:
            return replace(self, lock=threading.Lock())


class _LastErrorHandler(logging.Handler):
    """Remembers the last ERROR logged anywhere in the program, for the heartbeat."""

    def __init__(self, pulse: Pulse) -> None:
        super().__init__(level=logging.ERROR)
        self.pulse = pulse

    def emit(self, record: logging.LogRecord) -> None:
        self.pulse.error_logged(f"{record.name}: {record.getMessage()}"[:300])


class HeartbeatWriter:
    def __init__(self, state_folder: Path, fingerprint: str, pulse: Pulse) -> None:
        self.state_folder = state_folder
        self.fingerprint = fingerprint
        self.pulse = pulse
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None
        self._handler = _LastErrorHandler(pulse)

    def start(self) -> None:
        logging.getLogger().addHandler(self._handler)
        self._thread = threading.Thread(target=self._run, name="heartbeat", daemon=True)
        self._thread.start()

    def stop(self) -> None:
        self._stop.set()
        if self._thread is not None:
            self._thread.join(timeout=10)
            self._thread = None
        logging.getLogger().removeHandler(self._handler)

    def _run(self) -> None:
        store = Store(self.state_folder)  # SQLite connections belong to one thread
        try:
            while True:
                try:
                    self.write(len(store.pending(self.fingerprint)) + store.waiting())
                except Exception:  # noqa: BLE001 - a heartbeat that cannot be written is simply stale
                    log.warning("heartbeat not written", exc_info=True)
                if self._stop.wait(BEAT_SECONDS):
                    return
        finally:
            store.close()

    def write(self, queue: int) -> None:
        pulse = self.pulse.snapshot()
        beat = Heartbeat(
            pid=os.getpid(),
            written_at=_now(),
            started_at=pulse.started_at,
            mail_enabled=pulse.mail_enabled,
            last_mail_poll=pulse.last_mail_poll,
            mail_error=pulse.mail_error,
            last_scan=pulse.last_scan,
            queue=queue,
            last_error=pulse.last_error,
            last_error_at=pulse.last_error_at,
            disk_free_mb=free_mb(self.state_folder),
            intake_paused=pulse.intake_paused,
            output_failure=read_output_failure(self.state_folder),
        )
        target = self.state_folder / HEARTBEAT_FILE
        temp = target.with_name(f".{HEARTBEAT_FILE}.{os.getpid()}")
        temp.write_text(beat.to_json(), encoding="utf-8")  # no fsync: a lost beat is only a stale one
        os.replace(temp, target)

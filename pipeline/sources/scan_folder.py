"""The watched scan folder. Scanners and copies over the network write slowly, so a file
is only taken once its size and mtime have not changed for `stable_seconds`. Watchdog
events say where to look; a periodic full scan (the only mechanism with `watch = "polling"`,
e.g. on a network share where inotify sees nothing) makes sure nothing is missed."""

from __future__ import annotations

import fnmatch
import logging
import threading
import time
from collections import defaultdict
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path

from watchdog.events import FileSystemEvent, FileSystemEventHandler
from watchdog.observers import Observer
from watchdog.observers.polling import PollingObserver

from pipeline.config import ScanSettings
from pipeline.intake.retry import Cause, transient_cause
from pipeline.intake.names import readable_name
from pipeline.intake.service import IntakeService
from pipeline.models import Origin
from pipeline.sources.placement import group_of, unit_hint

log = logging.getLogger("pipeline.scan")

SOURCE_PREFIX = "scan:"
LINK_REFUSED = "这是一个链接（快捷方式），不是文件本身；为安全起见，未读取它指向的内容。请把文件本身放入扫描文件夹"


@dataclass(frozen=True)
class FileState:
    size: int
    mtime: float

    @property
    def received_at(self) -> datetime:
        return datetime.fromtimestamp(self.mtime, tz=timezone.utc)


class StabilityTracker:
    """Reports a path once its (size, mtime) has stayed the same for `stable_seconds`."""

    def __init__(self, stable_seconds: float) -> None:
        self.stable_seconds = stable_seconds
        self._seen: dict[Path, tuple[FileState, float]] = {}

    def observe(self, path: Path, state: FileState, now: float) -> None:
        previous = self._seen.get(path)
        if previous is None or previous[0] != state:
            self._seen[path] = (state, now)

    def forget(self, path: Path) -> None:
        self._seen.pop(path, None)

    def stable(self, now: float) -> list[Path]:
        return [path for path, (_, since) in self._seen.items() if now - since >= self.stable_seconds]


class _Events(FileSystemEventHandler):
    def __init__(self) -> None:
        self.dirty: set[Path] = set()
        self.lock = threading.Lock()

    def on_any_event(self, event: FileSystemEvent) -> None:
        if event.is_directory:
            return
        with self.lock:
            self.dirty.add(Path(event.src_path))
            dest = getattr(event, "dest_path", None)
            if dest:
                self.dirty.add(Path(dest))


class ScanFolder:
    def __init__(self, root: Path, settings: ScanSettings, service: IntakeService) -> None:
        self.root = root
        self.settings = settings
        self.service = service
        self.tracker = StabilityTracker(settings.stable_seconds)
        self._taken: dict[Path, FileState] = {}
        self._recorded = self._recorded_states()
        self._events = _Events()
        self._observer = None
        self._last_full_scan = 0.0
        self._refused: set[Path] = set()

    def _recorded_states(self) -> dict[str, set[tuple[int, datetime]]]:
        """(size, mtime) of the files earlier runs took from here, by source, so that a restart does
        not read and hash the whole folder again (the store records a file's mtime as its arrival time)."""
        recorded: dict[str, set[tuple[int, datetime]]] = defaultdict(set)
        for source, size, received_at in self.service.store.received_files(SOURCE_PREFIX):
            recorded[source].add((size, received_at))
        log.debug("%d file(s) of %s already in the store", len(recorded), self.root)
        return recorded

    def _known(self, path: Path, state: FileState) -> bool:
        """Taken before, by this run or an earlier one, and unchanged since."""
        return self._taken.get(path) == state or (state.size, state.received_at) in self._recorded.get(self._source(path), ())

    def _source(self, path: Path) -> str:
        """The file's source as the store records it (a name that is not UTF-8 read as text)."""
        return readable_name(f"{SOURCE_PREFIX}{path.relative_to(self.root).as_posix()}")

    # --- which files -------------------------------------------------------------

    def _ignored(self, path: Path) -> bool:
        relative = path.relative_to(self.root)
        return any(
            fnmatch.fnmatch(part, pattern) for part in relative.parts for pattern in self.settings.ignore_patterns
        )

    def _state(self, path: Path) -> FileState | None:
        try:
            stat = path.stat()
        except OSError:
            return None
        return FileState(stat.st_size, stat.st_mtime)

    def _candidates(self) -> list[Path]:
        if not self.root.is_dir():
            return []
        found = []
        for path in self.root.rglob("*"):  # rglob does not descend into linked folders
            if self._ignored(path):
                continue
            if path.is_symlink():
                self._refuse_link(path)
            elif path.is_file():
                found.append(path)
        return sorted(found)

    def _refuse_link(self, path: Path) -> None:
        """A link is never followed (it could point at any file on the server, /etc/passwd
        included); it becomes an error entry a clerk can read, once."""
        if path in self._refused:
            return
        self._refused.add(path)
        relative = path.relative_to(self.root)
        log.warning("%s is a symbolic link; not followed", relative)
        self.service.record_failure(f"{SOURCE_PREFIX}{relative.as_posix()}", path.name, LINK_REFUSED)

    # --- watching ----------------------------------------------------------------

    def start(self) -> None:
        self.root.mkdir(parents=True, exist_ok=True)
        if self.settings.watch == "polling":
            return
        observer = Observer() if self.settings.watch in ("auto", "events") else PollingObserver()
        try:
            observer.schedule(self._events, str(self.root), recursive=True)
            observer.start()
        except OSError as exc:
            if self.settings.watch == "events":
                raise
            log.warning("file system events unavailable for %s (%s); polling only", self.root, exc)
            return
        self._observer = observer

    def stop(self) -> None:
        if self._observer is not None:
            self._observer.stop()
            self._observer.join(timeout=5)
            self._observer = None

    def _observe(self, paths, now: float) -> None:
        for path in paths:
            if not path.is_file() or self._ignored(path) or path.is_symlink():
                self.tracker.forget(path)
                if path.is_symlink() and not self._ignored(path):
                    self._refuse_link(path)
                continue
            state = self._state(path)
            if state is None or self._known(path, state):
                self.tracker.forget(path)
                continue
            self.tracker.observe(path, state, now)

    def poll(self, now: float | None = None) -> int:
        """Looks at what changed, takes in the files that have become stable; returns how many new."""
        now = time.monotonic() if now is None else now
        with self._events.lock:
            dirty, self._events.dirty = self._events.dirty, set()
        if now - self._last_full_scan >= self.settings.poll_interval_seconds or self._observer is None:
            dirty |= set(self._candidates())
            self._last_full_scan = now
        self._observe(dirty | set(self.tracker.stable(now)), now)
        return self._take(self.tracker.stable(now))

    def take_all(self) -> int:
        """One pass (intake once): takes every file, waiting only for those still being written."""
        paths = self._candidates()
        settled = [p for p in paths if (s := self._state(p)) and time.time() - s.mtime >= self.settings.stable_seconds]
        new = self._take(settled)
        young = [p for p in paths if p not in settled]
        if young:
            log.info("waiting for %d file(s) still being written", len(young))
        give_up = time.monotonic() + 10 * self.settings.stable_seconds + 5
        while young and time.monotonic() < give_up:
            now = time.monotonic()
            self._observe(young, now)
            stable = self.tracker.stable(now)
            new += self._take(stable)
            young = [p for p in young if p not in stable and p.is_file()]
            if young:
                time.sleep(min(1.0, self.settings.stable_seconds))
        for path in young:
            log.warning("%s was still changing at the end of the pass; it will be taken next time", path)
        return new

    def _take(self, paths: list[Path]) -> int:
        new = 0
        for path in paths:
            state = self._state(path)
            self.tracker.forget(path)
            if state is None:
                continue
            if path.is_symlink():  # replaced by a link since it was seen
                self._refuse_link(path)
                continue
            if self._known(path, state):
                self._taken[path] = state
                continue
            relative = path.relative_to(self.root)
            origin = Origin(
                source=self._source(path),
                received_at=state.received_at,
                group=group_of(SOURCE_PREFIX, relative),
                unit_hint=unit_hint(relative),
            )
            try:
                new += self.service.receive_path(path, path.name, origin)
            except OSError as exc:
                if transient_cause(exc) is Cause.disk_full:
                    raise  # the daemon pauses until there is room; the file is taken then
                log.error("cannot read %s: %s (will retry)", relative, exc)
                continue
            self._taken[path] = state
        return new

"""`intake run`: the daemon's main loop, the table of contents of the product.

Watch the scan folder, let the mailbox thread bring mail in, process what arrived in the
worker pool, refresh the outputs; on SIGTERM/SIGINT finish the file in hand and stop.
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable

from pipeline.app import App
from pipeline.health.heartbeat import HeartbeatWriter, Pulse
from pipeline.intake.diskspace import DiskGuard
from pipeline.intake.retry import Cause, transient_cause
from pipeline.sources.scan_folder import ScanFolder

log = logging.getLogger("pipeline.daemon")

TICK_SECONDS = 1.0
# A step that failed for no transient reason (a bug, a record the code cannot take) is tried
# again after these waits, the last one repeated: the daemon goes on taking mail and scans in
# meanwhile, and health and the log say what failed. Ending would stop every output for good
# (a supervisor restarting it would meet the same failure).
RETRY_AFTER_FAILURE_SECONDS = (30.0, 60.0, 120.0, 300.0, 600.0)


class FailingSteps:
    """When the main loop may try its work again after a failure, and that the outputs are owed a
    refresh once it succeeds (what arrived before the failure was taken but never shown)."""

    def __init__(self, clock: Callable[[], float] = time.monotonic) -> None:
        self._clock = clock
        self._failures = 0
        self._next_try = 0.0

    @property
    def owed_refresh(self) -> bool:
        return self._failures > 0

    def allows_work(self) -> bool:
        return self._clock() >= self._next_try

    def failed(self) -> float:
        wait = RETRY_AFTER_FAILURE_SECONDS[min(self._failures, len(RETRY_AFTER_FAILURE_SECONDS) - 1)]
        self._failures += 1
        self._next_try = self._clock() + wait
        return wait

    def succeeded(self) -> None:
        self._failures, self._next_try = 0, 0.0


def run(app: App, stop: threading.Event) -> None:
    app.sweep_pages()
    scan = ScanFolder(app.settings.scan_folder, app.settings.scan, app.service)
    pulse = Pulse(mail_enabled=app.settings.mail.enabled)
    heartbeat = HeartbeatWriter(app.settings.state_folder, app.rules.fingerprint, pulse)
    mail = _mail_source(app, stop, pulse)
    heartbeat.start()
    scan.start()
    if mail is not None:
        mail.start()
    log.info("watching %s%s", app.settings.scan_folder, f" and mailbox {app.settings.mail.username}" if mail else "")
    disk = DiskGuard(app.settings.state_folder, app.settings.health.min_free_mb, lambda why: _paused(app, pulse, why))
    failing = FailingSteps()
    try:
        if disk.allows_work():
            _guarded(disk, failing, lambda: (app.process(stop.is_set), app.refresh_outputs()))  # what a previous run left
        while not stop.is_set():
            if disk.allows_work() and failing.allows_work():
                _guarded(disk, failing, lambda: _tick(app, scan, mail, pulse, stop, failing.owed_refresh))
            stop.wait(TICK_SECONDS)
    finally:
        log.info("stopping")
        scan.stop()
        if mail is not None:
            mail.stop()
        heartbeat.stop()


def _tick(app: App, scan: ScanFolder, mail, pulse: Pulse, stop: threading.Event, owed_refresh: bool) -> None:
    arrived = scan.poll()
    pulse.scanned()
    if mail is not None:
        arrived += mail.take_arrived()
    processed = app.process(stop.is_set)
    if arrived or processed or owed_refresh or app.workbook_saved_by_staff():
        app.refresh_outputs()


DISK_FULL_ALERT = "服务器磁盘空间不足，已暂停接收和处理新材料（邮件和扫描件都保留在原处，不会丢失）；空间释放后自动恢复。请联系系统管理员。"


def _paused(app: App, pulse: Pulse, reason: str | None) -> None:
    """Says so on the overview (while the disk still holds a page) and in the heartbeat."""
    pulse.paused(reason)
    app.alerts = [DISK_FULL_ALERT] if reason else []
    if reason is None:  # room again: what failed for lack of it is tried now, not after its backoff
        app.store.retry_waiting_now()
    try:
        app.refresh_outputs()
    except Exception:  # noqa: BLE001 - the disk may be too full even for that; the log and health say it
        log.warning("the overview could not be refreshed to show the disk's state", exc_info=True)


def _guarded(disk: DiskGuard, failing: FailingSteps, work) -> None:
    """Runs a step of work; a full disk pauses the daemon, any other failure is logged and the
    step tried again later (`FailingSteps`): neither ends it."""
    try:
        work()
    except Exception as error:
        if transient_cause(error) is Cause.disk_full:
            disk.write_failed(error)
            return
        wait = failing.failed()
        log.exception("a step of the main loop failed; mail and scans are still taken in, tried again in %.0f s", wait)
    else:
        failing.succeeded()


def _mail_source(app: App, stop: threading.Event, pulse: Pulse):
    if not app.settings.mail.enabled:
        return None
    from pipeline.mail.source import MailSource

    return MailSource(app.settings, stop, pulse)

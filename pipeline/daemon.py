"""`intake run`: the daemon's main loop, the table of contents of the product.

Watch the scan folder, let the mailbox thread bring mail in, process what arrived in the
worker pool, refresh the outputs; on SIGTERM/SIGINT finish the file in hand and stop.
"""

from __future__ import annotations

import logging
import threading

from pipeline.app import App
from pipeline.health.heartbeat import HeartbeatWriter, Pulse
from pipeline.intake.diskspace import DiskGuard
from pipeline.intake.retry import Cause, transient_cause
from pipeline.sources.scan_folder import ScanFolder

log = logging.getLogger("pipeline.daemon")

TICK_SECONDS = 1.0


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
    try:
        if disk.allows_work():
            _guarded(disk, lambda: (app.process(stop.is_set), app.refresh_outputs()))  # what a previous run left
        while not stop.is_set():
            if disk.allows_work():
                _guarded(disk, lambda: _tick(app, scan, mail, pulse, stop))
            stop.wait(TICK_SECONDS)
    finally:
        log.info("stopping")
        scan.stop()
        if mail is not None:
            mail.stop()
        heartbeat.stop()


def _tick(app: App, scan: ScanFolder, mail, pulse: Pulse, stop: threading.Event) -> None:
    arrived = scan.poll()
    pulse.scanned()
    if mail is not None:
        arrived += mail.take_arrived()
    processed = app.process(stop.is_set)
    if arrived or processed or app.workbook_saved_by_staff():
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


def _guarded(disk: DiskGuard, work) -> None:
    """Runs a step of work; a full disk pauses the daemon instead of ending it."""
    try:
        work()
    except Exception as error:
        if transient_cause(error) is not Cause.disk_full:
            raise
        disk.write_failed(error)


def _mail_source(app: App, stop: threading.Event, pulse: Pulse):
    if not app.settings.mail.enabled:
        return None
    from pipeline.mail.source import MailSource

    return MailSource(app.settings, stop, pulse)

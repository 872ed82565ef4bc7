"""The mailbox as a source of files for the daemon: a thread that connects, takes in what is
new, waits in IDLE (or polls), and reconnects with exponential backoff and jitter after any
error. Nothing it meets ends the thread; only the stop event does.

The thread opens its own Store and IntakeService: SQLite connections belong to one thread.
"""

from __future__ import annotations

import logging
import threading

from pipeline.config import Settings
from pipeline.health.heartbeat import Pulse
from pipeline.intake.service import IntakeService
from pipeline.mail.backoff import reconnect_delay
from pipeline.mail.connection import MailConnection
from pipeline.mail.sync import MailboxSync
from pipeline.store import Store

log = logging.getLogger("pipeline.mail")

PAUSED_RECHECK_SECONDS = 5.0


class MailSource:
    def __init__(self, settings: Settings, stop: threading.Event, pulse: Pulse | None = None) -> None:
        """`pulse`: where the daemon's heartbeat learns of each pass and each failure."""
        self.settings = settings
        self._stop = stop
        self._pulse = pulse
        self._arrived = 0
        self._lock = threading.Lock()
        self._thread: threading.Thread | None = None

    def start(self) -> None:
        self._thread = threading.Thread(target=self._run, name="mail", daemon=True)
        self._thread.start()

    def stop(self) -> None:
        """Asks the thread to finish (sets the stop event) and waits for it to log out."""
        self._stop.set()
        if self._thread is not None:
            self._thread.join(timeout=self.settings.mail.timeout_seconds + 10)
            self._thread = None

    def take_arrived(self) -> int:
        """How many new files were taken in since the last call (non-blocking)."""
        with self._lock:
            arrived, self._arrived = self._arrived, 0
        return arrived

    def fetch_once(self) -> int:
        """One synchronous pass over the mailbox; raises MailConnectionError when it cannot be done."""
        store = Store(self.settings.state_folder)
        connection = MailConnection(self.settings.mail)
        try:
            connection.open()
            return MailboxSync(connection, IntakeService(store, self.settings.processing), self.settings.mail, self._stop).run_pass()
        finally:
            connection.close()
            store.close()

    def _count(self, new_files: int) -> None:
        with self._lock:
            self._arrived += new_files

    def _run(self) -> None:
        store = Store(self.settings.state_folder)
        service = IntakeService(store, self.settings.processing)
        failures = 0
        try:
            while not self._stop.is_set():
                connection = MailConnection(self.settings.mail)
                try:
                    connection.open()
                    mailbox = MailboxSync(connection, service, self.settings.mail, self._stop)
                    while not self._stop.is_set():
                        if self._pulse is not None and self._pulse.intake_paused:  # the disk is full
                            self._stop.wait(PAUSED_RECHECK_SECONDS)
                            continue
                        self._count(mailbox.run_pass())
                        failures = 0
                        if self._pulse is not None:
                            self._pulse.mail_polled()
                        mailbox.wait_for_news()
                except Exception as error:  # noqa: BLE001 - whatever happens, reconnect later
                    failures += 1
                    delay = reconnect_delay(failures)
                    if self._pulse is not None:
                        self._pulse.mail_failed(str(error)[:300])
                    log.warning("mailbox: %s; reconnecting in %.0f s", error, delay)
                    self._stop.wait(delay)
                finally:
                    connection.close()
        finally:
            store.close()
            log.info("mail source stopped")

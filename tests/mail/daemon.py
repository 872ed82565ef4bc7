"""The real daemon (`python -m pipeline run`) as a subprocess, and what the tests read back."""

from __future__ import annotations

import json
import os
import resource
import signal
import sqlite3
import subprocess
import sys
import time
from collections import Counter
from pathlib import Path

from tests.mail.conftest import AUTH_ENV, REPO
from tests.mail.dovecot import PASSWORD, Dovecot


def wait_for(condition, timeout: float = 30.0, what: str = "condition"):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        value = condition()
        if value:
            return value
        time.sleep(0.1)
    raise AssertionError(f"timed out waiting for {what}")


class Daemon:
    def __init__(self, config: Path, server: Dovecot, hold: str | None = None, max_file_bytes: int | None = None) -> None:
        """`max_file_bytes`: no file the daemon writes may grow past this (a full disk, as the daemon sees it)."""
        self.config = config
        env = {**os.environ, AUTH_ENV: PASSWORD, "SSL_CERT_FILE": str(server.cert), "PYTHONPATH": str(REPO)}
        env.pop("INTAKE_MAIL_TEST_HOLD", None)
        if hold:
            env["INTAKE_MAIL_TEST_HOLD"] = hold
        self.log = (config.parent / "daemon.log").open("ab")
        program = "tests.mail.held_daemon" if hold else "pipeline"  # the pause points live in the tests
        self.process = subprocess.Popen(
            [sys.executable, "-m", program, "run", "--config", str(config)],
            cwd=config.parent, env=env, stdin=subprocess.DEVNULL, stdout=self.log, stderr=self.log,
            preexec_fn=(lambda: _limit_file_size(max_file_bytes)) if max_file_bytes else None,
        )

    def kill(self) -> None:
        self.process.send_signal(signal.SIGKILL)
        self.process.wait(timeout=10)
        self.log.close()

    def terminate(self) -> None:
        self.process.send_signal(signal.SIGTERM)
        try:
            self.process.wait(timeout=30)
        finally:
            if self.process.poll() is None:
                self.process.kill()
            self.log.close()


def _limit_file_size(limit: int) -> None:
    signal.signal(signal.SIGXFSZ, signal.SIG_IGN)  # writes then fail with EFBIG instead of killing
    resource.setrlimit(resource.RLIMIT_FSIZE, (limit, limit))


def ledger_rows(config: Path) -> list[tuple[int, str, int]]:
    with sqlite3.connect(site(config) / "var" / "intake.sqlite3", timeout=10) as db:
        return db.execute("SELECT uid, state, attempts FROM mail_messages ORDER BY uid").fetchall()


def site(config: Path) -> Path:
    return config.parent


def ledger_states(config: Path) -> dict[int, str]:
    database = site(config) / "var" / "intake.sqlite3"
    if not database.exists():
        return {}
    with sqlite3.connect(database, timeout=10) as db:
        try:
            return dict(db.execute("SELECT uid, state FROM mail_messages ORDER BY uid").fetchall())
        except sqlite3.OperationalError:  # the tables are not there yet
            return {}


def sightings(config: Path) -> Counter:
    """(filename, source without the mail's UID part) -> times seen."""
    with sqlite3.connect(site(config) / "var" / "intake.sqlite3", timeout=10) as db:
        return Counter(row[0] for row in db.execute("SELECT filename FROM sightings"))


def status_documents(config: Path) -> Counter:
    path = site(config) / "output" / "status.json"
    if not path.exists():
        return Counter()
    status = json.loads(path.read_text(encoding="utf-8"))
    documents = [d for applicant in status["applicants"] for d in applicant["documents"]] + status["unassigned"]
    return Counter(document["filename"] for document in documents)

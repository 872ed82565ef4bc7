"""Fault tests: the real `intake` command under what goes wrong on a server (a second process,
a killed daemon, a full disk). Deployments as in the integration tests."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from pathlib import Path

import pytest

from tests.integration.conftest import Deployment, write_config
from tests.mail.daemon import wait_for

TESSERACT = '\n[ocr]\nengine = "tesseract"\n'  # quick to start; the faults are not about the engine


class RunningDaemon:
    """`intake run` as a subprocess, its log in the deployment's folder."""

    def __init__(self, deployment: Deployment) -> None:
        self.deployment = deployment
        deployment.scan.mkdir(parents=True, exist_ok=True)
        self.log_path = deployment.root / "daemon.log"
        self._log = self.log_path.open("ab")
        self.process = subprocess.Popen(
            [sys.executable, "-m", "pipeline", "run", "--config", str(deployment.config)],
            cwd=deployment.root, stdin=subprocess.DEVNULL, stdout=self._log, stderr=self._log, env=os.environ.copy(),
        )

    def wait_started(self, timeout: float = 90) -> None:
        wait_for(lambda: (self.deployment.output / "status.json").exists() or self.process.poll() is not None,
                 timeout, "the daemon's first outputs")
        assert self.process.poll() is None, self.log()

    def log(self) -> str:
        return self.log_path.read_text(encoding="utf-8", errors="replace")[-4000:]

    def stop(self, sig: int = signal.SIGTERM) -> None:
        if self.process.poll() is None:
            self.process.send_signal(sig)
            try:
                self.process.wait(timeout=60)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
        self._log.close()


@pytest.fixture
def site(tmp_path: Path) -> Deployment:
    return write_config(tmp_path / "site", TESSERACT)


@pytest.fixture
def daemon(site: Deployment):
    running = RunningDaemon(site)
    try:
        yield running
    finally:
        running.stop()

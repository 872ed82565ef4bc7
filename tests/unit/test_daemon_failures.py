"""The daemon's main loop outlives a failing step: a failure that is not a full disk (a bug, a
record the code cannot take) is logged, health is told, mail and scans go on being taken in,
and the step is tried again after a growing wait; once it succeeds the outputs are refreshed
with everything that came meanwhile."""

from __future__ import annotations

import json
import threading
import time

from pipeline import daemon
from pipeline.app import App
from pipeline.config import Settings
from pipeline.daemon import RETRY_AFTER_FAILURE_SECONDS, FailingSteps
from pipeline.health.heartbeat import read_output_failure
from tests.unit.conftest import RULES_DIR


class Clock:
    def __init__(self) -> None:
        self.now = 100.0

    def __call__(self) -> float:
        return self.now


def test_failing_steps_wait_longer_each_time_then_start_again():
    clock = Clock()
    failing = FailingSteps(clock)
    assert failing.allows_work() and not failing.owed_refresh
    waits = [failing.failed() for _ in range(len(RETRY_AFTER_FAILURE_SECONDS) + 2)]
    assert waits == list(RETRY_AFTER_FAILURE_SECONDS) + [RETRY_AFTER_FAILURE_SECONDS[-1]] * 2
    assert not failing.allows_work() and failing.owed_refresh
    clock.now += RETRY_AFTER_FAILURE_SECONDS[-1]
    assert failing.allows_work()
    failing.succeeded()
    assert failing.allows_work() and not failing.owed_refresh
    assert failing.failed() == RETRY_AFTER_FAILURE_SECONDS[0]


def test_the_daemon_goes_on_when_the_outputs_cannot_be_assembled(tmp_path, monkeypatch):
    """GIVEN a daemon whose assembly fails twice (as a bug would) WHEN a scan arrives meanwhile
    THEN the daemon keeps running, health is told, and once assembly works again the scan is in
    status.json without any new arrival to trigger it."""
    monkeypatch.setattr(daemon, "RETRY_AFTER_FAILURE_SECONDS", (0.2, 0.4))
    monkeypatch.setattr(daemon, "TICK_SECONDS", 0.1)
    settings = Settings(paths={"rules_folder": str(RULES_DIR)}, base_dir=tmp_path)
    real_assemble, calls = App.assemble, []

    def failing_twice(self):
        calls.append(time.monotonic())
        if len(calls) <= 2:
            raise TypeError("a field of an unexpected type")
        return real_assemble(self)

    monkeypatch.setattr(App, "assemble", failing_twice)
    settings.scan_folder.mkdir(parents=True, exist_ok=True)
    stop = threading.Event()

    def run() -> None:  # the store's connection belongs to the thread that opened it
        app = App(settings)
        try:
            daemon.run(app, stop)
        finally:
            app.close()

    loop = threading.Thread(target=run, daemon=True)
    loop.start()
    try:
        deadline = time.monotonic() + 180  # a loaded machine: the workers start slowly
        while read_output_failure(settings.state_folder) is None and time.monotonic() < deadline:
            time.sleep(0.05)  # the failure is recorded just after the call that raised it
        assert read_output_failure(settings.state_folder).startswith("all outputs: TypeError")
        (settings.scan_folder / "说明.txt").write_text("李四同志先进事迹材料", encoding="utf-8")
        status = settings.output_folder / "status.json"
        def refreshed() -> bool:  # status.json is written before the failure record is cleared
            return (status.exists() and "说明.txt" in status.read_text(encoding="utf-8")
                    and read_output_failure(settings.state_folder) is None)

        while time.monotonic() < deadline and not refreshed():
            time.sleep(0.1)
        assert loop.is_alive()
        assert status.exists(), "the outputs were never written once assembly worked again"
        text = json.dumps(json.loads(status.read_text(encoding="utf-8")), ensure_ascii=False)
        assert "说明.txt" in text
        assert read_output_failure(settings.state_folder) is None
    finally:
        stop.set()
        loop.join(30)
    assert len(calls) >= 3

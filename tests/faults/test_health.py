"""`intake health` against a real daemon: down before it runs, healthy while it runs, down once killed."""

from __future__ import annotations

import signal

from pipeline.health import Health
from tests.faults.conftest import wait_for


def test_health_follows_the_daemon(site, daemon):
    """GIVEN a running daemon WHEN `intake health` asks, and again after the daemon is killed
    THEN it says healthy with the last scan, the queue and the free disk in one line, then down."""
    daemon.wait_started()
    healthy = wait_for(lambda: (r := site.intake("health", check=False, timeout=60)).returncode == Health.healthy and r,
                       60, "a healthy verdict")
    line = healthy.stdout.strip()
    assert line.startswith("healthy: mailbox off; last scan ") and "queue 0" in line and "disk free" in line, line
    assert "\n" not in line

    daemon.stop(signal.SIGKILL)
    dead = site.intake("health", check=False, timeout=60)
    assert dead.returncode == Health.down, dead.stdout
    assert dead.stdout.startswith("down: the daemon is not running")


def test_health_without_a_daemon_ever_run_is_down(site):
    never = site.intake("health", check=False, timeout=60)
    assert never.returncode == Health.down
    assert never.stdout.startswith("down: no heartbeat")

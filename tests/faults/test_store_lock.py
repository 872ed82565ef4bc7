"""One process per store: a second `intake` on the same state folder exits at once."""

from __future__ import annotations

import time

from pipeline.errors import ExitCode


def test_a_second_process_on_the_same_store_exits_at_once_with_its_own_code(site, daemon):
    """GIVEN a running daemon WHEN `intake once` and `intake ingest` start on the same state folder
    THEN each exits with the store-busy code, naming the daemon's pid, without touching the store;
    `intake status` (read-only) still works; once the daemon stops, `intake once` runs."""
    daemon.wait_started()
    started = time.monotonic()
    second = site.intake("once", check=False, timeout=60)
    assert second.returncode == ExitCode.store_busy, second.stderr[-2000:]
    assert f"another intake process (pid {daemon.process.pid})" in second.stderr
    assert time.monotonic() - started < 30
    ingest = site.intake("ingest", str(site.root / "config.toml"), check=False, timeout=60)
    assert ingest.returncode == ExitCode.store_busy
    assert site.intake("status", check=False, timeout=60).returncode == ExitCode.ok
    assert daemon.process.poll() is None, "the daemon must go on"

    daemon.stop()
    assert daemon.process.returncode == 0, daemon.log()
    assert site.intake("once", check=False, timeout=300).returncode == ExitCode.ok

"""Killed mid-pass, nothing is lost or doubled: GIVEN `intake ingest` SIGKILLed (with its
workers) while files are still being processed WHEN the next pass runs THEN every file is
processed once, and the outputs list each of them once."""

from __future__ import annotations

import json
import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

from tests.generator.package import make_sample_set


def _states(db_path: Path) -> dict[str, int]:
    if not db_path.exists():
        return {}
    try:
        with sqlite3.connect(db_path, timeout=1) as db:
            return dict(db.execute("SELECT state, COUNT(*) FROM files WHERE role = 'document' GROUP BY state").fetchall())
    except sqlite3.Error:
        return {}


def test_a_killed_pass_is_resumed_by_the_next(deployment, tmp_path):
    packages = tmp_path / "packages"
    make_sample_set(packages, units=2, seed=9, scans=True, bundles=False)
    (packages / "truth.json").unlink()
    given = sorted(p.name for p in packages.rglob("*") if p.is_file())
    db_path = deployment.root / "var" / "intake.sqlite3"
    ingest = subprocess.Popen(
        [sys.executable, "-m", "pipeline", "ingest", "--config", str(deployment.config), str(packages)],
        cwd=deployment.root, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True,
        env=os.environ.copy(),
    )
    try:
        deadline = time.monotonic() + 300
        while time.monotonic() < deadline:
            states = _states(db_path)
            if states.get("done", 0) >= 1 and states.get("pending", 0) >= 3:
                break
            assert ingest.poll() is None, "the pass ended before it could be interrupted"
            time.sleep(0.2)
        else:
            raise AssertionError("processing never started")
    finally:
        os.killpg(ingest.pid, signal.SIGKILL)  # the main process and its workers
        ingest.wait()
    assert _states(db_path).get("pending", 0) >= 1

    deployment.intake("once")

    assert set(_states(db_path)) <= {"done", "failed"}
    status = json.loads((deployment.output / "status.json").read_text(encoding="utf-8"))
    documents = [d for a in status["applicants"] for d in a["documents"]] + status["unassigned"]
    listed = {d["filename"] for d in documents} | {e["filename"] for e in status["errors"]}
    assert listed == set(given)
    ids = [d["id"] for d in status["unassigned"]] + [d["id"] for a in status["applicants"] for d in a["documents"]]
    per_applicant = [[d["id"] for d in a["documents"]] for a in status["applicants"]]
    assert all(len(set(docs)) == len(docs) for docs in per_applicant), "a document listed twice for one applicant"
    assert len(set(ids)) >= len(given) - len(status["errors"])

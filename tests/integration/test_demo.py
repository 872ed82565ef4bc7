"""`intake demo` outside the source checkout: the package alone runs a sample set through."""

from __future__ import annotations

import json
import os
import subprocess
import sys

from tests.generator.package import make_sample_set


def test_demo_runs_a_sample_set_with_nothing_of_the_tests_importable(tmp_path):
    """GIVEN a sample set made by the generator (as install.sh makes one) WHEN `intake demo` runs
    from another folder, without the checkout on the Python path THEN it exits 0 and writes the
    outputs, the sample's truth beside them."""
    sample = tmp_path / "sample"
    make_sample_set(sample, units=1, seed=5, scans=False)
    env = {key: value for key, value in os.environ.items() if key != "PYTHONPATH"}
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    probe = subprocess.run([sys.executable, "-c", "import tests"], cwd=elsewhere, env=env, capture_output=True)
    assert probe.returncode != 0, "the tests must not be importable for this test to mean anything"

    done = subprocess.run([sys.executable, "-m", "pipeline", "demo", "--folder", str(tmp_path / "demo"),
                           "--sample", str(sample)], cwd=elsewhere, env=env, capture_output=True, text=True,
                          timeout=900)
    assert done.returncode == 0, done.stderr[-3000:]
    assert "演示完成：" in done.stdout
    status = json.loads((tmp_path / "demo" / "output" / "status.json").read_text(encoding="utf-8"))
    assert len(status["applicants"]) >= 1
    assert (tmp_path / "demo" / "truth.json").exists() and (tmp_path / "demo" / "output" / "summary.xlsx").exists()

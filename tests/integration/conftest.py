"""Integration fixtures: the real `intake` command on generated application packages."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest

from tests.generator.package import make_sample_set

REPO = Path(__file__).resolve().parents[2]


@dataclass
class Deployment:
    """A folder laid out as a deployment: config.toml, scan/, output/, var/."""

    root: Path

    @property
    def config(self) -> Path:
        return self.root / "config.toml"

    @property
    def output(self) -> Path:
        return self.root / "output"

    @property
    def scan(self) -> Path:
        return self.root / "scan"

    def intake(self, *args: str, check: bool = True, timeout: float = 900) -> subprocess.CompletedProcess:
        command = [sys.executable, "-m", "pipeline", *args[:1], "--config", str(self.config), *args[1:]]
        done = subprocess.run(command, capture_output=True, text=True, timeout=timeout, cwd=self.root, env=os.environ.copy())
        if check and done.returncode != 0:
            raise AssertionError(f"intake {' '.join(args)} failed ({done.returncode}):\n{done.stderr[-4000:]}")
        return done

    def status(self) -> dict:
        return json.loads((self.output / "status.json").read_text(encoding="utf-8"))


def write_config(root: Path, extra: str = "") -> Deployment:
    root.mkdir(parents=True, exist_ok=True)
    (root / "config.toml").write_text(
        f"""
[paths]
scan_folder = "scan"
output_folder = "output"
state_folder = "var"
rules_folder = "{(REPO / 'inbox_rules').as_posix()}"

[scan]
stable_seconds = 0.5
poll_interval_seconds = 1
{extra}
""",
        encoding="utf-8",
    )
    return Deployment(root)


@pytest.fixture
def deployment(tmp_path: Path) -> Deployment:
    return write_config(tmp_path / "site")


@pytest.fixture(scope="session")
def born_digital_set(tmp_path_factory) -> tuple[Path, dict]:
    """Seven applications, born-digital forms and texts (credentials as clean images)."""
    out = tmp_path_factory.mktemp("born_digital")
    make_sample_set(out / "packages", units=7, seed=11, scans=False)
    truth = json.loads((out / "packages" / "truth.json").read_text(encoding="utf-8"))
    (out / "packages" / "truth.json").unlink()
    return out / "packages", truth


@pytest.fixture(scope="session")
def processed_born_digital(tmp_path_factory, born_digital_set) -> tuple[Deployment, dict]:
    packages, truth = born_digital_set
    site = write_config(tmp_path_factory.mktemp("site") / "site")
    site.intake("ingest", str(packages))
    return site, truth


def find_applicant(status: dict, unit: str, expert: str) -> dict:
    matches = [a for a in status["applicants"] if a["unit"] == unit and a["expert"] == expert]
    if not matches:
        matches = [a for a in status["applicants"] if a["unit"] == unit]
    assert len(matches) == 1, f"{unit}/{expert}: {[(a['unit'], a['expert']) for a in status['applicants']]}"
    return matches[0]

"""`intake demo`: a realistic sample set made by the test-data generator (tests/generator),
taken in through the scan folder exactly as a deployment would, with the outputs written
next to it. Needs the source checkout (the generator is test code, not installed)."""

from __future__ import annotations

import logging
import shutil
import sys
from pathlib import Path

from pipeline.app import App
from pipeline.config import load_settings
from pipeline.errors import ConfigError
from pipeline.sources.scan_folder import ScanFolder

log = logging.getLogger("pipeline.demo")

CHECKOUT = Path(__file__).resolve().parents[1]

DEMO_CONFIG = """# The demo's configuration: a scan folder holding the generated sample set, no mailbox.
[paths]
scan_folder = "scan"
output_folder = "output"
state_folder = "var"
rules_folder = "{rules}"

[scan]
stable_seconds = 0.5
"""


def _generator():
    if not (CHECKOUT / "tests" / "generator").is_dir():
        raise ConfigError(
            f"intake demo needs the source checkout (tests/generator is missing under {CHECKOUT}); "
            "install with `pip install -e .` from the repository"
        )
    if str(CHECKOUT) not in sys.path:
        sys.path.insert(0, str(CHECKOUT))
    from tests.generator.package import make_sample_set

    return make_sample_set


def run_demo(folder: Path, units: int) -> None:
    folder = folder.resolve()
    for part in ("scan", "output", "var"):
        shutil.rmtree(folder / part, ignore_errors=True)
    folder.mkdir(parents=True, exist_ok=True)
    config = folder / "config.toml"
    config.write_text(DEMO_CONFIG.format(rules=(CHECKOUT / "inbox_rules").as_posix()), encoding="utf-8")
    log.info("generating %d sample applications in %s", units, folder / "scan")
    _generator()(folder / "scan", units=units, seed=2023)
    shutil.move(folder / "scan" / "truth.json", folder / "truth.json")

    app = App(load_settings(config), exclusive=True)
    try:
        app.check_programs()
        ScanFolder(app.settings.scan_folder, app.settings.scan, app.service).take_all()
        app.process()
        state = app.refresh_outputs()
    finally:
        app.close()
    out = app.settings.output_folder
    complete = sum(a.complete for a in state.applicants)
    print(f"\n演示完成：{len(state.applicants)} 个申报单位，材料齐全 {complete} 个。")
    print(f"  汇总表 (workbook):      {out / 'summary.xlsx'}")
    print(f"  报告 (reports):         {out / 'reports' / 'index.html'}")
    print(f"  状态 (status.json):     {out / 'status.json'}")
    print(f"  归档 (archive):         {out / 'archive'}")
    print(f"  样例的正确答案 (truth):  {folder / 'truth.json'}")
    print(f"To run the daemon on this folder: intake run --config {config}")

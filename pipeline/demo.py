"""`intake demo`: a realistic sample set taken in through the scan folder exactly as a
deployment would, with the outputs written next to it.

The sample set is made by the test-data generator (tests/generator) when the program is
installed (deploy/install.sh, the Docker image's build) and shipped beside the program in
`demo-sample/`: the package itself never imports test code."""

from __future__ import annotations

import logging
import shutil
from pathlib import Path

from pipeline.app import App
from pipeline.config import load_settings
from pipeline.errors import ConfigError
from pipeline.sources.scan_folder import ScanFolder

log = logging.getLogger("pipeline.demo")

INSTALLED_SAMPLE = Path(__file__).resolve().parents[1] / "demo-sample"
TRUTH = "truth.json"

DEMO_CONFIG = """# The demo's configuration: a scan folder holding the sample set, no mailbox.
[paths]
scan_folder = "scan"
output_folder = "output"
state_folder = "var"

[scan]
stable_seconds = 0.5
"""


def run_demo(folder: Path, sample: Path | None = None) -> None:
    sample = sample or INSTALLED_SAMPLE
    if not (sample / TRUTH).is_file():
        raise ConfigError(
            f"no sample set in {sample}: deploy/install.sh makes it "
            f"(python -m tests.generator {sample} --units 6 --seed 2023, from the source checkout)"
        )
    folder = folder.resolve()
    for part in ("scan", "output", "var"):
        shutil.rmtree(folder / part, ignore_errors=True)
    folder.mkdir(parents=True, exist_ok=True)
    config = folder / "config.toml"
    config.write_text(DEMO_CONFIG, encoding="utf-8")
    log.info("copying the sample applications from %s into %s", sample, folder / "scan")
    shutil.copytree(sample, folder / "scan", ignore=shutil.ignore_patterns(TRUTH))
    shutil.copyfile(sample / TRUTH, folder / TRUTH)

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
    print(f"  样例的正确答案 (truth):  {folder / TRUTH}")
    print(f"To run the daemon on this folder: intake run --config {config}")

"""The legacy formats Chinese offices still send: DOC, WPS (Kingsoft's Word-compatible
format), XLS. GIVEN an application form and a summary sheet saved by LibreOffice in the old
binary formats WHEN ingested THEN they are read like their modern versions, and the summary
workbook the program writes opens in LibreOffice too."""

from __future__ import annotations

import subprocess
import tempfile
from pathlib import Path

import pytest

from tests.integration.conftest import find_applicant


def _convert(source: Path, target_ext: str, out: Path) -> Path:
    with tempfile.TemporaryDirectory() as profile:
        subprocess.run(
            ["soffice", f"-env:UserInstallation=file://{profile}", "--headless", "--convert-to", target_ext,
             "--outdir", str(out), str(source)],
            check=True, capture_output=True, timeout=180,
        )
    return out / f"{source.stem}.{target_ext.split(':')[0]}"


@pytest.fixture(scope="module")
def legacy_unit(born_digital_set, tmp_path_factory) -> tuple[Path, dict]:
    packages, truth = born_digital_set
    unit = next(u for u in truth["units"] if u["folder"] and any(
        f["subtype"] == "application_form" and f["path"].endswith(".docx") for f in u["files"]) and any(
        f["subtype"] == "summary_sheet" and f["path"].endswith(".xlsx") and f["path"].startswith(u["folder"]) for f in u["files"]))
    folder = tmp_path_factory.mktemp("legacy") / unit["folder"]
    folder.mkdir()
    form = next(f for f in unit["files"] if f["subtype"] == "application_form")
    sheet = next(f for f in unit["files"] if f["subtype"] == "summary_sheet")
    deeds = next(f for f in unit["files"] if f["type"] == "deeds")
    _convert(packages / form["path"], "doc", folder).rename(folder / "申报表.doc")
    # WPS Writer's .wps is a Word-compatible binary; LibreOffice cannot write one, so a
    # .doc saved under that name stands in, as WPS users' files often are
    _convert(packages / deeds["path"], "doc", folder).rename(folder / "事迹材料.wps")
    _convert(packages / sheet["path"], "xls", folder).rename(folder / "汇总表.xls")
    return folder, unit


def test_doc_wps_and_xls_are_read_like_their_modern_versions(deployment, legacy_unit):
    folder, unit = legacy_unit
    deployment.intake("ingest", str(folder))
    applicant = find_applicant(deployment.status(), unit["unit"], unit["expert"])
    kinds = {(d["filename"], d["type"], d["subtype"]) for d in applicant["documents"]}
    assert ("申报表.doc", "forms", "application_form") in kinds
    assert ("事迹材料.wps", "deeds", None) in kinds
    assert ("汇总表.xls", "forms", "summary_sheet") in kinds
    assert applicant["fields"]["expert"] == unit["fields"]["expert"]
    assert applicant["fields"]["id_number"] == unit["fields"]["id_number"]
    assert applicant["fields"]["staff_count"] == unit["fields"]["staff_count"]


def test_summary_workbook_opens_in_libreoffice(processed_born_digital, tmp_path):
    site, truth = processed_born_digital
    csv = _convert(site.output / "summary.xlsx", "csv:Text - txt - csv (StarCalc):44,34,76", tmp_path)
    text = csv.read_text(encoding="utf-8", errors="replace")
    for unit in truth["units"]:
        assert unit["unit"] in text

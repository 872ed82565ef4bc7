"""No command stops because of one file's content. GIVEN a good application taken in, then the
hostile corpus (tests/hostile/corpus.py) in one `intake ingest`, some of it also in the scan
folder WHEN every command runs THEN each exits 0, the outputs are refreshed and readable, the
good application is still right, every hostile leaf file is a document or an error, and an
application arriving after the corpus still appears."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import openpyxl
import pytest

from tests.generator.package import make_sample_set
from tests.hostile.corpus import CASES, make_corpus
from tests.integration.conftest import Deployment, find_applicant, write_config

pytestmark = pytest.mark.integration

CONTROLS = [chr(code) for code in range(0x20) if chr(code) not in "\t\n\r"] + ["\x7f"]
SCANNED_CASES = ("file_name_not_utf8", "control_characters_in_file_names")
LINK_NAME, LINK_TARGET = "H21-申报表.pdf", Path("/etc/passwd")


def _all_names(status: dict) -> list[str]:
    documents = [d for a in status["applicants"] for d in a["documents"]] + status["unassigned"]
    return [d["filename"] for d in documents] + [e["filename"] for e in status["errors"]]


def _summary(status: dict, unit: dict) -> tuple:
    """The application truth.json names, found under its unit and expert: its documents, missing
    items and flags (how well those match truth.json is the born-digital tests' business)."""
    applicant = find_applicant(status, unit["unit"], unit["expert"])
    assert applicant["expert"] == unit["expert"] and applicant["documents"]
    documents = sorted((d["id"], d["type"], d["subtype"]) for d in applicant["documents"])
    return documents, sorted(applicant["missing"]), sorted(flag["code"] for flag in applicant["flags"])


@pytest.fixture(scope="module")
def hostile_run(tmp_path_factory) -> tuple[Deployment, dict, list[str], dict]:
    root = tmp_path_factory.mktemp("hostile")
    make_sample_set(root / "packages", units=2, seed=29, scans=False, layout="folders")
    truth = json.loads((root / "packages" / "truth.json").read_text(encoding="utf-8"))
    first, later = truth["units"]
    site = write_config(root / "site")
    site.intake("ingest", str(root / "packages" / first["folder"]))
    before = site.status()

    tokens = make_corpus(root / "corpus")
    for name in SCANNED_CASES:
        shutil.copytree(root / "corpus" / name, site.scan / name)
    (site.scan / LINK_NAME).symlink_to(LINK_TARGET)  # someone's link in the share, to a system file
    done = site.intake("ingest", str(root / "corpus"), check=False)
    return site, {"ingest": done, "before": before, "later": later, "first": first, "packages": root / "packages"}, tokens, truth


def test_ingest_of_the_corpus_exits_0_and_refreshes_every_output(hostile_run):
    site, run, _, _ = hostile_run
    assert run["ingest"].returncode == 0, run["ingest"].stderr[-4000:]
    status = site.status()
    assert status["generated_at"] > run["before"]["generated_at"]
    assert len(status["unassigned"]) + len(status["errors"]) > len(run["before"]["unassigned"]) + len(run["before"]["errors"])
    failure = json.loads((site.root / "var" / "output-failure.json").read_text(encoding="utf-8"))
    assert failure["error"] is None and failure["failures"] == []


def test_the_good_application_is_untouched_by_the_corpus(hostile_run):
    site, run, _, _ = hostile_run
    assert _summary(site.status(), run["first"]) == _summary(run["before"], run["first"])


def test_every_hostile_leaf_is_a_document_or_an_error(hostile_run):
    site, _, tokens, _ = hostile_run
    names = _all_names(site.status())
    missing = [token for token in tokens if not any(token in name for name in names)]
    assert not missing, f"leaves that vanished: {missing} (cases: {[c.name for c in CASES]})"


def test_outputs_show_hostile_names_as_text(hostile_run):
    """summary.xlsx opens; no cell is a formula; `=H04+1.docx` is the text it was; no control
    character reaches the workbook, status.json or the reports."""
    site, _, _, _ = hostile_run
    book = openpyxl.load_workbook(site.output / "summary.xlsx")
    cells = [c for sheet in book.worksheets for row in sheet.iter_rows() for c in row if isinstance(c.value, str)]
    assert not [c.value for c in cells if c.data_type == "f"]
    formula_named = [c for c in cells if c.value == "=H04+1.docx"]
    assert formula_named and all(c.data_type == "s" and c.quotePrefix for c in formula_named)
    texts = [c.value for c in cells]
    texts.append((site.output / "status.json").read_text(encoding="utf-8"))
    texts += [page.read_text(encoding="utf-8") for page in (site.output / "reports").glob("*.html")]
    assert not [text[:80] for text in texts if any(char in text for char in CONTROLS)]
    assert "H18-身份证.jpg" in _all_names(site.status())  # GBK bytes on disk, read as GB18030


def test_report_once_and_status_exit_0_after_the_corpus(hostile_run):
    site, _, _, _ = hostile_run
    for command in ("report", "once", "status"):
        done = site.intake(command, check=False)
        assert done.returncode == 0, (command, done.stderr[-4000:])
        if command == "status":
            assert not any(char in done.stdout for char in CONTROLS)


def test_an_application_after_the_corpus_still_appears(hostile_run):
    site, run, _, _ = hostile_run
    site.intake("ingest", str(run["packages"] / run["later"]["folder"]))
    status = site.status()
    _summary(status, run["later"])
    assert _summary(status, run["first"]) == _summary(run["before"], run["first"])


def test_a_link_in_the_scan_folder_is_an_error_never_its_target(hostile_run):
    site, _, _, _ = hostile_run
    site.intake("once")
    assert LINK_NAME in [e["filename"] for e in site.status()["errors"]]
    secret = LINK_TARGET.read_bytes()
    kept = [p for folder in (site.output, site.root / "var") for p in folder.rglob("*") if p.is_file() and not p.is_symlink()]
    assert not [p for p in kept if p.stat().st_size == len(secret) and p.read_bytes() == secret]

"""End to end on paper: degraded scans (skew, noise, blur, JPEG, uneven light, seals,
handwriting), phone photos and whole-bundle PDFs, read by the real Tesseract. GIVEN three
scanned applications WHEN `intake once` takes them from the scan folder THEN each is found
with its expert, bundles are split page by page, and what is missing matches truth."""

from __future__ import annotations

import json
import shutil
from pathlib import PurePosixPath

import pytest

from tests.generator.package import make_sample_set
from tests.integration.conftest import find_applicant, write_config

MIN_PAGES_RIGHT = 0.9


@pytest.fixture(scope="module")
def scanned(tmp_path_factory):
    root = tmp_path_factory.mktemp("scanned")
    site = write_config(root / "site")
    make_sample_set(site.scan, units=3, seed=5, scans=True, bundles=True)
    truth = json.loads((site.scan / "truth.json").read_text(encoding="utf-8"))
    shutil.move(site.scan / "truth.json", root / "truth.json")
    site.intake("once")
    return site, truth


def test_every_scanned_application_is_found_with_its_expert(scanned):
    site, truth = scanned
    status = site.status()
    for unit in truth["units"]:
        applicant = find_applicant(status, unit["unit"], unit["expert"])
        assert applicant["expert"] == unit["expert"]
    assert status["errors"] == []


def test_missing_items_of_scanned_applications_match_truth(scanned):
    site, truth = scanned
    status = site.status()
    for unit in truth["units"]:
        applicant = find_applicant(status, unit["unit"], unit["expert"])
        assert sorted(applicant["missing"]) == sorted(unit["missing"]), unit["unit"]


def test_pages_are_assigned_to_the_right_material(scanned):
    """Bundle split accuracy: each page of truth counted right when the document covering it
    has the material truth gives it."""
    site, truth = scanned
    status = site.status()
    right = total = 0
    wrong = []
    for unit in truth["units"]:
        applicant = find_applicant(status, unit["unit"], unit["expert"])
        for item in unit["files"]:
            name = PurePosixPath(item["path"]).name
            first, last = item["pages"] or (1, 1)
            for page in range(first, last + 1):
                total += 1
                covering = [d for d in applicant["documents"] if d["filename"] == name
                            and (d["pages"] is None or d["pages"][0] <= page <= d["pages"][1])]
                if any((d["type"], d["subtype"]) == (item["type"], item["subtype"]) for d in covering):
                    right += 1
                else:
                    wrong.append((name, page, item["type"], item["subtype"], [(d["type"], d["subtype"]) for d in covering]))
    assert right / total >= MIN_PAGES_RIGHT, f"{right}/{total} pages right; wrong: {wrong}"


def test_key_fields_read_from_scans(scanned):
    site, truth = scanned
    status = site.status()
    for unit in truth["units"]:
        applicant = find_applicant(status, unit["unit"], unit["expert"])
        for name in ("unit", "expert", "id_number"):
            assert applicant["fields"][name] == unit["fields"][name], (unit["unit"], name)

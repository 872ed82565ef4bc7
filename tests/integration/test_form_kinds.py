"""Application forms as they come on paper (tests/generator/kinds.py): filled in by hand and
photographed page by page with a phone (申报表1.jpg, 申报表2.jpg, …), or typed, printed, signed,
stamped and scanned into one PDF. The other materials are born-digital and the copies left out,
to keep the OCR pages few. GIVEN one such application WHEN `intake ingest` takes its folder in
THEN the form is recognised (every photo of it as the form, read as one), its fields come from
their own cells (never a neighbouring label's text), and what is unsure is marked."""

from __future__ import annotations

import random

import pytest

from pipeline.fields.labels import LabelIndex
from pipeline.rules import load_rules
from tests.generator import identity
from tests.generator.department import LEAN_MISSING
from tests.generator.package import UnitSpec, make_package
from tests.integration.conftest import REPO, find_applicant, write_config

LABELS = LabelIndex(load_rules(REPO / "inbox_rules").fields)
FORM_FIELDS = ("skill_level", "occupation", "gender", "team_size", "id_number")


def _ingest(tmp_path_factory, form_as: str, seed: int):
    rng = random.Random(seed)
    unit = identity.make_unit(rng)
    spec = UnitSpec(index=0, seed=rng.randrange(2**31), unit=unit, expert=identity.make_expert(rng, unit), scans=False,
                    evidence=0, missing=set(LEAN_MISSING), form_as=form_as, meaningless_names=0.0)
    out = tmp_path_factory.mktemp(form_as)
    truth = make_package(spec, out / "packages" / unit.name, random.Random(spec.seed))
    site = write_config(out / "site")
    site.intake("ingest", str(out / "packages"))
    return site.status(), truth.as_dict()


@pytest.fixture(scope="module")
def photographed(tmp_path_factory):
    return _ingest(tmp_path_factory, "photos", seed=23)


@pytest.fixture(scope="module")
def printed_scan(tmp_path_factory):
    return _ingest(tmp_path_factory, "printed_scan", seed=29)


def _form_files(truth):
    return [f["path"] for f in truth["files"] if f["subtype"] == "application_form"]


def test_form_photographed_page_by_page_is_one_form(photographed):
    status, truth = photographed
    assert len(_form_files(truth)) >= 2
    applicant = find_applicant(status, truth["unit"], truth["expert"])
    kinds = {d["filename"]: (d["type"], d["subtype"]) for d in applicant["documents"]}
    assert all(kinds.get(name) == ("forms", "application_form") for name in _form_files(truth)), kinds
    assert sorted(applicant["missing"]) == sorted(truth["missing"])
    assert status["unassigned"] == []


def test_team_size_read_from_the_pages_together(photographed):
    status, truth = photographed
    applicant = find_applicant(status, truth["unit"], truth["expert"])
    assert applicant["fields"]["team_size"] == truth["fields"]["team_size"]


@pytest.mark.parametrize("kind", ["photographed", "printed_scan"])
def test_no_value_is_a_label(kind, request):
    """A value read is the truth or at least never a label's text ((职, /职, 工作岗位); a length not
    read is said (length_unread), never silently skipped."""
    status, truth = request.getfixturevalue(kind)
    applicant = find_applicant(status, truth["unit"], truth["expert"])
    for name in FORM_FIELDS:
        value = applicant["fields"].get(name)
        assert value is None or not LABELS.is_label_text(str(value)), (name, value)
    if applicant["fields"]["achievements_chars"] is None:
        assert "length_unread" in {flag["code"] for flag in applicant["flags"]}

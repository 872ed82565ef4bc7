"""`intake demo`'s own sample set (the generator's 6 applications of seed 2023, scans included, as
`intake demo` and deploy/install.sh make it) raises no false copy flag: every copy flag raised
for an applicant is one its truth.json holds, and no seal's unit name is called another's."""

from __future__ import annotations

import json

import pytest

from tests.generator.package import make_sample_set
from tests.integration.conftest import find_applicant, write_config

DEMO_UNITS, DEMO_SEED = 6, 2023  # intake demo's sample
COPY_FLAGS = {"copy_not_certified", "copy_missing_seal", "copy_missing_signature", "copy_seal_unit_mismatch"}


@pytest.fixture(scope="module")
def demo_processed(tmp_path_factory):
    root = tmp_path_factory.mktemp("demo")
    make_sample_set(root / "sample", units=DEMO_UNITS, seed=DEMO_SEED)
    truth = json.loads((root / "sample" / "truth.json").read_text(encoding="utf-8"))
    (root / "sample" / "truth.json").unlink()
    site = write_config(root / "site")
    site.intake("ingest", str(root / "sample"), timeout=3600)
    return site.status(), truth


def test_demo_sample_raises_no_false_copy_flag(demo_processed):
    status, truth = demo_processed
    false = []
    for unit in truth["units"]:
        applicant = find_applicant(status, unit["unit"], unit["expert"])
        expected = set(unit["flags"]) & COPY_FLAGS
        false += [(unit["unit"], flag["code"], flag["detail"]) for flag in applicant["flags"]
                  if flag["code"] in COPY_FLAGS and flag["code"] not in expected]
    assert false == []


def test_demo_sample_copies_are_checked(demo_processed):
    """The test means something only if the copies went through the certification checks."""
    status, _ = demo_processed
    certified = [document["certified"] for applicant in status["applicants"] for document in applicant["documents"]
                 if document["certified"] is not None]
    assert certified and any(True in marks.values() for marks in certified)

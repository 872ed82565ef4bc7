"""The same bytes are one document, however often and by whichever way they arrive; a
second pass adds nothing; a restart resumes."""

from __future__ import annotations

import shutil


def _document_ids(status: dict) -> list[str]:
    ids = [d["id"] for a in status["applicants"] for d in a["documents"]]
    return sorted(ids + [d["id"] for d in status["unassigned"]])


def test_ingesting_twice_changes_nothing(deployment, born_digital_set):
    packages, _ = born_digital_set
    deployment.intake("ingest", str(packages))
    first = deployment.status()
    deployment.intake("ingest", str(packages))
    second = deployment.status()
    assert _document_ids(first) == _document_ids(second)
    assert [a["missing"] for a in first["applicants"]] == [a["missing"] for a in second["applicants"]]


def test_same_bytes_by_scan_and_by_ingest_are_one_document(deployment, born_digital_set, tmp_path):
    packages, truth = born_digital_set
    unit_folder = next(p for p in packages.iterdir() if p.is_dir())
    deployment.intake("ingest", str(unit_folder))
    before = _document_ids(deployment.status())
    shutil.copytree(unit_folder, deployment.scan / unit_folder.name)
    deployment.intake("once")
    after = deployment.status()
    assert _document_ids(after) == before
    sources = {d["source"].split(":")[0] for a in after["applicants"] for d in a["documents"]}
    assert sources == {"ingest"}  # the first sighting names the document's source


def test_a_later_file_completes_the_same_application(deployment, born_digital_set, tmp_path):
    packages, truth = born_digital_set
    unit = next(u for u in truth["units"] if not u["missing"] and u["folder"])
    folder = packages / unit["folder"]
    deeds = next(f for f in unit["files"] if f["type"] == "deeds")
    partial = tmp_path / "partial" / unit["folder"]
    shutil.copytree(folder, partial)
    (partial.parent / deeds["path"]).unlink()
    deployment.intake("ingest", str(partial.parent))
    applicant = next(a for a in deployment.status()["applicants"] if a["unit"] == unit["unit"])
    assert "deeds" in applicant["missing"]

    late = tmp_path / "late" / unit["folder"]
    late.mkdir(parents=True)
    shutil.copy(packages / deeds["path"], late)
    deployment.intake("ingest", str(late.parent))
    applicants = [a for a in deployment.status()["applicants"] if a["unit"] == unit["unit"]]
    assert len(applicants) == 1
    assert "deeds" not in applicants[0]["missing"]

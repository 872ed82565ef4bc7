"""End to end on born-digital packages: Word forms, Excel summary sheets, text PDFs,
credential images. GIVEN seven generated applications with known defects WHEN `intake
ingest` takes them in THEN status.json, the workbook and the reports say what truth.json says."""

from __future__ import annotations

from pathlib import PurePosixPath

import openpyxl

from tests.integration.conftest import find_applicant

KEY_FIELDS = ("unit", "expert", "id_number", "team_size", "staff_count", "high_skill_count", "age", "achievements_chars", "deeds_chars",
              "skill_level", "gender", "contact_person")


def test_every_application_is_found_with_its_expert(processed_born_digital):
    site, truth = processed_born_digital
    status = site.status()
    assert status["schema"] == 1
    assert len(status["applicants"]) == len(truth["units"])
    for unit in truth["units"]:
        find_applicant(status, unit["unit"], unit["expert"])
    assert status["unassigned"] == []
    assert status["errors"] == []


def test_missing_items_match_truth(processed_born_digital):
    site, truth = processed_born_digital
    status = site.status()
    for unit in truth["units"]:
        applicant = find_applicant(status, unit["unit"], unit["expert"])
        assert sorted(applicant["missing"]) == sorted(unit["missing"]), unit["unit"]
        assert applicant["complete"] is (not unit["missing"])


COPY_FLAGS = {"copy_not_certified", "copy_missing_seal", "copy_missing_signature", "copy_seal_unit_mismatch"}


def test_flags_match_truth(processed_born_digital):
    """The notice's rules exactly; the certified-copy marks have their own measured
    precision and recall (benchmarks/certify_marks.py)."""
    site, truth = processed_born_digital
    status = site.status()
    for unit in truth["units"]:
        applicant = find_applicant(status, unit["unit"], unit["expert"])
        found = {flag["code"] for flag in applicant["flags"]} - COPY_FLAGS
        assert found == set(unit["flags"]) - COPY_FLAGS, (unit["unit"], applicant["flags"])
        for flag in applicant["flags"]:
            assert flag["detail"], "every flag explains itself to staff"


def test_certified_marks_are_null_when_unsure_and_never_on_non_copies(processed_born_digital):
    site, truth = processed_born_digital
    for applicant in site.status()["applicants"]:
        for document in applicant["documents"]:
            if document["type"] in ("forms", "deeds", "report") or document["subtype"] == "work_photo":
                assert document["certified"] is None, document
            elif document["certified"] is not None:
                assert set(document["certified"]) == {"phrase", "seal", "signature"}
                assert all(value in (True, False, None) for value in document["certified"].values())


def test_fields_match_truth(processed_born_digital):
    site, truth = processed_born_digital
    status = site.status()
    for unit in truth["units"]:
        applicant = find_applicant(status, unit["unit"], unit["expert"])
        for name in KEY_FIELDS:
            expected = unit["fields"].get(name)
            if expected is not None:
                assert applicant["fields"][name] == expected, (unit["unit"], name)


def test_each_file_is_classified_as_its_material(processed_born_digital):
    site, truth = processed_born_digital
    status = site.status()
    wrong = []
    total = 0
    for unit in truth["units"]:
        applicant = find_applicant(status, unit["unit"], unit["expert"])
        by_name = {}
        for document in applicant["documents"]:
            by_name.setdefault(document["filename"], []).append(document)
        for item in unit["files"]:
            name = PurePosixPath(item["path"]).name
            total += 1
            candidates = by_name.get(name, [])
            if item["pages"]:
                candidates = [d for d in candidates if d["pages"] == item["pages"]]
            if not any((d["type"], d["subtype"]) == (item["type"], item["subtype"]) for d in candidates):
                wrong.append((unit["unit"], item["path"], item["type"], item["subtype"], [(d["type"], d["subtype"]) for d in candidates]))
    assert not wrong, f"{len(wrong)} of {total} files misclassified: {wrong}"


def test_status_json_documents_follow_the_contract(processed_born_digital):
    site, _ = processed_born_digital
    status = site.status()
    for applicant in status["applicants"]:
        assert set(applicant) >= {"unit", "expert", "complete", "received_first", "received_last", "missing", "flags", "fields", "documents"}
        for document in applicant["documents"]:
            assert document["source"].startswith("ingest:")
            assert len(document["sha256"]) == 64
            assert document["type"] in ("forms", "deeds", "report", "credentials", "evidence", "unknown")
            assert 0 <= document["confidence"] <= 1
            assert "+" in document["received_at"] or document["received_at"].endswith("Z")


def test_workbook_has_one_row_per_application(processed_born_digital):
    site, truth = processed_born_digital
    book = openpyxl.load_workbook(site.output / "summary.xlsx")
    sheet = book["汇总表"]
    headers = [cell.value for cell in sheet[3]]
    assert headers[:5] == ["序号", "申报单位名称", "单位职工总人数", "高技能人才人数", "专家姓名"]
    assert {"材料状态", "缺少材料", "待处理问题", "首次收到时间", "最近收到时间"} <= set(headers)
    rows = [dict(zip(headers, (cell.value for cell in row))) for row in sheet.iter_rows(min_row=4) if row[1].value]
    assert len(rows) == len(truth["units"])
    experts = {(row["申报单位名称"], row["专家姓名"]) for row in rows}
    for unit in truth["units"]:
        assert (unit["unit"], unit["expert"]) in experts
    status = {(a["unit"], a["expert"]): a["state"] for a in site.status()["applicants"]}
    names = {"complete": "齐全", "needs_correction": "需补正", "late": "逾期"}
    for row in rows:
        assert row["材料状态"] == names[status[(row["申报单位名称"], row["专家姓名"])]]
    assert sum(row["材料状态"] != "齐全" for row in rows) >= sum(1 for unit in truth["units"] if unit["missing"])


def test_reports_name_every_unit_and_what_is_missing(processed_born_digital):
    site, truth = processed_born_digital
    index = (site.output / "reports" / "index.html").read_text(encoding="utf-8")
    for unit in truth["units"]:
        assert unit["unit"] in index
    pages = [p.read_text(encoding="utf-8") for p in (site.output / "reports").glob("applicant-*.html")]
    assert len(pages) == len(truth["units"])
    missing_pages = [page for page in pages if "缺少，请通知申报单位补交" in page]
    assert len(missing_pages) == sum(1 for unit in truth["units"] if unit["missing"])


def test_archive_files_every_document_under_its_unit(processed_born_digital):
    site, truth = processed_born_digital
    status = site.status()
    archive = site.output / "archive"
    for applicant in status["applicants"]:
        folder = archive / f"{applicant['unit']}-{applicant['expert']}"
        assert folder.is_dir(), folder
        filed = [p for p in folder.rglob("*") if p.is_file()]
        assert len(filed) >= len(applicant["documents"]) - 1  # a shared summary sheet is filed once per unit


def test_outputs_are_rebuilt_from_the_store_alone(processed_born_digital):
    site, _ = processed_born_digital
    before = site.status()
    (site.output / "status.json").unlink()
    (site.output / "summary.xlsx").unlink()
    site.intake("report")
    after = site.status()
    assert after["applicants"] == before["applicants"]
    assert (site.output / "summary.xlsx").exists()

"""Tests of the test-data generator itself (tests/generator)."""
from __future__ import annotations

import json
import random
from pathlib import Path

import numpy as np
import pytest
from PIL import Image

from tests.generator import identity, marks, pages, texts
from tests.generator.forms import SUMMARY_HEADER
from tests.generator.package import REQUIRED, UnitSpec, make_package, make_sample_set


def _unit_expert(seed: int = 1, **kw):
    rng = random.Random(seed)
    unit = identity.make_unit(rng)
    return rng, unit, identity.make_expert(rng, unit, **kw)


def test_id_check_digit_known_value():
    # GB 11643 example: 11010519491231002X
    assert identity.id_check_digit("11010519491231002") == "X"
    assert identity.id_is_valid("11010519491231002X")
    assert not identity.id_is_valid("110105194912310021")


@pytest.mark.parametrize("valid", [True, False])
def test_generated_id_numbers(valid):
    rng = random.Random(7)
    for _ in range(200):
        p = identity.make_person(rng, valid_id=valid)
        assert len(p.id_number) == 18 and p.id_number[:17].isdigit()
        assert identity.id_is_valid(p.id_number) is valid
        assert p.id_number[6:14] == p.birth_date.strftime("%Y%m%d")
        assert (int(p.id_number[16]) % 2 == 1) == (p.gender == "男")


def test_age_as_of_deadline():
    import datetime as dt
    assert identity.age_on(dt.date(1980, 8, 31)) == 43
    assert identity.age_on(dt.date(1980, 9, 1)) == 42


@pytest.mark.parametrize("target", [1100, 1500, 1777, 2000, 2450])
def test_deeds_length_exact(target):
    rng, unit, expert = _unit_expert(target)
    nar = texts.deeds(expert, unit, rng, target)
    assert nar.chars == target == texts.nonws(nar.text)
    assert expert.name in nar.title


@pytest.mark.parametrize("target", [120, 299, 300, 350])
def test_achievements_length_exact(target):
    rng, unit, expert = _unit_expert(target)
    assert texts.nonws(texts.achievements(expert, unit, rng, target)) == target


@pytest.fixture(scope="module")
def digital_set(tmp_path_factory) -> tuple[Path, dict]:
    out = tmp_path_factory.mktemp("digital")
    make_sample_set(out, units=12, seed=11, scans=False, layout="folders")
    return out, json.loads((out / "truth.json").read_text(encoding="utf-8"))


def _files(truth: dict, subtype: str, ext: str) -> list[str]:
    return sorted({f["path"] for u in truth["units"] for f in u["files"] if f["subtype"] == subtype and f["path"].endswith(ext)})


def test_truth_json_round_trips(digital_set):
    out, truth = digital_set
    assert truth["seed"] == 11 and len(truth["units"]) == 12
    again = json.loads(json.dumps(truth, ensure_ascii=False))
    assert again == truth
    for u in truth["units"]:
        assert set(u["missing"]) <= set(REQUIRED)
        assert set(u["fields"]) == {"unit", "expert", "gender", "birth_date", "id_number", "occupation", "skill_level", "title",
                                    "team_size", "staff_count", "age", "contact_person", "contact_phone",
                                    "achievements_chars", "deeds_chars", "high_skill_count"}
        for f in u["files"]:
            assert (out / f["path"]).is_file(), f["path"]
            assert f["type"] in {"forms", "deeds", "report", "credentials", "evidence"}
        present = {f"{f['type']}.{f['subtype']}" if f["type"] in ("forms", "credentials") else f["type"] for f in u["files"]}
        for m in REQUIRED:
            assert (m in u["missing"]) != (m in present), (u["unit"], m)


def test_docx_application_form_has_table_labels(digital_set):
    from docx import Document
    out, truth = digital_set
    paths = _files(truth, "application_form", ".docx")
    assert paths
    for rel in paths:
        doc = Document(str(out / rel))
        cells = {c.text.strip() for t in doc.tables for row in t.rows for c in row.cells}
        text = " ".join(cells)
        for label in ("申报单位", "专家姓名", "身份证号码", "所在单位意见", "主管部门意见"):
            assert label in text, (rel, label)
        u = next(u for u in truth["units"] if any(f["path"] == rel for f in u["files"]))
        assert u["fields"]["id_number"] in text


def test_xlsx_summary_sheet_has_header_row(digital_set):
    from openpyxl import load_workbook
    out, truth = digital_set
    paths = _files(truth, "summary_sheet", ".xlsx")
    assert paths
    for rel in paths:
        ws = load_workbook(out / rel).active
        rows = [[c for c in r if c is not None] for r in ws.iter_rows(values_only=True)]
        header = [r for r in rows if "申报单位名称" in r]
        assert header and header[0] == SUMMARY_HEADER
        u = next(u for u in truth["units"] if any(f["path"] == rel for f in u["files"]))
        data = [r for r in rows if u["expert"] in r]
        assert data and int(data[0][6]) == u["fields"]["age"]


def test_deeds_chars_match_rendered_docx(digital_set):
    from docx import Document
    out, truth = digital_set
    checked = 0
    for u in truth["units"]:
        for f in u["files"]:
            if f["type"] == "deeds" and f["path"].endswith(".docx"):
                text = "".join(p.text for p in Document(str(out / f["path"])).paragraphs)
                assert texts.nonws(text) == u["fields"]["deeds_chars"]
                checked += 1
    assert checked


def _red_pixels(img: Image.Image) -> int:
    a = np.asarray(img.convert("RGB")).astype(int)
    return int(((a[..., 0] > 150) & (a[..., 0] - a[..., 1] > 70) & (a[..., 0] - a[..., 2] > 60)).sum())


@pytest.mark.parametrize("seal", [True, False])
def test_certification_seal_red_pixels(tmp_path, seal):
    rng, unit, expert = _unit_expert(3)
    page = pages.id_card_page(expert, 100, rng, color=False)   # grey copy: no red of its own
    before = _red_pixels(page)
    c = marks.certify(page, rng, unit.name, "王小明", seal=seal, seal_style="red", dpi=100)
    path = tmp_path / "copy.jpg"
    page.save(path, quality=75)
    red = _red_pixels(Image.open(path))
    assert before == 0
    assert c.seal is seal
    assert (red > 500) if seal else (red < 50)


def test_scanned_package_truth(tmp_path):
    rng, unit, expert = _unit_expert(5)
    spec = UnitSpec(index=0, seed=5, unit=unit, expert=expert, defects={"copy_missing_seal"}, scans=True, evidence=1, dpi=100)
    truth = make_package(spec, tmp_path, random.Random(5))
    assert "copy_missing_seal" in truth.flags
    certs = [f for f in truth.files if f.certified is not None]
    assert certs and any(not f.certified["seal"] for f in certs)
    for f in truth.files:
        assert (tmp_path / f.path).exists()
    jpgs = [f for f in certs if f.path.lower().endswith((".jpg", ".png"))]
    for f in jpgs:
        red = _red_pixels(Image.open(tmp_path / f.path))
        if not f.certified["seal"] and f.subtype == "id_card":
            assert red < 200


def test_flat_layout_with_bundles(tmp_path):
    st = make_sample_set(tmp_path, units=4, seed=2, scans=True, layout="flat", bundles=True, dpi=100)
    assert all("/" not in f.path for u in st.units for f in u.files)
    for u in st.units:
        for f in u.files:
            if f.pages:
                assert 1 <= f.pages[0] <= f.pages[1]

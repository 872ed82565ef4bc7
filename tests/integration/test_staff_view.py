"""The outputs as staff use them: every report page opened in a real headless Chromium and
printed to A4, the workbook printed through LibreOffice, the 补正通知 opened with python-docx.
On the born-digital generated set (fast)."""

from __future__ import annotations

import json
import re
import subprocess
import tempfile
import unicodedata
from pathlib import Path

import openpyxl
import pytest
from docx import Document
from pypdf import PdfReader

from pipeline.outputs.workbook_layout import MAIN_WITHOUT_SENDING as MAIN
from tests.integration import browser

A4 = (595.0, 842.0)  # points
pytestmark = pytest.mark.skipif(browser.chromium() is None, reason="Debian's chromium (deploy/apt-packages-test.txt)")


def _is_a4(page, landscape: bool = False) -> bool:
    width, height = float(page.mediabox.width), float(page.mediabox.height)
    expected = A4[::-1] if landscape else A4
    return abs(width - expected[0]) < 3 and abs(height - expected[1]) < 3


def _printed_name(name: str) -> re.Pattern:
    """A name as a PDF's text layer gives it back: a character whose glyph the font shares with
    a radical may come out as that radical (⻝ for 食, ⼤ for 大)."""
    return re.compile("".join(f"(?:{re.escape(ch)}|[\u2e80-\u2fdf])" for ch in unicodedata.normalize("NFKC", name)))


def _applicant_pages(site) -> dict[str, Path]:
    """unit -> its report page, read from the overview's links."""
    status = site.status()
    reports = site.output / "reports"
    pages = {}
    for path in reports.glob("applicant-*.html"):
        html = path.read_text(encoding="utf-8")
        unit = next(a["unit"] for a in status["applicants"] if f"<h1>{a['unit']}</h1>" in html)
        pages[path.name] = (unit, path)
    return pages


def test_every_report_page_loads_with_all_links_and_images(processed_born_digital):
    site, truth = processed_born_digital
    reports = site.output / "reports"
    pages = [reports / "index.html", *sorted(reports.glob("applicant-*.html"))]
    assert len(pages) == len(truth["units"]) + 1
    for page in pages:
        loaded = browser.load(page)
        assert loaded.dom.strip(), page
        assert loaded.console == [], (page.name, loaded.console)
        assert browser.broken_links(page, loaded.dom) == [], page.name
    index = browser.load(reports / "index.html").dom
    for unit in truth["units"]:
        assert unit["unit"] in index
    for text in ("齐全", "需补正", "逾期", "下一步工作", "扫描文件夹"):
        assert text in index


def test_reports_print_on_a4_with_the_unit_on_every_page(processed_born_digital, tmp_path):
    site, _ = processed_born_digital
    for name, (unit, page) in _applicant_pages(site).items():
        pdf = PdfReader(browser.print_pdf(page, tmp_path / f"{name}.pdf"))
        assert len(pdf.pages) >= 1
        for number, printed in enumerate(pdf.pages, start=1):
            assert _is_a4(printed), (name, number, printed.mediabox)
            text = "".join(printed.extract_text().split())
            assert _printed_name(unit).search(text), f"{unit} not on page {number} of {name}"
    overview = PdfReader(browser.print_pdf(site.output / "reports" / "index.html", tmp_path / "index.pdf"))
    assert all(_is_a4(page) for page in overview.pages)


def test_applicant_pages_show_a_thumbnail_for_each_document(processed_born_digital):
    """Word, Excel and PDF files alike get a first-page picture (LibreOffice renders office files)."""
    site, _ = processed_born_digital
    for _, (unit, page) in _applicant_pages(site).items():
        html = page.read_text(encoding="utf-8")
        rows = html.split("<h2>四、收到的文件</h2>", 1)[1].count("<tr id=")
        thumbs = html.split("<h2>四、收到的文件</h2>", 1)[1].count('alt="首页缩略图"')
        assert rows and thumbs == rows, (unit, rows, thumbs)


def _pdf_pages(xlsx: Path, workdir: Path) -> list:
    with tempfile.TemporaryDirectory(prefix="lo-profile-") as profile:
        subprocess.run(["soffice", f"-env:UserInstallation=file://{profile}", "--headless", "--norestore",
                        "--convert-to", "pdf", "--outdir", str(workdir), str(xlsx)],
                       capture_output=True, timeout=300, check=True)
    return PdfReader(workdir / f"{xlsx.stem}.pdf").pages


def test_workbook_prints_one_page_wide_on_landscape_a4(processed_born_digital, tmp_path):
    """GIVEN the 汇总表 alone WHEN LibreOffice prints it THEN landscape A4 pages each holding the
    first and the last column under the repeated header (one page wide); the whole workbook:
    every page landscape A4, and far fewer pages than rows."""
    site, truth = processed_born_digital
    book = openpyxl.load_workbook(site.output / "summary.xlsx")
    for name in book.sheetnames[1:]:
        del book[name]
    main_only = tmp_path / "main_only.xlsx"
    book.save(main_only)
    pages = _pdf_pages(main_only, tmp_path / "main")
    first, last = MAIN.columns[0].header, MAIN.columns[-1].header
    for page in pages:  # one page wide: every page holds the first and the last column, headed
        text = "".join(page.extract_text().split())
        assert _is_a4(page, landscape=True)
        assert _printed_name(first).search(text) and _printed_name(last).search(text)
    assert len(pages) <= 1 + len(truth["units"]) // 4
    book = openpyxl.load_workbook(site.output / "summary.xlsx")
    rows = sum(book[name].max_row for name in ("材料明细", "问题清单", "未归属及无法读取"))
    pages = _pdf_pages(site.output / "summary.xlsx", tmp_path / "all")
    assert all(_is_a4(page, landscape=True) for page in pages)
    assert len(pages) <= 1 + 3 + rows // 8  # one page wide: a page holds far more than 8 rows


def test_notices_for_each_application_needing_correction(processed_born_digital, tmp_path):
    site, _ = processed_born_digital
    status = site.status()
    notices = site.output / "notices"
    needing = [a for a in status["applicants"] if a["state"] == "needs_correction"]
    assert needing, "the generated set has applications to correct"
    names = {item["code"]: item["name"] for item in _requirements()}
    for applicant in needing:
        path = notices / f"{applicant['unit']}-{applicant['expert']}-补正通知.docx"
        assert path.exists(), path.name
        text = "\n".join(p.text for p in Document(path).paragraphs)
        assert applicant["unit"] in text and "补正" in text
        for code in applicant["missing"]:
            assert names[code] in text
        assert "重庆市梁平区人力资源和社会保障局" in text
    for applicant in status["applicants"]:
        if applicant["state"] == "complete":
            assert not (notices / f"{applicant['unit']}-{applicant['expert']}-补正通知.docx").exists()
    before = {p.name: p.read_bytes() for p in notices.iterdir()}
    site.intake("report")
    assert {p.name: p.read_bytes() for p in notices.iterdir()} == before


def _requirements() -> list[dict]:
    import tomllib

    from tests.integration.conftest import REPO

    return tomllib.loads((REPO / "inbox_rules" / "requirements.toml").read_text(encoding="utf-8"))["item"]


def test_status_json_carries_state_and_review(processed_born_digital):
    site, _ = processed_born_digital
    for applicant in json.loads((site.output / "status.json").read_text(encoding="utf-8"))["applicants"]:
        assert applicant["state"] in ("complete", "needs_correction", "late")
        open_flags = [f for f in applicant["flags"] if not (f["review"] and f["review"]["verdict"] == "false_alarm")]
        assert (applicant["state"] == "complete") == (not applicant["missing"] and not open_flags)
        for flag in applicant["flags"]:
            assert "review" in flag

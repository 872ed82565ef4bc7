"""Outputs that cannot be poisoned: the sanitiser alone, then each writer on a state full of
hostile text, then one writer failing while the others are written."""

from __future__ import annotations

import io
import json
import logging
from dataclasses import replace
from datetime import date, datetime

import openpyxl
import pytest
from docx import Document

from pipeline.app import App
from pipeline.cli import CleanFormatter
from pipeline.config import Settings
from pipeline.health import read_heartbeat
from pipeline.health.heartbeat import HeartbeatWriter, Pulse
from pipeline.models import Applicant, Flag, IntakeErrorEntry, IntakeState
from pipeline.health.heartbeat import OUTPUT_FAILURE_FILE, read_output_failure
from pipeline.outputs.archive import ArchiveWriter
from pipeline.outputs.corrections import Item
from pipeline.outputs.failures import OutputRun, PartsFailed, read_failures
from pipeline.outputs.html_report import HtmlReport
from pipeline.outputs.safe_text import (
    CUT_MARK,
    WORKBOOK_CELL_LIMIT,
    clean_text,
    clean_value,
    file_name_text,
    looks_like_formula,
)
from pipeline.outputs.notices import NoticeText, Sender, render
from pipeline.outputs.status_json import write_status
from pipeline.outputs.vocabulary import page_name
from pipeline.outputs.workbook import write_workbook
from pipeline.store import Store
from tests.unit.builders import BEFORE, DEADLINE, doc, linked, sighting
from tests.unit.conftest import RULES_DIR

POISON = "\x1b$B\x07\x00\x7f\x85\ud800\uffff"


# --- the sanitiser -----------------------------------------------------------------------------

@pytest.mark.parametrize(
    "given, shown",
    [
        ("a\x1bb", "a\u241bb"),  # ESC as ␛
        ("\x00\x07", "\u2400\u2407"),  # NUL ␀, BEL ␇
        ("x\x7f", "x\u2421"),  # DEL ␡
        ("\x85\x9f", "\ufffd\ufffd"),  # C1
        ("lone \ud800 \udcff", "lone \ufffd \ufffd"),  # lone surrogates (also surrogateescape bytes)
        ("\ufffe\uffff", "\ufffd\ufffd"),  # XML refuses these
        ("H03-\u202egpj.docx", "H03-\ufffdgpj.docx"),  # a right-to-left override would show it as H03-xcod.jpg
        ("\u2066a\u2069\u202a", "\ufffda\ufffd\ufffd"),  # bidirectional isolates and embeddings
        ("a\tb\nc", "a\tb\nc"),  # tab and line feed stay
        ("a\r\nb\rc", "a\nb\nc"),  # CR and CRLF become a line feed
        ("申报表（张三）.pdf", "申报表（张三）.pdf"),
    ],
)
def test_control_characters_are_replaced_visibly(given, shown):
    assert clean_text(given) == shown


def test_long_text_is_capped_with_a_visible_mark():
    text = clean_text("字" * 50, limit=20)
    assert len(text) == 20 and text.endswith(CUT_MARK) and text.startswith("字")
    assert clean_text("字" * 20, limit=20) == "字" * 20


@pytest.mark.parametrize("text", ["=1+1", "+1", "-1", "@SUM(A1)", "\t=1+1", "\n=cmd", "  =1"])
def test_formula_prefixes_are_recognised(text):
    assert looks_like_formula(text)


@pytest.mark.parametrize("text", ["", "1=1", "申报表", "a-b", "  "])
def test_plain_texts_are_not_formulas(text):
    assert not looks_like_formula(text)


def test_clean_value_reaches_keys_and_nested_texts():
    assert clean_value({"a\x1b": ["\x07", ("\x00",), 3, None]}) == {"a\u241b": ["\u2407", ["\u2400"], 3, None]}


def test_file_names_keep_no_separator_or_control():
    assert file_name_text("../a\\b:c\x1b\n.pdf") == "_a_b_c\u241b_.pdf"
    assert file_name_text(" . ") == "_"
    assert len(file_name_text("字" * 100, limit=40)) == 40


# --- every writer on hostile text --------------------------------------------------------------

def _poisoned_state() -> IntakeState:
    form = doc("form", "forms", "application_form", fields={"unit": "恒达" + POISON})
    photo = doc("photo", "credentials", "work_photo")
    applicant = Applicant(
        unit="恒达机械" + POISON,
        unit_key="恒达机械",
        expert="=HYPERLINK(\"http://x\")",
        documents=[linked(form, sighting(form, filename="=1+1")), linked(photo, sighting(photo, filename="照片\x1b[31m.jpg"))],
        fields={"unit": "恒达" + POISON, "contact_phone": "+86 138", "occupation": "x" * 40_000},
        missing=["deeds"],
        flags=[Flag("unclassified", "说明" + POISON, document=form.id)],
        received_first=BEFORE,
        received_last=BEFORE,
        received_items=[],
    )
    stray = doc("stray", "unknown")
    return IntakeState(
        generated_at=datetime(2023, 8, 21, 9, 0, tzinfo=DEADLINE.tzinfo),
        deadline=DEADLINE,
        applicants=[applicant],
        unassigned=[linked(stray, sighting(stray, filename="@stray\x00.pdf"))],
        errors=[IntakeErrorEntry("mail:INBOX/1/2", "坏\udce6\x07.zip", "无法读取" + POISON)],
    )


def _all_cells(path):
    book = openpyxl.load_workbook(path)
    return [cell for sheet in book.worksheets for row in sheet.iter_rows() for cell in row if cell.value is not None]


def test_workbook_takes_hostile_text_as_plain_text(tmp_path, rules):
    """GIVEN names and texts with control characters, formula prefixes and a 40,000-character value
    WHEN the workbook is written and opened again
    THEN it opens, no cell is a formula, `=1+1` reads as the text `=1+1`, controls show as ␛ etc."""
    target = tmp_path / "summary.xlsx"
    write_workbook(_poisoned_state(), rules, target, "测试")
    write_workbook(_poisoned_state(), rules, target, "测试")  # a refresh reads the first back
    cells = _all_cells(target)
    assert not [c for c in cells if c.data_type == "f"]
    by_value = {c.value: c for c in cells if isinstance(c.value, str)}
    assert "=1+1" in by_value and by_value["=1+1"].data_type == "s" and by_value["=1+1"].quotePrefix
    assert by_value['=HYPERLINK("http://x")'].quotePrefix
    assert "@stray\u2400.pdf" in by_value
    assert "照片\u241b[31m.jpg" in by_value
    assert any("恒达机械\u241b$B\u2407\u2400\u2421" in value for value in by_value)
    assert max(len(value) for value in by_value) <= WORKBOOK_CELL_LIMIT
    assert not any(ch in value for value in by_value for ch in "\x1b\x00\x07\x7f\ud800\udce6")


def test_staff_formulas_survive_a_refresh(tmp_path, rules):
    """GIVEN a workbook where staff added a column holding a formula
    WHEN the workbook is refreshed
    THEN that formula is still a formula; the program's own texts stay text."""
    target = tmp_path / "summary.xlsx"
    write_workbook(_poisoned_state(), rules, target, "测试")
    book = openpyxl.load_workbook(target)
    sheet = book["汇总表"]
    sheet.cell(row=3, column=sheet.max_column + 1, value="合计")
    sheet.cell(row=4, column=sheet.max_column, value="=1+2")
    book.save(target)
    write_workbook(_poisoned_state(), rules, target, "测试")
    formulas = [c.value for c in _all_cells(target) if c.data_type == "f"]
    assert formulas == ["=1+2"]


def test_status_json_and_reports_take_hostile_text(tmp_path, rules):
    state = _poisoned_state()
    write_status(state, rules, tmp_path / "status.json")
    status = json.loads((tmp_path / "status.json").read_text(encoding="utf-8"))
    assert status["applicants"][0]["unit"] == "恒达机械\u241b$B\u2407\u2400\u2421\ufffd\ufffd\ufffd"
    assert status["errors"][0]["filename"] == "坏\ufffd\u2407.zip"
    HtmlReport(tmp_path / "reports", rules, "测试").write(state)
    for page in (tmp_path / "reports").glob("*.html"):
        html = page.read_text(encoding="utf-8")
        assert not any(ch in html for ch in "\x1b\x00\x07\x7f")
    index = (tmp_path / "reports" / "index.html").read_text(encoding="utf-8")
    assert "@stray\u2400.pdf" in index and "坏\ufffd\u2407.zip" in index


# --- one output failing ------------------------------------------------------------------------

def test_one_failing_output_does_not_stop_the_others(tmp_path):
    """GIVEN three outputs, the second raising
    WHEN a refresh attempts them in turn
    THEN the first and third are written, the failure is recorded with its output and reason,
    and a later clean refresh clears `failures` but keeps `last_failure`."""
    written = []
    run = OutputRun(datetime(2023, 8, 21, 9, 0, tzinfo=DEADLINE.tzinfo))

    def broken():
        raise ValueError("bad\x1b cell")

    assert run.attempt("archive", lambda: written.append("archive"))
    assert not run.attempt("summary.xlsx", broken)
    assert run.attempt("status.json", lambda: written.append("status.json"))
    run.record(tmp_path)
    assert written == ["archive", "status.json"]
    health = read_failures(tmp_path / OUTPUT_FAILURE_FILE)
    assert [f["output"] for f in health["failures"]] == ["summary.xlsx"]
    assert health["failures"][0]["error"] == "ValueError: bad\u241b cell"
    assert read_output_failure(tmp_path).startswith("summary.xlsx: ValueError: bad\u241b cell")  # what intake health shows

    later = OutputRun(datetime(2023, 8, 21, 10, 0, tzinfo=DEADLINE.tzinfo))
    later.attempt("summary.xlsx", lambda: None)
    later.record(tmp_path)
    health = read_failures(tmp_path / OUTPUT_FAILURE_FILE)
    assert health["failures"] == [] and health["last_failure"]["output"] == "summary.xlsx"
    assert read_output_failure(tmp_path) is None
    assert health["refreshed_at"].startswith("2023-08-21T10:00")


def test_overview_names_the_outputs_that_failed(tmp_path, rules):
    run = OutputRun(datetime(2023, 8, 21, 9, 0, tzinfo=DEADLINE.tzinfo))
    run.attempt("summary.xlsx", lambda: 1 / 0)
    HtmlReport(tmp_path / "reports", rules, "测试").write(_poisoned_state(), run.failures)
    index = (tmp_path / "reports" / "index.html").read_text(encoding="utf-8")
    assert "未能更新" in index and "汇总表 summary.xlsx" in index and "ZeroDivisionError" in index
    HtmlReport(tmp_path / "reports", rules, "测试").write(_poisoned_state())
    assert "未能更新" not in (tmp_path / "reports" / "index.html").read_text(encoding="utf-8")


# --- one part of an output failing -------------------------------------------------------------

def _unassigned_state(*documents) -> IntakeState:
    return IntakeState(
        generated_at=datetime(2023, 8, 21, 9, 0, tzinfo=DEADLINE.tzinfo),
        deadline=DEADLINE,
        applicants=[],
        unassigned=list(documents),
        errors=[],
    )


def test_one_file_that_cannot_be_archived_keeps_none_of_the_others_out(tmp_path, rules):
    """GIVEN two unassigned documents, the stored copy of one gone
    WHEN the archive is written THEN the other is filed, and the failure names the missing one."""
    store = Store(tmp_path / "var")
    kept = replace(doc("kept", "deeds"), sha256=store.blobs.put_bytes(b"%PDF-1.4 kept"))
    lost = doc("lost", "report")  # no stored copy
    state = _unassigned_state(linked(kept, sighting(kept, filename="事迹.pdf")), linked(lost, sighting(lost, filename="报告.pdf")))
    with pytest.raises(PartsFailed, match="1 个归档文件未能写出：报告.pdf"):
        ArchiveWriter(tmp_path / "archive", store.blobs, rules).write(state)
    filed, missing = state.unassigned
    assert filed.archive_path is not None and filed.archive_path.read_bytes() == b"%PDF-1.4 kept"
    assert missing.archive_path is None
    store.close()


def test_one_report_page_that_cannot_be_made_keeps_none_of_the_others_out(tmp_path, rules, monkeypatch):
    state = _poisoned_state()
    second = replace(state.applicants[0], unit="竹艺文化", unit_key="竹艺文化")
    state.applicants.append(second)
    real_page = HtmlReport._applicant_page

    def page(self, applicant, whole):
        if applicant.unit_key == "恒达机械":
            raise RuntimeError("template bug")
        return real_page(self, applicant, whole)

    monkeypatch.setattr(HtmlReport, "_applicant_page", page)
    with pytest.raises(PartsFailed, match="1 个申报单位报告页未能写出"):
        HtmlReport(tmp_path / "reports", rules, "测试").write(state)
    assert (tmp_path / "reports" / page_name(second)).exists()
    assert (tmp_path / "reports" / "index.html").exists()



def test_a_correction_notice_takes_hostile_text(tmp_path):
    """The 补正通知 .docx (python-docx refuses control characters as the workbook does)."""
    sender = Sender("梁平区人力资源和社会保障局", "就业促进科", "吴", "53238990", "双桂街道", "x@qq.com", 5, None)
    text = NoticeText("恒达" + POISON, "=张三", "申报遴选", (Item("事迹\x1b材料", "文件\x07.pdf", "说明\x00\ud800"),))
    document = Document(io.BytesIO(render(text, sender, date(2023, 9, 1))))
    body = "\n".join(p.text for p in document.paragraphs)
    assert "恒达\u241b$B\u2407\u2400\u2421" in body and "事迹\u241b材料（文件\u2407.pdf）：说明\u2400\ufffd" in body
    assert text.digest  # hashing the notice's text takes it too


def test_log_lines_show_control_characters_and_keep_broken_names():
    record = logging.LogRecord("pipeline.intake", logging.INFO, __file__, 1, "received %s", ("照片\x1b[2J\udcc9.jpg",), None)
    line = CleanFormatter("%(message)s").format(record)
    assert line == "received 照片\u241b[2J\ufffd.jpg"
    line.encode("utf-8")


def test_a_heartbeat_whose_last_error_names_a_broken_file_is_still_written(tmp_path):
    pulse = Pulse(mail_enabled=False)
    pulse.error_logged("cannot read 照片\udcc9\x1b.jpg")
    HeartbeatWriter(tmp_path, "rules", pulse).write(queue=0)
    beat = read_heartbeat(tmp_path)
    assert beat is not None and beat.last_error == "cannot read 照片\ufffd\u241b.jpg"


def test_when_nothing_can_be_assembled_intake_health_is_told(tmp_path, monkeypatch):
    """GIVEN a store the assembly fails on WHEN the outputs are refreshed THEN the pass fails
    and output-failure.json says no output was written (intake health reports it)."""
    app = App(Settings(paths={"rules_folder": str(RULES_DIR)}, base_dir=tmp_path))

    def broken():
        raise TypeError("a field of an unexpected type")

    monkeypatch.setattr(app, "assemble", broken)
    try:
        with pytest.raises(TypeError):
            app.refresh_outputs()
    finally:
        app.close()
    assert read_output_failure(app.settings.state_folder).startswith("all outputs: TypeError: a field of an unexpected type")

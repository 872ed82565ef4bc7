"""What staff decide in the workbook, applied to the assembly and kept in the store: review
marks on flags, document moves, the three states, the notice dates."""

from __future__ import annotations

import sqlite3
from datetime import date, datetime, timedelta

from pipeline.assembly.assemble import assemble
from pipeline.models import DocumentResult, Move, Review
from pipeline.store.staff_marks import SeenReview, StaffMarks
from tests.unit.builders import DEADLINE, doc, sighting
from tests.unit.test_assembly_assemble import NOW, UNIT, _complete_set

AFTER = DEADLINE + timedelta(hours=2)


def _assemble(pairs, rules, **marks):
    documents: dict[str, list[DocumentResult]] = {}
    sightings = []
    for result, sights in pairs:
        documents.setdefault(result.sha256, []).append(result)
        sightings += sights
    return assemble(documents, sightings, [], rules, DEADLINE, lambda clock: clock == "mail", NOW, **marks)


def _without(pairs, label_part):
    return [(r, s) for r, s in pairs if not r.id.startswith(doc(label_part, "report").id)]


def test_complete_application_is_complete(rules):
    """GIVEN every item and no flag WHEN assembled THEN state complete."""
    (applicant,) = _assemble(_complete_set(), rules).applicants
    assert applicant.flags == []
    assert applicant.state == "complete"


def test_missing_item_needs_correction(rules):
    pairs = _without(_complete_set(), "report")
    (applicant,) = _assemble(pairs, rules).applicants
    assert applicant.missing == ["report"]
    assert applicant.state == "needs_correction"


def test_open_flag_needs_correction_though_nothing_is_missing(rules):
    """GIVEN every item, but the deeds too short WHEN assembled THEN needs_correction, complete stays True."""
    pairs = [(doc("deeds", "deeds", text_chars=300), s) if r.classification.type == "deeds" else (r, s)
             for r, s in _complete_set()]
    pairs = [(r, [sighting(r, group="scan:恒达/")]) for r, _ in pairs]
    (applicant,) = _assemble(pairs, rules).applicants
    assert [f.code for f in applicant.flags] == ["deeds_too_short"]
    assert applicant.complete is True
    assert applicant.state == "needs_correction"


def test_late_mail_is_late(rules):
    pairs = [(r, [sighting(r, group="mail:1", clock="mail", at=AFTER)]) for r, _ in _complete_set()]
    (applicant,) = _assemble(pairs, rules).applicants
    assert "late" in [f.code for f in applicant.flags]
    assert applicant.state == "late"


def _short_deeds_pairs():
    pairs = [(doc("deeds", "deeds", text_chars=300), None) if r.classification.type == "deeds" else (r, None)
             for r, _ in _complete_set()]
    return [(r, [sighting(r, group="scan:恒达/")]) for r, _ in pairs]


def test_flag_key_is_stable_and_a_false_alarm_counts_nowhere(rules):
    """GIVEN a flag WHEN assembled twice THEN the same key; WITH a 误报 review on that key THEN the
    flag stays listed with its review, and the application is complete."""
    first = _assemble(_short_deeds_pairs(), rules).applicants[0].flags[0]
    second = _assemble(_short_deeds_pairs(), rules).applicants[0].flags[0]
    assert first.key and first.key == second.key
    review = Review("false_alarm", "字数按原件核对为1600字", NOW)
    (applicant,) = _assemble(_short_deeds_pairs(), rules, reviews={first.key: review}).applicants
    assert applicant.flags[0].review == review
    assert applicant.open_flags == []
    assert applicant.state == "complete"
    confirmed = Review("confirmed", "", NOW)
    (applicant,) = _assemble(_short_deeds_pairs(), rules, reviews={first.key: confirmed}).applicants
    assert applicant.state == "needs_correction"


def test_material_move_changes_what_is_missing(rules):
    """GIVEN the report classified as evidence WHEN staff set it to 申报报告 THEN nothing is missing."""
    pairs = [(doc("report", "evidence", "other", text="工作室申报报告"), None) if r.classification.type == "report"
             else (r, None) for r, _ in _complete_set()]
    pairs = [(r, [sighting(r, group="scan:恒达/")]) for r, _ in pairs]
    (before,) = _assemble(pairs, rules).applicants
    assert before.missing == ["report"]
    report_id = doc("report", "evidence").id
    (after,) = _assemble(pairs, rules, moves={report_id: Move(("report", None), None)}).applicants
    assert after.missing == []
    moved = next(d for d in after.documents if d.result.id == report_id)
    assert moved.result.classification.type == "report"


def test_unit_move_takes_an_unassigned_document_to_its_unit(rules):
    """GIVEN a report nobody can link WHEN staff give it the unit THEN it is the unit's, with the reason."""
    pairs = _without(_complete_set(), "report")
    stray = doc("stray-report", "report", text="报告")
    pairs.append((stray, [sighting(stray, group="scan:elsewhere/")]))
    state = _assemble(pairs, rules)
    assert [d.result.id for d in state.unassigned] == [stray.id]
    state = _assemble(pairs, rules, moves={stray.id: Move(None, UNIT)})
    assert state.unassigned == []
    (applicant,) = state.applicants
    assert applicant.missing == []
    assert "人工指定" in next(d for d in applicant.documents if d.result.id == stray.id).link_reason


def test_store_keeps_the_first_time_a_verdict_was_seen_and_an_emptied_cell_removes_it():
    marks = StaffMarks(sqlite3.connect(":memory:", isolation_level=None))
    t1, t2 = datetime(2023, 9, 1, 9, tzinfo=NOW.tzinfo), datetime(2023, 9, 2, 9, tzinfo=NOW.tzinfo)
    marks.record_reviews({"k1": SeenReview("false_alarm", "")}, t1)
    marks.record_reviews({"k1": SeenReview("false_alarm", "已核实")}, t2)
    assert marks.reviews()["k1"] == Review("false_alarm", "已核实", t1)
    marks.record_reviews({}, t2)  # the row is gone from the workbook: the mark stays
    assert "k1" in marks.reviews()
    marks.record_reviews({"k1": SeenReview("confirmed", "")}, t2)
    assert marks.reviews()["k1"].at == t2
    marks.record_reviews({"k1": SeenReview(None, "")}, t2)
    assert marks.reviews() == {}


def test_store_moves_round_trip_and_clear():
    marks = StaffMarks(sqlite3.connect(":memory:", isolation_level=None))
    marks.record_moves({"d1": Move(("credentials", "id_card"), "某公司"), "d2": Move(None, None)}, NOW)
    assert marks.moves() == {"d1": Move(("credentials", "id_card"), "某公司")}
    marks.record_moves({"d1": Move(None, None)}, NOW)
    assert marks.moves() == {}


def test_notice_date_kept_while_the_text_is_the_same():
    marks = StaffMarks(sqlite3.connect(":memory:", isolation_level=None))
    assert marks.notice_date("u", "a", date(2023, 9, 1)) == date(2023, 9, 1)
    assert marks.notice_date("u", "a", date(2023, 9, 5)) == date(2023, 9, 1)
    assert marks.notice_date("u", "b", date(2023, 9, 5)) == date(2023, 9, 5)


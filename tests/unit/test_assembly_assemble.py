"""pipeline.assembly.applications, linking and assemble on hand-built documents and sightings."""

from __future__ import annotations

from datetime import date, datetime, timedelta

import pytest

from pipeline.assembly.applications import split_applications
from pipeline.assembly.assemble import assemble
from pipeline.assembly.linking import link, linked_documents
from pipeline.models import DocumentResult, IntakeErrorEntry
from tests.unit.builders import BEFORE, DEADLINE, doc, linked, sighting
from tests.unit.conftest import make_id

UNIT = "重庆市梁平区恒达机械有限公司"
OTHER_UNIT = "重庆市梁平区竹艺文化有限公司"
EXPERT = "张建国"
EXPERT_ID = make_id(date(1975, 3, 9), seq="011")
SIGNED = {"所在单位意见": {"signed": True, "dated": True}, "主管部门意见": {"signed": True, "dated": True}}
ALL_ITEMS = [
    "forms.application_form", "forms.summary_sheet", "deeds", "report",
    "credentials.id_card", "credentials.skill_certificate", "credentials.diploma", "credentials.work_photo",
]
NOW = datetime(2023, 9, 1, 9, 0, tzinfo=DEADLINE.tzinfo)


def _form(label, unit=UNIT, expert=EXPERT, id_number=EXPERT_ID, **extra):
    fields = {"unit": unit, "expert": expert, "id_number": id_number, "age": 48, "team_size": 6,
              "skill_level": "高级技师", "achievements_chars": 250, **extra}
    return doc(label, "forms", "application_form", fields={k: v for k, v in fields.items() if v is not None},
               opinions=SIGNED)


def _run(pairs, rules, errors=()):
    """pairs: (DocumentResult, [Sighting, ...])"""
    documents: dict[str, list[DocumentResult]] = {}
    sightings = []
    for result, sights in pairs:
        documents.setdefault(result.sha256, []).append(result)
        sightings += sights
    return assemble(documents, sightings, list(errors), rules, DEADLINE, lambda clock: clock == "mail", NOW)


def _complete_set(prefix="", group="scan:恒达/", unit=UNIT, expert=EXPERT, id_number=EXPERT_ID):
    results = [
        _form(prefix + "form", unit=unit, expert=expert, id_number=id_number),
        doc(prefix + "summary", "forms", "summary_sheet",
            summary_rows=[{"unit": unit, "expert": expert, "staff_count": 320, "age": 48}]),
        doc(prefix + "deeds", "deeds", text=f"{expert}同志先进事迹", text_chars=1800),
        doc(prefix + "report", "report", text="工作室申报报告"),
        doc(prefix + "idcard", "credentials", "id_card", fields={"id_number": id_number, "expert": expert}),
        doc(prefix + "cert", "credentials", "skill_certificate", fields={"skill_level": "高级技师"}),
        doc(prefix + "diploma", "credentials", "diploma"),
        doc(prefix + "photo", "credentials", "work_photo"),
    ]
    return [(r, [sighting(r, group=group)]) for r in results]


# --- applications ----------------------------------------------------------------------------

def test_two_forms_different_experts_two_applications():
    """GIVEN one unit's documents: a form naming 张建国, a later form naming 李明 (another ID), and a deeds
    text about 李明
    WHEN split into applications
    THEN two applications, the second keyed '#2', each with its own form, the deeds with 李明's."""
    key = "恒达机械公司"
    form1 = linked(_form("f1"))
    form2 = linked(_form("f2", expert="李明", id_number=make_id(date(1980, 6, 1), seq="222")))
    deeds = linked(doc("d2", "deeds", text="李明同志先进事迹"))
    apps = split_applications(key, [form1, form2, deeds])
    assert [app.key for app in apps] == [key, key + "#2"]
    assert [app.expert for app in apps] == [EXPERT, "李明"]
    assert form1 in apps[0].documents and form2 not in apps[0].documents
    assert form2 in apps[1].documents and deeds in apps[1].documents


def test_same_expert_twice_one_application():
    """GIVEN two forms of one unit both naming 张建国 (a corrected form), and other documents
    WHEN split
    THEN one application with every document."""
    docs = [linked(_form("f1")), linked(_form("f2", team_size=7)), linked(doc("r", "report"))]
    apps = split_applications("恒达机械公司", docs)
    assert len(apps) == 1
    assert apps[0].documents == docs


def test_same_name_without_id_one_application():
    """GIVEN two forms naming 张建国, the first without ID number
    WHEN split
    THEN one application."""
    docs = [linked(_form("f1", id_number=None)), linked(_form("f2"))]
    assert len(split_applications("恒达机械公司", docs)) == 1


def test_unit_without_form_one_application():
    """GIVEN a unit with only a report and a photo
    WHEN split
    THEN one application without expert holding both."""
    docs = [linked(doc("r", "report")), linked(doc("p", "credentials", "work_photo"))]
    apps = split_applications("恒达机械公司", docs)
    assert len(apps) == 1 and apps[0].expert is None and apps[0].documents == docs


# --- assemble: a complete applicant -------------------------------------------------------------

def test_complete_applicant(rules):
    """GIVEN a unit's eight materials (form, summary sheet, deeds, report, ID card, certificate, diploma,
    photo) in one scan folder
    WHEN assembled
    THEN one applicant, complete, nothing missing, no flags, fields from form and ID number."""
    state = _run(_complete_set(), rules)
    assert len(state.applicants) == 1
    applicant = state.applicants[0]
    assert applicant.unit == UNIT
    assert applicant.expert == EXPERT
    assert applicant.missing == []
    assert applicant.complete
    assert applicant.flags == []
    assert applicant.fields["birth_date"] == "1975-03-09"
    assert applicant.fields["gender"] == "男"
    assert applicant.fields["staff_count"] == 320
    assert applicant.fields["deeds_chars"] == 1800
    assert state.unassigned == []


def test_lengths_not_read_are_said_and_left_empty(rules):
    """GIVEN a complete set whose deeds yielded 40 characters (pictures of pages) and whose form's
    achievements box was not read
    WHEN assembled
    THEN deeds_chars and achievements_chars are empty, and each length is flagged length_unread on its document."""
    pairs = _complete_set()
    pairs[0] = (_form("form", achievements_chars=None), pairs[0][1])
    pairs[2] = (doc("deeds", "deeds", text="事迹材料", text_chars=40), pairs[2][1])
    applicant = _run(pairs, rules).applicants[0]
    assert applicant.fields["deeds_chars"] is None and applicant.fields["achievements_chars"] is None
    unread = [flag for flag in applicant.flags if flag.code == "length_unread"]
    assert {flag.document for flag in unread} == {pairs[0][0].id, pairs[2][0].id}


def test_missing_items_in_requirements_order(rules):
    """GIVEN a unit that sent only its form and deeds
    WHEN assembled
    THEN missing lists the six other requirement codes, in requirements.toml order."""
    pairs = [p for p in _complete_set() if p[0].classification.type in ("deeds",) or p[0].classification.subtype == "application_form"]
    applicant = _run(pairs, rules).applicants[0]
    assert applicant.missing == [c for c in ALL_ITEMS if c not in ("forms.application_form", "deeds")]
    assert not applicant.complete


def test_evidence_never_required(rules):
    """GIVEN a complete set plus an award copy
    WHEN assembled
    THEN still complete (evidence is optional in count)."""
    award = doc("award", "evidence", "award")
    applicant = _run(_complete_set() + [(award, [sighting(award, group="scan:恒达/")])], rules).applicants[0]
    assert applicant.complete


# --- assemble: linking -------------------------------------------------------------------------------

def test_linked_by_folder_hint(rules):
    """GIVEN the form in one folder, and a report scanned into another folder named 恒达机械 (short name)
    WHEN assembled
    THEN the report belongs to the unit, by its folder name."""
    form = _form("form")
    report = doc("rep", "report")
    state = _run([(form, [sighting(form, group="mail:1")]),
                  (report, [sighting(report, group="scan:恒达机械/", unit_hint="恒达机械")])], rules)
    (applicant,) = state.applicants
    assert "report" in applicant.received_items
    assert state.unassigned == []


def test_linked_by_sibling_group(rules):
    """GIVEN a form and a diploma in the same mail (group), no hint, nothing in the diploma's text
    WHEN assembled
    THEN the diploma belongs to the form's unit."""
    form = _form("form")
    diploma = doc("dip", "credentials", "diploma")
    state = _run([(form, [sighting(form, group="mail:INBOX/1/7")]),
                  (diploma, [sighting(diploma, group="mail:INBOX/1/7")])], rules)
    assert "credentials.diploma" in state.applicants[0].received_items
    assert state.unassigned == []


def test_linked_by_id_number(rules):
    """GIVEN the form, and separately an ID card copy whose number matches the form's
    WHEN assembled
    THEN the ID card is linked by the ID number."""
    form = _form("form")
    card = doc("idc", "credentials", "id_card", fields={"id_number": EXPERT_ID})
    state = _run([(form, [sighting(form, group="g1")]), (card, [sighting(card, group="g2")])], rules)
    applicant = state.applicants[0]
    assert "credentials.id_card" in applicant.received_items
    linked_card = next(d for d in applicant.documents if d.result.id == card.id)
    assert "身份证" in linked_card.link_reason


def test_linked_by_expert_name(rules):
    """GIVEN the form, and separately deeds whose text names the expert 张建国
    WHEN assembled
    THEN the deeds are linked to that unit."""
    form = _form("form")
    deeds = doc("deeds", "deeds", text="张建国同志扎根一线二十八年", text_chars=1600)
    state = _run([(form, [sighting(form, group="g1")]), (deeds, [sighting(deeds, group="g2")])], rules)
    assert "deeds" in state.applicants[0].received_items


def test_unlinkable_document_unassigned(rules):
    """GIVEN a form of one unit, and a separate photo with no hint, no group mates, no text
    WHEN assembled
    THEN the photo is unassigned, never guessed."""
    form = _form("form")
    photo = doc("photo", "credentials", "work_photo")
    state = _run([(form, [sighting(form, group="g1")]), (photo, [sighting(photo, group="g2")])], rules)
    assert [d.result.id for d in state.unassigned] == [photo.id]
    assert "credentials.work_photo" in state.applicants[0].missing


def test_document_in_group_of_two_units_unassigned(rules):
    """GIVEN a department's mail holding two units' forms and one diploma nobody names
    WHEN assembled
    THEN the diploma is unassigned (two candidate units)."""
    f1 = _form("f1")
    f2 = _form("f2", unit=OTHER_UNIT, expert="李明", id_number=make_id(date(1980, 6, 1), seq="222"))
    diploma = doc("dip", "credentials", "diploma")
    group = "mail:INBOX/1/9"
    state = _run([(f1, [sighting(f1, group=group)]), (f2, [sighting(f2, group=group)]),
                  (diploma, [sighting(diploma, group=group)])], rules)
    assert len(state.applicants) == 2
    assert [d.result.id for d in state.unassigned] == [diploma.id]


def test_summary_sheet_covering_two_units(rules):
    """GIVEN a department's summary sheet with rows for two units, and each unit's form
    WHEN assembled
    THEN both applicants have the summary sheet and their own row's staff count."""
    f1 = _form("f1")
    f2 = _form("f2", unit=OTHER_UNIT, expert="李明", id_number=make_id(date(1980, 6, 1), seq="222"))
    sheet = doc("sheet", "forms", "summary_sheet", summary_rows=[
        {"unit": UNIT, "expert": EXPERT, "staff_count": 320},
        {"unit": "竹艺文化公司", "expert": "李明", "staff_count": 45},
    ])
    state = _run([(f1, [sighting(f1, group="a")]), (f2, [sighting(f2, group="b")]),
                  (sheet, [sighting(sheet, group="c")])], rules)
    by_unit = {a.unit: a for a in state.applicants}
    assert set(by_unit) == {UNIT, OTHER_UNIT}
    assert by_unit[UNIT].fields["staff_count"] == 320
    assert by_unit[OTHER_UNIT].fields["staff_count"] == 45
    assert all("forms.summary_sheet" in a.received_items for a in state.applicants)


def test_same_unit_spelt_differently_is_one_applicant(rules):
    """GIVEN a form from 重庆市梁平区恒达机械有限公司 and a later form from 恒达机械公司, same expert
    WHEN assembled
    THEN one applicant, no duplicate_unit flag."""
    f1 = _form("f1")
    f2 = _form("f2", unit="恒达机械公司")
    state = _run([(f1, [sighting(f1, group="a")]), (f2, [sighting(f2, group="b", at=BEFORE + timedelta(days=1))])], rules)
    assert len(state.applicants) == 1
    assert "duplicate_unit" not in [f.code for f in state.applicants[0].flags]


# --- assemble: duplicates, lateness, errors --------------------------------------------------------------

def test_duplicate_expert_across_units_by_id_number(rules):
    """GIVEN two units' complete sets naming the same expert (same ID number, different spellings of the name)
    WHEN assembled
    THEN both applicants carry duplicate_expert."""
    pairs = _complete_set() + _complete_set("b-", group="scan:竹艺/", unit=OTHER_UNIT, expert="张建囯")
    state = _run(pairs, rules)
    assert len(state.applicants) == 2
    for applicant in state.applicants:
        assert "duplicate_expert" in [f.code for f in applicant.flags]


def test_different_experts_no_duplicate_expert(rules):
    """GIVEN two units with different experts
    WHEN assembled
    THEN no duplicate_expert flag."""
    pairs = _complete_set() + _complete_set("b-", group="scan:竹艺/", unit=OTHER_UNIT, expert="李明",
                                            id_number=make_id(date(1980, 6, 1), seq="222"))
    state = _run(pairs, rules)
    assert all("duplicate_expert" not in [f.code for f in a.flags] for a in state.applicants)


def test_duplicate_unit_two_experts(rules):
    """GIVEN one unit sending two forms naming different experts
    WHEN assembled
    THEN two applicants of that unit, both flagged duplicate_unit."""
    f1 = _form("f1")
    f2 = _form("f2", expert="李明", id_number=make_id(date(1980, 6, 1), seq="222"))
    state = _run([(f1, [sighting(f1, group="a")]), (f2, [sighting(f2, group="b", at=BEFORE + timedelta(hours=1))])], rules)
    assert len(state.applicants) == 2
    assert {a.expert for a in state.applicants} == {EXPERT, "李明"}
    for applicant in state.applicants:
        assert "duplicate_unit" in [f.code for f in applicant.flags]


def test_late_mail_flagged_on_applicant(rules):
    """GIVEN a complete set where the report came by mail after the deadline
    WHEN assembled
    THEN the applicant is flagged late for the report; received_last is that mail's time."""
    pairs = _complete_set()
    late_at = DEADLINE + timedelta(hours=2)
    report = next(r for r, _ in pairs if r.classification.type == "report")
    pairs = [(r, s) if r is not report else (r, [sighting(r, group="scan:恒达/", at=late_at, clock="mail")]) for r, s in pairs]
    applicant = _run(pairs, rules).applicants[0]
    assert [(f.code, f.document) for f in applicant.flags] == [("late", report.id)]
    assert applicant.received_last == late_at
    assert applicant.received_first == BEFORE


def test_unreadable_sibling_file_flagged(rules):
    """GIVEN a complete set and, in the same folder, a file that could not be read (password protected)
    WHEN assembled
    THEN the applicant carries a password_protected flag naming the file."""
    pairs = _complete_set()
    broken_sha = "f" * 64
    from pipeline.models import Origin, Sighting
    broken = Sighting(sha256=broken_sha, filename="加密.zip",
                      origin=Origin(source="scan:恒达/加密.zip", received_at=BEFORE, group="scan:恒达/", unit_hint="恒达"))
    error = IntakeErrorEntry(source="scan:恒达/加密.zip", filename="加密.zip", error="设有密码",
                             code="password_protected", sha256=broken_sha)
    documents = {}
    sightings = [broken]
    for result, sights in pairs:
        documents.setdefault(result.sha256, []).append(result)
        sightings += sights
    state = assemble(documents, sightings, [error], rules, DEADLINE, lambda c: c == "mail", NOW)
    flags = state.applicants[0].flags
    assert [f.code for f in flags] == ["password_protected"]
    assert "加密.zip" in flags[0].detail
    assert state.errors == [error]


def test_linked_documents_skip_results_without_sighting():
    """GIVEN a stored result whose file has no sighting
    WHEN documents are linked to sightings
    THEN it is left out; a result with two sightings takes the earliest as its received time."""
    a = doc("a", "report")
    b = doc("b", "deeds")
    s1 = sighting(a, at=BEFORE + timedelta(days=1))
    s2 = sighting(a, at=BEFORE, source="mail:x/1/2")
    docs = linked_documents({a.sha256: [a], b.sha256: [b]}, [s1, s2])
    assert [d.result.id for d in docs] == [a.id]
    assert docs[0].received_at == BEFORE
    assert docs[0].source == "mail:x/1/2"


def test_link_folder_hint_that_is_not_a_unit_name_resolves_to_known_unit():
    """GIVEN a form of 重庆市梁平区恒达机械有限公司 and a photo in a folder named 恒达机械 (not unit-like by itself)
    WHEN linked
    THEN the photo belongs to the unit (the hint resolves to the known unit by containment)."""
    form = linked(_form("form"), sighting(_form("form"), group="g1"))
    photo_result = doc("photo", "credentials", "work_photo")
    photo = linked(photo_result, sighting(photo_result, group="scan:恒达机械/", unit_hint="恒达机械"))
    result = link([form, photo])
    assert result.unassigned == []
    (key,) = result.by_unit
    assert {d.result.id for d in result.by_unit[key]} == {form.result.id, photo_result.id}


def test_mail_subject_naming_the_unit_links_its_attachments():
    """GIVEN a form of 重庆市梁平区恒达机械有限公司, and a diploma from another mail whose subject is
    「关于报送重庆市梁平区恒达机械有限公司技能大师工作室申报材料的函」
    WHEN linked
    THEN the diploma belongs to the unit named in the subject."""
    form = linked(_form("form"), sighting(_form("form"), group="mail:INBOX/1/1"))
    diploma_result = doc("diploma", "credentials", "diploma")
    subject = "关于报送重庆市梁平区恒达机械有限公司技能大师工作室申报材料的函"
    diploma = linked(diploma_result, sighting(diploma_result, group="mail:INBOX/1/2", unit_hint=subject))
    result = link([form, diploma])
    assert result.unassigned == []
    (key,) = result.by_unit
    assert {d.result.id for d in result.by_unit[key]} == {form.result.id, diploma_result.id}


def test_mail_subject_naming_no_unit_links_nothing():
    """GIVEN a form of one unit, and a diploma from a mail whose subject names no unit
    WHEN linked
    THEN the diploma stays unassigned rather than guessed."""
    form = linked(_form("form"), sighting(_form("form"), group="mail:INBOX/1/1"))
    diploma_result = doc("diploma", "credentials", "diploma")
    diploma = linked(diploma_result, sighting(diploma_result, group="mail:INBOX/1/2", unit_hint="申报材料"))
    result = link([form, diploma])
    assert [d.result.id for d in result.unassigned] == [diploma_result.id]


def test_one_mail_with_two_units_files_is_split_by_content(rules):
    """GIVEN one mail from a supervising department (one group, one sender) carrying the forms of
    two units, a deeds naming the second unit's expert and an ID card with the first expert's number
    WHEN assembled
    THEN each file goes to its own unit; none is shared or left unassigned."""
    other_unit, other_expert = "重庆市梁平区明达食品有限公司", "周丽华"
    form_a = _form("form-a")
    form_b = _form("form-b", unit=other_unit, expert=other_expert, id_number=None)
    deeds = doc("deeds-b", "deeds", text=f"{other_expert}同志，参加工作二十年，爱岗敬业。")
    id_card = doc("id-a", "credentials", "id_card", fields={"id_number": EXPERT_ID})
    mail = {"group": "mail:INBOX/7/3", "sender": "kjj@lp.gov.cn", "clock": "mail"}
    state = _run([(d, [sighting(d, **mail)]) for d in (form_a, form_b, deeds, id_card)], rules)
    by_unit = {a.unit: {d.result.id for d in a.documents} for a in state.applicants}
    assert by_unit[other_unit] == {form_b.id, deeds.id}
    (first_unit,) = set(by_unit) - {other_unit}
    assert by_unit[first_unit] == {form_a.id, id_card.id}
    assert state.unassigned == []

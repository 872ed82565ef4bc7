"""pipeline.assembly.checks: each rule of the notice on one applicant."""

from __future__ import annotations

from datetime import date, datetime, timedelta, timezone

import pytest

from pipeline.assembly import checks
from pipeline.assembly.checks import ApplicantView, run_checks
from pipeline.models import Certification, MarkFinding, PageCertification
from tests.unit.builders import BEFORE, DEADLINE, doc, linked, sighting
from tests.unit.conftest import make_id, wrong_check

UNIT = "重庆市梁平区恒达机械有限公司"
BOTH_SIGNED = {"所在单位意见": {"signed": True, "dated": True}, "主管部门意见": {"signed": True, "dated": True}}


def _view(fields=None, documents=(), unit=UNIT, mail_only=True, known_units=()):
    return ApplicantView(unit, dict(fields or {}), list(documents), DEADLINE,
                         (lambda clock: clock == "mail") if mail_only else (lambda clock: True), tuple(known_units))


def _codes(flags):
    return [flag.code for flag in flags]


# --- deeds length -----------------------------------------------------------------

@pytest.mark.parametrize("chars, expected", [
    (1499, ["deeds_too_short"]), (1500, []), (1750, []), (2000, []), (2001, ["deeds_too_long"]), (300, ["deeds_too_short"]),
])
def test_deeds_length_bounds_inclusive(rules, chars, expected):
    """GIVEN a deeds document of `chars` characters
    WHEN the deeds length is checked (1500—2000 字, bounds inclusive)
    THEN too short below 1500, too long above 2000, nothing in between."""
    deeds = linked(doc("deeds", "deeds", text_chars=chars))
    assert _codes(checks.check_deeds_length(_view(documents=[deeds]), rules.checks)) == expected


def test_deeds_length_uses_latest_deeds(rules):
    """GIVEN a first deeds of 1200 characters, then a corrected deeds of 1800 (later in the list)
    WHEN checked
    THEN no flag: the latest counts."""
    old = linked(doc("old", "deeds", text_chars=1200))
    new = linked(doc("new", "deeds", text_chars=1800))
    assert checks.check_deeds_length(_view(documents=[old, new]), rules.checks) == []


@pytest.mark.parametrize("chars", [0, 37, 99])
def test_deeds_length_unread_is_said(rules, chars):
    """GIVEN a deeds document of which only `chars` characters could be read (pages as pictures, a failed scan)
    WHEN the deeds length is checked
    THEN not "too short" on a count that says nothing: length_unread, asking staff to count by hand."""
    deeds = linked(doc("pictures", "deeds", text_chars=chars))
    flags = checks.check_deeds_length(_view(documents=[deeds]), rules.checks)
    assert _codes(flags) == ["length_unread"]
    assert "未能读出字数，请人工核对" in flags[0].detail and flags[0].document == deeds.result.id


def test_no_deeds_no_length_flag(rules):
    """GIVEN no deeds at all
    WHEN checked
    THEN no length flag (the missing item is reported elsewhere)."""
    assert checks.check_deeds_length(_view(), rules.checks) == []


# --- achievements, team -------------------------------------------------------------

@pytest.mark.parametrize("chars, expected", [(300, []), (301, ["achievements_too_long"]), (0, []),
                                             (None, ["length_unread"])])
def test_achievements_at_most_300(rules, chars, expected):
    """GIVEN an application form whose achievements box has `chars` characters (None: not read)
    WHEN checked (300字以内)
    THEN 300 passes, 301 is flagged, a length not read is said (length_unread), never silence."""
    fields = {} if chars is None else {"achievements_chars": chars}
    form = linked(doc("form", "forms", "application_form"))
    flags = checks.check_achievements(_view(fields, [form]), rules.checks)
    assert _codes(flags) == expected
    assert all("未能读出字数，请人工核对" in flag.detail for flag in flags if flag.code == "length_unread")


def test_achievements_without_a_form_not_flagged(rules):
    """GIVEN no application form (its absence is reported as missing)
    WHEN the achievements length is checked
    THEN no flag."""
    assert checks.check_achievements(_view(), rules.checks) == []


@pytest.mark.parametrize("size, flagged", [(2, True), (3, False), (9, False), (15, False), (16, True), (0, True)])
def test_team_size_3_to_15_inclusive(rules, size, flagged):
    """GIVEN a team of `size`
    WHEN checked (领衔一个3—15人专家团队)
    THEN flagged only outside 3..15."""
    flags = checks.check_team_size(_view({"team_size": size}), rules.checks)
    assert _codes(flags) == (["team_size_out_of_range"] if flagged else [])


def test_team_size_unknown_not_flagged(rules):
    """GIVEN no team size
    WHEN checked
    THEN no flag."""
    assert checks.check_team_size(_view({}), rules.checks) == []


# --- level ---------------------------------------------------------------------------

@pytest.mark.parametrize("fields", [
    {"skill_level": "技师"}, {"skill_level": "高级技师"}, {"skill_level": "首席技师"}, {"skill_level": "特级技师"},
    {"skill_level": "一级/高级技师"},
    {"title": "高级工艺美术师"}, {"title": "副教授"}, {"title": "高级工程师"}, {"title": "正高级讲师"},
    {"title": "区级非遗传承人"}, {"title": "市级非物质文化遗产代表性传承人"},
    {"skill_level": "高级工", "title": "高级工程师"},
])
def test_level_sufficient(rules, fields):
    """GIVEN an expert with 技师 or higher, a 副高级-or-higher title, or a heritage-inheritor status
    WHEN the level is checked
    THEN no flag."""
    assert checks.check_level(_view(fields), rules.checks) == []


@pytest.mark.parametrize("fields", [
    {"skill_level": "高级工"}, {"skill_level": "中级工"}, {"skill_level": "三级/高级工"},
    {"title": "工程师"}, {"title": "助理工程师"}, {"skill_level": "高级工", "title": "工程师"},
])
def test_level_insufficient(rules, fields):
    """GIVEN an expert with 高级工 or lower, or a 中级/初级 title
    WHEN checked
    THEN expert_level_insufficient."""
    assert _codes(checks.check_level(_view(fields), rules.checks)) == ["expert_level_insufficient"]


@pytest.mark.parametrize("title", ["一级教师", "二级教师"])
def test_teacher_grade_titles_are_not_sufficient(rules, title):
    """GIVEN a vocational-school teacher whose title is 一级教师 (中级) or 二级教师 (初级), no skill level
    WHEN checked
    THEN expert_level_insufficient: neither is 副高级 or higher."""
    assert _codes(checks.check_level(_view({"title": title}), rules.checks)) == ["expert_level_insufficient"]


def test_level_from_certificate_counts(rules):
    """GIVEN the form states no level but the skill certificate reads 高级技师
    WHEN checked
    THEN no flag; and a certificate reading 中级工 alone is flagged."""
    good = linked(doc("cert", "credentials", "skill_certificate", fields={"skill_level": "高级技师"}))
    bad = linked(doc("cert2", "credentials", "skill_certificate", fields={"skill_level": "中级工"}))
    assert checks.check_level(_view({}, [good]), rules.checks) == []
    assert _codes(checks.check_level(_view({}, [bad]), rules.checks)) == ["expert_level_insufficient"]


def test_level_unknown_not_flagged(rules):
    """GIVEN no level or title anywhere
    WHEN checked
    THEN no flag (nothing to judge)."""
    assert checks.check_level(_view({}), rules.checks) == []


# --- ID number and age ------------------------------------------------------------------

def test_id_number_invalid(rules):
    """GIVEN an ID number with a wrong check digit, and one with the right one
    WHEN checked
    THEN only the wrong one is flagged id_number_invalid."""
    good = make_id(date(1975, 3, 9))
    assert _codes(checks.check_id_number(_view({"id_number": wrong_check(good)}), rules.checks)) == ["id_number_invalid"]
    assert checks.check_id_number(_view({"id_number": good}), rules.checks) == []
    assert checks.check_id_number(_view({}), rules.checks) == []


@pytest.mark.parametrize("age, flagged", [(47, False), (48, False), (49, False), (46, True), (50, True)])
def test_age_mismatch_tolerance_one_year(rules, age, flagged):
    """GIVEN born 1975-03-09 (48 on the deadline 2023-08-31) and a stated age
    WHEN checked with tolerance 1
    THEN 47..49 pass, 46 and 50 are age_mismatch."""
    fields = {"id_number": make_id(date(1975, 3, 9)), "age": age}
    assert _codes(checks.check_age(_view(fields), rules.checks)) == (["age_mismatch"] if flagged else [])


def test_age_on_birthday_boundary(rules):
    """GIVEN born 1975-09-01 (47 on 2023-08-31, turning 48 the next day) and stated age 49
    WHEN checked
    THEN age_mismatch (49 - 47 = 2); stated 48 passes."""
    number = make_id(date(1975, 9, 1))
    assert _codes(checks.check_age(_view({"id_number": number, "age": 49}), rules.checks)) == ["age_mismatch"]
    assert checks.check_age(_view({"id_number": number, "age": 48}), rules.checks) == []


def test_stated_birth_month_disagrees_with_id(rules):
    """GIVEN the form's 出生年月 1976-03 while the ID number says 1975-03-09
    WHEN checked
    THEN age_mismatch; the stated 1975-03 passes."""
    number = make_id(date(1975, 3, 9))
    assert _codes(checks.check_age(_view({"id_number": number, "birth_date_stated": "1976-03"}), rules.checks)) == ["age_mismatch"]
    assert checks.check_age(_view({"id_number": number, "birth_date_stated": "1975-03"}), rules.checks) == []


def test_age_not_checked_against_invalid_id(rules):
    """GIVEN an invalid ID number and an absurd age
    WHEN the age is checked
    THEN no age flag (the ID number is flagged by its own check)."""
    fields = {"id_number": wrong_check(make_id(date(1975, 3, 9))), "age": 20}
    assert checks.check_age(_view(fields), rules.checks) == []


# --- opinions -----------------------------------------------------------------------------

def _form(opinions):
    return linked(doc("form", "forms", "application_form", opinions=opinions))


def test_opinion_unsigned_for_district_unit(rules):
    """GIVEN a district unit's form whose 主管部门意见 box is blank (所在单位意见 signed)
    WHEN checked
    THEN one opinion_unsigned flag for 主管部门意见."""
    opinions = {"所在单位意见": {"signed": True, "dated": True}, "主管部门意见": {"signed": False, "dated": False}}
    flags = checks.check_opinions(_view(documents=[_form(opinions)]), rules.checks, rules.fields.opinions.boxes)
    assert _codes(flags) == ["opinion_unsigned"]
    assert "主管部门意见" in flags[0].detail


def test_opinion_box_not_found_counts_as_unsigned(rules):
    """GIVEN a form where no opinion box was read at all
    WHEN checked
    THEN both boxes are flagged."""
    flags = checks.check_opinions(_view(documents=[_form({})]), rules.checks, rules.fields.opinions.boxes)
    assert _codes(flags) == ["opinion_unsigned", "opinion_unsigned"]


def _city_level(rules, *names):
    return rules.checks.model_copy(update={"city_level_units": list(names)})


def test_city_level_unit_needs_no_supervising_department(rules):
    """GIVEN a unit configured as city-level (市属单位可直接申报) with only 所在单位意见 signed
    WHEN checked
    THEN no flag."""
    opinions = {"所在单位意见": {"signed": True, "dated": True}}
    view = _view(documents=[_form(opinions)], unit="重庆三峡职业学院")
    assert checks.check_opinions(view, _city_level(rules, "重庆三峡职业学院"), rules.fields.opinions.boxes) == []


def test_district_unit_named_without_the_district_still_needs_its_department(rules):
    """GIVEN a district company named 重庆XX有限公司 (no 梁平 in its name), not configured as city-level
    WHEN only 所在单位意见 is signed
    THEN 主管部门意见 is flagged: the name alone does not make a unit city-level."""
    opinions = {"所在单位意见": {"signed": True, "dated": True}}
    view = _view(documents=[_form(opinions)], unit="重庆兴旺电子科技有限公司")
    flags = checks.check_opinions(view, rules.checks, rules.fields.opinions.boxes)
    assert _codes(flags) == ["opinion_unsigned"]
    assert "主管部门意见" in flags[0].detail


def test_city_level_unit_still_needs_own_opinion(rules):
    """GIVEN a city-level unit with 所在单位意见 blank
    WHEN checked
    THEN opinion_unsigned for 所在单位意见."""
    view = _view(documents=[_form({})], unit="重庆三峡职业学院")
    flags = checks.check_opinions(view, _city_level(rules, "重庆三峡职业学院"), rules.fields.opinions.boxes)
    assert _codes(flags) == ["opinion_unsigned"]
    assert "所在单位意见" in flags[0].detail


def test_later_signed_form_clears_the_flag(rules):
    """GIVEN a first form with blank boxes and a later form with both boxes signed
    WHEN checked
    THEN no flag."""
    view = _view(documents=[_form({}), linked(doc("form2", "forms", "application_form", opinions=BOTH_SIGNED))])
    assert checks.check_opinions(view, rules.checks, rules.fields.opinions.boxes) == []


# --- late -----------------------------------------------------------------------------------

@pytest.mark.parametrize("at, late", [
    (DEADLINE - timedelta(seconds=1), False),
    (DEADLINE, False),
    (DEADLINE + timedelta(minutes=1), True),
    (datetime(2023, 8, 31, 10, 30, tzinfo=timezone.utc), True),  # 18:30 in Chongqing
    (datetime(2023, 8, 31, 9, 59, tzinfo=timezone.utc), False),  # 17:59 in Chongqing
])
def test_late_mail(rules, at, late):
    """GIVEN a document received by mail at `at` (deadline 2023-08-31 18:00 +08:00)
    WHEN checked
    THEN late only when strictly after the deadline, whatever time zone the timestamp carries."""
    result = doc("m", "deeds", text_chars=1600)
    view = _view(documents=[linked(result, sighting(result, at=at, clock="mail"))])
    assert _codes(checks.check_late(view, rules.checks)) == (["late"] if late else [])


def test_scanned_file_after_deadline_not_late(rules):
    """GIVEN a scanned file (file clock) dated after the deadline, with only mail clocks checked
    WHEN checked
    THEN not late: a scan time is not a hand-in time."""
    result = doc("s", "deeds")
    view = _view(documents=[linked(result, sighting(result, at=DEADLINE + timedelta(days=3), clock="file"))])
    assert checks.check_late(view, rules.checks) == []


def test_late_resend_of_timely_file_not_late(rules):
    """GIVEN the same file mailed before the deadline and again after it
    WHEN checked
    THEN not late."""
    result = doc("r", "report")
    view = _view(documents=[linked(result, sighting(result, at=BEFORE, clock="mail"),
                                   sighting(result, at=DEADLINE + timedelta(days=1), clock="mail", source="mail:x/1/9"))])
    assert checks.check_late(view, rules.checks) == []


# --- copies and run_checks --------------------------------------------------------------------

def test_copy_certification_flags(rules):
    """GIVEN an ID card copy with the phrase but no seal and no signature, and a diploma copy with nothing
    WHEN checked
    THEN copy_missing_seal and copy_missing_signature for the ID card, one copy_not_certified for the diploma."""
    id_card = linked(doc("id", "credentials", "id_card", certification=Certification(True, False, False)))
    diploma = linked(doc("dip", "credentials", "diploma", certification=Certification(False, False, False)))
    flags = checks.check_copies(_view(documents=[id_card, diploma]), rules.checks, rules)
    assert sorted(_codes(flags)) == ["copy_missing_seal", "copy_missing_signature", "copy_not_certified"]
    assert [f.document for f in flags if f.code == "copy_not_certified"] == [diploma.result.id]


def _sealed_copy(name: str, arc_text: str):
    result = doc(name, "credentials", "skill_certificate", certification=Certification(True, True, True))
    result.certification_pages = [PageCertification(
        1, "page.jpg", MarkFinding("present", 0.9), MarkFinding("present", 0.9, [(10, 10, 90, 90)], arc_text),
        MarkFinding("present", 0.8))]
    return linked(result)


def test_copy_sealed_by_another_unit_flagged(rules):
    """GIVEN copies whose certifying seal reads another known unit's full name (misread by a
    character), the applicant's own name misread by a few characters, only part of a name, a
    garbled reading with stray letters, a garbled reading in Chinese characters only that ends like
    a unit's name, and the clean name of a unit the intake does not know
    WHEN checked
    THEN only the first is flagged, as copy_seal_unit_mismatch naming the known unit: a reading
    that is not plainly another unit's proves nothing."""
    other = _sealed_copy("o", "重庆市梁平区百里竹海农业开友有限公司")
    misread = _sealed_copy("m", "重庆产达茶业有限公司")
    partial = _sealed_copy("p", "梁平：绿野母婴护")
    garbled = _sealed_copy("g", "夏庆市F区宏活越设暴团有限公司")
    garbled_chinese = _sealed_copy("c", "梁手区最乡汇下量限公司")
    unknown = _sealed_copy("u", "重庆市梁平区云龙建材有限公司")
    known = ("重庆润达茶业有限公司", "重庆市梁平区百里竹海农业开发有限公司", "重庆市梁平区绿野母婴护理中心")
    flags = checks.check_copies(_view(documents=[other, misread, partial, garbled, garbled_chinese, unknown],
                                      unit="重庆润达茶业有限公司", known_units=known), rules.checks, rules)
    assert [(f.code, f.document) for f in flags] == [("copy_seal_unit_mismatch", other.result.id)]
    assert "公章单位名称与申报单位不符，请核对" in flags[0].detail and "百里竹海农业开发有限公司" in flags[0].detail


def test_undecided_marks_and_non_copies_not_flagged(rules):
    """GIVEN a certificate copy whose marks could not be decided (None), and deeds (not a copy) with marks absent
    WHEN checked
    THEN no flags."""
    cert = linked(doc("c", "credentials", "skill_certificate", certification=Certification(None, None, None)))
    deeds = linked(doc("d", "deeds", certification=Certification(False, False, False)))
    assert checks.check_copies(_view(documents=[cert, deeds]), rules.checks, rules) == []


def test_run_checks_clean_applicant(rules):
    """GIVEN an applicant that meets every rule
    WHEN all checks run
    THEN no flags."""
    fields = {"id_number": make_id(date(1975, 3, 9)), "age": 48, "team_size": 6, "achievements_chars": 280,
              "skill_level": "高级技师"}
    documents = [
        linked(doc("form", "forms", "application_form", opinions=BOTH_SIGNED)),
        linked(doc("deeds", "deeds", text_chars=1800)),
        linked(doc("idc", "credentials", "id_card", certification=Certification(True, True, True))),
    ]
    assert run_checks(_view(fields, documents), rules) == []


def test_run_checks_unclassified(rules):
    """GIVEN an applicant with one document nobody could classify
    WHEN all checks run
    THEN an unclassified flag naming that document."""
    unknown = linked(doc("u", "unknown"))
    flags = run_checks(_view({}, [unknown]), rules)
    assert [(f.code, f.document) for f in flags] == [("unclassified", unknown.result.id)]

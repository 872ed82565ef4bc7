"""The rules of the notice, checked on one applicant's merged fields and documents.

Each check is a pure function returning `Flag`s with a CONTRACT.md code and a Chinese
message that tells staff what is wrong and where.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from pipeline import idnumber
from pipeline.assembly.units import seal_reads_as, unit_key
from pipeline.models import DocumentResult, Flag, LinkedDocument
from pipeline.rules import CheckLimits, Rules
from pipeline.wording import local_time, page_span


@dataclass
class ApplicantView:
    """What the checks look at for one applicant."""

    unit: str
    fields: dict[str, Any]
    documents: list[LinkedDocument]
    deadline: datetime
    check_deadline_for: Callable[[str], bool]  # a sighting's clock -> does the deadline apply?
    known_units: tuple[str, ...] = ()  # every unit the intake knows of: a seal is compared only with these

    def of(self, type_: str, subtype: str | None = None) -> list[LinkedDocument]:
        return [doc for doc in self.documents if doc.is_material(type_, subtype)]


def _where(doc: LinkedDocument) -> str:
    return f"「{doc.filename}」{page_span(doc.result.pages)}"


def check_late(view: ApplicantView, limits: CheckLimits) -> list[Flag]:
    flags = []
    for doc in view.documents:
        timely = [s for s in doc.sightings if not view.check_deadline_for(s.origin.clock) or s.origin.received_at <= view.deadline]
        if timely:
            continue
        first = min(doc.sightings, key=lambda s: s.origin.received_at)
        tz = view.deadline.tzinfo
        flags.append(
            Flag(
                "late",
                f"{_where(doc)}于 {local_time(first.origin.received_at, tz)} 收到，晚于截止时间 {local_time(view.deadline, tz)}",
                doc.result.id,
            )
        )
    return flags


MIN_COUNTABLE_CHARS = 100  # a deeds text read as fewer characters was not read (pictures, a failed scan)


def deeds_chars(result: DocumentResult) -> int | None:
    """The deeds' length, or None when its text could not be counted: so little was read
    that the count says nothing about the narrative (pages as pictures, an unreadable scan)."""
    return result.text_chars if result.text_chars >= MIN_COUNTABLE_CHARS else None


def _length_unread(what: str, doc: LinkedDocument | None, limit: str) -> Flag:
    where = _where(doc) if doc else ""
    return Flag("length_unread", f"{what}{where}未能读出字数，请人工核对（要求{limit}）", doc.result.id if doc else None)


def check_deeds_length(view: ApplicantView, limits: CheckLimits) -> list[Flag]:
    deeds = view.of("deeds")
    if not deeds:
        return []
    doc = deeds[-1]
    chars = deeds_chars(doc.result)
    if chars is None:
        bounds = f"{limits.deeds.min_chars or 0}—{limits.deeds.max_chars} 字"
        return [_length_unread("事迹材料", doc, bounds)]
    approx = "（扫描件识别字数，约）" if doc.result.ocr else ""
    if limits.deeds.min_chars is not None and chars < limits.deeds.min_chars:
        return [Flag("deeds_too_short", f"事迹材料{_where(doc)}共 {chars} 字{approx}，少于要求的 {limits.deeds.min_chars} 字", doc.result.id)]
    if chars > limits.deeds.max_chars:
        return [Flag("deeds_too_long", f"事迹材料{_where(doc)}共 {chars} 字{approx}，超过要求的 {limits.deeds.max_chars} 字", doc.result.id)]
    return []


def check_achievements(view: ApplicantView, limits: CheckLimits) -> list[Flag]:
    chars = view.fields.get("achievements_chars")
    form = _latest_form(view)
    if chars is None and form is not None:
        return [_length_unread("申报表「命名专家主要工作业绩」", form, f"{limits.achievements.max_chars} 字以内")]
    if chars is None or chars <= limits.achievements.max_chars:
        return []
    return [
        Flag(
            "achievements_too_long",
            f"申报表「命名专家主要工作业绩」共 {chars} 字，超过 {limits.achievements.max_chars} 字的限制",
            form.result.id if form else None,
        )
    ]


def check_team_size(view: ApplicantView, limits: CheckLimits) -> list[Flag]:
    size = view.fields.get("team_size")
    if size is None or limits.team.min_size <= size <= limits.team.max_size:
        return []
    form = _latest_form(view)
    return [
        Flag(
            "team_size_out_of_range",
            f"专家团队 {size} 人，不在要求的 {limits.team.min_size}—{limits.team.max_size} 人范围内",
            form.result.id if form else None,
        )
    ]


def level_is_sufficient(levels: list[str], limits: CheckLimits) -> bool | None:
    """True/False when the stated levels decide it, None when nothing was stated."""
    stated = [level for level in levels if level]
    if not stated:
        return None
    accepted = limits.level.skill_levels + limits.level.titles + limits.level.heritage
    for level in stated:
        if any(word in level for word in accepted):
            return True
        if any(re.search(pattern, level) for pattern in limits.level.title_patterns):
            return True
    return False


def check_level(view: ApplicantView, limits: CheckLimits) -> list[Flag]:
    levels = [str(view.fields.get(name) or "") for name in ("skill_level", "title")]
    levels += [str(doc.result.fields.get("skill_level") or "") for doc in view.of("credentials", "skill_certificate")]
    if level_is_sufficient(levels, limits) is not False:
        return []
    shown = "、".join(dict.fromkeys(level for level in levels if level))
    return [
        Flag(
            "expert_level_insufficient",
            f"拟命名专家的等级/职称为「{shown}」，未达到技师及以上、副高级及以上职称或区县级以上非遗传承人的要求",
        )
    ]


def check_id_number(view: ApplicantView, limits: CheckLimits) -> list[Flag]:
    number = view.fields.get("id_number")
    if not number or idnumber.is_valid(number):
        return []
    return [Flag("id_number_invalid", f"身份证号码 {number} 校验不通过（位数、出生日期或末位校验码错误），请核对")]


def age_on(born: date, when: date) -> int:
    return when.year - born.year - ((when.month, when.day) < (born.month, born.day))


def check_age(view: ApplicantView, limits: CheckLimits) -> list[Flag]:
    number = view.fields.get("id_number")
    born = idnumber.birth_date(number) if number and idnumber.is_valid(number) else None
    if born is None:
        return []
    flags = []
    when = view.deadline.date()
    age = view.fields.get("age")
    if age is not None and abs(age_on(born, when) - age) > limits.age.tolerance_years:
        flags.append(
            Flag(
                "age_mismatch",
                f"所填年龄 {age} 岁与身份证号码中的出生日期 {born.isoformat()}（截至 {when.isoformat()} 为 {age_on(born, when)} 岁）不符",
            )
        )
    stated = view.fields.get("birth_date_stated")
    if stated and not born.isoformat().startswith(stated[:7]):
        flags.append(Flag("age_mismatch", f"申报表所填出生年月 {stated} 与身份证号码中的出生日期 {born.isoformat()} 不符"))
    return flags


def check_opinions(view: ApplicantView, limits: CheckLimits, boxes: list[str]) -> list[Flag]:
    forms = view.of("forms", "application_form")
    if not forms:
        return []
    exempt = unit_key(view.unit) in {unit_key(name) for name in limits.city_level_units}
    required = [box for box in boxes if not (box == "主管部门意见" and exempt)]
    flags = []
    for box in required:
        states = [doc.result.opinions.get(box) for doc in forms]
        if any(state and (state.get("signed") or state.get("dated")) for state in states):
            continue
        flags.append(Flag("opinion_unsigned", f"申报表「{box}」栏未签署（未见签字盖章及日期）", forms[-1].result.id))
    return flags


def check_unclassified(view: ApplicantView, limits: CheckLimits) -> list[Flag]:
    return [
        Flag("unclassified", f"{_where(doc)}未能识别属于哪类申报材料，请人工查看", doc.result.id)
        for doc in view.of("unknown")
    ]


def check_copies(view: ApplicantView, limits: CheckLimits, rules: Rules) -> list[Flag]:
    flags = []
    for doc in view.documents:
        c = doc.result.classification
        marks = doc.result.certification
        if not rules.is_copy(c.type, c.subtype) or marks is None:
            continue
        page = doc.result.pages[0] if doc.result.pages else None
        if doc.result.certification_pages:  # the page to look at: the first one the check read
            page = doc.result.certification_pages[0].page
        title = rules.title(c.type, c.subtype)
        if marks.phrase is False and marks.seal is False and marks.signature is False:
            flags.append(Flag("copy_not_certified", f"{title}{_where(doc)}未注明“此件与原件相符”，也无经办人签字和公章", doc.result.id, page))
            continue
        if marks.phrase is False:
            flags.append(Flag("copy_not_certified", f"{title}{_where(doc)}未注明“此件与原件相符”", doc.result.id, page))
        if marks.seal is False:
            flags.append(Flag("copy_missing_seal", f"{title}{_where(doc)}未加盖公章", doc.result.id, page))
        other = _other_units_seal(doc, view.unit, view.known_units)
        if marks.seal and other:
            flags.append(Flag("copy_seal_unit_mismatch",
                              f"{title}{_where(doc)}公章单位名称与申报单位不符，请核对（印文为「{other}」）", doc.result.id, page))
        if marks.signature is False:
            flags.append(Flag("copy_missing_signature", f"{title}{_where(doc)}无经办人签字", doc.result.id, page))
    return flags


def _other_units_seal(doc: LinkedDocument, unit: str, known_units: tuple[str, ...]) -> str | None:
    """The name on a copy's certifying seal when it reads cleanly and fully as another unit the
    intake knows, and plainly not as the applicant's (`units.seal_reads_as`)."""
    for page in doc.result.certification_pages:
        if page.seal.state != "present" or not unit:
            continue
        named = seal_reads_as(page.seal.text, unit, known_units)
        if named and unit_key(named) != unit_key(unit):
            return named
    return None


def _latest_form(view: ApplicantView) -> LinkedDocument | None:
    forms = view.of("forms", "application_form")
    return forms[-1] if forms else None


def run_checks(view: ApplicantView, rules: Rules) -> list[Flag]:
    limits = rules.checks
    flags: list[Flag] = []
    for check in (
        check_late,
        check_deeds_length,
        check_achievements,
        check_team_size,
        check_level,
        check_id_number,
        check_age,
        check_unclassified,
    ):
        flags += check(view, limits)
    flags += check_opinions(view, limits, rules.fields.opinions.boxes)
    flags += check_copies(view, limits, rules)
    return flags

"""All stored documents in, applicants with fields, missing items and flags out."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable
from datetime import datetime
from typing import Any

from pipeline import idnumber
from pipeline.assembly.applications import Application, split_applications
from pipeline.assembly.checks import ApplicantView, deeds_chars, run_checks
from pipeline.assembly.linking import link, linked_documents
from pipeline.assembly.pieces import join_form_pieces
from pipeline.assembly.staff_marks import apply_material_moves, apply_reviews, apply_unit_moves
from pipeline.assembly.units import UnitRegistry
from pipeline.models import (
    Applicant,
    DocumentResult,
    Flag,
    IntakeErrorEntry,
    IntakeState,
    LinkedDocument,
    Move,
    Notice,
    Review,
    Sighting,
    group_chain,
)
from pipeline.rules import Rules

CONTRACT_FIELDS = (
    "unit",
    "expert",
    "gender",
    "birth_date",
    "id_number",
    "occupation",
    "skill_level",
    "title",
    "team_size",
    "staff_count",
    "high_skill_count",
    "age",
    "contact_person",
    "contact_phone",
    "achievements_chars",
    "deeds_chars",
)


def _of(docs: list[LinkedDocument], type_: str, subtype: str | None = None) -> list[LinkedDocument]:
    return [doc for doc in docs if doc.is_material(type_, subtype)]


def _summary_row(docs: list[LinkedDocument], key: str, registry: UnitRegistry,
                 expert: str | None) -> tuple[dict[str, Any], dict[str, Any], LinkedDocument | None]:
    """The latest summary-sheet row for this unit (for this expert, when the unit has
    several rows), that sheet's footer, and the sheet."""
    found: tuple[dict[str, Any], dict[str, Any], LinkedDocument | None] = ({}, {}, None)
    for doc in reversed(_of(docs, "forms", "summary_sheet")):
        for row in doc.result.summary_rows:
            if registry.resolve(row["unit"], misread=doc.result.ocr) != key:
                continue
            if expert is None or row.get("expert") in (None, expert):
                return row, doc.result.fields, doc
            found = found if found[0] else (row, doc.result.fields, doc)
    return found


class _Merge:
    """Field values with the document each came from."""

    def __init__(self) -> None:
        self.values: dict[str, Any] = {}
        self.sources: dict[str, LinkedDocument] = {}

    def put(self, name: str, value: Any, doc: LinkedDocument | None) -> None:
        if value is None:
            return
        self.values[name] = value
        if doc is not None:
            self.sources[name] = doc

    def fill(self, name: str, value: Any, doc: LinkedDocument | None) -> None:
        if not self.values.get(name):
            self.put(name, value, doc)


def merge_fields(key: str, docs: list[LinkedDocument], registry: UnitRegistry,
                 expert: str | None) -> tuple[dict[str, Any], dict[str, LinkedDocument]]:
    """Fields of one application, and where each was read: the summary row, overlaid by the
    latest application form, completed from the ID card, certificate, deeds and the summary
    sheet's footer."""
    row, footer, sheet = _summary_row(docs, key, registry, expert)
    merge = _Merge()
    for name, value in row.items():
        if name != "unit":
            merge.put(name, value, sheet)
    for doc in _of(docs, "forms", "application_form"):  # oldest first: a later form corrects an earlier one
        for name, value in doc.result.fields.items():
            merge.put(name, value, doc)
    stated = merge.values.pop("birth_date", None)
    if stated:
        merge.put("birth_date_stated", stated, merge.sources.get("birth_date"))
    for doc in _of(docs, "credentials", "id_card"):
        for name in ("id_number", "expert"):
            merge.fill(name, doc.result.fields.get(name), doc)
    number = merge.values.get("id_number")
    if number and idnumber.is_valid(number):
        merge.put("birth_date", idnumber.birth_date(number).isoformat(), merge.sources.get("id_number"))
        merge.fill("gender", idnumber.gender(number), merge.sources.get("id_number"))
    elif stated:
        merge.put("birth_date", stated, merge.sources.get("birth_date_stated"))
    for doc in _of(docs, "credentials", "skill_certificate"):
        merge.fill("skill_level", doc.result.fields.get("skill_level"), doc)
    if footer.get("contact_person"):  # the summary sheet's 联系人 and his phone go together
        merge.put("contact_person", footer["contact_person"], sheet)
        merge.put("contact_phone", footer.get("contact_phone") or merge.values.get("contact_phone"), sheet)
    deeds = _of(docs, "deeds")
    if deeds:
        merge.put("deeds_chars", deeds_chars(deeds[-1].result), deeds[-1])
    merge.values["unit"] = registry.names[key]
    return merge.values, merge.sources


def public_fields(merged: dict[str, Any]) -> dict[str, Any]:
    return {name: merged.get(name) for name in CONTRACT_FIELDS}


def _received_items(docs: list[LinkedDocument], rules: Rules) -> tuple[list[str], list[str]]:
    received, missing = [], []
    for item in rules.requirements:
        (received if _of(docs, item.type, item.subtype) else missing).append(item.code)
    return received, missing


def _duplicate_unit_flag(applications: list[Application], unit: str) -> Flag | None:
    if len(applications) < 2:
        return None
    names = "、".join(app.expert or "未识别" for app in applications)
    return Flag("duplicate_unit", f"{unit} 提交了 {len(applications)} 份不同的申报（拟命名专家：{names}），每个单位限申报1个")


def _expert_identity(fields: dict[str, Any]) -> str | None:
    number = fields.get("id_number")
    if number and idnumber.is_valid(number):
        return f"id:{number}"
    if fields.get("expert") and fields.get("birth_date"):
        return f"name:{fields['expert']}:{str(fields['birth_date'])[:7]}"
    return None


def _error_flags(errors: list[IntakeErrorEntry], sightings: list[Sighting], key: str, registry: UnitRegistry,
                 groups: set[str]) -> list[Flag]:
    """Files of this applicant that could not be read (same folder, hint or mail)."""
    by_source = {(s.origin.source, s.sha256): s for s in sightings}
    flags = []
    for error in errors:
        sighting = by_source.get((error.source, error.sha256)) if error.sha256 else None
        if sighting is None:
            continue
        if registry.resolve(sighting.origin.unit_hint) == key or sighting.origin.group in groups:
            flags.append(Flag(error.code, f"「{error.filename}」无法读取：{error.error}"))
    return flags


def assemble(
    documents: dict[str, list[DocumentResult]],
    sightings: list[Sighting],
    errors: list[IntakeErrorEntry],
    rules: Rules,
    deadline: datetime,
    check_deadline_for: Callable[[str], bool],
    now: datetime,
    notices: list[Notice] = (),
    moves: dict[str, Move] | None = None,
    reviews: dict[str, Review] | None = None,
) -> IntakeState:
    """`moves` and `reviews`: what staff decided in the workbook (pipeline.assembly.staff_marks)."""
    moves = moves or {}
    linking = link(join_form_pieces(linked_documents(apply_material_moves(documents, moves), sightings), rules))
    apply_unit_moves(linking, moves)
    registry = linking.registry
    applicants: list[Applicant] = []
    for key, unit_docs in linking.by_unit.items():
        unit_docs.sort(key=lambda d: (d.received_at, d.result.id))
        applications = split_applications(key, unit_docs)
        duplicate = _duplicate_unit_flag(applications, registry.names[key])
        for application in applications:
            docs = application.documents
            merged, sources = merge_fields(key, docs, registry, application.expert)
            view = ApplicantView(registry.names[key], merged, docs, deadline, check_deadline_for,
                                 tuple(registry.names.values()))
            flags = run_checks(view, rules) + ([duplicate] if duplicate else [])
            groups = {s.origin.group for d in docs for s in d.sightings}
            flags += _error_flags(errors, sightings, key, registry, groups)
            applicant = _applicant(application, registry.names[key], docs, merged, flags, rules)
            applicant.field_sources = {name: doc for name, doc in sources.items() if name in CONTRACT_FIELDS}
            applicants.append(applicant)
    _flag_duplicate_experts(applicants)
    _attach_notices(applicants, notices)
    applicants.sort(key=lambda a: (a.received_first or now, a.unit))
    apply_reviews(applicants, reviews or {})
    return IntakeState(
        generated_at=now,
        deadline=deadline,
        applicants=applicants,
        unassigned=linking.unassigned,
        errors=errors,
    )


def _applicant(application: Application, unit: str, docs: list[LinkedDocument], merged: dict[str, Any],
               flags: list[Flag], rules: Rules) -> Applicant:
    received, missing = _received_items(docs, rules)
    times = [s.origin.received_at for d in docs for s in d.sightings]
    return Applicant(
        unit=unit,
        unit_key=application.key,
        expert=merged.get("expert"),
        documents=docs,
        fields=public_fields(merged),
        missing=missing,
        flags=flags,
        received_first=min(times) if times else None,
        received_last=max(times) if times else None,
        received_items=received,
    )


def _attach_notices(applicants: list[Applicant], notices: list[Notice]) -> None:
    """A notice goes to the applicants owning files of the same mail, else of the same sender."""
    for notice in notices:
        owners = [a for a in applicants if any(notice.group in group_chain(s.origin.group) for d in a.documents for s in d.sightings)]
        if not owners and notice.sender:
            owners = [a for a in applicants if any(s.origin.sender == notice.sender for d in a.documents for s in d.sightings)]
        for applicant in owners:
            applicant.flags.append(Flag(notice.code, notice.detail))


def _flag_duplicate_experts(applicants: list[Applicant]) -> None:
    by_identity: dict[str, list[Applicant]] = defaultdict(list)
    for applicant in applicants:
        identity = _expert_identity(applicant.fields)
        if identity:
            by_identity[identity].append(applicant)
    for group in by_identity.values():
        if len(group) < 2:
            continue
        for applicant in group:
            others = "、".join(other.unit for other in group if other is not applicant)
            applicant.flags.append(
                Flag(
                    "duplicate_expert",
                    f"拟命名专家 {applicant.expert or ''} 同时被 {others} 申报；同一技能专家只能命名建立一个大师工作室",
                )
            )


"""Linking documents to applicant units.

Evidence, strongest first: the form's own 申报单位 and the summary sheet's rows; the name of
the scan subfolder (or a unit hint from the mail source); the other files that came in the
same mail or folder; the mail sender's other files; a unit name or the expert's ID number
or name in the document's text. What cannot be linked stays unassigned, never guessed.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

from pipeline.assembly.units import UnitRegistry, looks_like_unit
from pipeline.models import DocumentResult, LinkedDocument, Sighting
from pipeline.textnorm import compact

RANK_FORM, RANK_SUMMARY, RANK_HINT = 0, 1, 2


@dataclass
class Linking:
    registry: UnitRegistry
    by_unit: dict[str, list[LinkedDocument]] = field(default_factory=dict)
    unassigned: list[LinkedDocument] = field(default_factory=list)


def linked_documents(documents: dict[str, list[DocumentResult]], sightings: list[Sighting]) -> list[LinkedDocument]:
    seen: dict[str, list[Sighting]] = defaultdict(list)
    for sighting in sightings:
        seen[sighting.sha256].append(sighting)
    linked = []
    for sha256, results in documents.items():
        sights = sorted(seen.get(sha256, []), key=lambda s: s.received_at)
        if not sights:
            continue
        first = sights[0]
        for result in results:
            linked.append(
                LinkedDocument(
                    result=result,
                    sightings=sights,
                    filename=first.filename,
                    source=first.source,
                    received_at=first.received_at,
                )
            )
    return sorted(linked, key=lambda doc: (doc.received_at, doc.result.id))


def link(documents: list[LinkedDocument]) -> Linking:
    registry = UnitRegistry()
    # 1. Units declared by the forms themselves and by folder names that are unit names;
    #    names typed by the applicant first, names read by OCR last (they may be misread).
    for misread in (False, True):
        for doc in documents:
            if doc.result.ocr != misread:
                continue
            if doc.is_material("forms", "application_form") and doc.result.fields.get("unit"):
                registry.add(doc.result.fields["unit"], RANK_FORM + 3 * misread, misread=misread)
            if doc.is_material("forms", "summary_sheet"):
                for row in doc.result.summary_rows:
                    registry.add(row["unit"], RANK_SUMMARY + 3 * misread, misread=misread)
        if not misread:
            for doc in documents:
                for sighting in doc.sightings:
                    hint = sighting.unit_hint
                    if hint and looks_like_unit(hint) and not registry.resolve(hint):
                        registry.add(hint, RANK_HINT)

    assigned: dict[int, set[str]] = {}
    reasons: dict[int, str] = {}

    def assign(doc: LinkedDocument, keys: set[str], reason: str) -> None:
        assigned[id(doc)] = keys
        reasons[id(doc)] = reason

    # 2. Direct evidence: the document's own declaration, then its folder or hint.
    for doc in documents:
        misread = doc.result.ocr
        if doc.is_material("forms", "application_form") and doc.result.fields.get("unit"):
            assign(doc, {registry.resolve(doc.result.fields["unit"], misread=misread)}, "申报表所填申报单位")
        elif doc.is_material("forms", "summary_sheet") and doc.result.summary_rows:
            keys = {registry.resolve(row["unit"], misread=misread) for row in doc.result.summary_rows}
            assign(doc, {key for key in keys if key}, "汇总表所列单位")
        else:
            hinted = {_hinted_unit(registry, s.unit_hint) for s in doc.sightings if s.unit_hint}
            hinted.discard(None)
            if len(hinted) == 1:
                assign(doc, hinted, "所在文件夹名称或邮件主题")

    # 3. Siblings: what else came in the same mail or folder, or from the same sender.
    for attribute, reason in (("group", "同一邮件或文件夹中的其他材料"), ("sender", "同一发件人的其他材料")):
        owners: dict[str, set[str]] = defaultdict(set)
        for doc in documents:
            if id(doc) in assigned and not doc.is_material("forms", "summary_sheet"):
                for sighting in doc.sightings:
                    value = getattr(sighting, attribute)
                    if value:
                        owners[value] |= assigned[id(doc)]
        for doc in documents:
            if id(doc) in assigned:
                continue
            candidates: set[str] = set()
            for sighting in doc.sightings:
                value = getattr(sighting, attribute)
                if value:
                    candidates |= owners.get(value, set())
            if len(candidates) == 1:
                assign(doc, candidates, reason)

    # 4. Content: the expert's ID number, a unit's name, the expert's name.
    experts = _experts(documents, assigned)
    for doc in documents:
        if id(doc) in assigned:
            continue
        text = compact(doc.result.text)
        id_number = doc.result.fields.get("id_number")
        by_id = {key for key, _, number in experts if number and number == id_number}
        if len(by_id) == 1:
            assign(doc, by_id, "身份证号码与申报表一致")
            continue
        by_unit = registry.mentioned_in(text)
        if len(by_unit) == 1:
            assign(doc, by_unit, "正文提及申报单位名称")
            continue
        by_name = {key for key, name, _ in experts if name and len(name) >= 2 and name in text}
        if len(by_name) == 1:
            assign(doc, by_name, "正文提及拟命名专家姓名")

    result = Linking(registry=registry)
    for doc in documents:
        keys = assigned.get(id(doc))
        if not keys:
            result.unassigned.append(doc)
            continue
        for key in sorted(keys):
            copy = LinkedDocument(**{**doc.__dict__, "link_reason": reasons[id(doc)]})
            result.by_unit.setdefault(key, []).append(copy)
    for key in registry.names:
        result.by_unit.setdefault(key, [])
    return result


def _hinted_unit(registry: UnitRegistry, hint: str) -> str | None:
    """The unit a folder name or mail subject names: the name itself, or the one known unit
    mentioned in it ("关于报送XX公司技能大师工作室申报材料")."""
    resolved = registry.resolve(hint)
    if resolved:
        return resolved
    mentioned = registry.mentioned_in(compact(hint))
    return next(iter(mentioned)) if len(mentioned) == 1 else None


def _experts(documents: list[LinkedDocument], assigned: dict[int, set[str]]) -> list[tuple[str, str | None, str | None]]:
    """(unit key, expert name, ID number) from the forms and summary rows linked so far."""
    experts: list[tuple[str, str | None, str | None]] = []
    for doc in documents:
        keys = assigned.get(id(doc), set())
        if len(keys) == 1 and doc.is_material("forms", "application_form"):
            (key,) = keys
            experts.append((key, doc.result.fields.get("expert"), doc.result.fields.get("id_number")))
    named = {key for key, _, _ in experts}
    for doc in documents:
        if doc.is_material("forms", "summary_sheet"):
            for key in assigned.get(id(doc), set()) - named:
                for row in doc.result.summary_rows:
                    if row.get("expert"):
                        experts.append((key, row["expert"], None))
    return experts

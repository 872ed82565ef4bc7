"""Linking documents to applicant units, by the nearest evidence, strongest first.

The form's own 申报单位 and the summary sheet's rows; the scan subfolder staff named after a
unit; the file's own name (the unit's full or short name: 明达电力-工作照片.jpg); the subject
of the mail it came in (the forwarded mail's own, for a file inside one); the other files of
the closest mail or folder, only when all of them are one unit's (a file inside a forwarded
mail looks at that mail's files first); the sender's other files; a unit name or the expert's
ID number or name in the document's text. What cannot be linked stays unassigned, never
guessed, with the units it might belong to and why none was chosen.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

from pipeline.assembly.units import UnitRegistry, looks_like_unit
from pipeline.models import NESTED_GROUP, DocumentResult, LinkedDocument, Sighting, group_chain
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
        sights = sorted(seen.get(sha256, []), key=lambda s: s.origin.received_at)
        if not sights:
            continue
        first = sights[0]
        for result in results:
            linked.append(
                LinkedDocument(
                    result=result,
                    sightings=sights,
                    filename=first.filename,
                    source=first.origin.source,
                    received_at=first.origin.received_at,
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
                    hint = sighting.origin.unit_hint
                    if hint and looks_like_unit(hint) and not registry.resolve(hint):
                        registry.add(hint, RANK_HINT)

    assigned: dict[int, set[str]] = {}
    reasons: dict[int, str] = {}

    def assign(doc: LinkedDocument, keys: set[str], reason: str) -> None:
        assigned[id(doc)] = keys
        reasons[id(doc)] = reason

    # 2. Direct evidence, closest first: the document's own declaration; a scan folder staff
    #    named after the unit; the file's own name; the subject of the mail it came in (the
    #    forwarded mail's own, for a file inside one).
    for doc in documents:
        misread = doc.result.ocr
        if doc.is_material("forms", "application_form") and doc.result.fields.get("unit"):
            assign(doc, {registry.resolve(doc.result.fields["unit"], misread=misread)}, "申报表所填申报单位")
        elif doc.is_material("forms", "summary_sheet") and doc.result.summary_rows:
            keys = {registry.resolve(row["unit"], misread=misread) for row in doc.result.summary_rows}
            assign(doc, {key for key in keys if key}, "汇总表所列单位")
        elif len(folder := _hinted(registry, doc, mail=False)) == 1:
            assign(doc, folder, "所在文件夹名称")
        elif len(named := _named_by_filenames(registry, doc)) == 1:
            (words,) = named.values()
            assign(doc, set(named), f"文件名含单位名称或简称「{words}」")
        elif len(subject := _hinted(registry, doc, mail=True)) == 1:
            assign(doc, subject, "所在邮件（或其中转发邮件）的主题")

    # 3. Siblings: what else came in the closest mail or folder, when all of it is one unit's
    #    (a forwarded mail inside a mail first, then the whole mail); then the same sender's.
    owners = _group_owners(documents, assigned)
    for doc in documents:
        if id(doc) in assigned:
            continue
        candidates, level = _closest_owners(doc, owners)
        if len(candidates) == 1:
            assign(doc, candidates, "同一转发邮件中的其他材料" if NESTED_GROUP in level else "同一邮件或文件夹中的其他材料")
    by_sender: dict[str, set[str]] = defaultdict(set)
    for doc in documents:
        if id(doc) in assigned and not doc.is_material("forms", "summary_sheet"):
            for sighting in doc.sightings:
                if sighting.origin.sender:
                    by_sender[sighting.origin.sender] |= assigned[id(doc)]
    for doc in documents:
        if id(doc) in assigned:
            continue
        candidates = set().union(*(by_sender.get(s.origin.sender, set()) for s in doc.sightings if s.origin.sender))
        if len(candidates) == 1:
            assign(doc, candidates, "同一发件人的其他材料")

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
            why = _why_unlinked(registry, doc, owners)
            result.unassigned.append(LinkedDocument(**{**doc.__dict__, "link_reason": why}))
            continue
        for key in sorted(keys):
            copy = LinkedDocument(**{**doc.__dict__, "link_reason": reasons[id(doc)]})
            result.by_unit.setdefault(key, []).append(copy)
    for key in registry.names:
        result.by_unit.setdefault(key, [])
    return result


def _hinted(registry: UnitRegistry, doc: LinkedDocument, *, mail: bool) -> set[str]:
    """Units named by the folders (mail=False) or mail subjects (mail=True) the document came in."""
    hinted = {_hinted_unit(registry, s.origin.unit_hint) for s in doc.sightings if s.origin.unit_hint and (s.origin.clock == "mail") == mail}
    hinted.discard(None)
    return hinted


def _named_by_filenames(registry: UnitRegistry, doc: LinkedDocument) -> dict[str, str]:
    named: dict[str, str] = {}
    for filename in {s.filename for s in doc.sightings}:
        named.update(registry.named_by_filename(filename))
    return named


def _group_owners(documents: list[LinkedDocument], assigned: dict[int, set[str]]) -> dict[str, set[str]]:
    """group -> the units of the documents linked so far that came in it or in a group inside it
    (a summary sheet lists every unit a department sends: it owns no group)."""
    owners: dict[str, set[str]] = defaultdict(set)
    for doc in documents:
        if id(doc) in assigned and not doc.is_material("forms", "summary_sheet"):
            for sighting in doc.sightings:
                for group in group_chain(sighting.origin.group):
                    owners[group] |= assigned[id(doc)]
    return owners


def _closest_owners(doc: LinkedDocument, owners: dict[str, set[str]]) -> tuple[set[str], str]:
    """The units owning the closest group of the document's that holds any linked file, and that group."""
    candidates: set[str] = set()
    level = ""
    for sighting in doc.sightings:
        for group in group_chain(sighting.origin.group):
            if owners.get(group):
                candidates |= owners[group]
                level = level or group
                break
    return candidates, level


def _why_unlinked(registry: UnitRegistry, doc: LinkedDocument, owners: dict[str, set[str]]) -> str:
    """Why a document was linked to no unit, naming the units it might belong to."""
    candidates, _ = _closest_owners(doc, owners)
    candidates |= _hinted(registry, doc, mail=True) | set(_named_by_filenames(registry, doc))
    if not candidates:
        return "未找到归属线索：文件名、所在邮件主题或文件夹名称、正文均未指明已知的申报单位"
    names = "、".join(registry.names[key] for key in sorted(candidates))
    return f"可能属于：{names}；同一邮件或文件夹中有多个单位的材料，文件名和内容均未指明属于其中哪个单位"


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

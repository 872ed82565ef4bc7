"""What staff decided in the workbook, applied to the assembly.

A flag's review (人工核对: 属实 / 误报) is tied to the flag by a key that stays the same across
refreshes: the application (unit and expert), the flag's code, document and page. A document
move (改为材料 / 改为申报单位 on 材料明细) replaces the document's material and its unit.
"""

from __future__ import annotations

import hashlib
from collections import Counter
from dataclasses import replace

from pipeline.assembly.linking import RANK_HINT, Linking
from pipeline.models import Applicant, Classification, DocumentResult, LinkedDocument, Move, Review

MOVED_RULE = "人工改为"
MOVED_REASON = "人工指定（材料明细“改为申报单位”）"


def flag_keys(applicant: Applicant) -> None:
    """Sets each flag's `key`; two flags alike in all parts are told apart by their order."""
    unit = applicant.unit_key.split("#", 1)[0]
    seen: Counter[str] = Counter()
    for flag in applicant.flags:
        identity = "|".join((unit, applicant.expert or "", flag.code, flag.document or "", str(flag.page or "")))
        seen[identity] += 1
        if seen[identity] > 1:
            identity += f"|{seen[identity]}"
        flag.key = hashlib.sha1(identity.encode("utf-8")).hexdigest()[:16]


def apply_reviews(applicants: list[Applicant], reviews: dict[str, Review]) -> None:
    for applicant in applicants:
        flag_keys(applicant)
        for flag in applicant.flags:
            flag.review = reviews.get(flag.key)


def apply_material_moves(documents: dict[str, list[DocumentResult]], moves: dict[str, Move]) -> dict[str, list[DocumentResult]]:
    """The documents with the material staff set in place of the one found."""
    if not any(move.material for move in moves.values()):
        return documents
    changed: dict[str, list[DocumentResult]] = {}
    for sha256, results in documents.items():
        changed[sha256] = [_moved(result, moves.get(result.id)) for result in results]
    return changed


def _moved(result: DocumentResult, move: Move | None) -> DocumentResult:
    if move is None or move.material is None:
        return result
    type_, subtype = move.material
    found = result.classification
    return replace(result, classification=Classification(type_, subtype, 1.0, [*found.rules, MOVED_RULE]))


def apply_unit_moves(linking: Linking, moves: dict[str, Move]) -> None:
    """Moves each document staff gave a unit to that unit (taking it from wherever it was)."""
    for document_id, move in moves.items():
        if not move.unit:
            continue
        key = linking.registry.resolve(move.unit) or linking.registry.add(move.unit, RANK_HINT)
        found: LinkedDocument | None = None
        for docs in [*linking.by_unit.values(), linking.unassigned]:
            for doc in [d for d in docs if d.result.id == document_id]:
                docs.remove(doc)
                found = found or doc
        if found is not None:
            linking.by_unit.setdefault(key, []).append(LinkedDocument(**{**found.__dict__, "link_reason": MOVED_REASON}))

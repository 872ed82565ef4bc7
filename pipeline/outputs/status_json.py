"""status.json, exactly as CONTRACT.md describes it."""

from __future__ import annotations

import json
from dataclasses import asdict
from pathlib import Path
from typing import Any

from pipeline.models import Applicant, Flag, IntakeState, LinkedDocument
from pipeline.outputs.atomic import write_text_atomically
from pipeline.outputs.safe_text import clean_value
from pipeline.rules import Rules

SCHEMA = 1


def _iso(value) -> str | None:
    return value.isoformat() if value is not None else None


def document_entry(doc: LinkedDocument, rules: Rules) -> dict[str, Any]:
    result = doc.result
    c = result.classification
    certified = None
    if rules.is_copy(c.type, c.subtype) and result.certification is not None:
        marks = asdict(result.certification)
        certified = {key: marks[key] for key in ("phrase", "seal", "signature")}  # null: could not be decided
    return {
        "id": result.id,
        "source": doc.source,
        "filename": doc.filename,
        "sha256": result.sha256,
        "pages": list(result.pages) if result.pages else None,
        "type": c.type,
        "subtype": c.subtype,
        "confidence": c.confidence,
        "received_at": _iso(doc.received_at),
        "certified": certified,
        "link_reason": doc.link_reason,  # why it was linked to its applicant, or why to none
    }


def flag_entry(flag: Flag) -> dict[str, Any]:
    review = flag.review
    return {
        "code": flag.code,
        "document": flag.document,
        "page": flag.page,
        "detail": flag.detail,
        "review": {"verdict": review.verdict, "note": review.note, "at": _iso(review.at)} if review else None,
    }


def applicant_entry(applicant: Applicant, rules: Rules) -> dict[str, Any]:
    return {
        "unit": applicant.unit,
        "expert": applicant.expert,
        "complete": applicant.complete,
        "state": applicant.state,
        "received_first": _iso(applicant.received_first),
        "received_last": _iso(applicant.received_last),
        "missing": applicant.missing,
        "flags": [flag_entry(flag) for flag in applicant.flags],
        "fields": applicant.fields,
        "documents": [document_entry(doc, rules) for doc in applicant.documents],
    }


def build_status(state: IntakeState, rules: Rules) -> dict[str, Any]:
    return {
        "schema": SCHEMA,
        "generated_at": _iso(state.generated_at),
        "deadline": _iso(state.deadline),
        "applicants": [applicant_entry(applicant, rules) for applicant in state.applicants],
        "unassigned": [document_entry(doc, rules) for doc in state.unassigned],
        "errors": [{"source": e.source, "filename": e.filename, "error": e.error} for e in state.errors],
    }


def write_status(state: IntakeState, rules: Rules, target: Path) -> None:
    text = json.dumps(clean_value(build_status(state, rules)), ensure_ascii=False, indent=2)
    write_text_atomically(target, text + "\n")

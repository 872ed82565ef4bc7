"""Hand-built DocumentResult / Sighting / LinkedDocument objects for the assembly tests."""

from __future__ import annotations

import hashlib
from datetime import datetime, timedelta, timezone
from typing import Any

from pipeline.models import Certification, Classification, DocumentResult, LinkedDocument, Origin, Sighting

CST = timezone(timedelta(hours=8))
DEADLINE = datetime(2023, 8, 31, 18, 0, tzinfo=CST)
BEFORE = datetime(2023, 8, 20, 9, 0, tzinfo=CST)


def sha(label: str) -> str:
    return hashlib.sha256(label.encode()).hexdigest()


def doc(
    label: str,
    type_: str,
    subtype: str | None = None,
    *,
    fields: dict[str, Any] | None = None,
    text: str = "",
    text_chars: int | None = None,
    summary_rows: list[dict[str, Any]] | None = None,
    opinions: dict[str, dict[str, bool]] | None = None,
    certification: Certification | None = None,
    pages: tuple[int, int] | None = None,
) -> DocumentResult:
    digest = sha(label)
    return DocumentResult(
        id=digest[:16],
        sha256=digest,
        pages=pages,
        kind="pdf",
        classification=Classification(type=type_, subtype=subtype, confidence=0.9),
        text_chars=len(text) if text_chars is None else text_chars,
        text=text,
        fields=fields or {},
        summary_rows=summary_rows or [],
        opinions=opinions or {},
        certification=certification,
    )


def sighting(
    result: DocumentResult,
    *,
    filename: str | None = None,
    group: str | None = None,
    unit_hint: str | None = None,
    sender: str | None = None,
    at: datetime = BEFORE,
    clock: str = "file",
    source: str | None = None,
) -> Sighting:
    origin = Origin(
        source=source or f"scan:{filename or result.id}",
        received_at=at,
        group=group or f"scan:{result.id}",
        unit_hint=unit_hint,
        sender=sender,
        clock=clock,
    )
    return Sighting(sha256=result.sha256, filename=filename or f"{result.id}.pdf", origin=origin)


def linked(result: DocumentResult, *sightings: Sighting) -> LinkedDocument:
    sights = list(sightings) or [sighting(result)]
    first = min(sights, key=lambda s: s.origin.received_at)
    return LinkedDocument(result=result, sightings=sights, filename=first.filename, source=first.origin.source,
                          received_at=first.origin.received_at)

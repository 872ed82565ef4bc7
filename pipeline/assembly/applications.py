"""One unit, several applications: each unit may apply once (每个单位限申报1个), so a second
application form naming another expert is a second application, kept apart and flagged.
A later form naming the same expert completes or corrects the first and is merged."""

from __future__ import annotations

from dataclasses import dataclass

from pipeline import idnumber
from pipeline.models import LinkedDocument
from pipeline.textnorm import compact


@dataclass
class Application:
    key: str  # the unit key, with "#2", "#3" for a unit's further applications
    expert: str | None
    id_number: str | None
    documents: list[LinkedDocument]


def _identity(doc: LinkedDocument) -> tuple[str | None, str | None]:
    fields = doc.result.fields
    number = fields.get("id_number")
    return fields.get("expert"), number if number and idnumber.is_valid(number) else None


def split_applications(unit_key: str, documents: list[LinkedDocument]) -> list[Application]:
    """Documents of one unit (oldest first) divided between its applications."""
    applications: list[Application] = []
    for doc in documents:
        if not doc.is_material("forms", "application_form"):
            continue
        name, number = _identity(doc)
        if not name and not number:
            continue
        if not any(_same_expert(app, name, number) for app in applications):
            suffix = f"#{len(applications) + 1}" if applications else ""
            applications.append(Application(unit_key + suffix, name, number, []))
    if len(applications) <= 1:
        only = applications[0] if applications else Application(unit_key, None, None, [])
        only.documents = list(documents)
        return [only]
    for doc in documents:
        for app in _owners(doc, applications):
            app.documents.append(doc)
    return applications


def _same_expert(app: Application, name: str | None, number: str | None) -> bool:
    if number and app.id_number:
        return number == app.id_number
    return bool(name) and name == app.expert


def _owners(doc: LinkedDocument, applications: list[Application]) -> list[Application]:
    if doc.is_material("forms", "application_form"):
        name, number = _identity(doc)
        return [next(app for app in applications if _same_expert(app, name, number))] if (name or number) else applications[:1]
    if doc.is_material("forms", "summary_sheet"):
        named = {row.get("expert") for row in doc.result.summary_rows}
        matched = [app for app in applications if app.expert in named]
        if matched:
            return matched
    number = doc.result.fields.get("id_number")
    by_id = [app for app in applications if number and app.id_number == number]
    if len(by_id) == 1:
        return by_id
    text = compact(doc.result.text)
    by_name = [app for app in applications if app.expert and app.expert in text]
    if len(by_name) == 1:
        return by_name
    groups = {s.origin.group for s in doc.sightings}
    by_group = [
        app for app in applications
        if any(other.is_material("forms", "application_form") and groups & {s.origin.group for s in other.sightings} for other in app.documents)
    ]
    if len(by_group) == 1:
        return by_group
    return applications[:1]

"""Credentials pasted into a Word file as pictures (证件材料.docx), as offices often send them.
GIVEN one DOCX holding the ID card, skill certificate and diploma copies as pictures WHEN
ingested THEN each picture is its own document of its own material, and nothing is missing
for want of a separate file."""

from __future__ import annotations

import io
import random

import docx
from docx.shared import Cm

from tests.generator import identity, pages


def test_pictures_in_a_word_file_are_separate_credentials(deployment, tmp_path):
    rng = random.Random(12)
    unit = identity.make_unit(rng)
    expert = identity.make_expert(rng, unit)
    document = docx.Document()
    document.add_paragraph(f"{expert.person.name}证件材料")
    for page in (pages.id_card_page(expert, 150, rng), pages.skill_certificate_page(expert, 150, rng),
                 pages.diploma_page(expert, 150, rng)):
        buffer = io.BytesIO()
        page.convert("RGB").save(buffer, "JPEG", quality=85)
        buffer.seek(0)
        document.add_picture(buffer, width=Cm(16))
    folder = tmp_path / unit.name
    folder.mkdir()
    document.save(folder / "证件材料.docx")

    deployment.intake("ingest", str(folder))

    status = deployment.status()
    documents = [d for a in status["applicants"] for d in a["documents"]] + status["unassigned"]
    kinds = sorted((d["type"], d["subtype"]) for d in documents)
    assert kinds == [("credentials", "diploma"), ("credentials", "id_card"), ("credentials", "skill_certificate")]
    assert all(d["filename"] == "证件材料.docx" and d["pages"] for d in documents)
    archive = deployment.output / "archive"
    filed = [p for p in archive.rglob("*.docx")]
    assert len(filed) == 3

"""The unit name on the certifying seal's arc, read on generated certified copies through the
real page path (ReadContext.ocr_page, then check_page): read in full on some, and a reading that
is not the certifying unit's never reads as another unit the intake knows (the only case in which
copy_seal_unit_mismatch fires; a garbled reading that merely looks like a name raises nothing)."""

from __future__ import annotations

import random

from pipeline.assembly.units import read_as, same_unit, stamp_name_read
from pipeline.certify import check_page
from pipeline.config import OcrSettings, ProcessingSettings
from pipeline.ocr import create_engine
from pipeline.readers.context import ReadContext
from tests.generator.certify_cases import make_case


def test_arc_text_names_the_certifying_unit_or_nothing(tmp_path):
    settings = OcrSettings()
    engine = create_engine(settings)
    rng = random.Random(7)
    cases = [make_case(rng.randrange(2**31), rng.choice(["id_card", "award", "diploma", "other"])) for _ in range(12)]
    known_units = {case.unit for case in cases}
    own, mistaken = [], []
    for case in cases:
        ctx = ReadContext(engine=engine, ocr=settings, processing=ProcessingSettings(), page_folder=tmp_path,
                          key=case.name)
        content = ctx.ocr_page(case.image, 1)
        text = check_page(1, content.image_path, content.boxes, engine).seal.text
        if not stamp_name_read(text):
            continue
        if same_unit(text, case.unit):
            own.append(text)
        else:
            mistaken += [(case.unit, text, other) for other in known_units if other != case.unit and read_as(text, other)]
    assert own  # the arc is read in full on a minority of pages (blurred small print)
    assert mistaken == []

"""The unit name on the certifying seal's arc, read on generated certified copies through the
real page path (ReadContext.ocr_page, then check_page): read in full on some, and never taken
for another unit's name."""

from __future__ import annotations

import random

from pipeline.assembly.units import same_unit, stamp_name_read
from pipeline.certify import check_page
from pipeline.config import OcrSettings, ProcessingSettings
from pipeline.ocr import create_engine
from pipeline.readers.context import ReadContext
from tests.generator.certify_cases import make_case


def test_arc_text_names_the_certifying_unit_or_nothing(tmp_path):
    settings = OcrSettings()
    engine = create_engine(settings)
    rng = random.Random(7)
    own, other = [], []
    for index in range(12):
        case = make_case(rng.randrange(2**31), rng.choice(["id_card", "award", "diploma", "other"]))
        ctx = ReadContext(engine=engine, ocr=settings, processing=ProcessingSettings(), page_folder=tmp_path,
                          key=case.name)
        content = ctx.ocr_page(case.image, 1)
        text = check_page(1, content.image_path, content.boxes, engine).seal.text
        if stamp_name_read(text):
            (own if same_unit(text, case.unit) else other).append((case.unit, text))
    assert own  # the arc is read in full on a minority of pages (blurred small print): never wrongly
    assert other == []

"""The real page path for the verdict tests: ReadContext.ocr_page with the default OCR engine,
then check_page."""

from __future__ import annotations

import pytest

from pipeline.certify import check_page
from pipeline.config import OcrSettings, ProcessingSettings
from pipeline.models import PageCertification
from pipeline.ocr import create_engine
from pipeline.readers.context import ReadContext


@pytest.fixture(scope="module")
def checked(tmp_path_factory):
    engine = create_engine(OcrSettings())
    folder = tmp_path_factory.mktemp("pages")

    def check(case) -> PageCertification:
        ctx = ReadContext(engine=engine, ocr=OcrSettings(), processing=ProcessingSettings(), page_folder=folder,
                          key=case.name)
        content = ctx.ocr_page(case.image, 1)
        return check_page(1, content.image_path, content.boxes, engine)

    return check

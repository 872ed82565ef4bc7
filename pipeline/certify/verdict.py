"""A copy page's certification: evidence gathered from the image and its OCR
(pipeline.certify.gather), then decided from that evidence alone (pipeline.certify.decide); and
the combination of a document's pages into its marks."""

from __future__ import annotations

from pipeline.certify.decide import decide
from pipeline.certify.gather import gather
from pipeline.certify.overlay import draw_marking_area
from pipeline.models import Certification, MarkFinding, PageCertification, TextBox
from pipeline.ocr import OcrEngine

_ORDER = {"absent": 0, "unsure": 1, "present": 2}


def check_page(number: int, image_path: str, boxes: list[TextBox], engine: OcrEngine) -> PageCertification:
    """Gather and decide; where a mark is not plainly present (a flag, or unsure), the marking area
    is kept as an image for staff (PageCertification.crop)."""
    page = decide(gather(image_path, boxes, engine), number, image_path)
    if any(getattr(page, name).state != "present" for name in ("phrase", "seal", "signature")):
        page.crop = draw_marking_area(page)
    return page


def strongest_marks(pages: list[PageCertification]) -> dict[str, MarkFinding]:
    """A document's marks, each the strongest over its pages (present over unsure over absent):
    a run of pages is one copy (an ID card's two sides), and one certification on it is what the
    notice asks for."""
    return {name: max((getattr(page, name) for page in pages), key=lambda mark: _ORDER[mark.state])
            for name in ("phrase", "seal", "signature")}


def combine(pages: list[PageCertification]) -> Certification:
    """A document's marks as decided (None: could not be decided): what the report, the workbook
    and status.json all show."""
    return Certification(**{name: mark.value for name, mark in strongest_marks(pages).items()})

"""The evidence kept for the report: combination over pages, storage round trip, outlines."""

from __future__ import annotations

import json

import numpy as np
from PIL import Image

from pipeline.certify import combine
from pipeline.certify.overlay import MARK_COLOURS, draw_marks
from pipeline.models import Certification, Classification, DocumentResult, MarkFinding, PageCertification


def _page(number: int, image: str, phrase: str, seal: str, signature: str) -> PageCertification:
    return PageCertification(
        number,
        image,
        MarkFinding(phrase, 0.9, [(10, 10, 60, 30)]),
        MarkFinding(seal, 0.8, *([[(40, 5, 90, 55)], "重庆润达茶业有限公司"] if seal == "present" else [[], ""])),
        MarkFinding(signature, 0.7, [(20, 40, 70, 60)] if signature == "present" else []),
    )


def test_document_takes_each_marks_strongest_page():
    """GIVEN a two-page copy (an ID card's two sides) certified on its first page only
    WHEN the pages are combined THEN the copy counts as certified: one certification per copy."""
    pages = [_page(1, "a.jpg", "present", "present", "present"), _page(2, "b.jpg", "absent", "unsure", "absent")]
    assert combine(pages) == Certification(phrase=True, seal=True, signature=True)


def test_document_mark_is_unsure_before_absent():
    pages = [_page(1, "a.jpg", "absent", "unsure", "absent"), _page(2, "b.jpg", "absent", "absent", "absent")]
    assert combine(pages) == Certification(phrase=False, seal=None, signature=False)


def test_evidence_survives_the_store_round_trip():
    result = DocumentResult(
        id="x", sha256="0" * 64, pages=(1, 2), kind="pdf", classification=Classification("credentials", "id_card", 0.9),
        text_chars=0, certification=Certification(True, True, False),
        certification_pages=[_page(1, "a.jpg", "present", "present", "absent")],
    )
    again = DocumentResult.from_dict(json.loads(json.dumps(result.to_dict())))
    assert again == result


def test_marks_are_outlined_in_their_colours(tmp_path):
    source = tmp_path / "page.jpg"
    Image.new("RGB", (100, 100), "white").save(source)
    target = tmp_path / "marked.jpg"
    draw_marks(_page(1, str(source), "present", "absent", "present"), target, 100)
    pixels = np.asarray(Image.open(target).convert("RGB")).astype(int)
    blue = np.array(Image.new("RGB", (1, 1), MARK_COLOURS["phrase"]).getpixel((0, 0)))
    orange = np.array(Image.new("RGB", (1, 1), MARK_COLOURS["seal"]).getpixel((0, 0)))
    near = lambda colour: int((np.abs(pixels - colour).sum(axis=2) < 90).sum())
    assert near(blue) > 50  # the phrase's box is drawn
    assert near(orange) == 0  # the seal was not found: nothing drawn for it


def test_marking_area_is_cropped_at_full_resolution_with_the_marks_outlined(tmp_path):
    """A copy flag or an unsure mark comes with its marking area: the phrase, where the signature
    belongs and the seal by them, at the page's own resolution, the found marks outlined."""
    from pipeline.certify.decide import decide
    from pipeline.certify.evidence import PageEvidence, PhraseSeen, SealSeen
    from pipeline.certify.overlay import draw_marking_area
    from pipeline.certify.seal import Seal

    source = tmp_path / "0123456789abcdef0123456789abcdef.png"
    Image.new("RGB", (1240, 1754), "white").save(source)
    phrase = PhraseSeen("此件与原件相符", 0.9, (700, 1300, 1000, 1350), "blue", False)
    seal = SealSeen(Seal((900, 1340), (120, 120), 0.0, 0.9, True, True, True), "strict", False)
    evidence = PageEvidence((1240, 1754), 150 / 25.4, True, phrase, (seal,), (435, 1300, 1413, 1527), (), ())
    page = decide(evidence, 1, str(source))
    assert page.signature.state != "present"
    crop = draw_marking_area(page)
    assert crop.endswith("-marks.jpg")
    with Image.open(crop) as image:
        pixels = np.asarray(image.convert("RGB")).astype(int)
    assert 300 < image.width < 1240 and 250 < image.height < 700  # the area, not the page, not scaled down
    blue = np.array(Image.new("RGB", (1, 1), MARK_COLOURS["phrase"]).getpixel((0, 0)))
    orange = np.array(Image.new("RGB", (1, 1), MARK_COLOURS["seal"]).getpixel((0, 0)))
    near = lambda colour: int((np.abs(pixels - colour).sum(axis=2) < 90).sum())
    assert near(blue) > 100 and near(orange) > 100

"""Ink nothing found explains, measured on rendered pages (pipeline.certify.unexplained): a copy's
own print and the marks found leave none; a mark no detector found leaves its ink, which keeps
decide from claiming any mark absent."""

from __future__ import annotations

import json
import random

import numpy as np
from PIL import Image, ImageDraw

from pipeline.certify.decide import decide
from pipeline.certify.evidence import PageEvidence
from pipeline.certify.gather import gather
from pipeline.certify.page import PageImage
from pipeline.certify.seal import Seal
from pipeline.certify.unexplained import unexplained_ink
from pipeline.models import TextBox
from pipeline.ocr.engine import LineReading, OcrPage
from tests.generator.fonts import font
from tests.generator.marks import composite, handwriting_layer, seal_layer, signature_layer

MM = 150 / 25.4  # an A4 page at 150 dpi
SIZE = (1240, 1754)


def _page(*, colour_title: bool = True) -> tuple[Image.Image, list[TextBox]]:
    """A certificate copied in colour: a red title and lines of black print, each read surely."""
    image = Image.new("RGB", SIZE, (250, 250, 247))
    draw = ImageDraw.Draw(image)
    boxes = []
    if colour_title:
        box = draw.textbbox((420, 150), "荣誉证书", font=font("serif_bold", 90))
        draw.text((420, 150), "荣誉证书", font=font("serif_bold", 90), fill=(205, 30, 35))
        boxes.append(TextBox("荣誉证书", box, 0.99))
    for row, text in enumerate(["王斌同志：", "在2016年度工作中表现突出，被评为青年岗位能手。", "特发此证，以资鼓励。"]):
        xy = (160, 360 + row * 70)
        draw.text(xy, text, font=font("serif", 40), fill=(30, 30, 30))
        boxes.append(TextBox(text, draw.textbbox(xy, text, font=font("serif", 40)), 0.98))
    return image, boxes


def _seal(image: Image.Image, xy: tuple[int, int], style: str = "red", diameter: int = 236) -> Seal:
    """A round seal stamped at `xy` (top left), as a seal detector would report it."""
    box = composite(image, seal_layer("重庆润达茶业有限公司", diameter, random.Random(3), style=style, angle=0), xy)
    centre = ((box[0] + box[2]) // 2, (box[1] + box[3]) // 2)
    return Seal(centre, (diameter // 2, diameter // 2), 0.0, 0.9, True, True, True)


def _measured(image: Image.Image, seals: list[Seal], boxes: list[TextBox], phrase=None):
    return unexplained_ink(PageImage(np.asarray(image.convert("RGB"))), seals, phrase, boxes)


def _evidence(image: Image.Image, seals: list[Seal], found) -> PageEvidence:
    return PageEvidence(image.size, MM, image.mode == "RGB", None, (), None, (), (), unexplained=found)


def _mm(box) -> tuple[float, float]:
    return (box[2] - box[0]) / MM, (box[3] - box[1]) / MM


def test_plain_colour_copy_leaves_nothing_unexplained():
    """Its red title read cleanly is print; its black print is read: an uncertified copy keeps its flags."""
    image, boxes = _page()
    found = _measured(image, [], boxes)
    assert not [ink for ink in found if ink.mm2 >= 2.0]
    marks = decide(_evidence(image, [], found))
    assert (marks.phrase.state, marks.seal.state, marks.signature.state) == ("absent", "absent", "absent")
    unread = _measured(image, [], boxes[1:])  # the same title, not read: red ink nothing explains
    assert any(ink.ink == "red" and ink.mm2 >= 20.0 for ink in unread)


def test_seal_found_explains_its_ink():
    image, boxes = _page()
    seal = _seal(image, (800, 1250))
    assert _measured(image, [seal], boxes) == ()
    assert _measured(image, [], boxes)  # the same seal, not found


def test_red_phrase_stamp_read_as_garble_is_unexplained():
    """A red stamped phrase the OCR read as nonsense, not surely: its ink is a line nothing explains."""
    image, boxes = _page()
    stamp = composite(image, handwriting_layer("此件与原件相符", 48, random.Random(1), ink="red", style="sans_bold"), (180, 1300))
    found = _measured(image, [], boxes + [TextBox("此仵马原什相竹", stamp, 0.42)])
    reds = [ink for ink in found if ink.ink == "red"]
    assert reds and max(_mm(ink.box)[0] for ink in reds) >= 40
    marks = decide(_evidence(image, [], found))
    assert "absent" not in (marks.phrase.state, marks.seal.state, marks.signature.state)


def test_faint_pink_seal_no_rule_found_is_seal_shaped_ink():
    image, boxes = _page()
    _seal(image, (800, 1250), style="pink")
    found = _measured(image, [], boxes)
    width, height = _mm(max(found, key=lambda ink: ink.mm2).box)
    assert found[0].ink == "red" and 30 <= width <= 50 and 30 <= height <= 50
    assert decide(_evidence(image, [], found)).seal.state == "unsure"


def test_blue_scrawl_across_nothing_read_is_unexplained():
    image, boxes = _page()
    composite(image, signature_layer("李志强", 40, random.Random(5), ink="blue"), (300, 1500))
    found = _measured(image, [], boxes)
    assert any(ink.ink == "blue" and ink.mm2 >= 4.0 for ink in found)
    assert decide(_evidence(image, [], found)).signature.state == "unsure"


def test_grey_scan_handwriting_clear_of_print_is_found_and_print_is_not():
    image, boxes = _page(colour_title=False)
    grey = image.convert("L")
    assert not [ink for ink in _measured(grey, [], boxes) if ink.mm2 >= 2.0]
    composite(image, signature_layer("李志强", 40, random.Random(5), ink="black"), (300, 1500))
    found = _measured(image.convert("L"), [], boxes)
    assert [ink.ink for ink in found] == ["dark"] and found[0].mm2 >= 4.0


def test_portrait_on_a_copy_is_no_handwriting_and_a_name_seal_is_unexplained():
    """An ID card's portrait (a solid dark shape) is no pen stroke; a red name seal (solid red, its
    characters in white, 18 mm) no detector found is ink nothing explains."""
    image, boxes = _page()
    draw = ImageDraw.Draw(image)
    draw.ellipse((900, 600, 1020, 740), fill=(40, 40, 40))  # head
    draw.rectangle((860, 720, 1060, 800), fill=(40, 40, 40))  # shoulders
    assert not [ink for ink in _measured(image, [], boxes) if ink.mm2 >= 2.0]
    draw.rectangle((300, 1400, 406, 1506), fill=(200, 30, 40))
    draw.text((315, 1410), "李印", font=font("serif_bold", 40), fill=(250, 250, 247))
    found = _measured(image, [], boxes)
    assert [ink.ink for ink in found if ink.mm2 >= 2.0] == ["red"]
    assert decide(_evidence(image, [], found)).signature.state == "unsure"


class _ReadsNothing:
    """An OCR engine that reads nothing more than the page's own boxes (a small fake: the phrase
    and the seals' arcs are searched for, and not found)."""

    name = "nothing"

    def recognize(self, image: Image.Image) -> OcrPage:
        return OcrPage("", None, [])

    def read_line(self, image: Image.Image) -> str:
        return ""

    def read_lines(self, images) -> list[LineReading]:
        return [LineReading("", 0.0) for _ in images]


def test_gather_keeps_the_measurement_with_the_evidence(tmp_path):
    """gather measures the page it was given and stores the measurement, which survives the
    evidence's round trip: an unmarked colour copy nothing, one with a red stamp read as garble its ink."""
    image, boxes = _page()
    plain = tmp_path / "plain.png"
    image.save(plain)
    evidence = gather(str(plain), boxes, _ReadsNothing())
    assert evidence.unexplained == () and evidence.phrase is None
    marks = decide(evidence)
    assert (marks.phrase.state, marks.seal.state, marks.signature.state) == ("absent", "absent", "absent")
    stamp = composite(image, handwriting_layer("此件与原件相符", 48, random.Random(1), ink="red", style="sans"), (180, 1300))
    stamped = tmp_path / "stamped.png"
    image.save(stamped)
    evidence = gather(str(stamped), boxes + [TextBox("lt4-=h", stamp, 0.42)], _ReadsNothing())
    assert evidence.phrase is None and evidence.unexplained
    assert PageEvidence.from_dict(json.loads(json.dumps(evidence.to_dict()))) == evidence
    marks = decide(evidence)
    assert "absent" not in (marks.phrase.state, marks.seal.state, marks.signature.state)


def test_seal_found_does_not_explain_a_phrase_stamped_across_it_in_another_ink():
    image, boxes = _page()
    seal = _seal(image, (800, 1250))
    composite(image, handwriting_layer("此件与原件相符", 40, random.Random(2), ink="blue", style="sans"), (700, 1330))
    found = _measured(image, [seal], boxes)
    assert any(ink.ink == "blue" and ink.mm2 >= 20.0 for ink in found)

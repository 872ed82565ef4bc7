"""The second blind generator: deterministic per (seed, index), truth consistent with what is drawn and
with the features in the case name, delivered files shaped as their capture says. Cheap: no OCR."""

from __future__ import annotations

import io
import json
from collections import Counter

import numpy as np
import pytest
from PIL import Image

from tests.generator.blind_copies_2 import compose, make_case, plan_page
from tests.generator.blind_copies_2.__main__ import main
from tests.generator.blind_copies_2.capture import EXIF_ORIENTATION, GREY_CAPTURES
from tests.generator.blind_copies_2.marks import EXTRAS, PHRASE_STYLES, SEAL_EFFECTS, SEAL_STYLES, SIGNATURE_STYLES
from tests.generator.blind_copies_2.plan import CAPTURES, KINDS, SCENARIOS

TUNING_SEED = 1
PLANS = [plan_page(TUNING_SEED, index) for index in range(240)]


def _first(predicate) -> int:
    return next(p.index for p in PLANS if predicate(p))


def test_plans_are_deterministic_and_differ_between_seeds():
    assert [plan_page(TUNING_SEED, i) for i in range(40)] == PLANS[:40]
    assert [plan_page(2, i).name for i in range(40)] != [p.name for p in PLANS[:40]]


def test_a_page_is_the_same_bytes_every_time():
    index = _first(lambda p: p.capture.capture in ("chat_scan", "screenshot"))
    assert make_case(TUNING_SEED, index).delivery == make_case(TUNING_SEED, index).delivery


def test_every_kind_scenario_and_capture_occurs_on_a_tuning_seed():
    assert {p.kind for p in PLANS} == set(KINDS)
    assert {p.scenario for p in PLANS} == set(SCENARIOS)
    assert {p.capture.capture for p in PLANS} == set(CAPTURES)


def test_truth_follows_the_marks_a_clerk_would_count():
    for plan in PLANS:
        marks, truth = plan.marks, plan.truth
        assert marks.phrase in PHRASE_STYLES and marks.signature in SIGNATURE_STYLES and marks.seal in SEAL_STYLES
        assert set(marks.seal_effects) <= set(SEAL_EFFECTS) and set(marks.extras) <= set(EXTRAS)
        assert truth["phrase"] == (marks.phrase not in ("none", "label_blank")), plan.name
        assert truth["signature"] == (marks.signature not in ("none", "date_only", "label_only")), plan.name
        assert truth["seal"] == (marks.seal != "none"), plan.name
        if marks.phrase == "label_blank":
            assert not truth["signature"] and not truth["seal"], plan.name
        if marks.phrase == "label_filled":
            assert truth["signature"], plan.name  # a filled label has a name written in it
        _, phrase, signature, seal = SCENARIOS[plan.scenario]
        assert truth == {"phrase": phrase, "seal": seal, "signature": signature}, plan.name
        for feature in (plan.kind, plan.scenario, f"phrase={marks.phrase}", f"sig={marks.signature}",
                        f"seal={marks.seal}", plan.capture.capture):
            assert feature in plan.name
    counts = Counter(tuple(p.truth.values()) for p in PLANS)
    assert counts[(True, True, True)] < 0.6 * len(PLANS)  # negatives and partial sets are not rare
    assert counts[(False, False, False)] > 0.1 * len(PLANS)


@pytest.mark.parametrize("scenario", ["full", "seal_only", "unmarked", "date_no_name", "original_photo"])
def test_marks_are_drawn_where_the_truth_says(scenario):
    plan = PLANS[_first(lambda p: p.scenario == scenario and p.capture.dpi == 150)]
    composition = compose(TUNING_SEED, plan.index)
    drawn = {placed.mark for placed in composition.placed}
    for mark, present in plan.truth.items():
        assert (mark in drawn) == present, (plan.name, drawn)
    page = composition.page.astype(np.int16)
    for placed in (p for p in composition.placed if p.mark in plan.truth):
        x0, y0, x1, y1 = placed.box
        region = page[y0:y1, x0:x1]
        assert region.size and region.min() < 170, (plan.name, placed)  # real ink, not an empty box
        if placed.mark == "seal":  # a seal is red-ish ink, whatever the shade
            reddish = (region[:, :, 0] - region[:, :, 1] > 40).mean()
            assert reddish > 0.01, (plan.name, reddish)


def test_delivered_files_look_like_their_capture():
    cases = {
        "mfp_bw": lambda img: img.mode in ("1", "L"),
        "screenshot": lambda img: img.mode == "P" and max(img.size) < 1400,
        "chat_scan": lambda img: max(img.size) == 1280 and img.format == "JPEG",
        "word_pdf": lambda img: abs(img.height / img.width - 297 / 210) < 0.01,  # an A4 PDF page
    }
    for capture, looks_right in cases.items():
        index = _first(lambda p: p.capture.capture == capture and p.capture.dpi <= 200)
        case = make_case(TUNING_SEED, index)
        assert looks_right(case.image), case.name
        assert case.grayscale == (capture in GREY_CAPTURES)


def test_an_exif_rotated_photo_carries_its_orientation():
    index = _first(lambda p: p.capture.exif and p.capture.dpi == 150)
    case = make_case(TUNING_SEED, index)
    image = Image.open(io.BytesIO(case.delivery.payload))
    assert image.getexif().get(EXIF_ORIENTATION) in (3, 6, 8)


def test_command_line_writes_files_as_delivered_with_their_truth(tmp_path):
    main([str(tmp_path), "--count", "3", "--seed", "3"])
    truth = json.loads((tmp_path / "truth.json").read_text(encoding="utf-8"))
    assert len(truth) == 3
    for index, (file_name, entry) in enumerate(sorted(truth.items())):
        case = make_case(3, index)
        assert file_name == case.file_name
        assert (tmp_path / file_name).read_bytes() == case.delivery.payload
        assert entry["truth"] == case.truth.as_dict() and entry["name"] == case.name

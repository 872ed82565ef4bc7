"""The blind certified-copy generator: same seed, same files; the promised variety of documents,
marks, truths and captures; images delivered in the mode their capture produces."""

from __future__ import annotations

import json
from collections import Counter

import numpy as np

from tests.generator.blind_copies import blind_cases, write_cases
from tests.generator.blind_copies.cases import DECKS, SCENARIOS, make_case, plan_case
from tests.generator.blind_copies.documents import MAKERS
from tests.generator.blind_copies.marking import PHRASE_STYLES, SEAL_FLAWS, SIGNATURE_STYLES, USE_ONLY

SEED = 1


def _cheap_indices(seed: int, count: int) -> list[int]:
    """Cases not taken as 4000 px phone photos, to keep the test fast."""
    return [i for i in range(40) if plan_case(seed, i).capture != "phone"][:count]


def test_same_seed_same_cases():
    for index in _cheap_indices(SEED, 3):
        first, second = make_case(SEED, index), make_case(SEED, index)
        assert first.name == second.name
        assert first.data == second.data
        assert first.truth == second.truth
    assert plan_case(SEED, 0) != plan_case(SEED + 1, 0) or plan_case(SEED, 1) != plan_case(SEED + 1, 1)


def test_cases_extend_with_count():
    short = blind_cases(0, SEED)
    assert short == []
    assert [plan_case(SEED, i) for i in range(5)] == [plan_case(SEED, i) for i in range(10)][:5]


def test_plans_cover_the_promised_variety():
    plans = [plan_case(SEED, i) for i in range(72)]
    assert set(Counter(p.scenario for p in plans)) == set(SCENARIOS)
    assert any(p.marks.phrase == USE_ONLY and not p.truth.phrase for p in plans)
    assert any(p.marks.riding_slice for p in plans)
    assert set(Counter(p.kind for p in plans)) == set(MAKERS)
    assert set(p.marks.phrase for p in plans) >= set(PHRASE_STYLES)
    assert set(p.marks.signature for p in plans) >= set(SIGNATURE_STYLES)
    assert set(p.marks.seal for p in plans) >= set(DECKS["seal"])
    assert set(DECKS["flaw"]) == set(SEAL_FLAWS)
    assert set(p.marks.seal_flaw for p in plans if p.marks.seal) == set(SEAL_FLAWS)
    assert set(p.capture for p in plans) == set(DECKS["capture"])
    assert {p.turn for p in plans} == {0, 90, 180, 270}
    assert any(p.marks.over_content for p in plans) and any(not p.marks.over_content for p in plans)
    assert any(p.marks.pen == "red" and p.marks.seal for p in plans)
    assert any(p.grey_copy and p.capture == "flatbed-colour" and p.marks.seal for p in plans)
    truths = Counter(tuple(p.truth.as_dict().values()) for p in plans)
    assert len(truths) >= 6, truths
    assert truths[(True, True, True)] / len(plans) >= 0.4
    for mark in ("phrase", "seal", "signature"):  # each mark is missing on enough copies to measure a flag
        assert sum(not p.truth.as_dict()[mark] for p in plans) >= 12, mark
    hard = sum(p.hard_negative for p in plans)
    assert 0.25 <= hard / len(plans) <= 0.6
    blank_labels = [p for p in plans if p.scenario == "blank-label"]
    assert blank_labels and all(p.template and not p.truth.phrase for p in blank_labels)


def test_images_come_as_their_capture_delivers_them():
    expected_modes = {"chat-png": {"P"}, "mfp-bw": {"1"}, "flatbed-grey": {"L"}, "flatbed-colour": {"RGB"},
                      "chat-jpeg": {"RGB"}, "scan-app": {"L", "RGB"}, "word-page": {"RGB"}}
    seen = set()
    for index in range(40):
        plan = plan_case(SEED, index)
        if plan.capture in seen or plan.capture == "phone":
            continue
        seen.add(plan.capture)
        case = make_case(SEED, index)
        assert case.image.mode in expected_modes[plan.capture], (case.name, case.image.mode)
        assert case.grayscale == (case.image.mode in ("L", "1"))
        assert 60 <= case.dpi <= 300
        assert case.name.startswith(plan.kind + "/" + plan.scenario)
    assert len(seen) >= 5


def test_a_stamped_seal_puts_red_ink_on_a_colour_copy():
    index = next(i for i in range(120) if plan_case(SEED, i).capture == "flatbed-colour"
                 and plan_case(SEED, i).marks.seal in ("fresh", "brick")
                 and plan_case(SEED, i).kind in ("id_card", "plain_certificate"))
    pixels = np.asarray(make_case(SEED, index).image.convert("RGB")).astype(int)
    red = (pixels[:, :, 0] > 150) & (pixels[:, :, 0] - pixels[:, :, 1] > 60)
    assert red.sum() > 2000  # an ID card copy has no red but the emblem; a 40 mm seal adds far more


def test_cases_written_to_disk_with_their_truth(tmp_path):
    index = _cheap_indices(SEED, 1)[0]
    case = make_case(SEED, index)
    truth_path = write_cases([case], tmp_path)
    entry = json.loads(truth_path.read_text(encoding="utf-8"))["cases"][0]
    assert (tmp_path / entry["file"]).read_bytes() == case.data
    assert entry["truth"] == case.truth.as_dict()
    assert entry["name"] == case.name and entry["mode"] == case.image.mode

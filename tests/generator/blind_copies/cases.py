"""Certified-copy cases with known truth: which document, which marks (or which are missing on
purpose), how it was captured. Every axis of variety is dealt from a shuffled deck per block of cases,
so even a few dozen cases cover each kind, mark style, ink and capture; case i depends only on
(seed, i), so a longer run extends a shorter one."""

from __future__ import annotations

import json
import random
from dataclasses import asdict, dataclass
from pathlib import Path

from PIL import Image

from tests.generator.blind_copies import people
from tests.generator.blind_copies.capture import CAPTURES
from tests.generator.blind_copies.documents import draw, photocopied_grey
from tests.generator.blind_copies.marking import USE_ONLY, MarkPlan, apply

# scenario -> (phrase, seal, signature) present, hard negative
SCENARIOS: dict[str, tuple[bool, bool, bool, bool]] = {
    "certified": (True, True, True, False),
    "signed-across-seal": (True, True, True, False),
    "no-signature": (True, True, False, True),
    "no-seal": (True, False, True, True),
    "seal-only": (False, True, False, True),
    "seal-and-signature": (False, True, True, False),
    "phrase-only": (True, False, False, True),
    "issuer-seal-only": (False, False, False, True),
    "blank-label": (False, False, False, True),
    "letter": (False, False, False, True),
    "red-pen-by-seal": (True, True, False, True),
    "use-only-stamp": (False, True, True, True),
    "uncertified": (False, False, False, False),
}
DECKS: dict[str, tuple[str, ...]] = {
    "scenario": ("certified",) * 11 + ("signed-across-seal", "no-signature", "no-signature", "no-seal", "no-seal",
                                        "seal-only", "seal-and-signature", "phrase-only", "issuer-seal-only",
                                        "blank-label", "letter", "red-pen-by-seal", "uncertified", "use-only-stamp"),
    "kind": ("id_card", "id_card", "skill_certificate", "skill_certificate", "award", "diploma", "plain_certificate",
             "two_copies"),
    "phrase": ("hand", "hand", "stamp", "stamp-handler", "label"),
    "signature": ("scrawl", "scrawl", "scrawl", "neat", "name-date", "initials", "name-seal", "name-seal+scrawl"),
    "seal": ("fresh", "fresh", "brick", "pink", "purple"),
    "flaw": ("clean", "clean", "uneven", "faint", "doubled", "off-edge", "smeared"),
    "pen": ("blue", "blue", "blue", "black", "black", "blue-black", "blue-black", "red"),
    "stamp_ink": ("red", "red", "blue", "purple", "black"),
    "capture": ("flatbed-colour", "flatbed-colour", "flatbed-colour", "flatbed-grey", "mfp-bw", "scan-app", "phone",
                "phone", "chat-jpeg", "chat-jpeg", "chat-png", "chat-png", "word-page"),
    "turn": (0,) * 7 + (90, 180, 270),
}
ISSUED = ("skill_certificate", "diploma", "award", "two_copies")  # documents that carry their issuer's printed seal


@dataclass(frozen=True)
class Truth:
    phrase: bool  # a certification phrase stamped or written (a printed label counts once filled or sealed)
    seal: bool  # an official seal stamped to certify the copy (not the document's own seal)
    signature: bool  # the handler's handwritten name or personal name seal

    def as_dict(self) -> dict[str, bool]:
        return asdict(self)


@dataclass(frozen=True)
class Case:
    name: str
    kind: str
    scenario: str
    image: Image.Image
    data: bytes
    suffix: str
    truth: Truth
    dpi: int
    unit: str
    grayscale: bool
    template: bool
    hard_negative: bool


def _deal(seed: int, axis: str, index: int):
    deck = list(DECKS[axis])
    block, position = divmod(index, len(deck))
    random.Random(f"{seed}:{axis}:{block}").shuffle(deck)
    return deck[position]


@dataclass(frozen=True)
class CasePlan:
    """Everything decided about a case before anything is drawn."""
    scenario: str
    kind: str
    marks: MarkPlan
    capture: str
    turn: int
    grey_copy: bool  # the document was photocopied in black and white before the marks went on

    @property
    def truth(self) -> Truth:
        phrase, seal, signature, _ = SCENARIOS[self.scenario]
        label_filled = self.marks.phrase != "label" or seal or signature
        return Truth(phrase=phrase and bool(label_filled), seal=seal, signature=signature)

    @property
    def template(self) -> bool:
        return self.marks.phrase == "label"

    @property
    def hard_negative(self) -> bool:
        return SCENARIOS[self.scenario][3]


UNMARKED = ("letter", "issuer-seal-only", "uncertified")  # scenarios whose copy gets no certification marks


def plan_case(seed: int, index: int) -> CasePlan:
    rng = random.Random(f"blind-plan:{seed}:{index}")
    scenario = _deal(seed, "scenario", index)
    phrase, seal, signature, _ = SCENARIOS[scenario]
    kind = _deal(seed, "kind", index)
    if scenario == "letter":
        kind = "letter"
    elif scenario == "issuer-seal-only" and kind not in ISSUED:
        kind = ISSUED[index % len(ISSUED)]
    phrase_style = _deal(seed, "phrase", index) if phrase else ""
    if scenario == "blank-label":
        phrase_style = "label"
    elif phrase_style == "label" and not (seal or signature):
        phrase_style = "stamp"  # a label alone is blank, not a phrase
    pen = _deal(seed, "pen", index)
    if scenario == "red-pen-by-seal" or (scenario == "signed-across-seal" and rng.random() < 0.5):
        phrase_style, pen = phrase_style if scenario == "signed-across-seal" else "hand", "red"
    if scenario == "use-only-stamp":
        phrase_style = USE_ONLY
    full_page = kind in ("diploma", "award")
    marks = MarkPlan(
        phrase=phrase_style,
        signature=_deal(seed, "signature", index) if signature else "",
        seal=_deal(seed, "seal", index) if seal else "",
        seal_flaw=_deal(seed, "flaw", index),
        pen=pen,
        stamp_ink=_deal(seed, "stamp_ink", index),
        over_content=rng.random() < (0.5 if full_page else 0.2),
        across_seal=scenario == "signed-across-seal" or (signature and seal and rng.random() < 0.15),
        riding_slice=seal and rng.random() < 0.1,
    )
    grey_copy = kind != "letter" and rng.random() < 0.35
    return CasePlan(scenario, kind, marks, _deal(seed, "capture", index), _deal(seed, "turn", index), grey_copy)


def _name(kind: str, scenario: str, plan: MarkPlan, capture: str, detail: str, turn: int, features: list[str]) -> str:
    if plan.phrase == "hand":
        phrase = f"hand-{plan.pen}-phrase"
    elif plan.phrase.startswith("stamp"):
        phrase = f"{plan.phrase}-{plan.stamp_ink}-phrase"
    elif plan.phrase == "label":
        phrase = "label"
    elif plan.phrase == USE_ONLY:
        phrase = f"use-only-stamp-{plan.stamp_ink}"
    else:
        phrase = "no-phrase"
    signature = (plan.signature + ("" if plan.signature.startswith("name-seal") else f"-{plan.pen}")) if plan.signature else "no-signature"
    seal = f"seal-{plan.seal}-{plan.seal_flaw}" if plan.seal else "no-seal"
    parts = [kind, scenario, phrase, signature, seal, f"{capture}-{detail}"]
    if turn:
        parts.append(f"rot{turn}")
    if plan.over_content and scenario not in UNMARKED:
        parts.append("over-content")
    return "/".join(parts) + (f" [{','.join(features)}]" if features else "")


def make_case(seed: int, index: int) -> Case:
    plan = plan_case(seed, index)
    rng = random.Random(f"blind-draw:{seed}:{index}")
    resolutions, maker = CAPTURES[plan.capture]
    dpi = rng.choice(resolutions)
    doc = draw(plan.kind, dpi / 25.4, rng)
    if plan.grey_copy:
        doc.page = photocopied_grey(doc.page, rng)
        doc.features.insert(0, "grey-copy")
    unit = people.company(rng)
    features = [f for f in doc.features if not f.startswith("unit:")]
    if plan.scenario == "letter":
        unit = next(f[5:] for f in doc.features if f.startswith("unit:"))
    elif plan.scenario not in UNMARKED:
        features += apply(doc, plan.marks, unit, rng)
    shot = maker(doc.page, dpi, rng, plan.turn)
    name = _name(plan.kind, plan.scenario, plan.marks, plan.capture, shot.detail, plan.turn, features)
    return Case(name, plan.kind, plan.scenario, shot.image, shot.data, shot.suffix, plan.truth, shot.dpi, unit,
                shot.grayscale, plan.template, plan.hard_negative)


def blind_cases(count: int, seed: int) -> list[Case]:
    return [make_case(seed, index) for index in range(count)]


def write_cases(cases: list[Case], folder: Path) -> Path:
    """Write each case's file as delivered (same bytes) and a truth.json beside them; return its path."""
    folder.mkdir(parents=True, exist_ok=True)
    entries = []
    for index, case in enumerate(cases):
        file_name = f"{index:03d}-{case.kind}-{case.scenario}{case.suffix}"
        (folder / file_name).write_bytes(case.data)
        entries.append({"file": file_name, "name": case.name, "kind": case.kind, "scenario": case.scenario,
                        "truth": case.truth.as_dict(), "dpi": case.dpi, "unit": case.unit, "grayscale": case.grayscale,
                        "template": case.template, "hard_negative": case.hard_negative, "mode": case.image.mode})
    truth_path = folder / "truth.json"
    truth_path.write_text(json.dumps({"cases": entries}, ensure_ascii=False, indent=1), encoding="utf-8")
    return truth_path

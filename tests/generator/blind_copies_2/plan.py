"""What each page will be, decided before anything is drawn: the document, the applicant unit and its
office's habits, which marks a handler put on (or forgot), how the page was captured, and the truth a
careful clerk would give. Deterministic per (seed, index)."""

from __future__ import annotations

import random
from dataclasses import dataclass

from .capture import GREY_CAPTURES, CapturePlan
from .marks import HANDWRITTEN_PHRASES, SEAL_EFFECTS, SIGN_LABELS, STAMPED_PHRASES, WORDINGS, MarkPlan
from .people import UNITS

KINDS = {"id_card": 16, "skill_cert": 14, "diploma": 9, "award": 12, "contract": 10, "licence": 10, "letter": 10,
         "table": 9, "photos": 8, "two_copies": 5, "patent": 5, "article": 5}
# scenario: (weight, phrase?, signature?, seal?): which marks the handler put on. Besides: blank_label has
# the printed label unfilled, stamp_unfilled a 经办人：____ stamp left blank, date_no_name a date for a name,
# use_only only a 此件仅供申报使用 stamp, original_photo the original itself photographed on a desk.
SCENARIOS = {
    "full": (40, True, True, True), "no_signature": (8, True, False, True), "no_seal": (8, True, True, False),
    "seal_only": (5, False, False, True), "phrase_only": (4, True, False, False), "date_no_name": (3, True, False, True),
    "unmarked": (12, False, False, False), "blank_label": (4, False, False, False),
    "stamp_unfilled": (4, True, False, True), "use_only": (4, False, False, False),
    "original_photo": (3, False, False, False),
}
ORIGINAL_KINDS = ("skill_cert", "award", "diploma", "licence", "patent")  # photographed as they are, on a desk
CAPTURES = {"scan_colour": 22, "scan_grey": 10, "mfp_bw": 12, "scan_app": 5, "scan_app_bw": 3, "phone": 16, "chat_scan": 8,
            "chat_photo": 12, "screenshot": 6, "word_pdf": 4}
FORMATS = {"scan_colour": {"jpg": 5, "pdf": 3, "png": 2}, "scan_grey": {"jpg": 4, "png": 3, "pdf": 3},
           "mfp_bw": {"pdf": 5, "tif": 3, "png": 2}, "scan_app": {"pdf": 1}, "scan_app_bw": {"pdf": 1}, "phone": {"jpg": 1},
           "chat_scan": {"jpg": 1}, "chat_photo": {"jpg": 1}, "screenshot": {"png": 1}, "word_pdf": {"pdf": 1}}
# what a kind of page is called: a Word page's caption, a delivered file's name
CAPTIONS = {"id_card": "专家身份证复印件", "skill_cert": "职业资格证书复印件", "diploma": "学历证书复印件", "award": "获奖证书",
            "contract": "劳动合同（复印件）", "licence": "营业执照副本复印件", "letter": "证明材料", "table": "技能传承情况",
            "photos": "工作照片", "two_copies": "证书复印件", "patent": "专利证书", "article": "发表论文"}
COLOUR_COPY_CHANCE = {"patent": 0.5, "two_copies": 0.5, "skill_cert": 0.6, "diploma": 0.6, "award": 0.7, "licence": 0.6, "id_card": 0.3, "letter": 0.5}
CROWDED_KINDS = ("diploma", "award", "licence", "two_copies", "article")  # little blank room: marks often go over the print
PENS = {"black_ballpoint": 5, "blue_ballpoint": 6, "blueblack_gel": 3, "black_gel": 3, "red_ballpoint": 1}
SIGNATURES = {"neat": 4, "scrawl": 6, "surname": 1, "name_date": 3, "initials": 1, "name_seal": 2}
SEAL_INKS = {"bright_red": 6, "orange_red": 2, "dark_red": 2, "brick": 2, "pink": 2, "purple_red": 1}
STAMP_INKS = {"red": 5, "blue": 3, "purple": 2, "black": 1}
PHRASES = {"hand_neat": 4, "hand_hurried": 3, "stamp_frame": 4, "stamp_noframe": 2, "stamp_2line": 3, "label_filled": 1}


@dataclass(frozen=True)
class Habits:
    """How one unit's office certifies copies; individual pages stray from it now and then."""
    phrase: str
    wording: str
    stamp_ink: str
    pen: str
    signature: str
    sign_label: str
    seal: str
    seal_ink: str


@dataclass(frozen=True)
class PagePlan:
    seed: int
    index: int
    kind: str
    unit_number: int
    scenario: str
    marks: MarkPlan
    capture: CapturePlan

    @property
    def truth(self) -> dict[str, bool]:
        return {"phrase": self.marks.has_phrase, "seal": self.marks.has_seal, "signature": self.marks.has_signature}

    @property
    def name(self) -> str:
        m, c = self.marks, self.capture
        seal = m.seal + "".join(f"+{e}" for e in m.seal_effects) if m.has_seal else "none"
        extras = "".join(f"-{e}" for e in m.extras)
        turn = f"-rot{c.rotation}" if c.rotation else ""
        return (f"{self.index:03d}-{self.kind}-{self.scenario}-phrase={m.phrase}-sig={m.signature}-seal={seal}"
                f"-{c.capture}.{c.fmt}@{c.dpi}{'-colourcopy' if c.colour_copy else ''}{turn}{'-exif' if c.exif else ''}{extras}")


def _pick(rng: random.Random, weights: dict[str, int]) -> str:
    return rng.choices(list(weights), weights=list(weights.values()))[0]


def habits(seed: int, unit_number: int) -> Habits:
    rng = random.Random(f"blind2/habit/{seed}/{unit_number}")
    return Habits(phrase=_pick(rng, PHRASES), wording=rng.choice(WORDINGS), stamp_ink=_pick(rng, STAMP_INKS),
                  pen=_pick(rng, PENS), signature=_pick(rng, SIGNATURES), sign_label=rng.choice(SIGN_LABELS),
                  seal=rng.choice(("round", "round", "round", "round", "oval", "double_ring")), seal_ink=_pick(rng, SEAL_INKS))


def plan_page(seed: int, index: int) -> PagePlan:
    rng = random.Random(f"blind2/plan/{seed}/{index}")
    kind = _pick(rng, KINDS)
    unit_number = rng.randrange(len(UNITS))
    habit = habits(seed, unit_number)
    scenario = _pick(rng, {name: weight for name, (weight, *_) in SCENARIOS.items()})
    if scenario == "original_photo":
        kind = rng.choice(ORIGINAL_KINDS)
    capture = _capture(rng, kind, scenario)
    return PagePlan(seed, index, kind, unit_number, scenario, _marks(rng, scenario, habit, kind, capture), capture)


def _own(rng: random.Random, habit_value: str, weights: dict[str, int]) -> str:
    return habit_value if rng.random() < 0.7 else _pick(rng, weights)


def _marks(rng: random.Random, scenario: str, habit: Habits, kind: str, capture: CapturePlan) -> MarkPlan:
    phrase = _own(rng, habit.phrase, PHRASES)
    signature = _own(rng, habit.signature, SIGNATURES)
    seal = _own(rng, habit.seal, {"round": 4, "oval": 1, "double_ring": 1})
    _, wants_phrase, wants_signature, wants_seal = SCENARIOS[scenario]
    if scenario == "blank_label":
        phrase = "label_blank"
    elif scenario == "stamp_unfilled":
        phrase = "stamp_2line"
    elif not wants_phrase:
        phrase = "none"
    elif phrase == "label_filled" and not wants_signature:
        phrase = rng.choice(HANDWRITTEN_PHRASES + STAMPED_PHRASES[:2])  # a filled label has a name in it
    if scenario == "date_no_name":
        signature = "date_only"
    elif not wants_signature:
        signature = "label_only" if wants_phrase and rng.random() < 0.25 else "none"
    pen = _own(rng, habit.pen, PENS)
    seal_ink = _own(rng, habit.seal_ink, SEAL_INKS)
    effects = tuple(sorted({e for e in SEAL_EFFECTS if rng.random() < 0.12}))
    if capture.capture == "mfp_bw":  # keep the marks visible after a 1-bit threshold, as a clerk would see them
        seal_ink = seal_ink if seal_ink not in ("pink", "orange_red") else "bright_red"
        effects = tuple(e for e in effects if e != "faint")
        pen = pen if pen != "red_ballpoint" else "black_ballpoint"
    elif capture.capture in GREY_CAPTURES and seal_ink == "pink":  # a faint pink seal in grey is next to nothing
        effects = tuple(e for e in effects if e != "faint")
    extras = tuple(e for e, chance in (("ink_stain", 0.08), ("red_note", 0.08), ("seam_seal", 0.12 if wants_seal else 0))
                   if rng.random() < chance)
    if scenario == "use_only" or (scenario != "original_photo" and rng.random() < 0.06):
        extras = ("use_only_stamp", *extras)
    if scenario == "original_photo":
        extras = ()
    over_content = rng.random() < (0.5 if kind in CROWDED_KINDS else 0.15)
    return MarkPlan(phrase=phrase, wording=_wording(rng, habit.wording), stamp_ink=_own(rng, habit.stamp_ink, STAMP_INKS),
                    signature=signature, sign_label=habit.sign_label if rng.random() < 0.8 else rng.choice(SIGN_LABELS),
                    pen=pen, seal=seal if wants_seal else "none", seal_ink=seal_ink,
                    seal_effects=effects if wants_seal else (), over_content=over_content, extras=extras)


def _wording(rng: random.Random, habit_wording: str) -> str:
    return habit_wording if rng.random() < 0.8 else rng.choice(WORDINGS)


def _capture(rng: random.Random, kind: str, scenario: str) -> CapturePlan:
    capture = _pick(rng, CAPTURES) if scenario != "original_photo" else rng.choice(("phone", "chat_photo"))
    fmt = _pick(rng, FORMATS[capture])
    if capture in ("scan_colour", "scan_grey"):
        dpi = rng.choice((150, 200, 200, 300))
    elif capture == "mfp_bw":
        dpi = rng.choice((200, 200, 300))
    elif capture in ("phone", "scan_app", "scan_app_bw"):
        dpi = rng.choice((150, 200))
    else:
        dpi = 150
    rotation = 0
    if capture in ("scan_colour", "scan_grey", "mfp_bw", "scan_app", "scan_app_bw", "chat_scan"):
        rotation = rng.choices((0, 180, 90, 270), weights=(85, 7, 4, 4))[0]
    exif = capture == "phone" and rng.random() < 0.35
    colour_copy = capture not in GREY_CAPTURES and rng.random() < COLOUR_COPY_CHANCE.get(kind, 0.2)
    caption = CAPTIONS[kind] if capture == "word_pdf" and rng.random() < 0.8 else ""
    return CapturePlan(capture, dpi, fmt, rotation, exif, colour_copy, caption)

"""Classification of a text into the five materials, by the rules in inbox_rules/materials.toml.

Pure: text, file name and rules in, a `Classification` out. Content decides, by the words it
holds and by its form (a long text in sentences is a narrative: deeds or a report, never a
certificate, whatever awards it names); the file name only adds weight to a rule that the
content already supports.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from functools import lru_cache

from pipeline.models import Classification
from pipeline.rules import MaterialRule, Rules
from pipeline.textnorm import compact

SCALE = 5.0  # a score of SCALE gives 63% strength
NARRATIVE_MIN_CHARS = 600  # a narrative (deeds, report) is long...
NARRATIVE_MIN_SENTENCES = 8  # ...written in sentences...
NARRATIVE_PROSE_SHARE = 0.6  # ...on lines of prose (a comma or full stop), not cells of a table or a certificate
_SENTENCE_END = re.compile(r"[。！？；]")
_PROSE = re.compile(r"[，。；]")


@dataclass(frozen=True)
class Score:
    rule: MaterialRule
    value: float
    hits: tuple[str, ...]


@lru_cache(maxsize=256)
def _compiled(pattern: str) -> re.Pattern[str]:
    return re.compile(pattern)


@lru_cache(maxsize=4096)
def _word(word: str) -> str:
    """A rule's word folded like the text it is looked for in: "职业（工种）" -> "职业(工种)"."""
    return compact(word)


def is_narrative(text: str) -> bool:
    """Whether a text has the form of a narrative, whatever it names: long, in sentences, mostly
    on lines of prose. A deeds text that names awards is a narrative; an award certificate is not."""
    lines = [compact(line) for line in text.splitlines()]
    chars = sum(len(line) for line in lines)
    if chars < NARRATIVE_MIN_CHARS or len(_SENTENCE_END.findall(text)) < NARRATIVE_MIN_SENTENCES:
        return False
    prose = sum(len(line) for line in lines if _PROSE.search(line))
    return prose >= NARRATIVE_PROSE_SHARE * chars


def score_rule(rule: MaterialRule, text: str, filename: str, kind: str, photo: bool,
               narrative: bool = False) -> Score:
    if rule.kinds and kind not in rule.kinds:
        return Score(rule, 0.0, ())
    if rule.photo:
        if not photo or (rule.max_chars is not None and len(text) > rule.max_chars):
            return Score(rule, 0.0, ())
    elif rule.max_chars is not None and len(text) > rule.max_chars:
        return Score(rule, 0.0, ())
    if rule.require_any and not any(_word(word) in text for word in rule.require_any):
        return Score(rule, 0.0, ())
    if any(_word(word) in text for word in rule.forbid):
        return Score(rule, 0.0, ())
    hits: list[str] = []
    value = rule.base
    if rule.base:
        hits.append(f"base {rule.base:g}")
    for word, weight in rule.keywords.items():
        if _word(word) in text:
            value += weight
            hits.append(word)
    for pattern, weight in rule.patterns.items():
        if _compiled(pattern).search(text):
            value += weight
            hits.append(f"/{pattern}/")
    if narrative and rule.narrative:
        value += rule.narrative
        hits.append(f"叙述体 {rule.narrative:g}")
    if value > 0:
        for word, weight in rule.filename.items():
            if _word(word) in filename:
                value += weight
                hits.append(f"文件名:{word}")
    return Score(rule, value, tuple(hits))


def score_all(rules: Rules, text: str, filename: str, kind: str, photo: bool = False) -> list[Score]:
    narrative = is_narrative(text)
    text = compact(text)
    filename = compact(filename)
    scores = [score_rule(rule, text, filename, kind, photo, narrative) for rule in rules.materials]
    return sorted(scores, key=lambda score: score.value, reverse=True)


def confidence(best: float, second: float) -> float:
    if best <= 0:
        return 0.0
    strength = 1.0 - math.exp(-best / SCALE)
    margin = (best - second) / best
    return round(strength * (0.5 + 0.5 * margin), 3)


def classify(
    rules: Rules, text: str, filename: str, kind: str, *, photo: bool = False, unknown_below: float = 0.35
) -> Classification:
    scores = score_all(rules, text, filename, kind, photo)
    best, second = scores[0], scores[1]
    conf = confidence(best.value, second.value)
    fired = [f"{best.rule.name}: {', '.join(best.hits)}"] if best.hits else []
    if second.value > 0:
        fired.append(f"{second.rule.name} ({second.value:.1f}): {', '.join(second.hits)}")
    if best.value <= 0 or conf < unknown_below:
        return Classification(type="unknown", subtype=None, confidence=conf, rules=fired)
    return Classification(type=best.rule.type, subtype=best.rule.subtype, confidence=conf, rules=fired)

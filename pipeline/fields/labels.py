"""Matching a cell's text to a field of the vocabulary in inbox_rules/fields.toml."""

from __future__ import annotations

import re
from dataclasses import dataclass

from pipeline.rules import FieldVocabulary
from pipeline.textnorm import compact

_NOTE = re.compile(r"[(（][^()（）]*[)）]")
_TRAILING = re.compile(r"[:：*＊]+$")
_CUT = re.compile(r"[(（)）/／、]")  # where a label breaks into pieces across cells or lines


_BRACKETS = str.maketrans({"【": "(", "〔": "(", "[": "(", "{": "(", "《": "(", "〈": "(", "】": ")", "〕": ")", "]": ")", "}": ")", "》": ")", "〉": ")"})


def label_key(text: str) -> str:
    """A cell's text reduced to what identifies a label: "出生 年月：" -> "出生年月";
    OCR's bracket variants ("职业【工种 )") read as round brackets."""
    key = compact(text).translate(_BRACKETS).strip("“”\"'|")
    key = _TRAILING.sub("", key)
    without_notes = _NOTE.sub("", key)
    return _TRAILING.sub("", without_notes) or key


@dataclass(frozen=True)
class LabelMatch:
    field: str
    rank: int  # 0 for the field's first (most specific) label


class LabelIndex:
    def __init__(self, vocabulary: FieldVocabulary) -> None:
        self.vocabulary = vocabulary
        self._exact: dict[str, LabelMatch] = {}
        for name, rule in vocabulary.field.items():
            for rank, label in enumerate(rule.labels):
                for key in {label_key(label), compact(label)}:
                    self._exact.setdefault(key, LabelMatch(name, rank))
        others = [*vocabulary.headings, *vocabulary.other_labels, *vocabulary.opinions.boxes]
        self._all_labels = {compact(label).translate(_BRACKETS) for label in others} | set(self._exact)

    def is_label(self, text: str) -> bool:
        """Whether a text is a known label: of a field, a heading, an opinion box, or a label we
        do not read (工作岗位)."""
        key = self._key(text)
        return bool(key) and (key in self._all_labels or label_key(key) in self._all_labels)

    def is_label_piece(self, text: str) -> bool:
        """Whether a text is a piece of a label cut at a bracket or slash ("(职", "/职", "工种)"),
        as a neighbouring cell's label is read on a scan; a bracket or slash alone."""
        key = self._key(text)
        core = _CUT.sub("", key)
        return core != key and (not core or any(core in label for label in self._all_labels))

    def is_label_text(self, text: str) -> bool:
        """Whether a would-be value is a label's text, whole or a piece, not a value."""
        return self.is_label(text) or self.is_label_piece(text)

    @staticmethod
    def _key(text: str) -> str:
        key = compact(text).translate(_BRACKETS).strip("“”\"'|:：")
        return key if len(key) <= 40 else ""

    def prefixes(self) -> list[tuple[str, LabelMatch]]:
        """Every label's compacted text with its match, longest first."""
        return sorted(self._exact.items(), key=lambda item: len(item[0]), reverse=True)

    def match(self, text: str) -> LabelMatch | None:
        if not text or len(text) > 40:
            return None
        return self._exact.get(label_key(text)) or self._exact.get(compact(text))

    def within(self, text: str) -> LabelMatch | None:
        """The longest label a cell's text holds, when it makes at least half of the text:
        a header cell read with a stray mark beside it ("庆职业（工种）", a seal's character)."""
        key = label_key(text)
        if not key or len(key) > 40:
            return None
        for label, match in self.prefixes():
            if len(label) * 2 >= len(key) and label in key:
                return match
        return None

    def kind(self, field: str) -> str:
        return self.vocabulary.field[field].kind


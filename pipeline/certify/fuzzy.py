"""How well a piece of OCR text reads as the certification phrase in one of its wordings
(此件与原件相符, 与原件核对无误, 经核对与原件一致, 复印件与原件一致), allowing the characters OCR
confuses with each other (与/写 and others) and extra characters (此复印件与原件相符)."""

from __future__ import annotations

from pipeline.textnorm import is_chinese

PHRASE = "此件与原件相符"
# the wordings a unit certifies a copy with (shorter ones, 与原件相符, are read as parts of these)
WORDINGS = (PHRASE, "与原件核对无误", "经核对与原件一致", "复印件与原件一致")
# characters OCR returns for the phrase's own, on handwriting and stamps
_CONFUSED = {
    "此": "比些氏北",
    "件": "伴侍传仲什仵们伯",
    "与": "写马号导亏乌弓",
    "原": "厌源愿愿鼠厚",
    "相": "和柏湘想栢框",
    "符": "特付待行将衬苻持",
    "核": "该孩校",
    "对": "时寸",
    "无": "天元",
    "误": "吴谈",
    "致": "政玫敦",
}
_PARTIAL = 0.6
MIN_EXACT = 3  # at least this many characters read exactly
# What every wording says: the copy agrees with the original (原件 and 相符/一致/无误). Text holding
# none of these characters, nor what OCR reads for 原, says something else about a copy
# (复印件无效 tiled over a certificate, 复印件仅限本次申报使用), however much of 复印件 it repeats.
AGREEMENT = "原相符致误" + _CONFUSED["原"]


def phrase_score(text: str) -> float:
    """0..1: the weighted longest common subsequence of a wording of the phrase and the text,
    per character of the wording; the best wording's."""
    chars = [c for c in text if is_chinese(c)]
    if not any(c in AGREEMENT for c in chars):
        return 0.0
    return max(_wording_score(wording, chars) for wording in WORDINGS)


def _wording_score(wording: str, chars: list[str]) -> float:
    n, m = len(wording), len(chars)
    weight = [[0.0] * (m + 1) for _ in range(n + 1)]
    exact = [[0] * (m + 1) for _ in range(n + 1)]
    for i in range(1, n + 1):
        want = wording[i - 1]
        for j in range(1, m + 1):
            got = chars[j - 1]
            step = 1.0 if got == want else _PARTIAL if got in _CONFUSED.get(want, "") else 0.0
            options = [(weight[i - 1][j], exact[i - 1][j]), (weight[i][j - 1], exact[i][j - 1])]
            if step:
                options.append((weight[i - 1][j - 1] + step, exact[i - 1][j - 1] + (step == 1.0)))
            weight[i][j], exact[i][j] = max(options)
    if exact[n][m] < MIN_EXACT:
        return 0.0
    return round(weight[n][m] / n, 3)


def phrase_end(text: str) -> int:
    """Where the phrase read in `text` ends in it: the length of the shortest start of the text
    that reads as the phrase as well as the whole text does (misread characters of the phrase,
    此件与原件相待, are the phrase's; what follows them is not)."""
    whole = phrase_score(text)
    return next(end for end in range(len(text) + 1) if phrase_score(text[:end]) >= whole)

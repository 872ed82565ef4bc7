"""Splitting a multi-page file (a scanned bundle, one PDF with everything) into page runs,
one material each.

Each page is scored for every material by the classification rules; the best sequence of
materials is found by dynamic programming (Viterbi), where changing material from one page
to the next costs a penalty. So a deeds page that mentions an award stays with the deeds,
while a page whose title names another material (申报表, 事迹材料, …), or a short page that
reads as another certificate, starts a new run. Certificates carry little text: on a page
of running text their scores count for less.
"""

from __future__ import annotations

from pipeline.classify import score_all
from pipeline.models import Extraction, PageContent
from pipeline.rules import Rules
from pipeline.textnorm import compact, count_chars

SWITCH_PENALTY = 4.0  # what a change of material between two pages must earn
SHORT_PAGE_SWITCH_PENALTY = 1.0  # leaving a material at a short page (a certificate) that shows nothing of it
TITLE_STRONG = 7.0  # a page whose top scores this for a material may start it for free
TITLE_CHARS = 150  # how much of the top of a page counts as its title area
MAX_PAGE_SCORE = 15.0  # one page's evidence is capped, so one dense page cannot dominate
COPY_PAGE_MAX_CHARS = 400  # certificates and ID cards carry little text; narratives much more
DENSE_COPY_WEIGHT = 0.3  # how much a certificate's score counts on a page of running text
NONE = "none"  # a page that reads as no material at all
CAPTION_MAX_CHARS = 100  # a Word file's own text this short, above pictures pasted in, is their caption


def _page_scores(page: PageContent, rules: Rules, kind: str) -> tuple[dict[str, float], set[str], bool]:
    """Scores per material for one page, the materials its title area names, and whether
    the page is short (certificate-like)."""
    text = compact(page.text)
    dense = len(text) > COPY_PAGE_MAX_CHARS
    scores = {NONE: 0.5}
    for score in score_all(rules, text, "", kind, page.has_photo):
        value = min(score.value, MAX_PAGE_SCORE)
        if dense and score.rule.photocopy:
            value *= DENSE_COPY_WEIGHT
        scores[score.rule.name] = max(value, scores.get(score.rule.name, 0.0))
    titled = {s.rule.name for s in score_all(rules, text[:TITLE_CHARS], "", kind, page.has_photo) if s.value >= TITLE_STRONG}
    if page.has_photo:  # a photograph is a boundary of its own
        titled |= {rule.name for rule in rules.materials if rule.photo and scores.get(rule.name, 0.0) > 0}
    return scores, titled, not dense


def _best_path(pages: list[tuple[dict[str, float], set[str], bool]]) -> list[str]:
    labels = list(pages[0][0])
    best = {label: pages[0][0][label] for label in labels}
    back: list[dict[str, str]] = []
    for scores, titled, short in pages[1:]:
        step: dict[str, float] = {}
        came: dict[str, str] = {}
        for label in labels:
            def total(previous: str) -> float:
                free = previous == label or label in titled
                if free:
                    return best[previous]
                unfit = short and scores[previous] <= 0  # the page shows nothing of the material before
                return best[previous] - (SHORT_PAGE_SWITCH_PENALTY if unfit else SWITCH_PENALTY)

            previous = max(labels, key=total)
            step[label] = total(previous) + scores[label]
            came[label] = previous
        best = step
        back.append(came)
    label = max(best, key=best.get)
    path = [label]
    for came in reversed(back):
        label = came[label]
        path.append(label)
    return path[::-1]


def page_runs(extraction: Extraction, rules: Rules) -> list[tuple[int, int]]:
    """Runs of page numbers (first, last); one run for the whole file when it is one material."""
    pages = extraction.pages
    if not pages:
        return []
    pictures = sum(page.ocr for page in pages)
    if extraction.kind not in ("pdf", "image", "docx") or len(pages) < 2 or (extraction.kind == "docx" and pictures < 2):
        return [(pages[0].number, pages[-1].number)]  # a Word file is split only at pictures pasted in
    path = _best_path([_page_scores(page, rules, extraction.kind) for page in pages])
    if extraction.kind == "docx" and count_chars(pages[0].text) <= CAPTION_MAX_CHARS:
        path[0] = NONE  # a caption is no material of its own: it goes with the pictures after it
    runs: list[list[int]] = []
    previous = NONE
    for page, label in zip(pages, path):
        if runs and (label == previous or label == NONE):
            runs[-1][1] = page.number
        elif runs and previous == NONE:  # leading pages of no material are the cover of what follows
            runs[-1][1] = page.number
            previous = label
        else:
            runs.append([page.number, page.number])
            previous = label
    return [(first, last) for first, last in runs]

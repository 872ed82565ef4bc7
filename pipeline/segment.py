"""Splitting a multi-page file (a scanned bundle, one PDF with everything) into page runs,
one material each.

A new run starts at a page that is clearly a different material: its title (the top of
the page) names one, such as 申报表, 事迹材料 or 申报报告; or the page is a short one that
reads as a copy of a certificate or ID card, or is a photograph. Other pages continue the
run before them, so a deeds page that mentions an award stays with the deeds.
"""

from __future__ import annotations

from pipeline.classify import score_all
from pipeline.models import Extraction, PageContent
from pipeline.rules import Rules
from pipeline.textnorm import compact

STRONG = 7.0  # a score at least this high marks a page as the start of a material
TITLE_CHARS = 150  # how much of the top of a page counts as its title area
COPY_PAGE_MAX_CHARS = 400  # certificates and ID cards carry little text; narratives much more


def _best(rules: Rules, text: str, kind: str, photo: bool) -> tuple[str | None, float]:
    best = score_all(rules, text, "", kind, photo)[0]
    return (best.rule.name if best.value > 0 else None), best.value


def page_label(page: PageContent, rules: Rules, kind: str) -> str | None:
    """The material a page starts, or None when it only continues the one before."""
    text = compact(page.text)
    label, value = _best(rules, text[:TITLE_CHARS], kind, page.has_photo)
    if label and value >= STRONG:
        return label
    if page.has_photo or len(text) <= COPY_PAGE_MAX_CHARS:
        label, value = _best(rules, text, kind, page.has_photo)
        if label and (value >= STRONG or (page.has_photo and label == "credentials.work_photo")):
            return label
    return None


def page_runs(extraction: Extraction, rules: Rules) -> list[tuple[int, int]]:
    """Runs of page numbers (first, last); one run for the whole file when it is one material."""
    pages = extraction.pages
    if not pages:
        return []
    if extraction.kind not in ("pdf", "image") or len(pages) < 2:
        return [(pages[0].number, pages[-1].number)]
    labels = [page_label(page, rules, extraction.kind) for page in pages]
    if len({label for label in labels if label}) < 2:
        return [(pages[0].number, pages[-1].number)]
    runs: list[list[int]] = []
    current: str | None = None
    for page, label in zip(pages, labels):
        if not runs or (label is not None and label != current):
            runs.append([page.number, page.number])
            current = label or current
        else:
            runs[-1][1] = page.number
    return [(first, last) for first, last in runs]

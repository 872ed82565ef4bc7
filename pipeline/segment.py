"""Splitting a multi-page file (a scanned bundle, one PDF with everything) into page runs,
one material each. A new run starts at a page that is clearly a different material
(a title page such as 申报表 or 事迹材料, or the first ID card copy); other pages continue
the run before them."""

from __future__ import annotations

from pipeline.classify import score_all
from pipeline.models import Extraction
from pipeline.rules import Rules

STRONG = 7.0  # a page scoring this for one material, well ahead of the run's, starts a run


def _page_label(rules: Rules, text: str, kind: str, photo: bool) -> tuple[str | None, float]:
    scores = score_all(rules, text, "", kind, photo)
    best = scores[0]
    return (best.rule.name if best.value > 0 else None), best.value


def page_runs(extraction: Extraction, rules: Rules) -> list[tuple[int, int]]:
    """Runs of page numbers (first, last); one run for the whole file when it is one material."""
    pages = extraction.pages
    if extraction.kind not in ("pdf", "image") or len(pages) < 2:
        return [(pages[0].number, pages[-1].number)] if pages else []
    labels = [_page_label(rules, page.text, extraction.kind, page.has_photo) for page in pages]
    strong = {label for label, value in labels if label and value >= STRONG}
    if len(strong) < 2:
        return [(pages[0].number, pages[-1].number)]
    runs: list[list[int]] = []
    current: str | None = None
    for page, (label, value) in zip(pages, labels):
        starts = label is not None and value >= STRONG and label != current
        if page.has_photo and label == "credentials.work_photo":
            starts = label != current
        if not runs or starts:
            runs.append([page.number, page.number])
            current = label if label is not None and (value >= STRONG or page.has_photo) else current
        else:
            runs[-1][1] = page.number
    return [(first, last) for first, last in runs]

"""Processing one stored file: read it, split it into materials, classify each, extract
fields. A step a worker process runs alone: a `Job` and `WorkerSettings` in, a
`FileOutcome` out, nothing shared. Errors of the file become the outcome, never raised."""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass
from pathlib import Path

from pipeline.certify import check_page, combine
from pipeline.classify import classify
from pipeline.config import OcrSettings, ProcessingSettings
from pipeline.errors import FileReadError, failure_of
from pipeline.fields.form import grid_from_text, read_form
from pipeline.fields.labels import LabelIndex
from pipeline.fields.levels import split_level_and_title
from pipeline.fields.ruling import page_table
from pipeline.fields.summary_sheet import extract_summary, extract_summary_from_boxes
from pipeline.fields.text_fields import certificate_fields, id_card_fields
from pipeline.fields.unread import unread_field_images
from pipeline.intake.retry import Cause, transient_cause
from pipeline.models import DocumentResult, Extraction, PageContent
from pipeline.ocr import OcrEngine, create_engine
from pipeline.readers import ReadContext, read_file
from pipeline.rules import Rules
from pipeline.segment import CAPTION_MAX_CHARS, page_runs
from pipeline.textnorm import compact, count_chars

log = logging.getLogger("pipeline.processing")

MAX_STORED_TEXT = 20_000
_ORGANISATION = re.compile(
    r"[\u4e00-\u9fff（）()]{2,30}?(?:股份有限公司|有限责任公司|有限公司|公司|职业教育中心|学校|学院|中心|厂|合作社|医院|研究所|协会|集团)"
)


@dataclass(frozen=True)
class Job:
    sha256: str
    path: Path
    filename: str


@dataclass(frozen=True)
class WorkerSettings:
    ocr: OcrSettings
    processing: ProcessingSettings
    rules: Rules
    page_folder: Path


@dataclass
class FileOutcome:
    sha256: str
    results: list[DocumentResult] | None
    error: str | None = None
    code: str | None = None
    transient: Cause | None = None  # the failure lies around the file (disk, memory, program, time): retry

    @classmethod
    def failed(cls, sha256: str, error: BaseException | str) -> FileOutcome:
        failure = failure_of(error)
        transient = transient_cause(error) if isinstance(error, BaseException) else None
        return cls(sha256, None, failure.reason, failure.code, transient)


_engines: dict[str, OcrEngine] = {}  # one engine per worker process, made on first use


def _engine(settings: OcrSettings) -> OcrEngine:
    if settings.engine not in _engines:
        _engines[settings.engine] = create_engine(settings)
    return _engines[settings.engine]


def process_file(job: Job, settings: WorkerSettings) -> FileOutcome:
    ctx = ReadContext(
        engine=_engine(settings.ocr),
        ocr=settings.ocr,
        processing=settings.processing,
        page_folder=settings.page_folder,
        key=job.sha256,
    )
    try:
        extraction = read_file(job.path, job.filename, ctx)
        results = analyse(extraction, job, settings)
    except FileReadError as error:
        log.warning("%s (%s): %s", job.filename, job.sha256[:12], error)
        return FileOutcome.failed(job.sha256, error)
    except Exception as error:  # a reader bug must not stop the queue; keep the file, report it
        if transient_cause(error) is None:
            log.exception("%s (%s): unexpected failure", job.filename, job.sha256[:12])
        else:
            log.warning("%s (%s): %s", job.filename, job.sha256[:12], error)
        return FileOutcome.failed(job.sha256, error)
    return FileOutcome(job.sha256, results)


def analyse(extraction: Extraction, job: Job, settings: WorkerSettings) -> list[DocumentResult]:
    rules = settings.rules
    labels = LabelIndex(rules.fields)
    runs = page_runs(extraction, rules)
    whole = len(runs) <= 1
    results: list[DocumentResult] = []
    for first, last in runs or [(1, 1)]:
        pages = [page for page in extraction.pages if first <= page.number <= last]
        text = "\n".join(page.text for page in pages)
        photo = any(page.has_photo for page in pages)
        classification = classify(
            rules,
            text,
            job.filename,
            extraction.kind,
            photo=photo,
            unknown_below=settings.processing.unknown_below,
        )
        caption = pictures_caption(pages)
        for words in (caption, "") if caption is not None else ():  # judged by its caption, else its pictures alone
            if classification.type != "unknown":
                break
            classification = classify(rules, words, job.filename, extraction.kind, photo=True,
                                      unknown_below=settings.processing.unknown_below)
        tables = extraction.tables if whole else []
        result = DocumentResult(
            id=job.sha256[:16] if whole else f"{job.sha256[:16]}-p{first}-{last}",
            sha256=job.sha256,
            pages=None if whole and extraction.kind in ("docx", "xlsx", "text") else (first, last),
            kind=extraction.kind,
            classification=classification,
            text_chars=count_chars(text),
            text=text[:MAX_STORED_TEXT],
            page_images=[page.image_path for page in pages if page.image_path],
            ocr=any(page.ocr for page in pages),
            ocr_confidence=_mean([page.confidence for page in pages if page.confidence is not None]),
            unit_mentions=sorted(set(_ORGANISATION.findall(compact(text))))[:20],
        )
        _extract_fields(result, tables, pages, labels, rules)
        if kind_of(result) == ("forms", "application_form"):
            result.unread_fields = unread_field_images(pages, result.fields, labels)
        if rules.is_copy(classification.type, classification.subtype):
            _certify(result, pages, settings.ocr)
        results.append(result)
    return results


def pictures_caption(pages: list[PageContent]) -> str | None:
    """The caption of pages that are photographs with a few words of their own (工作照片.docx:
    photos pasted under a caption), or None when the pages are anything else. What the OCR
    reads in a photograph (a banner, a machine's plate) is scenery, not the document's text."""
    pictures = [page for page in pages if page.ocr]
    caption = "\n".join(page.text for page in pages if not page.ocr).strip()
    if not pictures or not all(page.has_photo for page in pictures) or count_chars(caption) > CAPTION_MAX_CHARS:
        return None
    return caption


def _certify(result: DocumentResult, pages: list[PageContent], ocr: OcrSettings) -> None:
    """The certification marks of a photocopy's scanned pages (none: an electronic file)."""
    scanned = [page for page in pages if page.image_path]
    if not scanned:
        return
    engine = _engine(ocr)
    result.certification_pages = [check_page(page.number, page.image_path, page.boxes, engine) for page in scanned]
    result.certification = combine(result.certification_pages)


def kind_of(result: DocumentResult) -> tuple[str, str | None]:
    return result.classification.type, result.classification.subtype


def _extract_fields(result: DocumentResult, tables, pages: list[PageContent], labels: LabelIndex,
                    rules: Rules) -> None:
    text = "\n".join(page.text for page in pages)
    kind = kind_of(result)
    if kind == ("forms", "application_form"):
        # a scan's table, by its ruling: each value from its own cell, as a Word table gives it
        ruled = [page_table(page.image_path, page.boxes) for page in pages if page.ocr and page.image_path]
        form = read_form([*tables, *ruled], text, labels, rules.fields.opinions)
        result.fields, result.opinions = form.fields, form.opinions
    elif kind == ("forms", "summary_sheet"):
        sheet = extract_summary(tables, labels, text)
        if not sheet.rows:  # a scanned sheet read one box per cell: cells placed under the header
            sheet = extract_summary_from_boxes([page.boxes for page in pages], labels, text)
        if not sheet.rows:  # else its OCR lines as table rows, cells at the wide gaps
            sheet = extract_summary([grid_from_text(text)], labels, text)
        for row in sheet.rows:
            split_level_and_title(row)
        result.summary_rows = sheet.rows
        result.fields = sheet.footer
    elif kind == ("credentials", "id_card"):
        result.fields = id_card_fields(text)
    elif kind == ("credentials", "skill_certificate"):
        result.fields = certificate_fields(text)
    elif result.classification.type == "deeds":
        result.fields = {"deeds_chars": result.text_chars}


def _mean(values: list[float]) -> float | None:
    return round(sum(values) / len(values), 3) if values else None

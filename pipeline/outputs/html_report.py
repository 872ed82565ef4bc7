"""reports/index.html (the overview) and one printable page per applicant, in Chinese."""

from __future__ import annotations

import os
import re
import shutil
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from jinja2 import Environment, PackageLoader, select_autoescape
from markupsafe import Markup

from pipeline.assembly.staff_marks import MOVED_RULE
from pipeline.assembly.units import seal_reads_as
from pipeline.certify import strongest_marks
from pipeline.certify.overlay import MARK_COLOURS, draw_marks
from pipeline.models import Applicant, Flag, IntakeState, LinkedDocument, Review
from pipeline.outputs.atomic import write_text_atomically
from pipeline.outputs.corrections import next_step
from pipeline.outputs.failures import OutputFailure, Parts
from pipeline.outputs.safe_text import clean_text
from pipeline.outputs.thumbnails import THUMBNAIL_SIDE, Thumbnails
from pipeline.outputs.vocabulary import (FIELD_NAMES, STATE_NAMES, UNSURE_REASONS, flag_name, page_name,
                                         requirement_names, source_text)
from pipeline.rules import Rules
from pipeline.wording import local_time, page_span


MARK_LABELS = {"phrase": "此件与原件相符", "signature": "经办人签字", "seal": "公章"}
OUTPUT_NAMES = {"archive": "归档文件夹 archive", "summary.xlsx": "汇总表 summary.xlsx", "status.json": "status.json"}
STATE_TEXT = {"present": ("有", "ok"), "absent": ("无", "bad"), "unsure": ("不确定，请人工核对", "warn")}


def _shown(value):
    """Every value a template prints passes here, then autoescaping: no text reaches a page raw."""
    if isinstance(value, Markup):
        return Markup(clean_text(value))
    return clean_text(value) if isinstance(value, str) else value


_env = Environment(loader=PackageLoader("pipeline.outputs", "templates"), autoescape=select_autoescape(), finalize=_shown)


@dataclass
class DocumentView:
    id: str
    title: str
    filename: str
    pages: str
    received: str
    source: str
    reason: str
    confidence: str
    marks: list[tuple[str, str, str, str]]  # label, text, css class, outline colour
    thumbnail: str | None
    marked: list[str]  # copy pages with the marks found outlined
    archive: str | None
    flagged: bool


@dataclass
class FlagView:
    name: str
    detail: str
    document: str | None
    review: Review | None
    reviewed: str  # when staff's mark was first seen
    others: list[tuple[str, str]]  # the other applications a duplicate flag names: label, page

    @property
    def dismissed(self) -> bool:
        return self.review is not None and self.review.verdict == "false_alarm"


@dataclass
class ItemView:
    name: str
    documents: list[DocumentView]


def _provenance(doc: LinkedDocument | None) -> str:
    """Where a field was read: 「申报表.pdf」第1页（扫描识别，置信度 87%）."""
    if doc is None:
        return ""
    how = "电子文件"
    if doc.result.ocr:
        confidence = doc.result.ocr_confidence
        how = "扫描识别" + (f"，置信度 {confidence:.0%}" if confidence is not None else "") + "，请核对"
    return f"「{doc.filename}」{page_span(doc.result.pages)}（{how}）"


def natural_key(text: str) -> list:
    """第10页 after 第3页: digits compared as numbers."""
    return [(0, int(part), "") if part.isdigit() else (1, 0, part) for part in re.split(r"(\d+)", text) if part]


def _page_order(doc: LinkedDocument) -> tuple:
    return natural_key(doc.filename), doc.result.pages or (0, 0)


def _seal_name_text(arc: str, unit: str, known_units: tuple[str, ...]) -> str:
    """What the report says of a certifying seal's arc text: only a clean reading of a unit's name
    is named (the same test as copy_seal_unit_mismatch); a garbled one would only puzzle staff."""
    named = seal_reads_as(arc, unit, known_units)
    if named is None:
        return ""
    return "，印文与申报单位一致" if unit and named == unit else f"，印文为「{named}」"


def _duplicates(applicant: Applicant, flag: Flag, applicants: list[Applicant]) -> list[tuple[str, str]]:
    """The other applications a duplicate flag is about, to link to."""
    if flag.code == "duplicate_unit":
        base = applicant.unit_key.split("#", 1)[0]
        others = [a for a in applicants if a is not applicant and a.unit_key.split("#", 1)[0] == base]
    elif flag.code == "duplicate_expert":
        others = [a for a in applicants if a is not applicant and a.unit in flag.detail]
    else:
        return []
    return [(f"{a.unit}（{a.expert or '专家未识别'}）", page_name(a)) for a in others]


class HtmlReport:
    def __init__(self, folder: Path, rules: Rules, call_name: str, thumbnails: Thumbnails | None = None,
                 check_file_times: bool = False) -> None:
        self.folder = folder
        self.rules = rules
        self.call_name = call_name
        self.check_file_times = check_file_times  # scanned files' times checked against the deadline
        self.thumbs = folder / "pages"
        self.thumbnails = thumbnails
        self.notices: dict[str, str] = {}
        self.alerts: list[str] = []

    def _marked(self, doc: LinkedDocument) -> list[str]:
        """The checked copy pages with the marks found outlined (made once, like thumbnails)."""
        names = []
        for page in doc.result.certification_pages:
            target = self.thumbs / f"{doc.result.id}-marks-{page.page}.jpg"
            if not target.exists():
                if page.crop and Path(page.crop).exists():  # a mark not plainly present: its area, full size
                    self.thumbs.mkdir(parents=True, exist_ok=True)
                    shutil.copyfile(page.crop, target)
                elif not Path(page.image).exists():
                    continue
                else:
                    draw_marks(page, target, THUMBNAIL_SIDE)
            names.append(f"pages/{target.name}")
        return names

    def _marks(self, doc: LinkedDocument, unit: str, known_units: tuple[str, ...]) -> list[tuple[str, str, str, str]]:
        cert = doc.result.certification
        strongest = strongest_marks(doc.result.certification_pages) if doc.result.certification_pages else {}
        marks = []
        for name in ("phrase", "signature", "seal"):
            best = strongest.get(name)
            if best is not None:  # as for the document's marks (pipeline.certify.combine)
                text, css = STATE_TEXT[best.state]
                if best.state != "unsure":
                    text = f"{text}（把握 {best.confidence:.0%}）"
                elif best.reason in UNSURE_REASONS:
                    text = f"不确定（{UNSURE_REASONS[best.reason]}），请人工核对"
                if name == "seal" and best.state == "present":
                    text += _seal_name_text(best.text, unit, known_units)
            else:
                value = getattr(cert, name)
                text, css = STATE_TEXT[{True: "present", False: "absent", None: "unsure"}[value]]
            marks.append((MARK_LABELS[name], text, css, MARK_COLOURS[name]))
        return marks

    def _document(self, doc: LinkedDocument, tz, flagged_ids: set[str], unit: str = "",
                  known_units: tuple[str, ...] = ()) -> DocumentView:
        c = doc.result.classification
        pages = doc.result.pages
        copy = doc.result.certification is not None and self.rules.is_copy(c.type, c.subtype)
        archive = os.path.relpath(doc.archive_path, self.folder) if doc.archive_path else None
        return DocumentView(
            id=doc.result.id,
            title=self.rules.title(c.type, c.subtype) + ("（人工指定）" if MOVED_RULE in c.rules else ""),
            filename=doc.filename,
            pages=page_span(pages),
            received=local_time(doc.received_at, tz),
            source="；".join(dict.fromkeys(source_text(s.origin.source) for s in doc.sightings)),
            reason=doc.link_reason,
            confidence=f"{c.confidence:.0%}",
            marks=self._marks(doc, unit, known_units) if copy else [],
            thumbnail=self.thumbnails.name(doc) if self.thumbnails else None,
            marked=self._marked(doc) if copy else [],
            archive=archive,
            flagged=doc.result.id in flagged_ids,
        )

    def _unread(self, applicant: Applicant) -> list[tuple[str, str, str, str]]:
        """(field name, image, file, value in use) for each key field a scanned form did not
        give: the line of the scan beside the value taken from elsewhere, if any."""
        shown: dict[str, tuple[str, str, str, str]] = {}
        for doc in reversed(applicant.documents):
            for name, image in doc.result.unread_fields.items():
                if name in shown or name not in FIELD_NAMES or not Path(image).exists():
                    continue
                self.thumbs.mkdir(parents=True, exist_ok=True)
                target = self.thumbs / Path(image).name
                if not target.exists():
                    shutil.copyfile(image, target)
                value = applicant.fields.get(name)
                shown[name] = (FIELD_NAMES[name], f"pages/{target.name}", doc.filename, "" if value is None else str(value))
        return list(shown.values())

    def _applicant_page(self, applicant: Applicant, state: IntakeState) -> str:
        tz = state.deadline.tzinfo
        flagged = {flag.document for flag in applicant.open_flags if flag.document}
        ordered = sorted(applicant.documents, key=_page_order)
        known_units = tuple(dict.fromkeys(a.unit for a in state.applicants))
        views = {doc.result.id: self._document(doc, tz, flagged, applicant.unit, known_units) for doc in ordered}
        items = []
        names = requirement_names(self.rules)
        for item in self.rules.requirements:
            docs = [views[d.result.id] for d in ordered if d.is_material(item.type, item.subtype)]
            items.append(ItemView(names[item.code], docs))
        evidence = [views[d.result.id] for d in ordered if d.is_material("evidence")]
        unknown = [views[d.result.id] for d in ordered if d.is_material("unknown")]
        fields = [
            (FIELD_NAMES[name], value, _provenance(applicant.field_sources.get(name)))
            for name, value in applicant.fields.items()
            if value not in (None, "")
        ]
        flags = [FlagView(flag_name(f.code), f.detail, f.document, f.review, local_time(f.review.at, tz) if f.review else "",
                          _duplicates(applicant, f, state.applicants))
                 for f in applicant.flags]
        unread = self._unread(applicant)
        return _env.get_template("applicant.html").render(
            applicant=applicant,
            items=items,
            evidence=evidence,
            unknown=unknown,
            documents=list(views.values()),
            fields=fields,
            unread=unread,
            flags=flags,
            open_count=len(applicant.open_flags),
            notice=self.notices.get(applicant.unit_key),
            state=STATE_NAMES[applicant.state],
            first=local_time(applicant.received_first, tz),
            last=local_time(applicant.received_last, tz),
            generated=local_time(state.generated_at, tz),
            call=self.call_name,
        )

    def _index(self, state: IntakeState, failures: list[OutputFailure]) -> str:
        tz = state.deadline.tzinfo
        names = requirement_names(self.rules)
        missing = Counter(code for a in state.applicants for code in a.missing)
        flags = Counter(f.code for a in state.applicants for f in a.open_flags)
        late = [(a.unit, f.detail) for a in state.applicants for f in a.open_flags if f.code == "late"]
        rows = [
            {
                "unit": a.unit,
                "expert": a.expert or "",
                "state": a.state,
                "state_name": STATE_NAMES[a.state],
                "missing": "、".join(names.get(code, code) for code in a.missing),
                "flags": "、".join(dict.fromkeys(flag_name(f.code) for f in a.open_flags)),
                "first": local_time(a.received_first, tz),
                "last": local_time(a.received_last, tz),
                "page": page_name(a),
            }
            for a in state.applicants
        ]
        steps = [step for a in state.applicants if (step := next_step(a, self.rules, page_name(a)))]
        known_units = tuple(dict.fromkeys(a.unit for a in state.applicants))
        unassigned = [self._document(doc, tz, set(), "", known_units) for doc in state.unassigned]
        return _env.get_template("index.html").render(
            units=len({a.unit_key.split("#", 1)[0] for a in state.applicants}),
            total=len(state.applicants),
            states={name: sum(a.state == code for a in state.applicants) for code, name in STATE_NAMES.items()},
            missing=[(names.get(code, code), count) for code, count in missing.most_common()],
            flags=[(flag_name(code), count) for code, count in flags.most_common()],
            late=late,
            rows=rows,
            steps=steps,
            unassigned=unassigned,
            errors=state.errors,
            output_failures=[(OUTPUT_NAMES.get(f.output, f.output), f.error) for f in failures],
            alerts=self.alerts,
            generated=local_time(state.generated_at, tz),
            deadline=local_time(state.deadline, tz),
            check_file_times=self.check_file_times,
            call=self.call_name,
        )

    def write(self, state: IntakeState, failures: Sequence[OutputFailure] = (), notices: dict[str, str] | None = None,
              alerts: Sequence[str] = ()) -> None:
        """Writes every page; `failures` are the outputs this refresh could not write, for the
        banner; `notices`: application key -> its 补正通知, relative to the reports folder;
        `alerts`: what the daemon says on the banner of its own state (e.g. paused on a full disk)."""
        self.notices = notices or {}
        self.alerts = list(alerts)
        if self.thumbnails:
            self.thumbnails.prepare([doc for a in state.applicants for doc in a.documents] + state.unassigned)
        self.folder.mkdir(parents=True, exist_ok=True)
        css = Path(__file__).parent / "templates" / "report.css"
        shutil.copyfile(css, self.folder / "report.css")
        wanted = {"index.html", "report.css"}
        pages = Parts("申报单位报告页")  # one page that cannot be made keeps none of the others out
        for applicant in state.applicants:
            name = page_name(applicant)
            pages.attempt(applicant.unit, lambda: write_text_atomically(self.folder / name, self._applicant_page(applicant, state)))
            wanted.add(name)
        write_text_atomically(self.folder / "index.html", self._index(state, list(failures)))
        for stale in self.folder.glob("applicant-*.html"):
            if stale.name not in wanted:
                stale.unlink()
        pages.finish()

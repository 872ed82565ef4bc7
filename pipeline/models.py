"""Typed data at the boundaries between the stages of the pipeline.

The flow: a source says where a file came from (`Origin`); the intake service stores it
durably and records a `Sighting`; a worker turns one stored file into `DocumentResult`s (text,
material type, fields); the assembly turns all documents into `Applicant`s with missing items
and flags; the outputs write those out. Everything here is plain data that pickles and round-trips JSON.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from pipeline.certify.evidence import PageEvidence

from pipeline.errors import UNREADABLE

STATE_COMPLETE, STATE_NEEDS_CORRECTION, STATE_LATE = "complete", "needs_correction", "late"
LATE_FLAG = "late"

# The material types and subtypes of the call (CONTRACT.md codes).
MATERIAL_TYPES = ("forms", "deeds", "report", "credentials", "evidence", "unknown")
SUBTYPES = (
    "application_form",
    "summary_sheet",
    "id_card",
    "skill_certificate",
    "diploma",
    "work_photo",
    "award",
    "other",
)


@dataclass(frozen=True)
class Origin:
    """Where and when a file came in: the one description of it, from the source (mail, scan
    folder, `intake ingest`) through the intake service and the store to the assembly.

    `source` follows CONTRACT.md: "scan:<relative path>", "mail:<mailbox>/<uidvalidity>/<uid>"
    or "ingest:<path>", a member of an archive or an attachment of a mail after a "!". `group`
    ties together files that came in one container (a mail, a scan subfolder, an archive):
    siblings in a group usually belong to one applicant. A group may lie in another
    (`nested_group`: a mail forwarded inside a mail). `clock` says what `received_at` measures.
    """

    source: str
    received_at: datetime
    group: str
    unit_hint: str | None = None
    sender: str | None = None
    clock: str = "file"  # "mail": a mail server's receipt time; "file": a file's mtime


@dataclass(frozen=True)
class Sighting:
    """One time a file was received, stored durably in the state folder: its bytes, its name and
    where it came from. The same bytes seen twice give two sightings."""

    sha256: str
    filename: str
    origin: Origin


NESTED_GROUP = "#"  # a group inside a group: "mail:INBOX/7/42#fwd1", the files of a mail forwarded in it


def nested_group(group: str, name: str) -> str:
    return f"{group}{NESTED_GROUP}{name}"


def group_chain(group: str) -> list[str]:
    """A group and the groups it lies in, innermost first: the contexts of a file, closest first."""
    parts = group.split(NESTED_GROUP)
    return [NESTED_GROUP.join(parts[:end]) for end in range(len(parts), 0, -1)]


@dataclass(frozen=True)
class TextBox:
    """A piece of recognised text and where it sits on its page (pixels of the page image)."""

    text: str
    box: tuple[int, int, int, int]
    confidence: float


@dataclass
class PageContent:
    """What one page yielded. `ocr` is True when the text came from an OCR engine."""

    number: int
    text: str
    ocr: bool = False
    confidence: float | None = None
    image_path: str | None = None  # a rendered image of the page, kept for thumbnails
    boxes: list[TextBox] = field(default_factory=list)
    has_photo: bool = False  # a large continuous-tone region (a photograph) was seen


Table = list[list[str]]


@dataclass
class Extraction:
    """The text of one file, page by page, and its tables as grids of cell strings."""

    kind: str  # pdf | docx | xlsx | image | text
    pages: list[PageContent]
    tables: list[Table] = field(default_factory=list)
    converted_from: str | None = None  # doc, xls, wps, et: converted with LibreOffice

    @property
    def text(self) -> str:
        return "\n".join(page.text for page in self.pages)


@dataclass
class Classification:
    type: str
    subtype: str | None
    confidence: float
    rules: list[str] = field(default_factory=list)  # the rules that fired, for the report


@dataclass
class Certification:
    """The three marks a certified photocopy carries. None means: could not be decided."""

    phrase: bool | None
    seal: bool | None
    signature: bool | None


@dataclass
class MarkFinding:
    """One certification mark as checked on one page, with where it was seen (page-image pixels)."""

    state: str  # present | absent | unsure
    confidence: float
    boxes: list[tuple[int, int, int, int]] = field(default_factory=list)
    text: str = ""  # what could be read of it: the certifying seal's arc (its unit's name)
    reason: str = ""  # the case of pipeline.certify.decide that gave this finding

    @property
    def value(self) -> bool | None:
        return {"present": True, "absent": False}.get(self.state)


@dataclass
class PageCertification:
    """The three marks checked on one page of a photocopy; `image` is the page image checked,
    `evidence` what was seen on it (the decision can be replayed from it alone)."""

    page: int
    image: str
    phrase: MarkFinding
    seal: MarkFinding
    signature: MarkFinding
    evidence: PageEvidence | None = None
    crop: str = ""  # the marking area's image, marks outlined, where a mark is not plainly present

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> PageCertification:
        from pipeline.certify.evidence import PageEvidence  # the certify package imports this module

        marks = {
            name: MarkFinding(data[name]["state"], data[name]["confidence"], [tuple(b) for b in data[name]["boxes"]],
                              data[name].get("text", ""), data[name].get("reason", ""))
            for name in ("phrase", "seal", "signature")
        }
        evidence = PageEvidence.from_dict(data["evidence"]) if data.get("evidence") else None
        return cls(page=data["page"], image=data["image"], evidence=evidence, crop=data.get("crop", ""), **marks)


@dataclass
class DocumentResult:
    """One material found in a file: the whole file, or a run of pages of a bundle."""

    id: str
    sha256: str
    pages: tuple[int, int] | None
    kind: str
    classification: Classification
    text_chars: int
    text: str = ""
    fields: dict[str, Any] = field(default_factory=dict)
    summary_rows: list[dict[str, Any]] = field(default_factory=list)
    opinions: dict[str, dict[str, bool]] = field(default_factory=dict)
    unit_mentions: list[str] = field(default_factory=list)
    certification: Certification | None = None
    certification_pages: list[PageCertification] = field(default_factory=list)  # the evidence, page by page
    page_images: list[str] = field(default_factory=list)
    ocr: bool = False
    ocr_confidence: float | None = None
    unread_fields: dict[str, str] = field(default_factory=dict)  # field -> image of its line on the scan

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> DocumentResult:
        data = dict(data)
        data["classification"] = Classification(**data["classification"])
        if data.get("certification") is not None:
            data["certification"] = Certification(**data["certification"])
        data["certification_pages"] = [PageCertification.from_dict(page) for page in data.get("certification_pages", [])]
        if data.get("pages") is not None:
            data["pages"] = tuple(data["pages"])
        return cls(**data)


@dataclass(frozen=True)
class IntakeErrorEntry:
    source: str
    filename: str
    error: str
    code: str = UNREADABLE
    sha256: str | None = None


@dataclass(frozen=True)
class Notice:
    """Something about a received mail that staff must act on (a QQ 超大附件 link, a mail
    without materials), with the keys that tie it to the applicant owning the mail."""

    code: str
    detail: str  # Chinese, for staff
    group: str
    sender: str | None


@dataclass(frozen=True)
class Review:
    """What staff wrote about a flag in the workbook (人工核对: 属实 / 误报, 核对说明), and
    when this program first saw it."""

    verdict: str  # confirmed | false_alarm
    note: str
    at: datetime


@dataclass(frozen=True)
class Move:
    """A document's material and/or unit as staff set them (材料明细: 改为材料 / 改为申报单位);
    None: left as found."""

    material: tuple[str, str | None] | None = None
    unit: str | None = None


@dataclass
class Flag:
    code: str
    detail: str  # Chinese, for staff
    document: str | None = None
    page: int | None = None
    key: str = ""  # stable across refreshes (pipeline.assembly.review.flag_keys)
    review: Review | None = None

    @property
    def dismissed(self) -> bool:
        """Staff marked it 误报: listed, struck through, counted nowhere."""
        return self.review is not None and self.review.verdict == "false_alarm"


@dataclass
class LinkedDocument:
    """A document as the applicant sees it: the result plus how it was received."""

    result: DocumentResult
    sightings: list[Sighting]
    filename: str
    source: str
    received_at: datetime
    archive_path: Path | None = None
    link_reason: str = ""

    def is_material(self, type_: str, subtype: str | None = None) -> bool:
        """Of this material type (and subtype, when given)."""
        c = self.result.classification
        return c.type == type_ and (subtype is None or c.subtype == subtype)


@dataclass
class Applicant:
    unit: str
    unit_key: str
    expert: str | None
    documents: list[LinkedDocument]
    fields: dict[str, Any]
    missing: list[str]
    flags: list[Flag]
    received_first: datetime | None
    received_last: datetime | None
    received_items: list[str]
    field_sources: dict[str, LinkedDocument] = field(default_factory=dict)  # where each field was read

    @property
    def complete(self) -> bool:
        """Every required item received (status.json `complete`; open flags aside)."""
        return not self.missing

    @property
    def open_flags(self) -> list[Flag]:
        return [flag for flag in self.flags if not flag.dismissed]

    @property
    def state(self) -> str:
        """late: received after the deadline; needs_correction: something missing or an open
        flag; complete: neither (CONTRACT.md `state`)."""
        open_flags = self.open_flags
        if any(flag.code == LATE_FLAG for flag in open_flags):
            return STATE_LATE
        if self.missing or open_flags:
            return STATE_NEEDS_CORRECTION
        return STATE_COMPLETE


@dataclass
class IntakeState:
    """Everything the outputs show, assembled from the store alone."""

    generated_at: datetime
    deadline: datetime
    applicants: list[Applicant]
    unassigned: list[LinkedDocument]
    errors: list[IntakeErrorEntry]

"""notices/<申报单位>-<专家>-补正通知.docx: a formal notice to each application that needs
correction, listing what is missing and each open flag (file and page), on the bureau's name.

A notice is rewritten at every refresh and keeps the same bytes while what it says stays the
same: its date is the day its text last changed (kept in the state store), its document
properties are fixed, and the zip entries carry a fixed time.
"""

from __future__ import annotations

import hashlib
import io
import logging
import zipfile
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from pathlib import Path

from docx import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml.ns import qn
from docx.shared import Pt

from pipeline.models import Applicant, IntakeState
from pipeline.outputs.atomic import write_atomically
from pipeline.outputs.corrections import Item, applicant_items
from pipeline.outputs.safe_text import clean_text
from pipeline.outputs.vocabulary import notice_name
from pipeline.rules import Rules

log = logging.getLogger("pipeline.notices")

NOTICE_SUFFIX = "-补正通知.docx"
FIXED_ZIP_TIME = (1980, 1, 1, 0, 0, 0)
FONT = "仿宋"  # official documents' body face; Word falls back where it is missing
TITLE_FONT = "黑体"


@dataclass(frozen=True)
class Sender:
    """The bureau's name and how to reach it (config [notice])."""

    bureau: str
    office: str
    contact_person: str
    contact_phone: str
    address: str
    mailbox: str
    correction_days: int
    correction_deadline: date | None


@dataclass(frozen=True)
class NoticeText:
    unit: str
    expert: str | None
    call: str
    items: tuple[Item, ...]

    @property
    def digest(self) -> str:
        parts = [self.unit, self.expert or "", self.call, *(item.line for item in self.items)]
        return hashlib.sha256("\n".join(parts).encode("utf-8", "surrogatepass")).hexdigest()


def _chinese_date(value: date) -> str:
    return f"{value.year}年{value.month}月{value.day}日"


def _run_font(run, name: str, size: float, bold: bool = False) -> None:
    run.font.name = name
    run.font.size = Pt(size)
    run.font.bold = bold
    run._element.get_or_add_rPr().get_or_add_rFonts().set(qn("w:eastAsia"), name)


def _paragraph(document, text: str, *, size: float = 16, bold: bool = False, font: str = FONT,
               align=None, indent: bool = True):
    paragraph = document.add_paragraph()
    if align is not None:
        paragraph.alignment = align
    if indent:
        paragraph.paragraph_format.first_line_indent = Pt(size * 2)
    paragraph.paragraph_format.line_spacing = Pt(28)
    _run_font(paragraph.add_run(clean_text(text)), font, size, bold)
    return paragraph


def render(text: NoticeText, sender: Sender, dated: date) -> bytes:
    """The notice as .docx bytes, the same for the same text, sender and date."""
    deadline = sender.correction_deadline or dated + timedelta(days=sender.correction_days)
    document = Document()
    _paragraph(document, "关于补正技能大师工作室申报材料的通知", size=22, font=TITLE_FONT,
               align=WD_ALIGN_PARAGRAPH.CENTER, indent=False)
    _paragraph(document, f"{text.unit}：", indent=False)
    expert = f"（拟命名专家：{text.expert}）" if text.expert else ""
    _paragraph(document, f"你单位报送的{text.call}申报材料{expert}已收悉。经审查，尚需补正以下事项：")
    for number, item in enumerate(text.items, start=1):
        _paragraph(document, f"{number}. {item.line}")
    _paragraph(
        document,
        f"请于{_chinese_date(deadline)}前将补正材料报送{sender.bureau}{sender.office}"
        f"（地址：{sender.address}），电子档和扫描件发送至{sender.mailbox}。"
        "复印件需注明“此件与原件相符”并由经办人签字后加盖公章。逾期未补正的，视为材料不全。",
    )
    _paragraph(document, f"联系人：{sender.contact_person}，联系电话：{sender.contact_phone}。")
    _paragraph(document, "")
    _paragraph(document, sender.bureau, align=WD_ALIGN_PARAGRAPH.RIGHT, indent=False)
    _paragraph(document, _chinese_date(dated), align=WD_ALIGN_PARAGRAPH.RIGHT, indent=False)
    properties = document.core_properties
    fixed = datetime(dated.year, dated.month, dated.day)
    properties.author = properties.last_modified_by = sender.bureau
    properties.title = clean_text(f"{text.unit}补正通知")
    properties.created = properties.modified = properties.last_printed = fixed
    properties.revision = 1
    buffer = io.BytesIO()
    document.save(buffer)
    return _fixed_zip(buffer.getvalue())


def _fixed_zip(data: bytes) -> bytes:
    """The same zip with every entry's time fixed, so equal content gives equal bytes."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as source, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            entry = zipfile.ZipInfo(info.filename, FIXED_ZIP_TIME)
            entry.compress_type = zipfile.ZIP_DEFLATED
            entry.external_attr = 0o644 << 16
            target.writestr(entry, source.read(info.filename))
    return out.getvalue()


def notice_text(applicant: Applicant, rules: Rules, call: str) -> NoticeText | None:
    """What an application's notice says; None when nothing is to be asked of the applicant."""
    if applicant.state != "needs_correction":
        return None
    items = tuple(applicant_items(applicant, rules))
    return NoticeText(applicant.unit, applicant.expert, call, items) if items else None


@dataclass(frozen=True)
class WrittenNotice:
    path: Path
    digest: str  # of what it says: a new version is a new notice


def write_notices(state: IntakeState, rules: Rules, folder: Path, call: str, sender: Sender,
                  date_for: Callable[[str, str], date]) -> dict[str, WrittenNotice]:
    """Writes one notice per application that needs correction, removes those no longer
    needed; returns application key -> the notice. `date_for(application key, digest)` gives
    the date to print."""
    written: dict[str, WrittenNotice] = {}
    for applicant in state.applicants:
        text = notice_text(applicant, rules, call)
        if text is None:
            continue
        name = notice_name(applicant)
        data = render(text, sender, date_for(applicant.unit_key, text.digest))
        target = folder / name
        if not target.exists() or target.read_bytes() != data:
            write_atomically(target, lambda temp, data=data: temp.write_bytes(data))
        written[applicant.unit_key] = WrittenNotice(target, text.digest)
    if folder.is_dir():
        for stale in folder.glob(f"*{NOTICE_SUFFIX}"):
            if stale not in {notice.path for notice in written.values()}:
                stale.unlink()
                log.info("notices: removed %s (no longer needed)", stale.name)
    return written

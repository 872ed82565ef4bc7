"""One raw mail in, its files, bodies and header facts out (pure: bytes in, dataclass out).

Every leaf part that is not the mail's own text is a file: attachments, inline parts that
are really attachments (a photo pasted into the body), parts without any name (named from
subject and type). Forwarded mails (message/rfc822, and .eml attachments) are opened, as is
Outlook's winmail.dat. Small inline images that the HTML refers to are signature logos and
are left out. A part that cannot be decoded becomes a `PartProblem`, never an exception.
"""

from __future__ import annotations

import email.parser
import email.policy
import mimetypes
import re
from dataclasses import dataclass, field
from datetime import datetime
from email import errors as email_errors
from email.message import Message
from email.utils import parseaddr

from pipeline.mail.headers import decode_header_bytes, decode_with_charset, header_param, parse_date
from pipeline.textnorm import decode_bytes
from pipeline.mail.tnef import tnef_files

MAX_NESTING = 5
DECORATION_MAX_BYTES = 8 * 1024  # inline images below this, referred to by the HTML, are logos
_TNEF_TYPES = {"application/ms-tnef", "application/vnd.ms-tnef"}
_EXTENSIONS = {"image/jpeg": ".jpg", "text/plain": ".txt", "application/octet-stream": ""}
_UNSAFE_NAME = re.compile(r'[\\/:*?"<>|\x00-\x1f]+')


@dataclass(frozen=True)
class MailFile:
    filename: str
    data: bytes


@dataclass(frozen=True)
class PartProblem:
    filename: str
    error: str  # Chinese, for staff
    code: str = "unreadable_file"


@dataclass
class ParsedMail:
    subject: str
    sender: str | None  # lower-cased address
    sender_name: str
    date: datetime | None  # the Date header
    received: datetime | None  # the newest Received header's time
    message_id: str | None
    files: list[MailFile] = field(default_factory=list)
    problems: list[PartProblem] = field(default_factory=list)
    text: str = ""  # the plain-text bodies, forwarded mails' included
    html: str = ""


def _raw_header(part: Message, name: str) -> bytes | None:
    for key, value in part.raw_items():
        if key.lower() == name.lower():
            return value.encode("utf-8", "surrogateescape")  # the parser kept 8-bit bytes as surrogates
    return None


def header_text(part: Message, name: str) -> str:
    raw = _raw_header(part, name)
    return decode_header_bytes(raw) if raw is not None else ""


def sender_of(part: Message) -> tuple[str, str | None]:
    """(display name, lower-cased address) of From; split before decoding, since a decoded
    name may hold commas or angle brackets."""
    raw = _raw_header(part, "From")
    if raw is None:
        return "", None
    name, address = parseaddr(raw.decode("latin-1"))
    return decode_header_bytes(name.encode("latin-1")), address.strip().lower() or None


def _message_id(part: Message) -> str | None:
    value = header_text(part, "Message-ID").strip()
    return value or None


def _newest_received(part: Message) -> datetime | None:
    raw = _raw_header(part, "Received")
    if raw is None:
        return None
    text = decode_bytes(raw)
    return parse_date(text.rpartition(";")[2]) if ";" in text else None


def part_filename(part: Message) -> str | None:
    for header, param in (("Content-Disposition", "filename"), ("Content-Type", "name")):
        raw = _raw_header(part, header)
        if raw is not None:
            name = header_param(raw, param)
            if name:
                return _UNSAFE_NAME.sub("_", name.replace("\\", "/").rsplit("/", 1)[-1]).strip() or None
    return None


def made_up_name(subject: str, content_type: str, index: int) -> str:
    """A name for a part that has none: the mail's subject, a number, an extension from the type."""
    extension = _EXTENSIONS.get(content_type)
    if extension is None:
        extension = mimetypes.guess_extension(content_type) or ""
    stem = _UNSAFE_NAME.sub("_", subject).strip()[:40] or "无名附件"
    return f"{stem}_附件{index}{extension}"


class _Collector:
    def __init__(self, subject: str) -> None:
        self.subject = subject
        self.files: list[MailFile] = []
        self.problems: list[PartProblem] = []
        self.texts: list[str] = []
        self.htmls: list[str] = []
        self.unnamed = 0

    def walk(self, part: Message, depth: int) -> None:
        if part.is_multipart():  # multipart/* and message/rfc822 alike
            payload = part.get_payload()
            for sub in payload if isinstance(payload, list) else []:
                if depth < MAX_NESTING:
                    self.walk(sub, depth + 1)
            return
        self._leaf(part, depth)

    def _leaf(self, part: Message, depth: int) -> None:
        content_type = part.get_content_type()
        filename = part_filename(part)
        disposition = part.get_content_disposition()
        if content_type in ("text/plain", "text/html") and not filename and disposition != "attachment":
            body = decode_with_charset(part.get_payload(decode=True) or b"", part.get_content_charset())
            (self.htmls if content_type == "text/html" else self.texts).append(body)
            return
        if filename is None:
            self.unnamed += 1
            filename = made_up_name(self.subject, content_type, self.unnamed)
        data = self._payload(part, filename)
        if data is None:
            return
        if content_type in _TNEF_TYPES or filename.lower() == "winmail.dat":
            self._tnef(data, filename)
        elif (content_type == "message/rfc822" or filename.lower().endswith(".eml")) and depth < MAX_NESTING:
            self.walk(_parse(data), depth + 1)
        elif content_type.startswith("image/") and part.get("Content-ID") and len(data) < DECORATION_MAX_BYTES:
            return  # a logo or icon the HTML body shows
        else:
            self.files.append(MailFile(filename, data))

    def _payload(self, part: Message, filename: str) -> bytes | None:
        data = part.get_payload(decode=True)
        broken = any(isinstance(defect, email_errors.InvalidBase64LengthDefect) for defect in part.defects)
        if data is None or broken or (not data and part.get_payload()):
            self.problems.append(PartProblem(filename, f"附件「{filename}」的编码已损坏，无法解码，请联系发件人重新发送"))
            return None
        return data

    def _tnef(self, data: bytes, filename: str) -> None:
        try:
            inner = tnef_files(data)
        except ValueError:
            self.problems.append(PartProblem(filename, f"Outlook 附件包「{filename}」无法解开，请联系发件人以普通附件重新发送"))
            return
        self.files.extend(MailFile(item.filename, item.data) for item in inner)


def _parse(raw: bytes) -> Message:
    return email.parser.BytesParser(policy=email.policy.compat32).parsebytes(raw)


def parse_message(raw: bytes) -> ParsedMail:
    message = _parse(raw)
    subject = header_text(message, "Subject")
    sender_name, sender = sender_of(message)
    collector = _Collector(subject)
    collector.walk(message, 0)
    return ParsedMail(
        subject=subject,
        sender=sender,
        sender_name=sender_name,
        date=parse_date(header_text(message, "Date")),
        received=_newest_received(message),
        message_id=_message_id(message),
        files=collector.files,
        problems=collector.problems,
        text="\n".join(collector.texts),
        html="\n".join(collector.htmls),
    )

"""One raw mail in, its files, bodies and header facts out (pure: bytes in, dataclass out).

Every leaf part that is not the mail's own text is a file: attachments, inline parts that
are really attachments (a photo pasted into the body), parts without any name (named from
subject and type). Forwarded mails (message/rfc822, base64-encoded too, and .eml
attachments) are opened up to MAX_FORWARDS deep, as are Outlook's winmail.dat and files
uuencoded into a text body. Small images that the HTML body shows by Content-ID are signature
logos and are left out; any other image is a file. Nothing is dropped without a word: a part
that cannot be decoded or is nested too deep becomes a `PartProblem` naming it, never an
exception and never silence.
"""

from __future__ import annotations

import base64
import binascii
import email.generator
import email.parser
import email.policy
import io
import quopri
import logging
import mimetypes
import re
import urllib.parse
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from email import errors as email_errors
from email.message import Message
from email.utils import parseaddr

from pipeline.charsets import decode_bytes
from pipeline.mail.headers import decode_header_bytes, decode_with_charset, header_param, parse_date
from pipeline.mail.tnef import tnef_contents
from pipeline.mail.uuencode import find_uuencoded

log = logging.getLogger("pipeline.mail")

MAX_FORWARDS = 10  # forwarded mails inside forwarded mails; a deeper one is reported, not opened
MAX_PART_DEPTH = 40  # multipart levels in all, a guard against crafted nesting; deeper ones are reported
MAX_NAMES_REPORTED = 50  # files named one by one inside a part that is not opened
DECORATION_MAX_BYTES = 8 * 1024  # images below this that the HTML shows by Content-ID are logos
_CID_REFERENCE = re.compile(r"""\bcid:([^"'\s>)]+)""", re.IGNORECASE)
_TNEF_TYPES = {"application/ms-tnef", "application/vnd.ms-tnef"}
_EXTENSIONS = {"image/jpeg": ".jpg", "text/plain": ".txt", "application/octet-stream": ""}
_UNSAFE_NAME = re.compile(r'[\\/:*?"<>|\x00-\x1f]+')


@dataclass(frozen=True)
class Forwarded:
    """A mail forwarded inside another (message/rfc822 or an .eml attachment): the closest
    context of the files inside it. `index` numbers the forwarded mails of one mail from 1."""

    index: int
    subject: str
    sender: str | None


@dataclass(frozen=True)
class MailFile:
    filename: str
    data: bytes
    forwarded: Forwarded | None = None  # the innermost forwarded mail the file came in


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
                return safe_filename(name)
    return None


def safe_filename(name: str) -> str | None:
    """The last path part of a sender's file name, without characters a file system refuses."""
    return _UNSAFE_NAME.sub("_", name.replace("\\", "/").rsplit("/", 1)[-1]).strip() or None


def made_up_name(subject: str, content_type: str, index: int) -> str:
    """A name for a part that has none: the mail's subject, a number, an extension from the type."""
    extension = _EXTENSIONS.get(content_type)
    if extension is None:
        extension = mimetypes.guess_extension(content_type) or ""
    stem = _UNSAFE_NAME.sub("_", subject).strip()[:40] or "无名附件"
    return f"{stem}_附件{index}{extension}"


class _Collector:
    """Walks a mail's parts; after the walk, `files()` leaves out the logos the HTML shows."""

    def __init__(self, subject: str) -> None:
        self.subject = subject
        self.found: list[tuple[MailFile, str | None]] = []  # a file, and its Content-ID if it may be a logo
        self.problems: list[PartProblem] = []
        self.texts: list[str] = []
        self.htmls: list[str] = []
        self.unnamed = 0
        self.forwards = 0
        self.forwarded: Forwarded | None = None  # the forwarded mail being walked, if any

    def walk(self, part: Message, forwards: int, depth: int) -> None:
        if depth > MAX_PART_DEPTH:
            self._too_deep(part, f"邮件结构嵌套超过 {MAX_PART_DEPTH} 层")
        elif part.get_content_type() == "message/rfc822":
            self._forwarded(part, forwards, depth)
        elif part.is_multipart():
            for sub in part.get_payload():
                self.walk(sub, forwards, depth + 1)
        else:
            self._leaf(part, forwards, depth)

    def files(self) -> list[MailFile]:
        shown = shown_content_ids("\n".join(self.htmls))
        return [item for item, content_id in self.found if content_id is None or content_id not in shown]

    def _open_forward(self, message: Message, name: str, forwards: int, depth: int) -> None:
        if forwards >= MAX_FORWARDS:
            self._too_deep(message, f"邮件转发嵌套超过 {MAX_FORWARDS} 层，更深一层转发的邮件未打开", name)
        else:
            outer = self.forwarded
            self.forwards += 1
            self.forwarded = Forwarded(self.forwards, header_text(message, "Subject"), sender_of(message)[1])
            self.walk(message, forwards + 1, depth + 1)
            self.forwarded = outer

    def _forwarded(self, part: Message, forwards: int, depth: int) -> None:
        """A message/rfc822 part; sent base64 or quoted-printable (RFC 2046 forbids both,
        clients do it), the parser took the encoded text for the forwarded mail: decoded and
        parsed here."""
        inner = part.get_payload()
        message = inner[0] if isinstance(inner, list) and inner else None
        name = part_filename(part) or _forward_name(message)
        encoding = str(part.get("Content-Transfer-Encoding", "")).strip().lower()
        if message is not None and encoding in FORWARD_DECODERS:
            data = _decoded_forward(message, FORWARD_DECODERS[encoding])
            if data is None:
                self.problems.append(PartProblem(name, f"转发的邮件「{name}」编码已损坏，其中的附件无法取出，请联系发件人重新发送"))
                return
            message = _parse(data)
            name = part_filename(part) or _forward_name(message)
        if message is None:
            self.problems.append(PartProblem(name, f"转发的邮件「{name}」是空的或已损坏，请人工查看原邮件"))
            return
        self._open_forward(message, name, forwards, depth)

    def _too_deep(self, part: Message, why: str, name: str | None = None) -> None:
        """A part not opened: each named attachment inside it is a problem naming that file, so
        staff learn which files did not come; with none named, the part itself is named."""
        name = name or part_filename(part) or header_text(part, "Subject") or "（无名部分）"
        inside = _attachment_names(part)
        for leaf in inside:
            self.problems.append(PartProblem(leaf, f"{why}：附件「{leaf}」在「{name}」中，未能取出，请人工查看原邮件"))
        if not inside:
            self.problems.append(PartProblem(name, f"{why}，「{name}」里的附件未能取出，请人工查看原邮件"))

    def _leaf(self, part: Message, forwards: int, depth: int) -> None:
        content_type = part.get_content_type()
        filename = part_filename(part)
        disposition = part.get_content_disposition()
        if content_type in ("text/plain", "text/html") and not filename and disposition != "attachment":
            body = decode_with_charset(part.get_payload(decode=True) or b"", part.get_content_charset())
            if content_type == "text/plain":
                body = self._uuencoded(body)
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
        elif filename.lower().endswith(".eml"):
            self._open_forward(_parse(data), filename, forwards, depth)
        else:
            small_image = content_type.startswith("image/") and len(data) < DECORATION_MAX_BYTES
            content_id = _content_id(part.get("Content-ID")) if small_image else None
            self.found.append((MailFile(filename, data, self.forwarded), content_id))

    def _payload(self, part: Message, filename: str) -> bytes | None:
        data = part.get_payload(decode=True)
        broken = any(isinstance(defect, email_errors.InvalidBase64LengthDefect) for defect in part.defects)
        if data is None or broken or (not data and part.get_payload()):
            self.problems.append(PartProblem(filename, f"附件「{filename}」的编码已损坏，无法解码，请联系发件人重新发送"))
            return None
        return data

    def _tnef(self, data: bytes, filename: str) -> None:
        try:
            inner = tnef_contents(data)
        except ValueError:
            self.problems.append(PartProblem(filename, f"Outlook 附件包「{filename}」无法解开，请联系发件人以普通附件重新发送"))
            return
        self.found.extend((MailFile(item.filename, item.data, self.forwarded), None) for item in inner.files)
        for name in inner.empty:
            self.problems.append(PartProblem(name, f"Outlook 附件包「{filename}」中的附件「{name}」是空的（0 字节），请联系发件人重新发送"))

    def _uuencoded(self, body: str) -> str:
        """Files uuencoded into a text body (old clients, some scanners' mailers) are taken out."""
        found = find_uuencoded(body)
        for item in found.files:
            self.found.append((MailFile(safe_filename(item.filename) or "正文附件", item.data, self.forwarded), None))
        self.problems.extend(PartProblem(safe_filename(name) or "正文附件", error) for name, error in found.problems)
        return found.text


def _attachment_names(part: Message) -> list[str]:
    """The names of the named files in a part, found from its headers alone (nothing decoded)."""
    try:
        names = [part_filename(sub) for sub in part.walk() if not sub.is_multipart()]
    except RecursionError:  # walk() recurses; a part nested this deep names nothing more
        return []
    return list(dict.fromkeys(name for name in names if name))[:MAX_NAMES_REPORTED]


def _forward_name(message: Message | None) -> str:
    subject = header_text(message, "Subject") if message is not None else ""
    return f"转发的邮件（{subject}）" if subject else "转发的邮件"


def _base64(encoded: bytes) -> bytes:
    return base64.b64decode(b"".join(encoded.split()), validate=True)


FORWARD_DECODERS: dict[str, Callable[[bytes], bytes]] = {"base64": _base64, "quoted-printable": quopri.decodestring}


def _decoded_forward(message: Message, decode: Callable[[bytes], bytes]) -> bytes | None:
    """The bytes of a forwarded mail whose encoded text the parser took for a mail (base64 has
    no colon, so it is all body; quoted-printable keeps the headers readable, but not their
    =3D escapes nor soft line breaks); None if broken."""
    out = io.BytesIO()
    email.generator.BytesGenerator(out, mangle_from_=False).flatten(message)
    encoded = out.getvalue()
    if any(isinstance(defect, email_errors.MissingHeaderBodySeparatorDefect) for defect in message.defects):
        # a soft line break inside a header line ended the headers there; the generator put a
        # blank line between them and the rest that the mail never had
        encoded = re.sub(rb"\r?\n\r?\n", b"\n", encoded, count=1)
    try:
        return decode(encoded)
    except (binascii.Error, ValueError):
        return None


def _content_id(value: object) -> str | None:
    text = str(value or "").strip().strip("<>").strip().lower()
    return text or None


def shown_content_ids(html: str) -> set[str]:
    """The Content-IDs an HTML body shows (`src="cid:..."`), as `_content_id` writes them."""
    return {_content_id(urllib.parse.unquote(match)) or "" for match in _CID_REFERENCE.findall(html)}


def _parse(raw: bytes) -> Message:
    return email.parser.BytesParser(policy=email.policy.compat32).parsebytes(raw)


def parse_message(raw: bytes) -> ParsedMail:
    """Never raises: a mail the email package cannot take apart is one problem naming it."""
    try:
        return _parse_mail(raw)
    except Exception as exc:  # the email package on hostile input: nesting past Python's recursion limit, …
        log.warning("a mail could not be parsed: %s: %s", type(exc).__name__, exc)
        reason = f"邮件结构无法解析（{type(exc).__name__}），其中的正文和附件未能取出，请人工查看原邮件"
        return ParsedMail("", None, "", None, None, None, problems=[PartProblem("邮件原文", reason)])


def _parse_mail(raw: bytes) -> ParsedMail:
    message = _parse(raw)
    subject = header_text(message, "Subject")
    sender_name, sender = sender_of(message)
    collector = _Collector(subject)
    collector.walk(message, 0, 0)
    return ParsedMail(
        subject=subject,
        sender=sender,
        sender_name=sender_name,
        date=parse_date(header_text(message, "Date")),
        received=_newest_received(message),
        message_id=_message_id(message),
        files=collector.files(),
        problems=collector.problems,
        text="\n".join(collector.texts),
        html="\n".join(collector.htmls),
    )

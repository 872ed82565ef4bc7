"""A corpus of hostile and broken submissions, made by code: what a careless sender or an
attacker puts in front of intake. Each case writes its files into a folder of its own; together
they are taken in by one `intake ingest`.

Every leaf file (a file on disk, a mail attachment, an archive member) carries a token `Hnn` at
the start of its name and in its bytes, so the end-to-end test can find it among the documents
and errors whatever the name's other characters became. Add a case by appending to `CASES`:
a name, a builder writing into the folder it is given, and the tokens of its leaves.
"""

from __future__ import annotations

import base64
import io
import os
import zipfile
from collections.abc import Callable
from dataclasses import dataclass
from email.message import EmailMessage
from email.policy import SMTP
from pathlib import Path

import libarchive
from PIL import Image

from tests.mail import corpus as mailcorpus
from tests.mail.corpus import docx_file as docx_bytes  # a Word file naming its token, so each is other bytes


@dataclass(frozen=True)
class Case:
    name: str
    build: Callable[[Path], None]  # writes the case's files into the folder given
    leaves: tuple[str, ...]  # the tokens of the leaf files that must each end as a document or an error


# --- leaf contents: each unique, so no two leaves are one document ------------------------------

def jpeg_bytes(token: str) -> bytes:
    """A small photo-like image; the token sets its colour, so each is different bytes."""
    shade = int(token[1:]) * 7 % 200
    out = io.BytesIO()
    Image.new("RGB", (64, 48), (shade, 120, 200 - shade)).save(out, "JPEG")
    return out.getvalue()


def _write(folder: Path, name: str | bytes, data: bytes) -> None:
    """Writes one file; a `bytes` name is written as those bytes (a name that is not UTF-8)."""
    folder.mkdir(parents=True, exist_ok=True)
    path = os.path.join(os.fsencode(folder), name) if isinstance(name, bytes) else folder / name
    with open(path, "wb") as handle:
        handle.write(data)


def _mail(subject: str, body: str, attachments: list[tuple[str, bytes]]) -> EmailMessage:
    message = EmailMessage()
    message["From"] = "Applicant <shenbao@qq.com>"
    message["To"] = "jycjk@qq.com"
    message["Date"] = "Mon, 21 Aug 2023 09:00:00 +0800"
    message["Subject"] = subject
    message.set_content(body)
    for name, data in attachments:
        message.add_attachment(data, maintype="application", subtype="octet-stream", filename=name)
    return message


def _raw_subject_mail(raw_subject: bytes, body: bytes, token: str) -> bytes:
    """A mail written byte by byte: a raw (unencoded) subject and a body as given."""
    attachment = base64.encodebytes(docx_bytes(token)).decode("ascii")
    return (
        b"From: Applicant <shenbao@qq.com>\r\nTo: jycjk@qq.com\r\nDate: Mon, 21 Aug 2023 09:00:00 +0800\r\n"
        b"Subject: " + raw_subject + b"\r\nMIME-Version: 1.0\r\n"
        b'Content-Type: multipart/mixed; boundary="b1"\r\n\r\n'
        b"--b1\r\nContent-Type: text/plain; charset=utf-8\r\nContent-Transfer-Encoding: 8bit\r\n\r\n" + body + b"\r\n"
        b"--b1\r\nContent-Type: application/octet-stream\r\nContent-Transfer-Encoding: base64\r\n"
        b'Content-Disposition: attachment; filename="' + token.encode() + b'-report.docx"\r\n\r\n'
        + attachment.replace("\n", "\r\n").encode("ascii") + b"--b1--\r\n"
    )


# --- the cases ----------------------------------------------------------------------------------

def control_characters_in_file_names(folder: Path) -> None:
    _write(folder, "H01-事迹\x1b[31m\x07.docx", docx_bytes("H01"))
    _write(folder, "H02-申报\x7f\u0085表.docx", docx_bytes("H02"))
    _write(folder, "H03-\u202egpj.docx", docx_bytes("H03"))  # right-to-left override


def formula_file_names(folder: Path) -> None:
    _write(folder, "=H04+1.docx", docx_bytes("H04"))
    _write(folder, "@H05.docx", docx_bytes("H05"))
    _write(folder, "+H06.docx", docx_bytes("H06"))
    _write(folder, "-H07.jpg", jpeg_bytes("H07"))
    _write(folder, "\t=H08.docx", docx_bytes("H08"))


def mail_with_controls_in_subject_body_and_names(folder: Path) -> None:
    message = _mail("申报\x1b$B\x07材料\x00", "正文\x00有\x1b控制\x07字符", [("H09-报告\x1b\x07.docx", docx_bytes("H09"))])
    _write(folder, "H09-controls.eml", message.as_bytes(policy=SMTP))


def iso_2022_jp_subject_with_escapes(folder: Path) -> None:
    """A subject in raw ISO-2022-JP, as old Japanese clients send it: ESC sequences in the header."""
    subject = "申請書類".encode("iso-2022-jp")
    _write(folder, "H10-iso2022.eml", _raw_subject_mail(subject, "正文".encode(), "H10"))


def nul_and_bell_in_a_body(folder: Path) -> None:
    _write(folder, "H11-nul.eml", _raw_subject_mail(b"=?utf-8?B?" + base64.b64encode("申报材料".encode()) + b"?=",
                                                   b"\x00\x00body\x07\x1b[2J", "H11"))


def truncated_base64_attachment(folder: Path) -> None:
    raw = _mail("申报材料", "见附件", [("H12-申报表.docx", docx_bytes("H12"))]).as_bytes(policy=SMTP)
    cut = raw.rindex(b"\r\n", 0, len(raw) - 2000)  # the attachment's lines end half-way
    _write(folder, "H12-truncated.eml", raw[:cut] + b"\r\nAAB")


def zip_member_names_with_controls(folder: Path) -> None:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        archive.writestr("H13-证书\x1b\x07.docx", docx_bytes("H13"))
        archive.writestr("=H14+1.jpg", jpeg_bytes("H14"))
    _write(folder, "H15-材料.zip", out.getvalue())


def zip_with_corrupt_deflate_data(folder: Path) -> None:
    """A zip whose member's compressed bytes are damaged: the directory is fine, inflating fails."""
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("H16-证书.docx", docx_bytes("H16") * 3)
    data = bytearray(out.getvalue())
    start = 30 + len("H16-证书.docx".encode())  # the local header, then the deflate stream
    for offset in range(start + 10, start + 60):
        data[offset] ^= 0x5A
    _write(folder, "H17-坏压缩包.zip", bytes(data))


def file_name_not_utf8(folder: Path) -> None:
    """GBK bytes on disk, as `unzip` leaves a Windows zip's names: 身份证.jpg."""
    _write(folder, b"H18-" + "身份证".encode("gbk") + b".jpg", jpeg_bytes("H18"))


def zero_byte_file(folder: Path) -> None:
    _write(folder, "H19-空文件.docx", b"")


def very_long_file_name(folder: Path) -> None:
    _write(folder, "H20-" + "很长的文件名" * 13 + ".docx", docx_bytes("H20"))


# --- nothing vanishes: archives known by their container, mail parts, names (vanish) ----------

def _pdf_bytes(token: str) -> bytes:
    """A real one-page PDF (an image page), different for each token."""
    out = io.BytesIO()
    Image.open(io.BytesIO(jpeg_bytes(token))).save(out, "PDF")
    return out.getvalue()


def stored_zip_with_a_pdf_first(folder: Path) -> None:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_STORED) as archive:
        archive.writestr("H50-身份证复印件.pdf", _pdf_bytes("H50"))
        archive.writestr("H51-申报报告.docx", docx_bytes("H51"))
    _write(folder, "不压缩的材料.zip", out.getvalue())


def stored_7z_with_a_pdf_first(folder: Path) -> None:
    chunks: list[bytes] = []

    def write(data: bytes) -> int:
        chunks.append(bytes(data))
        return len(data)

    with libarchive.custom_writer(write, "7zip", options="compression=store") as archive:
        for name, data in (("H52-学历证书.pdf", _pdf_bytes("H52")), ("H53-事迹材料.docx", docx_bytes("H53"))):
            archive.add_file_from_memory(name, len(data), data)
    _write(folder, "不压缩的材料.7z", b"".join(chunks))


def rar_with_an_encrypted_member(folder: Path) -> None:
    members = [("H54-密件.docx", docx_bytes("H54")), ("H55-获奖证书.pdf", _pdf_bytes("H55"))]
    _write(folder, "材料.rar", mailcorpus.rar5(members, encrypted=frozenset({"H54-密件.docx"})))


def forwarded_seven_times(folder: Path) -> None:
    inner = mailcorpus.simple_mail("身份证", "h56", [("H56-身份证.jpg", jpeg_bytes("H56"))])
    _write(folder, "七次转发.eml", mailcorpus.forwarded(inner, 7))


def forwarded_twelve_times(folder: Path) -> None:
    """Past the limit of 10: the error names the forwarded mail by its subject."""
    inner = mailcorpus.simple_mail("H57-职称证书", "h57", [("H57-职称证书.docx", docx_bytes("H57"))])
    _write(folder, "十二次转发.eml", mailcorpus.forwarded(inner, 12))


def mail_parts_that_used_to_vanish(folder: Path) -> None:
    inner = mailcorpus.simple_mail("原件", "h58", [("H58-学历证书.docx", docx_bytes("H58"))])
    name_star = "".join(f"%{byte:02X}" for byte in "H60-职称证书.docx".encode()).encode("ascii")
    parts = [
        mailcorpus.html_part('<p>材料见附件</p><img src="cid:logo@qq.com">'),
        mailcorpus.attachment_part(b'Content-Type: image/png; name="logo.png"\r\nContent-ID: <logo@qq.com>\r\n',
                                   b"\x89PNG\r\n\x1a\n" + b"\0" * 200),  # a logo the HTML shows: not a leaf
        b"Content-Type: message/rfc822\r\nContent-Transfer-Encoding: base64\r\n\r\n" + base64.encodebytes(inner),
        mailcorpus.attachment_part('Content-Type: image/jpeg; name="H59-一寸照.jpg"\r\nContent-ID: <h59@qq.com>\r\n'.encode(),
                                   jpeg_bytes("H59")),  # small, with a Content-ID the HTML never shows
        mailcorpus.attachment_part(b'Content-Type: application/octet-stream\r\nContent-Disposition: attachment; '
                                   b'filename="fallback.docx"; filename*=UTF-8\'\'' + name_star + b"\r\n", docx_bytes("H60")),
        mailcorpus.attachment_part(b'Content-Type: application/octet-stream; name="H61-' + "荣誉证书".encode("hz")
                                   + b'.docx"\r\n', docx_bytes("H61")),
        mailcorpus.attachment_part(b'Content-Type: application/octet-stream; name="H62-' + "学位证".encode("gbk")
                                   + b'.docx"\r\n', docx_bytes("H62")),  # GBK bytes that are valid UTF-8 too
        mailcorpus.attachment_part(b'Content-Type: application/octet-stream; name="H63-M' + "üller".encode("latin-1")
                                   + b'.docx"\r\n', docx_bytes("H63")),
        mailcorpus.text_part("附件：\n" + mailcorpus.uuencoded("H64-技能证书.docx", docx_bytes("H64"))
                             + "begin 644 H65-没有结尾.docx\nM" + "A" * 60 + "\n", charset="utf-8"),
        mailcorpus.attachment_part(b'Content-Type: application/ms-tnef; name="winmail.dat"\r\n',
                                   mailcorpus.tnef([("H66-工作业绩.docx", docx_bytes("H66")), ("H67-空附件.docx", b"")])),
    ]
    _write(folder, "各种附件.eml", mailcorpus.raw_mail("申报材料", "h58-outer", parts))


def tiff_past_the_page_limit(folder: Path) -> None:
    """61 pages, one past the default limit of 60: an error naming the page count, no OCR."""
    pages = [Image.new("L", (40, 56), 255 - index) for index in range(61)]
    out = io.BytesIO()
    pages[0].save(out, "TIFF", save_all=True, append_images=pages[1:])
    _write(folder, "H68-扫描件.tif", out.getvalue())


CASES: list[Case] = [
    Case("control_characters_in_file_names", control_characters_in_file_names, ("H01", "H02", "H03")),
    Case("formula_file_names", formula_file_names, ("H04", "H05", "H06", "H07", "H08")),
    Case("mail_with_controls", mail_with_controls_in_subject_body_and_names, ("H09",)),
    Case("iso_2022_jp_subject", iso_2022_jp_subject_with_escapes, ("H10",)),
    Case("nul_in_body", nul_and_bell_in_a_body, ("H11",)),
    Case("truncated_base64", truncated_base64_attachment, ("H12",)),
    Case("zip_member_controls", zip_member_names_with_controls, ("H13", "H14")),
    Case("zip_corrupt_deflate", zip_with_corrupt_deflate_data, ("H16",)),
    Case("file_name_not_utf8", file_name_not_utf8, ("H18",)),
    Case("zero_byte_file", zero_byte_file, ("H19",)),
    Case("very_long_file_name", very_long_file_name, ("H20",)),
    Case("stored_zip_pdf_first", stored_zip_with_a_pdf_first, ("H50", "H51")),
    Case("stored_7z_pdf_first", stored_7z_with_a_pdf_first, ("H52", "H53")),
    Case("rar_encrypted_member", rar_with_an_encrypted_member, ("H54", "H55")),
    Case("forwarded_seven_times", forwarded_seven_times, ("H56",)),
    Case("forwarded_twelve_times", forwarded_twelve_times, ("H57",)),
    Case("mail_parts_that_used_to_vanish", mail_parts_that_used_to_vanish,
         ("H58", "H59", "H60", "H61", "H62", "H63", "H64", "H65", "H66", "H67")),
    Case("tiff_past_the_page_limit", tiff_past_the_page_limit, ("H68",)),
]


def make_corpus(folder: Path, cases: list[Case] = CASES) -> list[str]:
    """Writes every case under `folder/<case name>/`; returns the tokens of all leaves."""
    tokens = [token for case in cases for token in case.leaves]
    assert len(tokens) == len(set(tokens)), "each leaf needs its own token"
    for case in cases:
        case.build(folder / case.name)
    return tokens

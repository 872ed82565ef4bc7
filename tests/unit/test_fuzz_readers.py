"""Bounded property-based fuzzing (hypothesis, derandomized for CI) of the readers that take
apart what strangers send: the mail parser and the archive readers. Whatever the bytes, they
never raise out of the reader: a mail gives files and problems, an archive gives members
(each with data or an error) or one FileReadError for the whole archive."""

from __future__ import annotations

import base64
import io
import zipfile
from datetime import datetime, timezone

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from pipeline.config import ProcessingSettings
from pipeline.errors import FileReadError
from pipeline.intake.archives import libarchive_members, zip_members
from pipeline.intake.service import IntakeService
from pipeline.mail.message import parse_message
from pipeline.models import Origin
from pipeline.store import Store
from tests.mail.corpus import make_corpus, rar5, seven_zip, text_file

FUZZ = settings(max_examples=150, deadline=None, derandomize=True, database=None, suppress_health_check=list(HealthCheck))
LIMITS = ProcessingSettings()
MAILS = [case.raw for case in make_corpus().cases]


def _zip(compression: int) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", compression) as archive:
        archive.writestr("申报表.txt", text_file("zip a") * 20)
        archive.writestr("某公司/证书.txt", text_file("zip b") * 20)
    return out.getvalue()


ARCHIVES = {
    "zip": [_zip(zipfile.ZIP_DEFLATED), _zip(zipfile.ZIP_STORED)],
    "7z": [seven_zip([("a.txt", text_file("7z a") * 20), ("b/c.txt", text_file("7z b"))])],
    "rar": [rar5([("a.txt", text_file("rar a")), ("b.txt", text_file("rar b"))])],
}


@st.composite
def mutated(draw, originals: list[bytes]) -> bytes:
    """One of `originals` with a few bytes overwritten, a slice cut out, or cut short."""
    data = bytearray(draw(st.sampled_from(originals)))
    for _ in range(draw(st.integers(0, 6))):
        position = draw(st.integers(0, len(data) - 1))
        data[position] = draw(st.integers(0, 255))
    if draw(st.booleans()):
        start = draw(st.integers(0, len(data)))
        data = data[:start] + data[start + draw(st.integers(0, 64)) :]
    return bytes(data[: draw(st.integers(1, len(data)))] if draw(st.booleans()) else data)


def _check_members(members) -> None:
    for member in members:
        assert (member.data is None) != (member.error is None), member
        assert member.name


def _read(kind: str, tmp_path_factory, data: bytes) -> None:
    path = tmp_path_factory.mktemp("fuzz") / f"a.{kind}"
    path.write_bytes(data)
    reader = zip_members(path, LIMITS) if kind == "zip" else libarchive_members(path, LIMITS, kind)
    try:
        _check_members(list(reader))
    except FileReadError:
        pass  # one error for the whole archive, which the intake service records against it


@FUZZ
@given(st.binary(max_size=2000) | mutated(MAILS))
def test_mail_parser_never_raises(raw):
    mail = parse_message(raw)
    assert all(item.filename for item in mail.files)
    assert all(problem.filename and problem.error for problem in mail.problems)


# Any bytes a quoted parameter can hold, but no name that makes a part something to open (.eml, winmail.dat)
_NAME_BYTES = st.binary(min_size=1, max_size=40).filter(
    lambda raw: not set(raw) & set(b'\r\n"\\') and b"eml" not in raw.lower() and b"winmail" not in raw.lower()
)


@st.composite
def attachment(draw) -> bytes:
    """One attachment part whose name is any bytes a header can hold, in one of the ways clients write it."""
    raw = draw(_NAME_BYTES)
    quoted = "".join(f"%{byte:02X}" for byte in raw).encode("ascii")
    disposition = draw(st.sampled_from([
        b'attachment; filename="' + raw + b'"',
        b"attachment; filename*=" + draw(st.sampled_from([b"utf-8''", b"gbk''", b"''", b"x-bogus''"])) + quoted,
        b'attachment; filename="x.bin"; filename*=utf-8\'\'' + quoted,
        b'attachment; filename="=?gbk?B?' + base64.b64encode(raw) + b'?="',
    ]))
    data = draw(st.binary(min_size=1, max_size=64))
    return (b"Content-Type: application/octet-stream\r\nContent-Disposition: " + disposition
            + b"\r\nContent-Transfer-Encoding: base64\r\n\r\n" + base64.encodebytes(data))


@FUZZ
@given(st.lists(attachment(), min_size=1, max_size=4))
def test_every_attachment_is_a_file_or_a_problem_whatever_its_name(parts):
    """Nothing vanishes: N attachments with arbitrary name bytes give N files and problems in all."""
    raw = b"From: a@qq.com\r\nSubject: fuzz\r\nMIME-Version: 1.0\r\nContent-Type: multipart/mixed; boundary=ZZ\r\n\r\n"
    raw += b"".join(b"--ZZ\r\n" + part + b"\r\n" for part in parts) + b"--ZZ--\r\n"
    mail = parse_message(raw)
    names = [item.filename for item in mail.files]
    assert len(mail.files) + len(mail.problems) == len(parts)
    assert all(name and "/" not in name and "\x00" not in name for name in names)


@FUZZ
@given(mutated(ARCHIVES["zip"]) | st.binary(max_size=400).map(lambda tail: b"PK\x03\x04" + tail))
def test_zip_reader_yields_members_or_errors(tmp_path_factory, data):
    _read("zip", tmp_path_factory, data)


@FUZZ
@given(mutated(ARCHIVES["7z"]))
def test_7z_reader_yields_members_or_errors(tmp_path_factory, data):
    _read("7z", tmp_path_factory, data)


@FUZZ
@given(mutated(ARCHIVES["rar"]))
def test_rar_reader_yields_members_or_errors(tmp_path_factory, data):
    _read("rar", tmp_path_factory, data)


@settings(FUZZ, max_examples=60)
@given(mutated(ARCHIVES["zip"] + ARCHIVES["7z"] + ARCHIVES["rar"]))
def test_intake_of_a_mutated_archive_never_raises(tmp_path_factory, data):
    """Every member ends as a document or an error: the service records what it cannot open."""
    store = Store(tmp_path_factory.mktemp("var"))
    try:
        origin = Origin(source="scan:fuzz", received_at=datetime(2026, 3, 1, tzinfo=timezone.utc), group="fuzz")
        IntakeService(store, LIMITS).receive_bytes(data, "材料.zip", origin)
    finally:
        store.close()

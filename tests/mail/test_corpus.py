"""The hostile corpus through parsing and take-in, without a server; and `intake ingest x.eml`."""

from datetime import datetime, timezone

import pytest

from pipeline.config import ProcessingSettings
from pipeline.intake.service import IntakeService
from pipeline.mail.ingest import receive_eml_file
from pipeline.mail.message import parse_message
from pipeline.mail.takein import mail_origin, take_in
from pipeline.models import group_chain
from pipeline.store import Store
from tests.mail.corpus import make_corpus

CORPUS = make_corpus()


@pytest.fixture
def service(tmp_path):
    store = Store(tmp_path / "var")
    yield IntakeService(store, ProcessingSettings())
    store.close()


def documents_of(store, group):
    roles = {row[0]: row[1] for row in store.connection.execute("SELECT sha256, role FROM files")}
    return sorted(s.filename for s in store.sightings() if group in group_chain(s.origin.group) and roles[s.sha256] == "document")


@pytest.mark.parametrize("case", CORPUS.cases, ids=lambda case: case.name)
def test_case_yields_its_files_and_errors(case, service):
    mail = parse_message(case.raw)
    if case.subject is not None:
        assert mail.subject == case.subject
    assert mail.sender == case.sender
    envelope = mail_origin(f"mail:INBOX/1/{case.name}", datetime(2023, 8, 30, tzinfo=timezone.utc))
    take_in(mail, envelope, service)
    assert documents_of(service.store, envelope.group) == sorted(case.files)
    assert {error.code for error in service.store.errors()} == set(case.errors)
    # taken in a second time (a crash before the ledger said "stored"): nothing doubles
    errors, sightings = len(service.store.errors()), len(service.store.sightings())
    take_in(parse_message(case.raw), envelope, service)
    assert (len(service.store.errors()), len(service.store.sightings())) == (errors, sightings)


def test_staff_notices_for_links_and_questions(service):
    for name in ("qq_big_attach_html", "question_without_materials"):
        case = CORPUS.by_name(name)
        envelope = mail_origin(f"mail:INBOX/1/{name}", datetime(2023, 8, 30, tzinfo=timezone.utc))
        take_in(parse_message(case.raw), envelope, service)
    notices = service.store.notices()
    assert [(n.code, n.group, n.sender) for n in notices] == [
        ("oversized_attachment_link", "mail:INBOX/1/qq_big_attach_html", "shenbao@qq.com"),
        ("mail_without_materials", "mail:INBOX/1/question_without_materials", "shenbao@qq.com"),
    ]
    assert "2023年9月29日 10:00" in notices[0].detail and "312.5M" in notices[0].detail
    assert "请问今年的申报截止到哪天" in notices[1].detail


def test_ingest_eml_has_mail_semantics(tmp_path, service):
    case = CORPUS.by_name("raw_8bit_headers")
    path = tmp_path / "saved.eml"
    path.write_bytes(b"Received: from x by y; Thu, 31 Aug 2023 18:30:00 +0800\r\n" + case.raw)
    assert receive_eml_file(path, service) == 2
    sightings = service.store.sightings()
    assert {s.origin.source for s in sightings} == {f"ingest:{path}!{name}" for name in case.files}
    assert {s.origin.clock for s in sightings} == {"mail"}
    assert {s.origin.sender for s in sightings} == {"lisi@qq.com"}
    assert {s.origin.received_at.isoformat() for s in sightings} == {"2023-08-31T18:30:00+08:00"}
    assert receive_eml_file(path, service) == 0
    assert len(service.store.sightings()) == 2

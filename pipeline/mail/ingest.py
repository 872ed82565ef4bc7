"""`intake ingest x.eml`: a saved mail taken in with mail semantics.

Its files get the source `ingest:<path>!<attachment name>`, the mail's received time (the
newest Received header, else the Date header, else the file's mtime), clock "mail" and the
sender's address, exactly as if the mail had come from the mailbox.
"""

from __future__ import annotations

import logging
from datetime import datetime, timezone
from pathlib import Path

from pipeline.intake.service import IntakeService
from pipeline.mail.message import parse_message
from pipeline.mail.takein import mail_origin, take_in

log = logging.getLogger("pipeline.mail")


def receive_eml_file(path: Path, service: IntakeService) -> int:
    path = path.resolve()
    try:
        raw = path.read_bytes()
    except OSError as exc:
        service.record_failure(f"ingest:{path}", path.name, exc)
        return 0
    service.store.blobs.put_bytes(raw)  # the original mail is kept like every mail from the mailbox
    mail = parse_message(raw)
    received = mail.received or mail.date or datetime.fromtimestamp(path.stat().st_mtime, tz=timezone.utc)
    new = take_in(mail, mail_origin(f"ingest:{path}", received), service)
    log.info("%s: %d file(s), %d new", path.name, len(mail.files), new)
    return new

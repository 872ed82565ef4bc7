"""pipeline.mail.message and takein: a file inside a forwarded mail keeps that mail for its
closest context (subject, sender, a group of its own inside the outer mail's)."""

from __future__ import annotations

from datetime import datetime, timezone
from email.message import EmailMessage

from pipeline.mail.message import parse_message
from pipeline.mail.takein import _origin, mail_origin
from pipeline.models import group_chain


def _mail(subject: str, sender: str, files: dict[str, bytes]) -> EmailMessage:
    message = EmailMessage()
    message["Subject"], message["From"], message["To"] = subject, sender, "sbj@qq.com"
    message.set_content("详见附件。")
    for name, data in files.items():
        message.add_attachment(data, maintype="image", subtype="jpeg", filename=name)
    return message


def _department_mail() -> bytes:
    outer = _mail("经信委报送技能大师工作室申报材料", "经信委 <jxw@lp.gov.cn>", {"明达电力-工作照片.jpg": b"\xff\xd8photo-m"})
    inner = _mail("恒达机械有限公司申报材料", "hd@163.com", {"工作照片.jpg": b"\xff\xd8photo-h"})
    as_part = _mail("竹艺文化有限公司申报材料", "zy@qq.com", {"身份证.jpg": b"\xff\xd8id-z"})
    outer.add_attachment(inner)  # message/rfc822
    outer.add_attachment(as_part.as_bytes(), maintype="application", subtype="octet-stream", filename="转发.eml")
    return outer.as_bytes()


def test_files_inside_forwarded_mails_keep_their_context():
    """GIVEN a department's mail with a photo of its own, a forwarded mail (message/rfc822) and an
    attached .eml, each holding one unit's file
    WHEN parsed
    THEN each file carries its innermost forwarded mail's subject and sender, numbered; the mail's
    own file none."""
    files = {item.filename: item for item in parse_message(_department_mail()).files}
    assert files["明达电力-工作照片.jpg"].forwarded is None
    inner = files["工作照片.jpg"].forwarded
    assert (inner.index, inner.subject, inner.sender) == (1, "恒达机械有限公司申报材料", "hd@163.com")
    attached = files["身份证.jpg"].forwarded
    assert (attached.index, attached.subject, attached.sender) == (2, "竹艺文化有限公司申报材料", "zy@qq.com")


def test_origin_of_a_forwarded_file():
    """GIVEN the parsed department mail
    WHEN its files' origins are made
    THEN a forwarded mail's file has that mail's subject as unit hint, its sender, and a group inside
    the mail's group; the mail's own file has the mail's."""
    mail = parse_message(_department_mail())
    envelope = mail_origin("mail:INBOX/7/42", datetime(2023, 8, 20, tzinfo=timezone.utc))
    origins = {item.filename: _origin(mail, item, envelope) for item in mail.files}
    own, inner = origins["明达电力-工作照片.jpg"], origins["工作照片.jpg"]
    assert (own.group, own.unit_hint, own.sender, own.clock) == ("mail:INBOX/7/42", mail.subject, "jxw@lp.gov.cn", "mail")
    assert (inner.unit_hint, inner.sender) == ("恒达机械有限公司申报材料", "hd@163.com")
    assert group_chain(inner.group) == [inner.group, "mail:INBOX/7/42"]
    assert origins["身份证.jpg"].group != inner.group

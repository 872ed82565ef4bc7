"""pipeline.mail.message: nothing in a mail vanishes without a word. Mails built with the
email package (forwards as message/rfc822 parts) or byte by byte where a client breaks RFCs."""

from __future__ import annotations

from email.message import EmailMessage

from pipeline.mail.message import MAX_FORWARDS, parse_message
from tests.mail.corpus import forwarded, simple_mail, text_file


def _forward_by_email_package(inner: bytes, times: int) -> bytes:
    for level in range(times):
        message = EmailMessage()
        message["From"] = "中转 <relay@qq.com>"
        message["Subject"] = f"转发{level + 1}"
        message.set_content("转发")
        message.add_attachment(inner, maintype="message", subtype="rfc822")
        inner = message.as_bytes()
    return inner


def test_an_id_card_forwarded_to_the_limit_still_arrives():
    id_card = simple_mail("身份证", "limit", [("身份证复印件.txt", text_file("at the limit"))])
    mail = parse_message(_forward_by_email_package(id_card, MAX_FORWARDS))
    assert [item.filename for item in mail.files] == ["身份证复印件.txt"]
    assert mail.problems == []


def test_a_forward_past_the_limit_is_a_problem_naming_it():
    id_card = simple_mail("身份证", "past", [("身份证复印件.txt", text_file("past the limit"))])
    mail = parse_message(forwarded(id_card, MAX_FORWARDS + 1))
    assert mail.files == []
    [problem] = mail.problems
    assert problem.filename == "身份证复印件.txt"  # the file that did not come, by name
    assert f"超过 {MAX_FORWARDS} 层" in problem.error and "转发的邮件（身份证）" in problem.error


def test_crafted_nesting_never_raises():
    """GIVEN multiparts nested 45 and 3000 deep WHEN parsed THEN one problem each, no exception
    (3000 is past Python's recursion limit inside the email package itself)."""
    for levels in (45, 3000):
        body = b'Content-Type: text/plain; name="leaf.txt"\r\nContent-Disposition: attachment\r\n\r\nleaf\r\n'
        for level in range(levels):
            head = f'Content-Type: multipart/mixed; boundary="b{level}"\r\n\r\n--b{level}\r\n'.encode()
            body = head + body + f"\r\n--b{level}--\r\n".encode()
        mail = parse_message(b"From: a@qq.com\r\nSubject: deep\r\n" + body)
        assert mail.files == [] and len(mail.problems) == 1


def test_cid_reference_match_ignores_case_and_angle_brackets():
    """Only the image the HTML shows is a logo; the same-sized image it does not show is a file."""
    logo = b"\x89PNG\r\n\x1a\n" + b"\0" * 100
    message = EmailMessage()
    message["Subject"] = "logo"
    message.set_content("见附件")
    message.add_alternative('<p>见附件</p><img src="cid:LOGO%40qq.com">', subtype="html")
    html = message.get_payload()[1]
    html.add_related(logo, maintype="image", subtype="png", cid="<logo@qq.com>")
    message.add_attachment(logo, maintype="image", subtype="png", filename="一寸照.png", cid="<photo@qq.com>")
    assert [item.filename for item in parse_message(message.as_bytes()).files] == ["一寸照.png"]

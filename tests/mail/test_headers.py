"""Header and file-name decoding: every encoding mail clients in China use."""

import base64

import pytest

from pipeline.mail.headers import decode_header_bytes, header_param, normalise_charset, parse_date
from pipeline.charsets import decode_bytes
from pipeline.mail.message import made_up_name, parse_message
from tests.mail.corpus import encoded_words


def test_gb18030_words_split_mid_character_are_joined_before_decoding():
    name = "梁平区技能大师工作室申报表.docx"
    for pieces in (2, 3, 5, 7):
        assert decode_header_bytes(encoded_words(name, "gb18030", pieces).encode()) == name


def test_gb2312_label_on_gbk_bytes_decodes_as_gb18030():
    # 镕 is in GBK but not in GB2312: clients label GBK text gb2312 all the time
    word = "=?gb2312?B?" + base64.b64encode("朱镕基.pdf".encode("gbk")).decode() + "?="
    assert decode_header_bytes(word.encode()) == "朱镕基.pdf"


def test_mixed_charsets_and_plain_text_keep_their_spaces():
    raw = b"Re: =?utf-8?Q?=E7=94=B3=E6=8A=A5?= =?gbk?B?" + base64.b64encode("材料".encode("gbk")) + b"?= (2)"
    assert decode_header_bytes(raw) == "Re: 申报材料 (2)"


@pytest.mark.parametrize("encoding", ["utf-8", "gbk"])
def test_raw_8bit_bytes(encoding):
    assert decode_header_bytes("工作照片.jpg".encode(encoding)) == "工作照片.jpg"


def test_decode_bytes_prefers_utf8_then_gb18030():
    assert decode_bytes("证书".encode("utf-8")) == "证书"
    assert decode_bytes("证书".encode("gb18030")) == "证书"


def test_rfc2231_with_charset_and_continuations():
    quoted = "".join(f"%{b:02X}" for b in "事迹材料.doc".encode("gbk"))
    raw = f"attachment; filename*0*=gbk''{quoted[:12]}; filename*1*={quoted[12:]}".encode()
    assert header_param(raw, "filename") == "事迹材料.doc"


def test_encoded_word_inside_quoted_parameter_as_qq_mail_writes_it():
    raw = f'attachment; filename="{encoded_words("汇总表.xlsx")}"'.encode()
    assert header_param(raw, "filename") == "汇总表.xlsx"


def test_unknown_charset_falls_back_to_byte_guessing():
    assert normalise_charset("x-unknown-charset") is None
    word = "=?x-unknown?B?" + base64.b64encode("报告".encode("gbk")).decode() + "?="
    assert decode_header_bytes(word.encode()) == "报告"


def test_date_without_zone_is_utc_and_garbage_is_none():
    assert parse_date("Wed, 30 Aug 2023 10:00:00 -0000").utcoffset().total_seconds() == 0
    assert parse_date("not a date") is None


def test_made_up_name_from_subject_and_type():
    assert made_up_name("工作/照片", "image/jpeg", 2) == "工作_照片_附件2.jpg"
    assert made_up_name("", "application/octet-stream", 1) == "无名附件_附件1"


def test_parse_message_sender_subject_and_received_header():
    raw = (
        "Received: from mx.qq.com by intake; Thu, 31 Aug 2023 18:00:05 +0800\r\n"
        "From: =?gbk?B?" + base64.b64encode("王五".encode("gbk")).decode() + "?= <WangWu@QQ.COM>\r\n"
        "Subject: " + encoded_words("申报材料（补交）") + "\r\nDate: Thu, 31 Aug 2023 17:50:00 +0800\r\n"
        "Message-ID: <m1@qq.com>\r\n\r\nbody\r\n"
    ).encode()
    mail = parse_message(raw)
    assert (mail.sender, mail.sender_name, mail.subject, mail.message_id) == ("wangwu@qq.com", "王五", "申报材料（补交）", "<m1@qq.com>")
    assert mail.received.isoformat() == "2023-08-31T18:00:05+08:00"
    assert mail.date.isoformat() == "2023-08-31T17:50:00+08:00"


def test_sender_name_with_a_comma_once_decoded():
    name = base64.b64encode("梁平区人社局, 就业科".encode("gbk")).decode()
    mail = parse_message(f"From: =?gbk?B?{name}?= <JiuYe@QQ.com>\r\nSubject: x\r\n\r\nbody\r\n".encode())
    assert (mail.sender_name, mail.sender) == ("梁平区人社局, 就业科", "jiuye@qq.com")

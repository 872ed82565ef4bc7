"""pipeline.charsets: unlabelled bytes read by which reading is plausible text. Named cases seen
wrong in real mail, and bounded property-based fuzzing (hypothesis, derandomized for CI)."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from pipeline.charsets import decode_bytes
from pipeline.mail.headers import decode_header_bytes, header_param

FUZZ = settings(max_examples=300, deadline=None, derandomize=True, database=None, suppress_health_check=[HealthCheck.too_slow])


def _gb2312_hanzi() -> list[str]:
    """Every hanzi of GB2312 (levels 1 and 2): the characters Chinese names are written in."""
    chars = []
    for lead in range(0xB0, 0xF8):
        for trail in range(0xA1, 0xFF):
            try:
                chars.append(bytes([lead, trail]).decode("gb2312"))
            except UnicodeDecodeError:
                continue
    return chars


HANZI = _gb2312_hanzi()
SUFFIXES = ["", ".pdf", ".jpg", ".docx", "（复印件）.pdf", "_2023.png"]


@pytest.mark.parametrize(
    ("text", "encoding"),
    [
        ("学位证", "gbk"),  # D1A7 CEBB D6A4: valid UTF-8 too, where it reads ѧλ֤
        ("学位证.jpg", "gbk"),
        ("朱镕基.pdf", "gbk"),  # 镕 is GBK, not GB2312
        ("身份证复印件.pdf", "gbk"),
        ("技能大师工作室申报表（某机械厂）.docx", "gb18030"),
        ("学位证.jpg", "utf-8"),
        ("Müller_Zeugnis.pdf", "latin-1"),  # FC6C is also a GB18030 character
        ("Zeugnis_Änderung.pdf", "cp1252"),
        ("Résumé.pdf", "latin-1"),
        ("привет.txt", "utf-8"),  # UTF-8 Cyrillic is also valid GB18030
        ("Ελλάδα.pdf", "utf-8"),
        ("荣誉证书.txt", "hz"),  # HZ-GB-2312: ~{...~} in 7-bit ASCII
    ],
)
def test_named_cases(text, encoding):
    assert decode_bytes(text.encode(encoding)) == text


def test_plain_ascii_and_a_text_cut_mid_character():
    assert decode_bytes(b"scan_001.pdf") == "scan_001.pdf"
    assert decode_bytes(b"a~{b.pdf") == "a~{b.pdf"  # a tilde-brace that is not HZ stays as written
    assert decode_bytes("学位证".encode()[:-1]) == "学位\ufffd"


@FUZZ
@given(st.binary(max_size=80))
def test_any_bytes_decode_without_raising(data):
    assert isinstance(decode_bytes(data), str)
    assert isinstance(decode_header_bytes(data), str)
    header_param(b"attachment; filename=\"" + data + b"\"; filename*=" + data, "filename")


@FUZZ
@given(st.lists(st.sampled_from(HANZI), min_size=1, max_size=12), st.sampled_from(SUFFIXES))
def test_utf8_chinese_names_stay_utf8(chars, suffix):
    name = "".join(chars) + suffix
    assert decode_bytes(name.encode("utf-8")) == name


@FUZZ
@given(st.lists(st.sampled_from(HANZI), min_size=4, max_size=12), st.sampled_from(SUFFIXES))
def test_gbk_names_of_four_or_more_hanzi_read_as_gbk(chars, suffix):
    name = "".join(chars) + suffix
    assert decode_bytes(name.encode("gbk")) == name


@FUZZ
@given(
    st.lists(
        st.text(alphabet="abcdefghijklmnopqrstuvwxyz", min_size=2, max_size=6).map(str.capitalize)
        | st.sampled_from(["Müller", "Jäger", "Größe", "Straße", "Zoë", "Mañana", "Renée", "Çelik", "Bjørn"]),
        min_size=1,
        max_size=4,
    ),
    st.sampled_from(SUFFIXES[:4]),
)
def test_latin1_names_are_not_forced_into_gb18030(words, suffix):
    name = "_".join(words) + suffix
    assert decode_bytes(name.encode("latin-1")) == name


@FUZZ
@given(st.lists(st.sampled_from(HANZI), min_size=1, max_size=10), st.sampled_from(SUFFIXES))
def test_filename_star_wins_over_filename(chars, suffix):
    name = "".join(chars) + suffix
    quoted = "".join(f"%{byte:02X}" for byte in name.encode("utf-8"))
    raw = f"attachment; filename=\"fallback.bin\"; filename*=UTF-8''{quoted}".encode("ascii")
    assert header_param(raw, "filename") == name

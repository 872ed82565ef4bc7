"""pipeline.fields.labels and pipeline.fields.values."""

from __future__ import annotations

import pytest

from pipeline.fields.labels import label_key
from pipeline.fields.values import clean, is_blank


@pytest.mark.parametrize(
    "cell, key",
    [
        ("出生 年月：", "出生年月"),
        ("身份证号码:", "身份证号码"),
        ("命名专家主要工作业绩（300字以内）", "命名专家主要工作业绩"),
        ("职业【工种 )", "职业"),  # OCR brackets read as round ones, then the note drops
        ("专家姓名*", "专家姓名"),
        ("申报单位（盖章）：", "申报单位"),
    ],
)
def test_label_key(cell, key):
    """GIVEN a label cell with spaces, colons, an asterisk, a note in brackets or OCR bracket variants
    WHEN reduced to its key
    THEN the bare label remains."""
    assert label_key(cell) == key


@pytest.mark.parametrize(
    "cell, field",
    [
        ("申报单位", "unit"),
        ("申报单位名称", "unit"),
        ("申报单位（盖章）：", "unit"),
        ("专家姓名：", "expert"),
        ("拟命名专家姓名", "expert"),
        ("出生年月", "birth_date"),
        ("身份证号码", "id_number"),
        ("公民身份号码", "id_number"),
        ("职业（工种）", "occupation"),
        ("职业(工种)", "occupation"),
        ("职业【工种 )", "occupation"),
        ("技能等级", "skill_level"),
        ("专业技术职称", "title"),
        ("联系电话", "contact_phone"),
        ("单位职工总人数", "staff_count"),
        ("团队人数", "team_size"),
        ("年 龄", "age"),
        ("命名专家主要工作业绩（300字以内）", "achievements"),
        ("填报时间：", "fill_date"),
    ],
)
def test_label_index_matches_form_labels(labels, cell, field):
    """GIVEN a label as printed on attachment 1 or 2 (with spaces, colons, notes, full- or half-width brackets)
    WHEN matched against the fields.toml vocabulary
    THEN it names the right field."""
    match = labels.match(cell)
    assert match is not None and match.field == field


def test_label_index_rank_most_specific_first(labels):
    """GIVEN the two labels 专家姓名 (first in the list) and 姓名 (last)
    WHEN matched
    THEN the first has rank 0 and the generic one a higher rank."""
    assert labels.match("专家姓名").rank == 0
    assert labels.match("姓名").rank > 0


def test_label_index_rejects_values_and_long_text(labels):
    """GIVEN a value cell (a company name) and a sentence longer than 40 characters that starts with a label
    WHEN matched
    THEN neither is a label."""
    assert labels.match("重庆市梁平区恒达机械有限公司") is None
    assert labels.match("申报单位" + "很长的说明文字" * 6) is None
    assert labels.match("") is None


@pytest.mark.parametrize("raw", ["", "   ", "——", "/", "无", "___", "“”"])
def test_blank_placeholders(raw):
    """GIVEN an empty cell or a placeholder (dash, slash, 无, underscores)
    WHEN tested and cleaned
    THEN it is blank and yields no value of any kind."""
    assert is_blank(raw)
    for kind in ("text", "int", "date", "id_number", "phone", "name", "unit", "long_text"):
        assert clean(kind, raw) is None


@pytest.mark.parametrize(
    "kind, raw, value",
    [
        ("int", "320人", 320),
        ("int", "1,200", 1200),
        ("int", "５人", 5),
        ("int", "若干", None),
        ("date", "1975年3月", "1975-03"),
        ("date", "1975.3.9", "1975-03-09"),
        ("date", "1975-03-09", "1975-03-09"),
        ("date", "2023 年 8 月 25 日", "2023-08-25"),
        ("date", "1975年13月", None),
        ("date", "三月", None),
        ("id_number", "50022819750309011x", "50022819750309011X"),
        ("id_number", "500228 19750309 0114", "500228197503090114"),
        ("id_number", "１１０１０５１９４９１２３１００２Ｘ", "11010519491231002X"),
        ("id_number", "5002281975", None),
        ("phone", "手机：138 1234 5678", "13812345678"),
        ("phone", "023-53221234", "023-53221234"),
        ("phone", "无电话", None),
        ("name", "张建国", "张建国"),
        ("name", "张 建 国", "张建国"),
        ("name", "阿依古丽·买买提", "阿依古丽·买买提"),
        ("name", "张建国（高级技师）", None),
        ("name", "Zhang", None),
        ("unit", "重庆市梁平区恒达机械有限公司（盖章）", "重庆市梁平区恒达机械有限公司"),
        ("unit", "重庆市梁平区 恒达机械 有限公司", "重庆市梁平区恒达机械有限公司"),
        ("text", " 焊 工 ", "焊工"),
    ],
)
def test_clean_by_kind(kind, raw, value):
    """GIVEN a raw cell text as people fill in forms
    WHEN cleaned by the field's kind
    THEN the normalised value (or None when the text holds none of that kind)."""
    assert clean(kind, raw) == value


def test_long_text_keeps_lines():
    """GIVEN a multi-line achievements text
    WHEN cleaned as long_text
    THEN its inner line breaks are kept, outer white space stripped."""
    assert clean("long_text", "\n 第一行\n第二行 \n") == "第一行\n第二行"

"""pipeline.fields.summary_sheet (attachment 2) and pipeline.fields.text_fields (ID card, certificates)."""

from __future__ import annotations

from datetime import date

import pytest

from pipeline.fields.summary_sheet import extract_summary
from pipeline.fields.text_fields import certificate_fields, id_card_fields
from tests.unit.conftest import make_id
from tests.unit.texts import EXPERT_ID, ID_CARD_PAGE, SKILL_CERT_PAGE

FOOTER = "联系人：李小红      联系电话：023-53221234      填报时间：2023年8月25日"


def _sheet():
    return [
        ["附件2"],
        ["梁平区技能大师工作室汇总表"],
        ["主管部门（盖章）：区经信委", "", "填报单位（盖章）：区经信委"],
        ["序号", "申报单位名称", "单位职工总人数", "高技能人才人数", "专家姓名", "年龄", "职业（工种）", "技能等级"],
        ["1", "重庆市梁平区恒达机械有限公司", "320", "41", "张建国", "48", "焊工", "高级技师"],
        ["2", "梁平区职业教育中心", "185", "22", "王丽", "45", "中式烹调师", "技师"],
        ["3", "重庆市梁平区竹艺有限公司", "60", "9", "陈大勇", "52", "竹编工艺", "首席技师"],
        [FOOTER],
    ]


def test_header_found_below_title_rows_and_rows_read(labels):
    """GIVEN a summary sheet whose header row is the fourth row, three units' rows and a footer row
    WHEN extracted
    THEN three records with unit, staff count, expert, age, occupation and level, no 序号, footer row not a unit."""
    sheet = extract_summary([_sheet()], labels, "")
    assert [row["unit"] for row in sheet.rows] == [
        "重庆市梁平区恒达机械有限公司", "梁平区职业教育中心", "重庆市梁平区竹艺有限公司",
    ]
    first = sheet.rows[0]
    assert first["staff_count"] == 320
    assert first["high_skill_count"] == 41
    assert first["expert"] == "张建国"
    assert first["age"] == 48
    assert first["occupation"] == "焊工"
    assert first["skill_level"] == "高级技师"
    assert "seq" not in first
    assert sheet.rows[2]["skill_level"] == "首席技师"


def test_header_in_a_later_table(labels):
    """GIVEN a document whose first table is a title block and second table the sheet
    WHEN extracted
    THEN the rows of the second table are read."""
    sheet = extract_summary([[["梁平区技能大师工作室汇总表"]], _sheet()[3:5]], labels, "")
    assert [row["unit"] for row in sheet.rows] == ["重庆市梁平区恒达机械有限公司"]


def test_empty_template_rows_are_skipped(labels):
    """GIVEN the header and blank template rows (only 序号 filled) after one real row
    WHEN extracted
    THEN only the real row is a record."""
    table = _sheet()[3:5] + [["2", "", "", "", ""], ["3", "", "", "", ""]]
    sheet = extract_summary([table], labels, "")
    assert len(sheet.rows) == 1


def test_no_header_no_rows(labels):
    """GIVEN a table that is not a summary sheet (two labels only)
    WHEN extracted
    THEN no rows."""
    sheet = extract_summary([[["申报单位", "专家姓名"], ["恒达机械有限公司", "张建国"]]], labels, "")
    assert sheet.rows == []


def test_footer_contact_phone_date(labels):
    """GIVEN the footer line 联系人：李小红 联系电话：023-53221234 填报时间：2023年8月25日
    WHEN extracted
    THEN contact person, phone and fill date (ISO) are read."""
    footer = extract_summary([], labels, FOOTER).footer
    assert footer["contact_person"] == "李小红"
    assert footer["contact_phone"] == "023-53221234"
    assert footer["fill_date"] == "2023-08-25"


def test_footer_without_spaces(labels):
    """GIVEN the footer written without gaps: 联系人：李小红联系电话：13812345678填报时间：2023年8月25日
    WHEN extracted
    THEN the contact person is 李小红 (not swallowing 联系电话), phone and date read."""
    footer = extract_summary([], labels, "联系人：李小红联系电话：13812345678填报时间：2023年8月25日").footer
    assert footer["contact_person"] == "李小红"
    assert footer["contact_phone"] == "13812345678"
    assert footer["fill_date"] == "2023-08-25"


def test_footer_dotted_date(labels):
    """GIVEN the footer 填报时间：2023.8.25 (a date written with dots)
    WHEN extracted
    THEN fill_date is 2023-08-25."""
    assert extract_summary([], labels, "联系人：李小红  填报时间：2023.8.25").footer["fill_date"] == "2023-08-25"


def test_blank_footer_gives_nothing(labels):
    """GIVEN the blank template footer 联系人： 联系电话： 填报时间：
    WHEN extracted
    THEN no contact person, phone or date."""
    footer = extract_summary([], labels, "联系人：                联系电话：               填报时间：").footer
    assert "contact_person" not in footer
    assert "contact_phone" not in footer
    assert "fill_date" not in footer


def test_title_line_department_and_filing_unit(labels):
    """GIVEN the title line 主管部门（盖章）：区经信委   填报单位（盖章）：恒达机械有限公司
    WHEN extracted
    THEN department and filing unit are read."""
    footer = extract_summary([], labels, "主管部门（盖章）：区经信委      填报单位（盖章）：恒达机械有限公司").footer
    assert footer["department"] == "区经信委"
    assert footer["filing_unit"] == "恒达机械有限公司"


def test_blank_title_line_gives_no_department(labels):
    """GIVEN the template's title line left blank, followed by the blank footer
    WHEN extracted
    THEN no department and no filing unit."""
    text = "主管部门（盖章）：                    填报单位（盖章）：          \n联系人：          联系电话：          填报时间："
    footer = extract_summary([], labels, text).footer
    assert "department" not in footer
    assert "filing_unit" not in footer


def test_id_card_fields():
    """GIVEN the OCR text of an ID card copy
    WHEN fields are read
    THEN the ID number, the birth date inside it and the name."""
    fields = id_card_fields(ID_CARD_PAGE)
    assert fields["id_number"] == EXPERT_ID
    assert fields["birth_date"] == "1975-03-09"
    assert fields["expert"] == "张建国"


def test_id_card_full_width_digits_and_valid_preferred():
    """GIVEN an ID card text whose number is printed in full-width digits, next to an invalid 18-digit number
    WHEN fields are read
    THEN the valid number (folded to ASCII) is chosen."""
    number = make_id(date(1990, 12, 1), seq="456")
    full_width = number.translate({ord(c): ord(c) + 0xFEE0 for c in "0123456789X"})
    bad = "500228199012014561" if number[17] != "1" else "500228199012014562"
    fields = id_card_fields(f"编号 {bad}\n公民身份号码 {full_width}")
    assert fields["id_number"] == number
    assert fields["birth_date"] == "1990-12-01"


def test_id_card_without_number():
    """GIVEN a text without any ID number
    WHEN fields are read
    THEN no id_number and no birth date."""
    assert "id_number" not in id_card_fields("居民身份证 姓名 张建国")


@pytest.mark.parametrize(
    "text, level",
    [
        (SKILL_CERT_PAGE, "高级技师"),
        ("职业资格证书 姓名：王丽 职业：中式烹调师 等级：技 师", "技师"),
        ("职业技能等级证书 等级：首席技师", "首席技师"),
        ("职业资格证书 等级：高级工（三级）", "高级工"),
    ],
)
def test_certificate_level(text, level):
    """GIVEN a certificate's text naming a level (also spaced out as 技 师)
    WHEN fields are read
    THEN the level named, the most specific one (高级技师 is not read as 技师)."""
    assert certificate_fields(text)["skill_level"] == level


def test_certificate_name():
    """GIVEN a certificate text with 姓名：张建国
    WHEN fields are read
    THEN expert is 张建国."""
    assert certificate_fields(SKILL_CERT_PAGE)["expert"] == "张建国"


def test_certificate_issuer_name_is_not_the_level():
    """GIVEN a 高级工 certificate issued by 重庆市梁平区技师学院
    WHEN fields are read
    THEN the level is 高级工, not the 技师 of the school's name."""
    text = "职业技能等级证书\n姓名：张建国\n职业（工种）：焊工\n等级：高级工\n评价机构：重庆市梁平区技师学院"
    assert certificate_fields(text)["skill_level"] == "高级工"

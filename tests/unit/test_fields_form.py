"""pipeline.fields.form: the application form (attachment 1) as tables and as OCR text."""

from __future__ import annotations

import pytest

from pipeline.fields.form import extract_form, grid_from_text, opinions_from_text
from tests.unit.texts import EXPERT_ID

UNIT = "重庆市梁平区恒达机械有限公司"
BOXES = ["所在单位意见", "主管部门意见"]
LAST = "区人力社保局意见"


def _form(tables, labels):
    return extract_form(tables, labels, BOXES)


def test_label_left_value_right(labels):
    """GIVEN a form table with labels left of their values, several pairs per row
    WHEN extracted
    THEN each field has its value, cleaned by kind."""
    table = [
        ["申报单位", UNIT],
        ["专家姓名", "张建国", "性别", "男", "出生年月", "1975.03"],
        ["身份证号", EXPERT_ID, "联系电话", "13812345678"],
        ["职业（工种）", "焊工", "技能等级", "高级技师", "团队人数", "5人"],
    ]
    fields = _form([table], labels).fields
    assert fields["unit"] == UNIT
    assert fields["expert"] == "张建国"
    assert fields["gender"] == "男"
    assert fields["birth_date"] == "1975-03"
    assert fields["id_number"] == EXPERT_ID
    assert fields["contact_phone"] == "13812345678"
    assert fields["occupation"] == "焊工"
    assert fields["skill_level"] == "高级技师"
    assert fields["team_size"] == 5


def test_label_above_value(labels):
    """GIVEN a table whose first row holds labels and the second row their values
    WHEN extracted
    THEN values are taken from the cells below the labels."""
    table = [
        ["申报单位", "专家姓名", "性别", "年龄"],
        [UNIT, "张建国", "男", "48"],
    ]
    fields = _form([table], labels).fields
    assert fields["unit"] == UNIT
    assert fields["expert"] == "张建国"
    assert fields["gender"] == "男"
    assert fields["age"] == 48


def test_inline_label_and_value(labels):
    """GIVEN cells holding label and value together: "申报单位：XX" and "专家姓名 张建国"
    WHEN extracted
    THEN the value is the text after the label."""
    table = [[f"申报单位：{UNIT}"], ["专家姓名  张建国"]]
    fields = _form([table], labels).fields
    assert fields["unit"] == UNIT
    assert fields["expert"] == "张建国"


def test_inline_value_ends_at_next_label(labels):
    """GIVEN one cell "专家姓名：张建国 性别：男" (two label/value pairs in one cell)
    WHEN extracted
    THEN the expert is 张建国, not 张建国性别男."""
    fields = _form([[["专家姓名：张建国 性别：男"]]], labels).fields
    assert fields["expert"] == "张建国"


def test_merged_cells_repeated(labels):
    """GIVEN a Word table where merged cells come out repeated (label twice, value twice)
    WHEN extracted
    THEN the unit is the value, not the repeated label."""
    table = [
        ["申报单位", "申报单位", UNIT, UNIT, UNIT],
        ["专家姓名", "专家姓名", "张建国", "张建国", "张建国"],
    ]
    fields = _form([table], labels).fields
    assert fields["unit"] == UNIT
    assert fields["expert"] == "张建国"


def test_blank_value_is_not_taken_from_next_label(labels):
    """GIVEN 专家姓名 with an empty value cell followed by the 性别 label
    WHEN extracted
    THEN no expert is extracted (not the word 性别), and gender is still read."""
    table = [["专家姓名", "", "性别", "男"]]
    fields = _form([table], labels).fields
    assert "expert" not in fields
    assert fields["gender"] == "男"


def test_more_specific_label_wins(labels):
    """GIVEN a form with 专家姓名 张建国 and a generic 姓名 label elsewhere with another name
    WHEN extracted
    THEN the expert comes from the more specific label 专家姓名."""
    table = [["姓名", "李四"], ["专家姓名", "张建国"]]
    assert _form([table], labels).fields["expert"] == "张建国"


def test_achievements_counted(labels):
    """GIVEN the achievements box holding 310 non-blank characters spread over lines
    WHEN extracted
    THEN achievements_chars is 310 and the text is kept."""
    text = "\n".join(["扎根焊接一线二十余年。" * 3] * 10)  # 11 chars * 3 * 10 = 330
    table = [["命名专家主要工作业绩（300字以内）", text]]
    fields = _form([table], labels).fields
    assert fields["achievements_chars"] == 330
    assert "扎根焊接" in fields["achievements_text"]
    assert "achievements" not in fields


def test_team_member_sub_table(labels):
    """GIVEN a team table (header 姓名/性别/年龄/职务/技能等级, four members) below the main form,
    and no stated team size
    WHEN extracted
    THEN the four members are listed, team_size is 4, and the expert stays the form's 专家姓名."""
    table = [
        ["专家姓名", "张建国", "性别", "男"],
        ["团队成员情况"],
        ["姓名", "性别", "年龄", "职务", "技能等级"],
        ["李强", "男", "35", "班长", "技师"],
        ["王芳", "女", "29", "技术员", "高级工"],
        ["陈晓东", "男", "41", "工段长", "高级技师"],
        ["刘洋", "男", "26", "焊工", "中级工"],
        ["命名专家主要工作业绩（300字以内）", "扎根一线。"],
    ]
    result = _form([table], labels)
    assert result.team_members == ["李强", "王芳", "陈晓东", "刘洋"]
    assert result.fields["team_size"] == 4
    assert result.fields["expert"] == "张建国"


def test_stated_team_size_beats_member_count(labels):
    """GIVEN a form stating 团队人数 8 and listing three members
    WHEN extracted
    THEN team_size is the stated 8."""
    table = [
        ["团队人数", "8"],
        ["姓名", "性别", "年龄", "技能等级"],
        ["李强", "男", "35", "技师"],
        ["王芳", "女", "29", "高级工"],
        ["刘洋", "男", "26", "中级工"],
    ]
    result = _form([table], labels)
    assert result.fields["team_size"] == 8
    assert len(result.team_members) == 3


def test_opinion_boxes_signed_and_unsigned(labels):
    """GIVEN 所在单位意见 filled in (同意推荐, signed, dated 2023年8月20日) and
    主管部门意见 left as the blank template ((签字盖章) 年 月 日)
    WHEN extracted
    THEN the first is signed and dated, the second neither."""
    table = [
        ["所在单位意见", "同意推荐。\n（签字盖章）\n2023年8月20日"],
        ["主管部门意见", "（签字盖章）\n年   月   日"],
    ]
    opinions = _form([table], labels).opinions
    assert opinions["所在单位意见"] == {"signed": True, "dated": True}
    assert opinions["主管部门意见"] == {"signed": False, "dated": False}


def test_opinion_box_with_label_and_content_in_one_cell(labels):
    """GIVEN an opinion box whose label and content share one cell
    WHEN extracted
    THEN its state comes from the content: signed and dated."""
    table = [["主管部门意见：同意推荐 区经信委 2023年8月25日"]]
    assert _form([table], labels).opinions["主管部门意见"] == {"signed": True, "dated": True}


def test_opinion_box_dated_only(labels):
    """GIVEN an opinion box with only the template (签字盖章) and a filled date 2023年8月25日
    WHEN extracted
    THEN dated True, signed False: nobody signed it."""
    table = [["所在单位意见", "（签字盖章）\n2023年8月25日"]]
    assert _form([table], labels).opinions["所在单位意见"] == {"signed": False, "dated": True}


def test_opinion_label_does_not_fill_workplace_when_form_has_workplace(labels):
    """GIVEN a form with 工作单位 filled and a 所在单位意见 box
    WHEN extracted
    THEN workplace is the 工作单位 value."""
    table = [["工作单位", UNIT], ["所在单位意见", "同意。2023年8月20日"]]
    assert _form([table], labels).fields["workplace"] == UNIT


def test_opinion_label_is_not_a_workplace_value(labels):
    """GIVEN the attachment-1 form with no 工作单位 row but the 所在单位意见 box
    WHEN extracted
    THEN no workplace is extracted from the words of the box label (所在单位 + 意见)."""
    table = [["申报单位", UNIT], ["所在单位意见", "同意推荐。\n2023年8月20日"]]
    assert "workplace" not in _form([table], labels).fields


def test_opinions_from_text_split_at_date_lines():
    """GIVEN OCR text of the three boxes: 所在单位 filled (同意推荐, 2023年8月20日),
    主管部门 blank template, then 区人力社保局意见
    WHEN opinions are read from the text
    THEN 所在单位意见 is signed and dated, 主管部门意见 neither."""
    text = "\n".join([
        "所在单位意见", "同意推荐", "（签字盖章）", "2023年8月20日",
        "主管部门意见", "（签字盖章）", "年   月   日",
        "区人力社保局意见", "（签字盖章）", "年   月   日",
    ])
    found = opinions_from_text(text, BOXES, LAST)
    assert found["所在单位意见"] == {"signed": True, "dated": True}
    assert found["主管部门意见"] == {"signed": False, "dated": False}
    assert LAST not in found


def test_opinions_from_text_vertically_centred_label():
    """GIVEN a box whose label stands in the middle of its content (the line before the label
    holds 同意推荐), the date after it; the second box blank
    WHEN read from text
    THEN the first box is signed and dated, the second is not signed."""
    text = "\n".join([
        "同意推荐", "所在单位意见", "（签字盖章）", "2023年8月20日",
        "主管部门意见", "（签字盖章）", "年 月 日",
        "区人力社保局意见",
    ])
    found = opinions_from_text(text, BOXES, LAST)
    assert found["所在单位意见"] == {"signed": True, "dated": True}
    assert found["主管部门意见"]["signed"] is False


def test_opinions_from_text_without_labels():
    """GIVEN text that holds none of the opinion labels
    WHEN read
    THEN no opinions."""
    assert opinions_from_text("事迹材料\n张建国同志", BOXES, LAST) == {}


def test_grid_from_text_splits_on_wide_gaps():
    """GIVEN OCR lines where cells are separated by two or more spaces, single spaces inside cells
    WHEN turned into a grid
    THEN each line is a row, split only at the wide gaps; blank lines dropped."""
    text = f"申报单位  {UNIT}\n\n专家姓名  张建国   性别  男\n技能 等级  高级技师"
    assert grid_from_text(text) == [
        ["申报单位", UNIT],
        ["专家姓名", "张建国", "性别", "男"],
        ["技能 等级", "高级技师"],
    ]


def test_grid_from_text_feeds_extract_form(labels):
    """GIVEN an OCR'd form page turned into a grid
    WHEN extracted as a form
    THEN unit, expert and skill level are found."""
    grid = grid_from_text(f"申报单位  {UNIT}\n专家姓名  张建国   性别  男\n技能等级  高级技师")
    fields = _form([grid], labels).fields
    assert (fields["unit"], fields["expert"], fields["skill_level"]) == (UNIT, "张建国", "高级技师")


def test_value_read_together_with_the_next_empty_label(labels):
    """GIVEN an OCR'd form line where the skill level and the label of the empty title cell
    beside it ran together: "技能等级  高级技师专业技术职称  联系电话  13587664377"
    WHEN extracted as a form
    THEN the skill level is 高级技师, the phone still read, no title."""
    grid = grid_from_text(f"申报单位  {UNIT}\n技能等级  高级技师专业技术职称  联系电话  13587664377")
    fields = _form([grid], labels).fields
    assert fields["skill_level"] == "高级技师"
    assert fields["contact_phone"] == "13587664377"
    assert "title" not in fields


def test_value_ending_in_a_short_label_word_is_kept(labels):
    """GIVEN a title written as 中级职称 (ending in the two-character label 职称)
    WHEN extracted as a form
    THEN the title is 中级职称, not cut to 中级."""
    fields = _form([[["专业技术职称", "中级职称", "联系电话", "13587664377"]]], labels).fields
    assert fields["title"] == "中级职称"


@pytest.mark.parametrize("piece", ["(职", "/职", "（职业资格）", "工种)"])
def test_a_piece_of_a_label_is_not_a_value(labels, piece):
    """GIVEN a scanned form's row where the OCR cut the label 技能等级（职业资格） so that a piece of
    it stands in a cell between the label and the value
    WHEN extracted
    THEN the piece is passed over and the value in the cell after it is taken."""
    table = [["技能等级", piece, "高级技师", "团队人数", "6"]]
    fields = _form([table], labels).fields
    assert fields["skill_level"] == "高级技师"
    assert fields["team_size"] == 6


@pytest.mark.parametrize("label", ["(职", "/职", "工作岗位", "职称"])
def test_a_label_alone_is_no_value(labels, label):
    """GIVEN a form whose 技能等级 cell is left empty on the scan, so that the next thing read to its
    right is a label or a piece of one
    WHEN extracted
    THEN 技能等级 stays unread (shown as the image of its line), not `(职`."""
    table = [["专家姓名", "张建国"], ["技能等级", label]]
    fields = _form([table], labels).fields
    assert "skill_level" not in fields
    assert fields["expert"] == "张建国"


def test_a_label_we_do_not_read_ends_the_search_for_a_value(labels):
    """GIVEN 技能等级 left empty and, to its right, the label 工作岗位 with its value
    WHEN extracted
    THEN 工作岗位's value is not taken for 技能等级."""
    table = [["技能等级", "", "工作岗位", "数控车床操作"]]
    assert "skill_level" not in _form([table], labels).fields


def test_run_together_text_rejects_label_pieces(labels):
    """GIVEN OCR text where the label 技能等级 is followed by a piece of the next label only
    WHEN read as run-together text
    THEN 技能等级 gets no value."""
    from pipeline.fields.form import fields_from_label_sequence

    fields = fields_from_label_sequence("专家姓名张建国技能等级(职业工种焊工", labels)
    assert fields.get("skill_level") is None
    assert fields["occupation"] == "焊工"

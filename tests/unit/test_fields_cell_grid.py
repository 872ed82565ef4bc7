"""pipeline.fields.cell_grid and summary_sheet.extract_summary_from_boxes: a scanned summary
sheet read from OCR boxes that each hold one cell (as RapidOCR returns them), cells placed
under the header's columns by position. Box coordinates are pixels of a 150 dpi A4 page in
landscape, cell text about 35 px high, narrow columns 15-30 px apart."""

from __future__ import annotations

from pipeline.fields.cell_grid import aligned_table, cell_rows
from pipeline.fields.summary_sheet import extract_summary_from_boxes
from pipeline.models import TextBox
from pipeline.ocr.lines import as_lines


def _box(text: str, left: int, top: int, right: int, bottom: int) -> TextBox:
    return TextBox(text, (left, top, right, bottom), 0.98)


# header: 序号 | 申报单位名称 | 单位职工总人数 (on two lines) | 高技能人才人数 (two lines) | 专家姓名 | 性别 | 年龄
#         | 职业（工种） | 技能等级/职称 | 团队人数 | 备注
HEADER = [
    _box("序号", 99, 328, 155, 363),
    _box("申报单位名称", 291, 317, 448, 370),
    _box("单位职工总", 574, 313, 689, 347),
    _box("人数", 606, 342, 660, 377),
    _box("高技能人才", 705, 312, 821, 346),
    _box("人数", 738, 342, 793, 377),
    _box("专家姓名", 843, 327, 936, 362),
    _box("性别", 954, 327, 1009, 362),
    _box("年龄", 1017, 327, 1074, 361),
    _box("职业（工种）", 1103, 324, 1226, 362),
    _box("技能等级/职称", 1275, 327, 1418, 358),
    _box("团队人数", 1438, 324, 1535, 362),
    _box("备注", 1576, 324, 1633, 362),
]
TITLE = [
    _box("梁平区技能大师工作室汇总表", 500, 120, 1200, 170),
    _box("主管部门（盖章）：区农业农村委", 91, 240, 414, 273),
    _box("填报单位（盖章）：梁平区竹韵编织专业合作社", 879, 241, 1348, 271),
]
FOOTER = [
    _box("联系人：周敏", 89, 634, 225, 665),
    _box("联系电话：13996512345", 562, 632, 801, 664),
    _box("填报时间：2023年8月21日", 1095, 633, 1350, 663),
]


def _row(top: int, unit: str, staff: str | None, high: str | None, expert: str, gender: str, age: str) -> list[TextBox]:
    cells = [_box("1", 115, top, 139, top + 30), _box(unit, 225, top, 503, top + 30)]
    if staff is not None:
        cells.append(_box(staff, 613, top, 651, top + 32))
    if high is not None:
        cells.append(_box(high, 748, top, 781, top + 30))
    cells += [
        _box(expert, 861, top - 3, 918, top + 33),
        _box(gender, 963, top - 1, 998, top + 32),
        _box(age, 1026, top, 1065, top + 30),
        _box("竹编工艺师", 1114, top, 1228, top + 30),
        _box("高级技师", 1310, top, 1400, top + 31),
        _box("9", 1470, top, 1493, top + 29),
    ]
    return cells


def _labels_and_page(labels, *rows: list[TextBox]) -> tuple[list[TextBox], str]:
    boxes = [*TITLE, *HEADER, *(box for row in rows for box in row), *FOOTER]
    return boxes, "\n".join(line.text for line in as_lines(boxes))


def test_narrow_cells_that_run_together_in_the_text_are_read_apart(labels):
    """GIVEN a scanned sheet whose 性别 and 年龄 cells stand 8-28 px apart (their OCR line reads
    "专家姓名性别年龄", "周德明  男52")
    WHEN read from the boxes
    THEN the row has expert, gender and age, and the columns after them."""
    boxes, text = _labels_and_page(labels, _row(410, "梁平区竹韵编织专业合作社", "46", "7", "周德明", "男", "52"))
    assert "男52" in text  # what the line text alone gives
    row = extract_summary_from_boxes([boxes], labels, text).rows[0]
    assert row["unit"] == "梁平区竹韵编织专业合作社"
    assert (row["expert"], row["gender"], row["age"]) == ("周德明", "男", 52)
    assert row["staff_count"] == 46
    assert (row["occupation"], row["skill_level"], row["team_size"]) == ("竹编工艺师", "高级技师", 9)


def test_an_empty_cell_does_not_shift_the_cells_after_it(labels):
    """GIVEN a row whose 单位职工总人数 cell was left empty
    WHEN read from the boxes
    THEN no staff count, and 高技能人才人数 (7) is not taken for it; age still 52."""
    boxes, text = _labels_and_page(labels, _row(410, "梁平区竹韵编织专业合作社", None, "7", "周德明", "男", "52"))
    row = extract_summary_from_boxes([boxes], labels, text).rows[0]
    assert "staff_count" not in row
    assert row["age"] == 52


def test_two_units_rows_and_footer(labels):
    """GIVEN a sheet of two units' rows (a department's sheet) and the footer line
    WHEN read from the boxes
    THEN two records, the footer no record, and the footer's contact read."""
    boxes, text = _labels_and_page(
        labels,
        _row(410, "梁平区竹韵编织专业合作社", "46", "7", "周德明", "男", "52"),
        _row(470, "重庆市梁平区蓝印染坊有限公司", "120", "15", "何秀英", "女", "47"),
    )
    sheet = extract_summary_from_boxes([boxes], labels, text)
    assert [(r["unit"], r["age"]) for r in sheet.rows] == [("梁平区竹韵编织专业合作社", 52), ("重庆市梁平区蓝印染坊有限公司", 47)]
    assert sheet.footer["contact_person"] == "周敏"


def test_a_seal_character_over_a_header_cell(labels):
    """GIVEN the unit's seal stamped over the header, its character 庆 read just above 职业（工种）
    WHEN read from the boxes
    THEN the occupation column is still found."""
    boxes, text = _labels_and_page(labels, _row(410, "梁平区竹韵编织专业合作社", "46", "7", "周德明", "男", "52"))
    row = extract_summary_from_boxes([[*boxes, _box("庆", 1108, 300, 1147, 333)]], labels, text).rows[0]
    assert row["occupation"] == "竹编工艺师"


def _without(boxes: list[TextBox], *texts: str) -> list[TextBox]:
    return [box for box in boxes if box.text not in texts]


def test_unit_header_under_a_seal(labels):
    """GIVEN a sheet whose 申报单位名称 header cell is under the unit's seal, not read
    WHEN read from the boxes
    THEN the one column without a header is the unit's: the row is read, age included."""
    boxes, text = _labels_and_page(labels, _row(410, "梁平区竹韵编织专业合作社", "46", "7", "周德明", "男", "52"))
    row = extract_summary_from_boxes([_without(boxes, "申报单位名称")], labels, text).rows[0]
    assert (row["unit"], row["staff_count"], row["age"]) == ("梁平区竹韵编织专业合作社", 46, 52)


def test_unit_header_under_a_seal_and_a_footer_beyond_the_last_column(labels):
    """GIVEN the sheet without its 申报单位名称 header cell, and a page number printed in the
    footer line right of the last column (another place with no header above it)
    WHEN read from the boxes
    THEN the unit is still found among the columns without a header."""
    boxes, text = _labels_and_page(labels, _row(410, "梁平区竹韵编织专业合作社", "46", "7", "周德明", "男", "52"))
    boxes = [*_without(boxes, "申报单位名称"), _box("第1页", 1700, 634, 1770, 664)]
    row = extract_summary_from_boxes([boxes], labels, text).rows[0]
    assert (row["unit"], row["age"]) == ("梁平区竹韵编织专业合作社", 52)


def test_a_cell_under_an_unread_header_stands_in_a_column_of_its_own():
    """GIVEN a header whose middle cell (职业（工种）) was not read, and a row with a value under it
    WHEN aligned
    THEN the value stands in a column with an empty header between 年龄 and 技能等级, joined to neither."""
    rows = cell_rows([
        _box("年龄", 1017, 327, 1074, 361), _box("技能等级/职称", 1275, 327, 1418, 358),
        _box("52", 1026, 410, 1065, 440), _box("竹编工艺师", 1114, 410, 1228, 440), _box("高级技师", 1310, 410, 1400, 441),
    ])
    assert aligned_table(rows, 0) == [["年龄", "", "技能等级/职称"], ["52", "竹编工艺师", "高级技师"]]


def test_an_unread_header_that_holds_no_unit_names_is_not_taken_for_the_unit(labels):
    """GIVEN a sheet whose 申报单位名称 header was misread (申艰单位名祢, no label) and whose
    职业（工种） header was not read
    WHEN read from the boxes
    THEN no row: the column without a header holds occupations, not unit names."""
    boxes, text = _labels_and_page(labels, _row(410, "梁平区竹韵编织专业合作社", "46", "7", "周德明", "男", "52"))
    boxes = [_box("申艰单位名祢", *box.box) if box.text == "申报单位名称" else box for box in _without(boxes, "职业（工种）")]
    assert extract_summary_from_boxes([boxes], labels, text).rows == []


def test_unit_name_written_on_two_lines_in_its_cell(labels):
    """GIVEN a row whose unit name wraps in its narrow cell: 重庆盛世汽车服务有限公司 above and
    梁平分公司 below the middle of the row's other cells, followed by a second unit's row
    WHEN read from the boxes
    THEN the first row's unit is the whole name, and no row is made of half a name."""
    row = [box for box in _row(420, "?", "101", "12", "陈宏云", "女", "53") if box.text != "?"]
    halves = [_box("重庆盛世汽车服务有限公司", 225, 398, 503, 428), _box("梁平分公司", 300, 432, 430, 462)]
    boxes, text = _labels_and_page(labels, row + halves, _row(500, "梁平区竹韵编织专业合作社", "46", "7", "周德明", "男", "52"))
    sheet = extract_summary_from_boxes([boxes], labels, text)
    assert [(r["unit"], r["age"]) for r in sheet.rows] == [("重庆盛世汽车服务有限公司梁平分公司", 53), ("梁平区竹韵编织专业合作社", 52)]


def test_two_rows_written_close_together_stay_apart():
    """GIVEN two full rows of handwriting so tall that the first reaches into the second
    WHEN aligned
    THEN two rows, not one."""
    rows = cell_rows([
        _box("专家姓名", 300, 100, 400, 130), _box("年龄", 600, 100, 650, 130), _box("性别", 450, 100, 500, 130),
        _box("周德明", 310, 200, 390, 245), _box("男", 460, 200, 490, 245), _box("52", 610, 200, 640, 245),
        _box("何秀英", 310, 240, 390, 280), _box("女", 460, 240, 490, 280), _box("47", 610, 240, 640, 280),
    ])
    assert aligned_table(rows, 0)[1:] == [["周德明", "男", "52"], ["何秀英", "女", "47"]]


def test_whole_line_boxes_give_no_rows(labels):
    """GIVEN boxes that are whole lines (as Tesseract returns them)
    WHEN read from the boxes
    THEN no rows (the line text is read instead)."""
    boxes, text = _labels_and_page(labels, _row(410, "梁平区竹韵编织专业合作社", "46", "7", "周德明", "男", "52"))
    assert extract_summary_from_boxes([as_lines(boxes)], labels, text).rows == []


def test_stacked_boxes_are_one_cell_read_top_to_bottom():
    """GIVEN a header cell written on two lines, the second line shorter and centred
    WHEN grouped into cells
    THEN one cell "单位职工总人数", not "人数单位职工总"."""
    rows = cell_rows([_box("序号", 99, 328, 155, 363), _box("人数", 606, 342, 660, 377), _box("单位职工总", 574, 313, 689, 347)])
    assert [cell.text for cell in rows[0]] == ["序号", "单位职工总人数"]


def test_cells_go_under_the_column_they_overlap_else_the_nearest():
    """GIVEN a header of three columns and a row whose cells overlap the first and third, and
    one cell between the columns nearer the second
    WHEN aligned
    THEN the cells stand in columns 1, 2 and 3."""
    rows = cell_rows([
        _box("序号", 100, 100, 150, 130), _box("专家姓名", 300, 100, 400, 130), _box("年龄", 600, 100, 650, 130),
        _box("1", 110, 200, 130, 230), _box("周德明", 420, 200, 480, 230), _box("52", 610, 200, 640, 230),
    ])
    assert aligned_table(rows, 0)[1] == ["1", "周德明", "52"]

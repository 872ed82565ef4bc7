"""pipeline.fields.ruling: a scanned form's cells found by its printed ruling, each OCR box put
in the cell its middle falls in, so a value comes from its own cell."""

from __future__ import annotations

from PIL import Image, ImageDraw

from pipeline.fields.form import extract_form
from pipeline.fields.ruling import page_table
from pipeline.models import TextBox

WIDTH, HEIGHT = 1240, 1754
COLUMNS = [100, 300, 600, 800, 1140]
ROWS = [200, 280, 360, 440, 640]
BOXES = ["所在单位意见", "主管部门意见"]


def _page(tmp_path):
    """A ruled form: 申报单位 over three merged cells; 专家姓名|张建国|性别|男; 技能等级|高级技师|工作岗位|车工;
    命名专家主要工作业绩 over a tall merged cell."""
    image = Image.new("RGB", (WIDTH, HEIGHT), "white")
    draw = ImageDraw.Draw(image)
    for y in ROWS:
        draw.line([(COLUMNS[0], y), (COLUMNS[-1], y)], fill="black", width=3)
    for x in COLUMNS:
        top = ROWS[0] if x in (COLUMNS[0], COLUMNS[1], COLUMNS[-1]) else ROWS[1]
        bottom = ROWS[3] if x not in (COLUMNS[0], COLUMNS[1], COLUMNS[-1]) else ROWS[-1]
        draw.line([(x, top), (x, bottom)], fill="black", width=3)
    path = tmp_path / "form.jpg"
    image.save(path, quality=90)
    return str(path)


def _box(text, left, top, right, bottom):
    return TextBox(text, (left, top, right, bottom), 0.9)


def test_values_come_from_their_own_cells(tmp_path, labels):
    """GIVEN a ruled scan whose OCR boxes are loose pieces of text (the achievements on two lines
    in a tall merged cell, its label on three lines beside them, boxes in any order)
    WHEN read by the ruling
    THEN each value is its own cell's text, right of its label: 技能等级 高级技师 (not 工作岗位's),
    性别 男, the achievements counted whole."""
    boxes = [
        _box("申报单位", 120, 220, 280, 260), _box("重庆市梁平区恒达机械有限公司", 320, 220, 900, 260),
        _box("专家姓名", 120, 300, 280, 340), _box("张建国", 320, 300, 450, 340),
        _box("性别", 620, 300, 700, 340), _box("男", 820, 300, 860, 340),
        _box("技能等级", 120, 380, 280, 420), _box("高级技师", 320, 380, 480, 420),
        _box("工作岗位", 610, 380, 780, 420), _box("车工", 820, 380, 900, 420),
        _box("以内）", 150, 585, 250, 620), _box("作业绩（300字", 105, 545, 295, 580), _box("命名专家主要工", 105, 505, 295, 540),
        _box("扎根焊接一线二十余年，", 320, 460, 900, 500),
        _box("攻克多项技术难题。", 320, 510, 800, 550),
    ]
    table = page_table(_page(tmp_path), boxes)
    assert ["技能等级", "高级技师", "工作岗位", "车工"] in table
    fields = extract_form([table], labels, BOXES).fields
    assert fields["skill_level"] == "高级技师"
    assert fields["gender"] == "男"
    assert fields["expert"] == "张建国"
    assert fields["achievements_chars"] == len("扎根焊接一线二十余年，攻克多项技术难题。")


def test_a_page_without_ruling_gives_no_table(tmp_path):
    path = tmp_path / "blank.jpg"
    Image.new("RGB", (WIDTH, HEIGHT), "white").save(path)
    assert page_table(str(path), [_box("申报单位", 120, 220, 280, 260)]) == []

"""Content models of attachment 1 (申报表) and attachment 2 (汇总表), and their table layouts.

A layout is a list of rows of `Cell`s with HTML-like col/row spans; the DOCX writer and the
page renderer both consume it, so the Word file and the printed/scanned page show the same form.
"""
from __future__ import annotations

import random
from dataclasses import dataclass, field

from .identity import TeamMember


@dataclass
class Opinion:
    text: str | None          # None: box left blank
    signer: str | None
    date_text: str | None     # "2023年8月20日" or None (printed "年 月 日" left blank)
    sealed: bool = False      # a seal is stamped on the printed/scanned form (or pasted in the DOCX)
    seal_text: str = ""

    @property
    def signed(self) -> bool:
        return bool(self.text and self.signer and self.date_text)


@dataclass
class ApplicationForm:
    unit: str
    expert: str
    gender: str
    birth_text: str           # 出生年月 as written, e.g. "1978年05月" / "1978.05"
    id_number: str
    occupation: str
    skill_level: str
    title: str | None
    work_unit: str
    phone: str
    team: list[TeamMember]
    team_size: int
    achievements: str
    opinions: dict[str, Opinion]   # keys: unit, department, bureau
    fill_date: str = "2023年8月"


@dataclass
class SummaryRow:
    seq: int
    unit: str
    staff_count: int
    high_skill_count: int
    expert: str
    gender: str
    age: int
    occupation: str
    level_title: str
    team_size: int
    note: str = ""


@dataclass
class SummarySheet:
    department: str
    filler: str
    rows: list[SummaryRow]
    contact_person: str
    contact_phone: str
    date_text: str


SUMMARY_HEADER = ["序号", "申报单位名称", "单位职工总人数", "高技能人才人数", "专家姓名", "性别", "年龄", "职业（工种）",
                  "技能等级/职称", "团队人数", "备注"]


@dataclass
class Cell:
    text: str
    colspan: int = 1
    rowspan: int = 1
    kind: str = "value"       # label | value | box | head
    hand: bool = False        # value written by hand on the printed form


@dataclass
class Layout:
    ncols: int
    rows: list[list[Cell]]
    heights: list[float]      # row heights in cm
    col_widths: list[float]   # cm
    title: str = "梁平区技能大师工作室申报表"
    cover: bool = False       # a cover page precedes the table (申报单位/专家姓名/issuer)
    form: ApplicationForm | None = None


def opinion_text(op: Opinion, label_sign: str = "(签字盖章)") -> str:
    lines = []
    if op.text:
        lines.append(op.text)
    lines.append("")
    sign = label_sign
    if op.signer:
        sign = f"负责人：{op.signer}    {label_sign}"
    lines.append(sign)
    lines.append(op.date_text or "年    月    日")
    return "\n".join(lines)


def _opinion_rows(form: ApplicationForm, ncols: int, label_span: int = 1) -> tuple[list[list[Cell]], list[float]]:
    rows, heights = [], []
    for key, label in (("unit", "所在单位意见"), ("department", "主管部门意见"), ("bureau", "区人力社保局意见")):
        op = form.opinions.get(key) or Opinion(None, None, None)
        rows.append([Cell(label, label_span, kind="label"), Cell(opinion_text(op), ncols - label_span, kind="box")])
        heights.append(3.6)
    return rows, heights


def layout_a(form: ApplicationForm) -> Layout:
    """4 columns: label | value | label | value."""
    L = lambda t, s=1: Cell(t, s, kind="label")
    V = lambda t, s=1: Cell(t, s)
    rows = [
        [L("申报单位"), V(form.unit, 3)],
        [L("专家姓名"), V(form.expert), L("性别"), V(form.gender)],
        [L("出生年月"), V(form.birth_text), L("身份证号码"), V(form.id_number)],
        [L("职业（工种）"), V(form.occupation), L("技能等级"), V(form.skill_level)],
        [L("专业技术职称"), V(form.title or "无"), L("联系电话"), V(form.phone)],
        [L("工作单位"), V(form.work_unit, 3)],
        [L("团队人数"), V(str(form.team_size), 3)],
        [Cell("团队成员", 4, kind="head")],
        [L("姓名"), L("年龄"), L("技能等级"), L("职务")],
    ]
    heights = [1.0] * 7 + [0.8, 0.8]
    for m in form.team:
        rows.append([V(m.name), V(str(m.age)), V(m.skill_level), V(m.role)])
        heights.append(0.7)
    rows.append([L("命名专家主要\n工作业绩\n（300字以内）"), Cell(form.achievements, 3, kind="box")])
    heights.append(5.5)
    r, h = _opinion_rows(form, 4)
    return Layout(4, rows + r, heights + h, [3.2, 4.6, 3.2, 5.0], form=form)


def layout_b(form: ApplicationForm) -> Layout:
    """6 columns, cover page, team block with a vertically merged label."""
    L = lambda t, s=1, r=1: Cell(t, s, r, kind="label")
    V = lambda t, s=1: Cell(t, s)
    title = form.title or "—"
    rows = [
        [L("申报单位"), V(form.unit, 5)],
        [L("专家姓名"), V(form.expert), L("性别"), V(form.gender), L("出生年月"), V(form.birth_text)],
        [L("身份证号码"), V(form.id_number, 2), L("职业（工种）"), V(form.occupation, 2)],
        [L("技能等级"), V(form.skill_level), L("专业技术职称"), V(title), L("联系电话"), V(form.phone)],
        [L("工作单位"), V(form.work_unit, 5)],
    ]
    heights = [1.1] * 5
    n = len(form.team)
    rows.append([L(f"团队成员\n（共{form.team_size}人）", 1, n + 1), L("姓名"), L("年龄"), L("技能等级", 2), L("职务")])
    heights.append(0.8)
    for m in form.team:
        rows.append([V(m.name), V(str(m.age)), V(m.skill_level, 2), V(m.role)])
        heights.append(0.7)
    rows.append([L("团队人数"), V(f"{form.team_size}人", 5)])
    heights.append(0.9)
    rows.append([L("命名专家主要工作业绩（300字以内）"), Cell(form.achievements, 5, kind="box")])
    heights.append(6.0)
    r, h = _opinion_rows(form, 6)
    return Layout(6, rows + r, heights + h, [2.8, 2.6, 1.8, 2.6, 2.4, 3.8], cover=True, form=form)


def layout_c(form: ApplicationForm) -> Layout:
    """Like A but personal data in a different order, title merged with the value cell, no team-size row."""
    L = lambda t, s=1: Cell(t, s, kind="label")
    V = lambda t, s=1: Cell(t, s)
    rows = [
        [L("申报单位（盖章）"), V(form.unit, 3)],
        [L("专家姓名"), V(form.expert), L("身份证号码"), V(form.id_number)],
        [L("性别"), V(form.gender), L("出生年月"), V(form.birth_text)],
        [L("工作单位"), V(form.work_unit), L("联系电话"), V(form.phone)],
        [L("职业（工种）"), V(form.occupation), L("技能等级/职称"), V(form.skill_level + (f"/{form.title}" if form.title else ""))],
        [L("团队成员"), L("姓名"), L("年龄/技能等级"), L("职务")],
    ]
    heights = [1.0] * 5 + [0.8]
    for i, m in enumerate(form.team, 1):
        rows.append([V(str(i)), V(m.name), V(f"{m.age}/{m.skill_level}"), V(m.role)])
        heights.append(0.7)
    rows.append([L("团队人数"), V(f"{form.team_size}", 3)])
    heights.append(0.9)
    rows.append([L("命名专家主要\n工作业绩\n（300字以内）"), Cell(form.achievements, 3, kind="box")])
    heights.append(5.0)
    r, h = _opinion_rows(form, 4)
    return Layout(4, rows + r, heights + h, [3.0, 4.6, 3.6, 4.8], form=form)


LAYOUTS = {"a": layout_a, "b": layout_b, "c": layout_c}


def place(layout: Layout) -> list[tuple[int, int, Cell]]:
    """Grid placement: (row, col, cell) for every cell, honouring row spans like HTML tables."""
    taken: set[tuple[int, int]] = set()
    out = []
    for r, row in enumerate(layout.rows):
        c = 0
        for cell in row:
            while (r, c) in taken:
                c += 1
            out.append((r, c, cell))
            for dr in range(cell.rowspan):
                for dc in range(cell.colspan):
                    taken.add((r + dr, c + dc))
            c += cell.colspan
    return out


def birth_text(birth, rng: random.Random) -> str:
    return rng.choice([f"{birth.year}年{birth.month:02d}月", f"{birth.year}年{birth.month}月", f"{birth.year}.{birth.month:02d}",
                       f"{birth.year}-{birth.month:02d}", f"{birth.year}年{birth.month}月{birth.day}日"])

"""pipeline.assembly.pieces: a form photographed page by page into 申报表1.jpg, 申报表2.jpg,
申报表3.jpg is one form, read as one."""

from __future__ import annotations

from dataclasses import replace

from pipeline.assembly.pieces import form_pieces, join_form_pieces
from pipeline.fields.labels import LabelIndex
from pipeline.models import Classification
from tests.unit.builders import doc, linked, sighting
from tests.unit.texts import EXPERT_ID

UNIT = "重庆市梁平区恒达机械有限公司"
PAGE_1 = f"""梁平区技能大师工作室申报表
申报单位  {UNIT}
专家姓名  张建国   性别 男   出生年月 1975年3月
身份证号  {EXPERT_ID}
职业（工种） 焊工   技能等级 高级技师
"""
PAGE_2 = """团队成员情况
姓名  年龄  职务  技能等级  职称
王小明  35  班长  技师  无
李春燕  41  组长  高级技师  工程师
赵大勇  29  操作工  高级工  无
陈晓峰  33  质检员  技师  助理工程师
命名专家主要工作业绩（300字以内）
扎根焊接一线二十余年，攻克多项技术难题。
"""
PAGE_3 = """所在单位意见  同意推荐。（签字盖章） 2023年8月20日
主管部门意见  同意。（签字盖章） 2023年8月25日
区人力社保局意见 （签字盖章） 年 月 日
"""
MAIL = {"group": "mail:INBOX/3/9", "clock": "mail"}


def _piece(name, text, type_, subtype=None, fields=None, group=MAIL):
    result = replace(doc(name, type_, subtype, text=text, fields=fields), kind="image", pages=(1, 1))
    return linked(result, sighting(result, filename=name, **group))


def _three(second=("credentials", "skill_certificate"), names=("申报表1.jpg", "申报表2.jpg", "申报表3.jpg")):
    return [
        _piece(names[0], PAGE_1, "forms", "application_form",
               fields={"unit": UNIT, "expert": "张建国", "skill_level": "高级技师"}),
        _piece(names[1], PAGE_2, *second, fields={"skill_level": "技师"}),
        _piece(names[2], PAGE_3, "unknown"),
    ]


def test_three_photos_of_a_form_are_one_form(rules):
    """GIVEN a hand-filled form photographed into 申报表1.jpg (read as the form), 申报表2.jpg (its team
    table, read as a skill certificate) and 申报表3.jpg (the opinion boxes, unclassified)
    WHEN joined
    THEN all three are the application form; the first carries the fields of all: the team of 4 on
    page 2, the signed opinion boxes of page 3, the fields page 1 read by itself."""
    joined = join_form_pieces(_three(), rules)
    assert [d.result.classification.subtype for d in joined] == ["application_form"] * 3
    fields = joined[0].result.fields
    assert fields["team_size"] == 4 and fields["skill_level"] == "高级技师" and fields["unit"] == UNIT
    assert fields["achievements_chars"] > 0
    assert joined[0].result.opinions["主管部门意见"]["signed"]
    assert joined[1].result.fields == {} and "申报表分页" in joined[1].result.classification.rules[0]


def test_pieces_named_with_page_words(labels):
    """GIVEN pieces named 申报表(1).jpg, 申报表第2页.jpg, 申报表-3.jpg
    WHEN looked for
    THEN one run of three."""
    (run,) = form_pieces(_three(names=("申报表(1).jpg", "申报表第2页.jpg", "申报表-3.jpg")), labels)
    assert len(run) == 3


def test_not_pieces(labels):
    """GIVEN the same pages in two different mails; or numbered apart (1 and 3); or page 2 a certified copy
    WHEN looked for
    THEN no run of pieces."""
    apart = _three()
    apart[1] = _piece("申报表2.jpg", PAGE_2, "credentials", "skill_certificate", group={"group": "mail:INBOX/3/10"})
    assert all(len(run) < 3 for run in form_pieces(apart, labels))
    gap = _three(names=("申报表1.jpg", "申报表3.jpg", "申报表5.jpg"))
    assert form_pieces(gap, labels) == []
    copy = _three()
    copy[1] = _piece("申报表2.jpg", "此件与原件相符\n职业资格证书 技能等级 技师 职业（工种）焊工", "credentials", "skill_certificate")
    assert form_pieces(copy, labels) == []


def test_certificates_numbered_alike_are_not_a_form(labels):
    """GIVEN 证书1.jpg and 证书2.jpg, two certificates, none read as the form
    WHEN looked for
    THEN no run: a run needs a piece read as the form."""
    docs = [_piece("证书1.jpg", "职业资格证书 技能等级 技师 职业（工种）焊工", "credentials", "skill_certificate"),
            _piece("证书2.jpg", "职业资格证书 技能等级 高级技师 职业（工种）焊工", "credentials", "skill_certificate")]
    assert form_pieces(docs, labels) == []


def test_joined_form_is_complete_in_assembly(rules):
    """GIVEN the three pieces in one mail
    WHEN assembled
    THEN the applicant has its application form, team size 4, no unclassified flag, nothing unassigned."""
    from datetime import datetime

    from pipeline.assembly.assemble import assemble
    from tests.unit.builders import DEADLINE

    pieces = _three()
    documents = {d.result.sha256: [d.result] for d in pieces}
    sightings = [s for d in pieces for s in d.sightings]
    state = assemble(documents, sightings, [], rules, DEADLINE, lambda clock: True, datetime.now(DEADLINE.tzinfo))
    (applicant,) = state.applicants
    assert "forms.application_form" not in applicant.missing
    assert applicant.fields["team_size"] == 4
    assert "unclassified" not in {flag.code for flag in applicant.flags}
    assert state.unassigned == []


def test_a_last_page_with_only_the_bureau_box_is_a_piece(labels):
    """GIVEN a form photographed in two, the second photo holding only the bureau's empty opinion box
    (the OCR read 区人力社保局意 / 见 / (签字盖章) / 日; the desk around the page made it look like a photo)
    WHEN looked for
    THEN both photos are the form's pages."""
    docs = [_piece("IMG_20230821_1.jpg", PAGE_1 + PAGE_3.split("区人力")[0], "forms", "application_form",
                   fields={"unit": UNIT}),
            _piece("IMG_20230821_2.jpg", "区人力社保局意\n见\n(签字盖章)\n日", "credentials", "work_photo")]
    (run,) = form_pieces(docs, labels)
    assert [piece.filename for piece in run] == ["IMG_20230821_1.jpg", "IMG_20230821_2.jpg"]


def test_attachment_1_and_2_are_two_forms_not_pieces(labels):
    """GIVEN 附件1.pdf (the application form) and 附件2.pdf (the summary sheet, which shows form labels too)
    WHEN looked for
    THEN no run: the summary sheet is not a page of the application form."""
    docs = [_piece("附件1.pdf", PAGE_1, "forms", "application_form", fields={"unit": UNIT}),
            _piece("附件2.pdf", "梁平区技能大师工作室汇总表\n序号 申报单位名称 单位职工总人数 专家姓名 年龄", "forms", "summary_sheet")]
    assert form_pieces(docs, labels) == []

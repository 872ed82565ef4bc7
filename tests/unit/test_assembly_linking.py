"""pipeline.assembly.linking: a department's mail with several units' files, each file linked by
the nearest evidence (its own name, its forwarded mail, its siblings), the reason shown."""

from __future__ import annotations

import pytest

from pipeline.assembly.linking import link
from pipeline.assembly.units import distinctive_name, names_unit_by_short_name
from pipeline.models import group_chain, nested_group
from tests.unit.builders import doc, linked, sighting

MINGDA = "重庆梁平明达电力安装工程有限公司"
HENGDA = "重庆市梁平区恒达机械有限公司"
MAIL = "mail:INBOX/7/42"
FORWARDED = nested_group(MAIL, "fwd1")
DEPARTMENT = {"sender": "jxw@lp.gov.cn", "clock": "mail", "unit_hint": "梁平区经信委报送技能大师工作室申报材料"}


def _in_mail(label, type_, subtype=None, *, filename, group=MAIL, fields=None, **where):
    result = doc(label, type_, subtype, fields=fields)
    return linked(result, sighting(result, filename=filename, group=group, **{**DEPARTMENT, **where}))


def _form(label, unit, **where):
    return _in_mail(label, "forms", "application_form", fields={"unit": unit}, **where)


def _owner(result, document):
    for key, docs in result.by_unit.items():
        for linked_doc in docs:
            if linked_doc.result.id == document.result.id:
                return result.registry.names[key], linked_doc.link_reason
    return None, next(d.link_reason for d in result.unassigned if d.result.id == document.result.id)


@pytest.mark.parametrize("filename, words", [
    ("明达电力-工作照片.jpg", "明达电力"), ("明达-身份证.jpg", "明达"), ("梁平明达_学历证书.jpg", "明达"),
    ("工作照片（明达电力安装）.jpg", "明达电力安装"), ("明达电力工作照片.jpg", "明达电力"),
])
def test_short_name_in_a_file_name(filename, words):
    """GIVEN a file name carrying the unit's short name (the distinctive part of 重庆梁平明达电力安装工程有限公司)
    WHEN matched against the unit
    THEN the words naming it are found."""
    assert distinctive_name(MINGDA) == "明达电力安装工程"
    assert names_unit_by_short_name(filename, MINGDA) == words


@pytest.mark.parametrize("filename", ["工作照片.jpg", "梁平-工作照片.jpg", "电力-工作照片.jpg", "重庆-身份证.jpg", "明-照片.jpg"])
def test_no_short_name_in_a_file_name(filename):
    """GIVEN a file name with no distinctive part of the unit's name (place names, the trade alone)
    WHEN matched
    THEN nothing."""
    assert names_unit_by_short_name(filename, MINGDA) is None


def test_group_chain_innermost_first():
    assert group_chain(FORWARDED) == [FORWARDED, MAIL]
    assert group_chain(MAIL) == [MAIL]


def test_department_mail_with_two_units():
    """GIVEN a department's mail carrying 明达电力's form and textless photos named 明达电力-*, and a
    forwarded mail inside it, whose subject names 恒达机械, holding 恒达机械's form and a textless photo
    WHEN linked
    THEN the 明达电力 photos go to 明达电力 by their names, the forwarded mail's photo to 恒达机械 by its
    mail's subject; the reason is shown."""
    forwarded = {"group": FORWARDED, "sender": "hd@163.com", "unit_hint": "恒达机械有限公司技能大师工作室申报材料"}
    docs = [
        _form("form-m", MINGDA, filename="明达电力-申报表.docx"),
        _in_mail("photo-m", "credentials", "work_photo", filename="明达电力-工作照片.jpg"),
        _in_mail("id-m", "credentials", "id_card", filename="明达电力-身份证.jpg"),
        _form("form-h", HENGDA, filename="申报表.docx", **forwarded),
        _in_mail("photo-h", "credentials", "work_photo", filename="工作照片.jpg", **forwarded),
    ]
    result = link(docs)
    assert result.unassigned == []
    assert _owner(result, docs[1]) == (MINGDA, "文件名含单位名称或简称「明达电力」")
    assert _owner(result, docs[2])[0] == MINGDA
    assert _owner(result, docs[4]) == (HENGDA, "所在邮件（或其中转发邮件）的主题")


def test_forwarded_mail_without_subject_links_by_its_own_files():
    """GIVEN the same department mail, the forwarded mail's subject naming no unit
    WHEN linked
    THEN the photo inside it goes with the other files of that forwarded mail, not the whole mail's."""
    forwarded = {"group": FORWARDED, "sender": "hd@163.com", "unit_hint": "转发：申报材料"}
    docs = [
        _form("form-m", MINGDA, filename="明达电力-申报表.docx"),
        _form("form-h", HENGDA, filename="申报表.docx", **forwarded),
        _in_mail("photo-h", "credentials", "work_photo", filename="工作照片.jpg", **forwarded),
    ]
    result = link(docs)
    assert _owner(result, docs[2]) == (HENGDA, "同一转发邮件中的其他材料")


def test_textless_file_of_a_mail_with_two_units_is_listed_with_its_candidates():
    """GIVEN a department mail with two units' forms and a photo whose name names neither
    WHEN linked
    THEN the photo is unassigned, and the reason names both units and why none was chosen."""
    docs = [
        _form("form-m", MINGDA, filename="明达电力-申报表.docx"),
        _form("form-h", HENGDA, filename="恒达机械-申报表.docx"),
        _in_mail("photo", "credentials", "work_photo", filename="IMG_2041.jpg"),
    ]
    result = link(docs)
    unit, reason = _owner(result, docs[2])
    assert unit is None
    assert "可能属于" in reason and "明达电力" in reason and "恒达机械" in reason


def test_one_unit_mail_textless_file_inherits():
    """GIVEN a mail carrying one unit's form and a textless photo named IMG_2041.jpg
    WHEN linked
    THEN the photo goes with its siblings."""
    docs = [_form("form-h", HENGDA, filename="申报表.docx"),
            _in_mail("photo", "credentials", "work_photo", filename="IMG_2041.jpg")]
    assert _owner(link(docs), docs[1]) == (HENGDA, "同一邮件或文件夹中的其他材料")


def test_nothing_to_go_by_says_so():
    """GIVEN a photo alone in a scan folder with no unit known
    WHEN linked
    THEN it is unassigned with the reason that no clue was found."""
    photo = doc("photo", "credentials", "work_photo")
    result = link([linked(photo)])
    assert result.unassigned[0].link_reason.startswith("未找到归属线索")


def test_staff_folder_beats_a_file_name():
    """GIVEN a photo named 明达电力-工作照片.jpg that staff put into the scan folder of 恒达机械
    WHEN linked
    THEN the staff's folder wins."""
    docs = [_form("form-m", MINGDA, filename="明达电力-申报表.docx"), _form("form-h", HENGDA, filename="恒达.docx")]
    photo = doc("photo", "credentials", "work_photo")
    docs.append(linked(photo, sighting(photo, filename="明达电力-工作照片.jpg", group="scan:恒达机械/", unit_hint="恒达机械")))
    assert _owner(link(docs), docs[2]) == (HENGDA, "所在文件夹名称")

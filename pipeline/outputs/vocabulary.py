"""Chinese names of the codes that staff see in the workbook and the reports."""

from __future__ import annotations

import hashlib

from pipeline.models import Applicant
from pipeline.outputs.safe_text import file_name_text
from pipeline.rules import Rules

# Why a copy's mark was left 不确定, by the case of pipeline.certify.decide that decided it
_LOW_RESOLUTION = "图片分辨率过低，看不清"
_GREY = "黑白或灰度扫描件，无法按颜色分辨印章和笔迹"
_COVERED = "该处被印章遮盖，看不清"
_UNREAD_INK = "页面上有未能识别的印迹或笔迹"
_UNREAD_MARKS = "有印章或签名，但未能读清"
UNSURE_REASONS = {
    "label_too_few_pixels": _LOW_RESOLUTION, "too_few_pixels": _LOW_RESOLUTION, "too_few_pixels_by_phrase": _LOW_RESOLUTION,
    "grey_page": _GREY, "grey_none": _GREY, "grey_not_found": _GREY, "grey_seal_unexplained": _GREY,
    "label_hidden": _COVERED, "hidden": _COVERED, "grey_under_seal": _COVERED,
    "label_inked": _UNREAD_INK, "loose_ink": _UNREAD_INK, "loose_seal_ink": _UNREAD_INK, "loose_writing": _UNREAD_INK,
    "unexplained_ink": _UNREAD_INK, "unexplained_seal_ink": _UNREAD_INK, "unexplained_pen": _UNREAD_INK,
    "pen_by_seal_over_print": _UNREAD_INK,
    "unread_by_written_seal": _UNREAD_MARKS, "unread_by_name": _UNREAD_MARKS, "seals_over_print": _UNREAD_MARKS,
}

FLAG_NAMES = {
    "late": "逾期提交",
    "duplicate_unit": "同一单位重复申报",
    "duplicate_expert": "同一专家重复申报",
    "deeds_too_short": "事迹材料字数不足",
    "deeds_too_long": "事迹材料字数超限",
    "achievements_too_long": "主要工作业绩超过300字",
    "team_size_out_of_range": "团队人数不符",
    "expert_level_insufficient": "专家等级不符合条件",
    "id_number_invalid": "身份证号码有误",
    "age_mismatch": "年龄与身份证不符",
    "copy_not_certified": "复印件未注明与原件相符",
    "copy_missing_seal": "复印件未盖公章",
    "copy_missing_signature": "复印件无经办人签字",
    "copy_seal_unit_mismatch": "公章单位名称与申报单位不符",
    "opinion_unsigned": "意见栏未签署",
    "unreadable_file": "文件无法读取",
    "password_protected": "文件设有密码",
    "oversized_attachment_link": "超大附件需手动下载",
    "unclassified": "材料未能识别",
    "mail_without_materials": "邮件未附申报材料",
    "length_unread": "未能读出字数",
}

MATERIAL_FOLDERS = {
    "forms": "1-申报表及汇总表",
    "deeds": "2-事迹材料",
    "report": "3-申报报告",
    "credentials": "4-身份证书及照片",
    "evidence": "5-其他佐证材料",
    "unknown": "0-未识别材料",
}


STATE_NAMES = {"complete": "齐全", "needs_correction": "需补正", "late": "逾期"}

def application_name(applicant: Applicant) -> str:
    """申报单位-专家, the name of an application's archive folder and notice."""
    unit = file_name_text(applicant.unit, 40)
    return f"{unit}-{file_name_text(applicant.expert, 10)}" if applicant.expert else unit


def notice_name(applicant: Applicant) -> str:
    return f"{application_name(applicant)}-补正通知.docx"


def page_name(applicant: Applicant) -> str:
    """The file name of an applicant's report page, stable across refreshes."""
    return f"applicant-{hashlib.sha1(applicant.unit_key.encode('utf-8')).hexdigest()[:10]}.html"


def flag_name(code: str) -> str:
    return FLAG_NAMES.get(code, code)


def requirement_names(rules: Rules) -> dict[str, str]:
    return {item.code: item.name for item in rules.requirements}


def missing_text(applicant: Applicant, rules: Rules) -> str:
    names = requirement_names(rules)
    return "、".join(names.get(code, code) for code in applicant.missing)


def received_text(applicant: Applicant, rules: Rules) -> str:
    names = requirement_names(rules)
    evidence = sum(1 for d in applicant.documents if d.is_material("evidence"))
    items = [names.get(code, code) for code in applicant.received_items]
    if evidence:
        items.append(f"佐证材料{evidence}份")
    return "、".join(items)


FIELD_NAMES = {
    "unit": "申报单位",
    "expert": "专家姓名",
    "gender": "性别",
    "birth_date": "出生日期",
    "id_number": "身份证号码",
    "occupation": "职业（工种）",
    "skill_level": "技能等级",
    "title": "专业技术职称",
    "team_size": "团队人数",
    "staff_count": "单位职工总人数",
    "high_skill_count": "高技能人才人数",
    "age": "年龄",
    "contact_person": "联系人",
    "contact_phone": "联系电话",
    "achievements_chars": "主要工作业绩字数",
    "deeds_chars": "事迹材料字数",
}


def source_text(source: str) -> str:
    """'mail:INBOX/1/7' -> 邮件, 'scan:a/b.pdf' -> 扫描文件夹, 'ingest:…' -> 手动导入."""
    kind, _, rest = source.partition(":")
    return {"mail": "邮件", "scan": "扫描文件夹", "ingest": "手动导入"}.get(kind, kind) + f"（{rest}）"

"""What an application needs corrected, in plain Chinese: the 补正通知's items and the
overview's next steps share this one list.

Flags staff settle themselves (a 超大附件 link to download, a file the program could not
classify) go to staff's next steps, not to the applicant; a flag marked 误报 goes nowhere.
"""

from __future__ import annotations

from dataclasses import dataclass

from pipeline.models import Applicant, Flag
from pipeline.outputs.vocabulary import flag_name, requirement_names
from pipeline.rules import Rules

# Flags that staff settle themselves: nothing to ask of the applicant.
STAFF_ACTIONS = {
    "oversized_attachment_link": "下载邮件中的超大附件后放入扫描文件夹",
    "unclassified": "打开文件确认是哪种材料，在“材料明细”的“改为材料”中选定",
    "length_unread": "对照原件人工核对字数",
}


@dataclass(frozen=True)
class Item:
    """One thing to correct: what, where (file and page), and the detail."""

    what: str
    where: str
    detail: str

    @property
    def line(self) -> str:
        return "".join((self.what, f"（{self.where}）" if self.where else "", f"：{self.detail}" if self.detail else ""))


def _where(applicant: Applicant, flag: Flag) -> str:
    doc = next((d for d in applicant.documents if d.result.id == flag.document), None)
    if doc is None:
        return ""
    page = flag.page or (doc.result.pages[0] if doc.result.pages and doc.result.pages[0] == doc.result.pages[1] else None)
    return f"「{doc.filename}」" + (f"第{page}页" if page else "")


def applicant_items(applicant: Applicant, rules: Rules) -> list[Item]:
    """What the applicant must hand in or put right: each missing item, each open flag."""
    names = requirement_names(rules)
    items = [Item(f"缺少{names.get(code, code)}", "", "请补交") for code in applicant.missing]
    for flag in applicant.open_flags:
        if flag.code in STAFF_ACTIONS or flag.code == "late":
            continue
        items.append(Item(flag_name(flag.code), _where(applicant, flag), flag.detail))
    return items


def staff_items(applicant: Applicant) -> list[Item]:
    """What staff settle themselves for this application."""
    return [
        Item(flag_name(flag.code), _where(applicant, flag), STAFF_ACTIONS[flag.code])
        for flag in applicant.open_flags
        if flag.code in STAFF_ACTIONS
    ]


@dataclass(frozen=True)
class NextStep:
    unit: str
    expert: str
    state: str
    contact: str  # whom to call: 联系人 and 联系电话, as the forms give them
    ask: list[str]  # what to ask of the applicant
    own: list[str]  # what staff do themselves
    page: str = ""


def next_step(applicant: Applicant, rules: Rules, page: str) -> NextStep | None:
    """Who to call for what; None for an application that needs nothing."""
    if applicant.state == "complete":
        return None
    fields = applicant.fields
    contact = " ".join(str(v) for v in (fields.get("contact_person"), fields.get("contact_phone")) if v) or "（表中未填联系人）"
    ask = [item.line for item in applicant_items(applicant, rules)]
    own = [item.line for item in staff_items(applicant)]
    if applicant.state == "late":
        own.insert(0, "材料在截止时间后收到：请按规定决定是否受理")
    return NextStep(applicant.unit, applicant.expert or "", applicant.state, contact, ask, own, page)

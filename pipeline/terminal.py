"""`intake status`: the completeness table, or one applicant's detail, on the terminal."""

from __future__ import annotations

from pipeline.assembly.units import unit_key
from pipeline.models import IntakeState
from pipeline.outputs.safe_text import clean_text
from pipeline.outputs.vocabulary import FIELD_NAMES, STATE_NAMES, flag_name, requirement_names
from pipeline.rules import Rules


def _say(line: str) -> None:
    """Prints one line; sender-made text cannot send escape sequences to the terminal."""
    print(clean_text(line))


def print_status(state: IntakeState, rules: Rules, unit: str | None) -> None:
    names = requirement_names(rules)
    if unit is None:
        counts = "，".join(f"{name} {sum(a.state == code for a in state.applicants)} 份" for code, name in STATE_NAMES.items())
        _say(f"申报 {len(state.applicants)} 份（{counts}）；未归属文件 {len(state.unassigned)} 个；无法读取 {len(state.errors)} 个")
        for index, a in enumerate(state.applicants, start=1):
            mark = STATE_NAMES[a.state] + ("" if a.complete else "，缺 " + "、".join(names.get(c, c) for c in a.missing))
            flags = "、".join(dict.fromkeys(flag_name(f.code) for f in a.open_flags))
            _say(f"{index:>3}. {a.unit}（{a.expert or '专家未识别'}）：{mark}" + (f"；问题：{flags}" if flags else ""))
        return
    wanted = unit_key(unit)
    matches = [a for a in state.applicants if wanted in a.unit_key or unit in a.unit]
    if not matches:
        _say(f"没有找到申报单位「{unit}」")
        return
    for a in matches:
        _say(f"{a.unit}　拟命名专家：{a.expert or '未识别'}　{STATE_NAMES[a.state]}")
        for item in rules.requirements:
            _say(f"  [{'✔' if item.code in a.received_items else '✘'}] {item.name}")
        for flag in a.flags:
            mark = "（误报，不计入）" if flag.dismissed else ""
            _say(f"  ! {flag_name(flag.code)}：{flag.detail}{mark}")
        for name, value in a.fields.items():
            if value not in (None, ""):
                _say(f"  {FIELD_NAMES[name]}：{value}")
        for doc in a.documents:
            title = rules.title(doc.result.classification.type, doc.result.classification.subtype)
            _say(f"  - {title}：{doc.filename}（{doc.source}）")

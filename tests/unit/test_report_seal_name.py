"""What the applicant page says of a copy's marks: a seal's arc text names a unit only when it
reads cleanly as one the intake knows (a garbled reading would only puzzle staff); a mark left 不确定
says why."""

from __future__ import annotations

import pytest

from pipeline.outputs.html_report import _seal_name_text

OWN = "重庆市梁平区恒达机械有限公司"
OTHER = "重庆润达茶业有限公司"


@pytest.mark.parametrize(
    ("arc", "unit", "said"),
    [
        (OWN, OWN, "，印文与申报单位一致"),
        (OTHER, OWN, f"，印文为「{OTHER}」"),
        ("重庆市梁平区恒达机械有公", OWN, ""),  # partial: not a unit's name
        ("重庆庆梁x区恒达机械有限公司", OWN, ""),  # a stray letter: garbled
        (OTHER, "", f"，印文为「{OTHER}」"),  # a copy not yet linked to an applicant
    ],
)
def test_seal_name_said(arc, unit, said):
    assert _seal_name_text(arc, unit, (OWN, OTHER)) == said


def test_every_unsure_case_has_a_reason_staff_can_read():
    """GIVEN the decision table's cases that leave a mark 不确定 WHEN the report says why
    THEN each has a plain-Chinese reason (a new case without one would show only 不确定)."""
    from pipeline.certify.decide import CASES, UNSURE
    from pipeline.outputs.vocabulary import UNSURE_REASONS

    unsure = {case.name for case in CASES if case.state == UNSURE}
    assert unsure - set(UNSURE_REASONS) == set()
    assert set(UNSURE_REASONS) - unsure == set()  # no reason for a case that no longer exists

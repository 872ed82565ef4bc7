"""What the applicant page says of a certifying seal's arc text: a unit's name only when the arc
reads cleanly as one the intake knows; a garbled reading is not shown (it would only puzzle staff)."""

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

"""pipeline.assembly.units: unit names normalised; the registry resolves short and long names."""

from __future__ import annotations

import pytest

from pipeline.assembly.units import UnitRegistry, looks_like_unit, seal_reads_as, unit_key


@pytest.mark.parametrize(
    "name",
    [
        "重庆市梁平区恒达机械有限公司",
        "恒达机械公司",
        "恒达机械有限公司",
        "梁平区恒达机械有限责任公司",
        "重庆梁平恒达机械股份有限公司",
        "  恒达 机械 有限公司 ",
        "重庆市梁平区恒达机械有限公司（盖章）",
    ],
)
def test_unit_key_same_unit(name):
    """GIVEN the same company written with or without region prefix, legal form, spaces or a seal note
    WHEN reduced to its key
    THEN all give the key of 恒达机械公司."""
    assert unit_key(name) == unit_key("恒达机械公司")


def test_unit_key_full_width_letters():
    """GIVEN 重庆市梁平区ＡＢ机械有限公司 (full-width letters) and AB 机械公司
    WHEN reduced
    THEN the same key."""
    assert unit_key("重庆市梁平区ＡＢ机械有限公司") == unit_key("AB 机械公司")


def test_unit_key_different_units_differ():
    """GIVEN two different companies
    WHEN reduced
    THEN different keys."""
    assert unit_key("梁平区恒达机械有限公司") != unit_key("梁平区恒通机械有限公司")


def test_unit_key_region_only_name_is_kept():
    """GIVEN a unit called just 梁平区 + one character-name (region prefix would eat nearly all)
    WHEN reduced
    THEN the key is not empty."""
    assert unit_key("梁平区局") != ""


def test_registry_resolves_short_name_by_containment():
    """GIVEN a registry knowing 重庆市梁平区恒达机械制造有限公司
    WHEN resolving 恒达机械制造 (short name, e.g. a folder) and 恒达机械制造有限公司
    THEN both resolve to the known unit."""
    registry = UnitRegistry()
    key = registry.add("重庆市梁平区恒达机械制造有限公司", 0)
    assert registry.resolve("恒达机械制造") == key
    assert registry.resolve("恒达机械制造有限公司") == key
    assert registry.names[key] == "重庆市梁平区恒达机械制造有限公司"


def test_registry_ambiguous_or_too_short_is_none():
    """GIVEN two known units 恒达机械制造公司 and 恒达机械销售公司
    WHEN resolving 恒达机械 (contained in both) or 恒达 (too short) or an unknown name or None
    THEN None each time: never guessed."""
    registry = UnitRegistry()
    registry.add("梁平区恒达机械制造有限公司", 0)
    registry.add("梁平区恒达机械销售有限公司", 0)
    assert registry.resolve("恒达机械") is None
    assert registry.resolve("恒达") is None
    assert registry.resolve("竹艺有限公司") is None
    assert registry.resolve(None) is None


def test_registry_display_name_by_rank_then_length():
    """GIVEN a unit added first from a folder name (rank 2), then from a form (rank 0) with the short name,
    then from another form with the full name
    WHEN the display name is read
    THEN one key, named by the best-ranked source, the longer name among equals."""
    registry = UnitRegistry()
    k1 = registry.add("恒达机械公司", 2)
    k2 = registry.add("恒达机械有限公司", 0)
    k3 = registry.add("重庆市梁平区恒达机械有限公司", 0)
    assert k1 == k2 == k3
    assert registry.names[k1] == "重庆市梁平区恒达机械有限公司"
    assert len(registry.names) == 1


def test_mentioned_in_text():
    """GIVEN a known unit 重庆市梁平区恒达机械有限公司
    WHEN a compacted text mentions 恒达机械 as part of the company name
    THEN the unit is found; a text mentioning another company finds none."""
    registry = UnitRegistry()
    key = registry.add("重庆市梁平区恒达机械有限公司", 0)
    assert registry.mentioned_in("兹证明张建国系恒达机械有限公司职工") == {key}
    assert registry.mentioned_in("兹证明张建国系竹艺公司职工") == set()


@pytest.mark.parametrize(
    "name, expected",
    [("恒达机械有限公司", True), ("梁平区职业教育中心", True), ("梁平区竹编专业合作社", True),
     ("张建国", False), ("焊接", False), ("扫描件", False)],
)
def test_looks_like_unit(name, expected):
    """GIVEN folder names: unit names and non-unit words
    WHEN asked whether they look like a unit
    THEN organisations yes, a person's name or a word no."""
    assert looks_like_unit(name) is expected


OWN = "重庆市梁平区恒达机械有限公司"
OTHER = "重庆润达茶业有限公司"


@pytest.mark.parametrize(
    ("arc", "expected"),
    [
        ("重庆市梁平区恒达机械有限公司", OWN),  # the applicant's own seal, read in full
        ("梁平区恒达机城有限公司", OWN),  # its own, a character misread
        ("重庆润达茶业有限公司", OTHER),  # another known unit, read cleanly
        ("重庆洞达茶业有限公司", OTHER),  # another known unit, to within a misread character
        ("重庆市华夏建筑有限公司", None),  # a clean unit name no known unit has: proves nothing
        ("重庆3润达茶业有阻公司", None),  # stray digits: a garbled arc
        ("润达", None),  # partial: not a unit's name
        ("", None),
    ],
)
def test_seal_reads_as(arc, expected):
    """GIVEN a certifying seal's arc text as OCR read it, the applicant's unit and the units known
    WHEN asked whose name it reads as
    THEN the applicant's own or another known unit only on a clean, full reading, else None."""
    assert seal_reads_as(arc, OWN, (OWN, OTHER)) == expected


def test_seal_reads_as_without_an_applicant():
    """GIVEN a copy not yet linked to an applicant (no unit)
    WHEN its seal reads cleanly as a known unit
    THEN that unit is named (it tells staff whose copy it may be)."""
    assert seal_reads_as(OTHER, "", (OWN, OTHER)) == OTHER

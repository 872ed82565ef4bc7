"""pipeline.rules.load_rules: a bad rule file is a RuleError naming the file and the key."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from pipeline.errors import ExitCode, RuleError
from pipeline.rules import load_rules
from tests.unit.conftest import RULES_DIR


@pytest.fixture
def rules_copy(tmp_path: Path) -> Path:
    folder = tmp_path / "inbox_rules"
    shutil.copytree(RULES_DIR, folder)
    return folder


def _replace(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, f"test setup: {old!r} not in {path.name}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def test_shipped_rules_load(rules):
    """GIVEN the shipped inbox_rules folder
    WHEN loaded
    THEN at least one material rule per CONTRACT.md subtype, the eight CONTRACT.md requirement codes and the notice's limits are there."""
    assert len(rules.materials) >= 8
    assert [item.code for item in rules.requirements] == [
        "forms.application_form", "forms.summary_sheet", "deeds", "report",
        "credentials.id_card", "credentials.skill_certificate", "credentials.diploma", "credentials.work_photo",
    ]
    assert (rules.checks.deeds.min_chars, rules.checks.deeds.max_chars) == (1500, 2000)
    assert rules.checks.achievements.max_chars == 300
    assert (rules.checks.team.min_size, rules.checks.team.max_size) == (3, 15)


def test_copy_loads_with_same_fingerprint(rules, rules_copy):
    """GIVEN an unchanged copy of the rules
    WHEN loaded
    THEN the fingerprint equals the original's; after an edit it differs."""
    assert load_rules(rules_copy).fingerprint == rules.fingerprint
    _replace(rules_copy / "checks.toml", "max_chars = 300", "max_chars = 301")
    assert load_rules(rules_copy).fingerprint != rules.fingerprint


def test_typo_key_in_material_names_file_key_and_suggestion(rules_copy):
    """GIVEN materials.toml where the first rule's `keywords` is misspelt `keywrds`
    WHEN loaded
    THEN RuleError naming materials.toml, the key, and "did you mean 'keywords'"."""
    _replace(rules_copy / "materials.toml", "keywords = {", "keywrds = {")
    with pytest.raises(RuleError) as info:
        load_rules(rules_copy)
    message = str(info.value)
    assert "materials.toml" in message
    assert "keywrds" in message
    assert "did you mean 'keywords'" in message
    assert info.value.exit_code == ExitCode.bad_rules


def test_typo_key_in_checks_nested_table(rules_copy):
    """GIVEN checks.toml with [team] min_size misspelt min_sise
    WHEN loaded
    THEN RuleError names checks.toml, team.min_sise and suggests min_size."""
    _replace(rules_copy / "checks.toml", "min_size = 3", "min_sise = 3")
    with pytest.raises(RuleError) as info:
        load_rules(rules_copy)
    message = str(info.value)
    assert "checks.toml" in message
    assert "team.min_sise" in message
    assert "did you mean 'min_size'" in message


def test_bad_regex_named(rules_copy):
    """GIVEN a material pattern that is not a valid regular expression
    WHEN loaded
    THEN RuleError naming materials.toml, the patterns key and the pattern."""
    _replace(rules_copy / "materials.toml", 'patterns = { "技能大师工作室申报表" = 4.0 }', 'patterns = { "技能(大师" = 4.0 }')
    with pytest.raises(RuleError) as info:
        load_rules(rules_copy)
    message = str(info.value)
    assert "materials.toml" in message
    assert "patterns" in message
    assert "技能(大师" in message


def test_bad_regex_in_level_title_patterns(rules_copy):
    """GIVEN checks.toml with a broken title pattern
    WHEN loaded
    THEN RuleError naming checks.toml and level.title_patterns."""
    _replace(rules_copy / "checks.toml", '"副高"', '"副高["')
    with pytest.raises(RuleError) as info:
        load_rules(rules_copy)
    assert "checks.toml" in str(info.value)
    assert "title_patterns" in str(info.value)


def test_unknown_subtype_with_suggestion(rules_copy):
    """GIVEN a material with subtype "id_crad"
    WHEN loaded
    THEN RuleError naming materials.toml, the subtype key and suggesting 'id_card'."""
    _replace(rules_copy / "materials.toml", 'subtype = "id_card"', 'subtype = "id_crad"')
    with pytest.raises(RuleError) as info:
        load_rules(rules_copy)
    message = str(info.value)
    assert "materials.toml" in message
    assert "subtype" in message
    assert "id_crad" in message
    assert "id_card" in message.replace("id_crad", "")


def test_unknown_type(rules_copy):
    """GIVEN a material of type "deed" (not a CONTRACT.md type)
    WHEN loaded
    THEN RuleError naming materials.toml and the type key."""
    _replace(rules_copy / "materials.toml", 'type = "deeds"', 'type = "deed"')
    with pytest.raises(RuleError) as info:
        load_rules(rules_copy)
    assert "materials.toml" in str(info.value)
    assert ".type" in str(info.value)


def test_invalid_toml_named(rules_copy):
    """GIVEN fields.toml with a syntax error
    WHEN loaded
    THEN RuleError naming fields.toml and saying it is not valid TOML."""
    (rules_copy / "fields.toml").write_text("[field.unit\nlabels = [", encoding="utf-8")
    with pytest.raises(RuleError) as info:
        load_rules(rules_copy)
    assert "fields.toml" in str(info.value)
    assert "TOML" in str(info.value)


def test_missing_file_named(rules_copy):
    """GIVEN a rules folder without requirements.toml
    WHEN loaded
    THEN RuleError naming requirements.toml."""
    (rules_copy / "requirements.toml").unlink()
    with pytest.raises(RuleError) as info:
        load_rules(rules_copy)
    assert "requirements.toml" in str(info.value)


def test_missing_folder(tmp_path):
    """GIVEN a rules folder that does not exist
    WHEN loaded
    THEN RuleError naming the folder."""
    with pytest.raises(RuleError) as info:
        load_rules(tmp_path / "nowhere")
    assert "nowhere" in str(info.value)


def test_requirement_without_material_rule(rules_copy):
    """GIVEN requirements.toml naming subtype diploma while no material rule has it
    WHEN loaded
    THEN RuleError naming requirements.toml and the item."""
    _replace(rules_copy / "materials.toml", 'subtype = "diploma"', 'subtype = "other"')
    with pytest.raises(RuleError) as info:
        load_rules(rules_copy)
    assert "requirements.toml" in str(info.value)
    assert "credentials.diploma" in str(info.value)


def test_missing_core_field(rules_copy):
    """GIVEN fields.toml without [field.expert]
    WHEN loaded
    THEN RuleError naming fields.toml and field.expert."""
    text = (rules_copy / "fields.toml").read_text(encoding="utf-8")
    start = text.index("[field.expert]")
    end = text.index("[field.gender]")
    (rules_copy / "fields.toml").write_text(text[:start] + text[end:], encoding="utf-8")
    with pytest.raises(RuleError) as info:
        load_rules(rules_copy)
    assert "fields.toml" in str(info.value)
    assert "field.expert" in str(info.value)


def test_unknown_top_level_table(rules_copy):
    """GIVEN materials.toml with [[materal]] (typo) instead of [[material]] for one entry
    WHEN loaded
    THEN RuleError naming materials.toml and 'materal'."""
    with (rules_copy / "materials.toml").open("a", encoding="utf-8") as handle:
        handle.write('\n[[materal]]\ntype = "deeds"\ntitle = "x"\n')
    with pytest.raises(RuleError) as info:
        load_rules(rules_copy)
    assert "materials.toml" in str(info.value)
    assert "materal" in str(info.value)

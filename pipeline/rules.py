"""inbox_rules/*.toml loaded into validated models at start-up.

A bad rule file is a `RuleError` naming the file and the key (with a "did you mean" for
typos), raised before any mail or file is touched.
"""

from __future__ import annotations

import difflib
import hashlib
import re
import tomllib
from pathlib import Path
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator, model_validator

from pipeline.errors import RuleError
from pipeline.models import MATERIAL_TYPES, SUBTYPES


def _check_patterns(patterns) -> None:
    for pattern in patterns:
        try:
            re.compile(pattern)
        except re.error as exc:
            raise ValueError(f"pattern {pattern!r} is not a valid regular expression: {exc}") from exc


class _Rule(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class MaterialRule(_Rule):
    type: str
    subtype: str | None = None
    title: str
    keywords: dict[str, float] = Field(default_factory=dict)
    patterns: dict[str, float] = Field(default_factory=dict)
    require_any: list[str] = Field(default_factory=list)
    forbid: list[str] = Field(default_factory=list)
    filename: dict[str, float] = Field(default_factory=dict)
    kinds: list[Literal["pdf", "docx", "xlsx", "image", "text"]] = Field(default_factory=list)
    photo: bool = False
    max_chars: int | None = None
    base: float = 0.0
    narrative: float = 0.0  # added when the text is a narrative (long, in sentences); < 0: never one
    photocopy: bool = False

    @field_validator("type")
    @classmethod
    def _known_type(cls, value: str) -> str:
        if value not in MATERIAL_TYPES or value == "unknown":
            raise ValueError(f"unknown material type {value!r}; one of {', '.join(MATERIAL_TYPES[:-1])}")
        return value

    @field_validator("subtype")
    @classmethod
    def _known_subtype(cls, value: str | None) -> str | None:
        if value is not None and value not in SUBTYPES:
            guess = difflib.get_close_matches(value, SUBTYPES, n=1)
            hint = f" (did you mean {guess[0]!r}?)" if guess else ""
            raise ValueError(f"unknown subtype {value!r}{hint}")
        return value

    @field_validator("patterns")
    @classmethod
    def _patterns_compile(cls, value: dict[str, float]) -> dict[str, float]:
        _check_patterns(value)
        return value

    @property
    def name(self) -> str:
        return f"{self.type}.{self.subtype}" if self.subtype else self.type


class RequirementItem(_Rule):
    code: str
    name: str
    type: str
    subtype: str | None = None


class LimitRange(_Rule):
    min_chars: int | None = None
    max_chars: int


class TeamLimits(_Rule):
    min_size: int
    max_size: int


class LevelRules(_Rule):
    skill_levels: list[str]
    titles: list[str]
    title_patterns: list[str] = Field(default_factory=list)
    heritage: list[str]
    insufficient: list[str]

    @field_validator("title_patterns")
    @classmethod
    def _patterns_compile(cls, value: list[str]) -> list[str]:
        _check_patterns(value)
        return value


class AgeRules(_Rule):
    tolerance_years: int = 1
    reference: Literal["deadline"] = "deadline"


class CheckLimits(_Rule):
    deeds: LimitRange
    achievements: LimitRange
    team: TeamLimits
    level: LevelRules
    age: AgeRules = Field(default_factory=AgeRules)
    city_level_units: list[str] = Field(default_factory=list)


FieldKind = Literal["text", "int", "date", "id_number", "phone", "name", "unit", "long_text"]


class FieldRule(_Rule):
    labels: list[str]
    kind: FieldKind = "text"


class OpinionRules(_Rule):
    boxes: list[str]
    last: str


class FieldVocabulary(_Rule):
    field: dict[str, FieldRule]
    headings: list[str] = Field(default_factory=list)
    other_labels: list[str] = Field(default_factory=list)  # labels of the form that name no field we read
    opinions: OpinionRules

    @model_validator(mode="after")
    def _has_core_fields(self) -> FieldVocabulary:
        for name in ("unit", "expert"):
            if name not in self.field:
                raise ValueError(f"field.{name} is required")
        return self


class Rules(BaseModel):
    """All rules, as one immutable, picklable object handed to workers."""

    model_config = ConfigDict(frozen=True)

    materials: list[MaterialRule]
    requirements: list[RequirementItem]
    checks: CheckLimits
    fields: FieldVocabulary
    fingerprint: str

    def material(self, type_: str, subtype: str | None) -> MaterialRule | None:
        for rule in self.materials:
            if rule.type == type_ and rule.subtype == subtype:
                return rule
        return None

    def is_copy(self, type_: str, subtype: str | None) -> bool:
        rule = self.material(type_, subtype)
        return bool(rule and rule.photocopy)

    def title(self, type_: str, subtype: str | None) -> str:
        rule = self.material(type_, subtype)
        return rule.title if rule else "未能识别"


_FILES = {
    "materials.toml": ("material", MaterialRule, list),
    "requirements.toml": ("item", RequirementItem, list),
    "checks.toml": (None, CheckLimits, dict),
    "fields.toml": (None, FieldVocabulary, dict),
}


def _read(path: Path) -> dict:
    try:
        return tomllib.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError as exc:
        raise RuleError(f"rule file missing: {path}") from exc
    except tomllib.TOMLDecodeError as exc:
        raise RuleError(f"{path}: not valid TOML: {exc}") from exc


def _explain(path: Path, prefix: str, error: ValidationError, model: type[BaseModel]) -> RuleError:
    lines = [f"{path}: invalid rule"]
    for item in error.errors():
        where = ".".join(str(part) for part in (prefix, *item["loc"]) if part != "")
        message = item["msg"]
        if item["type"] == "extra_forbidden":
            key = str(item["loc"][-1])
            guess = difflib.get_close_matches(key, _all_keys(model), n=1)
            message = "unknown key" + (f" (did you mean '{guess[0]}'?)" if guess else "")
        lines.append(f"  {where}: {message}")
    return RuleError("\n".join(lines))


def _all_keys(model: type[BaseModel]) -> list[str]:
    keys = list(model.model_fields)
    for info in model.model_fields.values():
        if isinstance(info.annotation, type) and issubclass(info.annotation, BaseModel):
            keys += _all_keys(info.annotation)
    return keys


def load_rules(folder: Path) -> Rules:
    if not folder.is_dir():
        raise RuleError(f"rules folder not found: {folder}")
    digest = hashlib.sha256()
    parsed: dict[str, object] = {}
    for filename, (table, model, shape) in _FILES.items():
        path = folder / filename
        raw = _read(path)
        digest.update(path.read_bytes())
        if shape is list:
            unknown = set(raw) - {table}
            if unknown:
                raise RuleError(f"{path}: unknown top-level key {sorted(unknown)[0]!r}; expected [[{table}]] tables")
            entries = []
            for index, entry in enumerate(raw.get(table, [])):
                try:
                    entries.append(model(**entry))
                except ValidationError as exc:
                    raise _explain(path, f"{table}[{index}]", exc, model) from exc
            if not entries:
                raise RuleError(f"{path}: no [[{table}]] entries")
            parsed[filename] = entries
        else:
            try:
                parsed[filename] = model(**raw)
            except ValidationError as exc:
                raise _explain(path, "", exc, model) from exc
    rules = Rules(
        materials=parsed["materials.toml"],
        requirements=parsed["requirements.toml"],
        checks=parsed["checks.toml"],
        fields=parsed["fields.toml"],
        fingerprint=digest.hexdigest()[:16],
    )
    for item in rules.requirements:
        if rules.material(item.type, item.subtype) is None and item.subtype is not None:
            raise RuleError(f"{folder / 'requirements.toml'}: item {item.code}: no material rule for {item.type}.{item.subtype}")
    return rules

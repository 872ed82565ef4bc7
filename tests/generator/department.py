"""A supervising department's (主管部门) mail carrying several units' applications, as the
bureau receives it: one unit's files attached directly, each name prefixed with the unit's
short name as people write it (明月机械-工作照片.jpg); another unit's files inside a forwarded
mail (an attached .eml) whose subject names that unit, its work photos pasted into one Word
file under a caption. Textless files (photos) carry no unit name in their content.

    python -m tests.generator.department OUT --seed N [--lean]
"""
from __future__ import annotations

import argparse
import json
import random
import shutil
from datetime import datetime, timezone
from email.message import EmailMessage
from email.utils import format_datetime
from pathlib import Path

from . import identity
from .package import REQUIRED, UnitSpec, UnitTruth, make_package

SHORT_PREFIX_CHARS = 4  # a unit's short name as people write it: the first characters of its distinctive name
LEAN_MISSING = {"credentials.id_card", "credentials.skill_certificate", "credentials.diploma"}  # fewer OCR pages


def short_prefix(unit: identity.Unit) -> str:
    return unit.short_name[:SHORT_PREFIX_CHARS]


def _attach(message: EmailMessage, data: bytes, name: str) -> None:
    message.add_attachment(data, maintype="application", subtype="octet-stream", filename=name)


def department_mail(direct: tuple[UnitTruth, Path, str], forwarded: tuple[UnitTruth, Path], department: str,
                    rng: random.Random) -> bytes:
    """The mail's bytes. `direct`: (truth, folder, short name) of the unit attached directly;
    `forwarded`: (truth, folder) of the unit inside the forwarded mail. Truth paths become the
    attachment names."""
    when = format_datetime(datetime(2023, 8, 28, 2, rng.randint(0, 59), tzinfo=timezone.utc))
    outer = EmailMessage()
    outer["Subject"] = f"{department}关于报送技能大师工作室申报材料的函"
    outer["From"] = f"{department} <dept{rng.randint(10, 99)}@lp.gov.cn>"
    outer["To"] = "jycjk@qq.com"
    outer["Date"] = when
    outer.set_content(f"区人力社保局：\n现将我委所属单位的技能大师工作室申报材料报送你局，请审核。\n{department}")
    truth, folder, short = direct
    for file in truth.files:
        name = file.path if file.path.startswith(short) else f"{short}-{file.path}"
        _attach(outer, (folder / file.path).read_bytes(), name)
        file.path = name
    truth, folder = forwarded
    inner = EmailMessage()
    inner["Subject"] = f"{truth.unit}技能大师工作室申报材料"
    inner["From"] = f"{truth.unit} <unit{rng.randint(100, 999)}@163.com>"
    inner["To"] = str(outer["From"])
    inner["Date"] = when
    inner.set_content(f"您好，附件是{truth.unit}的技能大师工作室申报材料，请转报。")
    for file in truth.files:
        _attach(inner, (folder / file.path).read_bytes(), file.path)
    _attach(outer, inner.as_bytes(), f"转发：{truth.unit}申报材料.eml")
    return outer.as_bytes()


def make_department_mail(out_dir: Path, seed: int, lean: bool = False) -> dict:
    """`out_dir/department.eml` and `out_dir/truth.json` (the units' truth, as make_sample_set
    writes it, paths being attachment names); returns the truth."""
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    rng = random.Random(seed)
    used: set[str] = set()
    first = identity.make_unit(rng, used, sector_key="machinery")
    second = identity.make_unit(rng, used, sector_key="machinery")
    while short_prefix(second) == short_prefix(first):
        second = identity.make_unit(rng, used, sector_key="machinery")
    second.department = first.department
    truths = []
    for index, (unit, photos_docx) in enumerate(((first, False), (second, True))):
        spec = UnitSpec(index=index, seed=rng.randrange(2**31), unit=unit, expert=identity.make_expert(rng, unit),
                        scans=False, evidence=0 if lean else rng.choice([0, 1]), meaningless_names=0.5,
                        missing=set(LEAN_MISSING) if lean else set(), photos_docx=photos_docx)
        truths.append(make_package(spec, out / f".staging{index}", random.Random(spec.seed)))
    data = department_mail((truths[0], out / ".staging0", short_prefix(first)), (truths[1], out / ".staging1"),
                           first.department, rng)
    (out / "department.eml").write_bytes(data)
    for index in range(2):
        shutil.rmtree(out / f".staging{index}")
    truth = {"seed": seed, "layout": "department_mail", "scans": False, "units": [t.as_dict() for t in truths],
             "required": REQUIRED}
    (out / "truth.json").write_text(json.dumps(truth, ensure_ascii=False, indent=1), encoding="utf-8")
    return truth


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("out", type=Path)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--lean", action="store_true", help="no ID card, certificate or diploma copies (fewer OCR pages)")
    args = parser.parse_args()
    truth = make_department_mail(args.out, args.seed, args.lean)
    print(f"{args.out / 'department.eml'}: {', '.join(u['unit'] for u in truth['units'])}")


if __name__ == "__main__":
    main()

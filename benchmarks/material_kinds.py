"""Kinds of real submission, end to end (not a test: prints a table): material type, linking to
the right applicant, exact missing lists and field values, on generated sets of the kinds issue 17
names, through the real `intake ingest` in a fresh deployment per set.

    .venv/bin/python benchmarks/material_kinds.py [--seeds 5 23] [--held-out 71 72] [--full] [--verbose]

Per seed, two sets (tests/generator): a supervising department's mail with two units (one unit's
files attached directly with short-name prefixes, the other's inside a forwarded .eml whose subject
names it, its work photos in one Word file under a caption; `department.py`), and a folder of two
applications whose forms are on paper: filled in by hand and photographed page by page
(申报表1.jpg…), and typed, printed, signed, stamped and scanned (`kinds.py`). Without --full the
ID card, certificate and diploma copies are left out (few OCR pages: 2 cores are shared); they
are then missing in the truth as in the output.

- type: files whose document(s) in status.json have the file's true type and subtype;
- linking: files listed under the applicant of their own unit (not unassigned, not another's);
- missing: applications whose `missing` list is exactly the truth's;
- fields: the truth's non-null values of unit, expert, id_number, gender, occupation, skill_level,
  team_size, staff_count, age, achievements_chars, deeds_chars equal to status.json's.
Seeds under --held-out are reported apart: run them once, as they are, for a first-run figure.
"""

from __future__ import annotations

import argparse
import random
import sys
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from ocr_accuracy import _match_applicants, run_ingest  # noqa: E402  (benchmarks/ is the script's folder)

from tests.generator import identity  # noqa: E402
from tests.generator.department import LEAN_MISSING, make_department_mail  # noqa: E402
from tests.generator.package import UnitSpec, make_package  # noqa: E402

FIELDS = ("unit", "expert", "id_number", "gender", "occupation", "skill_level", "team_size", "staff_count", "age",
          "achievements_chars", "deeds_chars")


@dataclass
class Tally:
    right: int = 0
    total: int = 0

    def add(self, ok: bool) -> None:
        self.right += ok
        self.total += 1

    def __str__(self) -> str:
        return f"{self.right}/{self.total} ({100 * self.right / self.total:.1f}%)" if self.total else "-"


@dataclass
class Score:
    types: Tally = field(default_factory=Tally)
    links: Tally = field(default_factory=Tally)
    missing: Tally = field(default_factory=Tally)
    fields: Tally = field(default_factory=Tally)
    misses: list[str] = field(default_factory=list)

    def merge(self, other: Score) -> None:
        for name in ("types", "links", "missing", "fields"):
            mine, theirs = getattr(self, name), getattr(other, name)
            mine.right += theirs.right
            mine.total += theirs.total
        self.misses += other.misses


def paper_forms(out: Path, seed: int, full: bool) -> dict:
    """Two applications in unit folders: a hand-filled form photographed page by page, with the
    work photos in one Word file; a typed form printed, signed, stamped and scanned."""
    rng = random.Random(seed)
    used: set[str] = set()
    units = []
    for index, form_as in enumerate(("photos", "printed_scan")):
        unit = identity.make_unit(rng, used)
        spec = UnitSpec(index=index, seed=rng.randrange(2**31), unit=unit, expert=identity.make_expert(rng, unit),
                        scans=False, evidence=0 if not full else 1, missing=set() if full else set(LEAN_MISSING),
                        form_as=form_as, photos_docx=index == 0, meaningless_names=0.4)
        truth = make_package(spec, out / unit.name, random.Random(spec.seed))
        for file in truth.files:
            file.path = f"{unit.name}/{file.path}"
        units.append(truth.as_dict())
    return {"units": units}


def score(truth: dict, status: dict) -> Score:
    result = Score()
    matched = _match_applicants(truth["units"], status["applicants"])
    everywhere = [(a, d) for a in status["applicants"] for d in a["documents"]] + [(None, d) for d in status["unassigned"]]
    for index, unit in enumerate(truth["units"]):
        applicant = matched.get(index)
        for file in unit["files"]:
            name = Path(file["path"]).name
            found = [(a, d) for a, d in everywhere if d["filename"] == name]
            typed = bool(found) and all((d["type"], d["subtype"]) == (file["type"], file["subtype"]) for _, d in found)
            result.types.add(typed)
            if not typed:
                result.misses.append(f"type {name}: {file['type']}/{file['subtype']} -> "
                                     f"{[(d['type'], d['subtype']) for _, d in found]}")
            linked = bool(found) and applicant is not None and all(a is applicant for a, _ in found)
            result.links.add(linked)
            if not linked:
                result.misses.append(f"link {name}: {[(a['unit'] if a else None, d['link_reason']) for a, d in found]}")
        exact = applicant is not None and sorted(applicant["missing"]) == sorted(unit["missing"])
        result.missing.add(exact)
        if not exact:
            result.misses.append(f"missing {unit['unit']}: truth {unit['missing']}, got {applicant and applicant['missing']}")
        for name in FIELDS:
            expected = unit["fields"].get(name)
            if expected is None:
                continue
            got = (applicant or {}).get("fields", {}).get(name)
            right = got is not None and str(got).strip() == str(expected)
            result.fields.add(right)
            if not right:
                result.misses.append(f"field {unit['expert']} {name}: truth {expected!r}, got {got!r}")
    return result


def run_seed(seed: int, full: bool, work: Path) -> dict[str, Score]:
    scores = {}
    mail = work / f"mail{seed}"
    truth = make_department_mail(mail, seed, lean=not full)
    status, _ = run_ingest(mail / "department.eml", "rapidocr", work / f"site-mail{seed}")
    scores["department mail"] = score(truth, status)
    forms = work / f"forms{seed}"
    truth = paper_forms(forms, seed, full)
    status, _ = run_ingest(forms, "rapidocr", work / f"site-forms{seed}")
    scores["paper forms"] = score(truth, status)
    return scores


def report(title: str, by_set: dict[str, Score], verbose: bool) -> None:
    print(f"\n{title}")
    print(f"{'set':<18} {'type':>16} {'linking':>16} {'missing exact':>16} {'fields exact':>16}")
    total = Score()
    for name, s in by_set.items():
        print(f"{name:<18} {str(s.types):>16} {str(s.links):>16} {str(s.missing):>16} {str(s.fields):>16}")
        total.merge(s)
    print(f"{'all':<18} {str(total.types):>16} {str(total.links):>16} {str(total.missing):>16} {str(total.fields):>16}")
    if verbose:
        for miss in total.misses:
            print("  ", miss)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--seeds", type=int, nargs="*", default=[5, 23], help="seeds worked on")
    parser.add_argument("--held-out", type=int, nargs="*", default=[], help="seeds never looked at before this run")
    parser.add_argument("--full", action="store_true", help="with the ID card, certificate and diploma copies")
    parser.add_argument("--verbose", action="store_true", help="list every miss")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="material_kinds_") as folder:
        work = Path(folder)
        for label, seeds in (("worked-on seeds", args.seeds), ("held-out seeds (first run)", args.held_out)):
            if not seeds:
                continue
            by_set: dict[str, Score] = {}
            for seed in seeds:
                for name, s in run_seed(seed, args.full, work).items():
                    by_set.setdefault(name, Score()).merge(s)
            report(f"{label}: {', '.join(map(str, seeds))}", by_set, args.verbose)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

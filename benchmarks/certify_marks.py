"""Precision and recall of the certified-copy marks (phrase, seal, signature) on generated copy
pages with known truth, hard negatives included. Not a test: prints a table.

    .venv/bin/python benchmarks/certify_marks.py [--pages 72] [--seed 2023] [--workers 2] [--engine rapidocr] [--style variant]

Each page goes the way a scanned page goes in the pipeline: OCR'd and kept by
`ReadContext.ocr_page` (real Tesseract or RapidOCR, `--engine`), then `pipeline.certify.check_page`.
For each mark, "present" and "absent" are scored as two detection tasks; an "unsure" answer
counts as a miss for both (it is never right), and unsure answers are counted apart.
`--style variant` measures on the pages of a second, independent generator
(tests/generator/copy_variants.py), whose case names list each page's features; `--style blind` on a
third, written blind from a description of real copies (tests/generator/blind_copies; its README names
the seeds to tune on and the held-out seeds nobody runs until the end); `--style blind2` on a fourth,
written blind by another author (tests/generator/blind_copies_2, its own README and seeds).
After the marks, the copy flags: "no phrase / no seal / no signature" raised when the mark is found
absent, right when the truth has no such mark.

`--evidence FILE` keeps each page's evidence (pipeline.certify.evidence) with its truth, one JSON line
a page; `--replay FILE` decides those pages again from their evidence alone (pipeline.certify.decide:
no image, no OCR, a second), to measure a change of the decision on pages already gathered.
`--verbose` prints each miss with the cases that decided it and the evidence behind them.
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
import time
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from pipeline.certify.decide import decide  # noqa: E402
from pipeline.certify.evidence import PageEvidence  # noqa: E402
from pipeline.certify.gather import gather  # noqa: E402
from pipeline.config import OcrSettings, ProcessingSettings  # noqa: E402
from pipeline.ocr import create_engine  # noqa: E402
from pipeline.readers.context import ReadContext  # noqa: E402
from tests.generator.certify_cases import CopyCase, benchmark_cases  # noqa: E402
from tests.generator.blind_copies import blind_cases  # noqa: E402
from tests.generator.blind_copies_2 import blind2_cases  # noqa: E402
from tests.generator.copy_variants import variant_cases  # noqa: E402

MARKS = ("phrase", "seal", "signature")
STYLES = {"default": benchmark_cases, "variant": variant_cases, "blind": blind_cases, "blind2": blind2_cases}
FLAGS = {"phrase": "复印件未经证明 (no phrase)", "seal": "复印件未加盖公章 (no seal)", "signature": "复印件无经办人签字 (no signature)"}


@dataclass
class Outcome:
    name: str
    truth: dict[str, bool]
    found: dict[str, str]  # present | absent | unsure
    seconds: float
    evidence: PageEvidence
    reasons: dict[str, str]  # the decide case of each mark


def _outcome(name: str, truth: dict[str, bool], evidence: PageEvidence, seconds: float) -> Outcome:
    marks = decide(evidence)
    return Outcome(name, truth, {m: getattr(marks, m).state for m in MARKS}, seconds, evidence,
                   {m: getattr(marks, m).reason for m in MARKS})


def _check(args: tuple[int, CopyCase, str, str]) -> Outcome:
    index, case, folder, engine_name = args
    settings = OcrSettings(engine=engine_name)
    engine = create_engine(settings)
    ctx = ReadContext(engine=engine, ocr=settings, processing=ProcessingSettings(), page_folder=Path(folder),
                      key=f"bench{index:04d}")
    content = ctx.ocr_page(case.image, 1)
    start = time.perf_counter()
    evidence = gather(content.image_path, content.boxes, engine)  # check_page is gather + decide
    return _outcome(case.name, case.truth.as_dict(), evidence, time.perf_counter() - start)


def _replayed(path: Path) -> list[Outcome]:
    lines = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    return [_outcome(line["name"], line["truth"], PageEvidence.from_dict(line["evidence"]), 0.0) for line in lines]


def _summary(evidence: PageEvidence) -> str:
    """The evidence behind a miss, in one line."""
    phrase = evidence.phrase
    parts = [f"{evidence.dpi:.0f} dpi", "colour" if evidence.colour else "grey",
             f"phrase {phrase.text!r} {phrase.ink}{' label' if phrase.label else ''}" if phrase else "no phrase"]
    parts += [f"seal {seen.tier}{' over print' if seen.over_print else ''} r={seen.seal.radius:.0f}px "
              f"conf {seen.seal.confidence}" for seen in evidence.seals]
    parts += [f"{ink.place}{'' if ink.seal is None else ink.seal} {ink.ink} {ink.found} {ink.mm2}mm2"
              for ink in evidence.ink if ink.found is not False or ink.mm2]
    parts += [f"name {name.place}" for name in evidence.names]
    if evidence.seal_ink_by_phrase_mm2:
        parts.append(f"seal ink by phrase {evidence.seal_ink_by_phrase_mm2}mm2")
    mm = evidence.px_per_mm
    parts += [f"unexplained {ink.ink} {ink.mm2}mm2 {(ink.box[2] - ink.box[0]) / mm:.0f}x{(ink.box[3] - ink.box[1]) / mm:.0f}mm"
              for ink in (evidence.unexplained or ())[:4]]
    return "; ".join(parts)


def _ratio(hits: int, total: int) -> str:
    return f"{hits / total:6.1%} ({hits}/{total})" if total else "     - (0/0)"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pages", type=int, default=72)
    parser.add_argument("--seed", type=int, default=2023)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--engine", choices=("tesseract", "rapidocr"), default=OcrSettings().engine)
    parser.add_argument("--page-store", type=Path, help="keep the pages' OCR here between runs (default: a temporary folder)")
    parser.add_argument("--verbose", action="store_true", help="list every page that was not answered right")
    parser.add_argument("--style", choices=tuple(STYLES), default="default",
                        help="which generator makes the pages: certify_cases (default), copy_variants (variant), "
                             "blind_copies (blind) or blind_copies_2 (blind2)")
    parser.add_argument("--evidence", type=Path, help="write each page's evidence and truth here (JSON lines)")
    parser.add_argument("--replay", type=Path, help="decide the pages of an --evidence file again, without OCR")
    args = parser.parse_args()
    if args.replay:
        outcomes = _replayed(args.replay)
        print(f"{len(outcomes)} copy pages replayed from {args.replay}")
    else:
        cases = STYLES[args.style](args.pages, args.seed)
        with tempfile.TemporaryDirectory() as temporary:
            folder = str(args.page_store or temporary)
            with ProcessPoolExecutor(args.workers) as pool:
                outcomes = list(pool.map(_check, [(i, case, folder, args.engine) for i, case in enumerate(cases)]))
        hard = sum(case.hard_negative for case in cases)
        grey = sum(case.grayscale for case in cases)
        labels = sum(case.template for case in cases)
        print(f"{len(outcomes)} copy pages (style {args.style}, seed {args.seed}, OCR engine {args.engine}): {hard} hard negatives with red print or a document seal only, "
              f"{labels} with the printed certification label, {grey} black-and-white scans")
        if args.evidence:
            with args.evidence.open("w", encoding="utf-8") as out:
                for o in outcomes:
                    out.write(json.dumps({"name": o.name, "truth": o.truth, "evidence": o.evidence.to_dict()},
                                         ensure_ascii=False) + "\n")
    print(f"{'mark':<10} {'present: precision':<22} {'recall':<18} {'absent: precision':<22} {'recall':<18} unsure")
    for mark in MARKS:
        row = []
        for state, truth_value in (("present", True), ("absent", False)):
            said = [o for o in outcomes if o.found[mark] == state]
            right = [o for o in said if o.truth[mark] is truth_value]
            actual = [o for o in outcomes if o.truth[mark] is truth_value]
            row += [_ratio(len(right), len(said)), _ratio(len(right), len(actual))]
        unsure = sum(o.found[mark] == "unsure" for o in outcomes)
        print(f"{mark:<10} {row[0]:<22} {row[1]:<18} {row[2]:<22} {row[3]:<18} {unsure}")
    print(f"{'copy flag':<36} {'precision':<18} {'recall':<18} false flags")
    for mark in MARKS:
        raised = [o for o in outcomes if o.found[mark] == "absent"]
        right = [o for o in raised if not o.truth[mark]]
        due = [o for o in outcomes if not o.truth[mark]]
        print(f"{FLAGS[mark]:<36} {_ratio(len(right), len(raised)):<18} {_ratio(len(right), len(due)):<18} "
              f"{len(raised) - len(right)}")
    seconds = sorted(o.seconds for o in outcomes)
    if not args.replay:
        print(f"check time per page (after OCR): median {seconds[len(seconds) // 2]:.2f} s, max {seconds[-1]:.2f} s")
    if args.verbose:
        for o in outcomes:
            wrong = [m for m in MARKS if o.found[m] != {True: "present", False: "absent"}[o.truth[m]]]
            if wrong:
                print(f"  {o.name}: " + ", ".join(f"{m} truth {o.truth[m]} found {o.found[m]} ({o.reasons[m]})"
                                                  for m in wrong))
                print(f"      {_summary(o.evidence)}")


if __name__ == "__main__":
    main()

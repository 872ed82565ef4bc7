"""Write generated copy pages as the bureau receives them, with their truth:

    python -m tests.generator.blind_copies_2 OUT --count N --seed S

OUT/<index>_<名称>.<jpg|png|tif|pdf> and OUT/truth.json ({file: {name, truth, features}})."""

from __future__ import annotations

import argparse
import dataclasses
import json
from pathlib import Path

from . import make_case


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out", type=Path)
    parser.add_argument("--count", type=int, default=24)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args(argv)
    args.out.mkdir(parents=True, exist_ok=True)
    truth = {}
    for index in range(args.count):
        case = make_case(args.seed, index)
        (args.out / case.file_name).write_bytes(case.delivery.payload)
        truth[case.file_name] = {"name": case.name, "truth": case.truth.as_dict(),
                                 "features": dataclasses.asdict(case.plan),
                                 "hard_negative": case.hard_negative, "grayscale": case.grayscale,
                                 "template": case.template}
    (args.out / "truth.json").write_text(json.dumps(truth, ensure_ascii=False, indent=1), encoding="utf-8")
    print(f"{args.count} pages (seed {args.seed}) written to {args.out}")


if __name__ == "__main__":
    main()

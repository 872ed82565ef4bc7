"""python -m tests.generator.blind_copies OUT [--count 24] [--seed 1]: write the cases' files and truth.json."""

import argparse
from pathlib import Path

from tests.generator.blind_copies import blind_cases, write_cases

parser = argparse.ArgumentParser(description=__doc__)
parser.add_argument("out", type=Path)
parser.add_argument("--count", type=int, default=24)
parser.add_argument("--seed", type=int, default=1)
args = parser.parse_args()
print(write_cases(blind_cases(args.count, args.seed), args.out))

"""python -m tests.generator OUT --units 6 --seed 1 [--no-scans] [--layout flat|folders] [--bundles|--no-bundles]"""
from __future__ import annotations

import argparse
import time
from collections import Counter

from .package import make_sample_set


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m tests.generator", description=__doc__)
    ap.add_argument("out")
    ap.add_argument("--units", type=int, default=6)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--no-scans", dest="scans", action="store_false")
    ap.add_argument("--layout", choices=["folders", "flat"], default="folders")
    ap.add_argument("--bundles", dest="bundles", action="store_true", default=None)
    ap.add_argument("--no-bundles", dest="bundles", action="store_false")
    ap.add_argument("--dpi", type=int, default=150)
    ap.add_argument("--legacy", action="store_true", help="also produce some .doc/.xls via LibreOffice (slow)")
    ap.add_argument("--workers", type=int, default=None)
    a = ap.parse_args(argv)
    t = time.time()
    st = make_sample_set(a.out, units=a.units, seed=a.seed, scans=a.scans, layout=a.layout, bundles=a.bundles,
                         dpi=a.dpi, legacy=a.legacy, workers=a.workers)
    nfiles = len({f.path for u in st.units for f in u.files})
    flags = Counter(f for u in st.units for f in u.flags)
    print(f"{len(st.units)} applications, {nfiles} files in {a.out} ({time.time() - t:.1f}s); truth: {a.out}/truth.json")
    for u in st.units:
        print(f"  {u.unit} / {u.expert}: missing={u.missing} flags={u.flags}")
    print("flags:", dict(flags))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

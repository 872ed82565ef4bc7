"""What keeping a page in the page store costs (not a test: prints a table).

Renders one page of each kind (benchmarks/ocr_accuracy.PAGE_KINDS), degraded like a scan and
prepared as the pipeline prepares a page (pipeline.ocr.prepare), then encodes each losslessly
several ways: the page store's own (pipeline.readers.context.png_bytes) beside Pillow's PNG at zlib
levels 0, 1 and 6 (level 1 was the store's before). Prints CPU milliseconds per page to encode and
to decode with Pillow (as the certification checks and reports read a page), and megabytes per page;
checks each encoding gives back the same pixels. A JPEG line shows what lossy storage would cost.

    .venv/bin/python benchmarks/page_store.py [--pages-per-kind 1] [--repeat 3] [--seed 3]
"""

from __future__ import annotations

import argparse
import io
import random
import sys
import time
from collections.abc import Callable
from pathlib import Path

import numpy as np
from PIL import Image

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from benchmarks.ocr_accuracy import PAGE_KINDS  # noqa: E402
from pipeline.ocr.prepare import crop_to_page, decoded, normalise_size  # noqa: E402
from pipeline.readers.context import png_bytes  # noqa: E402
from tests.generator import degrade  # noqa: E402


def _pillow(format_: str, **options) -> Callable[[Image.Image], bytes]:
    def encode(image: Image.Image) -> bytes:
        out = io.BytesIO()
        image.save(out, format_, **options)
        return out.getvalue()
    return encode


WAYS: dict[str, tuple[Callable[[Image.Image], bytes], bool]] = {  # name: (encode, lossless)
    "page store (zlib 1, rows unfiltered)": (png_bytes, True),
    "Pillow PNG, zlib 0": (_pillow("PNG", compress_level=0), True),
    "Pillow PNG, zlib 1 (before)": (_pillow("PNG", compress_level=1), True),
    "Pillow PNG, zlib 6": (_pillow("PNG", compress_level=6), True),
    "JPEG quality 92 (lossy)": (_pillow("JPEG", quality=92), False),
}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pages-per-kind", type=int, default=1)
    parser.add_argument("--repeat", type=int, default=3, help="encode each page this many times")
    parser.add_argument("--seed", type=int, default=3)
    args = parser.parse_args()
    rng = random.Random(args.seed)
    pages = []
    for render in PAGE_KINDS.values():
        for _ in range(args.pages_per_kind):
            scan = degrade.apply(render(rng, True).images[0], degrade.random_style(rng), rng)
            pages.append(normalise_size(crop_to_page(decoded(scan))))
    sizes = sorted({f"{page.width}x{page.height} {page.mode}" for page in pages})
    print(f"{len(pages)} prepared pages ({', '.join(sizes)}), each encoded {args.repeat} times")
    print(f"{'way':<38} {'encode ms':>9} {'decode ms':>9} {'MB/page':>7}")
    for name, (encode, lossless) in WAYS.items():
        encode_cpu = decode_cpu = 0.0
        size = 0
        for page in pages:
            for _ in range(args.repeat):
                started = time.process_time()
                data = encode(page)
                encode_cpu += time.process_time() - started
            started = time.process_time()
            with Image.open(io.BytesIO(data)) as back:
                back.load()
                decode_cpu += time.process_time() - started
                if lossless and not np.array_equal(np.asarray(back), np.asarray(page)):
                    raise SystemExit(f"{name}: pixels changed")
            size += len(data)
        n = len(pages)
        print(f"{name:<38} {encode_cpu * 1000 / n / args.repeat:>9.0f} {decode_cpu * 1000 / n:>9.0f} {size / n / 1e6:>7.2f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

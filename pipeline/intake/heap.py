"""A worker gives the memory it freed back to the system after each file.

glibc's malloc keeps what a process frees for its next allocations, in the heap it grew: after a
scanned file, a RapidOCR worker held 500-650 MB although 250 MB was in use (the engine's
activations and the page images are large, short-lived arrays; benchmarks/README.md, issue 16).
Between files that memory is idle, in each worker of the pool, for as long as the daemon waits.
malloc_trim(0) returns it (a few milliseconds). Where the C library has no malloc_trim (not
glibc), nothing is done.
"""

from __future__ import annotations

import ctypes
import ctypes.util
from functools import cache


@cache
def _malloc_trim():
    name = ctypes.util.find_library("c")
    library = ctypes.CDLL(name) if name else None
    return getattr(library, "malloc_trim", None)


def give_back_free_memory() -> None:
    trim = _malloc_trim()
    if trim is not None:
        trim(0)

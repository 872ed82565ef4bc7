"""A worker gives the memory it freed back to the system after each file (pipeline.intake.heap)."""

from __future__ import annotations

import pytest

from pipeline.intake.heap import _malloc_trim, give_back_free_memory

BLOCK = 64 * 1024  # below glibc's mmap threshold: taken from the heap, as a page's many arrays are


def _rss_mb() -> float:
    with open("/proc/self/status", encoding="ascii") as status:
        line = next(line for line in status if line.startswith("VmRSS:"))
    return int(line.split()[1]) / 1024


@pytest.mark.skipif(_malloc_trim() is None, reason="the C library has no malloc_trim (not glibc)")
def test_memory_freed_inside_the_heap_goes_back():
    """GIVEN 128 MB of blocks freed below a block still in use (so the heap cannot simply shrink)
    WHEN the worker gives back its free memory
    THEN the process holds at least 64 MB less."""
    blocks = [bytes(BLOCK) for _ in range(2000)]
    pinned = bytes(BLOCK)
    del blocks
    held = _rss_mb()
    give_back_free_memory()
    assert held - _rss_mb() > 64
    assert len(pinned) == BLOCK

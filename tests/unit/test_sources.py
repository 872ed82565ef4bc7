"""pipeline.sources: the scan folder's StabilityTracker (pure, explicit clock) and placement."""

from __future__ import annotations

import os
import time
from pathlib import Path, PurePosixPath

import pytest

from pipeline.sources.placement import group_of, unit_hint
from pipeline.sources.scan_folder import FileState, StabilityTracker
from pipeline.store.blobs import STALE_TEMP_SECONDS, BlobStore

PDF = Path("/scan/恒达/bundle.pdf")


def test_file_stable_after_stable_seconds():
    """GIVEN a file seen at t=100 with size 10, stable_seconds 5
    WHEN asked at 104.9 and at 105
    THEN not yet, then stable."""
    tracker = StabilityTracker(5)
    tracker.observe(PDF, FileState(10, 1.0), now=100)
    assert tracker.stable(104.9) == []
    assert tracker.stable(105) == [PDF]


def test_growing_file_restarts_the_clock():
    """GIVEN a file seen at t=0 (size 10), again at t=4 with size 20 (the scanner still writing)
    WHEN asked at t=6 and t=9
    THEN not stable at 6 (only 2 s since the change), stable at 9."""
    tracker = StabilityTracker(5)
    tracker.observe(PDF, FileState(10, 1.0), now=0)
    tracker.observe(PDF, FileState(20, 2.0), now=4)
    assert tracker.stable(6) == []
    assert tracker.stable(9) == [PDF]


def test_mtime_change_alone_restarts_the_clock():
    """GIVEN the same size but a new mtime at t=4
    WHEN asked at t=6
    THEN not stable."""
    tracker = StabilityTracker(5)
    tracker.observe(PDF, FileState(10, 1.0), now=0)
    tracker.observe(PDF, FileState(10, 1.5), now=4)
    assert tracker.stable(6) == []


def test_unchanged_reobservation_keeps_the_clock():
    """GIVEN a file seen at t=0 and seen unchanged at t=3 and t=4
    WHEN asked at t=5
    THEN stable: seeing it again unchanged does not restart the wait."""
    tracker = StabilityTracker(5)
    for now in (0, 3, 4):
        tracker.observe(PDF, FileState(10, 1.0), now=now)
    assert tracker.stable(5) == [PDF]


def test_forget():
    """GIVEN two files observed
    WHEN one is forgotten (and a path never seen)
    THEN only the other becomes stable."""
    other = Path("/scan/a.jpg")
    tracker = StabilityTracker(1)
    tracker.observe(PDF, FileState(1, 1.0), now=0)
    tracker.observe(other, FileState(1, 1.0), now=0)
    assert sorted(tracker.stable(10)) == sorted([PDF, other])
    tracker.forget(PDF)
    tracker.forget(Path("/never/seen"))
    assert tracker.stable(10) == [other]


@pytest.mark.parametrize("relative, hint", [
    ("恒达机械有限公司/申报表.pdf", "恒达机械有限公司"),
    ("2023申报/恒达机械有限公司/扫描件/p1.pdf", "恒达机械有限公司"),
    ("恒达/申报表.pdf", "恒达"),
    ("8月/扫描/p1.pdf", "8月"),
    ("申报表.pdf", None),
])
def test_unit_hint(relative, hint):
    """GIVEN a scanned file's path relative to the scan folder
    WHEN its unit hint is read
    THEN the nearest folder that looks like a unit, else the top-level folder, else none."""
    assert unit_hint(PurePosixPath(relative)) == hint


@pytest.mark.parametrize("relative, group", [
    ("恒达/申报表.pdf", "scan:恒达/"),
    ("恒达/扫描件/p1.pdf", "scan:恒达/"),
    ("申报表.pdf", "scan:申报表.pdf"),
])
def test_group_of(relative, group):
    """GIVEN a path relative to the scan folder
    WHEN its sibling group is read
    THEN files under one top-level subfolder share a group; a top-level file stands alone."""
    assert group_of("scan:", PurePosixPath(relative)) == group


def test_top_level_files_are_not_siblings():
    """GIVEN two files at the top level of the scan folder
    WHEN their groups are read
    THEN the groups differ."""
    assert group_of("scan:", PurePosixPath("a.pdf")) != group_of("scan:", PurePosixPath("b.pdf"))


def test_blob_store_removes_only_stale_half_written_copies(tmp_path):
    """GIVEN a copy a crash left in blobs/incoming hours ago, and one being written now
    WHEN the store opens THEN the stale one is gone and the fresh one is untouched."""
    incoming = tmp_path / "blobs" / "incoming"
    incoming.mkdir(parents=True)
    stale, fresh = incoming / "tmpold", incoming / "tmpnew"
    stale.write_bytes(b"half")
    fresh.write_bytes(b"being written")
    past = time.time() - STALE_TEMP_SECONDS - 60
    os.utime(stale, (past, past))
    BlobStore(tmp_path / "blobs")
    assert not stale.exists()
    assert fresh.exists()

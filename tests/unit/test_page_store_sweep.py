"""The page store's sweep at start-up: temporary files a crash left and the pages of earlier
page reading versions go; pages being written, current pages, pages the reports still show,
and anything the page store did not write stay."""

from __future__ import annotations

import logging
import os
import time
from datetime import datetime, timezone
from pathlib import Path

from pipeline.app import App
from pipeline.config import Settings
from pipeline.models import Classification, DocumentResult, MarkFinding, Origin, PageCertification, Sighting
from pipeline.readers.context import PAGE_READING_VERSION, STALE_TEMP_SECONDS, sweep_page_folder
from tests.unit.conftest import RULES_DIR

KEY = "0123456789abcdef" * 2
OTHER_KEY = "fedcba9876543210" * 2
THIRD_KEY = "00112233445566778899aabbccddeeff"
CURRENT = f"v{PAGE_READING_VERSION}"


def _file(path: Path, age_seconds: float = 0) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(b"x")
    then = time.time() - age_seconds
    os.utime(path, (then, then))
    return path


def test_stale_temporary_files_go_and_young_ones_stay(tmp_path):
    """GIVEN temporary files of a page result and a page image, one left hours ago and one being
    written now, in the current version's folder WHEN the page folder is swept THEN only the old go."""
    old = [_file(tmp_path / CURRENT / "tmpa1b2_c3d.part", STALE_TEMP_SECONDS + 60),
           _file(tmp_path / CURRENT / f"{KEY}.jpg.part", STALE_TEMP_SECONDS + 60),
           _file(tmp_path / CURRENT / f"{KEY}-marks.jpg.part", STALE_TEMP_SECONDS + 60)]
    young = [_file(tmp_path / CURRENT / "tmpz9y8x7w6.part", 60), _file(tmp_path / CURRENT / f"{OTHER_KEY}.jpg.part")]
    sweep_page_folder(tmp_path, shown=set())
    assert [path.exists() for path in old + young] == [False, False, False, True, True]


def test_pages_of_earlier_readings_go_unless_shown(tmp_path, caplog):
    """GIVEN pages from before reading versions had folders, an earlier version's folder, and the
    current version's pages WHEN the folder is swept THEN the earlier pages go (an emptied version
    folder too), except an image a stored result shows; the current pages stay; and the log says
    how many went."""
    legacy = [_file(tmp_path / f"{KEY}.json"), _file(tmp_path / f"{KEY}.jpg"), _file(tmp_path / f"{KEY}-expert.jpg")]
    shown = _file(tmp_path / f"{OTHER_KEY}.jpg")
    earlier = [_file(tmp_path / "v1" / f"{KEY}.json"), _file(tmp_path / "v1" / f"{KEY}.jpg")]
    current = [_file(tmp_path / CURRENT / f"{KEY}.json"), _file(tmp_path / CURRENT / f"{KEY}.jpg")]
    with caplog.at_level(logging.INFO, logger="pipeline.pages"):
        sweep_page_folder(tmp_path, shown={shown.name})
    assert not any(path.exists() for path in legacy + earlier)
    assert not (tmp_path / "v1").exists()
    assert shown.exists() and all(path.exists() for path in current)
    assert "0 unfinished temporary file(s) and 5 page file(s)" in caplog.text
    assert "1 older page file(s) kept" in caplog.text


def test_files_not_written_by_the_page_store_stay(tmp_path):
    """GIVEN files and folders in the page folder under names the page store does not write
    WHEN the folder is swept THEN all stay, and so does the earlier version's folder holding one."""
    old = STALE_TEMP_SECONDS + 60
    foreign = [_file(tmp_path / "readme.txt", old), _file(tmp_path / "v2" / "notes.part", old),
               _file(tmp_path / "backup" / f"{KEY}.json"), _file(tmp_path / f"{KEY}.gif")]
    sweep_page_folder(tmp_path, shown=set())
    assert all(path.exists() for path in foreign)


def test_the_app_keeps_the_page_images_stored_results_show(tmp_path):
    """GIVEN a stored result whose thumbnail, checked copy page and unread line are images of an
    earlier reading, and another earlier page no result shows WHEN the app sweeps the page folder
    THEN the shown images stay and the other page goes."""
    app = App(Settings(paths={"rules_folder": str(RULES_DIR)}, base_dir=tmp_path))
    pages = app.store.pages_folder
    thumbnail, copy_page = _file(pages / f"{KEY}.jpg"), _file(pages / "v1" / f"{THIRD_KEY}.jpg")
    line, unshown = _file(pages / f"{KEY}-unit.jpg"), _file(pages / f"{OTHER_KEY}.jpg")
    sha256 = app.store.blobs.put_bytes(b"a scanned form")
    app.store.record_sighting(Sighting(sha256, "a.jpg", Origin("scan:a.jpg", datetime.now(timezone.utc), "scan:")))
    unsure = MarkFinding("unsure", 0.5)
    result = DocumentResult(
        id=sha256[:16], sha256=sha256, pages=(1, 1), kind="image",
        classification=Classification("forms", "application_form", 0.9), text_chars=0,
        page_images=[str(thumbnail)], unread_fields={"unit": str(line)},
        certification_pages=[PageCertification(1, str(copy_page), unsure, unsure, unsure)],
    )
    app.store.save_results(sha256, [result], "rules")
    try:
        app.sweep_pages()
    finally:
        app.close()
    assert thumbnail.exists() and copy_page.exists() and line.exists()
    assert not unshown.exists()

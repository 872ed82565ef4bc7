"""Transient failures (pipeline.intake.retry): which errors are, how a file waits and is tried again."""

from __future__ import annotations

import errno
import sqlite3
import subprocess
from datetime import datetime, timedelta, timezone

import pytest

from pipeline.errors import FileReadError, MissingProgramError, PasswordProtectedError
from pipeline.intake import runner
from pipeline.intake.retry import MAX_DELAY, Cause, plan_retry, transient_cause
from tests.unit import crashing_worker
from tests.unit.test_runner import _processor, _receive, store  # noqa: F401 - the fixture


def _raised_from(cause: BaseException, error: BaseException) -> BaseException:
    try:
        raise error from cause
    except BaseException as raised:  # noqa: BLE001
        return raised


def _sqlite_full() -> sqlite3.OperationalError:
    error = sqlite3.OperationalError("database or disk is full")
    error.sqlite_errorcode = sqlite3.SQLITE_FULL
    return error


@pytest.mark.parametrize("error, cause", [
    (OSError(errno.ENOSPC, "No space left on device"), Cause.disk_full),
    (OSError(errno.EDQUOT, "Disk quota exceeded"), Cause.disk_full),
    (_sqlite_full(), Cause.disk_full),
    (MemoryError(), Cause.out_of_memory),
    (MissingProgramError("LibreOffice is not installed"), Cause.missing_program),
    (_raised_from(subprocess.TimeoutExpired("soffice", 120), FileReadError("LibreOffice 转换超时")), Cause.timeout),
    (_raised_from(OSError(errno.ENOSPC, "full"), RuntimeError("page store")), Cause.disk_full),
    (FileReadError("PDF 文件已损坏"), None),
    (PasswordProtectedError("PDF 文件设有密码"), None),
    (OSError(errno.EACCES, "Permission denied"), None),
    (ValueError("a reader's bug"), None),
])
def test_transient_causes_are_told_from_permanent_failures(error, cause):
    assert transient_cause(error) is cause


def test_causes_in_the_server_are_retried_for_ever_those_in_the_file_three_times_with_growing_waits():
    assert all(plan_retry(Cause.disk_full, n).retry for n in (1, 10, 100))
    assert all(plan_retry(Cause.missing_program, n).retry for n in (1, 10, 100))
    assert [plan_retry(Cause.out_of_memory, n).retry for n in (1, 2, 3)] == [True, True, False]
    delays = [plan_retry(Cause.disk_full, n).delay for n in range(1, 12)]
    assert delays == sorted(delays) and delays[0] == timedelta(minutes=1) and delays[-1] == MAX_DELAY


def test_a_file_failing_on_a_full_disk_waits_listed_and_is_processed_once_there_is_room(store, rules, monkeypatch):
    """GIVEN a file whose processing fails for lack of disk space WHEN the pool runs it THEN it is
    not failed for good: it is listed as waiting, not taken again before its time, and once there
    is room (and its time has come) it is processed and its error is gone."""
    monkeypatch.setattr(runner, "process_file", crashing_worker.disk_full_until_room)
    sha = _receive(store, "full.pdf")
    processor = _processor(store, rules, 1)
    try:
        processor.run_pending()
        [entry] = store.errors()
        assert entry.filename == "full.pdf" and "磁盘空间不足" in entry.error and "自动重试" in entry.error
        assert store.pending(rules.fingerprint) == [] and store.waiting() == 1
        (store.blobs.path(sha).parent / "room").touch()
        store.retry_waiting_now()
        assert processor.run_pending() == 1
    finally:
        processor.close()
    assert store.errors() == [] and sha in store.documents() and store.waiting() == 0


def test_a_retry_time_in_the_past_makes_the_file_pending(store, rules):
    sha = _receive(store, "a.pdf")
    store.defer(sha, "暂时无法处理", "unreadable_file", datetime.now(timezone.utc) - timedelta(seconds=1))
    assert store.pending(rules.fingerprint) == [(sha, "a.pdf")] and store.attempts(sha) == 1


def test_files_an_older_version_failed_for_good_on_a_full_disk_are_pending_again(tmp_path, rules):
    """GIVEN a store made before retries existed, with one file failed by a full disk and one corrupt
    WHEN this version opens it THEN the first is pending again, the corrupt one stays failed."""
    import sqlite3

    from pipeline.store import Store

    old = Store(tmp_path / "var")
    full, corrupt = _receive(old, "full.pdf"), _receive(old, "corrupt.pdf")
    old.save_failure(full, "处理时发生内部错误: OSError: [Errno 28] No space left on device", "unreadable_file", "r")
    old.save_failure(corrupt, "PDF 文件已损坏", "unreadable_file", "r")
    old.close()
    with sqlite3.connect(tmp_path / "var" / "intake.sqlite3") as db:  # as the first release left it
        db.execute("ALTER TABLE files DROP COLUMN retry_at")
    reopened = Store(tmp_path / "var")
    try:
        assert reopened.pending() == [(full, "full.pdf")]
        assert [entry.filename for entry in reopened.errors()] == ["corrupt.pdf"]
    finally:
        reopened.close()

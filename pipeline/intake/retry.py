"""Transient failures: what went wrong around a file rather than in it. A full disk, memory
running out, a program not installed, a timeout: the file is kept, waits, and is processed
again once the cause is gone. Corrupt or encrypted files are permanent failures, never retried.

One pure decision, as data: which errors are transient (by their cause chain), how long a
file waits before its next try, and how many tries a cause that may lie in the file itself
(memory, time) gets before the file is reported for a person to look at.
"""

from __future__ import annotations

import errno
import sqlite3
import subprocess
from dataclasses import dataclass
from datetime import timedelta
from enum import Enum

from pipeline.errors import MissingProgramError


class Cause(Enum):
    disk_full = "磁盘空间不足"
    out_of_memory = "内存不足"
    missing_program = "缺少所需程序"
    timeout = "处理超时"


# None: retried until the cause is gone (it lies in the server); a number: a huge file may
# exhaust memory or time on every try, so it is reported after that many.
MAX_ATTEMPTS: dict[Cause, int | None] = {
    Cause.disk_full: None,
    Cause.missing_program: None,
    Cause.out_of_memory: 3,
    Cause.timeout: 3,
}
FIRST_DELAY = timedelta(minutes=1)
MAX_DELAY = timedelta(hours=1)

_DISK_FULL = {errno.ENOSPC, errno.EDQUOT}
_OUT_OF_MEMORY = {errno.ENOMEM, errno.EMFILE, errno.ENFILE}


@dataclass(frozen=True)
class Retry:
    cause: Cause
    retry: bool  # False: tried often enough, now a failure
    delay: timedelta


def transient_cause(error: BaseException) -> Cause | None:
    """The transient cause of an error, looking through what it was raised from; None: permanent."""
    seen: set[int] = set()
    current: BaseException | None = error
    while current is not None and id(current) not in seen:
        seen.add(id(current))
        cause = _own_cause(current)
        if cause is not None:
            return cause
        current = current.__cause__ or current.__context__
    return None


def _own_cause(error: BaseException) -> Cause | None:
    if isinstance(error, MemoryError):
        return Cause.out_of_memory
    if isinstance(error, MissingProgramError):
        return Cause.missing_program
    if isinstance(error, (subprocess.TimeoutExpired, TimeoutError)):
        return Cause.timeout
    if isinstance(error, sqlite3.OperationalError) and getattr(error, "sqlite_errorcode", None) == sqlite3.SQLITE_FULL:
        return Cause.disk_full
    if isinstance(error, OSError):
        if error.errno in _DISK_FULL:
            return Cause.disk_full
        if error.errno in _OUT_OF_MEMORY:
            return Cause.out_of_memory
        if type(error).__name__ == "TesseractNotFoundError":  # by name: pytesseract lives in pipeline/ocr only
            return Cause.missing_program
    return None


def plan_retry(cause: Cause, attempts: int) -> Retry:
    """`attempts`: tries made so far, this one included."""
    limit = MAX_ATTEMPTS[cause]
    delay = min(MAX_DELAY, FIRST_DELAY * 2 ** min(max(0, attempts - 1), 16))
    return Retry(cause, limit is None or attempts < limit, delay)


def waiting_message(cause: Cause) -> str:
    return f"暂时无法处理（{cause.value}），文件已保留，原因消除后自动重试"


def given_up_message(cause: Cause, attempts: int, reason: str) -> str:
    """`reason`: the failure's own entry (pipeline.errors.failure_of)."""
    return f"重试 {attempts} 次仍无法处理（{cause.value}）：{reason}"

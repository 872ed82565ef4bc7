"""The package's one error hierarchy, and the one funnel from a file's failure to what staff read.

Errors become exit codes in exactly one place (`pipeline.cli`). Whatever goes wrong with one
file (a reader's FileReadError, a bug's exception, a crashed worker, a name that is not text)
becomes its `FileFailure` in exactly one place (`failure_of`), so a bad file never stops the
daemon and every error entry reads alike.
"""

from __future__ import annotations

import zlib
from dataclasses import dataclass
from enum import IntEnum

UNREADABLE = "unreadable_file"
PASSWORD_PROTECTED = "password_protected"


class ExitCode(IntEnum):
    ok = 0
    pass_failed = 1
    bad_config = 2
    bad_rules = 3
    missing_program = 4
    store_busy = 5
    interrupted = 130


class IntakeError(Exception):
    """Base of every error the package raises on purpose."""

    exit_code = ExitCode.pass_failed


class ConfigError(IntakeError):
    """config.toml is missing, malformed or names something that does not exist."""

    exit_code = ExitCode.bad_config


class RuleError(IntakeError):
    """A file in inbox_rules/ is invalid; the message names the file and the key."""

    exit_code = ExitCode.bad_rules


class MissingProgramError(IntakeError):
    """An external program (tesseract, soffice) is not installed or too old."""

    exit_code = ExitCode.missing_program


class StoreBusyError(IntakeError):
    """Another intake process holds the state folder's lock; two must never share a store."""

    exit_code = ExitCode.store_busy


class FileReadError(IntakeError):
    """One received file could not be read. Becomes an `errors` entry, never fatal.

    `code` is the flag code shown to staff (unreadable_file, password_protected).
    """

    def __init__(self, message: str, *, code: str = UNREADABLE) -> None:
        super().__init__(message)
        self.code = code


class PasswordProtectedError(FileReadError):
    def __init__(self, message: str) -> None:
        super().__init__(message, code=PASSWORD_PROTECTED)


class UnsupportedFormatError(FileReadError):
    pass


@dataclass(frozen=True)
class FileFailure:
    """What staff read about one file that could not be taken in or read."""

    code: str  # the flag code: unreadable_file, password_protected, ...
    reason: str  # plain Chinese: what could not be done and what to do


def failure_of(error: FileFailure | BaseException | str) -> FileFailure:
    """The one place a failure of one file becomes its error entry's code and reason.

    `error` is the exception raised while taking in or reading the file, or a reason already
    written for staff (a worker that died, a mail given up on).
    """
    if isinstance(error, FileFailure):
        return error
    if isinstance(error, str):
        return FileFailure(UNREADABLE, error)
    if isinstance(error, FileReadError):
        return FileFailure(error.code, str(error))
    if isinstance(error, zlib.error):
        return FileFailure(UNREADABLE, f"文件的压缩数据已损坏，无法解开（{error}），文件已保留，请联系申报单位重新提供")
    if isinstance(error, MemoryError):
        return FileFailure(UNREADABLE, "处理该文件时内存不足，文件已保留，请人工查看")
    if isinstance(error, UnicodeError):
        return FileFailure(UNREADABLE, f"文件名或文件内容的文字编码无法识别（{type(error).__name__}），文件已保留，请人工查看")
    if isinstance(error, OSError):
        return FileFailure(UNREADABLE, f"文件无法读取或保存（{error.strerror or error}），文件已保留，请人工查看")
    return FileFailure(UNREADABLE, f"处理时发生内部错误（{type(error).__name__}: {error}），文件已保留，请人工查看")

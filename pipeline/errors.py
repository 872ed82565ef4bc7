"""The package's one error hierarchy.

Errors become exit codes in exactly one place (`pipeline.cli`) and report entries in
exactly one place (`pipeline.intake.service`), so a bad file never stops the daemon.
"""

from __future__ import annotations

from enum import IntEnum


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

    def __init__(self, message: str, *, code: str = "unreadable_file") -> None:
        super().__init__(message)
        self.code = code


class PasswordProtectedError(FileReadError):
    def __init__(self, message: str) -> None:
        super().__init__(message, code="password_protected")


class UnsupportedFormatError(FileReadError):
    pass

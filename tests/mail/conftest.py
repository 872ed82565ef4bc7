"""Fixtures for the mail tests: a real Dovecot per test, settings pointing at it, the store."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

from pipeline.config import load_settings
from tests.mail.dovecot import PASSWORD, USER, Dovecot

REPO = Path(__file__).resolve().parents[2]
AUTH_ENV = "INTAKE_TEST_IMAP_CODE"


@pytest.fixture
def dovecot() -> Iterator[Dovecot]:
    if shutil.which("dovecot") is None:
        pytest.fail("Dovecot is not installed: apt-get install dovecot-imapd")
    server = Dovecot.create()
    server.start()
    try:
        yield server
    finally:
        server.remove()


def write_config(
    folder: Path, server: Dovecot, *, tls: bool = False, extra: str = "", folders: str = '["INBOX"]', poll: float = 3,
    max_attempts: int = 3,
) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    config = folder / "config.toml"
    config.write_text(
        f"""
[paths]
scan_folder = "scan"
output_folder = "output"
state_folder = "var"
rules_folder = "{REPO / 'inbox_rules'}"

[mail]
enabled = true
host = "{'localhost' if tls else '127.0.0.1'}"
port = {server.tls_port if tls else server.port}
tls = {'true' if tls else 'false'}
username = "{USER}"
auth_code_env = "{AUTH_ENV}"
folders = {folders}
poll_interval_seconds = {poll}
idle_renew_seconds = 30
timeout_seconds = 10
max_attempts = {max_attempts}
{extra}
""",
        encoding="utf-8",
    )
    (folder / "scan").mkdir(exist_ok=True)
    return config


@pytest.fixture
def settings_for(tmp_path, dovecot, monkeypatch):
    """settings_for(tls=False, extra="") -> Settings for the running Dovecot, in a fresh folder."""
    monkeypatch.setenv(AUTH_ENV, PASSWORD)
    monkeypatch.setenv("SSL_CERT_FILE", str(dovecot.cert))
    counter = iter(range(1000))

    def make(**options):
        return load_settings(write_config(tmp_path / f"site{next(counter)}", dovecot, **options))

    return make

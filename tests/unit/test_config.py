"""pipeline.config.load_settings: defaults, CONTRACT.md keys, errors, paths, secrets."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest

from pipeline.config import load_settings
from pipeline.errors import ConfigError, ExitCode

CONTRACT_CONFIG = """
[paths]
scan_folder = "scan"
output_folder = "output"
state_folder = "var"

[call]
deadline = "2023-08-31T18:00:00+08:00"

[mail]
enabled = false
host = "imap.qq.com"
port = 993
tls = true
username = "someone@qq.com"
auth_code_env = "INTAKE_IMAP_AUTH_CODE"
folders = ["INBOX"]
"""


def _write(folder: Path, text: str) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / "config.toml"
    path.write_text(text, encoding="utf-8")
    return path


def test_contract_keys_only_config_works(tmp_path):
    """GIVEN a config.toml with exactly the keys CONTRACT.md lists
    WHEN loaded
    THEN it loads; the deadline is 2023-08-31 18:00 at UTC+8 and mail is disabled."""
    settings = load_settings(_write(tmp_path / "deploy", CONTRACT_CONFIG))
    assert settings.call.deadline == datetime(2023, 8, 31, 10, 0, tzinfo=timezone.utc)
    assert settings.call.deadline.utcoffset() == timedelta(hours=8)
    assert settings.mail.enabled is False
    assert settings.mail.host == "imap.qq.com" and settings.mail.port == 993 and settings.mail.tls is True
    assert settings.mail.folders == ["INBOX"]


def test_paths_relative_to_config_folder(tmp_path, monkeypatch):
    """GIVEN a config in <tmp>/deploy and the working directory elsewhere
    WHEN loaded
    THEN scan, output and state folders lie under <tmp>/deploy."""
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    monkeypatch.chdir(elsewhere)
    deploy = tmp_path / "deploy"
    settings = load_settings(_write(deploy, CONTRACT_CONFIG))
    assert settings.scan_folder.resolve() == (deploy / "scan").resolve()
    assert settings.output_folder.resolve() == (deploy / "output").resolve()
    assert settings.state_folder.resolve() == (deploy / "var").resolve()


def test_relative_config_path_resolves_against_its_folder(tmp_path, monkeypatch):
    """GIVEN the config named by a relative path deploy/config.toml from <tmp>
    WHEN loaded
    THEN the output folder is <tmp>/deploy/output, an absolute path independent of a later chdir."""
    _write(tmp_path / "deploy", CONTRACT_CONFIG)
    monkeypatch.chdir(tmp_path)
    settings = load_settings(Path("deploy/config.toml"))
    monkeypatch.chdir("/")
    assert settings.output_folder == (tmp_path / "deploy" / "output").resolve()


def test_empty_config_takes_defaults(tmp_path):
    """GIVEN an empty config file
    WHEN loaded
    THEN the defaults hold: the notice's deadline, scan/output/var folders, mail disabled."""
    settings = load_settings(_write(tmp_path, ""))
    assert settings.call.deadline == datetime.fromisoformat("2023-08-31T18:00:00+08:00")
    assert settings.scan_folder == tmp_path.resolve() / "scan"
    assert settings.mail.enabled is False


def test_unknown_key_did_you_mean(tmp_path):
    """GIVEN [paths] scan_foldr = "scan" (typo)
    WHEN loaded
    THEN ConfigError naming paths.scan_foldr and suggesting scan_folder, exit code bad_config."""
    with pytest.raises(ConfigError) as info:
        load_settings(_write(tmp_path, '[paths]\nscan_foldr = "scan"\n'))
    message = str(info.value)
    assert "paths.scan_foldr" in message
    assert "did you mean 'scan_folder'" in message
    assert info.value.exit_code == ExitCode.bad_config


def test_unknown_key_in_mail_section(tmp_path):
    """GIVEN [mail] auth_code_enb (typo)
    WHEN loaded
    THEN ConfigError suggesting auth_code_env."""
    with pytest.raises(ConfigError) as info:
        load_settings(_write(tmp_path, '[mail]\nauth_code_enb = "X"\n'))
    assert "did you mean 'auth_code_env'" in str(info.value)


def test_unknown_section(tmp_path):
    """GIVEN a section [pahts] (typo)
    WHEN loaded
    THEN ConfigError naming pahts and suggesting paths."""
    with pytest.raises(ConfigError) as info:
        load_settings(_write(tmp_path, '[pahts]\nscan_folder = "scan"\n'))
    assert "pahts" in str(info.value)
    assert "did you mean 'paths'" in str(info.value)


@pytest.mark.parametrize("value", ['"2023-08-31T18:00:00"', "2023-08-31T18:00:00"])
def test_deadline_without_offset_rejected(tmp_path, value):
    """GIVEN a deadline without a UTC offset (as a string and as a TOML local datetime)
    WHEN loaded
    THEN ConfigError naming call.deadline."""
    with pytest.raises(ConfigError) as info:
        load_settings(_write(tmp_path, f"[call]\ndeadline = {value}\n"))
    assert "call.deadline" in str(info.value)


def test_deadline_as_toml_offset_datetime(tmp_path):
    """GIVEN a deadline as a bare TOML offset datetime of another year
    WHEN loaded
    THEN it is that instant."""
    settings = load_settings(_write(tmp_path, "[call]\ndeadline = 2024-09-30T18:00:00+08:00\n"))
    assert settings.call.deadline == datetime(2024, 9, 30, 10, 0, tzinfo=timezone.utc)


def test_invalid_toml_and_missing_file(tmp_path):
    """GIVEN a config that is not valid TOML, and a path that does not exist
    WHEN loaded
    THEN ConfigError each time."""
    with pytest.raises(ConfigError):
        load_settings(_write(tmp_path, "[paths\n"))
    with pytest.raises(ConfigError):
        load_settings(tmp_path / "missing.toml")


def test_auth_code_from_env(tmp_path, monkeypatch):
    """GIVEN mail enabled with auth_code_env naming a variable that holds "abcd efgh\\n"-like code
    WHEN the auth code is asked for
    THEN the variable's value, stripped."""
    monkeypatch.setenv("TEST_UNIT_AUTH", "  qwertyuiopasdfgh\n")
    settings = load_settings(_write(tmp_path, '[mail]\nenabled = true\nauth_code_env = "TEST_UNIT_AUTH"\n'))
    assert settings.mail.auth_code() == "qwertyuiopasdfgh"


def test_auth_code_from_file_relative_to_config(tmp_path, monkeypatch):
    """GIVEN auth_code_file = "secrets/code" and the file next to the config, cwd elsewhere
    WHEN the auth code is asked for
    THEN the file's content, stripped."""
    deploy = tmp_path / "deploy"
    (deploy / "secrets").mkdir(parents=True)
    (deploy / "secrets" / "code").write_text("zxcvbnmasdfghjkl\n", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("INTAKE_IMAP_AUTH_CODE", raising=False)
    settings = load_settings(_write(deploy, '[mail]\nenabled = true\nauth_code_file = "secrets/code"\n'))
    assert settings.mail.auth_code() == "zxcvbnmasdfghjkl"


def test_auth_code_from_absolute_file(tmp_path, monkeypatch):
    """GIVEN auth_code_file given as an absolute path
    WHEN the auth code is asked for
    THEN the file's content, stripped; the env variable is not needed."""
    secret = tmp_path / "code"
    secret.write_text("zxcvbnmasdfghjkl\n", encoding="utf-8")
    monkeypatch.delenv("INTAKE_IMAP_AUTH_CODE", raising=False)
    settings = load_settings(_write(tmp_path / "d", f'[mail]\nenabled = true\nauth_code_file = "{secret.as_posix()}"\n'))
    assert settings.mail.auth_code() == "zxcvbnmasdfghjkl"


def test_auth_code_env_missing_is_config_error(tmp_path, monkeypatch):
    """GIVEN mail enabled and the environment variable unset
    WHEN the auth code is asked for
    THEN ConfigError naming the variable."""
    monkeypatch.delenv("TEST_UNIT_AUTH_UNSET", raising=False)
    settings = load_settings(_write(tmp_path, '[mail]\nenabled = true\nauth_code_env = "TEST_UNIT_AUTH_UNSET"\n'))
    with pytest.raises(ConfigError) as info:
        settings.mail.auth_code()
    assert "TEST_UNIT_AUTH_UNSET" in str(info.value)


def test_auth_code_not_required_when_mail_disabled(tmp_path, monkeypatch):
    """GIVEN mail disabled, no auth variable set and an auth_code_file that does not exist
    WHEN the config is loaded
    THEN it loads without error."""
    monkeypatch.delenv("INTAKE_IMAP_AUTH_CODE", raising=False)
    settings = load_settings(_write(tmp_path, '[mail]\nenabled = false\nauth_code_file = "secrets/none"\n'))
    assert settings.mail.enabled is False


def test_secret_in_config_rejected(tmp_path):
    """GIVEN an auth code written into config.toml itself ([mail] password = ...)
    WHEN loaded
    THEN ConfigError: secrets never come from config.toml."""
    with pytest.raises(ConfigError):
        load_settings(_write(tmp_path, '[mail]\npassword = "secret"\n'))


def test_without_a_rules_folder_the_rules_installed_with_the_program_are_used(tmp_path):
    """GIVEN a config naming no rules folder, in a folder without inbox_rules/ WHEN it is loaded
    THEN the rules folder is the one installed with the program, and it loads."""
    from pipeline.config import INSTALLED_RULES
    from pipeline.rules import load_rules

    config = tmp_path / "config.toml"
    config.write_text(CONTRACT_CONFIG, encoding="utf-8")
    settings = load_settings(config)
    assert settings.rules_folder == INSTALLED_RULES
    assert load_rules(settings.rules_folder).fingerprint

"""config.toml loaded into validated settings. Paths resolve against the config's folder."""

from __future__ import annotations

import difflib
import os
import tomllib
from datetime import date, datetime
from pathlib import Path
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator, model_validator

from pipeline.errors import ConfigError
from pipeline.ocr.options import RapidOcrOptions, TesseractOptions


# The rules shipped with the program: inbox_rules/ of the checkout it is installed from
# (deploy/install.sh and the Docker image install it in place, `pip install -e`).
INSTALLED_RULES = Path(__file__).resolve().parents[1] / "inbox_rules"


class _Section(BaseModel):
    model_config = ConfigDict(extra="forbid")


class PathsSettings(_Section):
    scan_folder: Path = Path("scan")
    output_folder: Path = Path("output")
    state_folder: Path = Path("var")
    rules_folder: Path | None = None  # None: the rules installed with the program (INSTALLED_RULES)


class CallSettings(_Section):
    name: str = "2023年度梁平区技能大师工作室申报遴选"
    deadline: datetime = datetime.fromisoformat("2023-08-31T18:00:00+08:00")
    # Scanned and ingested files only carry the time staff scanned them, not when the paper
    # was handed in; so by default only mail times are checked against the deadline.
    check_file_times: bool = False

    @field_validator("deadline")
    @classmethod
    def _deadline_has_offset(cls, value: datetime) -> datetime:
        if value.tzinfo is None:
            raise ValueError("deadline needs a UTC offset, e.g. 2023-08-31T18:00:00+08:00")
        return value


class ScanSettings(_Section):
    watch: Literal["auto", "events", "polling"] = "auto"
    poll_interval_seconds: float = 10.0
    stable_seconds: float = 5.0
    ignore_patterns: list[str] = Field(
        default_factory=lambda: ["~$*", ".~lock.*", "*.tmp", "*.part", "*.crdownload", ".*", "Thumbs.db", "desktop.ini"]
    )


class MailPostAction(_Section):
    action: Literal["keyword", "seen", "move"] = "keyword"
    keyword: str = "$Intake"
    move_to: str = "已处理"


class MailSettings(_Section):
    enabled: bool = False
    host: str = "imap.qq.com"
    port: int = 993
    tls: bool = True
    username: str = ""
    auth_code_env: str | None = "INTAKE_IMAP_AUTH_CODE"
    auth_code_file: Path | None = None
    folders: list[str] = Field(default_factory=lambda: ["INBOX"])
    since: date | None = None
    poll_interval_seconds: float = 120.0
    idle: bool = True
    idle_renew_seconds: float = 600.0
    timeout_seconds: float = 60.0
    batch_size: int = 50
    max_attempts: int = 5
    post_action: MailPostAction = Field(default_factory=MailPostAction)

    def auth_code(self) -> str:
        if self.auth_code_file is not None:
            try:
                return self.auth_code_file.read_text(encoding="utf-8").strip()
            except OSError as exc:
                raise ConfigError(f"mail.auth_code_file {self.auth_code_file}: {exc.strerror}") from exc
        if self.auth_code_env:
            value = os.environ.get(self.auth_code_env)
            if value:
                return value.strip()
            raise ConfigError(f"mail is enabled but the environment variable {self.auth_code_env} is not set")
        raise ConfigError("mail is enabled but neither mail.auth_code_env nor mail.auth_code_file is set")


class OcrSettings(_Section):
    engine: Literal["tesseract", "rapidocr"] = "rapidocr"  # the names of pipeline.ocr.registry.ENGINES
    languages: str = "chi_sim"
    dpi: int = 200
    page_timeout_seconds: float = 120.0
    max_pages: int = 60
    rapidocr: RapidOcrOptions = Field(default_factory=RapidOcrOptions)  # each engine's own table
    tesseract: TesseractOptions = Field(default_factory=TesseractOptions)


class ProcessingSettings(_Section):
    workers: int = 0  # 0: one per core
    worker_max_files: int = Field(default=50, ge=1)  # a worker is replaced after this many files
    unknown_below: float = 0.35
    libreoffice: str = "soffice"
    convert_timeout_seconds: float = 120.0
    archive_max_members: int = 500
    archive_max_total_mb: int = 1024
    archive_max_ratio: int = 200


class AccessSettings(_Section):
    group: str | None = None  # the group staff read the outputs as (e.g. over Samba); None: the user's
    file_mode: int = Field(default=0o640, ge=0, le=0o777)
    folder_mode: int = Field(default=0o750, ge=0, le=0o777)


class HealthSettings(_Section):
    min_free_mb: int = 500  # below this much free space in the state folder: degraded, and intake pauses


class NoticeSettings(_Section):
    """The bureau that sends 补正通知 and files the 汇总表 (defaults: the 2023 call's notice)."""

    bureau: str = "重庆市梁平区人力资源和社会保障局"
    office: str = "就业促进科"
    contact_person: str = "吴壮丽"
    contact_phone: str = "53238990"
    address: str = "梁平区双桂街道行政中心4号楼417办公室"
    mailbox: str = "187323078@qq.com"
    correction_days: int = Field(default=5, ge=1)  # the correction deadline: the notice's date + these days
    correction_deadline: date | None = None  # or one date for every notice


LOOPBACK_HOSTS = ("127.0.0.1", "localhost", "::1")


class NotifySettings(_Section):
    """Mail sent by the program (off by default): receipts, and 补正通知 staff ask to send."""

    enabled: bool = False
    host: str = "smtp.qq.com"
    port: int = 465
    security: Literal["ssl", "starttls", "none"] = "ssl"  # none: only for a test server on loopback
    username: str = ""
    password_env: str | None = "INTAKE_SMTP_AUTH_CODE"
    password_file: Path | None = None
    sender: str = ""  # the From address; empty: the username
    receipts: bool = True  # a 回执 to the sender of each mail taken in
    timeout_seconds: float = 30.0

    def password(self) -> str | None:
        if self.password_file is not None:
            try:
                return self.password_file.read_text(encoding="utf-8").strip()
            except OSError as exc:
                raise ConfigError(f"notify.password_file {self.password_file}: {exc.strerror}") from exc
        return os.environ.get(self.password_env, "").strip() or None if self.password_env else None

    @property
    def from_address(self) -> str:
        return self.sender or self.username

    @model_validator(mode="after")
    def _plain_only_on_loopback(self) -> NotifySettings:
        if self.security == "none" and self.host not in LOOPBACK_HOSTS:
            raise ValueError("notify.security = \"none\" (no TLS) is only for a test server on loopback")
        return self


class Settings(_Section):
    paths: PathsSettings = Field(default_factory=PathsSettings)
    call: CallSettings = Field(default_factory=CallSettings)
    scan: ScanSettings = Field(default_factory=ScanSettings)
    mail: MailSettings = Field(default_factory=MailSettings)
    ocr: OcrSettings = Field(default_factory=OcrSettings)
    processing: ProcessingSettings = Field(default_factory=ProcessingSettings)
    health: HealthSettings = Field(default_factory=HealthSettings)
    access: AccessSettings = Field(default_factory=AccessSettings)
    notice: NoticeSettings = Field(default_factory=NoticeSettings)
    notify: NotifySettings = Field(default_factory=NotifySettings)
    base_dir: Path = Path(".")

    @property
    def scan_folder(self) -> Path:
        return self.base_dir / self.paths.scan_folder

    @property
    def output_folder(self) -> Path:
        return self.base_dir / self.paths.output_folder

    @property
    def state_folder(self) -> Path:
        return self.base_dir / self.paths.state_folder

    @property
    def rules_folder(self) -> Path:
        if self.paths.rules_folder is None:
            return INSTALLED_RULES
        return self.base_dir / self.paths.rules_folder


def _describe(error: ValidationError, source: Path, known: dict[str, list[str]]) -> str:
    lines = [f"{source}: invalid configuration"]
    for item in error.errors():
        where = ".".join(str(part) for part in item["loc"])
        message = item["msg"]
        if item["type"] == "extra_forbidden":
            section, _, key = where.rpartition(".")
            guess = difflib.get_close_matches(key, known.get(section, known.get("", [])), n=1)
            message = "unknown key" + (f" (did you mean '{guess[0]}'?)" if guess else "")
        lines.append(f"  {where}: {message}")
    return "\n".join(lines)


def _known_keys() -> dict[str, list[str]]:
    known = {"": list(Settings.model_fields)}
    for name, info in Settings.model_fields.items():
        annotation = info.annotation
        if isinstance(annotation, type) and issubclass(annotation, BaseModel):
            known[name] = list(annotation.model_fields)
    return known


def load_settings(path: Path | None) -> Settings:
    """Reads config.toml; a missing default file means: all defaults, relative to the cwd."""
    if path is None:
        path = Path("config.toml")
        if not path.exists():
            return Settings(base_dir=Path.cwd())
    try:
        raw = tomllib.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError as exc:
        raise ConfigError(f"config file not found: {path}") from exc
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"{path}: not valid TOML: {exc}") from exc
    raw.pop("base_dir", None)
    try:
        settings = Settings(**raw, base_dir=path.resolve().parent)
    except ValidationError as exc:
        raise ConfigError(_describe(exc, path, _known_keys())) from exc
    if settings.mail.auth_code_file is not None:
        settings.mail.auth_code_file = settings.base_dir / settings.mail.auth_code_file
    if settings.notify.password_file is not None:
        settings.notify.password_file = settings.base_dir / settings.notify.password_file
    return settings

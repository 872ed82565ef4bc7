"""The IMAP connection: the only module that imports imapclient.

TLS with the system's trust store (SSL_CERT_FILE is honoured), a socket timeout always set
(imapclient's default is none, and a dead connection then hangs forever), the ID command
when the server advertises it (163/126 refuse SELECT without it), folders found with LIST.
Every failure of the connection, imapclient's AbortError (not an OSError) included, comes
out as MailConnectionError: the caller reconnects.

QQ quirks respected: UID ranges only ascending, no SEARCH TEXT/FROM/SUBJECT, BODY.PEEK[] so
that reading leaves \\Seen alone, and fetch with explicit UID lists (imapclient 4.1 rejects
"1:*" in fetch).
"""

from __future__ import annotations

import email
import logging
import ssl
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date, datetime, timezone
from typing import TypeVar

from imapclient import IMAPClient
from imapclient.exceptions import IMAPClientAbortError, IMAPClientError

from pipeline.config import MailSettings
from pipeline.errors import IntakeError

log = logging.getLogger("pipeline.mail.imap")

CLIENT_ID = {"name": "intake-pipeline", "version": "0.1", "vendor": "intake"}
IDLE_CHECK_SECONDS = 1.0  # how often a waiting IDLE looks at the stop flag
NEWS = (b"EXISTS", b"RECENT")

T = TypeVar("T")


class MailConnectionError(IntakeError):
    """The mailbox could not be reached or the connection broke; reconnect and carry on."""


class MailCommandError(MailConnectionError):
    """The server refused one command (NO/BAD); the connection itself is fine."""


@dataclass(frozen=True)
class FolderStatus:
    name: str
    uidvalidity: int
    exists: int


@dataclass(frozen=True)
class FetchedMail:
    uid: int
    raw: bytes
    internaldate: datetime  # the server's receipt time, with its offset


@contextmanager
def _translated(what: str) -> Iterator[None]:
    try:
        yield
    except MailConnectionError:
        raise
    except (IMAPClientAbortError, OSError, EOFError) as exc:  # AbortError is not an OSError
        raise MailConnectionError(f"{what}: {type(exc).__name__}: {exc}") from exc
    except IMAPClientError as exc:
        raise MailCommandError(f"{what}: {exc}") from exc


class MailConnection:
    def __init__(self, settings: MailSettings) -> None:
        self.settings = settings
        self._client: IMAPClient | None = None

    # --- session --------------------------------------------------------------------

    def open(self) -> None:
        settings = self.settings
        password = settings.auth_code()
        with _translated(f"connecting to {settings.host}:{settings.port}"):
            context = ssl.create_default_context() if settings.tls else None
            client = IMAPClient(
                settings.host, port=settings.port, ssl=settings.tls, ssl_context=context, timeout=settings.timeout_seconds
            )
            client.normalise_times = False  # keep INTERNALDATE's offset
            self._client = client
            client.login(settings.username, password)
            if client.has_capability("ID"):
                client.id_(CLIENT_ID)
        log.info("connected to %s as %s", settings.host, settings.username)

    def close(self) -> None:
        client, self._client = self._client, None
        if client is None:
            return
        try:
            client.logout()
        except (IMAPClientError, OSError, EOFError):
            try:
                client.shutdown()
            except OSError:
                pass

    @property
    def client(self) -> IMAPClient:
        if self._client is None:
            raise MailConnectionError("not connected")
        return self._client

    def _call(self, what: str, action: Callable[[IMAPClient], T]) -> T:
        with _translated(what):
            return action(self.client)

    # --- folders --------------------------------------------------------------------

    def folders(self) -> list[str]:
        listed = self._call("LIST", lambda c: c.list_folders())
        return [name for flags, _delimiter, name in listed if b"\\Noselect" not in flags and b"\\NoSelect" not in flags]

    def select(self, folder: str) -> FolderStatus:
        info = self._call(f"SELECT {folder}", lambda c: c.select_folder(folder))
        return FolderStatus(folder, int(info[b"UIDVALIDITY"]), int(info.get(b"EXISTS", 0)))

    def ensure_folder(self, folder: str) -> None:
        if not self._call(f"LIST {folder}", lambda c: c.folder_exists(folder)):
            self._call(f"CREATE {folder}", lambda c: c.create_folder(folder))

    # --- reading --------------------------------------------------------------------

    def uids_after(self, uid: int, since: date | None) -> list[int]:
        """UIDs above `uid` in the selected folder (and received on or after `since`), ascending."""
        criteria: list = ["UID", f"{uid + 1}:*"]
        if since is not None:
            criteria += ["SINCE", since]
        found = self._call("UID SEARCH", lambda c: c.search(criteria))
        return sorted(u for u in found if u > uid)  # "n:*" always includes the highest UID

    def message_ids(self, uids: list[int]) -> dict[int, str | None]:
        """Message-ID headers only, to recognise mails taken in before without downloading them."""
        if not uids:
            return {}
        fetched = self._call("FETCH Message-ID", lambda c: c.fetch(uids, ["BODY.PEEK[HEADER.FIELDS (MESSAGE-ID)]"]))
        result = {}
        for uid, data in fetched.items():
            header = next((value for key, value in data.items() if key.startswith(b"BODY[HEADER")), b"")
            value = email.message_from_bytes(header or b"").get("Message-ID")
            result[uid] = str(value).strip() if value else None
        return result

    def fetch(self, uid: int) -> FetchedMail | None:
        """The whole message without touching \\Seen; None when the UID no longer exists."""
        fetched = self._call(f"FETCH {uid}", lambda c: c.fetch([uid], ["BODY.PEEK[]", "INTERNALDATE"]))
        data = fetched.get(uid)
        if not data or b"BODY[]" not in data:
            return None
        internaldate = data.get(b"INTERNALDATE")
        if not isinstance(internaldate, datetime):
            internaldate = datetime.now(timezone.utc)
        elif internaldate.tzinfo is None:
            internaldate = internaldate.replace(tzinfo=timezone.utc)
        return FetchedMail(uid, bytes(data[b"BODY[]"]), internaldate)

    # --- marking --------------------------------------------------------------------

    def add_flags(self, uid: int, flags: list[str]) -> None:
        self._call(f"STORE {uid}", lambda c: c.add_flags([uid], flags, silent=True))

    def move(self, uid: int, folder: str) -> None:
        """MOVE where the server has it; else COPY, \\Deleted and UID EXPUNGE of this one message."""
        if self._call("CAPABILITY", lambda c: c.has_capability("MOVE")):
            self._call(f"MOVE {uid}", lambda c: c.move([uid], folder))
            return
        self._call(f"COPY {uid}", lambda c: c.copy([uid], folder))
        self._call(f"STORE {uid}", lambda c: c.add_flags([uid], [b"\\Deleted"], silent=True))
        if self._call("CAPABILITY", lambda c: c.has_capability("UIDPLUS")):
            self._call(f"UID EXPUNGE {uid}", lambda c: c.uid_expunge([uid]))

    # --- waiting --------------------------------------------------------------------

    def wait_for_news(self, seconds: float, stop: threading.Event) -> bool:
        """Waits in the selected folder for new mail, up to `seconds`; True when some arrived.

        IDLE is renewed every `idle_renew_seconds` (well inside the 29 minutes servers allow).
        An idle_check that returns nothing long before its timeout means a dead socket."""
        settings = self.settings
        if not (settings.idle and self._call("CAPABILITY", lambda c: c.has_capability("IDLE"))):
            stop.wait(seconds)
            self._call("NOOP", lambda c: c.noop())
            return False
        deadline = time.monotonic() + seconds
        while not stop.is_set() and time.monotonic() < deadline:
            renew_at = min(deadline, time.monotonic() + settings.idle_renew_seconds)
            self._call("IDLE", lambda c: c.idle())
            news = False
            try:
                while not news and not stop.is_set() and time.monotonic() < renew_at:
                    started = time.monotonic()
                    responses = self._call("IDLE check", lambda c: c.idle_check(timeout=IDLE_CHECK_SECONDS))
                    if responses:
                        news = any(isinstance(item, tuple) and item[-1] in NEWS for item in responses)
                    elif time.monotonic() - started < IDLE_CHECK_SECONDS / 2:
                        raise MailConnectionError("connection dropped during IDLE")
            finally:
                self._call("IDLE DONE", lambda c: c.idle_done())
            if news:
                return True
        return False

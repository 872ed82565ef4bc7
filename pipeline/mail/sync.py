"""One pass over the watched folders, in the order that makes intake exactly-once:

    FETCH BODY.PEEK[] -> raw message and every file stored (fsync) and recorded in the store
    -> ledger: stored -> post-action in the mailbox -> ledger: done

A crash before "stored" repeats the take-in, which is idempotent (the store keys files by
source and sha256); a crash after it repeats only the post-action, which is idempotent too.
A message whose content breaks the take-in is retried with backoff and, after
`max_attempts`, reported and left in the mailbox. Local trouble (disk full, database busy)
and a broken connection are not the message's fault: they end the pass, and the message
is tried again on the next one.
"""

from __future__ import annotations

import logging
import sqlite3
import threading
from datetime import datetime, timezone

from pipeline.config import MailSettings
from pipeline.intake.service import IntakeService
from pipeline.mail.connection import MailCommandError, MailConnection, MailConnectionError
from pipeline.mail.ledger import Ledger, LedgerEntry, MessageKey, StoredFacts
from pipeline.mail.message import parse_message
from pipeline.mail.postaction import post_action
from pipeline.mail.takein import mail_origin, take_in

log = logging.getLogger("pipeline.mail")


def _now() -> datetime:
    return datetime.now(timezone.utc)


class MailboxSync:
    """Works one connected mailbox; everything it raises means: reconnect and try again."""

    def __init__(
        self, connection: MailConnection, service: IntakeService, settings: MailSettings, stop: threading.Event
    ) -> None:
        self.connection = connection
        self.service = service
        self.settings = settings
        self.stop = stop
        self.ledger = Ledger(service.store)
        self.action = post_action(settings.post_action)
        self._folders: list[str] | None = None

    def folders(self) -> list[str]:
        """The configured folders that exist (LIST once per connection); missing ones are logged."""
        if self._folders is None:
            existing = self.connection.folders()
            self._folders = [folder for folder in self.settings.folders if folder in existing]
            for folder in sorted(set(self.settings.folders) - set(existing)):
                log.error("mail folder %r does not exist; the mailbox has: %s", folder, ", ".join(existing))
            self.action.prepare(self.connection)
        return self._folders

    def run_pass(self) -> int:
        """Takes in everything due in every watched folder; returns how many new files came in."""
        return sum(self.sync_folder(folder) for folder in self.folders() if not self.stop.is_set())

    def wait_for_news(self) -> None:
        folders = self.folders()
        if folders:
            self.connection.select(folders[0])
        self.connection.wait_for_news(self.settings.poll_interval_seconds, self.stop)

    def sync_folder(self, folder: str) -> int:
        status = self.connection.select(folder)
        previous = self.ledger.open_folder(folder, status.uidvalidity, _now())
        if previous is not None:
            log.warning(
                "%s: UIDVALIDITY changed from %d to %d; mails already taken in are recognised by Message-ID",
                folder, previous, status.uidvalidity,
            )
        uids = self.connection.uids_after(self.ledger.highest_uid(folder), self.settings.since)
        added = self.ledger.add_new(folder, status.uidvalidity, uids, _now())
        if added:
            log.info("%s: %d new message(s)", folder, added)
        new_files = 0
        while not self.stop.is_set():
            batch = self.ledger.due(folder, status.uidvalidity, _now(), self.settings.batch_size)
            if not batch:
                break
            new_files += self._batch(batch)
        return new_files

    def _batch(self, batch: list[LedgerEntry]) -> int:
        new_files = 0
        for entry in batch:
            if self.stop.is_set():
                break
            if entry.state == "pending":
                taken = self._take_in(entry.key)
                if taken is None:
                    continue
                new_files += taken
            self._post_action(entry.key)
        return new_files

    def _take_in(self, key: MessageKey) -> int | None:
        """The message's files into the store and the ledger at `stored`; None when it is not there yet."""
        now = _now()
        if not self.ledger.begin_attempt(key, self.settings.max_attempts, now):
            self._report(key, "", self.ledger.last_error(key) or "")
            return None
        subject = ""
        try:
            message_ids = self.connection.message_ids([key.uid])
            if key.uid not in message_ids:
                log.info("%s: gone from the server before it was taken in", key.source)
                self.ledger.mark_gone(key, _now())
                return None
            earlier = self.ledger.earlier_copy(key, message_ids[key.uid], None) if message_ids[key.uid] else None
            if earlier is not None:  # known by its Message-ID: no need to download it
                log.info("%s: the same mail as %s, not taken in again", key.source, earlier)
                self.ledger.mark_known_duplicate(key, message_ids[key.uid], earlier, _now())
                return 0
            fetched = self.connection.fetch(key.uid)
            if fetched is None:
                self.ledger.mark_gone(key, _now())
                return None
            raw_sha256 = self.service.store.blobs.put_bytes(fetched.raw)
            mail = parse_message(fetched.raw)
            subject = mail.subject
            earlier = self.ledger.earlier_copy(key, mail.message_id, raw_sha256)
            new_files = 0
            if earlier is None:
                new_files = take_in(mail, mail_origin(key.source, fetched.internaldate), self.service)
            else:
                log.info("%s: the same mail as %s, not taken in again", key.source, earlier)
            facts = StoredFacts(mail.message_id, raw_sha256, fetched.internaldate, mail.date, earlier)
            self.ledger.mark_stored(key, facts, _now())
            log.info("%s: taken in, %d file(s), %d new", key.source, len(mail.files), new_files)
            return new_files
        except MailCommandError as error:
            self._failed(key, subject, str(error))
        except MailConnectionError as error:  # counted: a message may break the connection every time
            if self.ledger.note_error(key, str(error), self.settings.max_attempts, _now(), retry_later=False) == "failed":
                self._report(key, subject, str(error))
            raise
        except (OSError, sqlite3.Error):
            self.ledger.refund_attempt(key, _now())  # local trouble (disk full) is not the message's fault
            raise
        except Exception as error:  # a mail that breaks the parser or the intake must not stop the others
            log.exception("%s: taking in failed", key.source)
            self._failed(key, subject, f"{type(error).__name__}: {error}")
        return None

    def _post_action(self, key: MessageKey) -> None:
        try:
            self.action.apply(self.connection, key.uid)
        except MailCommandError as error:
            state = self.ledger.record_post_action_failure(key, str(error), self.settings.max_attempts, _now())
            log.warning("%s: post-action failed (%s), now %s", key.source, error, state)
            return
        self.ledger.mark_done(key, _now())

    def _failed(self, key: MessageKey, subject: str, reason: str) -> None:
        state = self.ledger.note_error(key, reason, self.settings.max_attempts, _now(), retry_later=True)
        log.warning("%s: failed (%s), now %s", key.source, reason, state)
        if state == "failed":
            self._report(key, subject, reason)

    def _report(self, key: MessageKey, subject: str, reason: str) -> None:
        label = subject or f"邮件 UID {key.uid}"
        log.error("%s: given up after %d tries: %s", key.source, self.settings.max_attempts, reason)
        self.service.record_failure(
            key.source,
            label,
            f"邮件「{label}」连续 {self.settings.max_attempts} 次收取失败，已留在邮箱中，请人工查看。原因：{reason}",
        )

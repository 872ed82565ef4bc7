"""`python -m tests.mail.held_daemon run --config …`: the real daemon, with pause points for the
fault tests, which must stop it at an exact step (fault injection lives in the tests, never in
the package).

INTAKE_MAIL_TEST_HOLD="<point>:<marker file>": the first time the mail source reaches <point>,
it creates the marker file and waits until the test deletes it (or the daemon stops).
  before_fetch        a message's attempt is counted, nothing fetched yet
  before_post_action  its files are stored, the mailbox not yet marked
"""

from __future__ import annotations

import logging
import os
import threading
import time
from pathlib import Path

from pipeline.cli import main
from pipeline.mail.connection import MailConnection
from pipeline.mail.sync import MailboxSync

ENV = "INTAKE_MAIL_TEST_HOLD"
BEFORE_FETCH = "before_fetch"
BEFORE_POST_ACTION = "before_post_action"
LONGEST_HOLD_SECONDS = 300

log = logging.getLogger("tests.mail.held_daemon")
_held: set[str] = set()


def hold(point: str, stop: threading.Event | None = None) -> None:
    point_name, _, marker = os.environ.get(ENV, "").partition(":")
    if point_name != point or not marker or point in _held:
        return
    _held.add(point)
    path = Path(marker)
    path.write_text(point, encoding="utf-8")
    log.warning("test hold at %s until %s is removed", point, path)
    give_up = time.monotonic() + LONGEST_HOLD_SECONDS
    while path.exists() and time.monotonic() < give_up and not (stop is not None and stop.is_set()):
        time.sleep(0.05)


def _install() -> None:
    message_ids, post_action = MailConnection.message_ids, MailboxSync._post_action

    def held_message_ids(self, uids):  # the first call of an attempt, before anything is fetched
        hold(BEFORE_FETCH)
        return message_ids(self, uids)

    def held_post_action(self, key):
        hold(BEFORE_POST_ACTION, self.stop)
        return post_action(self, key)

    MailConnection.message_ids = held_message_ids
    MailboxSync._post_action = held_post_action


if __name__ == "__main__":
    _install()
    raise SystemExit(main())

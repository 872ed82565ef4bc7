"""The ledger's state machine and the waiting times, without a server."""

import random
from datetime import datetime, timedelta, timezone

import pytest

from pipeline.mail.backoff import RECONNECT_CAP_SECONDS, reconnect_delay, retry_delay
from pipeline.mail.ledger import Ledger, MessageKey, StoredFacts
from pipeline.store import Store

NOW = datetime(2023, 8, 30, 10, 0, tzinfo=timezone.utc)


@pytest.fixture
def ledger(tmp_path):
    store = Store(tmp_path)
    yield Ledger(store)
    store.close()


def facts(message_id="<a@x>", raw="r1", duplicate_of=None):
    return StoredFacts(message_id, raw, NOW, NOW, duplicate_of)


def states(ledger, folder="INBOX", validity=7):
    return {
        row[0]: row[1]
        for row in ledger._db.execute(
            "SELECT uid, state FROM mail_messages WHERE folder = ? AND uidvalidity = ?", (folder, validity)
        )
    }


def test_new_uids_are_pending_and_due_in_uid_order_in_batches(ledger):
    assert ledger.open_folder("INBOX", 7, NOW) is None
    assert ledger.add_new("INBOX", 7, [5, 3, 9], NOW) == 3
    assert ledger.add_new("INBOX", 7, [9], NOW) == 0  # seen again: nothing new
    assert ledger.highest_uid("INBOX") == 9
    assert [e.key.uid for e in ledger.due("INBOX", 7, NOW, 2)] == [3, 5]


def test_pending_stored_done(ledger):
    ledger.open_folder("INBOX", 7, NOW)
    ledger.add_new("INBOX", 7, [1], NOW)
    key = MessageKey("INBOX", 7, 1)
    ledger.mark_stored(key, facts(), NOW)
    (entry,) = ledger.due("INBOX", 7, NOW, 10)
    assert entry.state == "stored"  # a crash here repeats only the post-action
    ledger.mark_done(key, NOW)
    assert ledger.due("INBOX", 7, NOW, 10) == []
    assert key.source == "mail:INBOX/7/1"


def test_tries_are_counted_before_they_start_and_failures_back_off(ledger):
    ledger.open_folder("INBOX", 7, NOW)
    ledger.add_new("INBOX", 7, [1], NOW)
    key = MessageKey("INBOX", 7, 1)
    assert ledger.begin_attempt(key, 3, NOW)
    assert ledger.note_error(key, "NO", 3, NOW, retry_later=True) == "pending"
    assert ledger.due("INBOX", 7, NOW, 10) == []  # not before its retry time
    later = NOW + timedelta(seconds=retry_delay(1))
    assert [e.attempts for e in ledger.due("INBOX", 7, later, 10)] == [1]
    assert ledger.begin_attempt(key, 3, later)
    # the connection died during the try: counted, retried on the next pass without waiting
    assert ledger.note_error(key, "abort", 3, later, retry_later=False) == "pending"
    assert [e.attempts for e in ledger.due("INBOX", 7, later, 10)] == [2]
    assert ledger.begin_attempt(key, 3, later)  # the process dies here: the try still counts
    assert not ledger.begin_attempt(key, 3, later)  # a poison message is given up on
    assert states(ledger) == {1: "failed"}
    assert ledger.last_error(key) == "abort"
    assert ledger.due("INBOX", 7, later + timedelta(days=1), 10) == []


def test_last_try_failing_fails_the_message(ledger):
    ledger.open_folder("INBOX", 7, NOW)
    ledger.add_new("INBOX", 7, [1], NOW)
    key = MessageKey("INBOX", 7, 1)
    assert ledger.begin_attempt(key, 1, NOW)
    assert ledger.note_error(key, "bad", 1, NOW, retry_later=True) == "failed"


def test_a_refunded_try_does_not_count(ledger):
    ledger.open_folder("INBOX", 7, NOW)
    ledger.add_new("INBOX", 7, [1], NOW)
    key = MessageKey("INBOX", 7, 1)
    for _ in range(10):  # disk full, again and again
        assert ledger.begin_attempt(key, 2, NOW)
        ledger.refund_attempt(key, NOW)
    assert [e.attempts for e in ledger.due("INBOX", 7, NOW, 10)] == [0]


def test_success_resets_the_count(ledger):
    ledger.open_folder("INBOX", 7, NOW)
    ledger.add_new("INBOX", 7, [1], NOW)
    key = MessageKey("INBOX", 7, 1)
    ledger.begin_attempt(key, 3, NOW)
    ledger.mark_stored(key, facts(), NOW)
    assert [(e.state, e.attempts) for e in ledger.due("INBOX", 7, NOW, 10)] == [("stored", 0)]


def test_second_key_message_id_or_raw_bytes(ledger):
    ledger.open_folder("INBOX", 7, NOW)
    ledger.add_new("INBOX", 7, [1, 2], NOW)
    first, second = MessageKey("INBOX", 7, 1), MessageKey("INBOX", 7, 2)
    assert ledger.earlier_copy(second, "<a@x>", "r1") is None  # nothing taken in yet
    ledger.mark_stored(first, facts("<a@x>", "r1"), NOW)
    assert ledger.earlier_copy(second, "<a@x>", None) == first.source
    assert ledger.earlier_copy(second, None, "r1") == first.source
    assert ledger.earlier_copy(second, "<b@x>", "r2") is None
    assert ledger.earlier_copy(first, "<a@x>", "r1") is None  # not a copy of itself


def test_uidvalidity_change_supersedes_open_messages_and_keeps_history(ledger):
    ledger.open_folder("INBOX", 7, NOW)
    ledger.add_new("INBOX", 7, [1, 2, 3], NOW)
    ledger.mark_stored(MessageKey("INBOX", 7, 1), facts("<a@x>", "r1"), NOW)
    ledger.mark_done(MessageKey("INBOX", 7, 1), NOW)
    ledger.mark_stored(MessageKey("INBOX", 7, 2), facts("<b@x>", "r2"), NOW)
    assert ledger.open_folder("INBOX", 8, NOW) == 7
    assert states(ledger) == {1: "done", 2: "superseded", 3: "superseded"}
    assert ledger.highest_uid("INBOX") == 0  # the new UIDs are searched from the start
    ledger.add_new("INBOX", 8, [1], NOW)
    # both the finished and the stored-but-unmarked copies are recognised under the new UIDs
    assert ledger.earlier_copy(MessageKey("INBOX", 8, 1), "<a@x>", None) == "mail:INBOX/7/1"
    assert ledger.earlier_copy(MessageKey("INBOX", 8, 1), "<b@x>", None) == "mail:INBOX/7/2"
    assert ledger.earlier_copy(MessageKey("INBOX", 8, 1), "<c@x>", None) is None


def test_reconnect_delay_grows_exponentially_with_jitter_and_a_cap():
    rng = random.Random(1)
    delays = [reconnect_delay(n, rng) for n in range(1, 6)]
    assert all(2 * 2 ** (n - 1) * 0.5 <= d <= 2 * 2 ** (n - 1) for n, d in zip(range(1, 6), delays))
    assert len({round(reconnect_delay(3, rng), 6) for _ in range(5)}) > 1  # jitter: no storm in step
    assert reconnect_delay(50, rng) <= RECONNECT_CAP_SECONDS


def test_retry_delay_doubles():
    assert [retry_delay(n) for n in (1, 2, 3)] == [60, 120, 240]

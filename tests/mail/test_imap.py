"""Mail intake against a real Dovecot: TLS, the whole corpus, first run, post-actions,
second deliveries, UIDVALIDITY, IDLE and a connection cut during it."""

from __future__ import annotations

import os
import signal
import threading
import time
from collections import Counter
from datetime import datetime, timezone

import pytest

from pipeline.mail.connection import MailConnectionError
from pipeline.mail.source import MailSource
from pipeline.store import Store
from tests.mail.corpus import make_corpus, simple_mail, text_file
from tests.mail.daemon import wait_for
from tests.mail.dovecot import Dovecot


def flags(server: Dovecot, folder: str = "INBOX") -> dict[int, set[bytes]]:
    client = server.client()
    try:
        client.select_folder(folder, readonly=True)
        return {uid: set(value) for uid, value in client.get_flags(client.search("ALL")).items()}
    finally:
        client.logout()


def store_counts(settings) -> tuple[Counter, Counter, dict[str, int]]:
    store = Store(settings.state_folder)
    try:
        roles = {row[0]: row[1] for row in store.connection.execute("SELECT sha256, role FROM files")}
        documents = Counter(s.filename for s in store.sightings() if roles[s.sha256] == "document")
        errors = Counter(error.code for error in store.errors())
        states = Counter(row[0] for row in store.connection.execute("SELECT state FROM mail_messages"))
        return documents, errors, dict(states)
    finally:
        store.close()


def test_whole_corpus_over_tls_once_each_and_marked(dovecot, settings_for):
    corpus = make_corpus()
    for case in corpus.cases:
        dovecot.append(case.raw)
    settings = settings_for(tls=True)
    assert MailSource(settings, threading.Event()).fetch_once() == len(corpus.files)
    documents, errors, states = store_counts(settings)
    assert documents == Counter(corpus.files)
    assert errors == Counter(code for case in corpus.cases for code in case.errors)
    assert states == {"done": len(corpus.cases)}
    marks = flags(dovecot)
    assert all(b"$Intake" in value and b"\\Seen" not in value for value in marks.values())  # BODY.PEEK[]
    # a second pass brings nothing and doubles nothing
    assert MailSource(settings, threading.Event()).fetch_once() == 0
    assert store_counts(settings) == (documents, errors, states)


def test_first_run_takes_only_mail_since_the_configured_date_in_batches(dovecot, settings_for):
    old = datetime(2019, 5, 1, 9, 0, tzinfo=timezone.utc)
    for index in range(3):
        dovecot.append(simple_mail("旧邮件", f"old{index}", [(f"旧{index}.txt", text_file(f"old {index}"))]), when=old)
    for index in range(5):
        dovecot.append(simple_mail("新邮件", f"new{index}", [(f"新{index}.txt", text_file(f"new {index}"))]))
    settings = settings_for(extra="since = 2023-01-01\nbatch_size = 2")
    assert MailSource(settings, threading.Event()).fetch_once() == 5
    documents, _, states = store_counts(settings)
    assert documents == Counter(f"新{index}.txt" for index in range(5))
    assert states == {"done": 5}
    assert sum(b"$Intake" in value for value in flags(dovecot).values()) == 5


def test_move_post_action_to_a_chinese_folder(dovecot, settings_for):
    dovecot.append(simple_mail("材料", "move1", [("申报表.txt", text_file("move"))]))
    settings = settings_for(extra='[mail.post_action]\naction = "move"\nmove_to = "已处理"')
    assert MailSource(settings, threading.Event()).fetch_once() == 1
    assert flags(dovecot) == {}
    assert len(flags(dovecot, "已处理")) == 1
    assert MailSource(settings, threading.Event()).fetch_once() == 0


def test_seen_post_action(dovecot, settings_for):
    dovecot.append(simple_mail("材料", "seen1", [("申报表.txt", text_file("seen"))]))
    settings = settings_for(extra='[mail.post_action]\naction = "seen"')
    MailSource(settings, threading.Event()).fetch_once()
    assert [b"\\Seen" in value for value in flags(dovecot).values()] == [True]


def test_the_same_message_delivered_twice_is_taken_in_once(dovecot, settings_for):
    raw = simple_mail("申报材料", "twice", [("事迹材料.txt", text_file("twice"))])
    dovecot.append(raw)
    dovecot.append(raw)  # the very same bytes
    dovecot.append(b"Received: from relay2 by mx; Wed, 30 Aug 2023 10:00:09 +0800\r\n" + raw)  # same Message-ID
    settings = settings_for()
    assert MailSource(settings, threading.Event()).fetch_once() == 1
    documents, _, states = store_counts(settings)
    assert documents == Counter({"事迹材料.txt": 1})
    assert states == {"done": 3}
    store = Store(settings.state_folder)
    duplicates = [row[0] for row in store.connection.execute("SELECT duplicate_of FROM mail_messages ORDER BY uid")]
    store.close()
    assert duplicates[0] is None and duplicates[1] == duplicates[2] and duplicates[1].endswith("/1")
    assert all(b"$Intake" in value for value in flags(dovecot).values())


def test_uidvalidity_change_neither_reimports_nor_loses(dovecot, settings_for):
    folder = "申报"
    first = [simple_mail("材料", f"uv{index}", [(f"材料{index}.txt", text_file(f"uv {index}"))]) for index in range(2)]
    for raw in first:
        dovecot.append(raw, folder)
    settings = settings_for(folders='["申报"]')
    assert MailSource(settings, threading.Event()).fetch_once() == 2
    client = dovecot.client()
    before = client.select_folder(folder)[b"UIDVALIDITY"]
    client.unselect_folder()
    client.delete_folder(folder)
    time.sleep(1.1)  # Dovecot derives UIDVALIDITY from the clock
    client.create_folder(folder)
    client.logout()
    for raw in first + [simple_mail("补交", "uv-new", [("补交材料.txt", text_file("uv new"))])]:
        dovecot.append(raw, folder)
    client = dovecot.client()
    after = client.select_folder(folder)[b"UIDVALIDITY"]
    client.logout()
    assert after != before
    assert MailSource(settings, threading.Event()).fetch_once() == 1
    documents, _, states = store_counts(settings)
    assert documents == Counter({"材料0.txt": 1, "材料1.txt": 1, "补交材料.txt": 1})
    assert states == {"done": 5}
    assert all(b"$Intake" in value for value in flags(dovecot, folder).values())


def test_idle_wakes_up_and_survives_a_connection_cut(dovecot, settings_for):
    settings = settings_for(poll=60)  # only IDLE can bring mail in time
    stop = threading.Event()
    source = MailSource(settings, stop)
    source.start()
    try:
        wait_for(lambda: dovecot.imap_processes(), 10, "the source to connect")
        time.sleep(0.5)
        dovecot.append(simple_mail("第一封", "idle1", [("第一封.txt", text_file("idle 1"))]))
        arrived = [0]

        def taken(expected):
            arrived[0] += source.take_arrived()
            return arrived[0] >= expected

        wait_for(lambda: taken(1), 10, "IDLE to bring the first mail")
        for pid in dovecot.imap_processes():  # cut the connection while the source is in IDLE
            os.kill(pid, signal.SIGKILL)
        dovecot.append(simple_mail("第二封", "idle2", [("第二封.txt", text_file("idle 2"))]))
        wait_for(lambda: taken(2), 30, "the source to reconnect and take the second mail")
    finally:
        source.stop()
    documents, _, states = store_counts(settings)
    assert documents == Counter({"第一封.txt": 1, "第二封.txt": 1})
    assert states == {"done": 2}


def test_a_mail_the_server_cannot_serve_is_reported_and_left_in_the_mailbox(dovecot, settings_for):
    dovecot.append(simple_mail("正常", "ok1", [("正常.txt", text_file("ok"))]))
    dovecot.append(simple_mail("坏邮件", "bad1", [("坏.txt", text_file("bad"))]))
    dovecot.append(simple_mail("正常2", "ok2", [("正常2.txt", text_file("ok 2"))]))
    (broken,) = [path for path in (dovecot.root / "mail").rglob("*") if path.is_file() and b"bad1@" in path.read_bytes()]
    broken.chmod(0)  # the mail processes (nobody) can no longer read it: FETCH answers NO
    settings = settings_for(max_attempts=1)
    with pytest.raises(MailConnectionError):  # Dovecot drops the connection after a failed FETCH
        MailSource(settings, threading.Event()).fetch_once()
    assert MailSource(settings, threading.Event()).fetch_once() == 1  # the poison mail no longer blocks
    documents, errors, states = store_counts(settings)
    assert documents == Counter({"正常.txt": 1, "正常2.txt": 1})
    assert states == {"done": 2, "failed": 1}
    assert errors == Counter({"unreadable_file": 1})
    store = Store(settings.state_folder)
    (entry,) = [error for error in store.errors()]
    store.close()
    assert entry.source.endswith("/2") and "已留在邮箱中" in entry.error
    assert [b"$Intake" in value for value in flags(dovecot).values()] == [True, False, True]

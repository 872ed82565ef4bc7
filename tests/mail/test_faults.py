"""The real daemon killed and its server crashed at the worst moments: nothing lost, nothing doubled.

The daemon runs as a subprocess (`python -m pipeline run`) and is stopped at an exact step
by the INTAKE_MAIL_TEST_HOLD pause point (tests/mail/held_daemon.py)."""

from __future__ import annotations

from collections import Counter

from tests.mail.conftest import write_config
from tests.mail.corpus import simple_mail, text_file
from tests.mail.daemon import Daemon, ledger_rows, ledger_states, sightings, status_documents, wait_for
from tests.mail.test_imap import flags

FILES = {"申报表.txt": text_file("fault form"), "事迹材料.txt": text_file("fault deeds")}


def test_sigkill_between_download_and_post_action(tmp_path, dovecot):
    dovecot.append(simple_mail("申报材料", "kill1", list(FILES.items())))
    config = write_config(tmp_path / "site", dovecot)
    marker = tmp_path / "held"
    daemon = Daemon(config, dovecot, hold=f"before_post_action:{marker}")
    try:
        wait_for(marker.exists, 60, "the daemon to reach the post-action")
        assert ledger_states(config) == {1: "stored"}  # files in, mailbox not yet marked
    finally:
        daemon.kill()
    assert all(b"$Intake" not in value for value in flags(dovecot).values())

    daemon = Daemon(config, dovecot)
    try:
        wait_for(lambda: ledger_states(config) == {1: "done"}, 60, "the restarted daemon to finish the mail")
        wait_for(lambda: status_documents(config) == Counter(FILES.keys()), 90, "status.json to list both files")
    finally:
        daemon.terminate()
    assert sightings(config) == Counter(FILES.keys())
    assert [b"$Intake" in value for value in flags(dovecot).values()] == [True]


def test_server_killed_mid_fetch_and_restarted(tmp_path, dovecot):
    for index in range(3):
        dovecot.append(simple_mail(f"材料{index}", f"crash{index}", [(f"材料{index}.txt", text_file(f"crash {index}"))]))
    config = write_config(tmp_path / "site", dovecot)
    marker = tmp_path / "held"
    daemon = Daemon(config, dovecot, hold=f"before_fetch:{marker}")
    try:
        wait_for(marker.exists, 60, "the daemon to be about to fetch")
        dovecot.kill()  # the connection dies under the daemon's feet
        dovecot.start()
        marker.unlink()
        expected = Counter({f"材料{index}.txt": 1 for index in range(3)})
        wait_for(lambda: ledger_states(config) == {1: "done", 2: "done", 3: "done"}, 60, "all mails done after the restart")
        wait_for(lambda: status_documents(config) == expected, 90, "status.json to list the files")
    finally:
        daemon.terminate()
    assert sightings(config) == expected
    assert all(b"$Intake" in value for value in flags(dovecot).values())


def test_disk_full_while_storing_is_retried_not_counted_against_the_mail(tmp_path, dovecot):
    big = bytes(range(256)) * 8192  # 2 MiB: more than the daemon may write
    dovecot.append(simple_mail("大附件", "full1", [("工作照片.bin", big), ("申报表.txt", text_file("full"))]))
    config = write_config(tmp_path / "site", dovecot)
    log = tmp_path / "site" / "daemon.log"
    daemon = Daemon(config, dovecot, max_file_bytes=1 << 20)
    try:
        wait_for(lambda: log.exists() and log.read_text(errors="replace").count("reconnecting") >= 2, 60, "failed stores")
    finally:
        daemon.kill()
    assert ledger_rows(config) == [(1, "pending", 0)]  # not the mail's fault: no attempt counted
    assert all(b"$Intake" not in value for value in flags(dovecot).values())

    daemon = Daemon(config, dovecot)  # space again
    try:
        wait_for(lambda: ledger_states(config) == {1: "done"}, 60, "the mail to be taken in")
    finally:
        daemon.terminate()
    assert sightings(config) == Counter({"工作照片.bin": 1, "申报表.txt": 1})
    assert [b"$Intake" in value for value in flags(dovecot).values()] == [True]

"""`intake health`'s verdict on a heartbeat (pipeline.health.verdict.judge) and the heartbeat file."""

from __future__ import annotations

import json
from dataclasses import replace
from datetime import datetime, timedelta, timezone

from pipeline.health import Health, Heartbeat, judge, read_heartbeat
from pipeline.health.heartbeat import HEARTBEAT_FILE, OUTPUT_FAILURE_FILE, HeartbeatWriter, Pulse

NOW = datetime(2026, 12, 7, 10, 0, tzinfo=timezone.utc)


def _beat(**changes) -> Heartbeat:
    beat = Heartbeat(
        pid=123, written_at=NOW - timedelta(seconds=3), started_at=NOW - timedelta(hours=2), mail_enabled=True,
        last_mail_poll=NOW - timedelta(seconds=40), mail_error=None, last_scan=NOW - timedelta(seconds=1), queue=4,
        last_error=None, last_error_at=None, disk_free_mb=20_000,
    )
    return replace(beat, **changes)


def _judge(beat, *, free=20_000, alive=True):
    return judge(beat, now=NOW, disk_free_mb=free, min_free_mb=500, daemon_alive=alive, mail_poll_seconds=120)


def test_a_fresh_beat_with_everything_working_is_healthy_and_says_what_it_saw():
    verdict = _judge(_beat())
    assert verdict.health is Health.healthy
    assert verdict.line == ("healthy: last mail poll 40 s ago; last scan 1 s ago; queue 4; last error never; "
                            "disk free 19.5 GB")


def test_no_heartbeat_a_stale_one_or_a_dead_pid_is_down():
    assert _judge(None).health is Health.down
    assert _judge(_beat(written_at=NOW - timedelta(minutes=3))).health is Health.down
    dead = _judge(_beat(), alive=False)
    assert dead.health is Health.down and "not running" in dead.line


def test_a_live_daemon_that_cannot_write_its_beat_on_a_full_disk_is_degraded_not_down():
    verdict = _judge(_beat(written_at=NOW - timedelta(minutes=3)), free=0)
    assert verdict.health is Health.degraded and "disk full" in verdict.line


def test_each_trouble_makes_it_degraded_and_is_named():
    cases = {
        "disk nearly full": (_beat(), 100),
        "mailbox not reached (connection refused)": (_beat(last_mail_poll=NOW - timedelta(hours=1),
                                                           mail_error="connection refused"), 20_000),
        "scan folder not looked at": (_beat(last_scan=NOW - timedelta(minutes=20)), 20_000),
        "summary.xlsx: 权限不足": (_beat(output_failure="summary.xlsx: 权限不足"), 20_000),
        "an error was logged recently": (_beat(last_error="x", last_error_at=NOW - timedelta(minutes=2)), 20_000),
        "taking in paused: disk full": (_beat(intake_paused="disk full"), 20_000),
    }
    for words, (beat, free) in cases.items():
        verdict = _judge(beat, free=free)
        assert verdict.health is Health.degraded, words
        assert words in verdict.line, verdict.line


def test_an_old_error_and_a_mailbox_still_starting_are_not_trouble():
    assert _judge(_beat(last_error="x", last_error_at=NOW - timedelta(hours=2))).health is Health.healthy
    starting = _beat(started_at=NOW - timedelta(minutes=1), last_mail_poll=None)
    assert _judge(starting).health is Health.healthy


def test_the_writer_writes_a_beat_that_reads_back_with_the_output_failure(tmp_path):
    (tmp_path / OUTPUT_FAILURE_FILE).write_text(
        json.dumps({"refreshed_at": "2026-12-07T10:00:00+00:00", "last_failure": None,
                    "failures": [{"at": "2026-12-07T10:00:00+00:00", "output": "summary.xlsx", "error": "磁盘已满"}]}), encoding="utf-8")
    pulse = Pulse(mail_enabled=False)
    pulse.scanned()
    pulse.error_logged("pipeline.app: boom")
    HeartbeatWriter(tmp_path, "rules", pulse).write(queue=7)
    beat = read_heartbeat(tmp_path)
    assert beat is not None and beat.queue == 7 and beat.last_scan is not None
    assert beat.last_error == "pipeline.app: boom"
    assert beat.output_failure == "summary.xlsx: 磁盘已满 (2026-12-07T10:00:00+00:00)"
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".")] == []


def test_an_unreadable_heartbeat_counts_as_none(tmp_path):
    (tmp_path / HEARTBEAT_FILE).write_text("{half", encoding="utf-8")
    assert read_heartbeat(tmp_path) is None

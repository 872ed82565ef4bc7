"""`intake health`'s judgement of a heartbeat: a pure function, evidence in, verdict out."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from enum import IntEnum

from pipeline.health.heartbeat import BEAT_SECONDS, Heartbeat

STALE_AFTER = timedelta(seconds=12 * BEAT_SECONDS)  # a minute without a beat: the daemon is not running
SCAN_LATE_AFTER = timedelta(minutes=5)  # the main loop scans every second
RECENT_ERROR = timedelta(minutes=15)
MAIL_GRACE = timedelta(minutes=10)  # a first connection may take this long


class Health(IntEnum):
    """Also the exit code of `intake health` (CONTRACT.md)."""

    healthy = 0
    degraded = 1
    down = 2


@dataclass(frozen=True)
class Verdict:
    health: Health
    line: str


def judge(beat: Heartbeat | None, *, now: datetime, disk_free_mb: int, min_free_mb: int,
          daemon_alive: bool, mail_poll_seconds: float) -> Verdict:
    """`disk_free_mb` is measured now (a full disk may keep the daemon from writing its beat);
    `daemon_alive`: the heartbeat's pid is a running process."""
    disk = f"disk free {_size(disk_free_mb)}"
    if beat is None:
        return Verdict(Health.down, f"down: no heartbeat (the daemon has not run here); {disk}")
    age = now - beat.written_at
    if age > STALE_AFTER or not daemon_alive:
        if daemon_alive and disk_free_mb < min_free_mb:
            return Verdict(Health.degraded, f"degraded: disk full, the daemon cannot write its heartbeat "
                                            f"({_ago(age)}); {disk}")
        why = "the daemon is not running" if not daemon_alive else "the daemon is not responding"
        return Verdict(Health.down, f"down: {why}, last heartbeat {_ago(age)}; {disk}")

    problems = []
    if beat.intake_paused:
        problems.append(f"taking in paused: {beat.intake_paused}")
    if disk_free_mb < min_free_mb:
        problems.append(f"disk nearly full (below {_size(min_free_mb)})")
    if beat.mail_enabled and _mail_late(beat, now, mail_poll_seconds):
        problems.append(f"mailbox not reached ({beat.mail_error or 'no poll yet'})")
    if beat.last_scan is None or now - beat.last_scan > SCAN_LATE_AFTER:
        problems.append("scan folder not looked at for over 5 min")
    if beat.output_failure:
        problems.append(f"an output could not be written: {beat.output_failure}")
    if beat.last_error_at is not None and now - beat.last_error_at <= RECENT_ERROR:
        problems.append("an error was logged recently")

    facts = "; ".join([
        f"last mail poll {_when(beat.last_mail_poll, now)}" if beat.mail_enabled else "mailbox off",
        f"last scan {_when(beat.last_scan, now)}",
        f"queue {beat.queue}",
        f"last error {_when(beat.last_error_at, now)}" + (f" ({beat.last_error})" if beat.last_error else ""),
        disk,
    ])
    if problems:
        return Verdict(Health.degraded, f"degraded: {'; '.join(problems)} | {facts}")
    return Verdict(Health.healthy, f"healthy: {facts}")


def _mail_late(beat: Heartbeat, now: datetime, poll_seconds: float) -> bool:
    allowed = max(timedelta(seconds=3 * poll_seconds), MAIL_GRACE)
    last = beat.last_mail_poll or beat.started_at
    return now - last > allowed


def _when(moment: datetime | None, now: datetime) -> str:
    return "never" if moment is None else _ago(now - moment)


def _ago(age: timedelta) -> str:
    seconds = max(0, int(age.total_seconds()))
    if seconds < 120:
        return f"{seconds} s ago"
    if seconds < 7200:
        return f"{seconds // 60} min ago"
    return f"{seconds // 3600} h ago"


def _size(mb: int) -> str:
    return f"{mb / 1024:.1f} GB" if mb >= 1024 else f"{mb} MB"

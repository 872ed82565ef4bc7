"""The daemon's heartbeat (written every few seconds into the state folder) and `intake health`,
which judges it: healthy, degraded or down, in one line."""

from pipeline.health.heartbeat import Heartbeat, HeartbeatWriter, read_heartbeat
from pipeline.health.verdict import Health, Verdict, judge

__all__ = ["Health", "Heartbeat", "HeartbeatWriter", "Verdict", "judge", "read_heartbeat"]

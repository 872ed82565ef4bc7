"""How long to wait: before reconnecting (QQ refuses clients that reconnect in a storm) and
before retrying a mail that failed."""

from __future__ import annotations

import random

RECONNECT_BASE_SECONDS = 2.0
RECONNECT_CAP_SECONDS = 900.0
RETRY_BASE_SECONDS = 60.0
RETRY_CAP_SECONDS = 6 * 3600.0


def reconnect_delay(failures: int, rng: random.Random | None = None) -> float:
    """Exponential in the number of consecutive failures, with jitter in [50 %, 100 %]."""
    ceiling = min(RECONNECT_CAP_SECONDS, RECONNECT_BASE_SECONDS * 2 ** max(failures - 1, 0))
    return ceiling * (rng or random).uniform(0.5, 1.0)


def retry_delay(attempts: int) -> float:
    """Before the next try of a mail that failed `attempts` times."""
    return min(RETRY_CAP_SECONDS, RETRY_BASE_SECONDS * 2 ** max(attempts - 1, 0))

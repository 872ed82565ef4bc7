"""Pause points for the fault tests, which must stop a real daemon at an exact step.

INTAKE_MAIL_TEST_HOLD="<point>:<marker file>": the first time the mail source reaches
<point>, it creates the marker file and waits until the test deletes it (or the daemon
stops). Unset, as in production, this does nothing.
"""

from __future__ import annotations

import logging
import os
import threading
from pathlib import Path

log = logging.getLogger("pipeline.mail")

ENV = "INTAKE_MAIL_TEST_HOLD"
BEFORE_FETCH = "before_fetch"
BEFORE_POST_ACTION = "before_post_action"

_held: set[str] = set()


def hold(point: str, stop: threading.Event) -> None:
    point_name, _, marker = os.environ.get(ENV, "").partition(":")
    if point_name != point or not marker or point in _held:
        return
    _held.add(point)
    path = Path(marker)
    path.write_text(point, encoding="utf-8")
    log.warning("test hold at %s until %s is removed", point, path)
    while path.exists() and not stop.wait(0.05):
        pass

"""Worker processes end with the daemon, however the daemon ends (SIGKILL, OOM killer).

A worker's parent is the forkserver, not the daemon, and the forkserver lives as long as any
worker holds its pipe: a parent-death signal would wait on the wrong process. So each worker
watches the daemon itself, through a pidfd (Linux 5.3+), and exits the moment it ends; the
forkserver and the resource tracker then see their last client gone and exit too.
"""

from __future__ import annotations

import os
import select
import threading


def end_with(daemon_pid: int) -> None:
    """Worker initializer: a thread that waits for the daemon's end and ends this process."""
    try:
        pidfd = os.pidfd_open(daemon_pid)
    except ProcessLookupError:  # the daemon ended before this worker started
        os._exit(1)

    def wait() -> None:
        select.select([pidfd], [], [])
        os._exit(1)

    threading.Thread(target=wait, name="lifeline", daemon=True).start()

"""Reader functions for the tests of ``geo.io.bounded``, in a module that imports almost nothing.

In a threaded process a bounded read goes through the fork server, whose child imports the module of the
function it runs: a test module would cost seconds of imports there (more than a 2 s budget on a busy
machine), this one milliseconds.
"""

from __future__ import annotations

import os
import time
from pathlib import Path


def sleep_and_report(pid_file: str, seconds: float) -> None:
    """Write this process's id to ``pid_file``, then sleep (a reader that never ends)."""
    Path(pid_file).write_text(str(os.getpid()), encoding="ascii")
    time.sleep(seconds)


def allocate(megabytes: int) -> int:
    """Bytes of a ``megabytes`` MB buffer (a reader that takes memory)."""
    return len(bytearray(megabytes * 2**20))


def setting(name: str) -> str | None:
    """The environment variable ``name`` as the reader's process sees it."""
    return os.environ.get(name)

"""The app as ``streamlit run app.py`` on a free local port (browser tests, ``bench_startup``, ``bench_pages``):
one per test, or one shared by the tests that only read (:class:`SharedServer`)."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from collections.abc import Iterator
from contextlib import ExitStack, contextmanager
from typing import IO

from tests.support import REPO


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_until_up(
    base: str, proc: subprocess.Popen, timeout: float, poll_s: float = 0.05, log: IO[bytes] | None = None
) -> None:
    """Wait until the Streamlit server at ``base`` answers its health check (RuntimeError with its output if not).

    ``log``: the file the server writes its output to (else its ``stdout`` pipe is read).
    """
    deadline = time.monotonic() + timeout
    while True:
        try:
            with urllib.request.urlopen(f"{base}/_stcore/health", timeout=2) as r:
                if r.status == 200:
                    return
        except OSError:
            pass
        if proc.poll() is not None or time.monotonic() > deadline:
            if log is not None:
                log.seek(0)
            raw = log.read() if log is not None else proc.stdout.read() if proc.stdout else b""
            out = raw.decode(errors="replace")
            raise RuntimeError(f"streamlit did not start on {base}:\n{out[-3000:]}")
        time.sleep(poll_s)


@contextmanager
def run_streamlit_server(env_extra: dict[str, str], timeout: float = 90.0) -> Iterator[str]:
    """Run ``streamlit run app.py`` on a free local port; yields its base URL."""
    port = free_port()
    env = {**os.environ, **env_extra}
    cmd = [
        sys.executable,
        "-m",
        "streamlit",
        "run",
        str(REPO / "app.py"),
        "--server.port",
        str(port),
        "--server.address",
        "127.0.0.1",
        "--server.headless",
        "true",
        "--browser.gatherUsageStats",
        "false",
    ]
    # The output goes to a file, never a pipe nobody reads: once a pipe's 64 KB are full, the server and the
    # reader processes it forks (geo.io.bounded) block on their next log line, and a page hangs.
    with tempfile.TemporaryFile() as log:
        proc = subprocess.Popen(cmd, cwd=REPO, env=env, stdout=log, stderr=subprocess.STDOUT)
        base = f"http://127.0.0.1:{port}"
        try:
            wait_until_up(base, proc, timeout, poll_s=0.5, log=log)
            yield base
        finally:
            stop_process(proc)


def stop_process(proc: subprocess.Popen, grace_s: float = 10.0) -> None:
    """Ask ``proc`` to end (SIGTERM); kill it if it has not after ``grace_s`` seconds."""
    proc.terminate()
    try:
        proc.wait(timeout=grace_s)
    except subprocess.TimeoutExpired:
        proc.kill()


class SharedServer:
    """One ``streamlit run app.py`` for many tests, started at the first use and restarted if it stopped
    answering; each browser context is a session of its own, so only the run-time folder is shared."""

    def __init__(self, env_extra: dict[str, str]) -> None:
        self._env = env_extra
        self._stack: ExitStack | None = None
        self._base: str | None = None

    def _up(self) -> bool:
        try:
            with urllib.request.urlopen(f"{self._base}/_stcore/health", timeout=5) as r:
                return r.status == 200
        except OSError:
            return False

    @contextmanager
    def url(self) -> Iterator[str]:
        """``with shared.url() as base``: the base URL of the running server (started if need be)."""
        if self._base is None or not self._up():
            self.close()
            self._stack = ExitStack()
            self._base = self._stack.enter_context(run_streamlit_server(self._env))
        yield self._base

    def close(self) -> None:
        """Stop the server (if it was started)."""
        stack, self._stack, self._base = self._stack, None, None
        if stack is not None:
            stack.close()

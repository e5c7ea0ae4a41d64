"""How ``chiiki-map`` ends: exit codes and the one user-facing error type of the command line.

``0`` done; ``1`` partly done (e.g. an import that wrote the accepted rows and refused others);
``2`` nothing done: a usage or input error, printed without a traceback. Deliberate errors from ``geo``
(``geo.errors.ChiikiMapError``) exit 2 as well, and so does anything else (``failure_message``): what the
system refused is said as such, a bug by its type and message, its traceback saved to a file.
"""

from __future__ import annotations

import os
import resource
import tempfile
import traceback
from collections.abc import Iterator
from contextlib import contextmanager

EXIT_OK = 0
EXIT_PARTIAL = 1
EXIT_ERROR = 2


class CliError(Exception):
    """A user-facing error of the command line: a ``code`` and ``params`` (worded by ``i18n.errors``, words in
    ``i18n/cli.py``), printed in Japanese and English without a traceback; exits with ``status`` (default 2)."""

    def __init__(self, code: str, /, status: int = EXIT_ERROR, **params: object) -> None:
        super().__init__(code)
        self.status = status
        if code.isidentifier():
            self.code, self.params = code, dict(params)
        else:  # not yet a code: a message written here (being moved to i18n)
            self.code, self.params = "legacy", {"text": code, **params}

    def __str__(self) -> str:
        """``code(name=value, …)``: the technical form, for logs and tracebacks."""
        return f"{self.code}({', '.join(f'{k}={v!r}' for k, v in self.params.items())})"


def failure_message(exc: BaseException) -> str:
    """The words (Japanese, then English) for an error nobody raised on purpose; never a traceback.

    What the system refused (a full disk, a read-only or misplaced folder, memory: ``geo.io.system``) is
    said with the path and the setting that chose it. Anything else is a bug: its type and message are
    said, and the traceback is saved to a file in the temporary folder for the developers (shown instead
    when ``CHIIKI_MAP_DEBUG`` is set, by re-raising).
    """
    from geo.io.system import system_refusal  # only on failure: keeps `chiiki-map --help` light
    from i18n.errors import bilingual

    known = system_refusal(exc)
    if known is not None:
        return bilingual(known)
    if os.environ.get("CHIIKI_MAP_DEBUG"):
        raise exc
    detail = f"{type(exc).__name__}: {' '.join(str(exc).split())[:200]}"
    return bilingual(CliError("internal", detail=detail, log=_save_traceback(exc)))


def _save_traceback(exc: BaseException) -> str:
    """Write ``exc``'s traceback to a new file in the temporary folder; its path ('-' if it cannot be written)."""
    text = "".join(traceback.format_exception(exc))
    try:
        fd, path = tempfile.mkstemp(prefix="chiiki-map-error-", suffix=".txt")
        with os.fdopen(fd, "w", encoding="utf-8") as fh:
            fh.write(text)
    except OSError:
        return "-"
    return path


@contextmanager
def memory_cap() -> Iterator[None]:
    """Cap the address space of this process while a command runs, so no command can take the machine's memory.

    The cap is ``CHIIKI_MAP_MAX_MEMORY_MB`` megabytes, by default half of the machine's memory; past it an
    allocation fails with ``MemoryError``, which the command line says in words (``failure_message``). A
    lower limit already set is kept; the previous limit is restored afterwards.
    """
    soft, hard = resource.getrlimit(resource.RLIMIT_AS)
    try:
        mb = float(os.environ.get("CHIIKI_MAP_MAX_MEMORY_MB", "0"))
    except ValueError:
        mb = 0.0
    half = os.sysconf("SC_PHYS_PAGES") * os.sysconf("SC_PAGE_SIZE") // 2
    cap = int(mb * 2**20) if mb > 0 else half
    lowered = (soft == resource.RLIM_INFINITY or cap < soft) and (hard == resource.RLIM_INFINITY or cap <= hard)
    if lowered:
        resource.setrlimit(resource.RLIMIT_AS, (cap, hard))
    try:
        yield
    finally:
        if lowered:
            resource.setrlimit(resource.RLIMIT_AS, (soft, hard))

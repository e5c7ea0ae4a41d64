"""Reading a file someone gave us with a time and memory budget that stops the work, not just the wait.

GDAL, SQLite and the XML parsers cannot be interrupted from Python, and a thread cannot be killed: a
reader that a hostile file sends into a loop kept a CPU busy after the browser had left. So the reading
runs in a child process, killed when it overruns ``CHIIKI_MAP_IMPORT_SECONDS`` (default 120 s), with its
address space capped at ``CHIIKI_MAP_IMPORT_MEMORY_MB`` (default 4,096 MB) more than it starts with, so a
file cannot take the machine's memory either. (A SQLite progress handler would only bound our own queries,
not GDAL's; GDAL has no open option that bounds time.) ``geo.io.gis_files`` refuses the structures known
to be slow before anything is read; this budget stops whatever was not foreseen.

A single-threaded process (the command line) forks, which costs milliseconds; a threaded one (the
Streamlit server) asks a fork server started once, which imports the readers ahead. Inside the child,
nested bounded calls run directly. Results and the reader's own errors come back pickled. A process the
fork server starts would first run the caller's ``__main__`` script again (``multiprocessing`` does so for
the spawn and fork-server methods): in the server that is whichever script Streamlit ran last in that
process (``app.py``, importing Streamlit: 0.35 s a read; under ``AppTest.from_function`` a script that cannot
run alone), so the reader is started without it (``_without_main_script``).
"""

from __future__ import annotations

import multiprocessing
import os
import resource
import sys
import threading
import time
import traceback
import types
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from multiprocessing.connection import Connection
from typing import Any, TypeVar, cast

from geo.errors import InputFileError

T = TypeVar("T")
DEFAULT_SECONDS = 120.0
DEFAULT_MEMORY_MB = 4096
#: Modules the fork server imports once, so each read starts ready (the readers of every upload).
PRELOAD = ["geo.sites.schema", "geo.infra.imports", "geo.analysis.land", "geo.analysis.firms"]
_in_child = False
#: Environment variables the child takes from its caller at each read (the app's settings).
SETTINGS_PREFIX = "CHIIKI_MAP_"


def _env_number(name: str, default: float) -> float:
    try:
        value = float(os.environ.get(name, default))
    except ValueError:
        return default
    return value if value > 0 else default


def read_seconds() -> float:
    """Wall-clock seconds one file may take to read: ``CHIIKI_MAP_IMPORT_SECONDS`` (default 120)."""
    return _env_number("CHIIKI_MAP_IMPORT_SECONDS", DEFAULT_SECONDS)


def read_memory_mb() -> int:
    """Memory (MB) reading one file may add: ``CHIIKI_MAP_IMPORT_MEMORY_MB`` (default 4,096)."""
    return int(_env_number("CHIIKI_MAP_IMPORT_MEMORY_MB", DEFAULT_MEMORY_MB))


def _address_space() -> int:
    """Bytes of address space this process has mapped now (0 where /proc is not there)."""
    try:
        with open("/proc/self/statm", encoding="ascii") as fh:
            return int(fh.read().split()[0]) * os.sysconf("SC_PAGE_SIZE")
    except (OSError, ValueError, IndexError):
        return 0


def _settings() -> dict[str, str]:
    """The caller's ``CHIIKI_MAP_*`` settings (limits the reader applies, such as the row limit)."""
    return {k: v for k, v in os.environ.items() if k.startswith(SETTINGS_PREFIX)}


def _child(
    conn: Connection, fn: Callable[..., object], args: tuple[object, ...], extra_bytes: int, settings: dict[str, str]
) -> None:
    global _in_child
    _in_child = True
    # the fork server was started with the environment of its time: apply the caller's settings of now
    for key in [k for k in os.environ if k.startswith(SETTINGS_PREFIX) and k not in settings]:
        del os.environ[key]
    os.environ.update(settings)
    base = _address_space()
    if base:
        limit = base + extra_bytes
        resource.setrlimit(resource.RLIMIT_AS, (limit, limit))
    try:
        result: tuple[str, object] = ("ok", fn(*args))
    except MemoryError:
        result = ("memory", None)
    except BaseException as exc:
        result = ("error", exc)
    try:
        conn.send(result)
    except Exception:  # an unpicklable result or error: say what it was
        what = result[1]
        detail = traceback.format_exception_only(what)[-1] if isinstance(what, BaseException) else type(what).__name__
        conn.send(("failed", detail.strip()[-300:]))
    finally:
        conn.close()


_context_lock = threading.Lock()


def _context() -> Any:
    """Fork in a single-threaded process; otherwise the fork server (forking a threaded process is unsafe)."""
    if threading.active_count() == 1:
        return multiprocessing.get_context("fork")
    with _context_lock:
        ctx = multiprocessing.get_context("forkserver")
        ctx.set_forkserver_preload(PRELOAD)
        return ctx


@contextmanager
def _without_main_script() -> Iterator[None]:
    """Hide ``__main__`` while a fork-server child is started: it then imports no script of the caller's.

    ``multiprocessing`` sends the child the path (or name) of ``sys.modules["__main__"]`` to run first; a
    stand-in without either makes it skip that step. The reader and ``_child`` live in ``geo`` modules,
    pickled by their own names. Streamlit installs a new ``__main__`` as a run starts and runs it from its
    own reference: a run starting meanwhile is unaffected, and its module is the one left in place.
    """
    with _context_lock:
        main, stand_in = sys.modules.get("__main__"), types.ModuleType("__main__")
        sys.modules["__main__"] = stand_in
        try:
            yield
        finally:  # put it back unless a run installed its own meanwhile
            if main is not None and sys.modules.get("__main__") is stand_in:
                sys.modules["__main__"] = main


def bounded_read(fn: Callable[..., T], *args: object, file: str) -> T:
    """``fn(*args)`` in a child process within ``read_seconds()`` and ``read_memory_mb()``; its result.

    ``fn`` must be a module-level function (it is pickled for the fork server). Errors ``fn`` raises are
    raised here; overrunning the time or memory, or a crash of the reader, raises ``InputFileError``
    (codes ``file_timeout``, ``file_too_much_memory``, ``file_reader_failed``; ``file`` names the file).
    """
    if _in_child:
        return fn(*args)
    seconds, memory_mb = read_seconds(), read_memory_mb()
    ctx = _context()
    receive, send = ctx.Pipe(duplex=False)
    proc = ctx.Process(target=_child, args=(send, fn, args, memory_mb * 2**20, _settings()), daemon=True)
    if ctx.get_start_method() == "fork":
        proc.start()
    else:
        with _without_main_script():
            proc.start()
    send.close()
    started = time.monotonic()
    try:
        if not receive.poll(seconds):
            raise InputFileError("file_timeout", file=file, seconds=seconds)
        kind, payload = receive.recv()
    except EOFError:  # the child died without an answer (killed, or a crash in a C library)
        proc.join(max(0.0, seconds - (time.monotonic() - started)))
        raise InputFileError("file_reader_failed", file=file, detail=f"exit {proc.exitcode}") from None
    finally:
        if proc.is_alive():
            proc.kill()
        proc.join()
        receive.close()
    if kind == "ok":
        return cast(T, payload)
    if kind == "memory":
        raise InputFileError("file_too_much_memory", file=file, mb=memory_mb)
    if kind == "error" and isinstance(payload, BaseException):
        raise payload
    raise InputFileError("file_reader_failed", file=file, detail=str(payload))

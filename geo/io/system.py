"""What the system refused, as an error: a full disk, a read-only folder, a file for a folder, memory.

The command line and the app say this instead of showing a traceback. ``system_refusal(exc)`` turns an
``OSError`` (by its ``errno``), a SQLite "disk is full" / "readonly database" error, or a ``MemoryError``
into a ``ChiikiMapError`` (``system_disk_full``, ``system_read_only`` …, ``system_memory``) that names
the path and, as a ``hint``, the setting that chose it (``CHIIKI_MAP_VAR``, ``CHIIKI_MAP_STORE``,
``TMPDIR``); anything else gives None (a bug, which the caller reports as one). ``i18n/errors_system.py``
words them.
"""

from __future__ import annotations

import errno
import os
import sqlite3
import tempfile
from collections.abc import Callable
from pathlib import Path

from geo.config import store_path, var_dir
from geo.errors import ChiikiMapError
from geo.io.reasons import Reason
from geo.text import clip

#: What the system refused → the error that says it (params ``path``, ``detail``, ``hint``).
_ERRORS: dict[str, Callable[..., ChiikiMapError]] = {
    "disk_full": lambda **p: ChiikiMapError("system_disk_full", **p),
    "read_only": lambda **p: ChiikiMapError("system_read_only", **p),
    "permission": lambda **p: ChiikiMapError("system_permission", **p),
    "not_folder": lambda **p: ChiikiMapError("system_not_folder", **p),
    "is_folder": lambda **p: ChiikiMapError("system_is_folder", **p),
    "not_found": lambda **p: ChiikiMapError("system_not_found", **p),
    "other": lambda **p: ChiikiMapError("system_other", **p),
}
_ERRNO = {
    errno.ENOSPC: "disk_full",
    errno.EDQUOT: "disk_full",
    errno.EROFS: "read_only",
    errno.EACCES: "permission",
    errno.EPERM: "permission",
    errno.ENOTDIR: "not_folder",
    errno.EEXIST: "not_folder",  # makedirs over a file
    errno.EISDIR: "is_folder",
    errno.ENOENT: "not_found",
}


def _within(path: Path, folder: Path) -> bool:
    try:
        return path.resolve().is_relative_to(folder.resolve())
    except (OSError, ValueError):
        return False


def setting_for(path: str | Path) -> str:
    """The setting that chose ``path``: ``CHIIKI_MAP_STORE``, ``CHIIKI_MAP_VAR``, ``TMPDIR``, or '' (none)."""
    p = Path(path)
    store = store_path()
    if os.environ.get("CHIIKI_MAP_STORE") and (p == store or _within(p, store) or p == store.parent):
        return "CHIIKI_MAP_STORE"
    if _within(p, var_dir()) or p == var_dir():
        return "CHIIKI_MAP_VAR"
    if _within(p, Path(tempfile.gettempdir())) or os.environ.get("TMPDIR", "\0") == str(p):
        return "TMPDIR"
    return ""


def _sqlite_code(exc: sqlite3.Error) -> str | None:
    text = str(exc).lower()
    if "disk is full" in text or "disk i/o error" in text:
        return "disk_full"
    if "readonly" in text or "read-only" in text:
        return "read_only"
    return None


def system_refusal(exc: BaseException) -> ChiikiMapError | None:
    """The refusal that says what the system refused in ``exc``, or None if ``exc`` is not such an error."""
    if isinstance(exc, MemoryError):
        return ChiikiMapError("system_memory")
    if isinstance(exc, sqlite3.Error):
        code = _sqlite_code(exc)
        path = store_path()
    elif isinstance(exc, OSError) and exc.errno is not None:
        code = _ERRNO.get(exc.errno, "other")
        path = Path(str(exc.filename)) if exc.filename else var_dir()
        if exc.errno == errno.ENOTDIR:  # name the file that stands where a folder is needed
            path = next((a for a in path.parents if a.exists() and not a.is_dir()), path)
        elif exc.errno == errno.ENOENT:  # name the first folder that is missing
            path = next((a for a in reversed([path, *path.parents]) if not a.exists()), path)
    else:
        return None
    if code is None:
        return None
    detail = exc.strerror if isinstance(exc, OSError) and exc.strerror else str(exc)
    setting = setting_for(path)
    hint: object = Reason.of("setting", name=setting) if setting else ""  # a path the person typed: no hint
    return _ERRORS[code](path=clip(str(path), 200), detail=clip(detail, 200), hint=hint)

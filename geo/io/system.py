"""What the system refused, as a reason: a full disk, a read-only folder, a file for a folder, memory.

The command line and the app say this instead of showing a traceback.
``system_refusal(exc)`` turns an ``OSError`` (by its ``errno``), a SQLite "disk is full" / "readonly
database" error, or a ``MemoryError`` into a ``geo.io.reasons.refusal`` error (codes ``system_*``) that
names the path and the setting that chose it (``CHIIKI_MAP_VAR``, ``CHIIKI_MAP_STORE``, ``TMPDIR``);
anything else gives None (a bug, which the caller reports as one). ``i18n/system.py`` words them.
"""

from __future__ import annotations

import errno
import os
import sqlite3
import tempfile
from pathlib import Path

from geo.config import store_path, var_dir
from geo.errors import ChiikiMapError
from geo.io.reasons import refusal
from geo.text import clip

_CODES = {
    errno.ENOSPC: "system_disk_full",
    errno.EDQUOT: "system_disk_full",
    errno.EROFS: "system_read_only",
    errno.EACCES: "system_permission",
    errno.EPERM: "system_permission",
    errno.ENOTDIR: "system_not_folder",
    errno.EEXIST: "system_not_folder",  # makedirs over a file
    errno.EISDIR: "system_is_folder",
    errno.ENOENT: "system_not_found",
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
        return "system_disk_full"
    if "readonly" in text or "read-only" in text:
        return "system_read_only"
    return None


def system_refusal(exc: BaseException) -> ChiikiMapError | None:
    """The refusal that says what the system refused in ``exc``, or None if ``exc`` is not such an error."""
    if isinstance(exc, MemoryError):
        return refusal(ChiikiMapError, "system_memory")
    if isinstance(exc, sqlite3.Error):
        code = _sqlite_code(exc)
        path = store_path()
    elif isinstance(exc, OSError) and exc.errno is not None:
        code = _CODES.get(exc.errno, "system_other")
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
    return refusal(
        ChiikiMapError,
        code,
        path=clip(str(path), 200),
        detail=clip(detail, 200),
        setting=setting,
    )

"""Files written where a person says (``--out``, ``--csv``): never onto the store, never over a foreign file.

``sites export --format gpkg --out var/sites.gpkg`` once replaced the site store — every account and the
audit trail — and exited 0. ``write_output`` refuses a path that is the store (its GeoPackage and its
``-wal``/``-shm``/``-journal`` files) or one of the command's input files, compared after resolving
symbolic links and by inode (a hard link is the same file). A file that already exists is overwritten
only if the app wrote it and it is unchanged since (its SHA-256 is in the register
``CHIIKI_MAP_VAR/written.json``), or with ``force``. The new file is written beside the target and
renamed over it, so a failed write leaves the old file as it was. Refusals are ``ParameterError``
(codes ``output_*``); ``i18n/errors_outputs.py`` words them.
"""

from __future__ import annotations

import contextlib
import errno
import hashlib
import json
import os
import tempfile
from collections.abc import Callable, Iterable
from pathlib import Path

from geo.config import store_path, var_dir
from geo.errors import ParameterError
from geo.io.files import atomic_write
from geo.text import clip

#: Outputs remembered (the most recent); an older one needs ``--force`` to be overwritten again.
REGISTER_SIZE = 1000
_SIDECARS = ("", "-wal", "-shm", "-journal")


def register_path() -> Path:
    """Where the app remembers what it wrote: ``CHIIKI_MAP_VAR/written.json``."""
    return var_dir() / "written.json"


def store_files() -> list[Path]:
    """The GeoPackage store and the files SQLite keeps beside it."""
    store = store_path()
    return [store.with_name(store.name + s) for s in _SIDECARS]


def _same_file(a: Path, b: Path) -> bool:
    """``a`` and ``b`` are one file: the same path once links are resolved, or the same inode."""
    try:
        if a.resolve() == b.resolve():
            return True
        return a.exists() and b.exists() and os.path.samefile(a, b)
    except OSError:
        return False


def _digest(path: Path) -> str:
    h = hashlib.sha256()
    with path.open("rb") as fh:
        for block in iter(lambda: fh.read(1 << 20), b""):
            h.update(block)
    return h.hexdigest()


def _register() -> dict[str, str]:
    try:
        data = json.loads(register_path().read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return {str(k): str(v) for k, v in data.items()} if isinstance(data, dict) else {}


def _remember(path: Path) -> None:
    """Record ``path``'s content as written by the app (best effort: no register, no record)."""
    entries = _register()
    entries.pop(str(path), None)
    entries[str(path)] = _digest(path)
    kept = dict(list(entries.items())[-REGISTER_SIZE:])
    with contextlib.suppress(OSError):  # an unwritable CHIIKI_MAP_VAR: the output stands, later overwrites need --force
        atomic_write(register_path(), json.dumps(kept, ensure_ascii=False, indent=0).encode("utf-8"))


def check_output(path: str | Path, *, force: bool = False, inputs: Iterable[str | Path] = ()) -> Path:
    """The absolute path to write to; ``ParameterError`` if it is the store, an input, or a foreign file.

    Parameters
    ----------
    path
        The output path a person gave.
    force
        Overwrite an existing file the app did not write (never the store or an input).
    inputs
        The command's input files (a report must not replace the file it reports on).
    """
    target = Path(path).expanduser().absolute()
    shown = clip(str(path), 200)
    if any(_same_file(target, kept) for kept in [*store_files(), register_path()]):
        raise ParameterError("output_is_store", path=shown, store=clip(str(store_path()), 200))
    if any(_same_file(target, Path(i)) for i in inputs):
        raise ParameterError("output_is_input", path=shown)
    if target.is_dir():
        raise ParameterError("output_is_folder", path=shown)
    if target.exists() and not force and _register().get(str(target.resolve())) != _digest(target):
        raise ParameterError("output_exists", path=shown)
    _probe_folder(target, shown)
    return target


def _probe_folder(target: Path, shown: str) -> None:
    """``output_unwritable`` now, before the work, if no file can be made where ``target`` goes (``/proc``…)."""
    folder = next((p for p in [target.parent, *target.parent.parents] if p.exists()), Path("/"))
    try:
        if folder != target.parent:  # write_output makes the missing folders: they must be makeable
            if not folder.is_dir() or not os.access(folder, os.W_OK | os.X_OK):
                raise OSError(errno.EACCES, os.strerror(errno.EACCES))
            return
        fd, name = tempfile.mkstemp(dir=folder, prefix=f".{target.stem[:40]}.", suffix=".probe")
        os.close(fd)
        os.unlink(name)
    except OSError as exc:
        reason = exc.strerror or os.strerror(exc.errno or errno.EIO)
        raise ParameterError("output_unwritable", path=shown, reason=clip(reason, 200)) from None


def write_output(
    path: str | Path, write: Callable[[Path], object], *, force: bool = False, inputs: Iterable[str | Path] = ()
) -> Path:
    """``write(tmp)`` to a temporary file beside ``path``, then rename it over ``path`` (``check_output`` first).

    Returns the written path. An ``OSError`` (a read-only folder, a full disk, a path under ``/proc``)
    becomes ``ParameterError`` (code ``output_unwritable``, with the system's reason); nothing is left behind.
    """
    target = check_output(path, force=force, inputs=inputs)
    shown = clip(str(path), 200)
    tmp: Path | None = None
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        fd, name = tempfile.mkstemp(dir=target.parent, prefix=f".{target.stem[:40]}.", suffix=f".tmp{target.suffix}")
        os.close(fd)
        tmp = Path(name)
        tmp.unlink()  # writers (GDAL) want to create the file themselves
        write(tmp)
        os.replace(tmp, target)
    except Exception as exc:  # the system's or GDAL's (pyogrio.errors) refusal to write; anything else is a bug
        if not isinstance(exc, OSError) and not type(exc).__module__.startswith("pyogrio"):
            raise
        reason = (exc.strerror or os.strerror(exc.errno or errno.EIO)) if isinstance(exc, OSError) else str(exc)
        raise ParameterError("output_unwritable", path=shown, reason=clip(reason, 200)) from None
    finally:
        if tmp is not None:
            tmp.unlink(missing_ok=True)
    _remember(target.resolve())
    return target

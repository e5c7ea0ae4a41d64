"""Files read and written by many modules: change stamps, memoised GeoParquet/JSON reads, atomic writes."""

from __future__ import annotations

import contextlib
import functools
import json
import os
import pickle
import shutil
import tempfile
import uuid
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import TypeVar

import geopandas as gpd

from geo.crs import to_store_crs

#: (mtime in ns, size in bytes) of a file: changes whenever the file is rewritten.
Stamp = tuple[int, int]


def file_stamp(path: Path) -> Stamp | None:
    """(mtime_ns, size) of a file, or None when it does not exist."""
    try:
        st = path.stat()
    except FileNotFoundError:
        return None
    return st.st_mtime_ns, st.st_size


def atomic_write(path: Path, data: bytes) -> None:
    """Write bytes via a temporary file and rename, so readers never see half a file."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".tmp-", suffix=path.suffix)
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


T = TypeVar("T")


def derived(path: Path, compute: Callable[[], T]) -> T:
    """``compute()``, kept in the pickle ``path`` (ours: under ``geo.config.derived_dir``) for the next process.

    The file name must carry everything the value depends on (the data fingerprint, the region). A file that
    cannot be read is computed again; a folder we cannot write only costs the time.
    """
    try:
        with path.open("rb") as fh:
            return pickle.load(fh)  # a file this function wrote, in the app's own folder
    except (OSError, EOFError, pickle.UnpicklingError, AttributeError, ImportError, ValueError):
        pass
    value = compute()
    with contextlib.suppress(OSError):
        atomic_write(path, pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL))
    return value


@contextmanager
def restore_on_error(paths: Sequence[Path]) -> Iterator[None]:
    """Files ``paths`` as they were if the block fails: a new file is removed, a replaced one put back.

    The old files are kept as hard links (a copy where links are not possible) until the block ends;
    writers replace files (``atomic_write``, ``os.replace``) or delete them, so the link keeps the old
    content. Used to write a file and its record in the store as one unit.
    """
    kept: dict[Path, Path | None] = {}
    try:
        for path in paths:
            if path in kept:
                continue
            if not path.is_file():
                kept[path] = None
                continue
            backup = path.with_name(f".{path.name}.{uuid.uuid4().hex[:8]}.keep")
            try:
                os.link(path, backup)
            except OSError:
                shutil.copy2(path, backup)
            kept[path] = backup
        yield
    except BaseException:
        for path, old in kept.items():
            if old is None:
                path.unlink(missing_ok=True)
            else:
                os.replace(old, path)
        raise
    finally:
        for old in kept.values():
            if old is not None:
                old.unlink(missing_ok=True)


@functools.lru_cache(maxsize=64)
def _read_parquet(path: str, stamp: Stamp) -> gpd.GeoDataFrame:
    gdf = gpd.read_parquet(path)
    return to_store_crs(gdf)


def read_parquet_cached(path: Path) -> gpd.GeoDataFrame | None:
    """A GeoParquet file in EPSG:4326, memoised on path, mtime and size (an updated file is re-read); None if absent.

    The frame is shared between callers: copy it before changing it.
    """
    stamp = file_stamp(path)
    return None if stamp is None else _read_parquet(str(path), stamp)


@functools.lru_cache(maxsize=16)
def _read_json(path: str, stamp: Stamp) -> dict[str, object]:
    data = json.loads(Path(path).read_text(encoding="utf-8"))
    if not isinstance(data, dict):
        raise ValueError(f"{path}: expected a JSON object")
    return data


def read_json_cached(path: Path) -> dict[str, object] | None:
    """A JSON object file, memoised on path, mtime and size; None when it does not exist.

    Raises ``ValueError`` (``json.JSONDecodeError``) for a file that is not a JSON object.
    """
    stamp = file_stamp(path)
    return None if stamp is None else _read_json(str(path), stamp)

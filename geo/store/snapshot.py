"""The store's sites kept as a snapshot per version, so a new server process starts without reading them row by row.

Reading 100,000 sites from the store takes ~2 s (rows to columns to a GeoDataFrame); the same frame unpickled
takes ~0.2 s. :func:`read_snapshot` keeps the last read of each store under ``var/snapshots``, named by the store
and its version token (which changes on every write, as the app's in-memory cache already relies on): a snapshot
is never read for another version, and older snapshots of the store are removed when a new one is written.
"""

from __future__ import annotations

import contextlib
import hashlib
from pathlib import Path

import geopandas as gpd
import pandas as pd

from geo import config
from geo.io.files import derived
from geo.store.base import SiteStoreBase
from geo.store.schema import STORE_COLUMNS


def _short(text: str) -> str:
    return hashlib.sha1(text.encode("utf-8"), usedforsecurity=False).hexdigest()[:16]


def read_snapshot(store: SiteStoreBase, target: str, token: str, folder: Path | None = None) -> gpd.GeoDataFrame:
    """``store.read()`` for version ``token`` of the store named ``target``, from its snapshot when there is one.

    Parameters
    ----------
    store
        The open store.
    target
        What names the store (its path or URL without secrets): snapshots of different stores never mix.
    token
        ``store.version_token()`` taken before the read (a write in between makes the next read a new one).
    folder
        Where snapshots are kept (default ``var/snapshots``).
    """
    where = folder if folder is not None else config.var_dir() / "snapshots"
    name = _short(target)
    # the version, and what the frame is made of here: a new column or another pandas never reads an old one
    version = _short("|".join([token, ",".join(STORE_COLUMNS), pd.__version__, gpd.__version__]))
    path = where / f"sites-{name}-{version}.pkl"
    sites = derived(path, store.read)
    for old in where.glob(f"sites-{name}-*.pkl"):
        if old != path:
            with contextlib.suppress(OSError):
                old.unlink()
    return sites

"""Site store facade: ``open_store()`` gives the GeoPackage (default) or PostGIS store, same interface.

* GeoPackage (embedded, one laptop): ``geo.config.store_path()`` — ``CHIIKI_MAP_STORE`` or ``var/sites.gpkg``;
  see ``geo.store.gpkg`` for the file format, locking and crash safety.
* PostGIS (shared, a whole bureau): when ``DATABASE_URL=postgresql://...`` is set or ``target`` is such
  a URL; see ``geo.store.pg``.

Both are created and seeded with the sample sites on first use. Methods (``geo.store.base.SiteStoreBase``):
``read(include_deleted=False)``, ``get(site_id)``, ``version_token()``, ``add(sites, actor)``,
``update(site_id, changes, expected_version, actor)``, ``delete(...)``, ``restore(...)``, ``audit(site_id=None)``.
Writes need an editor ``geo.accounts.Actor`` (``geo.errors.EditorRequired`` otherwise); accounts:
``geo.store.users``; tables: ``geo.store.schema``; errors: ``geo.errors``.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import TYPE_CHECKING

from geo.config import store_path
from geo.errors import StoreError
from geo.store.base import SiteStoreBase
from geo.store.gpkg import GpkgSiteStore
from geo.text import clip

if TYPE_CHECKING:
    from geo.store.pg import PgSiteStore

#: Any store (both backends implement it).
SiteStore = SiteStoreBase

__all__ = ["GpkgSiteStore", "PgSiteStore", "SiteStore", "is_database_url", "open_store"]


def __getattr__(name: str) -> object:
    """``PgSiteStore`` on first use: psycopg is imported only where PostGIS is used."""
    if name == "PgSiteStore":
        from geo.store.pg import PgSiteStore

        return PgSiteStore
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def is_database_url(target: object) -> bool:
    """True for ``postgresql://`` / ``postgres://`` URLs.

    Parameters
    ----------
    target
        A store target (path or URL) or anything else.
    """
    return isinstance(target, str) and target.startswith(("postgresql://", "postgres://"))


def open_store(target: str | Path | None = None) -> SiteStoreBase:
    """The store at ``target`` (a file path or a PostgreSQL URL), created and seeded on first use.

    Parameters
    ----------
    target
        Default: ``DATABASE_URL`` if it is a PostgreSQL URL, else ``geo.config.store_path()``.

    Raises
    ------
    geo.errors.StoreError
        For an unusable store (the message says what to do).
    """
    if target is None:
        url = os.environ.get("DATABASE_URL", "")
        target = url if is_database_url(url) else store_path()
    if is_database_url(target):
        from geo.store.pg import PgSiteStore  # psycopg only for PostGIS

        store = PgSiteStore(str(target))
        store.ensure_schema()
        return store
    gpkg = GpkgSiteStore(target)
    if gpkg.path.is_dir():  # CHIIKI_MAP_STORE names a folder: say so, never create a store in it unasked
        raise StoreError("store_is_folder", path=clip(str(gpkg.path), 200))
    if not gpkg.exists():
        gpkg.create()
    layout = gpkg.layout()
    if layout == "legacy" and gpkg.only_sample_rows():
        gpkg.path.replace(gpkg.path.with_name(gpkg.path.name + ".v1.bak"))  # only sample rows: start afresh
        gpkg.create()
    elif layout != "current":
        raise StoreError(
            "store_legacy" if layout == "legacy" else "store_not_sites", path=str(gpkg.path), name=gpkg.path.name
        )
    gpkg.upgrade()
    return gpkg

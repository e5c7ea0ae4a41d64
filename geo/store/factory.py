"""Site store facade: ``open_store()`` gives the GeoPackage (default) or PostGIS store, same interface.

* GeoPackage (embedded, one laptop): ``geo.config.store_path()`` — ``CHIIKI_MAP_STORE`` or ``var/sites.gpkg``;
  see ``geo.store.gpkg`` for the file format, locking and crash safety.
* PostGIS (shared, a whole bureau): when ``DATABASE_URL=postgresql://...`` is set or ``target`` is such
  a URL; see ``geo.store.pg``.

The GeoPackage is created and seeded with the sample sites on first use; a PostGIS store by its owner
(``upgrade_store``: ``chiiki-map db upgrade``), so the app's role needs no DDL rights.
Methods (``geo.store.base.SiteStoreBase``):
``read(include_deleted=False)``, ``get(site_id)``, ``version_token()``, ``add(sites, actor)``,
``update(site_id, changes, expected_version, actor)``, ``delete(...)``, ``restore(...)``, ``audit(site_id=None)``.
Writes need an editor ``geo.accounts.Actor`` (``geo.errors.EditorRequired`` otherwise); accounts:
``geo.store.users``; tables: ``geo.store.schema``; errors: ``geo.errors``.
"""

from __future__ import annotations

import logging
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
log = logging.getLogger(__name__)

__all__ = ["GpkgSiteStore", "PgSiteStore", "SiteStore", "is_database_url", "open_store", "upgrade_store"]


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


def _configured() -> str | Path:
    """The store the environment names: ``DATABASE_URL`` (PostgreSQL only) or ``geo.config.store_path()``.

    Raises
    ------
    geo.errors.StoreError
        ``store_url_unsupported`` for a ``DATABASE_URL`` of another kind (``mysql://…``);
        ``store_folder_missing`` when ``CHIIKI_MAP_STORE`` names a file in a folder that does not exist
        (a typo would otherwise make a new, empty store).
    """
    url = os.environ.get("DATABASE_URL", "").strip()
    if url:
        if not is_database_url(url):
            scheme = url.split("://", 1)[0][:40] if "://" in url else url[:12]
            log.error("DATABASE_URL is not a PostgreSQL URL (%s://…): stopping", scheme)
            raise StoreError("store_url_unsupported", scheme=scheme)
        return url
    path = store_path()
    if os.environ.get("CHIIKI_MAP_STORE") and not path.parent.is_dir():
        log.error("CHIIKI_MAP_STORE is in a folder that does not exist: %s", path.parent)
        raise StoreError("store_folder_missing", folder=str(path.parent))
    return path


def open_store(target: str | Path | None = None) -> SiteStoreBase:
    """The store at ``target`` (a file path or a PostgreSQL URL), ready for use; never changes tables of PostGIS.

    The GeoPackage (a single file the app owns) is created and seeded on first use and brought up to
    date; a PostGIS store must have been created or upgraded by its owner (``upgrade_store``,
    ``chiiki-map db upgrade``) — the app's database role needs no DDL rights.

    Parameters
    ----------
    target
        Default: ``DATABASE_URL`` if set, else ``geo.config.store_path()``.

    Raises
    ------
    geo.errors.StoreError
        For an unusable store or configuration (``code`` says which; ``i18n.errors`` words it).
    """
    target = _configured() if target is None else target
    if is_database_url(target):
        try:
            from geo.store.pg import PgSiteStore  # psycopg only for PostGIS
        except ModuleNotFoundError as exc:  # the `postgres` extra (pyproject.toml) is not installed
            if exc.name != "psycopg":
                raise
            raise StoreError("store_no_pg_driver") from exc
        store = PgSiteStore(str(target))
        store.check_schema()
        return store
    gpkg = GpkgSiteStore(target)
    if gpkg.path.is_dir():  # CHIIKI_MAP_STORE names a folder: say so, never create a store in it unasked
        raise StoreError("store_is_folder", path=clip(str(gpkg.path), 200))
    return _ready_gpkg(gpkg)


def _ready_gpkg(gpkg: GpkgSiteStore) -> GpkgSiteStore:
    """The GeoPackage store created (and seeded) if missing, upgraded if made by an earlier version."""
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


def upgrade_store(target: str | Path | None = None) -> tuple[str, list[str]]:
    """Create or bring up to date the store at ``target``: what its owner runs (``chiiki-map db upgrade``).

    Returns the store (a path, or a URL without password) and the steps done (codes: ``tables``,
    ``sign_in_columns``, ``activity``, ``plans``, ``role_check``, ``change_counter``, ``identity``,
    ``functions``; none if it was up to date).

    Raises
    ------
    geo.errors.StoreError
        ``store_upgrade_denied`` when the role may not change tables, or any ``open_store`` error.
    """
    target = _configured() if target is None else target
    if is_database_url(target):
        from geo.store.pg import PgSiteStore

        pg = PgSiteStore(str(target))
        return pg.target, pg.upgrade()
    gpkg = GpkgSiteStore(target)
    steps = [] if gpkg.exists() else ["tables"]
    if gpkg.exists() and gpkg.layout() == "current":
        steps = gpkg.pending_upgrades()
    _ready_gpkg(gpkg)
    return gpkg.target, steps

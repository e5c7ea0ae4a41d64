"""The site store: GeoPackage (default) or PostGIS behind one interface; ``open_store()`` picks one.

Errors (``StoreError``, ``SiteNotFoundError``, ``ValidationError``, ``ConflictError``) are re-exported
from ``geo.errors``; columns from ``geo.store.schema``; accounts live in ``geo.store.users``.
"""

from typing import TYPE_CHECKING

from geo.errors import ConflictError, SiteNotFoundError, StoreError, ValidationError
from geo.store.factory import GpkgSiteStore, SiteStore, is_database_url, open_store, upgrade_store
from geo.store.schema import STORE_AUDIT_COLUMNS, STORE_COLUMNS

if TYPE_CHECKING:
    from geo.store.pg import PgSiteStore

__all__ = [
    "STORE_AUDIT_COLUMNS",
    "STORE_COLUMNS",
    "ConflictError",
    "GpkgSiteStore",
    "PgSiteStore",
    "SiteNotFoundError",
    "SiteStore",
    "StoreError",
    "ValidationError",
    "is_database_url",
    "open_store",
    "upgrade_store",
]


def __getattr__(name: str) -> object:
    """``PgSiteStore`` on first use (psycopg is imported only where PostGIS is used)."""
    if name == "PgSiteStore":
        from geo.store.pg import PgSiteStore

        return PgSiteStore
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")

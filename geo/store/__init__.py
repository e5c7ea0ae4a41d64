"""The site store: GeoPackage (default) or PostGIS behind one interface; ``open_store()`` picks one.

Errors (``StoreError``, ``SiteNotFoundError``, ``ValidationError``, ``ConflictError``) are re-exported
from ``geo.errors``; columns from ``geo.store.schema``; accounts live in ``geo.store.users``.
"""

from geo.errors import ConflictError, SiteNotFoundError, StoreError, ValidationError
from geo.store.factory import GpkgSiteStore, PgSiteStore, SiteStore, is_database_url, open_store
from geo.store.schema import STORE_AUDIT_COLUMNS, STORE_COLUMNS

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
]

"""The site store: GeoPackage (default) or PostGIS behind one interface; ``open_store()`` picks one."""

from geo.store.factory import (
    AUDIT_COLUMNS,
    STORE_COLUMNS,
    ConflictError,
    GpkgSiteStore,
    PgSiteStore,
    SiteNotFoundError,
    SiteStore,
    StoreError,
    ValidationError,
    is_database_url,
    open_store,
)

__all__ = [
    "AUDIT_COLUMNS",
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

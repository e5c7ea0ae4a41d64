"""The store's tables, once, as SQLAlchemy Core objects both backends use (DDL and statements).

Column kinds map to one SQL type per backend (GeoPackage/SQLite, PostgreSQL/PostGIS); the types do
no value conversion in Python, so both backends store exactly what ``geo.store.base`` hands them
(ISO 8601 text for times, JSON text for audit records) and the aggregates (``geo.store.sites``,
``audit``, ``users``, ``activity``) read it back.
"""

from __future__ import annotations

from datetime import UTC, datetime

from sqlalchemy import BigInteger, CheckConstraint, Column, Identity, Index, Integer, MetaData, Table, text
from sqlalchemy.ext.compiler import compiles
from sqlalchemy.sql.compiler import TypeCompiler
from sqlalchemy.types import UserDefinedType

from geo.accounts import ROLES
from geo.sites.schema import DERIVED_COLUMNS, NUMERIC_COLUMNS, SITE_COLUMNS

#: Bookkeeping columns of every stored site.
META_COLUMNS: list[str] = ["version", "deleted", "created_at", "updated_at", "updated_by"]
#: Columns ``read()`` returns (plus ``geometry``), in order.
STORE_COLUMNS: list[str] = ["site_id", *SITE_COLUMNS, *DERIVED_COLUMNS, *META_COLUMNS]
#: Stored columns (besides ``site_id`` and the geometry) and their kind.
COLUMN_KINDS: dict[str, str] = {
    **{c: "text" for c in SITE_COLUMNS},
    **{c: "real" for c in [*NUMERIC_COLUMNS, "lon", "lat"]},
    "is_sample": "bool",
    **{c: "text" for c in DERIVED_COLUMNS},
    "version": "int",
    "deleted": "bool",
    "created_at": "time",
    "updated_at": "time",
    "updated_by": "text",
}
#: Columns of ``SiteStore.audit()`` (one row per stored change; ``user`` is the ``username`` column).
STORE_AUDIT_COLUMNS: list[str] = ["audit_id", "site_id", "user", "at", "action", "before", "after"]
#: Actions recorded in the audit trail.
AUDIT_ACTIONS: tuple[str, ...] = ("add", "update", "delete", "restore", "import")
#: Columns of the ``users`` table (``users list``; the hash is never listed).
USER_COLUMNS: list[str] = ["name", "role", "password_hash", "created_at", "updated_at"]
#: Sign-in bookkeeping columns of ``users``: consecutive failures, lockout end, password version
#: (raised on every password or role change, so older sessions can no longer write).
USER_SECURITY_COLUMNS: dict[str, str] = {"failed_logins": "int", "locked_until": "time", "password_version": "int"}
#: Columns of ``activity``: writes that are not site changes (accounts, lockouts, land imports).
ACTIVITY_COLUMNS: list[str] = ["activity_id", "at", "user", "action", "target", "detail"]
#: Actions recorded in ``activity`` (checked in Python, so new kinds need no table change).
ACTIVITY_ACTIONS: tuple[str, ...] = (
    "user_add",
    "password",
    "role",
    "locked",
    "unlock",
    "land_import",
    "land_remove",
    "layer_import",
)
#: Account actions in ``activity`` (the admin page lists these).
ACCOUNT_ACTIONS: tuple[str, ...] = ("user_add", "password", "role", "locked", "unlock")
#: The CHECK on ``users.role``; a store made when there were fewer roles is upgraded (``roles_allowed``).
ROLE_CHECK = "role IN ({})".format(",".join(f"'{r}'" for r in ROLES))
#: Audit user of the sample sites seeded into a new store.
SEED_USER = "system:seed"
#: Columns read back as text (``None`` kept as ``None``).
TEXT_KINDS: frozenset[str] = frozenset({"text", "time"})


class Kind(UserDefinedType[object]):
    """A column kind: its SQL type on SQLite/GeoPackage and on PostgreSQL, no Python conversion."""

    cache_ok = True

    def __init__(self, sqlite: str, postgresql: str) -> None:
        self.sqlite, self.postgresql = sqlite, postgresql

    def get_col_spec(self, **kw: object) -> str:
        """The SQLite/GeoPackage type (the default)."""
        return self.sqlite


@compiles(Kind, "postgresql")
def _kind_postgresql(kind: Kind, compiler: TypeCompiler, **kw: object) -> str:
    return kind.postgresql


KINDS: dict[str, Kind] = {
    "text": Kind("TEXT", "text"),
    "real": Kind("REAL", "double precision"),
    "int": Kind("INTEGER", "bigint"),
    "bool": Kind("BOOLEAN", "boolean"),
    "time": Kind("DATETIME", "timestamptz"),
    "json": Kind("TEXT", "jsonb"),
}
#: The point geometry: GeoPackage ``POINT`` (GP blob), PostGIS ``geometry(Point, 4326)``.
GEOMETRY = Kind("POINT", "geometry(Point, 4326)")
_ID = BigInteger().with_variant(Integer(), "sqlite")  # INTEGER PRIMARY KEY AUTOINCREMENT / identity

METADATA = MetaData()

SITES = Table(
    "sites",
    METADATA,
    Column("site_id", _ID, Identity(), primary_key=True),
    Column("geom", GEOMETRY, nullable=False),
    *(Column(c, KINDS[k]) for c, k in COLUMN_KINDS.items()),
    sqlite_autoincrement=True,
)
AUDIT = Table(
    "audit",
    METADATA,
    Column("audit_id", _ID, Identity(), primary_key=True),
    Column("site_id", KINDS["int"]),
    Column("username", KINDS["text"], nullable=False),
    Column("at", KINDS["time"], nullable=False),
    Column("action", KINDS["text"], nullable=False),
    Column("before", KINDS["json"]),
    Column("after", KINDS["json"]),
    CheckConstraint("action IN ({})".format(",".join(f"'{a}'" for a in AUDIT_ACTIONS))),
    sqlite_autoincrement=True,
)
Index("audit_site_idx", AUDIT.c.site_id)
USERS = Table(
    "users",
    METADATA,
    Column("name", KINDS["text"], primary_key=True),
    Column("role", KINDS["text"], nullable=False),
    Column("password_hash", KINDS["text"], nullable=False),
    Column("created_at", KINDS["time"], nullable=False),
    Column("updated_at", KINDS["time"], nullable=False),
    Column("failed_logins", KINDS["int"], nullable=False, server_default=text("0")),
    Column("locked_until", KINDS["time"]),
    Column("password_version", KINDS["int"], nullable=False, server_default=text("1")),
    CheckConstraint(ROLE_CHECK, name="users_role_check"),
)
#: Who did what outside the site table; a separate table because the ``audit`` table's CHECK on
#: ``action`` cannot be widened in place in existing GeoPackage files (SQLite cannot alter a CHECK).
ACTIVITY = Table(
    "activity",
    METADATA,
    Column("activity_id", _ID, Identity(), primary_key=True),
    Column("at", KINDS["time"], nullable=False),
    Column("username", KINDS["text"], nullable=False),
    Column("action", KINDS["text"], nullable=False),
    Column("target", KINDS["text"]),
    Column("detail", KINDS["json"]),
    sqlite_autoincrement=True,
)


def roles_allowed(check_sql: str) -> bool:
    """True if a stored CHECK on ``users.role`` (its SQL text) admits every role of ``geo.accounts.ROLES``."""
    return all(f"'{r}'" in check_sql for r in ROLES)


def now_utc() -> str:
    """Current UTC time as ISO 8601 with milliseconds and ``Z`` (the GeoPackage DATETIME form)."""
    return str(iso_time(datetime.now(UTC)))


def iso_time(value: datetime | str | None) -> str | None:
    """A timestamp as ``YYYY-MM-DDTHH:MM:SS.fffZ`` (UTC); strings pass through unchanged."""
    if value is None or isinstance(value, str):
        return value
    return value.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%S.%f")[:-3] + "Z"

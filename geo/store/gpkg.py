"""GeoPackage backend: one SQLite file QGIS opens, layer ``sites`` (POINT, EPSG:4326) + ``audit`` table.

Written with the standard library's ``sqlite3`` through SQLAlchemy (no GDAL on the write path); what the
GeoPackage specification says (geometry blobs, the ``gpkg_*`` tables, the SQL functions GDAL's triggers call)
is ``geo.io.gpkg``'s. Here:

* every write is one transaction opened with ``BEGIN IMMEDIATE`` (one writer at a time; others wait up
  to ``BUSY_TIMEOUT_S`` seconds) — readers use a deferred ``BEGIN`` for a consistent snapshot;
* journal: SQLite's default *rollback journal* (``journal_mode=DELETE``, ``synchronous=FULL``), not WAL:
  the store stays ONE file when idle (copy it, mail it, open it in QGIS, keep it on a network share,
  where WAL's shared memory does not work), and a crash at any point leaves the last committed state;
* the ``users`` table (password hashes) is not registered in ``gpkg_contents``, so QGIS does not list it;
* a new store is built in a temporary file and linked into place, so a half-created store is never seen.
"""

from __future__ import annotations

import functools
import logging
import os
import sqlite3
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from sqlalchemy import Connection, Engine, create_engine, event, exc, func
from sqlalchemy.pool import NullPool

from geo.errors import StoreError
from geo.io.gpkg import (
    GPKG_APPLICATION_ID,
    GPKG_DDL,
    GPKG_USER_VERSION,
    SPATIAL_REF_SYS_SQL,
    SRS_ID,
    encode_points,
    register_functions,
    spatial_ref_sys_rows,
)
from geo.store import audit as audit_rows
from geo.store.backend import Backend, Tx
from geo.store.base import SiteStoreBase, seed_records
from geo.store.ddl import role_check_ddl, tables_ddl, user_columns_ddl
from geo.store.schema import SEED_USER, roles_allowed

BUSY_TIMEOUT_S = 60.0
CACHE_KIB = 128 * 1024  # page cache per connection (SQLite's default is 2 MiB)
log = logging.getLogger(__name__)


BACKEND = Backend(
    name="gpkg",
    geom_value=lambda lon, lat: func.GpkgPoint(lon, lat),
    point_values=encode_points,
    # AUTOINCREMENT: past the largest id ever used (sqlite_sequence), and past any id set by hand
    reserve_ids_sql="WITH RECURSIVE ids(i) AS (SELECT MAX(COALESCE((SELECT seq FROM sqlite_sequence "
    "WHERE name = 'sites'), 0), COALESCE((SELECT MAX(site_id) FROM sites), 0)) + 1 "
    "UNION ALL SELECT i + 1 FROM ids LIMIT :n) SELECT i FROM ids",
)


def _engine(path: Path) -> Engine:
    """A SQLAlchemy engine on the file, a new connection per transaction (nothing stale across reruns or forks).

    ``sqlite3``'s own transaction handling is switched off, so that ``transaction`` chooses ``BEGIN`` or
    ``BEGIN IMMEDIATE`` (SQLAlchemy's documented pysqlite recipe).
    """

    def connect() -> sqlite3.Connection:
        con = sqlite3.connect(path, timeout=BUSY_TIMEOUT_S, isolation_level=None)
        register_functions(con)
        con.execute(f"PRAGMA cache_size = -{CACHE_KIB}")  # a bulk import stays in memory until COMMIT
        return con

    engine = create_engine("sqlite://", creator=connect, poolclass=NullPool)

    @event.listens_for(engine, "begin")
    def _begin(conn: Connection) -> None:
        conn.exec_driver_sql("BEGIN IMMEDIATE" if conn.get_execution_options().get("write") else "BEGIN")

    return engine


def _gpkg_rows(conn: Connection) -> None:
    """The mandatory spatial reference systems (``geo.io.gpkg``) and the ``sites``/``audit`` registrations."""
    conn.exec_driver_sql(SPATIAL_REF_SYS_SQL, spatial_ref_sys_rows())
    conn.exec_driver_sql(
        "INSERT INTO gpkg_contents (table_name, data_type, identifier, description, srs_id, "
        "min_x, min_y, max_x, max_y) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
        [
            ("sites", "features", "sites", "地域未来マップ candidate sites", SRS_ID, None, None, None, None),
            (
                "audit",
                "attributes",
                "audit",
                "who changed which site when (before/after JSON)",
                None,
                None,
                None,
                None,
                None,
            ),
        ],
    )
    conn.exec_driver_sql("INSERT INTO gpkg_geometry_columns VALUES ('sites', 'geom', 'POINT', ?, 0, 0)", (SRS_ID,))


#: After every write: the change time, and the real extent of the stored points in ``gpkg_contents``
#: (NULL for an empty layer) — readers use it to zoom to the layer, so it must not be a fixed box.
_TOUCH_CONTENTS = (
    "UPDATE gpkg_contents SET last_change = strftime('%Y-%m-%dT%H:%M:%fZ','now'), "
    "min_x = CASE WHEN table_name = 'sites' THEN (SELECT MIN(lon) FROM sites) END, "
    "min_y = CASE WHEN table_name = 'sites' THEN (SELECT MIN(lat) FROM sites) END, "
    "max_x = CASE WHEN table_name = 'sites' THEN (SELECT MAX(lon) FROM sites) END, "
    "max_y = CASE WHEN table_name = 'sites' THEN (SELECT MAX(lat) FROM sites) END "
    "WHERE table_name IN ('sites', 'audit')"
)


#: A counter of changes to ``sites`` that its triggers advance, on edits outside the app too (QGIS), as the
#: PostGIS store's statement trigger does: the version token of the sites. The file's modification time
#: changed on every sign-in, so each sign-in made every page cache read 100,000 sites and analyse them again.
_CHANGES_TABLE = "site_changes"
_CHANGE_TRIGGERS = {event: f"sites_changed_{event.lower()}" for event in ("INSERT", "UPDATE", "DELETE")}
CHANGE_COUNTER_DDL: tuple[str, ...] = (
    f"CREATE TABLE IF NOT EXISTS {_CHANGES_TABLE} (n INTEGER NOT NULL)",
    f"INSERT INTO {_CHANGES_TABLE} (n) SELECT 0 WHERE NOT EXISTS (SELECT 1 FROM {_CHANGES_TABLE})",
    *(
        f"CREATE TRIGGER IF NOT EXISTS {name} AFTER {event} ON sites BEGIN UPDATE {_CHANGES_TABLE} SET n = n + 1; END"
        for event, name in _CHANGE_TRIGGERS.items()
    ),
)


def _roles_ok(conn: Connection) -> bool:
    """True if the ``users`` table's CHECK admits every current role (False for a store made before ``admin``)."""
    row = conn.exec_driver_sql("SELECT sql FROM sqlite_master WHERE type = 'table' AND name = 'users'").first()
    return row is not None and roles_allowed(str(row[0]))


def _names(conn: Connection, sql: str, column: int = 0) -> set[str]:
    return {str(r[column]) for r in conn.exec_driver_sql(sql)}


def _pending(conn: Connection) -> list[str]:
    """The upgrade steps a store file needs (see ``GpkgSiteStore.pending_upgrades``)."""
    steps = []
    if user_columns_ddl(conn.dialect, _names(conn, "PRAGMA table_info(users)", 1)):
        steps.append("sign_in_columns")
    tables = _names(conn, "SELECT name FROM sqlite_master WHERE type = 'table'")
    if "activity" not in tables:
        steps.append("activity")
    if not {"plans", "plan_audit"} <= tables:
        steps.append("plans")
    if not _roles_ok(conn):
        steps.append("role_check")
    triggers = _names(conn, "SELECT name FROM sqlite_master WHERE type = 'trigger'")
    if _CHANGES_TABLE not in tables or not triggers >= set(_CHANGE_TRIGGERS.values()):
        steps.append("change_counter")
    return steps


def _driver_error(path: Path, error: exc.DBAPIError) -> StoreError:
    """The ``StoreError`` for a SQLite error SQLAlchemy raised: busy, read-only, disk full or unreadable."""
    orig = error.orig
    kind = str(getattr(orig, "sqlite_errorname", ""))
    if kind.startswith(("SQLITE_BUSY", "SQLITE_LOCKED")):
        return StoreError("store_busy", path=str(path), seconds=BUSY_TIMEOUT_S)
    if kind.startswith("SQLITE_READONLY"):  # the file, or its folder (no room for the rollback journal)
        return StoreError("store_read_only", path=str(path))
    if kind == "SQLITE_FULL":
        return StoreError("store_disk_full", path=str(path))
    return StoreError("store_unreadable", path=str(path), name=path.name, problem=f"{type(orig).__name__}: {orig}")


class GpkgSiteStore(SiteStoreBase):
    """Sites, audit trail and users in one GeoPackage file."""

    def __init__(self, path: str | Path) -> None:
        self.path = Path(path)
        self.target = str(self.path)

    def __repr__(self) -> str:
        return f"GpkgSiteStore({self.target!r})"

    def exists(self) -> bool:
        """True if the store file is there (it may still be unusable)."""
        return self.path.is_file()

    @contextmanager
    def _connect(self) -> Iterator[Connection]:
        """A connection outside any transaction (for checks and upgrades)."""
        if not self.exists():
            raise FileNotFoundError(f"site store not found: {self.path}; open_store() creates and seeds it")
        with _cached_engine(str(self.path)).connect() as conn:
            yield conn

    @contextmanager
    def transaction(self, write: bool) -> Iterator[Tx]:
        """``BEGIN IMMEDIATE`` for writers (one at a time, others wait), a deferred ``BEGIN`` for readers."""
        try:
            with self._connect() as conn, conn.execution_options(write=write).begin():
                yield Tx(conn, BACKEND)
                if write:
                    conn.exec_driver_sql(_TOUCH_CONTENTS)
        except exc.DBAPIError as error:
            problem = _driver_error(self.path, error)
            log.error("site store %s: %s (%s)", self.path, problem.code, error.orig)
            raise problem from error

    def version_token(self) -> str:
        """Change counter of ``sites`` (its triggers advance it, on edits outside the app too) + last audit id.

        A sign-in, an account or a plan written leaves it as it is: the caches of the sites stay.
        """
        with self.transaction(write=False) as tx:
            changes = tx.conn.exec_driver_sql(f"SELECT n FROM {_CHANGES_TABLE}").scalar_one()
            return f"gpkg:{changes}:{audit_rows.max_id(tx)}"

    # ---------------------------------------------------------------- creation and checks
    def layout(self) -> str:
        """``current``, ``legacy`` (written by the first version: no version/audit) or ``foreign``."""
        try:
            with self._connect() as conn:
                cols = _names(conn, "PRAGMA table_info(sites)", 1)
                tables = _names(conn, "SELECT name FROM sqlite_master WHERE type = 'table'")
        except exc.DBAPIError as error:
            raise _driver_error(self.path, error) from error
        if {"version", "deleted"} <= cols and {"audit", "users"} <= tables:
            return "current"
        return "legacy" if {"site_id", "created_at"} <= cols and "audit" not in tables else "foreign"

    def pending_upgrades(self) -> list[str]:
        """What an earlier store lacks (codes: ``sign_in_columns``, ``activity``, ``plans``, ``role_check``, …).

        ``change_counter``: the counter of site changes and its triggers (``version_token``).
        """
        with self._connect() as conn:
            return _pending(conn)

    def upgrade(self) -> None:
        """Bring a store made by an earlier version up to date (sign-in columns, activity, plans, the admin role).

        The app owns the file, so this runs on first use. The CHECK on ``users.role`` cannot be altered in
        SQLite, so the small ``users`` table is rebuilt.
        """
        with self._connect() as conn:
            if not _pending(conn):
                return
            conn.rollback()  # end the reading transaction
            with conn.execution_options(write=True).begin():
                steps = _pending(conn)  # again, under the write lock
                cols = _names(conn, "PRAGMA table_info(users)", 1)
                for sql in [*user_columns_ddl(conn.dialect, cols), *tables_ddl(conn.dialect)]:
                    conn.exec_driver_sql(sql)
                for sql in role_check_ddl(conn.dialect) if "role_check" in steps else []:
                    conn.exec_driver_sql(sql)
                for sql in CHANGE_COUNTER_DDL if "change_counter" in steps else ():
                    conn.exec_driver_sql(sql)
            log.warning("site store %s upgraded: %s", self.path, ", ".join(steps))

    def only_sample_rows(self) -> bool:
        """True if every stored row is a labelled sample (nothing a person entered would be lost)."""
        with self._connect() as conn:
            return conn.exec_driver_sql("SELECT COUNT(*) FROM sites WHERE NOT is_sample").scalar_one() == 0

    def create(self, seed: bool = True) -> None:
        """Create the file (GeoPackage tables, sites/audit/users, sample sites) unless it exists.

        Built in a temporary file beside the target and hard-linked into place, so two processes
        creating it at once end up with one complete store and never a partial one.
        """
        self.path.parent.mkdir(parents=True, exist_ok=True)
        tmp = self.path.with_name(f".{self.path.stem}.{uuid.uuid4().hex[:8]}.tmp.gpkg")
        try:
            engine = _engine(tmp)
            with engine.connect() as conn, conn.execution_options(write=True).begin():
                conn.exec_driver_sql(f"PRAGMA application_id = {GPKG_APPLICATION_ID}")
                conn.exec_driver_sql(f"PRAGMA user_version = {GPKG_USER_VERSION}")
                for sql in [*GPKG_DDL, *tables_ddl(conn.dialect), *CHANGE_COUNTER_DDL]:
                    conn.exec_driver_sql(sql)
                _gpkg_rows(conn)
                if seed:
                    self._insert(Tx(conn, BACKEND), seed_records(), SEED_USER, "import")
                conn.exec_driver_sql(_TOUCH_CONTENTS)
            engine.dispose()
            try:
                os.link(tmp, self.path)
            except FileExistsError:
                pass  # another process created it first: use theirs
            except OSError:  # a file system without hard links: replace (a concurrent creator may win)
                if not self.path.exists():
                    os.replace(tmp, self.path)
            else:
                log.info("site store %s created%s", self.path, " and seeded with the sample sites" if seed else "")
        finally:
            for leftover in (tmp, Path(f"{tmp}-journal")):
                leftover.unlink(missing_ok=True)


@functools.lru_cache(maxsize=32)
def _cached_engine(path: str) -> Engine:
    """One engine per store file (engines are cheap to keep; with ``NullPool`` they hold no connection)."""
    return _engine(Path(path))

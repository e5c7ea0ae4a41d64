"""GeoPackage backend: one SQLite file QGIS opens, layer ``sites`` (POINT, EPSG:4326) + ``audit`` table.

Written with the standard library's ``sqlite3`` (no GDAL on the write path):

* geometry: GeoPackage binary header (``GP``, version 0, little-endian, no envelope, srs 4326) + WKB point;
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
import struct
import uuid
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path

import numpy as np
import shapely
from pyproj import CRS
from sqlalchemy import Connection, Engine, create_engine, event, exc, func
from sqlalchemy.pool import NullPool

from geo.errors import StoreError
from geo.store import audit as audit_rows
from geo.store.backend import Backend, Tx
from geo.store.base import SiteStoreBase, seed_records
from geo.store.ddl import role_check_ddl, tables_ddl, user_columns_ddl
from geo.store.schema import SEED_USER, roles_allowed

BUSY_TIMEOUT_S = 60.0
CACHE_KIB = 128 * 1024  # page cache per connection (SQLite's default is 2 MiB)
GPKG_APPLICATION_ID = 0x47504B47  # "GPKG"
GPKG_USER_VERSION = 10300  # GeoPackage 1.3
SRS_ID = 4326
_ENVELOPE_BYTES = {0: 0, 1: 32, 2: 48, 3: 48, 4: 64}

log = logging.getLogger(__name__)


def encode_point(lon: float, lat: float) -> bytes:
    """GeoPackage geometry blob of a point: header (no envelope, srs 4326) + little-endian WKB."""
    return b"GP" + bytes([0, 0b00000001]) + struct.pack("<i", SRS_ID) + struct.pack("<BIdd", 1, 1, lon, lat)


#: ``encode_point``'s layout as one record: header (magic, version, flags, srs id) + WKB point (LE).
_POINT_BLOB = np.dtype(
    [("magic", "S2"), ("version", "u1"), ("flags", "u1"), ("srs", "<i4"), ("order", "u1"), ("type", "<u4")]
    + [("x", "<f8"), ("y", "<f8")]
)


def encode_points(lon: Sequence[object], lat: Sequence[object]) -> list[bytes]:
    """``encode_point`` of many points at once (one packed array cut into blobs)."""
    blobs = np.zeros(len(lon), dtype=_POINT_BLOB)
    blobs["magic"], blobs["flags"], blobs["srs"], blobs["order"], blobs["type"] = b"GP", 1, SRS_ID, 1, 1
    blobs["x"], blobs["y"] = np.asarray(lon, dtype=float), np.asarray(lat, dtype=float)
    data, size = blobs.tobytes(), _POINT_BLOB.itemsize
    return [data[i : i + size] for i in range(0, len(data), size)]


def decode_geometry(blob: bytes | None) -> shapely.Geometry | None:
    """Shapely geometry of a GeoPackage geometry blob (any envelope), None for NULL."""
    if blob is None:
        return None
    if blob[:2] != b"GP":
        raise ValueError("not a GeoPackage geometry blob (missing 'GP' magic)")
    envelope = _ENVELOPE_BYTES[(blob[3] >> 1) & 0b111]
    return shapely.from_wkb(bytes(blob[8 + envelope :]))


def _bound(index: int) -> Callable[[bytes | None], float | None]:
    def fn(blob: bytes | None) -> float | None:
        geom = decode_geometry(blob)
        return None if geom is None or geom.is_empty else float(geom.bounds[index])

    return fn


def _is_empty(blob: bytes | None) -> int | None:
    geom = decode_geometry(blob)
    return None if geom is None else int(geom.is_empty)


def _register_functions(con: sqlite3.Connection) -> None:
    """SQL functions: ``GpkgPoint(lon, lat)`` (``encode_point``) and those GDAL's spatial-index triggers call.

    GDAL's triggers need ``ST_IsEmpty``/``ST_MinX``... in case QGIS adds an R-tree index to the file.
    """
    con.create_function("GpkgPoint", 2, lambda lon, lat: encode_point(float(lon), float(lat)), deterministic=True)
    con.create_function("ST_IsEmpty", 1, _is_empty, deterministic=True)
    for name, index in (("ST_MinX", 0), ("ST_MinY", 1), ("ST_MaxX", 2), ("ST_MaxY", 3)):
        con.create_function(name, 1, _bound(index), deterministic=True)


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
        _register_functions(con)
        con.execute(f"PRAGMA cache_size = -{CACHE_KIB}")  # a bulk import stays in memory until COMMIT
        return con

    engine = create_engine("sqlite://", creator=connect, poolclass=NullPool)

    @event.listens_for(engine, "begin")
    def _begin(conn: Connection) -> None:
        conn.exec_driver_sql("BEGIN IMMEDIATE" if conn.get_execution_options().get("write") else "BEGIN")

    return engine


_GPKG_DDL = [
    "CREATE TABLE gpkg_spatial_ref_sys (srs_name TEXT NOT NULL, srs_id INTEGER PRIMARY KEY, "
    "organization TEXT NOT NULL, organization_coordsys_id INTEGER NOT NULL, definition TEXT NOT NULL, "
    "description TEXT)",
    "CREATE TABLE gpkg_contents (table_name TEXT NOT NULL PRIMARY KEY, data_type TEXT NOT NULL, "
    "identifier TEXT UNIQUE, description TEXT DEFAULT '', last_change DATETIME NOT NULL DEFAULT "
    "(strftime('%Y-%m-%dT%H:%M:%fZ','now')), min_x DOUBLE, min_y DOUBLE, max_x DOUBLE, max_y DOUBLE, "
    "srs_id INTEGER, CONSTRAINT fk_gc_r_srs_id FOREIGN KEY (srs_id) REFERENCES gpkg_spatial_ref_sys(srs_id))",
    "CREATE TABLE gpkg_geometry_columns (table_name TEXT NOT NULL, column_name TEXT NOT NULL, "
    "geometry_type_name TEXT NOT NULL, srs_id INTEGER NOT NULL, z TINYINT NOT NULL, m TINYINT NOT NULL, "
    "CONSTRAINT pk_geom_cols PRIMARY KEY (table_name, column_name), CONSTRAINT uk_gc_table_name "
    "UNIQUE (table_name), CONSTRAINT fk_gc_tn FOREIGN KEY (table_name) REFERENCES gpkg_contents(table_name), "
    "CONSTRAINT fk_gc_srs FOREIGN KEY (srs_id) REFERENCES gpkg_spatial_ref_sys (srs_id))",
]


def _gpkg_rows(conn: Connection) -> None:
    """The mandatory spatial reference systems and the ``sites``/``audit`` registrations."""
    conn.exec_driver_sql(
        "INSERT INTO gpkg_spatial_ref_sys VALUES (?, ?, ?, ?, ?, ?)",
        [
            ("Undefined cartesian SRS", -1, "NONE", -1, "undefined", "undefined cartesian coordinate reference system"),
            ("Undefined geographic SRS", 0, "NONE", 0, "undefined", "undefined geographic coordinate reference system"),
            (
                "WGS 84 geodetic",
                SRS_ID,
                "EPSG",
                SRS_ID,
                CRS.from_epsg(SRS_ID).to_wkt("WKT1_GDAL"),
                "longitude/latitude coordinates in decimal degrees on the WGS 84 spheroid",
            ),
        ],
    )
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
    if "activity" not in _names(conn, "SELECT name FROM sqlite_master WHERE type = 'table'"):
        steps.append("activity")
    if not _roles_ok(conn):
        steps.append("role_check")
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
        """File modification time (ns), size and last audit id: changes on every write."""
        st = self.path.stat()
        with self.transaction(write=False) as tx:
            return f"gpkg:{st.st_mtime_ns}:{st.st_size}:{audit_rows.max_id(tx)}"

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
        """What a store made by an earlier version lacks: ``sign_in_columns``, ``activity``, ``role_check``."""
        with self._connect() as conn:
            return _pending(conn)

    def upgrade(self) -> None:
        """Bring a store made by an earlier version up to date (sign-in columns, ``activity``, the admin role).

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
                for sql in [*_GPKG_DDL, *tables_ddl(conn.dialect)]:
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

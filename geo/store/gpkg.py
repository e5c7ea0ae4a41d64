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
from sqlalchemy import func
from sqlalchemy.dialects import sqlite

from geo.errors import StoreError
from geo.store.base import SiteStoreBase, seed_records
from geo.store.schema import SEED_USER, roles_allowed
from geo.store.sql import Dialect, SqlTx

BUSY_TIMEOUT_S = 60.0
CACHE_KIB = 128 * 1024  # page cache per connection (SQLite's default is 2 MiB)
GPKG_APPLICATION_ID = 0x47504B47  # "GPKG"
GPKG_USER_VERSION = 10300  # GeoPackage 1.3
SRS_ID = 4326
_ENVELOPE_BYTES = {0: 0, 1: 32, 2: 48, 3: 48, 4: 64}


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


DIALECT = Dialect(
    sa=sqlite.dialect(),
    geom_value=lambda lon, lat: func.GpkgPoint(lon, lat),
    point_values=encode_points,
    # AUTOINCREMENT: past the largest id ever used (sqlite_sequence), and past any id set by hand
    reserve_ids_sql="WITH RECURSIVE ids(i) AS (SELECT MAX(COALESCE((SELECT seq FROM sqlite_sequence "
    "WHERE name = 'sites'), 0), COALESCE((SELECT MAX(site_id) FROM sites), 0)) + 1 "
    "UNION ALL SELECT i + 1 FROM ids LIMIT :n) SELECT i FROM ids",
)


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


def _gpkg_rows(cur: sqlite3.Cursor) -> None:
    """The mandatory spatial reference systems and the ``sites``/``audit`` registrations."""
    cur.executemany(
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
    cur.executemany(
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
    cur.execute("INSERT INTO gpkg_geometry_columns VALUES ('sites', 'geom', 'POINT', ?, 0, 0)", (SRS_ID,))


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


def _roles_ok(con: sqlite3.Connection) -> bool:
    """True if the ``users`` table's CHECK admits every current role (False for a store made before ``admin``)."""
    row = con.execute("SELECT sql FROM sqlite_master WHERE type = 'table' AND name = 'users'").fetchone()
    return row is not None and roles_allowed(str(row[0]))


def _unusable(path: Path, problem: str) -> StoreError:
    return StoreError("store_unreadable", path=str(path), name=path.name, problem=problem)


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
    def _connect(self) -> Iterator[sqlite3.Connection]:
        if not self.exists():
            raise FileNotFoundError(f"site store not found: {self.path}; open_store() creates and seeds it")
        con = sqlite3.connect(self.path, timeout=BUSY_TIMEOUT_S, isolation_level=None)
        try:
            _register_functions(con)
            con.execute(f"PRAGMA cache_size = -{CACHE_KIB}")  # a bulk import stays in memory until COMMIT
            yield con
        finally:
            con.close()

    @contextmanager
    def transaction(self, write: bool) -> Iterator[SqlTx]:
        """``BEGIN IMMEDIATE`` for writers (one at a time, others wait), a deferred ``BEGIN`` for readers."""
        try:
            with self._connect() as con:
                con.execute("BEGIN IMMEDIATE" if write else "BEGIN")
                try:
                    yield SqlTx(con.cursor(), DIALECT)
                    if write:
                        con.execute(_TOUCH_CONTENTS)
                    con.execute("COMMIT")
                except BaseException:
                    if con.in_transaction:
                        con.execute("ROLLBACK")
                    raise
        except sqlite3.OperationalError as exc:
            if "locked" in str(exc) or "busy" in str(exc):
                raise StoreError("store_busy", path=str(self.path), seconds=BUSY_TIMEOUT_S) from exc
            raise _unusable(self.path, f"{type(exc).__name__}: {exc}") from exc
        except sqlite3.DatabaseError as exc:
            raise _unusable(self.path, f"{type(exc).__name__}: {exc}") from exc

    def version_token(self) -> str:
        """File modification time (ns), size and last audit id: changes on every write."""
        st = self.path.stat()
        with self.transaction(write=False) as tx:
            return f"gpkg:{st.st_mtime_ns}:{st.st_size}:{tx.max_audit_id()}"

    # ---------------------------------------------------------------- creation and checks
    def layout(self) -> str:
        """``current``, ``legacy`` (written by the first version: no version/audit) or ``foreign``."""
        try:
            with self._connect() as con:
                cols = {r[1] for r in con.execute("PRAGMA table_info(sites)")}
                tables = {r[0] for r in con.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
        except sqlite3.DatabaseError as exc:
            raise _unusable(self.path, f"{type(exc).__name__}: {exc}") from exc
        if {"version", "deleted"} <= cols and {"audit", "users"} <= tables:
            return "current"
        return "legacy" if {"site_id", "created_at"} <= cols and "audit" not in tables else "foreign"

    def upgrade(self) -> None:
        """Bring a store made by an earlier version up to date (sign-in columns, ``activity``, the admin role).

        The CHECK on ``users.role`` cannot be altered in SQLite, so the small ``users`` table is rebuilt.
        """
        with self._connect() as con:
            cols = {r[1] for r in con.execute("PRAGMA table_info(users)")}
            tables = {r[0] for r in con.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
            if not DIALECT.upgrade_ddl(cols) and "activity" in tables and _roles_ok(con):
                return
            con.execute("BEGIN IMMEDIATE")
            try:
                cols = {r[1] for r in con.execute("PRAGMA table_info(users)")}  # again, under the write lock
                for sql in [*DIALECT.upgrade_ddl(cols), *DIALECT.tables_ddl()]:
                    con.execute(sql)
                for sql in [] if _roles_ok(con) else DIALECT.role_check_ddl():
                    con.execute(sql)
                con.execute("COMMIT")
            except BaseException:
                if con.in_transaction:
                    con.execute("ROLLBACK")
                raise

    def only_sample_rows(self) -> bool:
        """True if every stored row is a labelled sample (nothing a person entered would be lost)."""
        with self._connect() as con:
            return con.execute("SELECT COUNT(*) FROM sites WHERE NOT is_sample").fetchone()[0] == 0

    def create(self, seed: bool = True) -> None:
        """Create the file (GeoPackage tables, sites/audit/users, sample sites) unless it exists.

        Built in a temporary file beside the target and hard-linked into place, so two processes
        creating it at once end up with one complete store and never a partial one.
        """
        self.path.parent.mkdir(parents=True, exist_ok=True)
        tmp = self.path.with_name(f".{self.path.stem}.{uuid.uuid4().hex[:8]}.tmp.gpkg")
        try:
            con = sqlite3.connect(tmp, isolation_level=None)
            try:
                _register_functions(con)
                con.execute(f"PRAGMA application_id = {GPKG_APPLICATION_ID}")
                con.execute(f"PRAGMA user_version = {GPKG_USER_VERSION}")
                con.execute("BEGIN IMMEDIATE")
                cur = con.cursor()
                for sql in [*_GPKG_DDL, *DIALECT.tables_ddl()]:
                    cur.execute(sql)
                _gpkg_rows(cur)
                if seed:
                    self._insert(SqlTx(cur, DIALECT), seed_records(), SEED_USER, "import")
                cur.execute(_TOUCH_CONTENTS)
                con.execute("COMMIT")
            finally:
                con.close()
            try:
                os.link(tmp, self.path)
            except FileExistsError:
                pass  # another process created it first: use theirs
            except OSError:  # a file system without hard links: replace (a concurrent creator may win)
                if not self.path.exists():
                    os.replace(tmp, self.path)
        finally:
            for leftover in (tmp, Path(f"{tmp}-journal")):
                leftover.unlink(missing_ok=True)

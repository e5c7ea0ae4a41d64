"""The GeoPackage specification, in one place: geometry blobs, the mandatory tables, GDAL's R-tree triggers.

* what every GeoPackage holds: ``application_id``/``user_version`` (1.3), the ``gpkg_*`` tables and
  spatial reference systems, and the binary geometry blob (``GP`` header, optional envelope, WKB) —
  the site store (``geo.store.gpkg``) writes its file with these, through ``sqlite3`` alone;
* the SQL functions GDAL's spatial-index triggers call (``ST_IsEmpty``, ``ST_MinX`` …), so a file QGIS
  gave an R-tree stays writable here;
* files written by GDAL (pyogrio), made readable by older GDAL/QGIS too:

GDAL 3.11+ writes the R-tree triggers of GeoPackage 1.4 (``…_update5/6/7``); GDAL before 3.11 (Debian
stable's 3.6, and the QGIS builds on many bureau PCs) and its ``validate_gpkg.py`` expect the 1.2/1.3
set (``…_update1`` to ``…_update4``), and refuse a file without them. ``write_gpkg`` writes the layer,
then swaps the triggers for the 1.3 ones, which every GDAL since 2.0 maintains (newer GDAL upgrades them
itself when it opens the file for writing). ``gpkg_contents`` keeps the extent GDAL computed from the data.

``inspect_sqlite`` looks at an uploaded GeoPackage before GDAL opens it (views, virtual tables, generated
columns, bounded row counts), so only real tables are ever read.
"""

from __future__ import annotations

import re
import sqlite3
import struct
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

import geopandas as gpd
import numpy as np
import shapely
from pyproj import CRS

#: ``PRAGMA application_id`` of a GeoPackage ("GPKG").
GPKG_APPLICATION_ID = 0x47504B47
#: ``PRAGMA user_version`` of GeoPackage 1.3, the version every GDAL since 2.0 reads and writes.
GPKG_USER_VERSION = 10300
#: The spatial reference system of stored geometries (EPSG:4326, ``geo.crs.CRS_STORE``).
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


def register_functions(con: sqlite3.Connection) -> None:
    """SQL functions: ``GpkgPoint(lon, lat)`` (``encode_point``) and those GDAL's spatial-index triggers call.

    GDAL's triggers need ``ST_IsEmpty``/``ST_MinX``... in case QGIS adds an R-tree index to the file.
    """
    con.create_function("GpkgPoint", 2, lambda lon, lat: encode_point(float(lon), float(lat)), deterministic=True)
    con.create_function("ST_IsEmpty", 1, _is_empty, deterministic=True)
    for name, index in (("ST_MinX", 0), ("ST_MinY", 1), ("ST_MaxX", 2), ("ST_MaxY", 3)):
        con.create_function(name, 1, _bound(index), deterministic=True)


#: The mandatory GeoPackage tables (spatial reference systems, contents, geometry columns).
GPKG_DDL = [
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


#: Insert one row of ``gpkg_spatial_ref_sys`` (parameters: ``spatial_ref_sys_rows``).
SPATIAL_REF_SYS_SQL = "INSERT INTO gpkg_spatial_ref_sys VALUES (?, ?, ?, ?, ?, ?)"


def spatial_ref_sys_rows() -> list[tuple[str, int, str, int, str, str]]:
    """The spatial reference systems every GeoPackage lists: the two undefined ones and WGS 84 (``SRS_ID``)."""
    return [
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
    ]


#: The GeoPackage 1.3 R-tree triggers that 1.4 replaced (``{t}`` table, ``{c}`` geometry column, ``{i}`` id).
_LEGACY_TRIGGERS = {
    "update1": 'CREATE TRIGGER "rtree_{t}_{c}_update1" AFTER UPDATE OF "{c}" ON "{t}" '
    'WHEN OLD."{i}" = NEW."{i}" AND (NEW."{c}" NOTNULL AND NOT ST_IsEmpty(NEW."{c}")) '
    'BEGIN INSERT OR REPLACE INTO "rtree_{t}_{c}" VALUES (NEW."{i}", ST_MinX(NEW."{c}"), ST_MaxX(NEW."{c}"), '
    'ST_MinY(NEW."{c}"), ST_MaxY(NEW."{c}")); END',
    "update3": 'CREATE TRIGGER "rtree_{t}_{c}_update3" AFTER UPDATE ON "{t}" '
    'WHEN OLD."{i}" != NEW."{i}" AND (NEW."{c}" NOTNULL AND NOT ST_IsEmpty(NEW."{c}")) '
    'BEGIN DELETE FROM "rtree_{t}_{c}" WHERE id = OLD."{i}"; INSERT OR REPLACE INTO "rtree_{t}_{c}" VALUES '
    '(NEW."{i}", ST_MinX(NEW."{c}"), ST_MaxX(NEW."{c}"), ST_MinY(NEW."{c}"), ST_MaxY(NEW."{c}")); END',
}
#: GeoPackage 1.4 triggers that stand in for ``update1``/``update3`` (removed with them in place).
_NEW_TRIGGERS = ("update5", "update6", "update7")


def legacy_rtree_triggers(path: str | Path) -> None:
    """Swap GeoPackage 1.4 R-tree triggers for the 1.3 set in every spatial index of ``path`` (one transaction)."""
    con = sqlite3.connect(path, isolation_level=None)
    try:
        con.execute("BEGIN IMMEDIATE")
        indexes = con.execute(
            "SELECT table_name, column_name FROM gpkg_extensions WHERE extension_name = 'gpkg_rtree_index'"
        ).fetchall()
        for table, column in indexes:
            pk = [r[1] for r in con.execute(f'PRAGMA table_info("{table}")') if r[5]]
            ident = pk[0] if pk else "fid"
            names = {r[0] for r in con.execute("SELECT name FROM sqlite_master WHERE type = 'trigger'")}
            for suffix in _NEW_TRIGGERS:
                con.execute(f'DROP TRIGGER IF EXISTS "rtree_{table}_{column}_{suffix}"')
            for suffix, sql in _LEGACY_TRIGGERS.items():
                if f"rtree_{table}_{column}_{suffix}" not in names:
                    con.execute(sql.format(t=table, c=column, i=ident))
        if indexes:  # the file now holds GeoPackage 1.3 structures only: say so (GDAL 3.6 warns about 1.4)
            con.execute(f"PRAGMA user_version = {GPKG_USER_VERSION}")
        con.execute("COMMIT")
    finally:
        con.close()


def write_gpkg(gdf: gpd.GeoDataFrame, path: str | Path, layer: str) -> Path:
    """Write ``gdf`` as layer ``layer`` of a new GeoPackage that GDAL 3.6's ``validate_gpkg.py`` accepts."""
    path = Path(path)
    gdf.to_file(path, layer=layer, driver="GPKG", engine="pyogrio")
    legacy_rtree_triggers(path)
    return path


# --- Reading a GeoPackage (or any SQLite file) someone uploaded --------------------------------------
# GDAL reads every layer GeoPackage lists: a view over a recursive CTE is a "layer" of 10^9 rows, a
# virtual table runs a module's code, a generated column evaluates an expression per row read. Only real
# tables are read, so the work is bounded by the file's size; the look itself runs under a budget of
# SQLite steps (a progress handler), so a file built to make even that slow is stopped.

#: The first 16 bytes of every SQLite database (a GeoPackage is one).
SQLITE_MAGIC = b"SQLite format 3\x00"
#: SQLite virtual-machine steps allowed for looking at an uploaded file (a real GeoPackage needs thousands).
INSPECTION_STEPS = 20_000_000
_PROGRESS_EVERY = 10_000


@dataclass(frozen=True)
class SqliteContents:
    """What an uploaded SQLite file holds that GDAL must not read, and its layers' row counts."""

    views: tuple[str, ...]
    virtual_tables: tuple[str, ...]
    generated_columns: tuple[str, ...]
    rows: dict[str, int]
    #: True when the look ran out of its step budget (``INSPECTION_STEPS``)
    exhausted: bool = False


def _quote(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def inspect_sqlite(path: str | Path, max_rows: int) -> SqliteContents:
    """What of ``path`` GDAL must not read, and the rows of its layers, looked at read-only and briefly.

    Views, virtual tables (other than R-tree indexes) and generated columns are listed; the rows of each
    table ``gpkg_contents`` lists are counted up to ``max_rows + 1``; all within ``INSPECTION_STEPS``.
    Raises ``sqlite3.DatabaseError`` for a file SQLite cannot read.
    """
    con = sqlite3.connect(f"{Path(path).resolve().as_uri()}?mode=ro&immutable=1", uri=True)
    steps = [0]

    def stop() -> int:
        steps[0] += _PROGRESS_EVERY
        return int(steps[0] > INSPECTION_STEPS)

    con.set_progress_handler(stop, _PROGRESS_EVERY)
    try:
        listed = con.execute("SELECT type, name, COALESCE(sql, '') FROM sqlite_master").fetchall()
        views = tuple(str(n) for kind, n, _ in listed if kind == "view")
        virtual = tuple(
            str(n)
            for kind, n, sql in listed
            if kind == "table"
            and re.match(r"\s*CREATE\s+VIRTUAL\s+TABLE", sql, re.I)
            and not re.search(r"\bUSING\s+rtree\s*\(", sql, re.I)
        )
        tables = [str(n) for kind, n, sql in listed if kind == "table" and str(n) not in virtual]
        generated = tuple(
            f"{t}.{col[1]}"
            for t in tables
            for col in con.execute(f"PRAGMA table_xinfo({_quote(t)})")
            if col[6] in (2, 3)
        )
        rows: dict[str, int] = {}
        if "gpkg_contents" in tables and not views and not virtual and not generated:
            for (name,) in con.execute("SELECT table_name FROM gpkg_contents").fetchall():
                if str(name) in tables:
                    bounded = f"SELECT count(*) FROM (SELECT 1 FROM {_quote(str(name))} LIMIT {int(max_rows) + 1})"
                    rows[str(name)] = int(con.execute(bounded).fetchone()[0])
        return SqliteContents(views, virtual, generated, rows)
    except sqlite3.OperationalError as exc:
        if "interrupted" in str(exc):
            return SqliteContents((), (), (), {}, exhausted=True)
        raise
    finally:
        con.close()

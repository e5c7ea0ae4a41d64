"""GeoPackage files other programs read: written by GDAL (pyogrio), made readable by older GDAL/QGIS too.

GDAL 3.11+ writes the R-tree triggers of GeoPackage 1.4 (``…_update5/6/7``); GDAL before 3.11 (Debian
stable's 3.6, and the QGIS builds on many bureau PCs) and its ``validate_gpkg.py`` expect the 1.2/1.3
set (``…_update1`` to ``…_update4``), and refuse a file without them. ``write_gpkg`` writes the layer,
then swaps the triggers for the 1.3 ones, which every GDAL since 2.0 maintains (newer GDAL upgrades them
itself when it opens the file for writing). ``gpkg_contents`` keeps the extent GDAL computed from the data.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path

import geopandas as gpd

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
#: ``PRAGMA user_version`` of GeoPackage 1.3.
GPKG_1_3 = 10300
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
            con.execute(f"PRAGMA user_version = {GPKG_1_3}")
        con.execute("COMMIT")
    finally:
        con.close()


def write_gpkg(gdf: gpd.GeoDataFrame, path: str | Path, layer: str) -> Path:
    """Write ``gdf`` as layer ``layer`` of a new GeoPackage that GDAL 3.6's ``validate_gpkg.py`` accepts."""
    path = Path(path)
    gdf.to_file(path, layer=layer, driver="GPKG", engine="pyogrio")
    legacy_rtree_triggers(path)
    return path

"""The ``sites`` aggregate: the statements that read and write stored sites (SQLAlchemy Core).

Sites are read column by column (no dict per row: ``frame`` builds the GeoDataFrame straight from the
lists) and inserted column by column (``geo.store.backend.insert_columns``). Every
write runs inside a backend's write transaction (``Tx``), together with its audit rows.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence

import geopandas as gpd
import pandas as pd
from sqlalchemy import ColumnElement, Select, bindparam, not_, select, text, update

from geo.crs import CRS_STORE
from geo.sites.schema import NUMERIC_COLUMNS
from geo.store.backend import Columns, Record, Tx, as_int, insert_columns, read_time
from geo.store.schema import COLUMN_KINDS, SITES, STORE_COLUMNS, TEXT_KINDS

#: How a stored value is read back, per column (None: as the driver returns it).
_READ: dict[str, Callable[[object], object] | None] = {
    c: bool if k == "bool" else read_time if k == "time" else None for c, k in COLUMN_KINDS.items()
}
_BY_ID = SITES.c.site_id == bindparam("id")
_TEXT = [c for c, k in COLUMN_KINDS.items() if k in TEXT_KINDS]


def _select(cols: Sequence[str]) -> Select:
    return select(SITES.c.site_id, *(SITES.c[c] for c in cols)).order_by(SITES.c.site_id)


def _read(column: str, values: Sequence[object]) -> list[object]:
    fn = _READ[column]
    return list(values) if fn is None else [None if v is None else fn(v) for v in values]


def select_columns(tx: Tx, include_deleted: bool, columns: Sequence[str] | None = None) -> dict[str, list[object]]:
    """Sites ordered by id, column by column: ``site_id`` and ``columns`` (all unless given) → values."""
    cols = list(columns) if columns is not None else list(COLUMN_KINDS)
    stmt = _select(cols)
    result = tx.conn.execute(stmt if include_deleted else stmt.where(not_(SITES.c.deleted)))
    # the driver's plain tuples (no column needs SQLAlchemy's result processing): at 100,000 sites,
    # turning Row objects into columns cost 0.2 s more CPU than the whole read did before
    rows = result.cursor.fetchall()
    values = list(zip(*rows)) if rows else [() for _ in range(len(cols) + 1)]
    out: dict[str, list[object]] = {"site_id": [as_int(v) for v in values[0]]}
    out.update({c: _read(c, vals) for c, vals in zip(cols, values[1:])})
    return out


def select_one(tx: Tx, site_id: int, lock: bool = False) -> Record | None:
    """One site record (``site_id`` + ``COLUMN_KINDS``), locked for update if ``lock`` (PostGIS), or None."""
    stmt = _select(list(COLUMN_KINDS)).where(_BY_ID)
    row = tx.conn.execute(stmt.with_for_update() if lock else stmt, {"id": site_id}).first()
    if row is None:
        return None
    rec: Record = {"site_id": as_int(row[0])}
    rec.update({c: _read(c, [v])[0] for c, v in zip(COLUMN_KINDS, row[1:])})
    return rec


def reserve_ids(tx: Tx, n: int) -> list[int]:
    """``n`` new site ids, ascending, for ``insert_many`` (the caller holds the write lock)."""
    if n <= 0:
        return []
    rows = tx.conn.execute(text(tx.backend.reserve_ids_sql), {"n": n}).all()
    return [as_int(r[0]) for r in rows]


def insert_many(tx: Tx, columns: Columns) -> list[int]:
    """Insert sites given column by column (every column of ``COLUMN_KINDS``; the geometry from lon/lat).

    Returns the new ids in row order.
    """
    ids = reserve_ids(tx, len(columns["lon"]))
    geoms = tx.backend.point_values(columns["lon"], columns["lat"])
    insert_columns(tx, SITES, {"site_id": ids, "geom": geoms, **{c: columns[c] for c in COLUMN_KINDS}})
    return ids


def update_one(tx: Tx, site_id: int, values: Mapping[str, object], expected_version: int) -> bool:
    """Set ``values`` (and the geometry if lon/lat change) where the version still matches; False if not."""
    sets: dict[str, object] = dict(values)
    if "lon" in values or "lat" in values:
        old = tx.conn.execute(select(SITES.c.lon, SITES.c.lat).where(_BY_ID), {"id": site_id}).first()
        old_lon, old_lat = old if old is not None else (None, None)
        lonlat: tuple[ColumnElement[float], ColumnElement[float]] = (
            bindparam("geom_lon", values.get("lon", old_lon)),
            bindparam("geom_lat", values.get("lat", old_lat)),
        )
        sets["geom"] = tx.backend.geom_value(*lonlat)
    stmt = update(SITES).where(_BY_ID & (SITES.c.version == bindparam("expected"))).values(sets)
    return tx.conn.execute(stmt, {"id": site_id, "expected": expected_version}).rowcount == 1


def frame(columns: Mapping[str, Sequence[object]], n: int) -> gpd.GeoDataFrame:
    """Sites given column by column (``n`` rows) as a GeoDataFrame of ``STORE_COLUMNS``, EPSG:4326.

    Absent columns are None; dtypes are stable (ids and versions int64, flags bool, numbers float).
    """
    none = [None] * n
    df = pd.DataFrame({c: columns.get(c, none) for c in STORE_COLUMNS}, index=range(n))
    df["site_id"] = pd.to_numeric(df["site_id"]).astype("int64")
    df["version"] = pd.to_numeric(df["version"]).fillna(1).astype("int64")
    for col in ("is_sample", "deleted"):
        df[col] = df[col].astype(object).fillna(False).astype(bool)
    for col in [*NUMERIC_COLUMNS, "lon", "lat"]:
        df[col] = pd.to_numeric(df[col], errors="coerce").astype(float)
    for col in _TEXT:
        df[col] = df[col].astype(object).where(df[col].notna(), None)
    return gpd.GeoDataFrame(df, geometry=gpd.points_from_xy(df["lon"], df["lat"], crs=CRS_STORE), crs=CRS_STORE)

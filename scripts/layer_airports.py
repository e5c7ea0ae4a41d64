"""Airports for ``build_layers.py``: every Japanese airport with an IATA code, KSJ C28 attributes joined.

Rows come from ``airportsdata`` (PyPI, MIT; position, IATA/ICAO codes, English name). A C28 airport
within :data:`MATCH_M` of one gives it its Japanese name, airport type and runway length
(``attributes_from`` = ``ksj_c28``). C28 airports that match no IATA airport (調布, 八尾 …) are kept
as C28 rows (``source_id`` = ``ksj_c28``). An IATA airport C28 lacks takes its Japanese name from
``data/airport_names_ja.toml`` (compiled by the project from the official names; ``attributes_from`` =
``airport_names_ja``); one in neither keeps its English name (``attributes_from`` = ``""``). Every row says
where its name came from; ``name_en`` stays English.
"""

from __future__ import annotations

import tomllib
from pathlib import Path

import airportsdata
import geopandas as gpd
import numpy as np
import pandas as pd
import shapely

from geo.config import DATA_DIR
from geo.crs import CRS_STORE

#: The project's table of official Japanese names for airports C28 lacks, keyed by IATA code.
NAMES_JA_TOML: Path = DATA_DIR / "airport_names_ja.toml"
#: ``attributes_from`` of a row whose Japanese name comes from :data:`NAMES_JA_TOML` (also its source id).
NAMES_JA_SOURCE = "airport_names_ja"

#: A C28 point this close (m) to an IATA airport's reference point is the same airport.
MATCH_M = 4000.0


def iata_airports() -> gpd.GeoDataFrame:
    """Japanese airports with an IATA code from ``airportsdata``, EPSG:4326."""
    rows = [a for a in airportsdata.load("IATA").values() if a["country"] == "JP"]
    df = pd.DataFrame(rows)
    return gpd.GeoDataFrame(df, geometry=gpd.points_from_xy(df["lon"], df["lat"]), crs=CRS_STORE)


def airportsdata_version() -> str:
    """The installed ``airportsdata`` release (its version is its date, ``YYYYMMDD``)."""
    return str(getattr(airportsdata, "__version__", ""))


def airportsdata_date() -> str:
    """The installed release as ``YYYY-MM-DD`` (the version itself when it is not a date)."""
    v = airportsdata_version()
    return f"{v[:4]}-{v[4:6]}-{v[6:8]}" if len(v) == 8 and v.isdigit() else v


def join_c28(iata: gpd.GeoDataFrame, c28: gpd.GeoDataFrame) -> tuple[gpd.GeoDataFrame, gpd.GeoDataFrame]:
    """(IATA airports with C28 attributes where a C28 point lies within ``MATCH_M``, unmatched C28 rows)."""
    crs = "EPSG:6690"
    a = iata.to_crs(crs).geometry.values
    c = c28.to_crs(crs).geometry.values
    which, dist = shapely.STRtree(c).query_nearest(a, max_distance=MATCH_M, return_distance=True)
    src, hit = which
    # one C28 airport for one IATA airport: the closest pair wins
    order = np.argsort(dist)
    used_a, used_c, pairs = set(), set(), {}
    for i in order:
        if src[i] not in used_a and hit[i] not in used_c:
            used_a.add(src[i])
            used_c.add(hit[i])
            pairs[src[i]] = hit[i]
    matched = pd.Series(pairs, dtype="Int64").reindex(range(len(iata)))
    out = iata.reset_index(drop=True).copy()
    take = matched.notna().to_numpy()
    idx = matched[take].astype(int).to_numpy()
    for col in ("name", "airport_type", "runway_length_m_max"):
        values = pd.Series([None] * len(out), dtype=object)
        values[take] = c28[col].to_numpy()[idx]
        out[f"c28_{col}"] = values
    out["attributes_from"] = np.where(take, "ksj_c28", "")
    rest = c28.iloc[sorted(set(range(len(c28))) - used_c)].reset_index(drop=True)
    return out, rest


def names_ja(path: Path = NAMES_JA_TOML) -> dict[str, str]:
    """IATA code → official Japanese name from the project's table (``[names]``)."""
    with path.open("rb") as f:
        names = tomllib.load(f).get("names")
    if not isinstance(names, dict) or not all(isinstance(v, str) and v for v in names.values()):
        raise ValueError(f'{path}: expected a [names] table of IATA code = "日本語名"; fix the file')
    return {str(k): v for k, v in names.items()}


def name_ja(joined: gpd.GeoDataFrame, names: dict[str, str]) -> gpd.GeoDataFrame:
    """``joined`` (from :func:`join_c28`) with ``name_ja``: the C28 name, else the table's, else English.

    ``attributes_from`` becomes ``airport_names_ja`` on the rows named from the table.
    """
    out = joined.copy()
    table = out["iata"].map(names)
    use_table = out["c28_name"].isna() & table.notna()
    out["name_ja"] = out["c28_name"].where(out["c28_name"].notna(), table.where(use_table, out["name"]))
    out["attributes_from"] = np.where(use_table, NAMES_JA_SOURCE, out["attributes_from"])
    return out

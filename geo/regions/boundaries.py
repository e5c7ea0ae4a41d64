"""Japan's administrative boundaries: prefectures, METI blocks, municipalities and point lookup.

Everything is EPSG:4326 and read once per process from the committed GeoParquet files in
``data/boundaries/`` (built by ``python scripts/build_boundaries.py``). The boundaries are the
N03 2021-01-01 data simplified to 1% of its vertices, so coasts are approximate: ``locate`` snaps
points that fall just outside every polygon (ports, shipyards, reclaimed land) to the nearest
polygon within ``tolerance_m`` metres, measured in the JGD2011 UTM zone of the point.
"""

from __future__ import annotations

import functools
import hashlib
import json
import math
import unicodedata
from typing import Any

import geopandas as gpd
import numpy as np
import pandas as pd
import shapely
from numpy.typing import ArrayLike
from shapely.geometry.base import BaseGeometry

from geo import config, domain
from geo.crs import CRS_STORE, to_store_crs
from geo.domain import Bilingual
from geo.errors import DataMissingError, ParameterError, RegionError
from geo.io.files import derived, file_stamp
from geo.regions.index import PolygonIndex, coords_to_arrays, usable

#: Columns of ``locate_many`` (and keys of ``locate``), in order.
LOCATE_COLUMNS = ("pref_code", "pref_name_ja", "pref_name_en", "muni_code", "muni_name_ja", "block")
#: Default snapping distance for points just outside the simplified coastline.
DEFAULT_TOLERANCE_M = 2000.0


# --------------------------------------------------------------------------- loading


@functools.cache
def _read(name: str) -> gpd.GeoDataFrame:
    """One processed boundary file, read once; FileNotFoundError says how to build it."""
    path = config.BOUNDARIES_DIR / f"{name}.parquet"
    if not path.is_file():
        raise DataMissingError("data_missing", path=str(path), script="scripts/build_boundaries.py", raw="boundaries")
    gdf = gpd.read_parquet(path)
    gdf = to_store_crs(gdf)
    return gdf.reset_index(drop=True)


@functools.cache
def _sources() -> dict[str, Any]:
    path = config.BOUNDARIES_DIR / "SOURCES.json"
    if not path.is_file():
        raise DataMissingError("data_missing", path=str(path), script="scripts/build_boundaries.py", raw="boundaries")
    return json.loads(path.read_text(encoding="utf-8"))


def boundary_credit() -> Bilingual:
    """Required credit line of the boundary data (``SOURCES.json``), as its source gives it in both languages."""
    meta = _sources()
    return Bilingual(str(meta["credit"]), str(meta["credit_en"]))


def clear_cache() -> None:
    """Forget loaded boundary data (for tests that point ``config.BOUNDARIES_DIR`` elsewhere)."""
    for fn in (_read, _sources, _blocks, japan_geometry, _index):
        fn.cache_clear()


def prefectures() -> gpd.GeoDataFrame:
    """The 47 prefectures: ``code`` ("01".."47"), ``name_ja``, ``name_en``, ``block``, geometry."""
    return _read("prefectures").copy()


def dissolve(polygons: np.ndarray) -> BaseGeometry:
    """Union of polygons that tile without overlaps (prefectures: they share their edges exactly).

    ``coverage_union_all`` (edges matched, no overlay: ~15× faster on the 47 prefectures); if the result
    is invalid or loses area (the polygons overlap or their edges do not match), the full overlay
    ``union_all`` instead.
    """
    merged = shapely.coverage_union_all(polygons)
    total = float(shapely.area(polygons).sum())
    if merged.is_valid and math.isclose(merged.area, total, rel_tol=1e-9):
        return merged
    return shapely.union_all(polygons)


@functools.cache
def _blocks() -> gpd.GeoDataFrame:
    """The nine METI blocks dissolved from their prefectures, once per boundary file (kept under ``derived/``)."""
    return derived(config.derived_dir() / "boundaries" / f"blocks-{_boundary_stamp()}.pkl", _dissolved_blocks)


def _dissolved_blocks() -> gpd.GeoDataFrame:
    prefs = _read("prefectures").set_index("code")
    rows = [
        {
            "block": b.id,
            "name_ja": b.ja,
            "name_en": b.en,
            "geometry": dissolve(prefs.loc[list(b.pref_codes)].geometry.values),
        }
        for b in domain.BLOCKS.values()
    ]
    return gpd.GeoDataFrame(rows, geometry="geometry", crs=CRS_STORE)


def blocks() -> gpd.GeoDataFrame:
    """The 9 METI blocks (``geo.domain.BLOCKS``) dissolved from prefectures: ``block``, names, geometry."""
    return _blocks().copy()


def municipalities(pref_code: str | int | None = None) -> gpd.GeoDataFrame:
    """Municipalities and designated-city wards: ``code``, ``name_ja``, ``pref_code``, geometry.

    ``pref_code`` ("43", "1" or 43) keeps one prefecture; the 4 所属未定地 rows have no ``code``.
    """
    munis = _read("municipalities")
    if pref_code is None:
        return munis.copy()
    code = normalise_pref_code(pref_code)
    if code is None:
        raise RegionError("pref_code_unknown", code=str(pref_code))
    return munis[munis["pref_code"] == code].copy()


@functools.cache
def _municipality_names() -> dict[str, str]:
    munis = _read("municipalities")
    known = munis[munis["code"].notna()]
    return dict(zip(known["code"].astype(str), known["name_ja"].astype(str), strict=True))


def municipality_name(code: object) -> str:
    """The name (``菊陽町``, ``北九州市小倉北区``) of a municipality code, or ``""`` when unknown."""
    return _municipality_names().get(str(code), "") if code is not None and code == code else ""


def normalise_pref_code(value: str | int) -> str | None:
    """Normalised JIS code ("1" -> "01") or None if it is not one of the 47."""
    text = unicodedata.normalize("NFKC", str(value)).strip()
    if not text.isascii() or not text.isdigit():
        return None
    code = f"{int(text):02d}"
    return code if code in domain.PREFECTURES else None


# --------------------------------------------------------------------------- point lookup


@functools.cache
def _index() -> dict[str, Any]:
    """STRtrees and lookup arrays (index -1 -> the trailing missing value)."""
    prefs, munis = _read("prefectures"), _read("municipalities")

    def with_missing(values: pd.Series) -> np.ndarray:
        arr = np.array([None if pd.isna(v) else str(v) for v in values], dtype=object)
        return np.concatenate([arr, np.array([None], dtype=object)])

    pref_pos = {code: i for i, code in enumerate(prefs["code"])}
    terms = [domain.PREFECTURES[c] for c in prefs["code"]]
    return {
        "muni": PolygonIndex(munis.geometry.values),
        "pref": PolygonIndex(prefs.geometry.values),
        "muni_code": with_missing(munis["code"]),
        "muni_name": with_missing(munis["name_ja"]),
        "muni_pref": np.array([pref_pos[c] for c in munis["pref_code"]] + [-1], dtype=np.int64),
        "pref_code": with_missing(prefs["code"]),
        "pref_name_ja": with_missing(pd.Series([t.ja for t in terms])),
        "pref_name_en": with_missing(pd.Series([t.en for t in terms])),
        "block": with_missing(prefs["code"].map(domain.block_of)),
    }


def locate_many(lons: ArrayLike, lats: ArrayLike, tolerance_m: float = DEFAULT_TOLERANCE_M) -> pd.DataFrame:
    """Prefecture, municipality and block of many points at once (vectorised, STRtree).

    Returns one row per input point (the index of ``lons`` if it is a pandas Series) with
    ``LOCATE_COLUMNS``; values are missing for points outside Japan or with NaN/inf coordinates.
    A point in no polygon snaps to the nearest one within ``tolerance_m`` metres (JGD2011 UTM).
    """
    x, y = coords_to_arrays(lons, lats)
    idx = _index()
    ok = np.flatnonzero(usable(x, y))
    muni = np.full(len(x), -1, dtype=np.int64)
    muni[ok] = idx["muni"].lookup(x[ok], y[ok], tolerance_m)
    pref = idx["muni_pref"][muni]  # the municipality decides the prefecture (shared arcs)
    # Prefecture polygons and dissolved municipalities differ by <= 0.1%: fall back to them.
    rest = ok[pref[ok] < 0]
    if len(rest):
        pref[rest] = idx["pref"].lookup(x[rest], y[rest], tolerance_m)
    out = pd.DataFrame(
        {
            "pref_code": idx["pref_code"][pref],
            "pref_name_ja": idx["pref_name_ja"][pref],
            "pref_name_en": idx["pref_name_en"][pref],
            "muni_code": idx["muni_code"][muni],
            "muni_name_ja": idx["muni_name"][muni],
            "block": idx["block"][pref],
        },
        columns=list(LOCATE_COLUMNS),
    )
    if isinstance(lons, pd.Series) and len(lons.index) == len(out):
        out.index = lons.index
    return out


def locate(lon: float, lat: float, tolerance_m: float = DEFAULT_TOLERANCE_M) -> dict[str, str | None] | None:
    """Where a point is: dict with ``LOCATE_COLUMNS`` keys, or None outside Japan or for NaN/inf.

    Longitude first, degrees (EPSG:4326). Points just off the simplified coast (a port, a
    shipyard) snap to the nearest prefecture/municipality within ``tolerance_m`` metres, measured
    in JGD2011 UTM (EPSG:6688–6692); use ``tolerance_m=0`` for strict containment.
    ``muni_code`` is None for the 所属未定地 areas (``muni_name_ja`` is then '所属未定地').
    """
    try:
        x, y = float(lon), float(lat)
    except (TypeError, ValueError):
        raise ParameterError("lonlat_not_numbers", lon=repr(lon), lat=repr(lat)) from None
    if not (math.isfinite(x) and math.isfinite(y)):
        return None
    row = locate_many([x], [y], tolerance_m).iloc[0]
    if pd.isna(row["pref_code"]):
        return None
    return {c: (None if pd.isna(row[c]) else str(row[c])) for c in LOCATE_COLUMNS}


def _boundary_stamp() -> str:
    """A short hash of the prefecture boundary file's stamp: names the shapes derived from it."""
    path = config.BOUNDARIES_DIR / "prefectures.parquet"
    return hashlib.sha1(repr(file_stamp(path)).encode(), usedforsecurity=False).hexdigest()[:16]


@functools.cache
def japan_geometry() -> BaseGeometry:
    """Union of the 47 prefectures (EPSG:4326), computed once per boundary file (kept under ``derived/``)."""
    return derived(
        config.derived_dir() / "boundaries" / f"japan-{_boundary_stamp()}.pkl",
        lambda: dissolve(_read("prefectures").geometry.values),
    )


def block_geometry(block_id: str) -> BaseGeometry:
    """Geometry of one METI block (EPSG:4326)."""
    return _blocks().set_index("block").geometry.loc[block_id]


def prefecture_geometry(code: str) -> BaseGeometry:
    """Geometry of one prefecture by JIS code (EPSG:4326)."""
    return _read("prefectures").set_index("code").geometry.loc[code]


def prefectures_touching(geometry: BaseGeometry) -> tuple[str, ...]:
    """JIS codes of the prefectures that intersect ``geometry`` (spatial-index query), in code order."""
    prefs = _read("prefectures")
    idx = prefs.sindex.query(geometry, predicate="intersects")
    return tuple(sorted(prefs["code"].iloc[idx]))

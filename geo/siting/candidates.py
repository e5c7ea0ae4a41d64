"""Where a project could go: industrial-land parcels where they are loaded, else municipalities.

Rule (the page and ``--help`` say it):

- every loaded parcel or estate (``geo.analysis.land.load_parcels``) in the region whose available area
  is at least the land needed is a candidate, placed at its representative point (a point parcel at
  itself); a parcel whose availability is unknown stays a candidate (its land check is ``unknown``), one
  known to be too small is left out and counted;
- every municipality (市区町村, designated-city ward) of the region in which no parcel is a candidate is
  a candidate at the representative point of its polygon (shapely ``representative_point``; the
  ``position`` column says so): where no parcel is loaded the search still covers the whole region.

Codes only; the frame is EPSG:4326.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass

import geopandas as gpd
import numpy as np
import pandas as pd
import shapely

from geo import regions
from geo.crs import CRS_STORE
from geo.regions import Region

#: Columns of the candidate table (plus the point ``geometry``), in order.
CANDIDATE_COLUMNS: list[str] = [
    "kind",
    "code",
    "name",
    "pref_code",
    "muni_code",
    "position",
    "available_ha",
    "total_ha",
    "is_sample",
    "lon",
    "lat",
]
#: Candidate kinds, parcels first (the tie rule of the ranking follows this order).
CANDIDATE_KINDS: tuple[str, ...] = ("parcel", "municipality")
#: Where a candidate's point is: the parcel's representative point, or the municipality's.
POSITIONS: tuple[str, ...] = ("parcel_point", "municipality_point")


@dataclass(frozen=True)
class Candidates:
    """The candidates (``CANDIDATE_COLUMNS`` + point) and what was left out.

    ``parcels_loaded``: parcels in the region; ``parcels_too_small``: of those, known to have less
    available land than needed (not candidates).
    """

    table: gpd.GeoDataFrame
    parcels_loaded: int
    parcels_too_small: int


@functools.cache
def municipality_points() -> gpd.GeoDataFrame:
    """Every municipality with a code, at its representative point (computed once per process)."""
    munis = regions.municipalities()
    munis = munis[munis["code"].notna()].reset_index(drop=True)
    points = shapely.point_on_surface(munis.geometry.values)
    return gpd.GeoDataFrame(
        {
            "code": munis["code"].astype(str).to_numpy(),
            "name": munis["name_ja"].astype(str).to_numpy(),
            "pref_code": munis["pref_code"].astype(str).to_numpy(),
        },
        geometry=points,
        crs=CRS_STORE,
    )


def _in_region(frame: gpd.GeoDataFrame, region: Region) -> np.ndarray:
    """Rows of ``frame`` (``pref_code``, points) inside ``region``: its prefectures, and a drawn area's shape."""
    keep = frame["pref_code"].astype(str).isin(region.pref_codes).to_numpy()
    if region.kind == "custom" and keep.any():
        shapely.prepare(region.geometry)
        keep = keep & np.asarray(shapely.covers(region.geometry, frame.geometry.values), dtype=bool)
    return keep


def _table(kind: str, position: str, frame: pd.DataFrame, points: np.ndarray) -> gpd.GeoDataFrame:
    out = pd.DataFrame(
        {
            "kind": kind,
            "code": frame["code"].astype(str).to_numpy(),
            "name": frame["name"].astype(str).to_numpy(),
            "pref_code": frame["pref_code"].astype(str).to_numpy(),
            "muni_code": frame["muni_code"].to_numpy(dtype=object),
            "position": position,
            "available_ha": frame["available_ha"].to_numpy(dtype=float),
            "total_ha": frame["total_ha"].to_numpy(dtype=float),
            "is_sample": frame["is_sample"].to_numpy(dtype=bool),
            "lon": shapely.get_x(points),
            "lat": shapely.get_y(points),
        }
    )
    return gpd.GeoDataFrame(out[CANDIDATE_COLUMNS], geometry=points, crs=CRS_STORE)


def parcel_candidates(parcels: gpd.GeoDataFrame, region: Region, land_ha: float | None) -> Candidates:
    """The parcels of ``region`` that could hold ``land_ha`` (unknown availability kept), at their points."""
    if parcels.empty:
        return Candidates(_table("parcel", POSITIONS[0], _empty_parcels(), np.empty(0, dtype=object)), 0, 0)
    geom = parcels.geometry.values
    usable = ~(shapely.is_missing(geom) | shapely.is_empty(geom))
    df = parcels[usable].reset_index(drop=True)
    points = shapely.point_on_surface(df.geometry.values)
    located = regions.locate_many(shapely.get_x(points), shapely.get_y(points))
    df = pd.DataFrame(
        {
            "code": df["source_id"].astype(str).to_numpy(),
            "name": df["name"].astype(str).to_numpy(),
            "pref_code": df["pref_code"].astype(str).to_numpy(),
            "muni_code": located["muni_code"].to_numpy(dtype=object),
            "available_ha": pd.to_numeric(df["available_ha"], errors="coerce").to_numpy(dtype=float),
            "total_ha": pd.to_numeric(df["total_ha"], errors="coerce").to_numpy(dtype=float),
            "is_sample": df["is_sample"].fillna(False).astype(bool).to_numpy(),
        }
    )
    inside = _in_region(gpd.GeoDataFrame(df, geometry=points, crs=CRS_STORE), region)
    df, points = df[inside].reset_index(drop=True), points[inside]
    too_small = np.zeros(len(df), dtype=bool)
    if land_ha is not None:
        too_small = (df["available_ha"] < land_ha).to_numpy()  # NaN (unknown) is never too small
    keep = ~too_small
    table = _table("parcel", POSITIONS[0], df[keep].reset_index(drop=True), points[keep])
    return Candidates(table, int(len(df)), int(too_small.sum()))


def _empty_parcels() -> pd.DataFrame:
    cols = ["code", "name", "pref_code", "muni_code"]
    return pd.DataFrame(
        {
            **{c: pd.Series(dtype=object) for c in cols},
            **{c: pd.Series(dtype=float) for c in ("available_ha", "total_ha")},
            "is_sample": pd.Series(dtype=bool),
        }
    )


def municipality_candidates(region: Region, without: set[str] | frozenset[str] = frozenset()) -> gpd.GeoDataFrame:
    """Municipalities of ``region`` (codes in ``without`` left out) at their representative points."""
    munis = municipality_points()
    keep = _in_region(munis, region) & ~munis["code"].isin(without).to_numpy()
    sub = munis[keep].reset_index(drop=True)
    frame = pd.DataFrame(
        {
            "code": sub["code"],
            "name": sub["name"],
            "pref_code": sub["pref_code"],
            "muni_code": sub["code"].astype(object),
            "available_ha": np.nan,
            "total_ha": np.nan,
            "is_sample": False,
        }
    )
    return _table("municipality", POSITIONS[1], frame, sub.geometry.values)


def find_candidates(region: Region, parcels: gpd.GeoDataFrame | None, land_ha: float | None) -> Candidates:
    """Parcels that could hold the land, then the municipalities with no such parcel (module rule)."""
    found = parcel_candidates(parcels if parcels is not None else gpd.GeoDataFrame(), region, land_ha)
    taken = set(found.table["muni_code"].dropna().astype(str))
    munis = municipality_candidates(region, taken)
    frames = [f for f in (found.table, munis) if len(f)]
    table = (
        gpd.GeoDataFrame(pd.concat(frames, ignore_index=True), geometry="geometry", crs=CRS_STORE) if frames else munis
    )
    return Candidates(table, found.parcels_loaded, found.parcels_too_small)

"""Industrial-land balance: available ha vs demand per prefecture and block, and parcels within reach.

*Demand* is the sum of ``land_ha`` of sites whose status is not ``operating`` (稼働); it is NaN (unknown,
never 0) when no such site discloses its land — including prefectures without any demand site — and a
lower bound when only some do (``demand_unknown_sites`` counts the others). *Available* is the
sum of ``available_ha`` over parcels whose availability is known; it is NaN (unknown) when no parcel of
the prefecture has a known figure — including prefectures without any parcel data. Parcels with
unknown availability are counted in ``unknown_parcels`` and never add zero. ``balance_ha`` =
available − demand, NaN when either is unknown.
"""

from __future__ import annotations

from collections.abc import Iterable

import geopandas as gpd
import numpy as np
import pandas as pd
import shapely

from geo.crs import CRS_STORE, by_zone
from geo.domain import BLOCKS, PREFECTURES, block_of, names_in
from geo.errors import ParameterError
from geo.io.records import Record, json_records

#: Per-prefecture columns, in order (the first five are the CLI JSON keys).
BALANCE_COLUMNS: list[str] = [
    "pref_code",
    "available_ha",
    "demand_ha",
    "balance_ha",
    "unknown_parcels",
    "pref_name_ja",
    "pref_name_en",
    "block",
    "n_parcels",
    "demand_sites",
    "demand_unknown_sites",
    "status",
]
BLOCK_COLUMNS: list[str] = [
    "block",
    "name_ja",
    "name_en",
    "available_ha",
    "demand_ha",
    "balance_ha",
    "unknown_parcels",
    "n_parcels",
    "unknown_prefs",
    "demand_sites",
    "demand_unknown_sites",
    "status",
]
REACH_COLUMNS: list[str] = [
    "area_id",
    "parcel",
    "pref_code",
    "distance_km",
    "total_ha",
    "available_ha",
    "status",
    "source",
]


def _status(balance: pd.Series) -> pd.Series:
    """``unknown`` (NaN), ``shortfall`` (< 0) or ``surplus`` (≥ 0)."""
    return pd.Series(np.select([balance.isna(), balance < 0], ["unknown", "shortfall"], "surplus"), index=balance.index)


def demand_by_pref(sites: pd.DataFrame) -> pd.DataFrame:
    """Land demand per ``pref_code`` from the sites not yet operating.

    Columns: ``demand_ha`` (known land ha of non-operating sites; NaN when none discloses it), ``demand_sites``,
    ``demand_unknown_sites`` (non-operating sites without a land figure).
    """
    pending = pd.DataFrame(sites)
    pending = pending[pending["status"].ne("operating") & pending["pref_code"].notna()]
    land = pd.to_numeric(pending.get("land_ha", pd.Series(np.nan, index=pending.index)), errors="coerce")
    grouped = pd.DataFrame(
        {"pref_code": pending["pref_code"].astype(str), "land": land, "unknown": land.isna()}
    ).groupby("pref_code")
    return pd.DataFrame(
        {
            "demand_ha": grouped["land"].sum(min_count=1),
            "demand_sites": grouped.size(),
            "demand_unknown_sites": grouped["unknown"].sum(),
        }
    )


def land_balance(parcels: pd.DataFrame, sites: pd.DataFrame, pref_codes: Iterable[str] | None = None) -> pd.DataFrame:
    """One row per prefecture (``pref_codes``, default every prefecture with parcels or sites).

    Columns ``BALANCE_COLUMNS``; see the module docstring for the meaning of unknown values.
    """
    avail = pd.to_numeric(parcels["available_ha"], errors="coerce")
    by_parcel = pd.DataFrame(
        {"pref_code": parcels["pref_code"].astype(str), "available": avail, "unknown": avail.isna()}
    ).groupby("pref_code")
    supply = pd.DataFrame(
        {
            "available_ha": by_parcel["available"].sum(min_count=1),
            "unknown_parcels": by_parcel["unknown"].sum(),
            "n_parcels": by_parcel.size(),
        }
    )
    demand = demand_by_pref(sites)
    codes = list(pref_codes) if pref_codes is not None else sorted(set(supply.index) | set(demand.index))
    out = pd.DataFrame(index=pd.Index([str(c) for c in codes], name="pref_code"))
    out = out.join(supply).join(demand)
    for col in ("unknown_parcels", "n_parcels", "demand_sites", "demand_unknown_sites"):
        out[col] = out[col].fillna(0).astype(int)
    out["demand_ha"] = out["demand_ha"].astype(float)
    out["available_ha"] = out["available_ha"].astype(float)
    out["balance_ha"] = out["available_ha"] - out["demand_ha"]
    out = out.reset_index()
    out["pref_name_ja"], out["pref_name_en"] = names_in(out["pref_code"], PREFECTURES)
    out["block"] = out["pref_code"].map(lambda c: block_of(c) if c in PREFECTURES else None)
    out["status"] = _status(out["balance_ha"])
    return out[BALANCE_COLUMNS]


def block_balance(pref_table: pd.DataFrame) -> pd.DataFrame:
    """Aggregate ``land_balance`` rows per METI block; ``unknown_prefs`` counts prefectures with unknown supply."""
    grouped = pref_table.assign(_unknown=pref_table["available_ha"].isna()).groupby("block")
    out = pd.DataFrame(
        {
            "available_ha": grouped["available_ha"].sum(min_count=1),
            "demand_ha": grouped["demand_ha"].sum(min_count=1),
            "unknown_parcels": grouped["unknown_parcels"].sum(),
            "n_parcels": grouped["n_parcels"].sum(),
            "unknown_prefs": grouped["_unknown"].sum(),
            "demand_sites": grouped["demand_sites"].sum(),
            "demand_unknown_sites": grouped["demand_unknown_sites"].sum(),
        }
    )
    out["balance_ha"] = out["available_ha"] - out["demand_ha"]
    out["status"] = _status(out["balance_ha"])
    out = out.reset_index()
    out["name_ja"], out["name_en"] = names_in(out["block"], BLOCKS)
    order = {b: i for i, b in enumerate(BLOCKS)}
    out = out.sort_values("block", key=lambda s: s.map(order)).reset_index(drop=True)
    return out[BLOCK_COLUMNS]


def balance_records(table: pd.DataFrame) -> list[Record]:
    """JSON-ready rows of ``land_balance`` (NaN → None, numbers rounded to 0.01 ha)."""
    return json_records(table, digits=2)


def parcels_within_reach(
    areas: gpd.GeoDataFrame, parcels: gpd.GeoDataFrame, reach_km: float, id_column: str = "id"
) -> pd.DataFrame:
    """Every (area, parcel) pair within ``reach_km`` of each other (polygons or points, EPSG:4326).

    Works with any polygons (clusters, buffers, sites). Distances are measured in the JGD2011 UTM zone
    of each area (areas are grouped by zone; an STRtree ``dwithin`` query per group, no per-row loop).
    Returns ``REACH_COLUMNS`` sorted by area and distance; ``area_id`` comes from ``id_column``.
    """
    if reach_km < 0 or not np.isfinite(reach_km):
        raise ParameterError("distance_not_negative", name="reach_km", value=repr(reach_km))
    if id_column not in areas.columns:
        raise ValueError(
            f"areas have no column {id_column!r}: pass id_column= one of {', '.join(map(str, areas.columns))}"
        )
    empty = pd.DataFrame({c: pd.Series(dtype=object) for c in REACH_COLUMNS})
    if areas.empty or parcels.empty:
        return empty
    areas = areas.to_crs(CRS_STORE)
    parcels = parcels.to_crs(CRS_STORE).reset_index(drop=True)
    parts = []
    for crs, pos in by_zone(areas.geometry.representative_point()):
        left = areas.iloc[pos].to_crs(crs)
        right = parcels.to_crs(crs)
        a_pos, p_pos = right.sindex.query(left.geometry.to_numpy(), predicate="dwithin", distance=reach_km * 1000.0)
        dist = shapely.distance(left.geometry.to_numpy()[a_pos], right.geometry.to_numpy()[p_pos])
        sel = parcels.iloc[p_pos]
        parts.append(
            pd.DataFrame(
                {
                    "area_id": left[id_column].to_numpy()[a_pos],
                    "parcel": sel["name"].to_numpy(),
                    "pref_code": sel["pref_code"].to_numpy(),
                    "distance_km": np.round(dist / 1000.0, 3),
                    "total_ha": sel["total_ha"].to_numpy(dtype=float),
                    "available_ha": sel["available_ha"].to_numpy(dtype=float),
                    "status": sel["status"].to_numpy(),
                    "source": sel["source"].to_numpy(),
                }
            )
        )
    out = pd.concat(parts, ignore_index=True) if parts else empty
    return out.sort_values(["area_id", "distance_km"], kind="stable", ignore_index=True)[REACH_COLUMNS]


def reach_summary(pairs: pd.DataFrame) -> pd.DataFrame:
    """Per ``area_id``: ``n_parcels``, ``available_ha`` (known only; NaN if none known), ``unknown_parcels``."""
    avail = pd.to_numeric(pairs["available_ha"], errors="coerce")
    grouped = pd.DataFrame({"area_id": pairs["area_id"], "a": avail, "u": avail.isna()}).groupby("area_id")
    return pd.DataFrame(
        {
            "n_parcels": grouped.size(),
            "available_ha": grouped["a"].sum(min_count=1),
            "unknown_parcels": grouped["u"].sum(),
        }
    ).reset_index()

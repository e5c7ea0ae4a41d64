"""Per candidate and criterion: ``ok`` / ``gap`` / ``unknown``, the measured value and the limit.

A criterion is a requirement kind of ``data/requirements.toml`` (``geo.analysis.requirements.KINDS``);
a kind can be measured in up to two ways (``measure``):

- ``distance`` (km, for every kind with a distance limit): the nearest known feature and the gap rule of
  ``geo.analysis.gaps`` — ``ok`` within the limit wherever the data come from, ``gap`` only where the
  layer is complete over the whole disc of the limit, else ``unknown``. For ``industrial_land`` the
  features are the layer's and every loaded parcel (a parcel candidate is at distance 0 of itself);
- ``area`` (``industrial_land``, ha, when land is needed): the parcel's available area — ``ok`` when at
  least the need, ``unknown`` when not known; a municipality has no parcel to measure (``unknown``);
- ``capacity`` (``industrial_water`` in m³/day, ``substation`` in MW, when the amount is needed): the
  largest known capacity of the features within the distance limit (the nearest feature without a
  limit) — ``ok`` when at least the need, else ``unknown``. Never a gap: the data give a works' total
  capacity, not what is left of it.

Unknown is never ok and never a gap. One STRtree query per layer and UTM zone (JGD2011, ``geo.crs``).
"""

from __future__ import annotations

from dataclasses import dataclass

import geopandas as gpd
import numpy as np
import pandas as pd
import shapely
from shapely.geometry.base import BaseGeometry

from geo.analysis.distance_index import kind_features
from geo.analysis.gaps import classify, kind_distances
from geo.analysis.requirements import KINDS
from geo.crs import by_zone
from geo.infra import LayerCoverage
from geo.siting.needs import Needs

#: Columns of the long check table (one row per candidate × check), in order.
CHECK_COLUMNS: list[str] = [
    "candidate",
    "criterion",
    "measure",
    "status",
    "value",
    "limit",
    "unit",
    "layer_completeness",
    "reason_code",
]
STATUSES: tuple[str, ...] = ("ok", "gap", "unknown")
#: Capacity of a kind: the feature column that holds it, the ``Needs`` amount it is checked against, unit.
CAPACITY: dict[str, tuple[str, str, str]] = {
    "industrial_water": ("capacity_m3_day", "water_m3_day", "m3_day"),
    "substation": ("capacity_mw", "power_mw", "mw"),
}
#: Why an area or capacity check has its status (distance checks use ``geo.analysis.gaps.GAP_REASONS``).
AMOUNT_REASONS: tuple[str, ...] = (
    "area_ok",
    "area_unknown",
    "area_municipality",
    "capacity_ok",
    "capacity_below",
    "capacity_unknown",
    "capacity_none_near",
)
#: What may stand in for the registry: kind → (features, coverage), as in ``infrastructure_gaps``.
Layers = dict[str, tuple[gpd.GeoDataFrame, BaseGeometry | LayerCoverage]]


@dataclass(frozen=True)
class Criterion:
    """One check made on every candidate: a kind, how it is measured, the limit and its unit."""

    criterion: str
    measure: str
    limit: float
    unit: str

    def as_json(self) -> dict[str, object]:
        """``criterion``, ``measure``, ``limit``, ``unit`` and the layer measured against."""
        return {
            "criterion": self.criterion,
            "measure": self.measure,
            "limit": self.limit,
            "unit": self.unit,
            "layer": KINDS[self.criterion].layer_id,
        }


def criteria(needs: Needs) -> list[Criterion]:
    """The checks ``needs`` asks for, in ``KINDS`` order: distance, then area or capacity."""
    out = []
    for kind in KINDS:
        limit = needs.limits.get(kind)
        if limit is not None:
            out.append(Criterion(kind, "distance", float(limit), "km"))
        if kind == "industrial_land" and needs.land_ha is not None:
            out.append(Criterion(kind, "area", needs.land_ha, "ha"))
        if kind in CAPACITY:
            amount = getattr(needs, CAPACITY[kind][1])
            if amount is not None:
                out.append(Criterion(kind, "capacity", float(amount), CAPACITY[kind][2]))
    return out


def _features(kind: str, layers: Layers | None, parcels: gpd.GeoDataFrame | None) -> gpd.GeoDataFrame:
    feats = (layers or {}).get(kind, (None, None))[0]
    feats = kind_features(kind) if feats is None else feats
    if kind == "industrial_land" and parcels is not None and len(parcels):
        land = gpd.GeoDataFrame(geometry=parcels.geometry.values, crs=parcels.crs).to_crs(feats.crs or parcels.crs)
        feats = pd.concat([feats[["geometry"]], land], ignore_index=True)
        geom = feats.geometry.values
        feats = feats[~(shapely.is_missing(geom) | shapely.is_empty(geom))]
    return gpd.GeoDataFrame(feats, geometry="geometry", crs=feats.crs)


def _rows(n: int, crit: Criterion, **cols: object) -> pd.DataFrame:
    base = {"candidate": np.arange(n), "criterion": crit.criterion, "measure": crit.measure}
    return pd.DataFrame({**base, **cols, "limit": crit.limit, "unit": crit.unit})[
        ["candidate", "criterion", "measure", "status", "value", "limit", "unit", "layer_completeness", "reason_code"]
    ]


def distance_checks(
    points: gpd.GeoDataFrame, crit: Criterion, feats: gpd.GeoDataFrame, coverage: object
) -> pd.DataFrame:
    """Distance rows for every candidate (the gap rule of ``geo.analysis.gaps.classify``)."""
    cover = coverage if isinstance(coverage, (BaseGeometry, LayerCoverage)) else None
    d = kind_distances(points, crit.criterion, feats, cover)
    dist = d["distance_km"].to_numpy()
    limit = np.full(len(points), crit.limit)
    judged = classify(dist, limit, d["edge_km"].to_numpy(), d["partial_km"].to_numpy(), d["covered_km"].to_numpy())
    return _rows(
        len(points),
        crit,
        status=judged["status"].to_numpy(),
        value=np.where(np.isfinite(dist), np.round(dist, 3), np.nan),
        layer_completeness=judged["layer_completeness"].to_numpy(),
        reason_code=judged["reason_code"].to_numpy(),
    )


def area_checks(candidates: gpd.GeoDataFrame, crit: Criterion) -> pd.DataFrame:
    """Available area against the land needed: parcels ok or unknown, municipalities unknown."""
    avail = candidates["available_ha"].to_numpy(dtype=float)
    parcel = (candidates["kind"] == "parcel").to_numpy()
    known = parcel & np.isfinite(avail)
    ok = known & (avail >= crit.limit)
    why = np.where(ok, "area_ok", np.where(parcel, "area_unknown", "area_municipality"))
    return _rows(
        len(candidates),
        crit,
        status=np.where(ok, "ok", "unknown"),
        value=np.where(known, avail, np.nan),
        layer_completeness="none",
        reason_code=why,
    )


def largest_capacity(
    points: gpd.GeoSeries, feats: gpd.GeoDataFrame, column: str, reach_km: float | None
) -> tuple[np.ndarray, np.ndarray]:
    """Per point: the largest known ``column`` of the features within ``reach_km`` (the nearest without one).

    Returns (largest known capacity, NaN where none is known; whether any feature was in reach).
    """
    n = len(points)
    best, any_near = np.full(n, np.nan), np.zeros(n, dtype=bool)
    if n == 0 or feats.empty:
        return best, any_near
    caps = (
        pd.to_numeric(feats[column], errors="coerce").to_numpy(dtype=float)
        if column in feats
        else np.full(len(feats), np.nan)
    )
    for crs, idx in by_zone(points):
        tree = shapely.STRtree(feats.geometry.to_crs(crs).values)
        pts = points.iloc[idx].to_crs(crs).values
        if reach_km is None:
            src, hit = tree.query_nearest(pts, all_matches=False)
        else:
            src, hit = tree.query(pts, predicate="dwithin", distance=reach_km * 1000.0)
        any_near[idx[src]] = True
        known = np.isfinite(caps[hit])
        zone = np.full(len(idx), -np.inf)
        np.maximum.at(zone, src[known], caps[hit][known])
        best[idx] = np.where(np.isfinite(zone), zone, np.nan)
    return best, any_near


def capacity_checks(
    points: gpd.GeoDataFrame, crit: Criterion, feats: gpd.GeoDataFrame, reach_km: float | None
) -> pd.DataFrame:
    """The largest known capacity in reach against the need: ``ok`` or ``unknown`` (module docstring)."""
    best, near = largest_capacity(points.geometry, feats, CAPACITY[crit.criterion][0], reach_km)
    ok = best >= crit.limit
    why = np.select(
        [ok, np.isfinite(best), near], ["capacity_ok", "capacity_below", "capacity_unknown"], "capacity_none_near"
    )
    return _rows(
        len(points),
        crit,
        status=np.where(ok, "ok", "unknown"),
        value=best,
        layer_completeness="none",
        reason_code=why,
    )


def check_candidates(
    candidates: gpd.GeoDataFrame,
    needs: Needs,
    *,
    layers: Layers | None = None,
    parcels: gpd.GeoDataFrame | None = None,
) -> pd.DataFrame:
    """Every check of ``criteria(needs)`` on every candidate: ``CHECK_COLUMNS``, candidate = row position.

    ``layers`` may stand in for the registry per kind (features, coverage), as in ``infrastructure_gaps``;
    ``parcels`` are the loaded parcels (industrial land for the ``industrial_land`` distance).
    """
    frames = []
    for crit in criteria(needs):
        if crit.measure == "area":
            frames.append(area_checks(candidates, crit))
            continue
        feats = _features(crit.criterion, layers, parcels)
        if crit.measure == "distance":
            coverage = (layers or {}).get(crit.criterion, (None, None))[1]
            frames.append(distance_checks(candidates, crit, feats, coverage))
        else:
            frames.append(capacity_checks(candidates, crit, feats, needs.limits.get(crit.criterion)))
    if not frames:
        return pd.DataFrame({c: pd.Series(dtype=object) for c in CHECK_COLUMNS})
    return pd.concat(frames, ignore_index=True).sort_values(["candidate"], kind="stable", ignore_index=True)

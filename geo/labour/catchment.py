"""Commuting catchments of sites: the municipalities whose representative point lies within a radius.

Rule (shown wherever the figures are): a municipality (or designated-city ward; 浜松市 as one unit)
is in a site's catchment when the representative point of its polygon (shapely
``representative_point()``) lies within ``radius_km`` of the site, measured as a straight line in the
JGD2011 UTM zone of the site (EPSG:6688–6692). Two sites *compete* for workers when their catchments
share at least one municipality.

Everything is vectorised: one STRtree ``dwithin`` query per UTM zone for the catchments, bincount sums
per site, and competitors from per-municipality bitsets of the sites that reach them.
"""

from __future__ import annotations

from dataclasses import dataclass

import geopandas as gpd
import networkx as nx
import numpy as np
import pandas as pd
import shapely
from numpy.typing import NDArray
from shapely.geometry.base import BaseGeometry

from geo.crs import CRS_STORE, by_zone, check_store_crs, metric_crs
from geo.errors import ParameterError
from geo.labour.jobs import LabourUnits, jobs_per_1000, site_jobs
from geo.labour.network import network_catchment_pairs

DEFAULT_RADIUS_KM = 30.0
#: Columns of the per-site table (plus ``geometry``), in order.
SITE_COLUMNS: list[str] = [
    "site_id",
    "name",
    "pref_code",
    "block",
    "field",
    "status",
    "jobs",
    "jobs_basis",
    "jobs_disclosed",
    "jobs_estimated",
    "unit_basis",
    "catchment_population",
    "catchment_working_age",
    "catchment_munis",
    "catchment_munis_unknown",
    "jobs_per_1000_working_age",
    "catchment_method",
    "competing_sites",
    "n_competing",
    "kosen",
    "universities",
    "junior_colleges",
]
#: Sites per block when unpacking competitor bitsets (block × sites bytes of memory).
_BLOCK = 512


@dataclass(frozen=True)
class Catchments:
    """Per-site labour figures and the (site, municipality) pairs of the catchments."""

    sites: gpd.GeoDataFrame
    pairs: pd.DataFrame  # site_id, code (census unit)
    radius_km: float


def check_radius(radius_km: float) -> float:
    """``radius_km`` as a float; ``ParameterError`` unless it is a positive finite distance."""
    value = float(radius_km)
    if not np.isfinite(value) or value <= 0:
        raise ParameterError("distance_positive", name="radius_km", value=repr(radius_km))
    return value


def catchment_pairs(
    points: gpd.GeoSeries, units: gpd.GeoDataFrame, radius_km: float
) -> tuple[NDArray[np.int64], NDArray[np.int64]]:
    """(site position, unit position) for every unit whose representative point is within the radius.

    Parameters
    ----------
    points
        Site points in EPSG:4326 (no missing or empty geometry).
    units
        Census units whose geometry is their representative point, EPSG:4326.
    radius_km
        Straight-line radius in km, measured in the JGD2011 UTM zone of each site.

    Returns
    -------
    (sites, units)
        Two equal-length integer arrays of positions, sorted by site then unit.
    """
    radius_m = check_radius(radius_km) * 1000.0
    site_parts, unit_parts = [], []
    for crs, idx in by_zone(points):
        tree = shapely.STRtree(units.geometry.to_crs(crs).values)
        a, b = tree.query(points.iloc[idx].to_crs(crs).values, predicate="dwithin", distance=radius_m)
        site_parts.append(idx[a])
        unit_parts.append(b)
    if not site_parts:
        return np.empty(0, np.int64), np.empty(0, np.int64)
    s, u = np.concatenate(site_parts).astype(np.int64), np.concatenate(unit_parts).astype(np.int64)
    order = np.lexsort((u, s))
    return s[order], u[order]


def spatial_rank(points: gpd.GeoSeries) -> NDArray[np.int64]:
    """Rank of each point along a Z-order (Morton) curve of its lon/lat: neighbours get near ranks."""
    if len(points) == 0:
        return np.empty(0, np.int64)
    q = [
        np.clip(((v - v.min()) / max(float(np.ptp(v)), 1e-9) * 65535), 0, 65535).astype(np.uint64)
        for v in (points.x.to_numpy(), points.y.to_numpy())
    ]
    code = np.zeros(len(points), dtype=np.uint64)
    for bit in range(16):
        for k, v in enumerate(q):
            code |= ((v >> np.uint64(bit)) & np.uint64(1)) << np.uint64(2 * bit + k)
    rank = np.empty(len(points), dtype=np.int64)
    rank[np.argsort(code, kind="stable")] = np.arange(len(points))
    return rank


def competing_pairs(
    n_sites: int, site_pos: NDArray[np.int64], unit_pos: NDArray[np.int64], n_units: int
) -> tuple[NDArray[np.int64], NDArray[np.int64]]:
    """Directed pairs (a, b), a ≠ b, of sites whose catchments share at least one unit, sorted by a then b.

    Each unit holds a bitset of the sites that reach it; a site's competitors are the OR of the bitsets
    of its catchment units (``bitwise_or.reduceat``) over the words those units can touch, and only the
    non-zero words are unpacked. Exact, no distance test. ``site_pos``/``unit_pos`` are catchment pairs
    sorted by site; number the sites along a space-filling curve (``spatial_rank``) to keep it fast.
    """
    words = max(1, (n_sites + 63) // 64)
    reach = np.zeros((n_units, words), dtype=np.uint64)
    lo = np.zeros(n_units, dtype=np.int64)  # first and last word each unit's bitset uses
    hi = np.full(n_units, -1, dtype=np.int64)
    if len(site_pos):
        key = unit_pos * words + (site_pos >> 6)
        order = np.argsort(key, kind="stable")
        ks, bit_vals = key[order], np.left_shift(np.uint64(1), (site_pos[order] & 63).astype(np.uint64))
        first = np.flatnonzero(np.r_[True, ks[1:] != ks[:-1]])
        reach.ravel()[ks[first]] = np.bitwise_or.reduceat(bit_vals, first)
        unit_sorted, word_sorted = ks // words, ks % words
        edge = np.flatnonzero(np.r_[True, unit_sorted[1:] != unit_sorted[:-1]])
        lo[unit_sorted[edge]] = word_sorted[edge]
        last = np.r_[edge[1:], len(ks)] - 1
        hi[unit_sorted[last]] = word_sorted[last]
    starts = np.flatnonzero(np.r_[True, site_pos[1:] != site_pos[:-1]]) if len(site_pos) else np.empty(0, np.int64)
    bounds = np.r_[starts, len(site_pos)]
    shifts = np.arange(64, dtype=np.uint64)
    left_parts, right_parts = [], []
    for k in range(0, len(starts), _BLOCK):
        first, stop = bounds[k], bounds[min(k + _BLOCK, len(starts))]
        units = unit_pos[first:stop]
        w0, w1 = int(lo[units].min()), int(hi[units].max()) + 1
        rows = np.bitwise_or.reduceat(reach[units, w0:w1], starts[k : k + _BLOCK] - first, axis=0)
        rr, ww = np.nonzero(rows)
        flags = (rows[rr, ww][:, None] >> shifts) & np.uint64(1)
        r2, bit = np.nonzero(flags)
        a = site_pos[starts[k : k + _BLOCK]][rr[r2]]
        b = (ww[r2] + w0) * 64 + bit
        keep = a != b
        left_parts.append(a[keep])
        right_parts.append(b[keep].astype(np.int64))
    if not left_parts:
        return np.empty(0, np.int64), np.empty(0, np.int64)
    return np.concatenate(left_parts), np.concatenate(right_parts)


def _names_per_site(n: int, a: NDArray[np.int64], b: NDArray[np.int64], names: NDArray[np.object_]) -> list[list[str]]:
    """For each site, the names of its competitors (pairs sorted by a then b), in site order."""
    if n == 0:
        return []
    cuts = np.cumsum(np.bincount(a, minlength=n))[:-1]
    return [part.tolist() for part in np.split(names[b], cuts)]


def _prepare(sites: gpd.GeoDataFrame) -> gpd.GeoDataFrame:
    check_store_crs(sites)
    if "name" not in sites.columns:
        raise ValueError("sites lack the column 'name' (see geo.sites.schema.SITE_COLUMNS)")
    df = sites.copy()
    if "site_id" not in df.columns:
        df["site_id"] = np.arange(1, len(df) + 1)
    for col in ("pref_code", "block", "field", "status"):
        if col not in df.columns:
            df[col] = None
    geom = df.geometry.values
    return df[~(shapely.is_missing(geom) | shapely.is_empty(geom))].reset_index(drop=True)


def school_counts(schools: pd.DataFrame, units: pd.DataFrame) -> dict[str, NDArray[np.float64]]:
    """Per unit position: number of ``kosen``, ``universities`` and ``junior_colleges`` (by ``unit_code``)."""
    pos = pd.Series(np.arange(len(units)), index=units["code"].astype(str).to_numpy())
    out = {}
    for key, kind in (("kosen", "kosen"), ("universities", "university"), ("junior_colleges", "junior_college")):
        where = pos.reindex(schools.loc[schools["kind"] == kind, "unit_code"].astype(str)).dropna().astype(int)
        out[key] = np.bincount(where.to_numpy(), minlength=len(units)).astype(float)
    return out


def site_catchments(
    sites: gpd.GeoDataFrame,
    units: gpd.GeoDataFrame,
    schools: pd.DataFrame,
    radius_km: float = DEFAULT_RADIUS_KM,
    labour_units: LabourUnits | None = None,
    graph: nx.Graph | None = None,
) -> Catchments:
    """Per site: catchment population and working age, jobs by basis, ratio, competitors and schools.

    Parameters
    ----------
    sites
        Sites (EPSG:4326) with ``name`` and, when known, ``field``, ``jobs``, ``investment_oku_yen``;
        ``site_id`` is the row number when absent. Sites without a point are left out.
    units
        Census units (``geo.labour.data.municipal_units()``): ``code``, ``population``, ``working_age``.
    schools
        Schools with ``kind`` and ``unit_code`` (``geo.labour.data.schools()``).
    radius_km
        Commuting radius (straight line, JGD2011 UTM), default 30 km.
    labour_units
        原単位 for estimates (default ``data/labour_units.toml``).
    graph
        Optional road graph: sites on it get road-distance catchments (``geo.labour.network``).

    Returns
    -------
    Catchments
        ``sites`` with ``SITE_COLUMNS`` and the point; ``pairs`` (``site_id``, ``code``).
        ``catchment_working_age`` sums the known estimates; ``catchment_munis_unknown`` counts units
        without one. ``jobs_per_1000_working_age`` is NaN when the jobs are unknown or no one lives there.
    """
    df = _prepare(sites)
    n = len(df)
    s, u = catchment_pairs(df.geometry, units, radius_km) if n else (np.empty(0, np.int64), np.empty(0, np.int64))
    method = np.full(n, "straight", dtype=object)
    if graph is not None:
        s, u, method = network_catchment_pairs(graph, df.geometry, units, radius_km, (s, u))
    wa = units["working_age"].to_numpy(dtype=float)
    pop = units["population"].to_numpy(dtype=float)
    known = np.isfinite(wa)
    out = df[["site_id", "name", "pref_code", "block", "field", "status"]].copy()
    out = out.join(site_jobs(df, labour_units))
    out["catchment_population"] = np.bincount(s, weights=np.nan_to_num(pop)[u], minlength=n)
    out["catchment_working_age"] = np.bincount(s, weights=np.where(known, wa, 0.0)[u], minlength=n)
    out["catchment_munis"] = np.bincount(s, minlength=n).astype(int)
    out["catchment_munis_unknown"] = np.bincount(s, weights=(~known)[u].astype(float), minlength=n).astype(int)
    out["jobs_per_1000_working_age"] = jobs_per_1000(out["jobs"], out["catchment_working_age"])
    out["catchment_method"] = method
    rank = spatial_rank(df.geometry)
    order = np.lexsort((u, rank[s]))
    a, b = competing_pairs(n, rank[s][order], u[order], len(units))
    by_rank = _names_per_site(n, a, b, df["name"].astype(str).to_numpy(dtype=object)[np.argsort(rank)])
    out["competing_sites"] = [by_rank[r] for r in rank]
    out["n_competing"] = out["competing_sites"].map(len)
    for key, per_unit in school_counts(schools, units).items():
        out[key] = np.bincount(s, weights=per_unit[u], minlength=n).astype(int)
    pairs = pd.DataFrame({"site_id": df["site_id"].to_numpy()[s], "code": units["code"].astype(str).to_numpy()[u]})
    table = gpd.GeoDataFrame(out[SITE_COLUMNS], geometry=df.geometry.values, crs=CRS_STORE)
    return Catchments(table, pairs, check_radius(radius_km))


def catchment_disc(lon: float, lat: float, radius_km: float) -> BaseGeometry:
    """The commuting disc around a point as a polygon in EPSG:4326, buffered in its JGD2011 UTM zone."""
    crs = metric_crs(lon)
    centre = gpd.GeoSeries(gpd.points_from_xy([lon], [lat]), crs=CRS_STORE).to_crs(crs)
    disc: BaseGeometry = centre.buffer(check_radius(radius_km) * 1000.0, quad_segs=32).to_crs(CRS_STORE).iloc[0]
    return disc

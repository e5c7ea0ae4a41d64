"""Commuting catchments of sites: the municipalities whose representative point lies within a radius.

Rule (shown wherever the figures are): a municipality (or designated-city ward; 浜松市 as one unit)
is in a site's catchment when the representative point of its polygon (shapely
``representative_point()``) lies within ``radius_km`` of the site, measured as a straight line in the
JGD2011 UTM zone of the site (EPSG:6688–6692). Two sites *compete* for workers when their catchments
share at least one municipality.

Everything is vectorised: one STRtree ``dwithin`` query per UTM zone for the catchments, kept as a
:class:`geo.labour.membership.Membership` (one row per distinct catchment, not per site and municipality);
sums per catchment through it (:meth:`Membership.site_sums` — the way to add a per-catchment figure), and
competitors counted and the largest named by ``geo.labour.competition``, never listed pair by pair.
"""

from __future__ import annotations

import functools
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
from geo.labour.competition import competition
from geo.labour.jobs import LabourUnits, jobs_per_1000, site_jobs
from geo.labour.membership import Membership, membership_from_pairs
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


@dataclass(frozen=True)
class Catchments:
    """Per-site labour figures and the catchment membership (which census units each site's catchment holds).

    ``membership`` rows follow ``sites``; unit positions index ``unit_codes`` (the census units' codes).
    """

    sites: gpd.GeoDataFrame
    membership: Membership
    unit_codes: NDArray[np.object_]
    radius_km: float

    @property
    def pairs(self) -> pd.DataFrame:
        """``site_id`` and unit ``code`` per site and unit of its catchment.

        One row per pair: fine for a region or a selection; national figures go through ``membership``.
        """
        s, u = self.membership.pairs()
        return pd.DataFrame({"site_id": self.sites["site_id"].to_numpy()[s], "code": self.unit_codes[u]})

    def codes_of(self, site_id: object) -> list[str]:
        """Unit codes in the catchment of the site ``site_id`` (empty when it is not here)."""
        rows = np.flatnonzero(self.sites["site_id"].to_numpy() == site_id)
        return [str(c) for c in self.unit_codes[self.membership.units_of(int(rows[0]))]] if len(rows) else []

    def select(self, keep: pd.Series | NDArray[np.bool_]) -> Catchments:
        """The catchments of the sites where ``keep`` is true (a boolean per row of ``sites``)."""
        mask = np.asarray(keep, dtype=bool)
        return Catchments(self.sites[mask], self.membership.select(mask), self.unit_codes, self.radius_km)


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


#: Shortest length of a degree of longitude over Japan (km, at 46°N): reach in degrees stays on the safe side.
_KM_PER_DEG_LON_MIN = 111.32 * 0.694
_KM_PER_DEG_LAT = 110.57


def within_reach(
    sites: gpd.GeoDataFrame, bounds: tuple[float, float, float, float], radius_km: float
) -> gpd.GeoDataFrame:
    """The sites that can share a catchment municipality with any site inside ``bounds`` (EPSG:4326).

    Two catchments of radius ``radius_km`` can share a municipality only when their sites are at most
    ``2 × radius_km`` apart (straight line; a road distance is never shorter), so a region's catchments and
    competitors need only the sites in its bounding box grown by that much: the answer for the region's
    sites is the same as with every site in Japan.
    """
    reach = 2.0 * check_radius(radius_km)
    minx, miny, maxx, maxy = bounds
    dx, dy = reach / _KM_PER_DEG_LON_MIN, reach / _KM_PER_DEG_LAT
    x, y = sites.geometry.x.to_numpy(), sites.geometry.y.to_numpy()
    keep = (x >= minx - dx) & (x <= maxx + dx) & (y >= miny - dy) & (y <= maxy + dy)
    return sites if keep.all() else sites[keep]  # all of Japan: the same frame, no copy of a large register


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
        ``sites`` with ``SITE_COLUMNS`` and the point; ``membership`` (each site's units).
        ``catchment_working_age`` sums the known estimates; ``catchment_munis_unknown`` counts units
        without one. ``jobs_per_1000_working_age`` is NaN when the jobs are unknown or no one lives there.
        ``n_competing`` counts the sites whose catchment shares a unit; ``competing_sites`` names the
        ``geo.labour.competition.TOP_COMPETITORS`` of them with the most jobs.
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
    member = membership_from_pairs(n, s, u, len(units))
    del s, u
    out = df[["site_id", "name", "pref_code", "block", "field", "status"]].copy()
    out = out.join(site_jobs(df, labour_units))
    out["catchment_population"] = member.site_sums(np.nan_to_num(pop))
    out["catchment_working_age"] = member.site_sums(np.where(known, wa, 0.0))
    out["catchment_munis"] = member.site_counts()
    out["catchment_munis_unknown"] = member.site_counts(~known)
    out["jobs_per_1000_working_age"] = jobs_per_1000(out["jobs"], out["catchment_working_age"])
    out["catchment_method"] = method
    rivals = competition(member, out["jobs"].to_numpy(dtype=float), spatial_rank(units.geometry))
    out["competing_sites"] = rivals.names(df["name"].astype(str).to_numpy(dtype=object))
    out["n_competing"] = rivals.counts
    for key, per_unit in school_counts(schools, units).items():
        out[key] = np.rint(member.site_sums(per_unit)).astype(int)
    table = gpd.GeoDataFrame(out[SITE_COLUMNS], geometry=df.geometry.values, crs=CRS_STORE)
    codes = units["code"].astype(str).to_numpy(dtype=object)
    return Catchments(table, member, codes, check_radius(radius_km))


@functools.lru_cache(maxsize=64)  # the chosen site's disc, drawn on every run of 人材需要
def catchment_disc(lon: float, lat: float, radius_km: float) -> BaseGeometry:
    """The commuting disc around a point as a polygon in EPSG:4326, buffered in its JGD2011 UTM zone."""
    crs = metric_crs(lon)
    centre = gpd.GeoSeries(gpd.points_from_xy([lon], [lat]), crs=CRS_STORE).to_crs(crs)
    disc: BaseGeometry = centre.buffer(check_radius(radius_km) * 1000.0, quad_segs=32).to_crs(CRS_STORE).iloc[0]
    return disc

"""Labour demand (人材需要) of the investment pipeline against the labour each region has.

Public API: ``analyse`` → ``LabourResult`` (per site, per prefecture, per block); the parts are in
``geo.labour.jobs`` (jobs and their basis, 原単位), ``geo.labour.catchment`` (commuting catchments),
``geo.labour.summary`` (tables and JSON) and ``geo.labour.data`` (census units and schools).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

import geopandas as gpd
import networkx as nx
import pandas as pd

from geo.labour import data
from geo.labour.catchment import DEFAULT_RADIUS_KM, Catchments, site_catchments
from geo.labour.jobs import LabourUnits, site_jobs
from geo.labour.outlook import with_outlook
from geo.labour.summary import block_labour, pref_labour


@dataclass(frozen=True)
class LabourResult:
    """Per-site catchments and the prefecture and block tables of one analysis."""

    catchments: Catchments
    prefs: pd.DataFrame
    blocks: pd.DataFrame


def analyse(
    sites: gpd.GeoDataFrame,
    pref_codes: Iterable[str] | None = None,
    radius_km: float = DEFAULT_RADIUS_KM,
    labour_units: LabourUnits | None = None,
    graph: nx.Graph | None = None,
) -> LabourResult:
    """Labour analysis of ``sites`` on the committed census and school data.

    Parameters
    ----------
    sites
        Sites in EPSG:4326 (every site of the pipeline, so competitors across borders are seen).
    pref_codes
        Prefectures of the tables (default every prefecture).
    radius_km
        Commuting radius in km (straight line, JGD2011 UTM).
    labour_units
        原単位 for estimates (default ``data/labour_units.toml``).
    graph
        Optional road graph: catchments by road distance for the sites on it.

    Returns
    -------
    LabourResult
        ``catchments`` for every site (with the IPSS and manufacturing sums of ``geo.labour.outlook``),
        ``prefs`` for ``pref_codes`` (with the projections and the labour market), ``blocks`` for their blocks.
    """
    units, schools = data.municipal_units(), data.schools()
    catch = with_outlook(site_catchments(sites, units, schools, radius_km, labour_units, graph))
    prefs = pref_labour(catch.sites, units, schools, pref_codes)
    return LabourResult(catch, prefs, block_labour(prefs))


def region_tables(
    sites: gpd.GeoDataFrame, pref_codes: Iterable[str] | None = None, labour_units: LabourUnits | None = None
) -> tuple[pd.DataFrame, pd.DataFrame]:
    """The prefecture and block tables of :func:`analyse` without the per-site catchments.

    The tables count the sites' jobs per prefecture against the prefecture's supply; no catchment enters
    them, so a region's totals (a profile, a briefing) need not compute a catchment for each of a
    million sites.
    """
    units, schools = data.municipal_units(), data.schools()
    cols = [c for c in ("pref_code", "status") if c in sites.columns]
    demand = pd.DataFrame(sites[cols]).join(site_jobs(sites, labour_units))
    for col in ("pref_code", "status"):
        if col not in demand.columns:
            demand[col] = None
    prefs = pref_labour(demand, units, schools, pref_codes)
    return prefs, block_labour(prefs)


__all__ = ["DEFAULT_RADIUS_KM", "Catchments", "LabourResult", "analyse", "region_tables"]

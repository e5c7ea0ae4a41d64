"""What pages compute from a view, once per region, filters and data version, shared by every session.

Each function takes the sidebar's :class:`ui.context.View` (and its own parameters) and keeps its result
under the view's ``key`` (the store, its version, the region and the filters) with ``st.cache_resource``,
a bounded number of entries each: a re-run (a layer ticked, a site clicked, a page opened again) or another
session on the same view reuses it instead of computing it again. Analyses run for the region in view (a
region's labour catchments see the sites within reach across its border, not the whole country). Results
are shared: read them, never change them. Big tables are kept compact (categories for repeated text).
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

import geopandas as gpd
import networkx as nx
import numpy as np
import pandas as pd
import streamlit as st

from geo import labour, regions
from geo.analysis import land
from geo.analysis.clusters import find_clusters, site_cluster_ids
from geo.analysis.compare import region_profiles
from geo.analysis.firms import FirmAnalysis
from geo.analysis.gaps import aggregate, gap_matrix, infrastructure_gaps
from geo.analysis.headlines import LabourFigures, labour_figures
from geo.analysis.land_balance import land_balance
from geo.analysis.profile import RegionProfile, region_profile
from geo.analysis.requirements import REQUIREMENTS_TOML, load_requirements
from geo.io.compact import compact
from geo.labour import data as labour_data
from geo.labour.catchment import within_reach
from geo.labour.jobs import LABOUR_UNITS_TOML, LabourUnits, load_labour_units
from geo.labour.summary import cluster_labour, unit_pressure
from geo.sites import selection, summary
from geo.siting import Needs, SiteSearch, site_search
from i18n import Lang
from layers.analysis import gap_markers, gap_points
from layers.labour import school_markers
from layers.sites import site_layer
from ui.context import View, sites_key


def file_stamp(path: Path) -> str:
    """A file's modification time and size (a cache key part: an edited file is read again)."""
    try:
        st_ = path.stat()
    except OSError:
        return "missing"
    return f"{st_.st_mtime_ns}:{st_.st_size}"


@st.cache_resource(show_spinner=False, max_entries=16)
def _summary(key: str, _sites: gpd.GeoDataFrame) -> dict[str, object]:
    return summary.summarise(_sites)


def site_summary(view: View) -> dict[str, object]:
    """``geo.sites.summary.summarise`` of the view's sites."""
    return _summary(view.key, view.sites)


@st.cache_resource(show_spinner=False, max_entries=8)
def _site_layer(key: str, lang: Lang, cards: bool, _sites: gpd.GeoDataFrame) -> dict[str, Any]:
    return site_layer(_sites, lang, cards=cards)


def site_data(view: View, *, cards: bool = False) -> dict[str, Any]:
    """The view's sites packed for the map (:func:`layers.sites.site_layer`), for ``build_map(site_data=…)``."""
    return _site_layer(view.key, view.lang, cards, view.sites)


@st.cache_resource(show_spinner=False, max_entries=4)
def _gaps(key: str, requirements: str, graph: str, _sites: gpd.GeoDataFrame, _graph: nx.Graph | None) -> pd.DataFrame:
    return compact(infrastructure_gaps(_sites, load_requirements(), _graph))


def gaps(view: View, graph: nx.Graph | None = None, graph_key: str = "") -> pd.DataFrame:
    """Infrastructure gaps of the view's sites (``graph_key`` names the road graph, empty without one)."""
    return _gaps(view.key, file_stamp(REQUIREMENTS_TOML), graph_key, view.sites, graph)


def _gaps_key(view: View, graph_key: str) -> str:
    """What a result derived from :func:`gaps` depends on."""
    return f"{view.key}|{file_stamp(REQUIREMENTS_TOML)}|{graph_key}"


@st.cache_resource(show_spinner=False, max_entries=4)
def _gap_table(key: str, _gaps: pd.DataFrame) -> pd.DataFrame:
    wide = gap_matrix(_gaps)
    if wide.empty:
        return wide
    n_gap = (wide.drop(columns=["site_id", "site"]) == "gap").sum(axis=1)
    return wide.assign(_n=n_gap).sort_values(["_n", "site_id"], ascending=[False, True]).drop(columns="_n")


def gap_table(view: View, gaps: pd.DataFrame, graph_key: str = "") -> pd.DataFrame:
    """Sites × requirements (:func:`geo.analysis.gaps.gap_matrix`), the sites with the most gaps first."""
    return _gap_table(_gaps_key(view, graph_key), gaps)


@st.cache_resource(show_spinner=False, max_entries=8)
def _gap_groups(key: str, by: str, _view: View, _gaps: pd.DataFrame) -> pd.DataFrame:
    groups = site_cluster_ids(clusters(_view)) if by == "cluster" else None
    return aggregate(_gaps, by, groups)


def gap_groups(view: View, gaps: pd.DataFrame, by: str, graph_key: str = "") -> pd.DataFrame:
    """:func:`geo.analysis.gaps.aggregate` of the view's gaps by ``cluster``, ``pref_code`` or ``block``."""
    return _gap_groups(_gaps_key(view, graph_key), by, view, gaps)


@st.cache_resource(show_spinner=False, max_entries=4)
def _gap_markers(key: str, lang: Lang, canvas: bool, _view: View, _gaps: pd.DataFrame) -> dict[str, Any]:
    return gap_points(_view.sites, _gaps, lang) if canvas else gap_markers(_view.sites, _gaps, lang)


def gap_markers_data(view: View, gaps: pd.DataFrame, graph_key: str, canvas: bool) -> dict[str, Any]:
    """The gap markers of the view's sites for ``layers.analysis.add_gap_layer(data=…)`` (packed for the canvas)."""
    return _gap_markers(_gaps_key(view, graph_key), view.lang, canvas, view, gaps)


@st.cache_resource(show_spinner=False, max_entries=8)
def _clusters(key: str, threshold_km: float, fields: tuple[str, ...], _sites: gpd.GeoDataFrame) -> gpd.GeoDataFrame:
    return find_clusters(_sites, threshold_km, list(fields) or None)


def clusters(view: View, threshold_km: float = 30.0, fields: tuple[str, ...] = ()) -> gpd.GeoDataFrame:
    """Clusters of the view's sites (all fields unless ``fields``)."""
    return _clusters(view.key, float(threshold_km), tuple(fields), view.sites)


def labour_pool(view: View, radius_km: float) -> gpd.GeoDataFrame:
    """Sites matching the filters in any region within reach of the view's region (competitors across borders)."""
    pool = selection.filter_sites(view.all_sites, None, **view.filters)
    return pool if view.region.kind == "japan" else within_reach(pool, view.region.bounds, radius_km)


@st.cache_resource(show_spinner=False, max_entries=4)
def _labour(
    key: str, radius_km: float, units: str, graph: str, _view: View, _units: LabourUnits, _graph: nx.Graph | None
) -> labour.LabourResult:
    return labour.analyse(labour_pool(_view, radius_km), _view.region.pref_codes, radius_km, _units, _graph)


def labour_result(
    view: View, radius_km: float, units: LabourUnits, units_key: str, graph: nx.Graph | None = None, graph_key: str = ""
) -> labour.LabourResult:
    """The labour analysis of the view's region (``units_key`` names the 原単位 file, ``graph_key`` the graph)."""
    return _labour(view.key, float(radius_km), units_key, graph_key, view, units, graph)


@st.cache_resource(show_spinner=False, max_entries=4)
def _pressure(key: str, radius_km: float, units: str, graph: str, _result: labour.LabourResult) -> pd.DataFrame:
    return unit_pressure(_result.catchments, labour_data.municipal_units())


def labour_pressure(
    view: View, result: labour.LabourResult, radius_km: float, units_key: str, graph_key: str = ""
) -> pd.DataFrame:
    """Jobs per 1,000 working-age residents per municipality (:func:`geo.labour.summary.unit_pressure`)."""
    return _pressure(view.key, float(radius_km), units_key, graph_key, result)


@st.cache_resource(show_spinner=False, max_entries=4)
def _labour_headline(key: str, radius_km: float, units: str, graph: str, _result: labour.LabourResult) -> LabourFigures:
    return labour_figures(_result.prefs)


def labour_headline(
    view: View, result: labour.LabourResult, radius_km: float, units_key: str, graph_key: str = ""
) -> LabourFigures:
    """The headline figures of the labour analysis (:func:`geo.analysis.headlines.labour_figures`)."""
    return _labour_headline(view.key, float(radius_km), units_key, graph_key, result)


@st.cache_resource(show_spinner=False, max_entries=4)
def _cluster_labour(
    key: str, radius_km: float, units: str, graph: str, _clusters: pd.DataFrame, _result: labour.LabourResult
) -> pd.DataFrame:
    return cluster_labour(_clusters, _result.catchments, labour_data.municipal_units(), labour_data.schools())


def labour_by_cluster(
    view: View, result: labour.LabourResult, radius_km: float, units_key: str, graph_key: str = ""
) -> pd.DataFrame:
    """The labour figures of the view's clusters (the union of their members' catchments)."""
    return _cluster_labour(view.key, float(radius_km), units_key, graph_key, clusters(view), result)


@st.cache_resource(show_spinner=False, max_entries=4)
def _labour_sites(
    key: str, radius_km: float, units: str, graph: str, _view: View, _result: labour.LabourResult
) -> tuple[pd.DataFrame, np.ndarray, np.ndarray]:
    sites = selection.filter_sites(_result.catchments.sites, region=_view.region)
    top = sites.sort_values(["jobs", "site_id"], ascending=[False, True], na_position="last")
    return sites, top["site_id"].to_numpy(), top["name"].astype(str).to_numpy()


def labour_sites(
    view: View, result: labour.LabourResult, radius_km: float, units_key: str, graph_key: str = ""
) -> tuple[pd.DataFrame, np.ndarray, np.ndarray]:
    """The region's sites of the labour analysis, and their ids and names with the most jobs first (unknown last).

    Once per view: filtering and sorting 100,000 sites took ~0.1 s of every run of 人材需要.
    """
    return _labour_sites(view.key, float(radius_km), units_key, graph_key, view, result)


def imports_stamp() -> str:
    """Names and modification times of the imported parcel files (a cache key part)."""
    folder = land.land_dir()
    return ";".join(f"{n}:{file_stamp(folder / f'{n}.parquet')}" for n in land.list_imports())


@st.cache_resource(show_spinner=False, max_entries=4)
def _profile(key: str, requirements: str, parcels: str, units: str, _view: View) -> RegionProfile:
    region = regions.resolve_region(_view.region.id)
    radius = labour.DEFAULT_RADIUS_KM
    result = labour_result(_view, radius, load_labour_units(), units)  # the labour page's default, shared
    return region_profile(region, _view.sites, None, land.load_parcels(region), gaps=gaps(_view), labour_result=result)


def profile(view: View) -> RegionProfile:
    """The 地域カルテ of the view's region (gaps and labour shared with their own pages)."""
    units = file_stamp(LABOUR_UNITS_TOML)
    return _profile(view.key, file_stamp(REQUIREMENTS_TOML), imports_stamp(), units, view)


@st.cache_resource(show_spinner=False, max_entries=8)
def _land(key: str, parcels_key: str, _parcels: pd.DataFrame, _view: View) -> pd.DataFrame:
    return land_balance(_parcels, _view.sites, _view.region.pref_codes)


def land_table(view: View, parcels: pd.DataFrame, parcels_key: str) -> pd.DataFrame:
    """The land balance of the view's region for ``parcels`` (``parcels_key`` names them)."""
    return _land(view.key, parcels_key, parcels, view)


@st.cache_resource(show_spinner=False, max_entries=8)
def _search(needs: Needs, region_id: str, fingerprint: str, sites: str, _sites: gpd.GeoDataFrame) -> SiteSearch:
    region = regions.resolve_region(region_id)
    return site_search(needs, region, _sites, parcels=land.load_parcels(region))


def search(view: View, needs: Needs) -> SiteSearch:
    """立地候補探索 of the view's region for ``needs``; every site of the store competes for workers."""
    return _search(needs, view.region.id, view.fingerprint, sites_key(view.all_sites), view.all_sites)


def compare_defaults(region_id: str) -> list[str]:
    """The regions 地域比較 opens with: the sidebar's beside Japan; on a national view 熊本県 beside 北海道."""
    return ["43", "01"] if region_id == "japan" else [region_id, "japan"]


@st.cache_resource(show_spinner=False, max_entries=16)
def _compared(region_id: str, fingerprint: str, key: str, _sites: gpd.GeoDataFrame) -> RegionProfile:
    return region_profiles([region_id], _sites)[0]


def compared_profiles(view: View, region_ids: Sequence[str]) -> list[RegionProfile]:
    """The profile of each of ``region_ids`` as 地域比較 shows it: the sidebar's filters, any region of the store."""
    pool = selection.filter_sites(view.all_sites, region=None, **view.filters)
    key = f"{sorted(view.filters.items())}:{sites_key(pool)}"
    return [_compared(region_id, view.fingerprint, key, pool) for region_id in region_ids]


def content_key(*parts: bytes | None) -> str:
    """A digest of file contents (an upload's bytes; ``None`` for a file not given): a cache key part."""
    digest = hashlib.sha256()
    for part in parts:
        digest.update(b"-" if part is None else len(part).to_bytes(8, "big") + part)
    return digest.hexdigest()


@st.cache_resource(show_spinner=False, max_entries=8)
def _firms(key: str, pref_codes: tuple[str, ...], _analyse: Callable[[Sequence[str]], FirmAnalysis]) -> FirmAnalysis:
    return _analyse(pref_codes)


def firm_analysis(
    source_key: str, pref_codes: Sequence[str], analyse: Callable[[Sequence[str]], FirmAnalysis]
) -> FirmAnalysis:
    """``analyse(pref_codes)`` once per firm tables and region (each read is a bounded child process).

    ``source_key`` names the tables: :func:`file_stamp` of the sample file, or :func:`content_key` of the
    uploads. A table that fails to read raises every time (errors are not kept).
    """
    return _firms(source_key, tuple(pref_codes), analyse)


@st.cache_resource(show_spinner=False, max_entries=8)
def _schools(key: str, lang: Lang, _schools: gpd.GeoDataFrame) -> dict[str, Any]:
    return school_markers(_schools, lang)


def school_data(schools: gpd.GeoDataFrame, lang: Lang) -> dict[str, Any]:
    """:func:`layers.labour.school_markers` of ``schools`` (a selection of ``geo.labour.data.schools()``).

    Built once per selection (its school codes) and language: the labour page draws them on every run.
    """
    key = content_key(";".join(map(str, schools["school_code"])).encode("utf-8"))
    return _schools(key, lang, schools)

"""What a briefing shows, gathered in one place and then read-only.

The filtered sites, the chosen layers, their sources, the summary and the analyses (clusters,
infrastructure gaps, land balance and the region profile) with their headline figures
(``geo.analysis.headlines``: the same the analysis pages and the command line show).

Only ``geo`` work happens here; ``layers.briefing`` turns a :class:`BriefingData` into HTML.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import geopandas as gpd
import pandas as pd

from geo import infra
from geo.analysis import clusters, gaps, land, land_balance
from geo.analysis.compare import region_profiles
from geo.analysis.headlines import (
    ClusterFigures,
    GapFigures,
    LandFigures,
    cluster_figures,
    gap_figures,
    land_figures,
)
from geo.analysis.profile import RegionProfile, region_profile
from geo.config import BOUNDARIES_DIR
from geo.industry import data as industry_data
from geo.io.compact import release_freed_memory
from geo.labour import data as labour_data
from geo.regions import Region, RegionLike
from geo.sites import selection, summary


@dataclass(frozen=True, eq=False)
class BriefingAnalyses:
    """The analyses of a briefing's sites and their headline figures."""

    clusters: gpd.GeoDataFrame
    cluster_figures: ClusterFigures
    gaps: pd.DataFrame
    gap_figures: GapFigures
    land: pd.DataFrame
    land_figures: LandFigures
    #: The region profile (地域カルテ).
    profile: RegionProfile


@dataclass(frozen=True, eq=False)
class BriefingData:
    """Inputs of one briefing, built once by :func:`collect`; ``analyses`` is None when they were not run."""

    region: Region
    filters: Mapping[str, list[str] | None]
    sites: gpd.GeoDataFrame
    layers: Mapping[str, gpd.GeoDataFrame]
    #: Source rows of the data other than layers (boundaries, labour): id, names, source, licence, date, credit
    sources: tuple[Mapping[str, object], ...]
    summary: Mapping[str, Any]
    created: dt.date
    #: The status (source, licence, date, completeness) of each layer shown.
    layer_status: tuple[infra.LayerStatus, ...] = ()
    analyses: BriefingAnalyses | None = None
    #: 地域比較 (optional): the profile of the briefing's region and of each region it is compared with.
    compare: tuple[RegionProfile, ...] = ()

    @property
    def clusters(self) -> gpd.GeoDataFrame | None:
        """The clusters of the sites (two or more linked sites), or None."""
        return self.analyses.clusters if self.analyses else None

    @property
    def gaps(self) -> pd.DataFrame | None:
        """The gap checks of the sites, or None."""
        return self.analyses.gaps if self.analyses else None

    @property
    def profile(self) -> RegionProfile | None:
        """The region profile, or None."""
        return self.analyses.profile if self.analyses else None


#: The name of the boundary data set in the source list (日本語, English).
BOUNDARY_SOURCE_NAMES = ("行政区域（都道府県・ブロック）", "Boundaries")


def boundary_source() -> dict[str, str]:
    """Source row of the boundary data (``data/boundaries/SOURCES.json``)."""
    meta = json.loads((BOUNDARIES_DIR / "SOURCES.json").read_text(encoding="utf-8"))
    return {
        "id": "boundaries",
        "name_ja": BOUNDARY_SOURCE_NAMES[0],
        "name_en": BOUNDARY_SOURCE_NAMES[1],
        "source": meta["name"],
        "licence": meta["licence"],
        "date": meta["date"],
        "credit": meta["credit"],
        "credit_en": meta.get("credit_en", meta["credit"]),
    }


def _analyses(region: Region, sites: gpd.GeoDataFrame, pool: gpd.GeoDataFrame) -> BriefingAnalyses:
    """Run the cluster, gap and land-balance analyses and the region profile on the briefing's sites.

    ``pool`` is every site matching the filters, in any region: the labour catchments see competitors
    across the border.
    """
    found = clusters.find_clusters(sites)
    release_freed_memory()  # each analysis of a national register frees more than it keeps
    checks = gaps.infrastructure_gaps(sites)
    release_freed_memory()
    parcels = land.load_parcels(region, osm=False)
    balance = land_balance.land_balance(parcels, sites, region.pref_codes)
    release_freed_memory()
    profile = region_profile(region, sites, pool, parcels, gaps=checks, catchments=False)
    release_freed_memory()  # the profile's working tables: the map is drawn next, on what is kept
    return BriefingAnalyses(
        clusters=found,
        cluster_figures=cluster_figures(sites, found),
        gaps=checks,
        gap_figures=gap_figures(checks),
        land=balance,
        land_figures=land_figures(balance),
        profile=profile,
    )


def collect(
    region: Region,
    sites: gpd.GeoDataFrame,
    layer_ids: Iterable[str] | None = None,
    filters: Mapping[str, list[str] | None] | None = None,
    *,
    analyses: bool = True,
    today: dt.date | None = None,
    compare_with: Sequence[RegionLike] = (),
    compare_sites: gpd.GeoDataFrame | None = None,
) -> BriefingData:
    """Sites of ``region`` matching ``filters``, the chosen layers with data there, sources, summary.

    ``layer_ids`` None means every layer loaded in the region; layers without data in the region are
    left out (the briefing says so in its source table). ``compare_with`` adds the 地域比較 section: the
    profile of ``region`` and of each of these regions (``geo.analysis.compare``), from ``compare_sites``
    (every site, default ``sites``) matching ``filters``.
    """
    chosen = {k: (list(v) if v else None) for k, v in (filters or {}).items()}
    filtered = selection.filter_sites(sites, region=region, **chosen)
    if "site_id" not in filtered.columns:  # sites from a file: number them as the analyses would
        filtered = filtered.assign(site_id=range(1, len(filtered) + 1))
    ids = infra.check_layer_ids(layer_ids)
    status = {row.id: row for row in infra.layer_status(region)}
    layers = {}
    for layer_id in ids:
        if not status[layer_id].loaded:
            continue
        gdf = infra.load_layer(layer_id, region)
        if len(gdf):
            layers[layer_id] = gdf
    sources: list[Mapping[str, object]] = [dict(boundary_source())]
    ran = None
    if analyses and len(filtered):
        pool = selection.filter_sites(sites, region=None, **chosen)
        if "site_id" not in pool.columns:
            pool = filtered
        ran = _analyses(region, filtered, pool)
        sources += [*labour_data.source_rows(), industry_data.source_row()]
    compared: tuple[RegionProfile, ...] = ()
    if compare_with:
        everywhere = selection.filter_sites(sites if compare_sites is None else compare_sites, region=None, **chosen)
        compared = tuple(region_profiles([region, *compare_with], everywhere))
    return BriefingData(
        region=region,
        filters=chosen,
        sites=filtered,
        layers=layers,
        sources=tuple(sources),
        summary=summary.summarise(filtered),
        created=today or dt.date.today(),
        layer_status=tuple(status[i] for i in layers),
        analyses=ran,
        compare=compared,
    )

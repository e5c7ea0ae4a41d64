"""What a briefing shows, gathered in one place.

The filtered sites, the chosen layers, their sources, the summary and the analyses (clusters,
infrastructure gaps and land balance).

Only ``geo`` work happens here; ``layers.briefing`` turns a :class:`BriefingData` into HTML.
"""

from __future__ import annotations

import datetime as dt
import json
import math
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

import geopandas as gpd
import pandas as pd

from geo import infra
from geo.analysis import clusters, gaps, land, land_balance, profile
from geo.config import BOUNDARIES_DIR
from geo.labour import data as labour_data
from geo.regions import Region
from geo.sites import selection, summary


@dataclass
class BriefingData:
    """Inputs of one briefing; the analyses are None when they were not run (``collect(analyses=False)``)."""

    region: Region
    filters: dict[str, list[str] | None]
    sites: gpd.GeoDataFrame
    layers: dict[str, gpd.GeoDataFrame]
    sources: list[dict[str, object]]
    summary: dict[str, Any]
    created: dt.date
    clusters: gpd.GeoDataFrame | None = None
    gaps: pd.DataFrame | None = None
    land: pd.DataFrame | None = None
    analyses: dict[str, Any] = field(default_factory=dict)
    #: The region profile (地域カルテ, ``geo.analysis.profile.profile_json``) when the analyses ran.
    profile: dict[str, object] | None = None


def boundary_source() -> dict[str, str]:
    """Source row of the boundary data (``data/boundaries/SOURCES.json``)."""
    meta = json.loads((BOUNDARIES_DIR / "SOURCES.json").read_text(encoding="utf-8"))
    return {
        "id": "boundaries",
        "name_ja": "行政区域（都道府県・ブロック）",
        "name_en": "Boundaries",
        "source": meta["name"],
        "licence": meta["licence"],
        "date": meta["date"],
        "credit": meta["credit"],
        "credit_en": meta.get("credit_en", meta["credit"]),
    }


def _number(value: Any) -> float | None:
    """A finite float, else None (unknown)."""
    try:
        x = float(value)
    except (TypeError, ValueError):
        return None
    return x if math.isfinite(x) else None


def analysis_summary(data: BriefingData) -> dict[str, int | float | None]:
    """The analysis figures of the summary table (keys only for analyses that ran)."""
    out: dict[str, int | float | None] = {}
    if data.clusters is not None:
        multi = data.clusters[data.clusters["n_sites"] > 1] if len(data.clusters) else data.clusters
        out["n_clusters"] = int(len(multi))
        out["n_cross_pref_clusters"] = int(multi["cross_prefecture"].sum()) if len(multi) else 0
    if data.gaps is not None:
        gap_rows = data.gaps[data.gaps["status"] == "gap"] if len(data.gaps) else data.gaps
        out["n_gaps"] = int(len(gap_rows))
        out["n_sites_with_gap"] = int(gap_rows["site_id"].nunique()) if len(gap_rows) else 0
        out["n_unknown"] = int((data.gaps["status"] == "unknown").sum()) if len(data.gaps) else 0
    if data.land is not None:
        land = data.land
        known = land["available_ha"].notna() if len(land) else pd.Series(dtype=bool)
        out["available_ha"] = _number(land.loc[known, "available_ha"].sum()) if known.any() else None
        # demand no site discloses is unknown (None → 不明), never 0
        out["demand_ha"] = _number(land["demand_ha"].sum(min_count=1)) if len(land) else None
        available, demand = out["available_ha"], out["demand_ha"]
        out["balance_ha"] = None if available is None or demand is None else available - demand
        out["land_unknown_prefs"] = int((~known).sum()) if len(land) else 0
    return out


def _analyses(data: BriefingData, pool: gpd.GeoDataFrame) -> None:
    """Run the cluster, gap and land-balance analyses and the region profile on the briefing's sites.

    ``pool`` is every site matching the filters, in any region: the labour catchments see competitors
    across the border.
    """
    sites = data.sites
    data.clusters = clusters.find_clusters(sites)
    data.gaps = gaps.infrastructure_gaps(sites)
    parcels = land.load_parcels(data.region, osm=False)
    data.land = land_balance.land_balance(parcels, sites, data.region.pref_codes)
    data.analyses = analysis_summary(data)
    region_profile = profile.region_profile(data.region, sites, pool, parcels, gaps=data.gaps, catchments=False)
    data.profile = profile.profile_json(region_profile)
    data.sources += labour_data.source_rows()


def collect(
    region: Region,
    sites: gpd.GeoDataFrame,
    layer_ids: Iterable[str] | None = None,
    filters: Mapping[str, list[str] | None] | None = None,
    *,
    analyses: bool = True,
    today: dt.date | None = None,
) -> BriefingData:
    """Sites of ``region`` matching ``filters``, the chosen layers with data there, sources, summary.

    ``layer_ids`` None means every layer loaded in the region; layers without data in the region are
    left out (the briefing says so in its source table).
    """
    chosen = {k: (list(v) if v else None) for k, v in (filters or {}).items()}
    filtered = selection.filter_sites(sites, region=region, **chosen)
    if "site_id" not in filtered.columns:  # sites from a file: number them as the analyses would
        filtered = filtered.assign(site_id=range(1, len(filtered) + 1))
    ids = infra.check_layer_ids(layer_ids)
    status = {row["id"]: row for row in infra.layer_status(region)}
    layers = {}
    for layer_id in ids:
        if status[layer_id]["status"] != "loaded":
            continue
        gdf = infra.load_layer(layer_id, region)
        if len(gdf):
            layers[layer_id] = gdf
    sources: list[dict[str, object]] = [dict(boundary_source()), *(status[i] for i in layers)]
    data = BriefingData(
        region=region,
        filters=chosen,
        sites=filtered,
        layers=layers,
        sources=sources,
        summary=summary.summarise(filtered),
        created=today or dt.date.today(),
    )
    if analyses and len(filtered):
        pool = selection.filter_sites(sites, region=None, **chosen)
        if "site_id" not in pool.columns:
            pool = filtered
        _analyses(data, pool)
    return data

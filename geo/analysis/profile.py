"""Region profile (地域カルテ): investment × infrastructure × industrial land × labour for one region.

One call gathers what the policy paper asks per region — 「地域毎の投資・インフラ・人材需要を可視化」:

- investment: 億円 by field and by status; the disclosed total and how many sites do not disclose;
- infrastructure: gap checks ok / gap / unknown, in total and by kind (``geo.analysis.gaps``);
- industrial land: available, demand and balance in ha, null when the supply is unknown
  (``geo.analysis.land_balance``);
- labour: the region's row of ``geo.labour`` (population, working-age estimate, jobs by basis, schools);
- industry: the region's most specialised JSIC divisions (特化係数, ``geo.industry``).

Only analysis here; the CLI, the page and the briefing render a :class:`RegionProfile`: its headline figures
are the records of ``geo.analysis.headlines`` (the same the analysis pages show), and ``profile_json`` is
its ``chiiki-map profile --json`` form.
"""

from __future__ import annotations

from dataclasses import dataclass

import geopandas as gpd
import pandas as pd

from geo import industry, labour
from geo.analysis.gaps import GAP_STATUSES, infrastructure_gaps
from geo.analysis.headlines import (
    GapFigures,
    InvestmentFigures,
    LabourFigures,
    LandFigures,
    gap_figures,
    investment_figures,
    labour_figures,
    land_figures,
)
from geo.analysis.land_balance import land_balance
from geo.analysis.requirements import KINDS, Requirements
from geo.domain import ALL_FIELDS, DIVISIONS, STATUSES
from geo.industry import data as industry_data
from geo.labour.catchment import DEFAULT_RADIUS_KM, check_radius
from geo.labour.jobs import numeric_column
from geo.labour.summary import block_labour, records, region_records
from geo.regions import Region

#: Top-level keys of ``chiiki-map profile --json``, in order.
PROFILE_JSON_KEYS: list[str] = [
    "region",
    "investment_oku_yen",
    "sites",
    "sites_investment_unknown",
    "sites_by_status",
    "gaps",
    "land",
    "labour",
    "industry",
]
#: How many divisions ``industry.top`` lists.
INDUSTRY_TOP = 5


@dataclass(frozen=True)
class RegionIndustry:
    """The region as one unit of the industry table: year, source id, total employees, top divisions."""

    year: int
    source: str
    employees_total: int | None
    top: list[industry.DivisionFigure]


@dataclass(frozen=True, eq=False)
class RegionProfile:
    """Everything the profile shows for one region: headline figures, and the tables behind them."""

    region: Region
    sites: gpd.GeoDataFrame
    investment: InvestmentFigures
    investment_by_field: pd.DataFrame
    investment_by_status: pd.DataFrame
    gaps: pd.DataFrame
    gap_figures: GapFigures
    gaps_by_kind: pd.DataFrame
    land: pd.DataFrame
    land_figures: LandFigures
    #: The labour analysis with each site's catchment; None when only the region's totals were asked for.
    labour: labour.LabourResult | None
    labour_figures: LabourFigures
    #: The region's labour row (``chiiki-map profile --json`` key ``labour``).
    labour_row: dict[str, object]
    #: Commuting radius of the labour catchments (km).
    radius_km: float
    industry: RegionIndustry


def investment_by(sites: pd.DataFrame, key: str, ids: list[str]) -> pd.DataFrame:
    """Per ``key`` value (``field``, ``status``; ``ids`` first): ``n_sites``, ``investment_oku_yen``, unknowns.

    ``investment_oku_yen`` sums the disclosed amounts (0 where no site discloses); ``n_investment_unknown``
    counts the sites without a figure.
    """
    inv = numeric_column(sites, "investment_oku_yen")
    df = pd.DataFrame({key: sites[key].astype(str).to_numpy(), "inv": inv.to_numpy(), "unknown": inv.isna()})
    grouped = df.groupby(key)
    out = pd.DataFrame(
        {
            "n_sites": grouped.size(),
            "investment_oku_yen": grouped["inv"].sum(min_count=1),  # none disclosed: unknown, never 0
            "n_investment_unknown": grouped["unknown"].sum(),
        }
    )
    order = [i for i in ids if i in out.index] + [i for i in out.index if i not in ids]
    return out.reindex(order).reset_index().astype({"n_sites": int, "n_investment_unknown": int})


def _gaps_by_kind(gaps: pd.DataFrame) -> pd.DataFrame:
    if gaps.empty:
        return pd.DataFrame(columns=["requirement", *GAP_STATUSES])
    counts = pd.crosstab(gaps["requirement"], gaps["status"]).reindex(columns=list(GAP_STATUSES), fill_value=0)
    counts = counts.reindex([k for k in KINDS if k in counts.index])
    return counts.reset_index()


def _ha(value: float | None) -> float | None:
    return None if value is None else round(value, 2)


def _labour_row(prefs: pd.DataFrame, region: Region) -> dict[str, object]:
    """The region's labour row: the prefecture's own, or the prefectures summed for a block / Japan."""
    if region.kind == "pref":
        return region_records(prefs)[0]
    total = block_labour(prefs.assign(block=region.id))
    row = region_records(total.assign(pref_code=None, name_ja=region.name_ja, name_en=region.name_en))[0]
    row["block"] = region.id if region.kind == "block" else None
    return row


def region_profile(
    region: Region,
    sites: gpd.GeoDataFrame,
    all_sites: gpd.GeoDataFrame | None = None,
    parcels: pd.DataFrame | None = None,
    *,
    requirements: Requirements | None = None,
    radius_km: float = DEFAULT_RADIUS_KM,
    gaps: pd.DataFrame | None = None,
    labour_result: labour.LabourResult | None = None,
    catchments: bool = True,
) -> RegionProfile:
    """The 地域カルテ of ``region``.

    Parameters
    ----------
    region
        A prefecture, a METI block or Japan (``geo.regions.resolve_region``).
    sites
        The region's sites (EPSG:4326).
    all_sites
        Every site of the pipeline, so catchment competitors across the border count (default ``sites``).
    parcels
        Industrial-land parcels (``geo.analysis.land.load_parcels``); None = no parcel data, supply unknown.
    requirements
        Requirement profiles for the gap checks (default ``data/requirements.toml``).
    radius_km
        Commuting radius of the labour catchments.
    gaps
        Gap checks already made for ``sites`` (``infrastructure_gaps``); computed when None.
    labour_result
        The labour analysis already made for ``region`` with ``radius_km`` (``geo.labour.analyse`` of a pool
        holding every site within reach); computed from ``all_sites`` when None.
    catchments
        False: the labour row from the region's tables only (``geo.labour.region_tables``), no per-site
        catchment (``labour`` None) — what ``profile_json`` needs, in bounded memory for a national register.

    Returns
    -------
    RegionProfile
    """
    radius_km = check_radius(radius_km)  # stated in the profile even when no catchment is computed
    result: labour.LabourResult | None = labour_result
    if result is None and catchments:
        pool = sites if all_sites is None else all_sites
        result = labour.analyse(pool, region.pref_codes, radius_km)
    in_region = set(map(str, sites["site_id"])) if "site_id" in sites.columns and result is not None else None
    if result is not None and in_region is not None:
        keep = result.catchments.sites["site_id"].astype(str).isin(in_region)
        result = labour.LabourResult(result.catchments.select(keep.to_numpy()), result.prefs, result.blocks)
    prefs = result.prefs if result is not None else labour.region_tables(sites, region.pref_codes)[0]
    gaps = infrastructure_gaps(sites, requirements) if gaps is None else gaps
    empty_parcels = pd.DataFrame({"pref_code": pd.Series(dtype=str), "available_ha": pd.Series(dtype=float)})
    land = land_balance(parcels if parcels is not None else empty_parcels, sites, region.pref_codes)
    return RegionProfile(
        region=region,
        sites=sites,
        investment_by_field=investment_by(sites, "field", list(ALL_FIELDS)),
        investment_by_status=investment_by(sites, "status", list(STATUSES)),
        investment=investment_figures(sites),
        gaps=gaps,
        gap_figures=gap_figures(gaps),
        gaps_by_kind=_gaps_by_kind(gaps),
        land=land,
        land_figures=land_figures(land),
        labour=result,
        labour_figures=labour_figures(prefs),
        labour_row=_labour_row(prefs, region),
        radius_km=result.catchments.radius_km if result is not None else radius_km,
        industry=region_industry(region),
    )


def region_industry(region: Region, n: int = INDUSTRY_TOP) -> RegionIndustry:
    """The ``n`` most specialised divisions of ``region`` taken as one unit (its prefectures summed)."""
    total, figs = industry.region_divisions(region.pref_codes)
    meta = industry_data.manifest()
    return RegionIndustry(industry_data.year(), str(meta["id"]), total, industry.top_divisions(figs, n))


def profile_json(profile: RegionProfile) -> dict[str, object]:
    """The profile with ``PROFILE_JSON_KEYS`` (then ``investment_by_field``/``by_status``, ``gaps_by_kind``)."""
    r, inv, land = profile.region, profile.investment, profile.land_figures
    return {
        "region": {"id": r.id, "kind": r.kind, "name_ja": r.name_ja, "name_en": r.name_en},
        "investment_oku_yen": None if inv.investment_oku_yen is None else round(inv.investment_oku_yen, 2),
        "sites": inv.n_sites,
        "sites_investment_unknown": inv.n_investment_unknown,
        "sites_by_status": dict(inv.sites_by_status),
        "gaps": profile.gap_figures.by_status(),
        "land": {
            "available_ha": _ha(land.available_ha),
            "demand_ha": _ha(land.demand_ha),
            "balance_ha": _ha(land.balance_ha),
        },
        "labour": profile.labour_row,
        "industry": {
            "year": profile.industry.year,
            "source": profile.industry.source,
            "employees_total": profile.industry.employees_total,
            "top": [
                {
                    "division": f.division,
                    "name_ja": DIVISIONS[f.division].ja,
                    "lq": f.lq,
                    "employees": f.employees,
                    "name_en": DIVISIONS[f.division].en,  # added by issue 21 (the comparison words it in English)
                }
                for f in profile.industry.top
            ],
        },
        "investment_by_field": records(profile.investment_by_field, list(profile.investment_by_field.columns)),
        "investment_by_status": records(profile.investment_by_status, list(profile.investment_by_status.columns)),
        "gaps_by_kind": records(profile.gaps_by_kind, list(profile.gaps_by_kind.columns)),
        "land_unknown_prefs": land.unknown_prefs,
        "radius_km": profile.radius_km,
    }

"""The headline figures of each analysis, computed once: the pages, the command line and the briefing read these.

One frozen record and one function per analysis — clusters, gaps, land, labour, investment (the region
profile holds all of them). A figure nobody knows is None (shown 「不明」), never 0.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import NamedTuple

import geopandas as gpd
import pandas as pd

from geo.analysis.clusters import cluster_candidates
from geo.analysis.gaps import GAP_STATUSES
from geo.analysis.land_balance import block_balance
from geo.domain import STATUSES
from geo.io.numbers import finite
from geo.labour.jobs import numeric_column
from geo.labour.summary import block_labour


@dataclass(frozen=True)
class ClusterFigures:
    """Clusters (two or more linked sites, ``geo.analysis.clusters``) and the sites in none."""

    n_clusters: int
    #: Clusters whose sites lie in more than one prefecture.
    n_cross_prefecture: int
    #: Sites of the analysed fields with a location but no same-field neighbour within the threshold.
    n_lone_sites: int


def cluster_figures(
    sites: gpd.GeoDataFrame, clusters: gpd.GeoDataFrame, fields: Iterable[str] | None = None
) -> ClusterFigures:
    """Headline of ``clusters`` = ``find_clusters(sites, …, fields)``."""
    considered = len(cluster_candidates(sites, fields))
    in_clusters = int(clusters["n_sites"].sum()) if len(clusters) else 0
    return ClusterFigures(
        n_clusters=len(clusters),
        n_cross_prefecture=int(clusters["cross_prefecture"].sum()) if len(clusters) else 0,
        n_lone_sites=considered - in_clusters,
    )


@dataclass(frozen=True)
class GapFigures:
    """Gap checks (site × required kind, ``geo.analysis.gaps``) by outcome."""

    n_checks: int
    n_ok: int
    n_gap: int
    n_unknown: int
    #: Sites with at least one gap.
    n_sites_with_gap: int

    def by_status(self) -> dict[str, int]:
        """``{"ok": …, "gap": …, "unknown": …}`` (the profile's JSON form)."""
        counts = {"ok": self.n_ok, "gap": self.n_gap, "unknown": self.n_unknown}
        return {s: counts[s] for s in GAP_STATUSES}


def gap_figures(gaps: pd.DataFrame) -> GapFigures:
    """Headline of ``infrastructure_gaps(...)`` rows."""
    status = gaps["status"] if len(gaps) else pd.Series(dtype=object)
    counts = status.value_counts()
    return GapFigures(
        n_checks=len(gaps),
        n_ok=int(counts.get("ok", 0)),
        n_gap=int(counts.get("gap", 0)),
        n_unknown=int(counts.get("unknown", 0)),
        n_sites_with_gap=int(gaps.loc[status == "gap", "site_id"].nunique()) if len(gaps) else 0,
    )


@dataclass(frozen=True)
class LandFigures:
    """Industrial land of a region in ha (``geo.analysis.land_balance``): None where the supply is unknown."""

    #: Available land summed over the prefectures whose supply is known; None when none is.
    available_ha: float | None
    #: Land wanted by the sites not yet operating; None when none of them discloses it.
    demand_ha: float | None
    balance_ha: float | None
    #: Prefectures of the region whose supply is unknown.
    unknown_prefs: int
    unknown_parcels: int
    demand_unknown_sites: int


def land_figures(table: pd.DataFrame) -> LandFigures:
    """Headline of ``land_balance(...)`` rows (the prefectures of one region)."""
    if table.empty:
        return LandFigures(None, None, None, 0, 0, 0)
    row = block_balance(table.assign(block="region")).iloc[0]
    return LandFigures(
        available_ha=finite(row["available_ha"]),
        demand_ha=finite(row["demand_ha"]),
        balance_ha=finite(row["balance_ha"]),
        unknown_prefs=int(row["unknown_prefs"]),
        unknown_parcels=int(row["unknown_parcels"]),
        demand_unknown_sites=int(row["demand_unknown_sites"]),
    )


class Jobs(NamedTuple):
    """Pipeline jobs by basis, kept apart (``geo.labour.jobs``); None where unknown."""

    disclosed: float | None
    estimated: float | None


@dataclass(frozen=True)
class LabourFigures:
    """Labour supply and pipeline jobs of a region (``geo.labour``): the prefectures of the region summed."""

    population: float | None
    #: An estimate (population × (1 − share under 15 − share 65+)).
    working_age: float | None
    jobs_disclosed: float | None
    jobs_estimated: float | None
    sites_jobs_unknown: int
    #: (disclosed + estimated) jobs per 1,000 working-age residents (``geo.labour.jobs.jobs_per_1000``).
    jobs_per_1000_working_age: float | None
    female_labor_participation: float | None
    kosen: int
    universities: int
    #: Per site status id.
    jobs_by_status: Mapping[str, Jobs]
    #: Working-age residents in 2050, an IPSS 2023 projection (None where the region has no projection).
    working_age_2050: float | None = None
    #: Employees in manufacturing (JSIC E), 2021 経済センサス (None where not published).
    manufacturing_employees: float | None = None


def labour_figures(prefs: pd.DataFrame) -> LabourFigures:
    """Headline of ``pref_labour(...)`` rows (the prefectures of one region)."""
    row = block_labour(prefs.assign(block="region")).iloc[0]
    return LabourFigures(
        population=finite(row["population"]),
        working_age=finite(row["working_age"]),
        jobs_disclosed=finite(row["jobs_disclosed"]),
        jobs_estimated=finite(row["jobs_estimated"]),
        sites_jobs_unknown=int(row["sites_jobs_unknown"]),
        jobs_per_1000_working_age=finite(row["jobs_per_1000_working_age"]),
        female_labor_participation=finite(row["female_labor_participation"]),
        kosen=int(row["kosen"]),
        universities=int(row["universities"]),
        jobs_by_status={
            s: Jobs(finite(row[f"jobs_disclosed_{s}"]), finite(row[f"jobs_estimated_{s}"])) for s in STATUSES
        },
        working_age_2050=finite(row.get("working_age_2050")),
        manufacturing_employees=finite(row.get("manufacturing_employees")),
    )


@dataclass(frozen=True)
class InvestmentFigures:
    """Disclosed investment of a set of sites and what is not disclosed."""

    #: Sum of the disclosed amounts (億円); sites without a figure add nothing.
    investment_oku_yen: float
    n_sites: int
    n_investment_unknown: int
    #: Sites per status id, every status listed.
    sites_by_status: Mapping[str, int]


def investment_figures(sites: pd.DataFrame) -> InvestmentFigures:
    """Headline of the investment of ``sites``."""
    inv = numeric_column(sites, "investment_oku_yen")
    status = sites["status"].astype(str).value_counts() if "status" in sites.columns else pd.Series(dtype=int)
    return InvestmentFigures(
        investment_oku_yen=float(inv.sum(min_count=0)),
        n_sites=len(sites),
        n_investment_unknown=int(inv.isna().sum()),
        sites_by_status={s: int(status.get(s, 0)) for s in STATUSES},
    )

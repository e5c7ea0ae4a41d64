"""One view of a plan: the stored plan, its sections derived from the members and its checklist, built once.

The command line (``plan show``, ``plan export``), the 計画素案 page and the exports read a :class:`PlanView`.
"""

from __future__ import annotations

from dataclasses import dataclass

import geopandas as gpd
import pandas as pd

from geo.analysis.land import load_parcels
from geo.labour.catchment import DEFAULT_RADIUS_KM
from geo.plans.area import plan_region
from geo.plans.checklist import CheckResult, judge
from geo.plans.derived import PlanDerived, derive
from geo.plans.model import Plan


@dataclass(frozen=True, eq=False)
class PlanView:
    """A plan with everything derived from it for one view."""

    plan: Plan
    derived: PlanDerived
    checks: tuple[CheckResult, ...]


def view_plan(
    plan: Plan,
    sites: gpd.GeoDataFrame,
    parcels: pd.DataFrame | None = None,
    *,
    radius_km: float = DEFAULT_RADIUS_KM,
    osm_parcels: bool = True,
) -> PlanView:
    """Derive the sections and judge the checklist of ``plan`` from the stored ``sites``.

    Parameters
    ----------
    plan
        A stored plan.
    sites
        The stored sites (``read()`` of the store).
    parcels
        Industrial-land parcels; default: those of the plan's region (``geo.analysis.land.load_parcels``).
    radius_km
        Commuting radius of the labour catchments.
    osm_parcels
        Whether the default parcels include the OSM cache (the exports leave it out, as the briefing does).
    """
    if parcels is None:
        parcels = load_parcels(plan_region(plan.region, plan.area), osm=osm_parcels)
    derived = derive(plan, sites, parcels, radius_km=radius_km)
    return PlanView(plan, derived, tuple(judge(plan, derived)))

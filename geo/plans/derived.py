"""The derived sections of a plan, recomputed from its members on every view (never stored).

- investment: the disclosed total of the member sites, how many do not disclose, by field and by status
  (``geo.analysis.profile.investment_by``);
- infrastructure: each member's gap checks (``geo.analysis.gaps``): the ``gap`` and ``unknown`` rows are the
  candidate 必要な措置, with status, distance, limit and the layer's completeness around the site (unknown
  stays unknown: a partial layer never makes a gap);
- labour: jobs disclosed and estimated kept apart and the union of the members' commuting catchments
  (``geo.labour.summary.cluster_labour``: the catchment rule of ``geo.labour.catchment``);
- land: the land the members not yet operating want against the industrial land available in the plan's
  prefectures (``geo.analysis.land_balance``; null when unknown);
- the area: the plan's region with its members; for plan B, the priority-firm ranking (``geo.analysis.firms``).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import geopandas as gpd
import pandas as pd

from geo.analysis.firms import FIRM_COLUMNS, FirmAnalysis, prefecture_totals, rank_firms
from geo.analysis.gaps import GAP_COLUMNS, GAP_STATUSES, infrastructure_gaps
from geo.analysis.land_balance import block_balance, land_balance
from geo.analysis.profile import investment_by
from geo.analysis.requirements import Requirements
from geo.domain import ALL_FIELDS, STATUSES
from geo.io.records import plain
from geo.labour import data as labour_data
from geo.labour import outlook
from geo.labour.catchment import DEFAULT_RADIUS_KM, site_catchments
from geo.labour.jobs import LabourUnits, numeric_column
from geo.labour.summary import cluster_labour
from geo.plans.area import plan_region
from geo.plans.model import Plan
from geo.regions import Region

#: Gap statuses that make a candidate measure (``ok`` needs none), in the order a plan lists them.
MEASURE_STATUSES: tuple[str, ...] = ("gap", "unknown")
#: Columns of ``Infrastructure.measures``: the gap rows of ``geo.analysis.gaps`` (members only), without the
#: columns a plan already knows (its fields and block).
MEASURE_COLUMNS: list[str] = [c for c in GAP_COLUMNS if c not in ("field", "block")]


@dataclass(frozen=True)
class Investment:
    """Disclosed investment of the members (億円): None when no member discloses a figure."""

    disclosed_oku_yen: float | None
    undisclosed_sites: int
    n_sites: int
    by_field: pd.DataFrame
    by_status: pd.DataFrame


@dataclass(frozen=True)
class Infrastructure:
    """Candidate measures (``MEASURE_COLUMNS``: gap rows first, then unknown), the checks by status, all rows."""

    measures: pd.DataFrame
    checks: dict[str, int]
    #: Every gap check of the members (``geo.analysis.gaps.GAP_COLUMNS``), ``ok`` rows included (the map's markers).
    rows: pd.DataFrame


@dataclass(frozen=True)
class Labour:
    """Jobs of the members and the union of their catchments (``radius_km``); None where unknown.

    ``catchment_working_age`` is the census-based working-age estimate (2020) of the municipalities in
    any member's catchment, each counted once; ``jobs_per_1000_working_age`` uses disclosed + estimated jobs.
    ``sites`` is the per-member table of ``geo.labour.catchment.SITE_COLUMNS``.
    """

    jobs_disclosed: float | None
    jobs_estimated: float | None
    sites_jobs_unknown: int
    catchment_working_age: float | None
    catchment_munis: int
    jobs_per_1000_working_age: float | None
    kosen: int
    universities: int
    radius_km: float
    sites: pd.DataFrame
    #: IPSS 15–64 of the same union in 2035 and 2050 (projection; None when a unit's figure is unknown),
    #: the 工業統計 2019 manufacturing workforce there, and the members' disclosed + estimated jobs as its share.
    catchment_working_age_2035: float | None = None
    catchment_working_age_2050: float | None = None
    catchment_manufacturing_employees: float | None = None
    jobs_share_of_catchment_manufacturing: float | None = None


@dataclass(frozen=True)
class Land:
    """Land wanted by members not yet operating vs land available in the plan's prefectures (ha)."""

    demand_ha: float | None
    available_ha: float | None
    balance_ha: float | None
    demand_unknown_sites: int
    unknown_prefs: int
    by_pref: pd.DataFrame


@dataclass(frozen=True)
class PlanDerived:
    """Everything a plan view shows that is computed from its members."""

    region: Region
    #: The member sites found in the store (EPSG:4326), in the plan's order.
    members: gpd.GeoDataFrame
    #: Member ids no longer in the store (deleted since): listed, never silently dropped.
    missing_sites: tuple[int, ...]
    investment: Investment
    infrastructure: Infrastructure
    labour: Labour
    land: Land
    #: Plan B: the member firms ranked (``geo.analysis.firms.RESULT_COLUMNS``); None for A and C or no firms.
    firms: pd.DataFrame | None


def member_sites(plan: Plan, sites: gpd.GeoDataFrame) -> tuple[gpd.GeoDataFrame, tuple[int, ...]]:
    """The plan's member sites from ``sites`` (stored sites, ``site_id``) in the plan's order, and the missing ids."""
    if not plan.sites:
        return sites.iloc[0:0].copy(), ()
    ids = pd.Index(pd.to_numeric(sites["site_id"]).astype("int64"))
    where = ids.get_indexer(pd.Index(plan.sites, dtype="int64"))
    missing = tuple(int(s) for s, w in zip(plan.sites, where) if w < 0)
    found = sites.iloc[where[where >= 0]].reset_index(drop=True)
    return found, missing


def _investment(members: gpd.GeoDataFrame) -> Investment:
    inv = numeric_column(members, "investment_oku_yen")
    return Investment(
        disclosed_oku_yen=float(inv.sum()) if inv.notna().any() else None,
        undisclosed_sites=int(inv.isna().sum()),
        n_sites=len(members),
        by_field=investment_by(members, "field", list(ALL_FIELDS)) if len(members) else _empty_by("field"),
        by_status=investment_by(members, "status", list(STATUSES)) if len(members) else _empty_by("status"),
    )


def _empty_by(key: str) -> pd.DataFrame:
    return pd.DataFrame({key: pd.Series(dtype=object), "n_sites": 0, "investment_oku_yen": 0.0})


def _infrastructure(members: gpd.GeoDataFrame, requirements: Requirements | None) -> Infrastructure:
    rows = infrastructure_gaps(members, requirements) if len(members) else pd.DataFrame(columns=GAP_COLUMNS)
    counts = rows["status"].value_counts() if len(rows) else pd.Series(dtype=int)
    measures = rows[rows["status"].isin(MEASURE_STATUSES)] if len(rows) else rows
    order = measures["status"].map({s: i for i, s in enumerate(MEASURE_STATUSES)}) if len(measures) else None
    if order is not None:
        measures = measures.assign(_o=order).sort_values(["_o", "site_id"], kind="stable").drop(columns="_o")
    return Infrastructure(
        measures=measures[MEASURE_COLUMNS].reset_index(drop=True),
        checks={s: int(counts.get(s, 0)) for s in GAP_STATUSES},
        rows=rows,
    )


def _number(value: object) -> float | None:
    x = plain(value)
    return float(x) if isinstance(x, int | float) else None


def _labour(plan: Plan, members: gpd.GeoDataFrame, radius_km: float, units: LabourUnits | None) -> Labour:
    census, schools = labour_data.municipal_units(), labour_data.schools()
    catch = site_catchments(members, census, schools, radius_km, units)
    ids = list(catch.sites["site_id"])
    group = pd.DataFrame({"id": [plan.id], "field": [",".join(plan.fields)], "n_sites": [len(ids)], "site_ids": [ids]})
    row = cluster_labour(group, catch, census, schools).iloc[0] if len(members) else None
    get = (lambda k: None) if row is None else (lambda k: _number(row[k]))
    union = _union_outlook(catch.pairs) if len(members) else {}
    known = [v for v in (get("jobs_disclosed"), get("jobs_estimated")) if v is not None]
    mfg = union.get("manufacturing_persons_2019")
    return Labour(
        jobs_disclosed=get("jobs_disclosed"),
        jobs_estimated=get("jobs_estimated"),
        sites_jobs_unknown=int(row["sites_jobs_unknown"]) if row is not None else 0,
        catchment_working_age=get("catchment_working_age"),
        catchment_munis=int(row["catchment_munis"]) if row is not None else 0,
        jobs_per_1000_working_age=get("jobs_per_1000_working_age"),
        kosen=int(row["kosen"]) if row is not None else 0,
        universities=int(row["universities"]) if row is not None else 0,
        radius_km=catch.radius_km,
        sites=pd.DataFrame(catch.sites.drop(columns="geometry")),
        catchment_working_age_2035=union.get("working_age_2035"),
        catchment_working_age_2050=union.get("working_age_2050"),
        catchment_manufacturing_employees=mfg,
        jobs_share_of_catchment_manufacturing=sum(known) / mfg if mfg and known else None,
    )


def _union_outlook(pairs: pd.DataFrame) -> dict[str, float | None]:
    """IPSS 15–64 (2035, 2050) and manufacturing persons (2019) summed over the union of the catchments.

    Each unit once (the union of the members' units, as ``geo.labour.outlook.catchment_sums`` sums one
    catchment); unknown when a unit's figure is.
    """
    units = outlook.units_outlook().set_index("code")
    values = units[["working_age_2035", "working_age_2050", "manufacturing_persons_2019"]]
    sums = values.reindex(pairs["code"].drop_duplicates()).sum(skipna=False)  # one unknown unit: unknown
    return {str(k): _number(v) for k, v in sums.items()}


def _land(members: gpd.GeoDataFrame, region: Region, parcels: pd.DataFrame | None) -> Land:
    supply = parcels if parcels is not None else pd.DataFrame({"pref_code": [], "available_ha": []})
    by_pref = land_balance(supply, members if len(members) else _no_sites(), region.pref_codes)
    row = block_balance(by_pref.assign(block="plan")).iloc[0] if len(by_pref) else None
    if row is None:
        return Land(None, None, None, 0, 0, by_pref)
    return Land(
        demand_ha=_number(row["demand_ha"]),
        available_ha=_number(row["available_ha"]),
        balance_ha=_number(row["balance_ha"]),
        demand_unknown_sites=int(row["demand_unknown_sites"]),
        unknown_prefs=int(row["unknown_prefs"]),
        by_pref=by_pref,
    )


def _no_sites() -> pd.DataFrame:
    return pd.DataFrame({"status": pd.Series(dtype=object), "pref_code": pd.Series(dtype=object)})


def member_firms(found: FirmAnalysis) -> tuple[tuple[dict[str, object], ...], tuple[dict[str, object], ...]]:
    """What a B plan stores of an analysed firm table (plain, JSON-ready values).

    The accepted firms (``FIRM_COLUMNS`` + ``row``) and, when the totals came from a file, the prefecture totals.
    """
    rows = found.firms[[*FIRM_COLUMNS, "row"]].to_dict("records")
    totals = found.totals.to_dict("records") if found.totals_source == "file" else []
    return tuple(_plain_rows(rows)), tuple(_plain_rows(totals))


def _plain_rows(rows: list[dict[Any, Any]]) -> list[dict[str, object]]:
    return [{str(k): plain(v) for k, v in r.items()} for r in rows]


def ranked_firms(plan: Plan) -> pd.DataFrame | None:
    """Plan B's member firms ranked by connector and hub degree (``geo.analysis.firms``), or None.

    Degrees are shares of the prefecture totals the plan was given, else of the listed firms.
    """
    if plan.type != "B" or not plan.firms:
        return None
    firms = pd.DataFrame([{c: f.get(c) for c in [*FIRM_COLUMNS, "row"]} for f in plan.firms])
    for col in FIRM_COLUMNS[2:]:
        firms[col] = pd.to_numeric(firms[col], errors="coerce").astype(float)
    firms["pref_code"] = firms["pref_code"].astype(str)
    totals = None
    if plan.firm_totals:
        totals = pd.DataFrame(list(plan.firm_totals)).astype({"pref_code": str}).set_index("pref_code")
    return rank_firms(firms, prefecture_totals(firms, totals))


def derive(
    plan: Plan,
    sites: gpd.GeoDataFrame,
    parcels: pd.DataFrame | None = None,
    *,
    requirements: Requirements | None = None,
    radius_km: float = DEFAULT_RADIUS_KM,
    labour_units: LabourUnits | None = None,
) -> PlanDerived:
    """The derived sections of ``plan``.

    Parameters
    ----------
    plan
        A stored plan.
    sites
        The stored sites (``geo.store`` ``read()``: ``site_id`` and the site schema, EPSG:4326).
    parcels
        Industrial-land parcels of the plan's prefectures (``geo.analysis.land.load_parcels``); None: the
        supply is unknown.
    requirements, radius_km, labour_units
        Gap profiles (default ``data/requirements.toml``), commuting radius, 原単位 (default
        ``data/labour_units.toml``).
    """
    members, missing = member_sites(plan, sites)
    region = plan_region(plan.region, plan.area)
    return PlanDerived(
        region=region,
        members=members,
        missing_sites=missing,
        investment=_investment(members),
        infrastructure=_infrastructure(members, requirements),
        labour=_labour(plan, members, radius_km, labour_units),
        land=_land(members, region, parcels),
        firms=ranked_firms(plan),
    )


def member_fields(derived: PlanDerived) -> tuple[str, ...]:
    """The distinct fields of the member sites, in the order of ``geo.domain.ALL_FIELDS`` (unknown ids last)."""
    present = {str(f) for f in derived.members["field"].dropna()} if len(derived.members) else set()
    known = [f for f in ALL_FIELDS if f in present]
    return tuple(known + sorted(present - set(known)))

"""The siting search (立地候補探索): candidates, their checks, labour catchment and competitors, ranked.

``site_search(needs, region, sites, parcels=…)`` gathers the candidates (``geo.siting.candidates``),
checks each against the requirement profile (``geo.siting.checks``), adds its labour catchment and the
pipeline sites competing for it (``geo.siting.labour``) and ranks them (``geo.siting.rank``).
``search_json`` is what ``chiiki-map site-search --json`` prints; the page shows the same frame.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import geopandas as gpd
import numpy as np
import pandas as pd

from geo.errors import DataMissingError
from geo.io.records import Record, json_records
from geo.labour import data as labour_data
from geo.labour import outlook as labour_outlook
from geo.labour.jobs import LabourUnits
from geo.regions import Region
from geo.siting.candidates import CANDIDATE_COLUMNS, find_candidates
from geo.siting.checks import CHECK_COLUMNS, Criterion, Layers, check_candidates, criteria
from geo.siting.labour import CandidateLabour, candidate_labour
from geo.siting.needs import Needs
from geo.siting.rank import RANK_RULE, check_summary, rank_order

#: The catchment's outlook (issue 20, the keys of ``chiiki-map labour --json``'s sites): IPSS 15–64 in 2020
#: (census), 2035 and 2050 (projections), units whose projection is a 浜通り group share, 工業統計 2019 persons
#: engaged in manufacturing, and the project's jobs as a share of them. Sums over the same catchment units.
OUTLOOK_COLUMNS: list[str] = labour_outlook.SITE_REPORT_KEYS
#: The catchment columns that close both the ranked table and the wide table.
WIDE_TAIL: list[str] = [
    "catchment_population",
    "catchment_working_age",
    "catchment_munis",
    "catchment_munis_unknown",
    "jobs_per_1000_working_age",
    *OUTLOOK_COLUMNS,
    "n_competing",
    "competing_sites",
]
#: Columns of the ranked candidate table (plus the point ``geometry``), in order.
RESULT_COLUMNS: list[str] = [
    "rank",
    "candidate_id",
    *CANDIDATE_COLUMNS,
    "status",
    "n_ok",
    "n_gap",
    "n_unknown",
    "distance_share",
    *WIDE_TAIL,
]
#: Keys of one check in ``search_json`` (``criterion`` is a requirement kind of ``data/requirements.toml``).
CHECK_JSON_KEYS: list[str] = ["criterion", "measure", "status", "value", "limit", "unit", "reason"]
#: Keys of one candidate in ``search_json``, in order.
CANDIDATE_JSON_KEYS: list[str] = [
    "rank",
    "kind",
    "name",
    "code",
    "lon",
    "lat",
    "position",
    "pref_code",
    "muni_code",
    "status",
    "n_gap",
    "n_unknown",
    "checks",
    "available_ha",
    "is_sample",
    "catchment_population",
    "catchment_working_age",
    "catchment_munis",
    "jobs_per_1000_working_age",
    "n_competing",
    "competing_sites",
    *OUTLOOK_COLUMNS,
]


@dataclass(frozen=True)
class SiteSearch:
    """A finished search: the ranked candidates (``RESULT_COLUMNS``), their checks, how they were found.

    ``checks`` has ``CHECK_COLUMNS`` with ``candidate`` = ``candidate_id``; ``labour`` keeps the catchment
    membership (``site_id`` = ``candidate_id``) for further per-unit sums.
    """

    needs: Needs
    region: Region
    criteria: list[Criterion]
    candidates: gpd.GeoDataFrame
    checks: pd.DataFrame
    labour: CandidateLabour
    parcels_loaded: int
    parcels_too_small: int

    def checks_of(self, candidate_id: int) -> pd.DataFrame:
        """The checks of one candidate, in criterion order."""
        return self.checks[self.checks["candidate"] == candidate_id].reset_index(drop=True)


def site_search(
    needs: Needs,
    region: Region,
    sites: gpd.GeoDataFrame,
    *,
    parcels: gpd.GeoDataFrame | None = None,
    layers: Layers | None = None,
    units: gpd.GeoDataFrame | None = None,
    labour_units: LabourUnits | None = None,
    outlook: pd.DataFrame | None = None,
) -> SiteSearch:
    """Search ``region`` for places that meet ``needs``.

    Parameters
    ----------
    needs
        The requirement profile (``geo.siting.needs.needs_for``).
    region
        Where to look (a prefecture, a block, Japan or a drawn area).
    sites
        Every pipeline site (EPSG:4326): the competitors for workers.
    parcels
        Loaded industrial-land parcels (``geo.analysis.land.load_parcels``); None or empty: none loaded,
        every municipality is a candidate.
    layers
        Per kind (features, coverage) instead of the registry (tests, benchmarks).
    units
        Census units (default ``geo.labour.data.municipal_units()``).
    labour_units
        原単位 for the pipeline sites' estimated jobs.
    outlook
        IPSS projection and manufacturing counts per census unit (default
        ``geo.labour.outlook.units_outlook()``; when that is not built, the ``OUTLOOK_COLUMNS`` are unknown).

    Returns
    -------
    SiteSearch
    """
    found = find_candidates(region, parcels, needs.land_ha)
    cands = found.table
    checks = check_candidates(cands, needs, layers=layers, parcels=parcels)
    summary = check_summary(checks, len(cands))
    census = labour_data.municipal_units() if units is None else units
    lab = candidate_labour(cands, census, sites, needs.radius_km, needs.jobs, labour_units)
    catch = labour_outlook.with_outlook(lab.catchments, _outlook(outlook)).sites
    table = pd.concat([pd.DataFrame(cands[CANDIDATE_COLUMNS]), summary], axis=1)
    for col in ("catchment_population", "catchment_working_age", "catchment_munis", "catchment_munis_unknown"):
        table[col] = catch[col].to_numpy()
    table["jobs_per_1000_working_age"] = catch["jobs_per_1000_working_age"].to_numpy()
    for col in OUTLOOK_COLUMNS:
        table[col] = catch[col].to_numpy()
    table["n_competing"] = lab.n_competing
    table["competing_sites"] = pd.Series(lab.competing_sites, dtype=object)
    table["candidate_id"] = np.arange(len(table))
    order = rank_order(table)
    ranked = table.iloc[order].reset_index(drop=True)
    ranked["rank"] = np.arange(1, len(ranked) + 1)
    result = gpd.GeoDataFrame(ranked[RESULT_COLUMNS], geometry=cands.geometry.values[order], crs=cands.crs)
    return SiteSearch(
        needs, region, criteria(needs), result, checks, lab, found.parcels_loaded, found.parcels_too_small
    )


def _outlook(table: pd.DataFrame | None) -> pd.DataFrame:
    """The per-unit outlook; an empty one (every catchment sum unknown, never 0) when it is not built."""
    if table is not None:
        return table
    try:
        return labour_outlook.units_outlook()
    except DataMissingError:
        columns = ["code", *labour_outlook.WA_COLUMNS, "manufacturing_persons_2019", "ipss_basis"]
        return pd.DataFrame(columns=columns)


def _outlook_value(row: dict[str, object], key: str) -> float | int | None:
    """One ``OUTLOOK_COLUMNS`` value for the JSON: people rounded, the share to 4 places, the unit count an int."""
    value = _num(row[key], 4 if key.startswith("jobs_share") else 0)
    return int(value) if key == "catchment_ipss_group_share" and value is not None else value


def _num(value: object, digits: int) -> float | None:
    """``value`` rounded, or None when it is missing or not finite (unknown stays null, never 0)."""
    try:
        x = float(value)  # type: ignore[arg-type]
    except (TypeError, ValueError):
        return None
    return round(x, digits) if math.isfinite(x) else None


def checks_json(checks: pd.DataFrame) -> list[Record]:
    """Check rows as ``CHECK_JSON_KEYS`` (``reason`` is the reason code; unknown value → null)."""
    return json_records(checks.rename(columns={"reason_code": "reason"}), CHECK_JSON_KEYS)


def search_json(result: SiteSearch, top: int | None = None) -> dict[str, object]:
    """The search as JSON: ``needs``, ``region``, ``rule``, ``criteria``, ``candidates`` (rank order), counts."""
    shown = result.candidates if top is None else result.candidates.head(top)
    wanted = result.checks[result.checks["candidate"].isin(shown["candidate_id"])]
    grouped = dict(iter(wanted.groupby("candidate", sort=False)))
    empty = pd.DataFrame(columns=CHECK_COLUMNS)
    rows: list[dict[str, object]] = []
    for row in shown.drop(columns="geometry").to_dict("records"):
        rows.append(
            {
                "rank": int(row["rank"]),
                "kind": row["kind"],
                "name": row["name"],
                "code": row["code"],
                "lon": round(float(row["lon"]), 6),
                "lat": round(float(row["lat"]), 6),
                "position": row["position"],
                "pref_code": row["pref_code"],
                "muni_code": row["muni_code"] if isinstance(row["muni_code"], str) else None,
                "status": row["status"],
                "n_gap": int(row["n_gap"]),
                "n_unknown": int(row["n_unknown"]),
                "checks": checks_json(grouped.get(row["candidate_id"], empty)),
                "available_ha": _num(row["available_ha"], 2),
                "is_sample": bool(row["is_sample"]),
                "catchment_population": _num(row["catchment_population"], 0),
                "catchment_working_age": _num(row["catchment_working_age"], 0),
                "catchment_munis": int(row["catchment_munis"]),
                "jobs_per_1000_working_age": _num(row["jobs_per_1000_working_age"], 2),
                "n_competing": int(row["n_competing"]),
                "competing_sites": list(row["competing_sites"]),
                **{k: _outlook_value(row, k) for k in OUTLOOK_COLUMNS},
            }
        )
    r = result.region
    return {
        "needs": result.needs.as_json(),
        "region": {"id": r.id, "kind": r.kind, "name_ja": r.name_ja, "name_en": r.name_en},
        "rule": list(RANK_RULE),
        "criteria": [c.as_json() for c in result.criteria],
        "candidates": rows,
        "candidates_total": int(len(result.candidates)),
        "candidates_by_kind": {k: int(v) for k, v in result.candidates["kind"].value_counts().items()},
        "parcels_loaded": result.parcels_loaded,
        "parcels_too_small": result.parcels_too_small,
    }


#: Leading columns of :func:`wide_table` (then two per check: value and status; then the catchment).
WIDE_LEAD: list[str] = [
    "rank",
    "kind",
    "name",
    "code",
    "pref_code",
    "muni_code",
    "position",
    "lon",
    "lat",
    "status",
    "n_gap",
    "n_unknown",
    "available_ha",
    "is_sample",
]


def wide_table(result: SiteSearch) -> pd.DataFrame:
    """Every candidate in rank order, one row each (the page's download).

    Columns: ``WIDE_LEAD``, then per check ``<criterion>_<measure>`` (the value) and
    ``<criterion>_<measure>_status``, then ``WIDE_TAIL``.
    """
    table = pd.DataFrame(result.candidates.drop(columns="geometry"))
    out = table[WIDE_LEAD].copy()
    checks = result.checks
    pos = pd.Series(np.arange(len(table)), index=table["candidate_id"].to_numpy())
    for crit in result.criteria:
        mine = checks[(checks["criterion"] == crit.criterion) & (checks["measure"] == crit.measure)]
        where = pos.reindex(mine["candidate"].to_numpy()).to_numpy()
        value = np.full(len(table), np.nan)
        status = np.full(len(table), None, dtype=object)
        value[where] = mine["value"].to_numpy(dtype=float)
        status[where] = mine["status"].to_numpy()
        out[f"{crit.criterion}_{crit.measure}"] = value
        out[f"{crit.criterion}_{crit.measure}_status"] = status
    for col in WIDE_TAIL:
        out[col] = table[col].to_numpy()
    return out

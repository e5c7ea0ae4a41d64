"""Labour demand against labour supply per prefecture, METI block and cluster, and their JSON form.

Supply is the census population and the working-age estimate (推計) of the municipalities; demand is the
pipeline's jobs, disclosed and estimated kept apart (``geo.labour.jobs``). ``jobs_per_1000_working_age``
is (disclosed + estimated) jobs per 1,000 working-age residents, and says so in
``jobs_per_1000_basis``; ``jobs_per_1000_working_age_disclosed`` uses disclosed jobs only. Unknown
stays unknown: female labour participation is null (empty in the source), never 0.
"""

from __future__ import annotations

from collections.abc import Hashable, Iterable, Mapping, Sequence

import numpy as np
import pandas as pd

from geo.domain import BLOCKS, PREFECTURES, STATUSES, block_of, names_in
from geo.io.records import plain
from geo.labour import market, outlook
from geo.labour.catchment import Catchments, school_counts
from geo.labour.jobs import jobs_per_1000

#: Keys of one prefecture in ``chiiki-map labour --json`` (contract), then the extra keys.
REGION_JSON_KEYS: list[str] = [
    "pref_code",
    "name_ja",
    "population",
    "working_age",
    "female_labor_participation",
    "jobs_disclosed",
    "jobs_estimated",
    "sites",
    "sites_jobs_unknown",
    "jobs_per_1000_working_age",
    "kosen",
    "universities",
]
REGION_EXTRA_KEYS: list[str] = [
    "name_en",
    "block",
    "jobs_per_1000_basis",
    "jobs_per_1000_working_age_disclosed",
    "junior_colleges",
    "working_age_unknown_munis",
    "jobs_by_status",
]
#: Keys of one prefecture added by issue 20 (IPSS projections, manufacturing, labour market), in order.
REGION_OUTLOOK_KEYS: list[str] = [
    "working_age_2020",
    "working_age_2035",
    "working_age_2050",
    "working_age_projection",
    "manufacturing_employees",
    "manufacturing_persons_2019",
    "job_openings_ratio",
    "minimum_wage_yen",
    "hs_leavers_employed_in_pref",
    "share_working_in_own_municipality",
]
#: Keys of one site in ``chiiki-map labour --json`` (contract), then the extra keys.
SITE_JSON_KEYS: list[str] = [
    "name",
    "pref_code",
    "jobs",
    "jobs_basis",
    "catchment_working_age",
    "catchment_munis",
    "competing_sites",
]
SITE_EXTRA_KEYS: list[str] = [
    "n_competing",
    "site_id",
    "field",
    "status",
    "catchment_population",
    "jobs_per_1000_working_age",
    "catchment_method",
    "kosen",
    "universities",
    "junior_colleges",
    *outlook.SITE_REPORT_KEYS,
]
#: The jobs counted in ``jobs_per_1000_working_age``.
RATIO_BASIS = "disclosed+estimated"
_COUNTS = ("sites", "sites_jobs_unknown", "kosen", "universities", "junior_colleges", "working_age_unknown_munis")


def _participation(units: pd.DataFrame) -> float:
    """Population-weighted female labour participation, or NaN when any unit lacks it (always, in 2020 data)."""
    rate = units["female_labor_participation"].astype(float)
    if units.empty or rate.isna().any():
        return float("nan")
    return float((rate * units["population"]).sum() / units["population"].sum())


def _supply(units: pd.DataFrame, schools: pd.DataFrame) -> pd.DataFrame:
    counts = school_counts(schools, units)
    df = pd.DataFrame(
        {
            "pref_code": units["pref_code"].astype(str).to_numpy(),
            "population": units["population"].to_numpy(dtype=float),
            "wa": units["working_age"].to_numpy(dtype=float),
            **counts,
        }
    )
    df["wa_unknown"] = df["wa"].isna()
    grouped = df.groupby("pref_code")
    out = pd.DataFrame(
        {
            "population": grouped["population"].sum(),
            "working_age": grouped["wa"].sum(min_count=1),
            "working_age_unknown_munis": grouped["wa_unknown"].sum(),
            **{k: grouped[k].sum() for k in counts},
        }
    )
    out["female_labor_participation"] = [_participation(units[units["pref_code"] == c]) for c in out.index]
    return out


def _demand(sites: pd.DataFrame) -> pd.DataFrame:
    df = pd.DataFrame(
        {
            "pref_code": sites["pref_code"].astype(str).to_numpy(),
            "status": sites["status"].astype(str).to_numpy(),
            "d": sites["jobs_disclosed"].to_numpy(dtype=float),
            "e": sites["jobs_estimated"].to_numpy(dtype=float),
            "u": (sites["jobs_basis"] == "unknown").to_numpy(),
        }
    )
    grouped = df.groupby("pref_code")
    frames = [
        pd.DataFrame(
            {
                "jobs_disclosed": grouped["d"].sum(min_count=1),  # NaN: no site discloses
                "jobs_estimated": grouped["e"].sum(min_count=1),
                "sites": grouped.size(),
                "sites_jobs_unknown": grouped["u"].sum(),
            }
        )
    ]
    for status in STATUSES:
        part = df[df["status"] == status].groupby("pref_code")
        frames.append(
            pd.DataFrame(
                {
                    f"jobs_disclosed_{status}": part["d"].sum(min_count=1),
                    f"jobs_estimated_{status}": part["e"].sum(min_count=1),
                    f"sites_{status}": part.size(),
                    f"sites_jobs_unknown_{status}": part["u"].sum(),
                }
            )
        )
    return pd.concat(frames, axis=1)


def _job_pairs() -> list[tuple[str, str]]:
    """(jobs column, the site count it belongs to): totals and per status, disclosed and estimated."""
    pairs = [("jobs_disclosed", "sites"), ("jobs_estimated", "sites")]
    return pairs + [(f"{k}_{s}", f"sites_{s}") for s in STATUSES for k in ("jobs_disclosed", "jobs_estimated")]


def _zero_without_sites(out: pd.DataFrame) -> pd.DataFrame:
    """Jobs are 0 where there is no site at all; where there are sites and no figure they stay NaN (unknown)."""
    for jobs, sites in _job_pairs():
        out[jobs] = out[jobs].astype(float).where(out[sites] > 0, 0.0)
    return out


def status_columns() -> list[str]:
    """The per-status columns of ``pref_labour`` (jobs by basis and site counts for 稼働/着工/計画/構想)."""
    return [f"{k}_{s}" for s in STATUSES for k in ("jobs_disclosed", "jobs_estimated", "sites", "sites_jobs_unknown")]


def pref_labour(
    sites: pd.DataFrame, units: pd.DataFrame, schools: pd.DataFrame, pref_codes: Iterable[str] | None = None
) -> pd.DataFrame:
    """One row per prefecture: supply (population, working age, schools) and pipeline jobs by basis and status.

    Parameters
    ----------
    sites
        Sites with ``pref_code``, ``status``, ``jobs_basis``, ``jobs_disclosed``, ``jobs_estimated``
        (e.g. ``Catchments.sites``).
    units, schools
        ``geo.labour.data.municipal_units()`` and ``schools()``.
    pref_codes
        Prefectures to report (default: every prefecture with units).

    Returns
    -------
    pandas.DataFrame
        ``REGION_JSON_KEYS`` + extras + ``status_columns()``. A job sum is NaN (unknown) when the prefecture
        has sites but none with a figure of that basis, 0 only when it has no site; sites without any
        figure are counted in ``sites_jobs_unknown``.
    """
    codes = [str(c) for c in pref_codes] if pref_codes is not None else sorted(units["pref_code"].astype(str).unique())
    out = pd.DataFrame(index=pd.Index(codes, name="pref_code"))
    out = out.join(_supply(units, schools)).join(_demand(sites))
    int_cols = [*_COUNTS, *(c for c in status_columns() if c.startswith("sites"))]
    for col in [*int_cols, "jobs_disclosed", "jobs_estimated", *status_columns()]:
        if col not in out.columns:
            out[col] = np.nan
    out[int_cols] = out[int_cols].fillna(0).astype(int)
    out = _zero_without_sites(out).reset_index()
    out["name_ja"], out["name_en"] = names_in(out["pref_code"], PREFECTURES)
    out["block"] = out["pref_code"].map(lambda c: block_of(c) if c in PREFECTURES else None)
    known = [c for c in out["pref_code"] if c in PREFECTURES]
    extra = outlook.pref_outlook(known).join(market.pref_market(known))
    return _ratios(out.merge(extra, left_on="pref_code", right_index=True, how="left"))


def _ratios(out: pd.DataFrame) -> pd.DataFrame:
    known = out["jobs_disclosed"].add(out["jobs_estimated"], fill_value=0.0)  # NaN only if both are unknown
    out["jobs_per_1000_working_age"] = jobs_per_1000(known, out["working_age"])
    out["jobs_per_1000_working_age_disclosed"] = jobs_per_1000(out["jobs_disclosed"], out["working_age"])
    out["jobs_per_1000_basis"] = RATIO_BASIS
    return out


def block_labour(pref_table: pd.DataFrame) -> pd.DataFrame:
    """``pref_labour`` rows summed per METI block (``block``, ``name_ja``, ``name_en`` and the same measures)."""
    sums = [
        "population",
        "working_age",
        "jobs_disclosed",
        "jobs_estimated",
        *_COUNTS,
        *status_columns(),
    ]
    masked = pref_table.copy()
    for jobs, sites in _job_pairs():  # a prefecture without sites must not turn a block's unknown into 0
        masked[jobs] = masked[jobs].where(masked[sites] > 0)
    grouped = masked.groupby("block")
    out = _zero_without_sites(grouped[sums].sum(min_count=1))
    out[[c for c in sums if c not in ("population", "working_age") and not c.startswith("jobs")]] = out[
        [c for c in sums if c not in ("population", "working_age") and not c.startswith("jobs")]
    ].astype(int)
    out["female_labor_participation"] = grouped["female_labor_participation"].agg(
        lambda s: float("nan") if s.isna().any() else float(s.mean())
    )
    out = out.reset_index()
    out["name_ja"], out["name_en"] = names_in(out["block"], BLOCKS)
    order = {b: i for i, b in enumerate(BLOCKS)}
    if set(outlook.PREF_COLUMNS) <= set(pref_table.columns):  # IPSS, manufacturing and market figures summed
        extra = outlook.block_outlook(pref_table).join(market.block_market(pref_table))
        out = out.merge(extra, left_on="block", right_index=True, how="left")
    return _ratios(out.sort_values("block", key=lambda s: s.map(order), ignore_index=True))


def cluster_labour(
    clusters: pd.DataFrame, catch: Catchments, units: pd.DataFrame, schools: pd.DataFrame
) -> pd.DataFrame:
    """Per cluster (``geo.analysis.clusters.find_clusters``): the union of its members' catchments.

    Returns ``id``, ``field``, ``n_sites``, ``catchment_working_age``, ``catchment_munis``, jobs by basis,
    ``sites_jobs_unknown``, the two ratios, ``kosen``, ``universities``, ``junior_colleges``.
    """
    members = clusters[["id", "site_ids"]].explode("site_ids").dropna()
    members = members.rename(columns={"site_ids": "site_id"}).astype({"site_id": int})
    row_of = pd.Series(np.arange(len(catch.sites)), index=catch.sites["site_id"].astype(int).to_numpy())
    rows = row_of.reindex(members["site_id"].to_numpy()).to_numpy()
    found = ~np.isnan(rows)
    group = np.full(len(catch.sites), -1, dtype=np.int64)  # each site lies in one cluster (per field)
    group[rows[found].astype(np.int64)] = members["id"].to_numpy(dtype=np.int64)[found]
    ids, unit_pos = catch.membership.group_units(group)
    codes = pd.DataFrame({"id": ids, "code": catch.unit_codes[unit_pos]})
    counts = school_counts(schools, units)
    supply = pd.DataFrame(
        {"code": units["code"].astype(str), "wa": units["working_age"].to_numpy(dtype=float), **counts}
    )
    union = codes.merge(supply, on="code").groupby("id")
    jobs = catch.sites[["site_id", "jobs_disclosed", "jobs_estimated", "jobs_basis"]].merge(members, on="site_id")
    jobs["u"] = jobs["jobs_basis"] == "unknown"
    by_cluster = jobs.groupby("id")
    out = clusters[["id", "field", "n_sites"]].set_index("id")
    out["catchment_working_age"] = union["wa"].sum()
    out["catchment_munis"] = union.size()
    out["jobs_disclosed"] = by_cluster["jobs_disclosed"].sum(min_count=1)  # NaN: no member discloses
    out["jobs_estimated"] = by_cluster["jobs_estimated"].sum(min_count=1)
    out["sites_jobs_unknown"] = by_cluster["u"].sum()
    for key in counts:
        out[key] = union[key].sum()
    fill = ["catchment_working_age", "catchment_munis", "sites_jobs_unknown"]
    out[fill + list(counts)] = out[fill + list(counts)].fillna(0)
    out = out.astype({k: int for k in ["catchment_munis", "sites_jobs_unknown", *counts]})
    out = out.rename(columns={"catchment_working_age": "working_age"})
    out = _ratios(out.reset_index())
    return out.rename(columns={"working_age": "catchment_working_age"})


_RATIO_PREFIXES = ("jobs_per_1000", "female", "radius", "jobs_share")


def _plain(value: object, key: str) -> object:
    """``geo.io.records.plain`` with counts of people, jobs and sites as int and ratios to 3 decimals."""
    if isinstance(value, (list, tuple)):
        return [str(v) for v in value]
    x = plain(value, 3)
    if isinstance(x, float) and not key.startswith(_RATIO_PREFIXES):
        return int(round(x))
    return x


def records(table: pd.DataFrame, keys: Sequence[str]) -> list[dict[str, object]]:
    """Rows of ``table`` as JSON-ready dicts with ``keys`` in order (NaN → None)."""
    return [{k: _plain(row.get(k), k) for k in keys} for row in table.to_dict("records")]


def _by_status(row: Mapping[Hashable, object]) -> dict[str, dict[str, object]]:
    return {
        s: {
            "jobs_disclosed": _plain(row[f"jobs_disclosed_{s}"], "jobs"),
            "jobs_estimated": _plain(row[f"jobs_estimated_{s}"], "jobs"),
            "sites": _plain(row[f"sites_{s}"], "sites"),
            "sites_jobs_unknown": _plain(row[f"sites_jobs_unknown_{s}"], "sites"),
        }
        for s in STATUSES
    }


def _outlook_keys(row: Mapping[str, object]) -> dict[str, object]:
    """``REGION_OUTLOOK_KEYS`` of one row: counts as int, the projection and market figures nested."""
    series = outlook.working_age_series(dict(row))
    flat = {k: _plain(row.get(k), k) for k in ("working_age_2020", "working_age_2035", "working_age_2050")}
    return {
        **flat,
        "working_age_projection": {str(y): _plain(v, "working_age") for y, v in series.items()},
        "manufacturing_employees": _plain(row.get("manufacturing_employees"), "manufacturing_employees"),
        "manufacturing_persons_2019": _plain(row.get("manufacturing_persons_2019"), "manufacturing_persons_2019"),
        **market.market_json(dict(row)),
    }


def region_records(table: pd.DataFrame) -> list[dict[str, object]]:
    """``pref_labour`` rows as JSON records.

    Keys ``REGION_JSON_KEYS``, ``REGION_EXTRA_KEYS`` (``jobs_by_status`` nested) and, when the table has
    them, ``REGION_OUTLOOK_KEYS``.
    """
    keys = [k for k in (*REGION_JSON_KEYS, *REGION_EXTRA_KEYS) if k != "jobs_by_status"]
    out = records(table, keys)
    has_outlook = set(outlook.PREF_COLUMNS) <= set(table.columns)
    for rec, row in zip(out, table.to_dict("records")):
        rec["jobs_by_status"] = _by_status(row)
        if has_outlook:
            rec.update(_outlook_keys({str(k): v for k, v in row.items()}))
    return out


def site_records(sites: pd.DataFrame) -> list[dict[str, object]]:
    """Per-site rows with ``SITE_JSON_KEYS`` then ``SITE_EXTRA_KEYS``."""
    return records(sites, [*SITE_JSON_KEYS, *SITE_EXTRA_KEYS])


def unit_pressure(catch: Catchments, units: pd.DataFrame) -> pd.DataFrame:
    """Per census unit: pipeline jobs allocated to it and jobs per 1,000 of its working-age residents.

    Each site's known jobs (disclosed + estimated) are shared among its catchment municipalities in
    proportion to their working-age population — an assumption of this map, not a commuting model.
    A unit's ratio is then the sum of the ratios of the sites whose catchment holds it (0 when none does;
    NaN when its working age is unknown). Returns ``code``, ``working_age``, ``n_sites``, ``jobs_allocated``,
    ``jobs_per_1000_working_age``.
    """
    ratio = catch.sites["jobs_per_1000_working_age"].to_numpy(dtype=float)
    member, codes = catch.membership, catch.unit_codes
    n_sites = pd.Series(member.unit_site_counts(), index=codes)
    ratio_sum = pd.Series(member.unit_sums(np.nan_to_num(ratio, nan=0.0)), index=codes)
    out = pd.DataFrame({"code": units["code"].astype(str), "working_age": units["working_age"].to_numpy(dtype=float)})
    out["n_sites"] = out["code"].map(n_sites).fillna(0).astype(int)
    per_1000 = out["code"].map(ratio_sum).astype(float).fillna(0.0)
    out["jobs_per_1000_working_age"] = per_1000.where(out["working_age"].notna())
    out["jobs_allocated"] = out["jobs_per_1000_working_age"] * out["working_age"] / 1000.0
    return out

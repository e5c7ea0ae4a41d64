"""Working-age population to 2050 (IPSS) and the manufacturing workforce, per census unit, catchment and prefecture.

Data (``scripts/build_labour.py`` → ``data/labour/``): ``units_outlook.parquet`` gives each census unit the
IPSS 令和5年推計 population and 15–64 for 2020–2050 (2020 = census 不詳補完値, 2025– = projection, medium
variant; 浜松 old wards summed, 浜通り members by their 2020 share of the IPSS group, ``ipss_basis`` says
which) and the 工業統計 2019 manufacturing establishments and persons engaged (establishments with 4+
persons). ``ipss_prefectures.parquet`` is the IPSS prefecture table.

A site's catchment sums go through the existing catchment membership (``Catchments.membership``), so the rule
is the one of ``geo.labour.catchment``. A sum is unknown (NaN) when any unit of the catchment is unknown.
"""

from __future__ import annotations

import functools
import json
from pathlib import Path

import numpy as np
import pandas as pd

from geo import config, industry
from geo.domain import Bilingual, block_of
from geo.errors import DataMissingError
from geo.labour.catchment import Catchments
from geo.labour.projection import WA_COLUMNS, YEARS

LABOUR_DIR: Path = config.DATA_DIR / "labour"
UNITS_FILE = "units_outlook.parquet"
IPSS_PREF_FILE = "ipss_prefectures.parquet"
#: Per-site columns added to ``Catchments.sites`` by :func:`with_outlook`.
CATCHMENT_WA: list[str] = [f"catchment_{c}" for c in WA_COLUMNS]
SITE_COLUMNS: list[str] = [
    *CATCHMENT_WA,
    "catchment_ipss_group_share",
    "catchment_manufacturing_employees",
    "jobs_share_of_catchment_manufacturing",
]
#: The per-site keys the reports carry (``labour --json``'s sites, the 立地候補探索 candidates): the catchment's
#: working age in 2020, 2035 and 2050 and the other :data:`SITE_COLUMNS`.
SITE_REPORT_KEYS: list[str] = [
    *(f"catchment_working_age_{year}" for year in (2020, 2035, 2050)),
    *SITE_COLUMNS[len(CATCHMENT_WA) :],
]
#: Per-prefecture columns added by :func:`pref_outlook` (block sums by :func:`block_outlook`).
PREF_COLUMNS: list[str] = [*WA_COLUMNS, "manufacturing_employees", "manufacturing_persons_2019"]
#: Years of the figures: the catchment's manufacturing workforce and the prefecture's 経済センサス count.
MANUFACTURING_UNITS_YEAR = 2019


def _path(name: str) -> Path:
    path = LABOUR_DIR / name
    if not path.is_file():
        raise DataMissingError("data_missing", path=str(path), script="scripts/build_labour.py", raw="labour")
    return path


@functools.cache
def _units() -> pd.DataFrame:
    return pd.read_parquet(_path(UNITS_FILE))


@functools.cache
def _ipss_prefs() -> pd.DataFrame:
    return pd.read_parquet(_path(IPSS_PREF_FILE)).set_index("pref_code")


@functools.cache
def _manifest() -> dict[str, object]:
    meta: dict[str, object] = json.loads(_path("SOURCES.json").read_text(encoding="utf-8"))
    return meta


def clear_caches() -> None:
    """Forget loaded data (tests that rebuild or replace the files)."""
    for fn in (_units, _ipss_prefs, _manifest):
        fn.cache_clear()


#: Where each issue-20 figure of ``chiiki-map labour --json`` comes from: key → (dataset id, year, projection).
#: A year of None means "the latest year, given in the figure itself" ({year, value}).
FIGURE_SOURCES: dict[str, tuple[str, int | None, bool]] = {
    "working_age_2020": ("ipss_2023", 2020, False),
    "working_age_2035": ("ipss_2023", 2035, True),
    "working_age_2050": ("ipss_2023", 2050, True),
    "working_age_projection": ("ipss_2023", None, True),
    "manufacturing_employees": ("ssdse_a_2025_ecensus_2021", 2021, False),
    "manufacturing_persons_2019": ("industrial_statistics_2019", 2019, False),
    "job_openings_ratio": ("job_openings", None, False),
    "minimum_wage_yen": ("minimum_wage", None, False),
    "hs_leavers_employed_in_pref": ("hs_leavers", None, False),
    "share_working_in_own_municipality": ("commuting", None, False),
    "catchment_working_age_2020": ("ipss_2023", 2020, False),
    "catchment_working_age_2035": ("ipss_2023", 2035, True),
    "catchment_working_age_2050": ("ipss_2023", 2050, True),
    "catchment_manufacturing_employees": ("industrial_statistics_2019", 2019, False),
}


def figure_sources() -> dict[str, dict[str, object]]:
    """``FIGURE_SOURCES`` as JSON: per key its ``dataset``, ``year`` and ``projection`` flag."""
    return {k: {"dataset": d, "year": y, "projection": p} for k, (d, y, p) in FIGURE_SOURCES.items()}


def units_outlook() -> pd.DataFrame:
    """IPSS projection and manufacturing counts per census unit.

    Columns ``code``, ``pref_code``, ``working_age_<year>``, ``population_<year>``, ``ipss_basis``,
    ``ipss_code``, ``ipss_share``, ``manufacturing_establishments_2019``, ``manufacturing_persons_2019``.
    """
    return _units().copy()


def ipss_prefectures() -> pd.DataFrame:
    """The IPSS prefecture table (index ``pref_code``): ``working_age_<year>`` and ``population_<year>``."""
    return _ipss_prefs().copy()


def datasets() -> list[dict[str, object]]:
    """The datasets of ``data/labour/SOURCES.json`` (id, name, years, licence, credit, credit_en …)."""
    return [dict(d) for d in _manifest()["datasets"]]  # type: ignore[attr-defined]


def credit(dataset: str) -> Bilingual:
    """The credit line of one dataset of ``data/labour/SOURCES.json`` (``ipss_2023`` …) in both languages."""
    for d in _manifest()["datasets"]:  # type: ignore[attr-defined]
        if d["id"] == dataset:
            return Bilingual(str(d["credit"]), str(d["credit_en"]))
    raise DataMissingError(
        "data_missing", path=str(LABOUR_DIR / "SOURCES.json"), script="scripts/build_labour.py", raw=dataset
    )


def _positions(keys: pd.Series, values: pd.Series) -> np.ndarray:
    """Position of each of ``values`` in ``keys`` (-1 when absent).

    ``values`` (millions of pairs) repeat few distinct ids: they are factorized first and only the distinct
    ones looked up (three times faster than hashing every string). Ids read as text on one side and as
    numbers on the other compare as text.
    """
    codes, uniques = pd.factorize(values)
    index, distinct = pd.Index(keys.to_numpy()), pd.Index(uniques)
    if index.dtype != distinct.dtype:
        index, distinct = index.astype(str), distinct.astype(str)
    where = np.asarray(index.get_indexer(distinct), dtype=np.int64)
    return np.where(codes >= 0, where[np.maximum(codes, 0)], -1) if len(where) else np.full(len(codes), -1)


def catchment_sums(catch: Catchments, values: pd.DataFrame) -> pd.DataFrame:
    """Sum ``values`` (index = unit code, numeric columns) over each site's catchment units.

    Parameters
    ----------
    catch
        The catchments; the sums go through their membership (``Catchments.membership``: per distinct
        unit set, never per site × unit pair).
    values
        Per unit figures; a unit missing from ``values`` or NaN there makes the site's sum unknown.

    Returns
    -------
    pandas.DataFrame
        One row per site (index of ``catch.sites``), the same columns; 0 for a site whose catchment is empty.
    """
    sites = catch.sites
    if values.empty:
        return pd.DataFrame(np.nan, index=sites.index, columns=values.columns)
    pos = _positions(pd.Series(values.index.astype(str)), pd.Series(catch.unit_codes.astype(str)))
    member = catch.membership
    out = pd.DataFrame(index=sites.index)
    for col in values.columns:
        v = values[col].to_numpy(dtype=float)
        per_unit = np.where(pos >= 0, v[np.maximum(pos, 0)], np.nan)  # a unit not in ``values``: unknown
        known = np.isfinite(per_unit)
        total = member.site_sums(np.where(known, per_unit, 0.0))
        out[col] = np.where(member.site_counts(~known) > 0, np.nan, total)
    return out


def with_outlook(catch: Catchments, outlook: pd.DataFrame | None = None) -> Catchments:
    """``catch`` with ``SITE_COLUMNS`` added to its sites (same catchment membership).

    ``catchment_working_age_<year>`` sums IPSS 15–64 (2020 = census, later years projected);
    ``catchment_ipss_group_share`` counts catchment units whose projection is a share of the 浜通り group;
    ``catchment_manufacturing_employees`` sums 工業統計 2019 persons engaged; ``jobs_share_of_catchment_manufacturing``
    = the site's jobs / that sum (NaN when either is unknown or the sum is 0).
    """
    units = (units_outlook() if outlook is None else outlook).set_index("code")
    values = units[WA_COLUMNS].copy()
    values["manufacturing_persons_2019"] = units["manufacturing_persons_2019"]
    values["group_share"] = (units["ipss_basis"] == "group_share").astype(float)
    sums = catchment_sums(catch, values)
    sites = catch.sites.copy()
    for col in WA_COLUMNS:
        sites[f"catchment_{col}"] = sums[col].to_numpy()
    sites["catchment_ipss_group_share"] = sums["group_share"].fillna(0).astype(int).to_numpy()
    mfg = sums["manufacturing_persons_2019"]
    sites["catchment_manufacturing_employees"] = mfg.to_numpy()
    jobs = pd.to_numeric(sites["jobs"], errors="coerce").astype(float)
    sites["jobs_share_of_catchment_manufacturing"] = (jobs / mfg.where(mfg > 0).to_numpy()).to_numpy()
    return Catchments(sites, catch.membership, catch.unit_codes, catch.radius_km)


def pref_outlook(pref_codes: list[str]) -> pd.DataFrame:
    """Projection and manufacturing figures per prefecture (index ``pref_code``).

    IPSS ``working_age_<year>`` (the IPSS prefecture rows), ``manufacturing_employees`` (2021 経済センサス,
    private, the industry table's sum) and ``manufacturing_persons_2019`` (工業統計 2019, sum of the units).
    """
    ipss = _ipss_prefs()[WA_COLUMNS]
    mfg21 = industry.structure("prefecture").q.employees["E"]
    mfg19 = _units().groupby("pref_code")["manufacturing_persons_2019"].sum(min_count=1)
    out = pd.DataFrame(index=pd.Index([str(c) for c in pref_codes], name="pref_code"))
    out = out.join(ipss)
    out["manufacturing_employees"] = mfg21.reindex(out.index).to_numpy()
    out["manufacturing_persons_2019"] = mfg19.reindex(out.index).to_numpy()
    return out[PREF_COLUMNS]


def block_outlook(prefs: pd.DataFrame) -> pd.DataFrame:
    """``PREF_COLUMNS`` summed per ``block`` of ``prefs`` (a block is unknown when any prefecture is)."""
    blocks = prefs["block"] if "block" in prefs else prefs["pref_code"].map(block_of)
    cols = [c for c in PREF_COLUMNS if c in prefs.columns]
    grouped = prefs[cols].astype(float).groupby(blocks.to_numpy())
    complete = prefs[cols].notna().groupby(blocks.to_numpy()).all()
    return grouped.sum(min_count=1).where(complete)


def projection_table(rows: dict[str, dict[str, object]]) -> pd.DataFrame:
    """Working age per year (index ``YEARS``) of labour records (``region_records``), one column per key.

    Each record's ``working_age_projection`` (year → value); a year without a value is NaN (unknown, never 0).
    """

    def series(row: dict[str, object]) -> list[object]:
        proj = row.get("working_age_projection")
        return [proj.get(str(y)) if isinstance(proj, dict) else None for y in YEARS]

    return pd.DataFrame({k: series(r) for k, r in rows.items()}, index=list(YEARS), dtype=float)


def index_2020(absolute: pd.DataFrame) -> pd.DataFrame:
    """Working age per year (index = ``YEARS``, one column per series) as an index, the first year = 100.

    A series whose first year is unknown or 0 stays unknown (never an index on a missing base).
    """
    return absolute.div(absolute.iloc[0].where(absolute.iloc[0] > 0)) * 100.0


def working_age_series(row: pd.Series | dict[str, object], prefix: str = "") -> dict[int, float | None]:
    """Year → working-age value of a row holding ``<prefix>working_age_<year>`` (None when unknown)."""
    out: dict[int, float | None] = {}
    for y, col in zip(YEARS, WA_COLUMNS, strict=True):
        v = row.get(prefix + col)
        out[y] = None if v is None or pd.isna(v) else float(v)  # type: ignore[arg-type]
    return out

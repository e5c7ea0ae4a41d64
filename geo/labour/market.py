"""How tight each prefecture's labour market is: 有効求人倍率, 最低賃金, high-school leavers who stay, commuting.

Data (``scripts/build_labour.py`` → ``data/labour/``), one row per prefecture and year: the published
有効求人倍率 (F310301, annual average, 受理地別), the 地域別最低賃金 per fiscal year (with its effective date),
high-school leavers employed and employed in their prefecture (学校基本調査; ``year`` = school year, i.e.
leavers of March ``year + 1``), and employed residents by place of work (2020 census). Each figure is the
latest year a prefecture has; shares are computed here from the counts. For blocks only the counts add up:
a block's ratio and minimum wage are unknown (None), its shares come from the summed counts.
"""

from __future__ import annotations

import functools

import pandas as pd

from geo.domain import block_of
from geo.errors import DataMissingError
from geo.labour.outlook import LABOUR_DIR

FILES: dict[str, str] = {
    "job_openings": "job_openings.parquet",
    "minimum_wage": "minimum_wage.parquet",
    "hs_leavers": "hs_leavers.parquet",
    "commuting": "commuting.parquet",
}
#: Columns :func:`pref_market` gives per prefecture.
PREF_COLUMNS: list[str] = [
    "job_openings_ratio",
    "job_openings_ratio_year",
    "minimum_wage_yen",
    "minimum_wage_fiscal_year",
    "minimum_wage_effective_date",
    "minimum_wage_source",
    "hs_leavers_year",
    "hs_leavers_employed",
    "hs_leavers_employed_in_pref",
    "hs_leavers_in_pref_share",
    "commuting_year",
    "workers_workplace_known",
    "work_in_own_muni",
    "share_working_in_own_municipality",
]
#: Counts a block sums (only when its prefectures share the year), and the year column of each.
_ADDITIVE = {
    "hs_leavers_employed": "hs_leavers_year",
    "hs_leavers_employed_in_pref": "hs_leavers_year",
    "workers_workplace_known": "commuting_year",
    "work_in_own_muni": "commuting_year",
}


@functools.cache
def _table(name: str) -> pd.DataFrame:
    path = LABOUR_DIR / FILES[name]
    if not path.is_file():
        raise DataMissingError("data_missing", path=str(path), script="scripts/build_labour.py", raw="labour")
    return pd.read_parquet(path)


def clear_caches() -> None:
    """Forget loaded data (tests that rebuild or replace the files)."""
    _table.cache_clear()


def table(name: str) -> pd.DataFrame:
    """One of the tidy tables (``FILES``), every prefecture and year."""
    return _table(name).copy()


def _latest(df: pd.DataFrame, year: str) -> pd.DataFrame:
    return df.sort_values(year).groupby("pref_code").tail(1).set_index("pref_code")


def _share(part: pd.Series, whole: pd.Series) -> pd.Series:
    return part.astype(float) / whole.astype(float).where(whole > 0)


def with_shares(df: pd.DataFrame) -> pd.DataFrame:
    """``df`` with ``hs_leavers_in_pref_share`` and ``share_working_in_own_municipality`` from its counts."""
    out = df.copy()
    out["hs_leavers_in_pref_share"] = _share(out["hs_leavers_employed_in_pref"], out["hs_leavers_employed"])
    out["share_working_in_own_municipality"] = _share(out["work_in_own_muni"], out["workers_workplace_known"])
    return out


def pref_market(pref_codes: list[str]) -> pd.DataFrame:
    """Latest labour-market figures per prefecture (index ``pref_code``, ``PREF_COLUMNS``)."""
    jobs = _latest(_table("job_openings"), "year")
    wage = _latest(_table("minimum_wage").dropna(subset=["minimum_wage_yen"]), "fiscal_year")
    hs = _latest(_table("hs_leavers"), "year")
    comm = _latest(_table("commuting"), "year")
    out = pd.DataFrame(index=pd.Index([str(c) for c in pref_codes], name="pref_code"))
    out["job_openings_ratio"] = jobs["active_opening_ratio"].reindex(out.index)
    out["job_openings_ratio_year"] = jobs["year"].reindex(out.index)
    out["minimum_wage_yen"] = wage["minimum_wage_yen"].reindex(out.index)
    out["minimum_wage_fiscal_year"] = wage["fiscal_year"].reindex(out.index)
    out["minimum_wage_effective_date"] = wage["effective_date"].reindex(out.index)
    out["minimum_wage_source"] = wage["source"].reindex(out.index)
    out["hs_leavers_year"] = hs["year"].reindex(out.index)
    out["hs_leavers_employed"] = hs["hs_grad_employed"].reindex(out.index)
    out["hs_leavers_employed_in_pref"] = hs["hs_grad_employed_in_pref"].reindex(out.index)
    out["commuting_year"] = comm["year"].reindex(out.index)
    known = comm[["work_in_own_muni", "work_in_other_muni_same_pref", "work_in_other_pref"]].sum(axis=1, min_count=3)
    out["workers_workplace_known"] = known.reindex(out.index)
    out["work_in_own_muni"] = comm["work_in_own_muni"].reindex(out.index)
    return with_shares(out)[PREF_COLUMNS]


def block_market(prefs: pd.DataFrame) -> pd.DataFrame:
    """Per ``block``: the summed counts and the shares from them; ratio and minimum wage unknown (None)."""
    blocks = prefs["block"] if "block" in prefs else prefs["pref_code"].map(block_of)
    rows = {}
    for block, part in prefs.groupby(blocks.to_numpy()):
        row: dict[str, object] = dict.fromkeys(PREF_COLUMNS)
        for count, year in _ADDITIVE.items():
            years = part[year].dropna().unique()
            if len(years) == 1 and part[count].notna().all():
                row[count], row[year] = float(part[count].sum()), int(years[0])
        rows[block] = row
    out = pd.DataFrame.from_dict(rows, orient="index", columns=PREF_COLUMNS)
    return with_shares(out.astype({c: float for c in _ADDITIVE}))


def _num(value: object, digits: int | None = None) -> float | int | None:
    try:
        x = float(value)  # type: ignore[arg-type]
    except (TypeError, ValueError):
        return None
    if x != x:  # NaN: unknown
        return None
    return round(x, digits) if digits is not None else int(round(x))


def _text(value: object) -> str | None:
    return value if isinstance(value, str) and value else None


def market_json(row: pd.Series | dict[str, object]) -> dict[str, object]:
    """The labour-market keys of one ``chiiki-map labour --json`` row, each ``{year or fiscal_year, value}``."""
    g = row.get
    return {
        "job_openings_ratio": {"year": _num(g("job_openings_ratio_year")), "value": _num(g("job_openings_ratio"), 2)},
        "minimum_wage_yen": {
            "fiscal_year": _num(g("minimum_wage_fiscal_year")),
            "value": _num(g("minimum_wage_yen")),
            "effective_date": _text(g("minimum_wage_effective_date")),
        },
        "hs_leavers_employed_in_pref": {
            "year": _num(g("hs_leavers_year")),
            "value": _num(g("hs_leavers_employed_in_pref")),
            "employed": _num(g("hs_leavers_employed")),
            "share": _num(g("hs_leavers_in_pref_share"), 4),
        },
        "share_working_in_own_municipality": {
            "year": _num(g("commuting_year")),
            "value": _num(g("share_working_in_own_municipality"), 4),
            "workers": _num(g("workers_workplace_known")),
            "in_own_municipality": _num(g("work_in_own_muni")),
        },
    }

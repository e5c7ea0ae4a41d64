"""Filter sites and summarise investment, jobs and land by field and prefecture."""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING

import pandas as pd

from geo.domain import ALL_FIELDS, PLAN_TYPES, PREFECTURES, STATUSES, Term, block_of
from geo.errors import ParameterError
from geo.sites.schema import NUMERIC_COLUMNS

if TYPE_CHECKING:
    import geopandas as gpd

    from geo.regions import Region


def check_ids(values: Iterable[str] | None, known: dict[str, Term], what: str) -> set[str] | None:
    """The selected ids as a set (None = no filter); unknown ids raise ``ParameterError`` (a ``ValueError``)."""
    if values is None:
        return None
    chosen = {values} if isinstance(values, str) else set(values)
    unknown = sorted(chosen - set(known))
    if unknown:
        raise ParameterError("ids_unknown", what=what, ids=", ".join(map(repr, unknown)), known=", ".join(known))
    return chosen


def filter_sites(
    sites: gpd.GeoDataFrame,
    region: Region | None = None,
    fields: Iterable[str] | None = None,
    plan_types: Iterable[str] | None = None,
    statuses: Iterable[str] | None = None,
) -> gpd.GeoDataFrame:
    """Sites in ``region`` (by ``pref_code``) with the given fields, plan types and statuses.

    ``None`` means no filter on that attribute; an empty collection selects nothing.
    """
    mask = pd.Series(True, index=sites.index)
    if region is not None:
        mask &= sites["pref_code"].isin(region.pref_codes)
    for col, values, known in (
        ("field", fields, ALL_FIELDS),
        ("plan_type", plan_types, PLAN_TYPES),
        ("status", statuses, STATUSES),
    ):
        chosen = check_ids(values, known, col)
        if chosen is not None:
            mask &= sites[col].isin(chosen)
    return sites.loc[mask]


def _group(sites: pd.DataFrame, keys: list[str]) -> pd.DataFrame:
    """Count and NaN-safe sums per group, biggest investment first (then most sites, most jobs)."""
    grouped = sites.groupby(keys, dropna=False)
    out = grouped.size().rename("n_sites").to_frame()
    for col in ("investment_oku_yen", "jobs"):
        out[col] = grouped[col].sum(min_count=0) if col in sites.columns else 0.0
    out = out.reset_index()
    return out.sort_values(
        ["investment_oku_yen", "n_sites", "jobs", *keys],
        ascending=[False, False, False, *[True] * len(keys)],
        kind="stable",
        ignore_index=True,
    )


def summarise(sites: pd.DataFrame) -> dict[str, object]:
    """Totals and breakdowns of ``sites``.

    Returns ``n_sites``; sums of ``investment_oku_yen``, ``jobs``, ``land_ha``, ``water_m3_day``,
    ``power_mw`` (unknown values count as 0) with ``n_investment_known`` (sites with an investment
    figure); ``by_field`` (``field``, ``n_sites``, ``investment_oku_yen``, ``jobs``); ``by_pref``
    (``pref_code``, ``block``, same measures); ``by_field_pref`` in long form (one row per prefecture ×
    field, prefectures ordered by their total investment) for a stacked bar chart. Codes only: the
    page or briefing names fields and prefectures in its language (``i18n.term_name``).
    """
    df = pd.DataFrame(sites).copy()
    for col in NUMERIC_COLUMNS:
        df[col] = pd.to_numeric(df[col], errors="coerce") if col in df.columns else float("nan")
    result: dict[str, object] = {"n_sites": int(len(df))}
    for col in NUMERIC_COLUMNS:
        result[col] = float(df[col].sum(min_count=0))
    result["n_investment_known"] = int(df["investment_oku_yen"].notna().sum())
    result["n_known"] = {col: int(df[col].notna().sum()) for col in NUMERIC_COLUMNS}

    result["by_field"] = _group(df, ["field"])

    by_pref = _group(df, ["pref_code"])
    by_pref.insert(1, "block", by_pref["pref_code"].map(lambda c: block_of(c) if c in PREFECTURES else None))
    result["by_pref"] = by_pref

    long = _group(df, ["pref_code", "field"])
    order = {code: i for i, code in enumerate(by_pref["pref_code"])}
    long["_pref_order"] = long["pref_code"].map(order)
    long = long.sort_values(
        ["_pref_order", "investment_oku_yen", "field"], ascending=[True, False, True], kind="stable", ignore_index=True
    )
    result["by_field_pref"] = long.drop(columns="_pref_order")
    return result


def largest_first(sites: pd.DataFrame) -> pd.DataFrame:
    """Sites by disclosed investment, largest first; undisclosed amounts last, ties in their order.

    The briefing's site table and the cards it inlines take the first rows of this order.
    """
    return sites.sort_values("investment_oku_yen", ascending=False, na_position="last", kind="stable")

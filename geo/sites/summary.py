"""Summarise investment, jobs and land of sites by field and prefecture (the filters: ``selection``)."""

from __future__ import annotations

import pandas as pd

from geo.domain import PREFECTURES, block_of
from geo.sites.schema import NUMERIC_COLUMNS


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

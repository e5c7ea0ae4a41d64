"""Words of the region comparison (地域比較): the page, the command line's rows and its errors."""

from __future__ import annotations

from collections.abc import Mapping

import i18n  # its ``t`` is looked up when called: this module is loaded while i18n merges TEXT
from i18n import Lang
from i18n import format as fmt

TEXT: dict[str, tuple[str, str]] = {
    "page_compare": ("地域比較", "Compare regions"),
    "compare_title": ("地域比較", "Compare regions"),
    "compare_caption": (
        "2〜4 の地域を並べ、地域カルテの数値とグラフを同じ目盛りで比べます。",
        "Two to four regions side by side: the figures and charts of the region profile, on the same scales.",
    ),
    "compare_regions": ("比べる地域（2〜4）", "Regions to compare (2–4)"),
    "compare_pick": ("地域を {n}〜{max} 選んでください。", "Choose {n} to {max} regions."),
    "compare_running": ("地域カルテを集計しています…", "Computing the region profiles…"),
    "compare_unit_oku_yen": ("億円（公表分）", "100 million yen (disclosed)"),
    "compare_unit_checks": ("判定数", "Checks"),
    "compare_unit_jobs": ("雇用（人）", "Jobs"),
    "compare_same_scale": (
        "各列とも同じ目盛り（0〜{top}）。バーの長さは地域間で直接比べられます。",
        "Every column uses the same scale (0–{top}): bar lengths compare across regions.",
    ),
    "compare_nothing": ("データなし", "Nothing to show"),
    "compare_col_figure": ("項目", "Figure"),
    "compare_row_sites": ("候補地数", "Sites"),
    "compare_row_investment_oku_yen": ("投資額（公表分、億円）", "Investment (disclosed, 100 million yen)"),
    "compare_row_sites_investment_unknown": ("投資額非公表の候補地", "Sites with undisclosed investment"),
    "compare_row_gaps_ok": ("インフラ判定：充足", "Infrastructure checks: ok"),
    "compare_row_gaps_gap": ("インフラ判定：不足", "Infrastructure checks: gap"),
    "compare_row_gaps_unknown": ("インフラ判定：不明", "Infrastructure checks: unknown"),
    "compare_row_land_available_ha": ("産業用地 利用可能（ha）", "Industrial land available (ha)"),
    "compare_row_land_demand_ha": ("産業用地 需要（ha）", "Industrial land demand (ha)"),
    "compare_row_land_balance_ha": ("産業用地 差引（ha）", "Industrial land balance (ha)"),
    "compare_row_labour_population": ("人口", "Population"),
    "compare_row_labour_working_age": ("生産年齢人口（推計）", "Working-age population (estimate)"),
    "compare_row_labour_working_age_2020": ("生産年齢人口 2020（国勢調査）", "Working age 2020 (census)"),
    "compare_row_labour_working_age_2035": ("生産年齢人口 2035（IPSS推計）", "Working age 2035 (IPSS projection)"),
    "compare_row_labour_working_age_2050": ("生産年齢人口 2050（IPSS推計）", "Working age 2050 (IPSS projection)"),
    "compare_row_labour_manufacturing_employees": (
        "製造業従業者（2021年 経済センサス）",
        "Manufacturing employees (2021 Economic Census)",
    ),
    "compare_row_labour_jobs_disclosed": ("雇用（公表）", "Jobs (disclosed)"),
    "compare_row_labour_jobs_estimated": ("雇用（推計）", "Jobs (estimated)"),
    "compare_row_labour_jobs_per_1000_working_age": (
        "生産年齢人口千人あたり雇用",
        "Jobs per 1,000 working-age",
    ),
    "compare_row_labour_kosen": ("高専", "KOSEN"),
    "compare_row_labour_universities": ("大学", "Universities"),
    "compare_row_industry_top_1": ("特化係数 1位（産業大分類）", "Highest location quotient (JSIC division)"),
    "compare_row_industry_top_2": ("特化係数 2位", "2nd highest location quotient"),
    "compare_row_industry_top_3": ("特化係数 3位", "3rd highest location quotient"),
    "compare_top_cell": ("{letter} {name}（{lq}）", "{letter} {name} ({lq})"),
    "compare_note": (
        "生産年齢人口の2035・2050年は国立社会保障・人口問題研究所『日本の地域別将来推計人口（令和5年推計）』の"
        "推計値（出生中位・死亡中位）で、実績ではありません。2020年は国勢調査（不詳補完値）。特化係数は{year}年 "
        "経済センサス-活動調査（民営）の従業者から本プロジェクトが算出（1.0 = 全国並み）。",
        "Working age 2035 and 2050 are IPSS regional projections (2023, medium variant) — projections, not "
        "counts; 2020 is the census. Location quotients are computed by this project from employees in the "
        "{year} Economic Census (private establishments); 1.0 = the national share.",
    ),
    "compare_lq_title": ("特化係数の高い産業（上位{n}）", "Most specialised industries (top {n})"),
    "compare_lq_scale": (
        "各列とも同じ目盛り（0〜{top}）。赤線は1.0（全国並み）。",
        "Every column uses the same scale (0–{top}); the red line is 1.0 (the national share).",
    ),
    "compare_year_kind": ("{year}年（{kind}）", "{year} ({kind})"),
    "compare_wa_scale": (
        "各列とも同じ目盛り（0〜{top}、2020年 = 100）。2035・2050年は推計値。",
        "Every column uses the same scale (0–{top}, 2020 = 100); 2035 and 2050 are projections.",
    ),
    "compare_outlook_scale": (
        "各列とも同じ目盛り（{low}〜{high}、2020年 = 100）。破線は推計。",
        "Every column uses the same scale ({low}–{high}, 2020 = 100); dashed lines are projections.",
    ),
    "err_cli_compare_many": (
        "ブリーフィングで比べる地域は 3 つまでです（指定 {n} 件）。",
        "a briefing compares at most 3 other regions (got {n})",
    ),
    "err_cli_compare_two": (
        "比べる地域を 2 つ以上指定してください（指定 {n} 件）。例: chiiki-map compare 43 01",
        "give two or more regions to compare (got {n}); e.g. chiiki-map compare 43 01",
    ),
}
#: Rows of the command line's table: a key of ``profile --json`` or ``<section>_<key>`` within one, in order.
COMPARE_ROWS: tuple[str, ...] = (
    "sites",
    "investment_oku_yen",
    "sites_investment_unknown",
    "gaps_ok",
    "gaps_gap",
    "gaps_unknown",
    "land_available_ha",
    "land_demand_ha",
    "land_balance_ha",
    "labour_population",
    "labour_working_age",
    "labour_working_age_2020",
    "labour_working_age_2035",
    "labour_working_age_2050",
    "labour_manufacturing_employees",
    "labour_jobs_disclosed",
    "labour_jobs_estimated",
    "labour_jobs_per_1000_working_age",
    "labour_kosen",
    "labour_universities",
    "industry_top_1",
    "industry_top_2",
    "industry_top_3",
)
_SECTIONS = ("gaps", "land", "labour")
_TOP = "industry_top_"


def compare_value(profile: Mapping[str, object], key: str) -> object:
    """The value of a ``COMPARE_ROWS`` key in one region's ``profile --json`` (None when missing).

    ``industry_top_<n>`` is the n-th entry of ``industry.top`` (the most specialised divisions, highest first).
    """
    if key.startswith(_TOP):
        industry = profile.get("industry")
        top = industry.get("top") if isinstance(industry, Mapping) else None
        n = int(key.removeprefix(_TOP))
        return top[n - 1] if isinstance(top, list) and len(top) >= n else None
    for section in _SECTIONS:
        if key.startswith(section + "_"):
            part = profile.get(section)
            return part.get(key.removeprefix(section + "_")) if isinstance(part, Mapping) else None
    return profile.get(key)


def compare_cell(profile: Mapping[str, object], key: str, lang: Lang) -> str:
    """One cell of the comparison: the figure with separators (decimals for ratios and ha), 不明 when unknown.

    A division of ``industry.top`` reads ``E 製造業（1.85）``: its letter, name and location quotient.
    """
    if key.startswith(_TOP):
        top = compare_value(profile, key)
        if not isinstance(top, Mapping):
            return fmt.missing(lang)
        name = top.get(f"name_{lang}") or top.get("name_ja")
        return i18n.t("compare_top_cell", lang, letter=top["division"], name=name, lq=fmt.number(top["lq"], lang, 2))
    digits = 2 if key.endswith("per_1000_working_age") else 1 if key.endswith("_ha") else 0
    return fmt.number(compare_value(profile, key), lang, digits)


def compare_label(key: str, lang: Lang) -> str:
    """The words of a ``COMPARE_ROWS`` key."""
    return i18n.t(f"compare_row_{key}", lang)

"""UI text of the region profile page (地域カルテ) and its briefing section."""

from __future__ import annotations

TEXT: dict[str, tuple[str, str]] = {
    "page_profile": ("地域カルテ", "Region profile"),
    "profile_title": ("地域カルテ：{name}", "Region profile: {name}"),
    "profile_caption": (
        "投資・インフラ・産業用地・人材を一か所で確認します（サイドバーの地域に追従）。",
        "Investment, infrastructure, industrial land and labour in one place (follows the sidebar region).",
    ),
    "profile_investment": ("投資", "Investment"),
    "profile_infra": ("インフラ（立地要件の判定）", "Infrastructure (requirement checks)"),
    "profile_land": ("産業用地", "Industrial land"),
    "profile_labour": ("人材", "Labour"),
    "profile_sites": ("候補地一覧", "Sites"),
    "profile_metric_investment": ("投資額（公表分、億円）", "Investment (disclosed, 100 million yen)"),
    "profile_metric_sites": ("候補地数", "Sites"),
    "profile_metric_undisclosed": ("投資額非公表", "Investment undisclosed"),
    "profile_by_field": ("分野別の投資額（億円、公表分）", "Investment by field (100 million yen, disclosed)"),
    "profile_by_status": ("状況別の投資額（億円、公表分）", "Investment by status (100 million yen, disclosed)"),
    "profile_gap_ok": ("充足", "ok"),
    "profile_gap_gap": ("不足", "gap"),
    "profile_gap_unknown": ("不明", "unknown"),
    "profile_gaps_chart": ("要件別の判定数", "Checks by requirement"),
    "profile_land_available": ("利用可能面積（ha）", "Available (ha)"),
    "profile_land_demand": ("需要（ha、未稼働案件）", "Demand (ha, sites not yet operating)"),
    "profile_land_balance": ("差引（ha）", "Balance (ha)"),
    "profile_land_unknown_note": (
        "用地の供給が分からない都道府県：{n}（差引は「不明」）。",
        "Prefectures whose land supply is unknown: {n} (balance unknown).",
    ),
    "profile_col_status": ("状況", "Status"),
    "profile_col_investment": ("投資額（億円）", "Investment (100 million yen)"),
    "profile_col_n_unknown": ("投資額非公表", "Undisclosed"),
    "profile_none": ("この地域に候補地がありません。", "No sites in this region."),
    # region profile (地域カルテ)
    "profile_industry": ("産業構造（特化係数の高い産業）", "Industry structure (most specialised divisions)"),
    "profile_industry_note": (
        "2021年 経済センサス-活動調査（民営）による特化係数。1.0 = 全国平均。",
        "Location quotients from the 2021 Economic Census (private establishments); 1.0 = national average.",
    ),
}

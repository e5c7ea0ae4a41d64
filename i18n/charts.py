"""UI text of the charts and tables every page shares (``ui.charts``) and the briefing's bars."""

from __future__ import annotations

TEXT: dict[str, tuple[str, str]] = {
    "chart_no_data": ("データなし", "No data"),
    "chart_investment_axis": ("投資額（億円）", "Investment (100 million yen)"),
    "chart_jobs_axis": ("雇用（人）", "Jobs"),
    "chart_jobs_per_1000_axis": ("生産年齢人口千人あたりの雇用（人）", "Jobs per 1,000 working-age people"),
    "chart_checks_axis": ("判定数", "Checks"),
    "chart_ha_axis": ("面積（ha）", "Area (ha)"),
}

"""UI text of the charts and tables every page shares (``ui.charts``) and the briefing's bars."""

from __future__ import annotations

TEXT: dict[str, tuple[str, str]] = {
    "chart_no_data": ("データなし", "No data"),
}

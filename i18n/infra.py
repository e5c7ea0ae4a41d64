"""Words of honest infrastructure: estimated links, the offline base map.

Completeness words are in ``i18n/completeness.py``; the layer import page's words in ``i18n/layer_import.py``.
"""

from __future__ import annotations

TEXT: dict[str, tuple[str, str]] = {
    # completeness of a layer in the region shown: i18n/completeness.py
    # the 2016 power grid: straight estimated links
    "power_lines_estimated": ("推定接続（2016）", "Estimated links (2016)"),
    "legend_rail": (
        "鉄道（OSM・国土数値情報 N02 主要路線、同一表示）",
        "Railways (OSM and KSJ N02 main lines, one style)",
    ),
    # unknown values
    "unknown_value": ("不明", "unknown"),
    # offline base map
    "offline_basemap": ("オフライン背景（行政界・地名）", "Offline base map (boundaries, names)"),
    "municipalities_layer": ("市区町村界", "Municipal boundaries"),
    "place_names_layer": ("地名", "Place names"),
    # gaps: why
    "gaps_col_completeness": ("データの網羅性", "Data completeness"),
    "gaps_col_reason": ("判定理由", "Reason"),
    # layer import page
}

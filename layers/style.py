"""Colours and sizes: one palette for the live map, the legend, the pages' charts and exported briefings.

Every colour the interface uses is named here (the map layers, the legends, the pages' tables and charts,
the briefing's profile bars); modules import them, none writes a hex code of its own.
"""

from __future__ import annotations

import math

import numpy as np

from geo.domain import ALL_FIELDS

# 22 distinguishable colours, one per field id (17 strategic fields + 5 local categories).
_PALETTE = (
    "#e6194b",
    "#3cb44b",
    "#4363d8",
    "#f58231",
    "#911eb4",
    "#42d4f4",
    "#f032e6",
    "#9a6324",
    "#469990",
    "#808000",
    "#000075",
    "#800000",
    "#ffe119",
    "#1f78b4",
    "#004d40",  # defence: not grey, which is the infrastructure's colour family
    "#fabed4",
    "#dcbeff",
    "#aaffc3",
    "#ffd8b1",
    "#bfef45",
    "#fffac8",
    "#6a3d9a",
)
FIELD_COLOURS: dict[str, str] = dict(zip(ALL_FIELDS, _PALETTE, strict=True))
UNKNOWN_FIELD_COLOUR = "#555555"

PREF_STYLE = {"color": "#7a7a7a", "weight": 1, "fill": "#f7f4ec", "fillOpacity": 0.85, "opacity": 0.9}
BLOCK_STYLE = {"color": "#303030", "weight": 2.5, "fill": "none", "fillOpacity": 0.0, "opacity": 0.9}
SITE_STYLE = {"weight": 1.5, "fillOpacity": 0.85, "color": "#222222"}
#: Map background where no basemap tiles are drawn (the sea).
SEA_COLOUR = "#dbe7f0"

#: Per infrastructure layer: colour, line weight or point radius, point ``shape``, dash.
#: Sites are filled circles in the (saturated) field colours; infrastructure uses its own family so the
#: two cannot be confused: muted greys and slate, points as white-filled shapes (square, triangle,
#: diamond, cross) with a dark outline, lines told apart by weight and dash (roads thin solid, power lines
#: dotted, railways dashed, expressways thick).
LAYER_STYLES: dict[str, dict[str, object]] = {
    "roads": {"color": "#a89f94", "weight": 1},  # 1 px: dense, and a thin stroke is the cheapest to draw
    "expressways": {"color": "#5f6368", "weight": 3},
    "expressway_ic": {"color": "#3c4043", "radius": 4, "weight": 1.5, "shape": "square"},
    "railways": {"color": "#4a4a4a", "weight": 2, "dash": "6 3"},
    "stations": {"color": "#4a4a4a", "radius": 3.5, "weight": 1.5, "shape": "square"},
    "industrial_water": {"color": "#5c7f95", "weight": 2, "radius": 5, "shape": "diamond"},
    "substations": {"color": "#7a7350", "radius": 4.5, "weight": 1.5, "shape": "triangle"},
    "power_lines": {"color": "#8c8465", "weight": 1.5, "dash": "1 3"},  # straight estimated links (2016)
    "power_plants": {"color": "#5b5640", "radius": 6, "weight": 2, "shape": "triangle"},
    "ports": {"color": "#455a64", "radius": 6, "weight": 2, "shape": "diamond"},
    "airports": {"color": "#37474f", "radius": 7, "weight": 2.5, "shape": "cross"},
    "industrial_land": {"color": "#8d7f70", "weight": 1, "radius": 5, "shape": "square"},
    # legend swatches of the analysis overlays (drawn by layers.analysis)
    "clusters": {"color": "#6a1b9a"},
    "gaps": {"color": "#d62728"},
}
#: Infrastructure points are white inside (sites are filled with their field colour).
INFRA_POINT_FILL = "#ffffff"
#: Gap markers and the gaps legend: the worst status of a site (red gap, grey unknown, green ok).
STATUS_COLOURS = {"gap": "#d62728", "unknown": "#9e9e9e", "ok": "#2ca02c"}
DEFAULT_LAYER_STYLE: dict[str, object] = {"color": "#444444", "weight": 2, "radius": 3, "fillOpacity": 0.7}
#: Cluster outlines of clusters that cross a prefecture border.
CROSS_PREF_COLOUR = "#d62728"
#: Table cells and rows on the pages: gap statuses (light), cross-prefecture clusters.
STATUS_CELL_COLOURS = {"ok": "#d9f2d9", "gap": "#f8c9c4", "unknown": "#e6e6e6"}
CROSS_PREF_ROW_COLOUR = "#fde0dc"
#: Pipeline jobs by basis (stacked bars of the labour page, the profile page and the briefing's profile).
JOBS_COLOURS = {"disclosed": "#2b8cbe", "estimated": "#fdae6b"}
#: The briefing's profile bars: investment, jobs by basis, gap statuses.
PROFILE_COLOURS = {"investment": "#31688e", **JOBS_COLOURS, **STATUS_COLOURS}

#: Unknown values on a choropleth (land, labour): grey, hatched by ``layers.legend.CornerLegend``'s pattern.
UNKNOWN_FILL = "#cfcfcf"
#: The legend swatch of that hatch.
UNKNOWN_HATCH_CSS = "repeating-linear-gradient(45deg,#8a8a8a 0 2px,#e3e3e3 2px 6px)"
#: Land balance classes (upper bound in ha, exclusive; colour; UI text key): red shortfall to green surplus.
BALANCE_CLASSES: list[tuple[float, str, str]] = [
    (-50.0, "#b2182b", "land_legend_short_large"),
    (0.0, "#ef8a62", "land_legend_short"),
    (50.0, "#a6dba0", "land_legend_surplus"),
    (math.inf, "#1b7837", "land_legend_surplus_large"),
]
BALANCE_OUTLINE = {"known": "#555555", "unknown": "#777777"}
#: Parcels whose available area is known / unknown.
PARCEL_KNOWN = "#1b7837"
PARCEL_UNKNOWN = "#8d6e63"
#: Priority firms: connector ≥ hub, hub > connector.
FIRM_CONNECTOR = "#e66101"
FIRM_HUB = "#5e3c99"
#: Working-age population 2050 ÷ 2020 (IPSS) classes: reds darker for a steeper fall, blue for growth.
WA_CHANGE_CLASSES: list[tuple[float, str, str]] = [
    (0.40, "#99000d", "labour_class_change_1"),
    (0.55, "#cb181d", "labour_class_change_2"),
    (0.70, "#ef3b2c", "labour_class_change_3"),
    (0.85, "#fc9272", "labour_class_change_4"),
    (1.00, "#fee0d2", "labour_class_change_5"),
    (float("inf"), "#4393c3", "labour_class_change_6"),
]
#: Labour choropleth classes per measure (upper bound, exclusive; colour; UI text key). Light to dark.
LABOUR_CLASSES: dict[str, list[tuple[float, str, str]]] = {
    "working_age": [
        (10_000.0, "#eff3ff", "labour_class_wa_1"),
        (30_000.0, "#bdd7e7", "labour_class_wa_2"),
        (100_000.0, "#6baed6", "labour_class_wa_3"),
        (300_000.0, "#3182bd", "labour_class_wa_4"),
        (math.inf, "#08519c", "labour_class_wa_5"),
    ],
    "jobs_per_1000_working_age": [
        (1.0, "#fee5d9", "labour_class_jobs_1"),
        (5.0, "#fcae91", "labour_class_jobs_2"),
        (20.0, "#fb6a4a", "labour_class_jobs_3"),
        (math.inf, "#cb181d", "labour_class_jobs_4"),
    ],
    "working_age_change": WA_CHANGE_CLASSES,  # working age 2050 ÷ 2020 (IPSS projection)
}
#: Municipalities no site's catchment reaches (jobs ratio 0 by construction).
LABOUR_NONE_FILL = "#f7f7f7"
LABOUR_OUTLINE = "#666666"
SCHOOL_COLOURS = {"kosen": "#e6550d", "university": "#3f007d", "junior_college": "#807dba"}
CATCHMENT_COLOUR = "#d94801"
#: Marker outlines of analysis points (gaps, firms).
MARKER_OUTLINE = "#222222"
#: The offline base map: municipal outlines and the place-name colours per label kind.
MUNICIPALITY_STYLE = {"color": "#9e9e9e", "weight": 0.8, "opacity": 0.9, "fill": None, "fillOpacity": 0.0}
LABEL_COLOURS = {
    "pref": "#37474f",
    "muni": "#455a64",
    "airport": "#6a1b9a",
    "port": "#01579b",
    "station": "#263238",
    "ic": "#1b5e20",
}


def field_colour(field: str | None) -> str:
    """Colour of a field / local-category id."""
    return FIELD_COLOURS.get(str(field), UNKNOWN_FIELD_COLOUR)


def site_radii(investment_oku_yen: np.ndarray) -> np.ndarray:
    """Circle radii in pixels: area grows with investment; undisclosed amounts get the minimum (5 px)."""
    v = np.asarray(investment_oku_yen, dtype=float)
    known = np.isfinite(v) & (v > 0)
    grown = np.round(np.minimum(5.0 + 2.2 * np.sqrt(np.where(known, v, 0.0) / 100.0), 32.0), 1)
    return np.where(known, grown, 5.0)


def layer_style(layer_id: str) -> dict[str, object]:
    """Style of an infrastructure layer (falls back to a neutral grey); points get a white fill."""
    style = {**DEFAULT_LAYER_STYLE, **LAYER_STYLES.get(layer_id, {})}
    if "shape" in style and layer_id != "industrial_land":
        style.setdefault("fill", INFRA_POINT_FILL)
        style["fillOpacity"] = 0.95
    return style


#: 特化係数 classes (upper bound, exclusive; colour; UI text key): diverging at 1.0 = the national average,
#: blue below (less specialised than Japan), red above.
LQ_BREAK = 1.0
LQ_CLASSES: list[tuple[float, str, str]] = [
    (0.5, "#2166ac", "industry_class_1"),
    (0.8, "#67a9cf", "industry_class_2"),
    (LQ_BREAK, "#d1e5f0", "industry_class_3"),
    (1.25, "#fddbc7", "industry_class_4"),
    (2.0, "#ef8a62", "industry_class_5"),
    (float("inf"), "#b2182b", "industry_class_6"),
]
#: Series colours of the 産業構造 and 人材需要 charts: region, selected site, the 1.0 / reference line.
CHART_COLOURS = {"region": "#31688e", "site": "#d94801", "reference": "#d62728", "manufacturing": "#7a5195"}


def class_of(classes: list[tuple[float, str, str]], value: float) -> tuple[str, str]:
    """(colour, UI text key) of the class holding a known ``value`` (upper bounds exclusive)."""
    for upper, colour, key in classes:
        if value < upper:
            return colour, key
    return classes[-1][1], classes[-1][2]

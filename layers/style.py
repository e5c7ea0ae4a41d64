"""Colours and sizes: one palette for the live map, the legend and exported briefings."""

from __future__ import annotations

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

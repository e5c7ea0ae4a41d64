"""Map layer of the plan-B priority firms: circles sized by connector + hub degree.

Only drawing: the numbers come from ``geo.analysis.firms``. Every text that reaches tooltip, popup or
legend HTML is escaped.
"""

from __future__ import annotations

import math
from collections.abc import Iterable

import folium
import geopandas as gpd
import pandas as pd

from geo.crs import CRS_STORE
from i18n import Lang, t
from layers.geojson_layer import add_geojson_layer, to_geojson
from layers.legend import CornerLegend
from layers.markup import escape_text, escaped_props
from layers.popups import firm_popup
from layers.style import FIRM_CONNECTOR, FIRM_HUB, MARKER_OUTLINE


def firm_radius(score: float) -> float:
    """Marker radius in px from connector + hub (area grows with the score)."""
    return 5.0 if not math.isfinite(score) or score <= 0 else round(min(5.0 + 18.0 * math.sqrt(score), 30.0), 1)


def add_firm_layer(m: folium.Map, firms: pd.DataFrame, lang: Lang = "ja") -> int:
    """Firms with coordinates as circles sized by connector + hub, orange if connector ≥ hub else purple.

    Returns the number of firms drawn.
    """
    placed = firms[firms["lon"].notna() & firms["lat"].notna()]
    if placed.empty:
        return 0
    gdf = gpd.GeoDataFrame(placed, geometry=gpd.points_from_xy(placed["lon"], placed["lat"]), crs=CRS_STORE)
    tips = [f"#{r} {f}" for r, f in zip(gdf["rank"], gdf["firm"], strict=True)]
    popups = [firm_popup(r, lang) for r in gdf.itertuples()]
    props: dict[str, Iterable[object]] = {
        "_fill": [FIRM_CONNECTOR if c >= h else FIRM_HUB for c, h in zip(gdf["connector"], gdf["hub"], strict=True)],
        "_radius": [firm_radius(s) for s in gdf["score"]],
        "_tip": escaped_props(tips),
        "_popup": popups,
    }
    add_geojson_layer(
        m,
        "firms",
        t("firms_layer", lang),
        pane="sites",
        data=to_geojson(gdf, props, decimals=5),
        style={"color": MARKER_OUTLINE, "weight": 1, "fillOpacity": 0.8},
    )
    legend = (
        f"<b>{escape_text(t('firms_legend_title', lang))}</b>"
        f'<div><i style="background:{FIRM_CONNECTOR};border-radius:50%;width:11px"></i>'
        f"{escape_text(t('firms_legend_connector', lang))}</div>"
        f'<div><i style="background:{FIRM_HUB};border-radius:50%;width:11px"></i>'
        f"{escape_text(t('firms_legend_hub', lang))}</div>"
        f"<div><small>{escape_text(t('firms_legend_size', lang))}</small></div>"
    )
    CornerLegend(legend).add_to(m)
    return len(gdf)

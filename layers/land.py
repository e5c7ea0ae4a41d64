"""Map layers of the land and firm analyses: prefecture balance choropleth, parcels, priority firms.

Only drawing: the numbers come from ``geo.analysis.land_balance`` and ``geo.analysis.firms``. A prefecture whose
available land is unknown is drawn grey and hatched (「不明」), never in the colour of zero. Every text
that reaches tooltip/popup/legend HTML is escaped.
"""

from __future__ import annotations

import math

import folium
import geopandas as gpd
import pandas as pd
from jinja2 import Template

from geo import regions
from i18n import t
from layers.element import Macro
from layers.geojson_layer import add_geojson_layer, to_geojson
from layers.markup import escape_text, escaped_props
from layers.popups import balance_tooltip, firm_popup, parcel_popup

#: Balance classes (upper bound in ha, exclusive) → colour; diverging red (shortfall) to green (surplus).
BALANCE_CLASSES: list[tuple[float, str, str]] = [
    (-50.0, "#b2182b", "land_legend_short_large"),
    (0.0, "#ef8a62", "land_legend_short"),
    (50.0, "#a6dba0", "land_legend_surplus"),
    (math.inf, "#1b7837", "land_legend_surplus_large"),
]
UNKNOWN_FILL = "#cfcfcf"
PARCEL_KNOWN = "#1b7837"
PARCEL_UNKNOWN = "#8d6e63"
FIRM_CONNECTOR = "#e66101"
FIRM_HUB = "#5e3c99"

_TEMPLATE = """
{% macro header(this, kwargs) %}<style>
.cm-land-unknown{fill:url(#cm-hatch)}
.cm-land-legend{background:rgba(255,255,255,.92);padding:6px 8px;border-radius:4px;
font:12px/1.35 sans-serif;box-shadow:0 1px 4px rgba(0,0,0,.3)}
.cm-land-legend i{display:inline-block;width:14px;height:11px;margin-right:5px;vertical-align:-1px}
</style>{% endmacro %}
{% macro html(this, kwargs) %}<svg width="0" height="0" style="position:absolute" aria-hidden="true"><defs>
<pattern id="cm-hatch" patternUnits="userSpaceOnUse" width="8" height="8" patternTransform="rotate(45)">
<rect width="8" height="8" fill="#e3e3e3"></rect><line x1="0" y1="0" x2="0" y2="8" stroke="#8a8a8a"
stroke-width="3"></line></pattern></defs></svg>{% endmacro %}
{% macro script(this, kwargs) %}
cmMap.legend({{ this._parent.get_name() }}, {{ this.legend_html|tojson }}, {{ this.options|tojson }});
{% endmacro %}
"""


class LandLegend(Macro):
    """The hatch pattern for unknown areas plus a legend box (``legend_html`` must be escaped HTML)."""

    _template = Template(_TEMPLATE)

    def __init__(self, legend_html: str) -> None:
        super().__init__()
        self._name = "LandLegend"
        self.legend_html = legend_html
        self.options = {"position": "bottomleft", "cls": "cm-land-legend", "stop": False}


def balance_colour(balance_ha: float) -> str:
    """Fill colour of a known balance in ha."""
    for upper, colour, _key in BALANCE_CLASSES:
        if balance_ha < upper:
            return colour
    return BALANCE_CLASSES[-1][1]


def add_balance_layers(m: folium.Map, table: pd.DataFrame, lang: str = "ja") -> None:
    """Choropleth of ``land_balance`` rows: coloured where known, grey hatched 「不明」 where unknown."""
    prefs = regions.prefectures()[["code", "geometry"]].rename(columns={"code": "pref_code"})
    joined = gpd.GeoDataFrame(prefs.merge(table, on="pref_code", how="inner"), geometry="geometry", crs=prefs.crs)
    known = joined[joined["balance_ha"].notna()]
    unknown = joined[joined["balance_ha"].isna()]
    if len(known):
        data = to_geojson(
            known,
            {
                "_fill": [balance_colour(b) for b in known["balance_ha"]],
                "_tip": [balance_tooltip(r, lang) for _, r in known.iterrows()],
            },
            decimals=4,
            simplify_deg=0.002,
        )
        add_geojson_layer(
            m,
            "land-balance",
            t("land_layer_balance", lang),
            data=data,
            style={"color": "#555555", "weight": 1, "fillOpacity": 0.7},
        )
    if len(unknown):
        data = to_geojson(
            unknown, {"_tip": [balance_tooltip(r, lang) for _, r in unknown.iterrows()]}, decimals=4, simplify_deg=0.002
        )
        add_geojson_layer(
            m,
            "land-unknown",
            t("land_layer_unknown", lang),
            data=data,
            style={"color": "#777777", "weight": 1, "fill": UNKNOWN_FILL, "fillOpacity": 0.8, "dash": "4 3"},
        )
    LandLegend(balance_legend_html(lang)).add_to(m)


def balance_legend_html(lang: str = "ja") -> str:
    """Legend body of the choropleth and the parcel markers."""
    parts = [f"<b>{escape_text(t('land_legend_title', lang))}</b>"]
    for _upper, colour, key in BALANCE_CLASSES:
        parts.append(f'<div><i style="background:{colour}"></i>{escape_text(t(key, lang))}</div>')
    parts.append(
        '<div><i style="background:repeating-linear-gradient(45deg,'
        f'#8a8a8a 0 2px,#e3e3e3 2px 6px)"></i>{escape_text(t("value_unknown", lang))}</div>'
    )
    parts.append(
        f'<div><i style="background:{PARCEL_KNOWN};border-radius:50%;width:11px"></i>'
        f"{escape_text(t('land_legend_parcel_known', lang))}</div>"
    )
    parts.append(
        f'<div><i style="background:{PARCEL_UNKNOWN};border-radius:50%;width:11px"></i>'
        f"{escape_text(t('land_legend_parcel_unknown', lang))}</div>"
    )
    return "".join(parts)


def add_parcel_layer(m: folium.Map, parcels: gpd.GeoDataFrame, lang: str = "ja") -> None:
    """Parcels (polygons or points): green where availability is known, brown where unknown."""
    if parcels.empty:
        return
    known = parcels["available_ha"].notna()
    props = {
        "_color": [PARCEL_KNOWN if k else PARCEL_UNKNOWN for k in known],
        "_tip": escaped_props(parcels["name"]),
        "_popup": [parcel_popup(r, lang) for _, r in parcels.iterrows()],
    }
    add_geojson_layer(
        m,
        "land-parcels",
        t("land_layer_parcels", lang),
        pane="sites",
        data=to_geojson(parcels, props, decimals=5),
        style={"weight": 2, "radius": 7, "fillOpacity": 0.55},
    )


def firm_radius(score: float) -> float:
    """Marker radius in px from connector + hub (area grows with the score)."""
    return 5.0 if not math.isfinite(score) or score <= 0 else round(min(5.0 + 18.0 * math.sqrt(score), 30.0), 1)


def add_firm_layer(m: folium.Map, firms: pd.DataFrame, lang: str = "ja") -> int:
    """Firms with coordinates as circles sized by connector + hub, orange if connector ≥ hub else purple.

    Returns the number of firms drawn.
    """
    placed = firms[firms["lon"].notna() & firms["lat"].notna()]
    if placed.empty:
        return 0
    gdf = gpd.GeoDataFrame(placed, geometry=gpd.points_from_xy(placed["lon"], placed["lat"]), crs="EPSG:4326")
    tips = [f"#{r} {f}" for r, f in zip(gdf["rank"], gdf["firm"], strict=True)]
    popups = [firm_popup(r, lang) for r in gdf.itertuples()]
    props = {
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
        style={"color": "#222222", "weight": 1, "fillOpacity": 0.8},
    )
    legend = (
        f"<b>{escape_text(t('firms_legend_title', lang))}</b>"
        f'<div><i style="background:{FIRM_CONNECTOR};border-radius:50%;width:11px"></i>'
        f"{escape_text(t('firms_legend_connector', lang))}</div>"
        f'<div><i style="background:{FIRM_HUB};border-radius:50%;width:11px"></i>'
        f"{escape_text(t('firms_legend_hub', lang))}</div>"
        f"<div><small>{escape_text(t('firms_legend_size', lang))}</small></div>"
    )
    LandLegend(legend).add_to(m)
    return len(gdf)

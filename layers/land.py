"""Map layers of the land analysis: prefecture balance choropleth and parcels.

Only drawing: the numbers come from ``geo.analysis.land_balance``. A prefecture whose
available land is unknown is drawn grey and hatched (「不明」), never in the colour of zero. Every text
that reaches tooltip/popup/legend HTML is escaped.
"""

from __future__ import annotations

import folium
import geopandas as gpd
import pandas as pd

from geo import regions
from i18n import Lang, t
from layers.geojson_layer import add_geojson_layer, to_geojson
from layers.legend import CornerLegend
from layers.markup import escape_text, escaped_props
from layers.popups import balance_tooltip, parcel_popup
from layers.style import (
    BALANCE_CLASSES,
    BALANCE_OUTLINE,
    PARCEL_KNOWN,
    PARCEL_UNKNOWN,
    UNKNOWN_FILL,
    UNKNOWN_HATCH_CSS,
)


def balance_colour(balance_ha: float) -> str:
    """Fill colour of a known balance in ha."""
    for upper, colour, _key in BALANCE_CLASSES:
        if balance_ha < upper:
            return colour
    return BALANCE_CLASSES[-1][1]


def add_balance_layers(m: folium.Map, table: pd.DataFrame, lang: Lang = "ja") -> None:
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
            style={"color": BALANCE_OUTLINE["known"], "weight": 1, "fillOpacity": 0.7},
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
            style={
                "color": BALANCE_OUTLINE["unknown"],
                "weight": 1,
                "fill": UNKNOWN_FILL,
                "fillOpacity": 0.8,
                "dash": "4 3",
            },
        )
    CornerLegend(balance_legend_html(lang)).add_to(m)


def balance_legend_html(lang: Lang = "ja") -> str:
    """Legend body of the choropleth and the parcel markers."""
    parts = [f"<b>{escape_text(t('land_legend_title', lang))}</b>"]
    for _upper, colour, key in BALANCE_CLASSES:
        parts.append(f'<div><i style="background:{colour}"></i>{escape_text(t(key, lang))}</div>')
    parts.append(f'<div><i style="background:{UNKNOWN_HATCH_CSS}"></i>{escape_text(t("value_unknown", lang))}</div>')
    parts.append(
        f'<div><i style="background:{PARCEL_KNOWN};border-radius:50%;width:11px"></i>'
        f"{escape_text(t('land_legend_parcel_known', lang))}</div>"
    )
    parts.append(
        f'<div><i style="background:{PARCEL_UNKNOWN};border-radius:50%;width:11px"></i>'
        f"{escape_text(t('land_legend_parcel_unknown', lang))}</div>"
    )
    return "".join(parts)


def add_parcel_layer(m: folium.Map, parcels: gpd.GeoDataFrame, lang: Lang = "ja") -> None:
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

"""Assemble the folium map: boundaries, infrastructure layers, sites, legend, credits, basemap."""
from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import folium
import geopandas as gpd

from i18n import t
from layers.assets import use_local_leaflet
from layers.geojson_layer import add_geojson_layer
from layers.legend import add_legend
from layers.sites import sites_geojson
from layers.style import BLOCK_STYLE, PREF_STYLE, layer_style

GSI_PALE_URL = "https://cyberjapandata.gsi.go.jp/xyz/pale/{z}/{x}/{y}.png"
GSI_ATTRIBUTION = '<a href="https://maps.gsi.go.jp/development/ichiran.html">地理院タイル</a>'


@dataclass(frozen=True)
class MapLayer:
    """A vector layer to draw: inline GeoJSON ``data`` or a static ``url`` the browser fetches."""

    id: str
    name: str
    kind: str
    url: str | None = None
    data: Mapping[str, Any] | None = None


def build_map(
    *,
    bounds: Sequence[float],
    sites: gpd.GeoDataFrame,
    prefectures: MapLayer,
    blocks: MapLayer,
    layers: Sequence[MapLayer] = (),
    credits: Sequence[str] = (),
    lang: str = "ja",
    basemap: bool = False,
    leaflet_base_url: str | None = None,
) -> folium.Map:
    """The map for one view. ``bounds`` = (minx, miny, maxx, maxy) in EPSG:4326.

    With ``basemap`` False no tile is requested at all (offline / LGWAN); the sea colour and the
    prefecture fill still make a readable map.
    """
    m = folium.Map(tiles=None, control_scale=True, prefer_canvas=False, zoom_snap=0.25)
    if leaflet_base_url is None:
        use_local_leaflet(m)
    else:
        use_local_leaflet(m, leaflet_base_url)
    if basemap:
        folium.TileLayer(
            GSI_PALE_URL, attr=GSI_ATTRIBUTION, name=t("basemap", lang), max_zoom=18, overlay=False
        ).add_to(m)
    add_geojson_layer(m, "pref", t("prefectures_layer", lang), pane="base", url=prefectures.url,
                      data=prefectures.data, style=PREF_STYLE)
    for layer in layers:
        add_geojson_layer(m, f"layer-{layer.id}", layer.name, url=layer.url, data=layer.data,
                          style=layer_style(layer.id))
    add_geojson_layer(m, "block", t("blocks_layer", lang), pane="outline", url=blocks.url, data=blocks.data,
                      style=BLOCK_STYLE, interactive=False)
    add_geojson_layer(m, "site", t("sites_layer", lang), pane="sites", data=sites_geojson(sites, lang),
                      style={"weight": 1.5, "fillOpacity": 0.85, "color": "#222222"})
    fields = list(dict.fromkeys(sites["field"].astype(str))) if not sites.empty else []
    add_legend(m, fields, [(x.id, x.name, x.kind) for x in layers], credits, lang)
    folium.LayerControl(collapsed=True).add_to(m)
    minx, miny, maxx, maxy = bounds
    m.fit_bounds([[miny, minx], [maxy, maxx]])
    return m

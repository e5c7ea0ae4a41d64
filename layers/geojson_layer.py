"""One folium element for every vector layer: GeoJSON inlined, or fetched once from a static URL.

Large layers go to static files the browser fetches and caches, so a Streamlit re-run does not
re-send them. Feature properties ``_tip`` and ``_popup`` are HTML built by :func:`escaped_props`
from escaped text only; ``_color``/``_radius`` override the layer style per feature.
"""
from __future__ import annotations

import html
from collections.abc import Iterable, Mapping
from typing import Any

import folium
import geopandas as gpd
import numpy as np
import shapely
from branca.element import MacroElement
from jinja2 import Template

_TEMPLATE = """
{% macro script(this, kwargs) %}
(function () {
  var group = {{ this._parent.get_name() }};
  var map = {{ this.map_name }};
  var o = {{ this.options|tojson }};
  if (!map.getPane(o.pane)) { map.createPane(o.pane).style.zIndex = String(o.zIndex); }
  function styleOf(f) {
    var p = (f && f.properties) || {};
    return {color: p._color || o.color, weight: o.weight, opacity: o.opacity,
            fillColor: p._fill || o.fill || p._color || o.color, fillOpacity: o.fillOpacity,
            dashArray: o.dash, radius: p._radius || o.radius, className: o.className,
            interactive: o.interactive, pane: o.pane};
  }
  function add(data) {
    L.geoJSON(data, {
      style: styleOf,
      interactive: o.interactive,
      pane: o.pane,
      pointToLayer: function (f, latlng) { return L.circleMarker(latlng, styleOf(f)); },
      onEachFeature: function (f, layer) {
        var p = f.properties || {};
        if (p._tip) { layer.bindTooltip(p._tip, {sticky: f.geometry.type !== "Point"}); }
        if (p._popup) { layer.bindPopup(p._popup, {maxWidth: 360}); }
      }
    }).addTo(group);
    var mark = function () {
      group._map.getContainer().setAttribute("data-loaded-" + o.key, String((data.features || []).length));
    };
    if (group._map) { mark(); } else { group.once("add", mark); }
  }
  {% if this.url %}
  fetch({{ this.url|tojson }})
    .then(function (r) { if (!r.ok) { throw new Error("HTTP " + r.status); } return r.json(); })
    .then(add)
    .catch(function (e) { console.warn("layer " + o.key + " not loaded: " + e); });
  {% else %}
  add({{ this.data|tojson }});
  {% endif %}
})();
{% endmacro %}
"""


#: Drawing order, independent of when a fetched file arrives: boundaries under infrastructure under
#: block outlines under sites (Leaflet's overlayPane is 400, tooltips 650, popups 700).
PANES = {"base": 350, "infra": 410, "outline": 420, "sites": 450}


class GeoJsonLayer(MacroElement):
    """A Leaflet GeoJSON layer added to its parent FeatureGroup, from inline ``data`` or a ``url``."""

    _template = Template(_TEMPLATE)

    def __init__(
        self,
        key: str,
        map_name: str,
        *,
        pane: str = "infra",
        data: Mapping[str, Any] | None = None,
        url: str | None = None,
        style: Mapping[str, object] | None = None,
        interactive: bool = True,
    ) -> None:
        super().__init__()
        if (data is None) == (url is None):
            raise ValueError("GeoJsonLayer needs exactly one of data= or url=")
        if pane not in PANES:
            raise ValueError(f"unknown pane {pane!r}: use one of {', '.join(PANES)}")
        self._name = "GeoJsonLayer"
        self.map_name = map_name
        self.data = data
        self.url = url
        style = dict(style or {})
        self.options = {
            "key": key,
            "color": style.get("color", "#444444"),
            "weight": style.get("weight", 2),
            "opacity": style.get("opacity", 0.9),
            "fill": style.get("fill"),
            "fillOpacity": style.get("fillOpacity", 0.6),
            "dash": style.get("dash"),
            "radius": style.get("radius", 4),
            "className": f"cm-{key}",
            "interactive": interactive,
            "pane": f"cm-{pane}",
            "zIndex": PANES[pane],
        }


def add_geojson_layer(
    m: folium.Map, key: str, name: str, *, pane: str = "infra", data: Mapping[str, Any] | None = None,
    url: str | None = None, style: Mapping[str, object] | None = None,
    interactive: bool = True, show: bool = True, control: bool = True,
) -> folium.FeatureGroup:
    """Add a named FeatureGroup holding one :class:`GeoJsonLayer` in ``pane``; returns the group."""
    group = folium.FeatureGroup(name=name, show=show, control=control)
    GeoJsonLayer(key, m.get_name(), pane=pane, data=data, url=url, style=style,
                 interactive=interactive).add_to(group)
    group.add_to(m)
    return group


def escaped_props(values: Iterable[object]) -> list[str]:
    """HTML-escape untrusted values for ``_tip``/``_popup`` (None/NaN become empty strings)."""
    out = []
    for v in values:
        if v is None or (isinstance(v, float) and not np.isfinite(v)):
            out.append("")
        else:
            out.append(html.escape(str(v), quote=True))
    return out


def to_geojson(
    gdf: gpd.GeoDataFrame, props: Mapping[str, Iterable[object]] | None = None,
    *, decimals: int = 5, simplify_deg: float = 0.0,
) -> dict[str, Any]:
    """A compact FeatureCollection: coordinates rounded, optional simplification, only ``props``.

    ``gdf`` must be EPSG:4326. ``props`` maps property names to per-row values (already escaped
    where they hold HTML). Empty geometries are dropped.
    """
    if gdf.crs is None or gdf.crs.to_epsg() != 4326:
        raise ValueError(f"to_geojson needs EPSG:4326 data, got {gdf.crs}; call .to_crs(4326) first")
    geoms = gdf.geometry.values
    if simplify_deg > 0:
        geoms = shapely.simplify(geoms, simplify_deg, preserve_topology=True)
    geoms = shapely.transform(geoms, lambda c: np.round(c, decimals))
    keep = ~(shapely.is_empty(geoms) | shapely.is_missing(geoms))
    columns = {k: list(v) for k, v in (props or {}).items()}
    features = []
    for i in np.flatnonzero(keep):
        features.append({
            "type": "Feature",
            "geometry": shapely.geometry.mapping(geoms[i]),
            "properties": {k: col[i] for k, col in columns.items()},
        })
    return {"type": "FeatureCollection", "features": features}

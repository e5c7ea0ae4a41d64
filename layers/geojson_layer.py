"""One folium element for every vector layer: GeoJSON inlined, or fetched once from a static URL.

Large layers go to static files the browser fetches and caches, so a Streamlit re-run does not
re-send them. A fetched layer may come in zoom ``levels`` (a generalised file for low zooms, a detailed
one when zoomed in): the JS swaps them on ``zoomend`` and fetches each file at most once. With
``canvas=True`` a layer is drawn by ``canvas/cm_canvas.js`` on the map's one canvas (no Leaflet object per
feature) and may hold packed data (:mod:`layers.canvas.packing`); without it every feature is an SVG path
with its own events (sites, analysis overlays). Feature properties
``_tip`` and ``_popup`` are HTML built from text escaped by :mod:`layers.markup` only;
``_color``/``_radius`` override the layer style per feature. An SVG feature with a ``site_id`` property
carries ``[site:ID]`` hidden in its tooltip (not shown, but in the text streamlit-folium returns as
``last_object_clicked_tooltip``), so a click anywhere on a site names that site (:data:`SITE_REF`).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import folium
import geopandas as gpd
import numpy as np
import shapely
from jinja2 import Template

from geo.crs import check_store_crs
from layers.canvas import CANVAS_JS, CANVAS_JS_NAME, MAP_JS
from layers.element import Macro
from layers.markup import script_json, script_string
from layers.style import DEFAULT_LAYER_STYLE

_LIB_JS = """
{% macro script(this, kwargs) %}
{{ this.js }}
{% endmacro %}
"""

_TEMPLATE = """
{% macro script(this, kwargs) %}
cmMap.geojson({{ this._parent.get_name() }}, {{ this.map_name }}, {{ this.options|tojson }}, {{ this.data_json }});
{% endmacro %}
"""


class GeoJsonLib(Macro):
    """The shared scripts our elements call (``cmCanvas``, ``cmMap``): added once per map, before any of them."""

    _template = Template(_LIB_JS)

    def __init__(self) -> None:
        super().__init__()
        self._name = "GeoJsonLib"
        self.js = ""

    def render(self, **kwargs: object) -> None:  # type: ignore[override]  # branca: MacroElement returns None
        """Inline the renderer and the map helpers unless the map links them (served as static files)."""
        linked = {name for name, _ in getattr(self._parent, "default_js", [])}
        self.js = "\n".join(path.read_text(encoding="utf-8") for name, path in SCRIPTS.items() if name not in linked)
        super().render(**kwargs)


#: Our scripts by their name among a folium map's ``default_js``, in loading order.
SCRIPTS = {CANVAS_JS_NAME: CANVAS_JS, "cm_map": MAP_JS}


def add_lib(m: folium.Map) -> None:
    """Add :class:`GeoJsonLib` to ``m`` unless it is there: before any element that calls ``cmMap``."""
    if LIB_NAME not in m._children:
        m.add_child(GeoJsonLib(), name=LIB_NAME)


#: Drawing order, independent of when a fetched file arrives: boundaries under infrastructure under
#: block outlines under sites (Leaflet's overlayPane is 400, tooltips 650, popups 700).
#: How a clicked feature's ``site_id`` appears in streamlit-folium's ``last_object_clicked_tooltip``.
SITE_REF = re.compile(r"\[site:([0-9A-Za-z_-]+)\]\s*$")
PANES = {"base": 350, "infra": 410, "outline": 420, "sites": 450}
LIB_NAME = "cm_geojson_lib"
#: The one canvas of a map lies in the lowest pane: SVG layers (sites, analyses) always draw above it.
CANVAS_PANE = "base"


class GeoJsonLayer(Macro):
    """A Leaflet GeoJSON layer added to its parent FeatureGroup, from inline ``data`` or a ``url``.

    ``data`` may also be a site layer (:func:`layers.sites.site_layer`); ``options`` are extra JS options
    (the site layer's binning and click reporting).
    """

    _template = Template(_TEMPLATE)

    def __init__(
        self,
        key: str,
        map_name: str,
        *,
        pane: str = "infra",
        data: Mapping[str, Any] | None = None,
        url: str | None = None,
        levels: Sequence[tuple[float, str]] | None = None,
        style: Mapping[str, object] | None = None,
        interactive: bool = True,
        canvas: bool = False,
        click_through: bool = False,
        options: Mapping[str, object] | None = None,
    ) -> None:
        super().__init__()
        if url is not None and not levels:
            levels = [(0, url)]
        if (data is None) == (not levels):
            raise ValueError("GeoJsonLayer needs exactly one of data=, url= or levels=")
        if data is not None and "packed" in data and not canvas:
            raise ValueError(
                f"layer {key!r}: packed data (layers.canvas.packing) is drawn by the canvas only; pass canvas=True"
            )
        if pane not in PANES:
            raise ValueError(f"unknown pane {pane!r}: use one of {', '.join(PANES)}")
        self._name = "GeoJsonLayer"
        self.map_name = map_name
        self.data = data
        # Inline data as a JSON string: V8 scans a string literal far faster than it parses the same
        # object literal, and JSON.parse is the fastest way to build it.
        self.data_json = f"JSON.parse('{script_string(script_json(data))}')" if data is not None else "null"
        #: ``[min_zoom, url]`` pairs, lowest zoom first; the first applies below every threshold.
        pairs = sorted(((float(z), str(u)) for z, u in levels or ()), key=lambda lv: lv[0])
        levels_list = [[z, u] for z, u in pairs] or None
        style = dict(style or {})
        self.options = {
            "key": key,
            "color": style.get("color", DEFAULT_LAYER_STYLE["color"]),
            "weight": style.get("weight", 2),
            "opacity": style.get("opacity", 0.9),
            "fill": style.get("fill"),
            "fillOpacity": style.get("fillOpacity", 0.6),
            "dash": style.get("dash"),
            "radius": style.get("radius", 4),
            "shape": style.get("shape", "circle"),
            "className": f"cm-{key}",
            "interactive": interactive,
            "clickThrough": click_through,
            "canvas": canvas,
            "pane": f"cm-{pane}",
            "zIndex": PANES[pane],
            "canvasPane": f"cm-{CANVAS_PANE}",
            "canvasZ": PANES[CANVAS_PANE],
            "levels": levels_list,
            **(options or {}),
        }


def add_geojson_layer(
    m: folium.Map,
    key: str,
    name: str,
    *,
    pane: str = "infra",
    data: Mapping[str, Any] | None = None,
    url: str | None = None,
    levels: Sequence[tuple[float, str]] | None = None,
    style: Mapping[str, object] | None = None,
    interactive: bool = True,
    canvas: bool = False,
    click_through: bool = False,
    show: bool = True,
    control: bool = True,
    options: Mapping[str, object] | None = None,
) -> folium.FeatureGroup:
    """Add a named FeatureGroup holding one :class:`GeoJsonLayer` in ``pane``; returns the group."""
    add_lib(m)
    group = folium.FeatureGroup(name=name, show=show, control=control)
    GeoJsonLayer(
        key,
        m.get_name(),
        pane=pane,
        data=data,
        url=url,
        levels=levels,
        style=style,
        interactive=interactive,
        canvas=canvas,
        click_through=click_through,
        options=options,
    ).add_to(group)
    group.add_to(m)
    return group


def to_geojson(
    gdf: gpd.GeoDataFrame,
    props: Mapping[str, Iterable[object]] | None = None,
    *,
    decimals: int = 5,
    simplify_deg: float = 0.0,
) -> dict[str, Any]:
    """A compact FeatureCollection: coordinates rounded, optional simplification, only ``props``.

    ``gdf`` must be EPSG:4326. ``props`` maps property names to per-row values (already escaped
    where they hold HTML). Empty geometries are dropped.
    """
    check_store_crs(gdf)
    geoms = gdf.geometry.values
    if simplify_deg > 0:
        geoms = shapely.simplify(geoms, simplify_deg, preserve_topology=True)
    geoms = shapely.transform(geoms, lambda c: np.round(c, decimals))
    keep = ~(shapely.is_empty(geoms) | shapely.is_missing(geoms))
    columns = {k: list(v) for k, v in (props or {}).items()}
    features = []
    for i in np.flatnonzero(keep):
        features.append(
            {
                "type": "Feature",
                "geometry": shapely.geometry.mapping(geoms[i]),
                "properties": {k: col[i] for k, col in columns.items()},
            }
        )
    return {"type": "FeatureCollection", "features": features}


@dataclass(frozen=True)
class UnitTips:
    """Tooltips of many units in one pattern: ``parts[0] + row[0] + parts[1] + row[1] + … + parts[-1]``.

    ``parts`` are markup and words (escaped, from ``i18n``), the same for every unit; each row holds one
    unit's values, already escaped. Sent as the pattern and the rows, a national choropleth's tooltips
    weigh a third of the same tooltips written out.
    """

    parts: tuple[str, ...]
    rows: list[list[str]]

    @classmethod
    def whole(cls, tips: Iterable[str]) -> UnitTips:
        """Tooltips already written out (escaped HTML), one per unit."""
        return cls(("", ""), [[tip] for tip in tips])

    def html(self, i: int) -> str:
        """The tooltip of unit ``i``."""
        row = self.rows[i]
        return self.parts[0] + "".join(v + p for v, p in zip(row, self.parts[1:], strict=True))


def add_unit_choropleth(
    m: folium.Map,
    key: str,
    name: str,
    unit: tuple[Sequence[str], Sequence[str], UnitTips],
    polygons: Callable[[list[str]], gpd.GeoDataFrame],
    *,
    style: Mapping[str, object],
    levels: Sequence[tuple[float, str]] | None = None,
    simplify_deg: float = 0.002,
) -> None:
    """Units (municipalities) filled per unit: ``unit`` is (codes, ``_fill`` colours, tooltips) in one order.

    With ``levels`` (published unit polygons, :func:`layers.static_files.publish_units`) the browser joins
    each unit's fill and tooltip to the shared packed polygons by ``code`` (fetched once, drawn on the
    canvas; fills sent as indexes into the colours used, tooltips as their pattern and values); without,
    ``polygons(codes)`` (``code`` and geometry) are inlined, simplified by ``simplify_deg``.
    """
    codes, fills, tips = unit
    codes = [str(c) for c in codes]
    if levels:
        colours = sorted(set(fills))
        index = {c: i for i, c in enumerate(colours)}
        rows = {c: [index[f], *tips.rows[i]] for i, (c, f) in enumerate(zip(codes, fills, strict=True))}
        join = {"join": {"key": "code", "fills": colours, "tip": list(tips.parts), "rows": rows}}
        add_geojson_layer(m, key, name, levels=levels, style=style, canvas=True, options=join)
        return
    at = {c: i for i, c in enumerate(codes)}
    polys = polygons(codes)
    shown = [at[c] for c in polys["code"].astype(str)]
    props = {"_fill": [fills[i] for i in shown], "_tip": [tips.html(i) for i in shown]}
    add_geojson_layer(m, key, name, data=to_geojson(polys, props, decimals=4, simplify_deg=simplify_deg), style=style)

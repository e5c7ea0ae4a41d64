"""Self-contained briefing: one HTML file with Leaflet, data, legend, summary and sources inlined.

Opened from ``file://`` with no network it makes no request at all: Leaflet comes from the installed
``django-js-lib-leaflet`` package, every layer is inline GeoJSON simplified and rounded to what the
zoom of the briefing needs, and the 地理院タイル basemap is opt-in (``basemap=True``: one probe tile is
requested and the tile layer added only if it loads). The page around the map is
:mod:`layers.briefing.page`; this module builds the map and measures the size of every part.
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import folium
import numpy as np
import shapely
from branca.element import Figure

from geo import infra, regions
from geo.briefing import BriefingData
from geo.domain import block_of
from geo.io.compact import release_freed_memory
from i18n import Lang, named, t, term_name
from layers.analysis import add_cluster_layer, add_gap_layer
from layers.assets import inline_leaflet_sources
from layers.briefing import page as briefing_page
from layers.briefing.detail import Detail, detail_for, near, view_bounds
from layers.canvas.packing import pack
from layers.geojson_layer import GeoJsonLayer, to_geojson
from layers.gsi_tiles import ProbedBasemap
from layers.legend import legend_html
from layers.map import MapLayer, MapOptions, build_map, legend_rows
from layers.markup import escaped_props, script_json, script_string
from layers.offline_basemap import OfflineBasemap, label_rows, municipality_collection
from layers.presets import BRIEFING_HIDDEN_LAYERS
from layers.sites import binning_note
from layers.static_files import generalised

#: Boundaries are simplified this much more than the layers (neighbouring prefectures 3x more again).
BOUNDARY_TOLERANCE_FACTOR = 2.5
#: Default size budget of a briefing, in bytes (``chiiki-map export --budget-kb``).
DEFAULT_BUDGET_BYTES = 2_500_000

#: Decimals kept before packing: finer than any grid the packing rounds to.
_PRE_PACK_DECIMALS = 7


@dataclass
class Briefing:
    """The HTML of a briefing, in the pieces it was composed of, and its size per part (bytes of UTF-8)."""

    pieces: tuple[str, ...]
    parts: dict[str, int] = field(default_factory=dict)
    detail: Detail | None = None
    #: Total size in bytes, counted once (:func:`utf8_size`; a national briefing is 70 MB).
    size: int = field(init=False)

    def __post_init__(self) -> None:
        self.size = sum(utf8_size(p) for p in self.pieces)

    @functools.cached_property
    def html(self) -> str:
        """The whole page as one string (joined when first asked for: :meth:`write` never needs it)."""
        return "".join(self.pieces)

    def write(self, path: Path) -> None:
        """Write the HTML as UTF-8 a piece and a slice at a time (never a whole copy of a large page)."""
        with path.open("w", encoding="utf-8") as out:
            for piece in self.pieces:
                for start in range(0, len(piece), _SLICE):
                    out.write(piece[start : start + _SLICE])


#: Characters encoded at a time when a page is counted or written.
_SLICE = 1 << 20


def utf8_size(text: str) -> int:
    """Bytes of ``text`` in UTF-8, encoded a slice at a time."""
    return sum(len(text[i : i + _SLICE].encode("utf-8")) for i in range(0, len(text), _SLICE))


def _boundaries(data: BriefingData, detail: Detail, lang: Lang) -> tuple[MapLayer, MapLayer]:
    """Prefectures near the region (neighbours coarser) and the outline of the region's blocks."""
    bounds = data.region.bounds
    prefs = near(regions.prefectures(), bounds)
    tolerance = detail.tolerance_deg * BOUNDARY_TOLERANCE_FACTOR
    inside = prefs["code"].isin(data.region.pref_codes).to_numpy()
    geoms = shapely.simplify(prefs.geometry.values, np.where(inside, tolerance, 3 * tolerance), preserve_topology=True)
    prefs = prefs.set_geometry(geoms)
    pref = to_geojson(
        prefs, {"_tip": escaped_props(named(prefs, lang)), "code": list(prefs["code"])}, decimals=_PRE_PACK_DECIMALS
    )
    blocks = regions.blocks()
    blocks = blocks[blocks["block"].isin({block_of(c) for c in data.region.pref_codes})]
    block = to_geojson(blocks, {}, decimals=_PRE_PACK_DECIMALS, simplify_deg=tolerance)
    return (
        MapLayer("pref", t("prefectures_layer", lang), "polygon", data=pack(pref, detail.grid_zoom)),
        MapLayer("block", t("blocks_layer", lang), "line", data=pack(block, detail.grid_zoom)),
    )


def _infrastructure(data: BriefingData, detail: Detail, lang: Lang) -> list[MapLayer]:
    """Each chosen layer with data: lines merged per route, simplified and rounded per the zoom."""
    out = []
    for layer_id, gdf in data.layers.items():
        spec = infra.LAYERS[layer_id]
        name = named(spec, lang)
        fc = generalised(gdf, spec.kind, name, simplify_deg=detail.tolerance_deg, decimals=_PRE_PACK_DECIMALS)
        grid = detail.grid_zoom + (1 if spec.kind == "point" else 0)  # points: no simplification to hide rounding
        out.append(MapLayer(layer_id, name, spec.kind, data=pack(fc, grid)))
    return out


def _offline_basemap(data: BriefingData, detail: Detail, lang: Lang = "ja") -> OfflineBasemap:
    """Municipal outlines of the region's prefectures and the place names around it, inlined."""
    munis = municipality_collection(data.region.pref_codes, simplify_deg=max(detail.tolerance_deg, 0.001))
    labels = label_rows(data.region.bounds, lang=lang)
    return OfflineBasemap(labels=labels, municipalities=pack(munis, detail.grid_zoom))


def _embedded_bytes(group: folium.FeatureGroup) -> int:
    """Bytes of the inline data of the layers in ``group``."""
    return sum(utf8_size(getattr(x, "data_json", "")) for x in group._children.values())


def _analysis_overlays(data: BriefingData, lang: Lang, sizes: dict[str, int]) -> list[Callable[[folium.Map], object]]:
    """Adders of the cluster and gap layers as the analysis pages draw them; ``sizes`` gets their bytes."""
    adders: list[Callable[[folium.Map], object]] = []
    clusters, gaps = data.clusters, data.gaps
    if clusters is not None and len(clusters):
        adders.append(_measured(sizes, "layer:clusters", lambda m: add_cluster_layer(m, clusters, lang, canvas=True)))
    if gaps is not None and len(gaps):
        adders.append(_measured(sizes, "layer:gaps", lambda m: add_gap_layer(m, data.sites, gaps, lang, canvas=True)))
    return adders


def _measured(
    sizes: dict[str, int], key: str, add: Callable[[folium.Map], folium.FeatureGroup]
) -> Callable[[folium.Map], None]:
    """``add`` that stores the bytes of what it added under ``key``, then gives its working memory back."""

    def adder(m: folium.Map) -> None:
        sizes[key] = _embedded_bytes(add(m))
        release_freed_memory()  # a national layer's working arrays: the next layer is built on what is kept

    return adder


def _legend_extra(data: BriefingData, lang: Lang) -> list[tuple[str, str, str]]:
    """Legend rows of the analysis overlays that will be drawn."""
    rows = []
    if data.clusters is not None and len(data.clusters):
        rows.append(("clusters", t("export_clusters_layer", lang), "polygon"))
    if data.gaps is not None and len(data.gaps):
        rows.append(("gaps", t("gaps_layer", lang), "point"))
    return rows


def _layer_bytes(m: folium.Map, key: str) -> int:
    """Bytes of the inline data of the map's layer ``key`` (as built: not packed a second time to measure it)."""
    for group in m._children.values():
        for child in getattr(group, "_children", {}).values():
            if isinstance(child, GeoJsonLayer) and child.options["key"] == key:
                return utf8_size(child.data_json)
    return 0


def _bytes(collection: Mapping[str, Any] | None) -> int:
    """Bytes of a collection as inlined (JSON in a JS string)."""
    return utf8_size(script_string(script_json(collection))) if collection is not None else 0


@dataclass
class RenderedMap:
    """A briefing-style map rendered for a page: the folium parts, Leaflet inlined, its legend and credits."""

    map_name: str
    header: str
    body: str
    script: str
    leaflet_css: str
    leaflet_js: str
    layer_names: list[str]
    credits: list[str]
    legend: str
    bounds: tuple[float, float, float, float]
    detail: Detail
    #: Bytes of Leaflet, each layer and the offline basemap (the page adds its own part).
    parts: dict[str, int]


def render_map(
    data: BriefingData,
    lang: Lang = "ja",
    *,
    basemap: bool = False,
    overlays: Sequence[Callable[[folium.Map], object]] = (),
    legend_extra: Sequence[tuple[str, str, str]] = (),
    bounds: tuple[float, float, float, float] | None = None,
) -> RenderedMap:
    """The map of ``data`` as the briefing draws it (offline, A4 print): sites, layers, analyses, basemap.

    ``overlays`` / ``legend_extra`` add a page's own layers (a plan's area) after the analysis overlays;
    ``bounds`` overrides the view (default: the region's, :func:`layers.briefing.detail.view_bounds`).
    """
    bounds = bounds or view_bounds(data)
    detail = detail_for(bounds)
    prefs, blocks = _boundaries(data, detail, lang)
    shown = _infrastructure(data, detail, lang)
    extra = [*_legend_extra(data, lang), *legend_extra]
    credits = [term_name(regions.boundary_credit(), lang), *infra.credits_for(list(data.layers))]
    overlay_bytes: dict[str, int] = {}
    offline = _offline_basemap(data, detail, lang)
    release_freed_memory()  # the boundaries and layers packed: the sites are packed next
    m = build_map(
        bounds=bounds,
        sites=data.sites,
        prefectures=prefs,
        blocks=blocks,
        layers=shown,
        credits=credits,
        lang=lang,
        legend_extra=extra,
        overlays=[*_analysis_overlays(data, lang, overlay_bytes), *overlays],
        offline=offline,
        options=MapOptions(sites_on_canvas=True, hidden=BRIEFING_HIDDEN_LAYERS, legend_control=False),
    )
    m.default_js, m.default_css = [], []  # Leaflet is inlined by the page instead
    if basemap:
        ProbedBasemap().add_to(m)
    root = m.get_root()
    if not isinstance(root, Figure):
        raise TypeError("the briefing map is not inside a folium Figure")
    for child in root._children.values():  # what root.render() does, without the whole page as one more string
        child.render()  # (a national briefing's script is ~70 MB of text; the page is composed from the parts)
    release_freed_memory()  # a national briefing's layers, packed and rendered: only the text is kept
    leaflet_css, leaflet_js = inline_leaflet_sources()
    parts = {
        "leaflet": utf8_size(leaflet_css) + utf8_size(leaflet_js),
        "prefectures": _bytes(prefs.data),
        "blocks": _bytes(blocks.data),
        "sites": _layer_bytes(m, "site"),
    }
    parts.update({f"layer:{x.id}": _bytes(x.data) for x in shown})
    parts["basemap"] = _bytes(offline.municipalities) + len(script_json([list(x) for x in offline.labels]).encode())
    parts.update(overlay_bytes)
    return RenderedMap(
        map_name=m.get_name(),
        header=root.header.render(),
        body=root.html.render(),
        script=root.script.render(),
        leaflet_css=leaflet_css,
        leaflet_js=leaflet_js,
        layer_names=[x.name for x in shown] + [name for _, name, _ in extra],
        credits=credits,
        legend=legend_html(*legend_rows(data.sites, shown, extra), lang, binning_note(len(data.sites), lang)),
        bounds=bounds,
        detail=detail,
        parts=parts,
    )


def build_briefing(
    data: BriefingData, lang: Lang = "ja", *, title: str | None = None, basemap: bool = False
) -> Briefing:
    """The briefing HTML for ``data``; ``parts`` holds the bytes of Leaflet, each layer and the page."""
    drawn = render_map(data, lang, basemap=basemap)
    page = briefing_page.compose(
        data,
        lang,
        title=title,
        map_name=drawn.map_name,
        leaflet_css=drawn.leaflet_css,
        leaflet_js=drawn.leaflet_js,
        header=drawn.header,
        body=drawn.body,
        script=drawn.script,
        layer_names=drawn.layer_names,
        credits=drawn.credits,
        legend=drawn.legend,
        view_box=drawn.bounds,
    )
    parts = dict(drawn.parts)
    briefing = Briefing(page, parts, drawn.detail)
    parts["page"] = briefing.size - sum(parts.values())
    return briefing

"""Assemble the folium map: boundaries, infrastructure layers, sites, legend, credits, basemap."""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import folium
import geopandas as gpd
import pandas as pd

from geo.domain import JAPAN_BBOX
from geo.regions import Region, box_room
from i18n import Lang, t
from layers.assets import use_local_leaflet
from layers.geojson_layer import add_geojson_layer, add_lib
from layers.gsi_tiles import GSI_ATTRIBUTION, GSI_PALE_URL
from layers.legend import APP_MAP_PX, LEGEND_BOX_PX, add_legend
from layers.offline_basemap import OfflineBasemap, add_offline_basemap
from layers.sites import BIN_ABOVE, BIN_PX, bin_tip, binning_note, on_canvas, site_layer
from layers.static_files import levels_for
from layers.style import BLOCK_STYLE, PREF_STYLE, SITE_STYLE, layer_style
from layers.view import KeepView, StartView, WheelOnFocus

#: The map cannot be zoomed out past Japan, nor panned far from it.
MIN_ZOOM = 4
JAPAN_PAD_DEG = 6.0


@dataclass(frozen=True)
class MapLayer:
    """A vector layer to draw: inline GeoJSON ``data``, or a static ``url`` the browser fetches.

    ``levels`` (``(min_zoom, url)`` pairs) overrides ``url``; without it a published static file gets
    its generalised low-zoom sibling automatically (:func:`layers.static_files.levels_for`).
    """

    id: str
    name: str
    kind: str
    url: str | None = None
    data: Mapping[str, Any] | None = None
    levels: tuple[tuple[float, str], ...] | None = None

    def zoom_levels(self) -> list[tuple[float, str]] | None:
        """The ``(min_zoom, url)`` pairs to fetch, or None for inline data."""
        if self.levels:
            return list(self.levels)
        return levels_for(self.url) if self.url else None


@dataclass(frozen=True)
class MapOptions:
    """How :func:`build_map` draws: the choices that interact, in one record (the defaults suit a live page).

    Attributes
    ----------
    basemap
        Add 地理院タイル (online only; the page checked the probe tile). False requests no tile at all
        (offline / LGWAN): the sea colour and the prefecture fill still make a readable map.
    leaflet_base_url
        Where the page loads Leaflet from; None = the app's static files (``layers.assets``).
    dense_on_canvas
        Boundaries and infrastructure on one canvas per pane (``layers/canvas/cm_canvas.js``); False draws
        every feature as an SVG path.
    sites_on_canvas
        Sites on their canvas whatever their number (a briefing); otherwise up to
        :data:`layers.sites.SVG_MAX` sites are SVG circles and more go to the canvas.
    site_cards
        Inline the card popups of the :data:`layers.sites.TOP_SITES` largest sites; False for a page that
        shows the clicked site's card itself.
    sites_interactive
        False makes a click on a site circle a click on the map there (picking a location: no popup; the
        tooltip still names the site).
    legend_control
        False leaves the legend off the map (a briefing prints it beside the map: :func:`legend_rows`);
        the credits stay in the attribution control.
    keep_view
        ``(scope, region_id)``: the view the person left in ``scope`` (a page) is kept while ``region_id``
        stays the same (layers and filters change the page, not the view); a new region refits.
    hidden
        Layer ids drawn but switched off in the layer control at first (``"site"``: the sites).
    start_view
        With ``keep_view``: a view (:class:`layers.view.StartView`) the map opens at once per token — a
        shared URL's view, a place found by the place search.
    view_param
        With ``keep_view``: the query parameter of the app's address that follows the view as it moves.
    size_px
        The map's (width, height) in pixels as the page lays it out: where the legend goes and how the first
        framing pads for it (:func:`geo.regions.box_room`).
    legend_px
        The room the legend takes in its corner as the framing plans for it (width, height px): the full legend's
        :data:`layers.legend.LEGEND_BOX_PX`, or less for a page whose legend is known to be short.
    """

    basemap: bool = False
    leaflet_base_url: str | None = None
    dense_on_canvas: bool = True
    sites_on_canvas: bool = False
    site_cards: bool = True
    sites_interactive: bool = True
    legend_control: bool = True
    keep_view: tuple[str, str] | None = None
    hidden: tuple[str, ...] = ()
    start_view: StartView | None = None
    view_param: str | None = None
    size_px: tuple[float, float] = APP_MAP_PX
    legend_px: tuple[float, float] = LEGEND_BOX_PX


class ChiikiMap(folium.Map):
    """A folium Map whose LayerControl is rendered after every layer, however late it was added.

    The control's script refers to the layers' JS variables, so it must come last; pages add their
    analysis layers to a finished map, and this keeps that safe in one place. ``box_corners`` lists the
    map's corners for legend boxes, the legend's first (``layers.legend.CornerLegend`` takes the next).
    """

    box_corners: tuple[str, ...] = ()

    def render(self, **kwargs: object) -> None:  # type: ignore[override]  # branca: MacroElement returns None
        """Move the layer control after every other child, then render as folium does."""
        for key, child in list(self._children.items()):
            if isinstance(child, folium.LayerControl):
                self._children.move_to_end(key)
        super().render(**kwargs)


def legend_rows(
    sites: gpd.GeoDataFrame, layers: Sequence[MapLayer], legend_extra: Sequence[tuple[str, str, str]] = ()
) -> tuple[list[str], list[tuple[str, str, str]]]:
    """What the legend lists: the fields of ``sites`` and ``(layer_id, name, kind)`` of layers and analyses."""
    fields = [str(f) for f in pd.unique(sites["field"].astype(str))] if not sites.empty else []
    return fields, [*((x.id, x.name, x.kind) for x in layers), *legend_extra]


def build_map(
    *,
    bounds: Sequence[float],
    sites: gpd.GeoDataFrame,
    prefectures: MapLayer,
    blocks: MapLayer,
    layers: Sequence[MapLayer] = (),
    credits: Sequence[str] = (),
    lang: Lang = "ja",
    legend_extra: Sequence[tuple[str, str, str]] = (),
    overlays: Sequence[Callable[[folium.Map], object]] = (),
    offline: OfflineBasemap | None = None,
    options: MapOptions = MapOptions(),
    site_data: Mapping[str, Any] | None = None,
    region: Region | None = None,
) -> folium.Map:
    """The map for one view: what it shows, and how (``options``, a :class:`MapOptions`).

    ``bounds`` = (minx, miny, maxx, maxy) in EPSG:4326 is fitted first. Sites are one packed layer
    (:func:`layers.sites.site_layer`), merged per cell while many are in view. ``overlays`` are called
    with the map to add further layers (analyses) before the legend and the layer control;
    ``legend_extra`` lists their ``(layer_id, name, kind)`` for the legend. ``offline`` adds municipal
    boundaries and thinned place names from our own data (``layers.offline_basemap``). The mouse wheel
    zooms only once the map was clicked (before that it scrolls the page). ``site_data`` is ``sites``
    already packed (:func:`layers.sites.site_layer` of the same sites, kept by the caller between re-runs);
    without it they are packed here. ``region`` is the map's subject: its legend goes to the corner the
    region leaves free, or the first framing pads for it (:func:`geo.regions.box_room`); without it the
    legend sits bottom right with room on the right.
    """
    minx_j, miny_j, maxx_j, maxy_j = JAPAN_BBOX
    m = ChiikiMap(
        tiles=None,
        control_scale=True,
        prefer_canvas=False,
        zoom_snap=0.25,
        min_zoom=MIN_ZOOM,
        max_bounds=True,
        min_lat=miny_j - JAPAN_PAD_DEG,
        max_lat=maxy_j + JAPAN_PAD_DEG,
        min_lon=minx_j - JAPAN_PAD_DEG,
        max_lon=maxx_j + JAPAN_PAD_DEG,
        scroll_wheel_zoom=False,
    )
    if options.leaflet_base_url is None:
        use_local_leaflet(m)
    else:
        use_local_leaflet(m, options.leaflet_base_url)
    add_lib(m)  # our scripts first: every later element may call them
    # Fit first: layers added afterwards are projected and drawn once, at the final view. A legend on the map
    # goes where the region leaves room for it, or the framing pads for it: it never covers the region when
    # first shown.
    minx, miny, maxx, maxy = bounds
    corner, pad = "bottomright", (0.0, 0.0, float(options.legend_px[0]), 0.0)
    if region is not None:
        frame = (float(minx), float(miny), float(maxx), float(maxy))
        room = box_room(region, frame, options.size_px, options.legend_px)
        corner, pad = room.corner, room.pad
        m.box_corners = (room.corner, *room.others)
    if not options.legend_control:
        pad = (0.0, 0.0, 0.0, 0.0)
    m.fit_bounds([[miny, minx], [maxy, maxx]], padding_top_left=pad[:2], padding_bottom_right=pad[2:])
    WheelOnFocus().add_to(m)
    if options.keep_view is not None:
        KeepView(*options.keep_view, start=options.start_view, param=options.view_param).add_to(m)
    if options.basemap:
        folium.TileLayer(
            GSI_PALE_URL, attr=GSI_ATTRIBUTION, name=t("basemap", lang), max_zoom=18, overlay=False
        ).add_to(m)
    add_geojson_layer(
        m,
        "pref",
        t("prefectures_layer", lang),
        pane="base",
        levels=prefectures.zoom_levels(),
        data=prefectures.data,
        style=PREF_STYLE,
        canvas=options.dense_on_canvas,
    )
    if offline is not None:
        add_offline_basemap(m, offline, lang, canvas=options.dense_on_canvas)
    for layer in layers:
        add_geojson_layer(
            m,
            f"layer-{layer.id}",
            layer.name,
            levels=layer.zoom_levels(),
            data=layer.data,
            style=layer_style(layer.id),
            canvas=options.dense_on_canvas,
            show=layer.id not in options.hidden,
        )
    add_geojson_layer(
        m,
        "block",
        t("blocks_layer", lang),
        pane="outline",
        levels=blocks.zoom_levels(),
        data=blocks.data,
        style=BLOCK_STYLE,
        interactive=False,
        canvas=options.dense_on_canvas,
    )
    add_geojson_layer(
        m,
        "site",
        t("sites_layer", lang),
        pane="sites",
        data=site_data if site_data is not None else site_layer(sites, lang, cards=options.site_cards),
        style=SITE_STYLE,
        canvas=options.sites_on_canvas or on_canvas(len(sites)),
        click_through=not options.sites_interactive,
        options={"binAbove": BIN_ABOVE, "binPx": BIN_PX, "binTip": bin_tip(lang)},
        show="site" not in options.hidden,
    )
    for add in overlays:
        add(m)
    note = binning_note(len(sites), lang)
    rows = legend_rows(sites, layers, legend_extra)
    hidden = "site" in options.hidden
    add_legend(m, *rows, credits, lang, control=options.legend_control, note=note, corner=corner, sites_hidden=hidden)
    folium.LayerControl(collapsed=True).add_to(m)
    return m

"""The offline base map: municipal boundaries and place names from our own data, no tile requested.

With no network (LGWAN) the map still gives its bearings at every zoom: land/sea and prefectures come
from :func:`layers.map.build_map`; this adds municipal boundaries from zoom
:data:`MUNICIPALITY_MIN_ZOOM` and the labels of :mod:`geo.place_labels` (prefecture and municipality
names, airports, ports, stations, IC/JCT closer in), drawn on one canvas by ``canvas/cm_labels.js`` and
thinned per zoom so they never pile up. 地理院タイル stays the online option (``layers.gsi_tiles``).
"""

from __future__ import annotations

import functools
import json
from collections.abc import Sequence
from dataclasses import dataclass

import folium
import shapely
from jinja2 import Template

from geo import regions
from geo.place_labels import LABEL_KINDS, thinned_labels
from i18n import Lang, pick, t
from layers.canvas import LABELS_JS
from layers.element import Macro
from layers.geojson_layer import add_geojson_layer, add_lib
from layers.markup import script_json, script_string
from layers.style import LABEL_COLOURS, MUNICIPALITY_STYLE, NOTE_BOX_CSS

MUNICIPALITY_MIN_ZOOM = 9
EMPTY_COLLECTION: dict[str, object] = {"type": "FeatureCollection", "features": []}

_TEMPLATE = """
{% macro script(this, kwargs) %}
{{ this.js }}
cmLabels(JSON.parse('{{ this.labels_json }}'), {{ this.options|tojson }}).addTo({{ this._parent.get_name() }});
{% endmacro %}
"""


#: The closest zoom our own data gives detail for (municipal outlines, stations, IC): beyond it the map says so.
DETAIL_MAX_ZOOM = 13

_NOTE_TEMPLATE = """
{% macro script(this, kwargs) %}
cmMap.detailNote({{ this._parent.get_name() }}, {{ this.text|tojson }}, {{ this.css|tojson }}, {{ this.zoom }});
{% endmacro %}
"""


class DetailNote(Macro):
    """A note shown while the map is zoomed in beyond :data:`DETAIL_MAX_ZOOM`: where the base map's detail ends."""

    _template = Template(_NOTE_TEMPLATE)

    def __init__(self, text: str, zoom: int = DETAIL_MAX_ZOOM) -> None:
        super().__init__()
        self._name = "DetailNote"
        self.text, self.zoom, self.css = text, int(zoom), NOTE_BOX_CSS


class PlaceLabels(Macro):
    """Place names on one canvas pane (no DOM node per label), thinned by zoom in ``geo.place_labels``."""

    _template = Template(_TEMPLATE)

    def __init__(self, labels: Sequence[Sequence[object]]) -> None:
        super().__init__()
        self._name = "PlaceLabels"
        self.rows = labels  #: as given (the live map publishes the same rows once)
        self.options = {"fonts": {k: v["font"] for k, v in LABEL_KINDS.items()}, "colours": LABEL_COLOURS}

    # Only a rendered page (an export, a briefing) inlines these; the live map sends ``rows`` as a file, so a
    # re-run of a page no longer serialises 13,000 labels (43% of a layer toggle's script time at 100k sites).
    @property
    def js(self) -> str:
        """The label renderer's source, inlined in a rendered page."""
        return LABELS_JS.read_text(encoding="utf-8")

    @property
    def labels_json(self) -> str:
        """The rows as a JSON string literal for the rendered page's script."""
        return script_string(script_json([list(x) for x in self.rows]))


@dataclass(frozen=True)
class OfflineBasemap:
    """What the offline base map draws: municipal boundaries (inline or zoom levels of static files) and labels."""

    labels: tuple[tuple[object, ...], ...]
    municipalities: dict[str, object] | None = None
    municipality_levels: tuple[tuple[float, str], ...] | None = None


def label_rows(
    bounds: Sequence[float] | None = None, pad_deg: float = 0.5, lang: Lang = "ja"
) -> tuple[tuple[object, ...], ...]:
    """``[lon, lat, name, kind, min_zoom, max_zoom]`` per label, within ``bounds`` (+ ``pad_deg``) if given.

    In English prefectures and airports are named in English; municipalities, ports, stations and IC keep their
    Japanese names (no English name for them in our data). The same arguments give the same (kept) tuple.
    """
    return _label_rows(None if bounds is None else tuple(float(b) for b in bounds), float(pad_deg), lang)


@functools.lru_cache(maxsize=32)
def _label_rows(bounds: tuple[float, ...] | None, pad_deg: float, lang: Lang) -> tuple[tuple[object, ...], ...]:
    labels = thinned_labels()
    if bounds is not None:
        minx, miny, maxx, maxy = bounds
        keep = labels["lon"].between(minx - pad_deg, maxx + pad_deg) & labels["lat"].between(
            miny - pad_deg, maxy + pad_deg
        )
        labels = labels[keep]
    names = pick(labels["name"], labels["name_en"], lang)
    columns = (
        labels["lon"].astype(float),
        labels["lat"].astype(float),
        names.astype(str),
        labels["kind"].astype(str),
        labels["min_zoom"].astype(int),
        labels["max_zoom"].astype(int),
    )  # Python values column by column (13,564 labels in Japan: 0.11 s one by one)
    return tuple(zip(*(column.tolist() for column in columns), strict=True))


def municipality_collection(
    pref_codes: Sequence[str] | None = None, simplify_deg: float = 0.002, decimals: int = 4
) -> dict[str, object]:
    """Municipal outlines (lines only, no fill), optionally of some prefectures, as GeoJSON (vectorised)."""
    munis = regions.municipalities()
    if pref_codes is not None:
        munis = munis[munis["pref_code"].isin(list(pref_codes))]
    lines = shapely.simplify(shapely.boundary(munis.geometry.values), simplify_deg, preserve_topology=False)
    lines = shapely.set_precision(lines, 10.0**-decimals)
    lines = lines[~(shapely.is_empty(lines) | shapely.is_missing(lines))]
    features = [{"type": "Feature", "geometry": json.loads(g), "properties": {}} for g in shapely.to_geojson(lines)]
    return {"type": "FeatureCollection", "features": features}


def offline_basemap_for(
    bounds: tuple[float, float, float, float], urls: dict[str, str | None], lang: Lang = "ja"
) -> OfflineBasemap:
    """THE offline base map of a page's map: municipal outlines and the place names around ``bounds``.

    Municipal outlines come from the static file from zoom :data:`MUNICIPALITY_MIN_ZOOM`; place names one
    degree beyond ``bounds``.

    ``urls`` are the page's static layer files (``municipalities`` and ``empty``); every map of the app (地図,
    候補地の登録・編集) uses this one, so the add-site map shows the same names and outlines.
    """
    levels = None
    if urls.get("municipalities") and urls.get("empty"):
        levels = ((0.0, str(urls["empty"])), (float(MUNICIPALITY_MIN_ZOOM), str(urls["municipalities"])))
    return OfflineBasemap(labels=label_rows(bounds, pad_deg=1.0, lang=lang), municipality_levels=levels)


def add_offline_basemap(m: folium.Map, offline: OfflineBasemap, lang: Lang = "ja", *, canvas: bool = True) -> None:
    """Municipal boundaries (from :data:`MUNICIPALITY_MIN_ZOOM`) and place names on ``m``."""
    if offline.municipality_levels or offline.municipalities is not None:
        add_geojson_layer(
            m,
            "muni",
            t("municipalities_layer", lang),
            pane="base",
            data=offline.municipalities,
            levels=offline.municipality_levels,
            style=MUNICIPALITY_STYLE,
            interactive=False,
            canvas=canvas,
        )
    group = folium.FeatureGroup(name=t("place_names_layer", lang), show=True, control=True)
    PlaceLabels(offline.labels).add_to(group)
    group.add_to(m)
    add_lib(m)  # the note is drawn by cmMap.detailNote
    DetailNote(t("offline_detail_ends", lang)).add_to(m)

"""The app's live map as a document: what ``canvas/cm_live.js`` needs to build a map once and update it in place.

Pages build their map as before (:func:`layers.map.build_map`, then their analysis overlays); :func:`live_document`
turns that folium map into plain data — the map's options, the view (region bounds, the page whose view is
kept), one entry per layer group, legend, credits and pin, each with a revision — and ``ui.live_map`` hands it
to the browser. There ``cmLive`` keeps one Leaflet map per page: an entry whose revision is unchanged stays as
it is (nothing fetched, decoded or redrawn), a changed one is replaced, a region change refits the view, and
anything else keeps the person's view.

Inline data of more than :data:`INLINE_MAX` bytes (the sites of a national register, a choropleth, gap markers)
is written once to a content-named static file (:func:`publish_data`) that the browser fetches and keeps,
so a re-run sends a few kilobytes, never the data again.
"""

from __future__ import annotations

import hashlib
import json
import os
from collections import OrderedDict
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import folium
from branca.element import Element, MacroElement
from folium.map import FitBounds
from folium.utilities import camelize

from layers.assets import LEAFLET_SUBDIR, STATIC_ROOT, STATIC_URL, script_url
from layers.canvas import CANVAS_JS, LABELS_JS, LIVE_JS, MAP_JS
from layers.element import Macro
from layers.geojson_layer import GeoJsonLayer, GeoJsonLib
from layers.gsi_tiles import ProbedBasemap
from layers.legend import CornerLegend, Legend
from layers.offline_basemap import DetailNote, PlaceLabels
from layers.view import KeepView, PickMarker, WheelOnFocus

#: Inline data larger than this (bytes of JSON) goes to a static file the browser fetches once.
INLINE_MAX = 32_000
LIVE_SUBDIR = "live"
#: Data files kept in ``static/live``; older ones are removed (a page asks only for its latest).
KEEP_FILES = 400
_PUBLISHED: OrderedDict[int, tuple[object, str]] = OrderedDict()
_KEEP_PUBLISHED = 64


def _dumps(data: object) -> str:
    return json.dumps(data, ensure_ascii=False, separators=(",", ":"), allow_nan=False)


def _prune(folder: Path, keep: int) -> None:
    """Remove all but the ``keep`` newest data files of ``folder``."""
    files = sorted(folder.glob("*.json"), key=lambda p: p.stat().st_mtime, reverse=True)
    for old in files[keep:]:
        old.unlink(missing_ok=True)


def publish_data(data: object, static_root: Path = STATIC_ROOT) -> str:
    """Write ``data`` as JSON under its content hash in ``static/live``; returns its URL.

    The same object (or equal content) is written once: the result is remembered per object while the
    caller keeps it (a page's cached layer data), and an existing file is not written again.
    """
    known = _PUBLISHED.get(id(data))
    if known is not None and known[0] is data:
        _PUBLISHED.move_to_end(id(data))
        return known[1]
    text = _dumps(data)
    name = hashlib.sha256(text.encode("utf-8")).hexdigest()[:20] + ".json"
    folder = static_root / LIVE_SUBDIR
    path = folder / name
    if not path.exists():
        folder.mkdir(parents=True, exist_ok=True)
        tmp = path.with_suffix(f".{os.getpid()}.tmp")
        tmp.write_text(text, encoding="utf-8")
        tmp.replace(path)
        _prune(folder, KEEP_FILES)
    else:
        os.utime(path)
    url = f"{STATIC_URL}/{LIVE_SUBDIR}/{name}"
    _PUBLISHED[id(data)] = (data, url)  # holds the object: its id cannot be reused while remembered
    while len(_PUBLISHED) > _KEEP_PUBLISHED:
        _PUBLISHED.popitem(last=False)
    return url


def _camel(options: Mapping[str, Any]) -> dict[str, Any]:
    """Option names as Leaflet spells them (folium's ``max_bounds`` → ``maxBounds``)."""
    return {camelize(k): v for k, v in options.items()}


def _revision(entry: Mapping[str, Any]) -> str:
    return hashlib.sha1(_dumps(entry).encode("utf-8")).hexdigest()[:16]


def _geojson(layer: GeoJsonLayer) -> dict[str, Any]:
    options: dict[str, Any] = dict(layer.options)
    data = layer.data
    if data is not None and len(layer.data_json) > INLINE_MAX:
        options["levels"] = [[0.0, publish_data(data)]]
        data = None
    join = options.get("join")
    if join is not None and len(_dumps(join)) > INLINE_MAX:  # values joined to shared polygons (a choropleth)
        options["join"] = {"key": join["key"], "url": publish_data(join)}
    return {"kind": "geojson", "options": options, "data": data}


def _labels(labels: PlaceLabels) -> dict[str, Any]:
    url = publish_data(labels.rows)
    return {"kind": "labels", "url": url, "options": labels.options}


def _group(group: folium.FeatureGroup) -> dict[str, Any]:
    items = []
    for child in group._children.values():
        if isinstance(child, GeoJsonLayer):
            items.append(_geojson(child))
        elif isinstance(child, PlaceLabels):
            items.append(_labels(child))
        else:
            raise TypeError(f"the live map cannot show a {type(child).__name__} inside a layer group")
    key = next((i["options"]["key"] for i in items if i["kind"] == "geojson"), "labels")
    return {"id": key, "kind": "group", "name": group.layer_name, "show": bool(group.show),
            "control": bool(group.control), "items": items}  # fmt: skip


def _parts(element: MacroElement) -> tuple[str, str]:
    """The element's header and body HTML (styles, SVG patterns), rendered as a briefing would."""
    macros = element._template.module.__dict__
    return tuple(str(macros[p](element, {})) if p in macros else "" for p in ("header", "html"))  # type: ignore[return-value]


def _entry(child: Element, n: int) -> dict[str, Any] | None:
    """One top-level element of the map as a document entry (None: nothing for the live map to do)."""
    if isinstance(child, folium.FeatureGroup):
        return _group(child)
    if isinstance(child, folium.TileLayer):
        return {"id": f"tiles-{n}", "kind": "tiles", "url": child.tiles, "name": child.layer_name,
                "options": _camel(child.options), "overlay": bool(child.overlay), "show": bool(child.show),
                "control": bool(child.control)}  # fmt: skip
    if isinstance(child, Legend):
        return {"id": "legend", "kind": "legend", "html": child.legend_html if child.control else None,
                "options": child.options,
                "credits": child.credits_html, "hint": child.credits_hint}  # fmt: skip
    if isinstance(child, CornerLegend):
        return {"id": f"box-{n}", "kind": "box", "html": child.legend_html, "options": child.options}
    if isinstance(child, PickMarker):
        return {"id": "pick", "kind": "pick", "lat": child.lat, "lon": child.lon, "hint": child.hint}
    if isinstance(child, DetailNote):
        return {"id": "note", "kind": "note", "text": child.text, "css": child.css, "zoom": child.zoom}
    if isinstance(child, ProbedBasemap):
        return {"id": "probed", "kind": "probed", "options": child.options}
    raise TypeError(f"the live map cannot show a {type(child).__name__}: add it to layers.live")


def assets() -> dict[str, list[str]]:
    """Leaflet and our scripts as the live map loads them (served from ``static/``, versioned by content)."""
    base = f"{STATIC_URL}/{LEAFLET_SUBDIR}"
    return {
        "css": [f"{base}/leaflet.css"],
        "js": [f"{base}/leaflet.js", *(script_url(p) for p in (CANVAS_JS, MAP_JS, LABELS_JS, LIVE_JS))],
    }


def live_document(m: folium.Map, *, report: tuple[str, ...] = ()) -> dict[str, Any]:
    """The document ``cmLive`` draws for map ``m`` (built by :func:`layers.map.build_map` and the page).

    Parameters
    ----------
    m
        The page's folium map.
    report
        What a click reports back to the page: ``"site"`` (the clicked site's ``[site:ID]``) and/or
        ``"click"`` (the clicked point).

    Returns
    -------
    dict
        ``assets``, ``options``, ``scale``, ``view`` (``bounds`` [[s, w], [n, e]], ``fit`` (Leaflet's
        ``fitBounds`` options: the padding), ``scope``, ``region``, ``start``, ``param``),
        ``wheel``, ``head``/``body`` (styles and SVG patterns of our elements), ``entries`` (each with
        ``id``, ``kind`` and ``rev``), ``control`` (the layer control, or None), ``report`` and ``rev``.
    """
    doc: dict[str, Any] = {
        "assets": assets(),
        "options": _camel({k: v for k, v in m.options.items() if k != "zoom"}),
        "scale": bool(getattr(m, "control_scale", False)),
        "view": {"bounds": None, "fit": None, "scope": None, "region": None, "start": None, "param": None},
        "wheel": False,
        "control": None,
        "report": list(report),
    }
    head: list[str] = []
    body: list[str] = []
    entries: list[dict[str, Any]] = []
    for n, child in enumerate(m._children.values()):
        if isinstance(child, Macro):
            for part, into in zip(_parts(child), (head, body)):
                if part.strip() and part not in into:
                    into.append(part)
        if isinstance(child, GeoJsonLib):
            continue
        if isinstance(child, FitBounds):
            doc["view"]["bounds"] = child.bounds
            doc["view"]["fit"] = child.options  # the padding that keeps the region clear of the legend
        elif isinstance(child, KeepView):
            doc["view"].update(scope=child.scope, region=child.region, start=child.start, param=child.param)
        elif isinstance(child, WheelOnFocus):
            doc["wheel"] = True
        elif isinstance(child, folium.LayerControl):
            doc["control"] = {"collapsed": bool(child.options.get("collapsed", True))}
        else:
            entry = _entry(child, n)
            if entry is not None:
                entries.append(entry)
    for entry in entries:
        entry["rev"] = _revision(entry)
    doc.update(head="".join(head), body="".join(body), entries=entries)
    doc["rev"] = _revision({k: v for k, v in doc.items() if k != "entries"} | {"e": [e["rev"] for e in entries]})
    return doc

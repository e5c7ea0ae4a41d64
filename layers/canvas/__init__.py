"""Our canvas renderer, the map's own controls and the compact geometry format the renderer reads.

``cm_canvas.js`` draws every canvas layer of a map on one canvas, from plain GeoJSON or the packed
format :mod:`layers.canvas.packing` writes; ``cm_map.js`` holds what else our maps add to Leaflet (the
layer loader, legend, credits, kept view, wheel, pick pin, probed basemap); ``cm_labels.js`` the offline
place names; ``cm_live.js`` the app's live map, which keeps one Leaflet map and updates it in place.

The scripts ship as package data; the app serves them from the static folder
(:func:`layers.assets.install_static`), a briefing inlines them (:class:`layers.geojson_layer.GeoJsonLib`).
"""

from __future__ import annotations

from pathlib import Path

#: The renderer's source file.
CANVAS_JS: Path = Path(__file__).with_name("cm_canvas.js")
#: The map's own controls and layer loader (``window.cmMap``).
MAP_JS: Path = Path(__file__).with_name("cm_map.js")
#: Offline place names (``window.cmLabels``).
LABELS_JS: Path = Path(__file__).with_name("cm_labels.js")
#: The app's live map (``window.cmLive``).
LIVE_JS: Path = Path(__file__).with_name("cm_live.js")
#: Name of the renderer among a folium map's ``default_js`` (linked there, so not inlined again).
CANVAS_JS_NAME = "cm_canvas"

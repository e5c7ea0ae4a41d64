"""Our canvas renderer and the compact geometry format it reads.

``cm_canvas.js`` draws every canvas layer of a map on one canvas, from plain GeoJSON or the packed
format :mod:`layers.canvas.packing` writes.

The script ships as package data; the app links it from the static folder (:func:`layers.assets.install_static`),
a briefing inlines it (:class:`layers.geojson_layer.GeoJsonLib`).
"""

from __future__ import annotations

from pathlib import Path

#: The renderer's source file.
CANVAS_JS: Path = Path(__file__).with_name("cm_canvas.js")
#: Name of the renderer among a folium map's ``default_js`` (linked there, so not inlined again).
CANVAS_JS_NAME = "cm_canvas"

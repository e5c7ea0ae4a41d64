"""The live map component: one Leaflet map per page, kept alive across re-runs and updated in place.

A page builds its folium map as before and calls :func:`live_map` instead of ``st_folium``. The map goes to
the browser as a small document (:func:`layers.live.live_document`; big data as static files fetched once),
and ``layers/canvas/cm_live.js`` applies only what changed: a layer ticked, a filter or a region is a few
kilobytes and one redraw, the view stays (a new region refits), and the component key never depends on the
map's content. The component's page (``live_map_frontend/index.html``) is ours: Streamlit's component
messages, Leaflet and our scripts from the app's static folder.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import folium
import streamlit.components.v1 as components

from layers.live import live_document

_component = components.declare_component("cm_live", path=str(Path(__file__).with_name("live_map_frontend")))
#: The iframe title Streamlit gives the component (tests and benches find the map by it).
FRAME_TITLE = f"{__name__}.cm_live"


def live_map(m: folium.Map, *, key: str, height: int = 600, report: tuple[str, ...] = ()) -> dict[str, Any]:
    """Show map ``m`` in place; returns what was clicked (only the kinds in ``report``).

    Parameters
    ----------
    m
        The page's folium map (:func:`layers.map.build_map` plus overlays).
    key
        The component's key: one per page (the map stays alive while the key does).
    height
        Height in pixels.
    report
        ``"site"``: a click on a site re-runs the page and returns ``last_object_clicked_tooltip``
        (``[site:ID]``); ``"click"``: a click on the map returns ``last_clicked`` (``lat``, ``lng``).

    Returns
    -------
    dict
        The last reported click (empty before the first).
    """
    value = _component(doc=live_document(m, report=report), height=height, key=key, default=None)
    return dict(value) if isinstance(value, dict) else {}

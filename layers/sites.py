"""Candidate sites as circle markers: colour by field, size by investment, an escaped card popup."""

from __future__ import annotations

from typing import Any

import geopandas as gpd
import pandas as pd

from layers.geojson_layer import to_geojson
from layers.markup import escaped_props
from layers.popups import site_card_html
from layers.style import field_colour, site_radius


def sites_geojson(sites: gpd.GeoDataFrame, lang: str = "ja", cards: bool = True) -> dict[str, Any]:
    """FeatureCollection of sites with per-feature colour, radius, escaped tooltip and (if ``cards``) card.

    Parameters
    ----------
    sites
        Validated sites in EPSG:4326.
    lang
        ``"ja"`` or ``"en"``.
    cards
        Embed each site's card as ``_popup`` (~1.8 KB a site). The live map leaves it out: the page
        shows the clicked site's card itself, built on demand (issue 14: bytes per site per re-run).

    Returns
    -------
    dict
        A GeoJSON FeatureCollection (``_fill``, ``_radius``, ``_tip``, ``_popup``, ``site_id``).
    """
    if sites.empty:
        return {"type": "FeatureCollection", "features": []}
    props = {
        "_fill": [field_colour(f) for f in sites["field"]],
        "_radius": [site_radius(pd.to_numeric(v, errors="coerce")) for v in sites["investment_oku_yen"]],
        "_tip": escaped_props(sites["name"]),
        "site_id": [str(v) for v in sites.get("site_id", pd.Series(range(len(sites)), index=sites.index))],
    }
    if cards:
        props["_popup"] = [site_card_html(row, lang) for _, row in sites.iterrows()]
    return to_geojson(sites, props, decimals=5)

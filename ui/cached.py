"""What pages compute from a view, once per region, filters and data version, shared by every session.

Each function takes the sidebar's :class:`ui.context.View` (and its own parameters) and keeps its result
under the view's ``key`` (the store, its version, the region and the filters) with ``st.cache_resource``,
a bounded number of entries each: a re-run (a layer ticked, a site clicked, a page opened again) or another
session on the same view reuses it instead of computing it again. Results are shared: read them, never
change them.
"""

from __future__ import annotations

from typing import Any

import geopandas as gpd
import streamlit as st

from geo.sites import summary
from layers.sites import site_layer
from ui.context import View


@st.cache_resource(show_spinner=False, max_entries=16)
def _summary(key: str, _sites: gpd.GeoDataFrame) -> dict[str, object]:
    return summary.summarise(_sites)


def site_summary(view: View) -> dict[str, object]:
    """``geo.sites.summary.summarise`` of the view's sites."""
    return _summary(view.key, view.sites)


@st.cache_resource(show_spinner=False, max_entries=8)
def _site_layer(key: str, lang: str, cards: bool, _sites: gpd.GeoDataFrame) -> dict[str, Any]:
    return site_layer(_sites, lang, cards=cards)


def site_data(view: View, *, cards: bool = False) -> dict[str, Any]:
    """The view's sites packed for the map (:func:`layers.sites.site_layer`), for ``build_map(site_data=…)``."""
    return _site_layer(view.key, view.lang, cards, view.sites)

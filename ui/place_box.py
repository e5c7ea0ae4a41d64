"""The place search of the 地図 page: a name → matching municipalities, stations and sites → the map moves.

The matching rule is ``geo.place_search`` (kana-insensitive); the move goes through the address
(``ui.share.go_to``), so the found view is also the one a copied URL opens.
"""

from __future__ import annotations

import geopandas as gpd
import pandas as pd
import streamlit as st

from geo.domain import PREFECTURES
from geo.place_search import Place, find_places, places_with_sites
from i18n import Lang, t
from i18n.names import code_name
from ui import share
from ui.context import sites_key
from ui.markdown import escape

#: Matches offered at most.
MAX_MATCHES = 10


@st.cache_resource(show_spinner=False, max_entries=2)
def _places(key: str, _sites: gpd.GeoDataFrame) -> pd.DataFrame:
    return places_with_sites(_sites)


def _label(place: Place, lang: Lang) -> str:
    pref = code_name(PREFECTURES, place.pref_code, lang) if place.pref_code else ""
    return t(
        "place_option",
        lang,
        name=place.name,
        kind=t(f"place_kind_{place.kind}", lang),
        where=f"・{pref}" if pref else "",
    )


def _go(places: list[Place]) -> None:
    index = st.session_state.get("place_pick")
    if isinstance(index, int) and 0 <= index < len(places):
        p = places[index]
        share.go_to(p.lat, p.lon, p.zoom)


def place_box(sites: gpd.GeoDataFrame, lang: Lang) -> None:
    """Draw the search box and its matches; choosing one moves the map (on this run)."""
    query = st.text_input(t("place_search", lang), key="place_query", help=t("place_search_help", lang))
    if not query.strip():
        return
    places = find_places(_places(sites_key(sites), sites), query, MAX_MATCHES)
    if not places:
        st.caption(t("place_none", lang, query=escape(query)))
        return
    st.selectbox(
        t("place_results", lang),
        list(range(len(places))),
        index=None,
        placeholder=t("widget_choose_one", lang),
        key="place_pick",
        format_func=lambda i: _label(places[i], lang),
        on_change=_go,
        args=(places,),
    )

"""Views a planner can share: the address carries the page, language, region, filters, site and map view.

Streamlit puts the page in the path (``/siting``); this module keeps the rest in ``st.query_params``:
``lang`` (``ja``/``en``), ``region`` (``japan``, a block id or a prefecture code), ``fields``, ``plans``,
``statuses`` (ids joined by commas), ``site`` (the site whose card is open on 地図), ``need`` and
``candidate`` (立地候補探索's profile and chosen candidate: ``ui.siting_form``, ``ui/pages/siting.py``), ``map``
(``lat,lng,zoom``, rewritten by the map itself as it moves: ``layers.view.KeepView``) and ``compare``
(the regions of 地域比較). :func:`restore` puts a shared address into the widgets once per session,
before they are drawn; :func:`publish` writes the sidebar's choice back on every run. Everything read
from the address is checked against the known ids (anything else is ignored, never shown).
"""

from __future__ import annotations

import math

import streamlit as st

from geo.domain import ALL_FIELDS, BLOCKS, PLAN_TYPES, PREFECTURES, STATUSES, in_japan_bbox
from layers.view import StartView

#: Sidebar filter (the ``View.filters`` key, the widget key) → its query parameter.
FILTER_PARAMS: dict[str, str] = {"fields": "fields", "plan_types": "plans", "statuses": "statuses"}
_OPTIONS: dict[str, tuple[str, ...]] = {
    "fields": tuple(ALL_FIELDS),
    "plan_types": tuple(PLAN_TYPES),
    "statuses": tuple(STATUSES),
}
#: Language radio labels ↔ the ``lang`` parameter.
LANG_LABELS: dict[str, str] = {"ja": "日本語", "en": "English"}
#: The map's view parameter; the zooms a shared view may ask for.
MAP_PARAM = "map"
ZOOMS = (4.0, 18.0)
_RESTORED, _REGION, _TURN = "_url_restored", "_url_region", "_url_view_turn"
#: The longest parameter value read (characters); a longer one is ignored.
MAX_VALUE = 400


def _param(name: str) -> str | None:
    value = st.query_params.get(name)
    return value if isinstance(value, str) and len(value) <= MAX_VALUE else None


def _ids(name: str, known: tuple[str, ...]) -> list[str]:
    raw = _param(name)
    return [] if not raw else list(dict.fromkeys(v for v in raw.split(",") if v in known))


def region_widgets(region: str | None) -> tuple[str, str] | None:
    """The sidebar's (block, prefecture) for a region id, or None for an id we do not know."""
    if region == "japan":
        return "japan", ""
    if region in BLOCKS:
        return region, ""
    for block, b in BLOCKS.items():
        if region in b.pref_codes:
            return block, region
    return None


def region_ids(raw: str | None) -> list[str]:
    """Known region ids (``japan``, blocks, prefectures) of a comma-separated value, in order, once each."""
    known = {"japan", *BLOCKS, *PREFECTURES}
    return [] if not raw else list(dict.fromkeys(r for r in raw.split(",") if r in known))


def restore() -> None:
    """Put a shared address into the widgets, once per session and before they are drawn."""
    if st.session_state.get(_RESTORED):
        return
    st.session_state[_RESTORED] = True
    lang = _param("lang")
    if lang in LANG_LABELS:
        st.session_state["lang"] = LANG_LABELS[lang]
    widgets = region_widgets(_param("region"))
    if widgets is not None:
        st.session_state["block"], st.session_state["pref"] = widgets
        st.session_state[_REGION] = widgets[1] or widgets[0]
    for key, name in FILTER_PARAMS.items():
        chosen = _ids(name, _OPTIONS[key])
        if chosen:
            st.session_state[key] = chosen
    compared = region_ids(_param("compare"))
    if len(compared) >= 2:
        st.session_state["cmp_regions"] = compared[:4]


def _set(name: str, value: str | None) -> None:
    if value is None:
        if name in st.query_params:
            del st.query_params[name]
    elif st.query_params.get(name) != value:
        st.query_params[name] = value


def publish(lang: str, region_id: str, filters: dict[str, list[str] | None]) -> None:
    """Write the sidebar's choice into the address; a new region drops the old map view and site."""
    if st.session_state.get(_REGION, region_id) != region_id:
        _set(MAP_PARAM, None)
        _set("site", None)
        _set("candidate", None)
    st.session_state[_REGION] = region_id
    _set("lang", lang)
    _set("region", region_id)
    for key, name in FILTER_PARAMS.items():
        chosen = filters.get(key)
        _set(name, ",".join(chosen) if chosen else None)


def set_param(name: str, value: str | None) -> None:
    """Set (or with None remove) one parameter a page owns (``site``, ``compare``)."""
    _set(name, value)


def param(name: str) -> str | None:
    """One parameter of the address as text (None when absent or too long)."""
    return _param(name)


def go_to(lat: float, lng: float, zoom: float) -> None:
    """Move the map there on the next run (a place search): the view goes into the address."""
    st.session_state[_TURN] = int(st.session_state.get(_TURN, 0)) + 1
    _set(MAP_PARAM, f"{lat:.5f},{lng:.5f},{zoom:g}")


def start_view() -> StartView | None:
    """The address's map view (checked: numbers, inside Japan's box, a zoom the map has), or None.

    Its token changes with the value and with each :func:`go_to`, so the map applies it once.
    """
    raw = _param(MAP_PARAM)
    if not raw:
        return None
    try:
        lat, lng, zoom = (float(v) for v in raw.split(","))
    except ValueError:
        return None
    if not all(math.isfinite(v) for v in (lat, lng, zoom)) or not bool(in_japan_bbox(lng, lat)):
        return None
    zoom = min(max(zoom, ZOOMS[0]), ZOOMS[1])
    return StartView(lat, lng, zoom, f"{raw}#{st.session_state.get(_TURN, 0)}")

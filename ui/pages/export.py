"""Briefing export page: one offline HTML file for the current region and filters, as a download."""

from __future__ import annotations

import streamlit as st

from geo.briefing import collect
from geo.regions import resolve_region
from i18n import named, t
from layers.briefing import DEFAULT_BUDGET_BYTES, build_briefing
from layers.presets import BRIEFING_DEFAULT_LAYERS
from ui.context import View, current


@st.cache_resource(show_spinner=False, max_entries=2)
def _briefing(key: str, layer_ids: tuple[str, ...], basemap: bool, _view: View) -> tuple[bytes, dict[str, int]]:
    """HTML bytes and size per part; ``key`` names the view (store version, region, filters, language)."""
    data = collect(resolve_region(_view.region.id), _view.sites, layer_ids, _view.filters)
    briefing = build_briefing(data, _view.lang, basemap=basemap)
    return briefing.html.encode("utf-8"), briefing.parts


def _show(view: View, html: bytes, parts: dict[str, int]) -> None:
    """The size per part, the budget warning and the download of a built briefing."""
    lang = view.lang
    total = len(html)
    data_bytes = total - parts["leaflet"] - parts["page"]
    st.caption(
        t(
            "export_size",
            lang,
            total=f"{total / 1e6:.2f} MB",
            leaflet=f"{parts['leaflet'] / 1e3:.0f} kB",
            data=f"{data_bytes / 1e3:.0f} kB",
        )
    )
    if total > DEFAULT_BUDGET_BYTES:
        st.warning(t("export_over_budget", lang, budget=f"{DEFAULT_BUDGET_BYTES / 1e6:.1f} MB"))
    st.download_button(
        t("export_download", lang),
        data=lambda: html,  # handed over when clicked: nothing is sent with the page
        mime="text/html",
        file_name=f"briefing-{view.region.id}.html",
        key="export_download",
        on_click="ignore",
        type="primary",
    )


@st.fragment
def _build(view: View, chosen: tuple[str, ...], basemap: bool) -> None:
    """Build the briefing when asked (the analyses of a national register take a while), then offer it."""
    key = f"{view.key}|{view.lang}|{view.fingerprint}"
    wanted = (key, chosen, basemap)
    if st.button(t("export_build", view.lang), key="export_build"):
        st.session_state["export_built"] = wanted
    if st.session_state.get("export_built") != wanted:
        st.caption(t("export_build_hint", view.lang))
        return
    with st.spinner(t("export_building", view.lang)):
        html, parts = _briefing(key, chosen, basemap, view)
    _show(view, html, parts)


def page() -> None:
    view = current()
    lang = view.lang
    st.header(t("export_heading", lang))
    st.caption(t("export_intro", lang))
    names = {r.id: named(r, lang) for r in view.status if r.loaded}
    chosen = st.multiselect(
        t("export_layers", lang),
        list(names),
        key="export_layers",
        default=[i for i in BRIEFING_DEFAULT_LAYERS if i in names],
        format_func=lambda i: str(names.get(i, i)),
    )
    basemap = st.checkbox(t("export_basemap", lang), value=False, key="export_basemap")
    _build(view, tuple(chosen), basemap)


page()

"""Briefing export page: one offline HTML file for the current region and filters, as a download."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from geo.analysis.gaps import infrastructure_gaps
from geo.analysis.requirements import load_requirements
from geo.briefing import collect
from geo.io.safe_csv import safe_csv
from geo.regions import resolve_region
from i18n import named, t
from i18n.gaps import worded_gaps
from layers.briefing import DEFAULT_BUDGET_BYTES, build_briefing
from layers.presets import BRIEFING_DEFAULT_LAYERS
from ui.context import View, current, region_label, region_options, sites_key


@st.cache_resource(show_spinner=False, max_entries=2)
def _briefing(
    key: str, layer_ids: tuple[str, ...], basemap: bool, compare: tuple[str, ...], _view: View
) -> tuple[bytes, dict[str, int]]:
    """HTML bytes and size per part; ``key`` names the view (store version, region, filters, language, and the
    sites of every region when the 地域比較 section reads other regions)."""
    data = collect(
        resolve_region(_view.region.id),
        _view.sites,
        layer_ids,
        _view.filters,
        compare_with=compare,
        compare_sites=_view.all_sites,
    )
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
def _build(view: View, chosen: tuple[str, ...], basemap: bool, compare: tuple[str, ...]) -> None:
    """Build the briefing when asked (the analyses of a national register take a while), then offer it."""
    key = f"{view.key}|{view.lang}|{view.fingerprint}"
    if compare:  # the 地域比較 section reads the sites of other regions too
        key += f"|{sites_key(view.all_sites)}"
    wanted = (key, chosen, basemap, compare)
    if st.button(t("export_build", view.lang), key="export_build"):
        st.session_state["export_built"] = wanted
    if st.session_state.get("export_built") != wanted:
        st.caption(t("export_build_hint", view.lang))
        return
    with st.spinner(t("export_building", view.lang)):
        html, parts = _briefing(key, chosen, basemap, compare, view)
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
        placeholder=t("widget_choose", lang),
    )
    basemap = st.checkbox(t("export_basemap", lang), value=False, key="export_basemap")
    others = [r for r in region_options() if r != view.region.id]
    compare = st.multiselect(
        t("export_compare", lang),
        others,
        key="export_compare",
        max_selections=3,
        format_func=lambda r: region_label(r, lang),
        help=t("export_compare_help", lang),
        placeholder=t("widget_choose", lang),
    )
    _build(view, tuple(chosen), basemap, tuple(compare))
    _tables(view)


def _tables(view: View) -> None:
    """Every site and every requirement check of the view as CSV, written when the button is clicked."""
    lang, sites = view.lang, view.sites
    st.caption(t("export_tables", lang))
    left, right = st.columns(2)
    left.download_button(
        t("export_sites_csv", lang),
        data=lambda: safe_csv(pd.DataFrame(sites.drop(columns="geometry"))),
        file_name=f"sites-{view.region.id}.csv",
        mime="text/csv",
        key="export_sites_csv",
        on_click="ignore",
        disabled=sites.empty,
    )
    right.download_button(
        t("export_gaps_csv", lang),
        data=lambda: safe_csv(worded_gaps(infrastructure_gaps(sites, load_requirements()))),
        file_name=f"infrastructure_gaps-{view.region.id}.csv",
        mime="text/csv",
        key="export_gaps_csv",
        on_click="ignore",
        disabled=sites.empty,
    )


page()

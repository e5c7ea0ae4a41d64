"""Briefing export page: one offline HTML file for the current region and filters, as a download."""

from __future__ import annotations

import hashlib
import json

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


@st.cache_data(show_spinner=False, max_entries=8)
def _briefing(
    _view: View, key: str, layer_ids: tuple[str, ...], basemap: bool, compare: tuple[str, ...] = ()
) -> tuple[str, dict[str, int]]:
    """HTML and size per part; ``key`` identifies the view (region, filters, sites, data version)."""
    data = collect(
        resolve_region(_view.region.id),
        _view.sites,
        layer_ids,
        _view.filters,
        compare_with=compare,
        compare_sites=_view.all_sites,
    )
    briefing = build_briefing(data, _view.lang, basemap=basemap)
    return briefing.html, briefing.parts


def _view_key(view: View) -> str:
    sites = view.sites.to_json(drop_id=True) if len(view.sites) else ""
    every = sites_key(view.all_sites)  # the 地域比較 section reads sites of other regions too
    text = json.dumps([view.lang, view.region.id, view.filters, view.fingerprint, sites, every], default=str)
    return hashlib.sha1(text.encode("utf-8")).hexdigest()


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
    others = [r for r in region_options() if r != view.region.id]
    compare = st.multiselect(
        t("export_compare", lang),
        others,
        key="export_compare",
        max_selections=3,
        format_func=lambda r: region_label(r, lang),
        help=t("export_compare_help", lang),
    )
    with st.spinner():
        html, parts = _briefing(view, _view_key(view), tuple(chosen), basemap, tuple(compare))
    total = len(html.encode("utf-8"))
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
        data=html.encode("utf-8"),
        mime="text/html",
        file_name=f"briefing-{view.region.id}.html",
        key="export_download",
        on_click="ignore",
        type="primary",
    )
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

"""Briefing export page: one offline HTML file for the current region and filters, as a download."""

from __future__ import annotations

import hashlib
import json

import streamlit as st

from geo.briefing import collect
from geo.regions import resolve_region
from i18n import t
from layers.briefing import DEFAULT_BUDGET_BYTES, build_briefing
from layers.presets import BRIEFING_DEFAULT_LAYERS
from ui.context import View, current


@st.cache_data(show_spinner=False, max_entries=8)
def _briefing(_view: View, key: str, layer_ids: tuple[str, ...], basemap: bool) -> tuple[str, dict[str, int]]:
    """HTML and size per part; ``key`` identifies the view (region, filters, sites, data version)."""
    data = collect(resolve_region(_view.region.id), _view.sites, layer_ids, _view.filters)
    briefing = build_briefing(data, _view.lang, basemap=basemap)
    return briefing.html, briefing.parts


def _view_key(view: View) -> str:
    sites = view.sites.to_json(drop_id=True) if len(view.sites) else ""
    text = json.dumps([view.lang, view.region.id, view.filters, view.fingerprint, sites], default=str)
    return hashlib.sha1(text.encode("utf-8")).hexdigest()


def page() -> None:
    view = current()
    lang = view.lang
    st.header(t("export_heading", lang))
    st.caption(t("export_intro", lang))
    names = {r["id"]: r["name_en" if lang == "en" else "name_ja"] for r in view.status if r["status"] == "loaded"}
    chosen = st.multiselect(
        t("export_layers", lang),
        list(names),
        key="export_layers",
        default=[i for i in BRIEFING_DEFAULT_LAYERS if i in names],
        format_func=names.get,
    )
    basemap = st.checkbox(t("export_basemap", lang), value=False, key="export_basemap")
    with st.spinner():
        html, parts = _briefing(view, _view_key(view), tuple(chosen), basemap)
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


page()

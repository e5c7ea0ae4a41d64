"""地域未来マップ — Streamlit entry point. Thin: widgets and layout only; analysis lives in ``geo``."""
from __future__ import annotations

import pandas as pd
import streamlit as st
from streamlit_folium import st_folium

from geo import infra, regions, summary
from geo.domain import ALL_FIELDS, BLOCKS, PLAN_TYPES, PREFECTURES, STATUSES, term_name
from geo.net import http_reachable
from geo.selection import site_at
from geo.store import open_store
from i18n import t
from layers import assets, static_files
from layers.map import GSI_PALE_URL, MapLayer, build_map

st.set_page_config(page_title="地域未来マップ", page_icon="🗾", layout="wide")

DEFAULT_LAYERS = ("expressways", "expressway_ic", "railways", "airports")


@st.cache_resource(show_spinner=False)
def _static_assets(lang: str, fingerprint: str) -> dict[str, str | None]:
    """Copy Leaflet and write the static layer files once per data version and language."""
    assets.install_static()
    urls: dict[str, str | None] = dict(static_files.publish_boundaries(lang))
    for layer_id in infra.LAYERS:
        urls[layer_id] = static_files.publish_layer(layer_id, lang)
    return urls


@st.cache_data(show_spinner=False)
def _sites(path: str, mtime: float) -> pd.DataFrame:
    """All stored sites; re-read when the store file changes."""
    return open_store(path).read()


@st.cache_data(show_spinner=False, ttl=300)
def _online() -> bool:
    """Whether the GSI basemap tiles answer (a real HTTP request; proxies accept any TCP connect)."""
    return http_reachable(GSI_PALE_URL.format(z=5, x=28, y=12), timeout=2.0)


@st.cache_data(show_spinner=False)
def _layer_status(region_id: str, fingerprint: str) -> list[dict]:
    return infra.layer_status(regions.resolve_region(region_id))


def _name(table: dict, key: str, lang: str) -> str:
    return term_name(table[key], lang)


def sidebar(lang: str) -> tuple[regions.Region, dict]:
    """Region and filters chosen in the sidebar."""
    sb = st.sidebar
    sb.header(t("filters", lang))
    block = sb.selectbox(t("block", lang), ["japan", *BLOCKS], key="block",
                         format_func=lambda b: t("all_japan", lang) if b == "japan" else _name(BLOCKS, b, lang))
    pref = ""
    if block != "japan":
        pref = sb.selectbox(t("prefecture", lang), ["", *BLOCKS[block].pref_codes], key="pref",
                            format_func=lambda c: t("all_prefs", lang) if not c else _name(PREFECTURES, c, lang))
    region = regions.resolve_region(pref or block)
    filters = {
        "fields": sb.multiselect(t("fields", lang), list(ALL_FIELDS), key="fields",
                                 format_func=lambda f: _name(ALL_FIELDS, f, lang)),
        "plan_types": sb.multiselect(t("plan_types", lang), list(PLAN_TYPES), key="plan_types",
                                     format_func=lambda p: f"{p}: {_name(PLAN_TYPES, p, lang)}"),
        "statuses": sb.multiselect(t("statuses", lang), list(STATUSES), key="statuses",
                                   format_func=lambda s: _name(STATUSES, s, lang)),
    }
    return region, filters


def layer_toggles(lang: str, status: list[dict]) -> list[str]:
    """Checkboxes per infrastructure layer; layers without data say so instead of drawing nothing."""
    st.sidebar.header(t("layers", lang))
    chosen = []
    for row in status:
        name = row["name_en"] if lang == "en" else row["name_ja"]
        no_data = row["status"] != "loaded"
        label = f"{name}（{t('no_data_short', lang)}）" if no_data else f"{name} ({row['count']:,})"
        on = st.sidebar.checkbox(label, value=row["id"] in DEFAULT_LAYERS and not no_data,
                                 key=f"layer_{row['id']}", disabled=no_data)
        if on:
            chosen.append(row["id"])
    return chosen


def site_card(site: pd.Series, lang: str) -> None:
    """The clicked site's details as plain text (never rendered as HTML)."""
    st.subheader(f"{t('site_card', lang)}: {site['name']}")
    fields = [("company", site.get("company")),
              ("plan_type", _name(PLAN_TYPES, site["plan_type"], lang) if site.get("plan_type") in PLAN_TYPES else None),
              ("field", _name(ALL_FIELDS, site["field"], lang) if site.get("field") in ALL_FIELDS else site.get("field")),
              ("status", _name(STATUSES, site["status"], lang) if site.get("status") in STATUSES else None),
              ("investment", site.get("investment_oku_yen")), ("jobs", site.get("jobs")),
              ("land", site.get("land_ha")), ("source_note", site.get("source_note"))]
    st.table(pd.DataFrame({"": [t(k, lang) for k, _ in fields],
                           " ": ["" if pd.isna(v) else str(v) for _, v in fields]}).set_index(""))
    if site.get("is_sample"):
        st.caption(t("sample_badge", lang))


def charts(info: dict, lang: str) -> None:
    """Investment by field and by prefecture."""
    left, right = st.columns(2)
    by_field = info["by_field"]
    if not by_field.empty:
        left.caption(t("by_field", lang))
        labels = [_name(ALL_FIELDS, f, lang) if f in ALL_FIELDS else f for f in by_field.index]
        left.bar_chart(pd.Series(by_field["investment_oku_yen"].to_numpy(), index=labels), horizontal=True)
    by_pref = info["by_pref"]
    if not by_pref.empty:
        right.caption(t("by_pref", lang))
        labels = [_name(PREFECTURES, c, lang) if c in PREFECTURES else c for c in by_pref.index]
        right.bar_chart(pd.Series(by_pref["investment_oku_yen"].to_numpy(), index=labels), horizontal=True)


def layer_table(status: list[dict], lang: str) -> None:
    """Every layer with count, status (no data is said, never drawn as a gap), source, licence, date."""
    st.caption(t("layer_table", lang))
    st.dataframe(pd.DataFrame({
        t("col_layer", lang): [r["name_en"] if lang == "en" else r["name_ja"] for r in status],
        t("col_count", lang): [r["count"] for r in status],
        t("col_status", lang): [t("status_loaded" if r["status"] == "loaded" else "status_no_data", lang) for r in status],
        t("col_source", lang): [r["source"] for r in status],
        t("col_licence", lang): [r["licence"] for r in status],
        t("col_date", lang): [r["date"] for r in status],
    }), hide_index=True, width="stretch")


def main() -> None:
    lang = "en" if st.sidebar.radio(t("language"), ["日本語", "English"], horizontal=True, key="lang") == "English" else "ja"
    st.title(t("app_title", lang))
    st.caption(t("app_caption", lang))
    try:
        region, filters = sidebar(lang)
        fingerprint = infra.data_fingerprint()
        status = _layer_status(region.id, fingerprint)
        urls = _static_assets(lang, fingerprint)
        store = open_store()
        sites = summary.filter_sites(_sites(str(store.path), store.path.stat().st_mtime), region=region,
                                     **{k: v or None for k, v in filters.items()})
    except (ValueError, FileNotFoundError, OSError) as exc:
        st.error(t("error_data", lang, detail=exc))
        st.stop()
    chosen = layer_toggles(lang, status)
    online = _online()
    basemap = st.sidebar.checkbox(t("basemap", lang), value=online, key="basemap", disabled=not online)
    if not online:
        st.sidebar.caption(t("basemap_offline", lang))

    info = summary.summarise(sites)
    c1, c2, c3, c4 = st.columns(4)
    c1.metric(t("n_sites", lang), f"{info['n_sites']:,}")
    c2.metric(t("investment", lang), f"{info['investment_oku_yen']:,.0f}")
    c3.metric(t("jobs", lang), f"{info['jobs']:,.0f}")
    c4.metric(t("land", lang), f"{info['land_ha']:,.0f}")
    st.caption(t("sample_notice", lang))
    if sites.empty:
        st.info(t("no_sites", lang))

    by_id = {r["id"]: r for r in status}
    shown = [MapLayer(i, by_id[i]["name_en" if lang == "en" else "name_ja"], infra.LAYERS[i].kind, url=urls[i])
             for i in chosen if urls.get(i)]
    credits = [regions.boundary_credit(lang), *infra.credits_for(chosen)]
    m = build_map(bounds=region.bounds, sites=sites, lang=lang, basemap=basemap, credits=credits,
                  prefectures=MapLayer("pref", t("prefectures_layer", lang), "polygon", url=urls["prefectures"]),
                  blocks=MapLayer("block", t("blocks_layer", lang), "line", url=urls["blocks"]), layers=shown)
    out = st_folium(m, height=620, use_container_width=True, key="map",
                    returned_objects=["last_object_clicked"])
    clicked = (out or {}).get("last_object_clicked") or {}
    site = site_at(sites, clicked.get("lng", float("nan")), clicked.get("lat", float("nan"))) if clicked else None
    if site is not None:
        site_card(site, lang)
    else:
        st.caption(t("click_hint", lang))
    charts(info, lang)
    layer_table(status, lang)
    with st.expander(t("credits", lang)):
        for line in credits:
            st.caption(line)


main()

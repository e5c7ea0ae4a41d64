"""Map explorer page: summary, the map with layers and sites, the site card, charts, layer status."""

from __future__ import annotations

import geopandas as gpd
import pandas as pd
import streamlit as st

from geo import infra, regions
from geo.analysis.gaps import infrastructure_gaps
from geo.analysis.requirements import load_requirements
from geo.crs import CRS_STORE
from geo.domain import ALL_FIELDS, PREFECTURES
from geo.errors import RequirementsError
from i18n import Lang, named, t, term_name
from i18n import format as fmt
from i18n.completeness import completeness_text
from i18n.names import code_name
from layers.geojson_layer import SITE_REF
from layers.map import MapLayer, MapOptions, build_map
from layers.offline_basemap import offline_basemap_for
from layers.popups import site_card_rows
from layers.presets import MAP_DEFAULT_LAYERS
from ui import charts, share
from ui.cached import site_data, site_summary
from ui.context import View, basemap_online, current, static_urls
from ui.live_map import live_map
from ui.markdown import escape, escaped_table
from ui.place_box import place_box


def layer_toggles(view: View) -> list[str]:
    """Checkboxes per infrastructure layer; layers without data say so instead of drawing nothing."""
    lang = view.lang
    st.sidebar.header(t("layers", lang))
    chosen = []
    for row in view.status:
        label_name = named(row, lang)
        no_data = not row.loaded
        complete = escape(completeness_text(row.completeness, row.notes, lang))  # an imported file's name
        label = (
            f"{label_name}（{t('no_data_short', lang)}）"
            if no_data
            else f"{label_name} ({fmt.number(row.count, lang)}・{complete})"
        )
        if st.sidebar.checkbox(
            label, value=row.id in MAP_DEFAULT_LAYERS and not no_data, key=f"layer_{row.id}", disabled=no_data
        ):
            chosen.append(row.id)
    return chosen


def metrics(info: dict, lang: Lang) -> None:
    """Sites, 億円, jobs and land for the current filter; a measure no site discloses shows "—"."""
    n = info["n_sites"]
    cols = st.columns(4)
    cols[0].metric(t("n_sites", lang), fmt.number(n, lang))
    for col, (key, measure) in zip(
        cols[1:], (("investment", "investment_oku_yen"), ("jobs", "jobs"), ("land", "land_ha")), strict=True
    ):
        known = info["n_known"][measure]
        value = fmt.number(info[measure] if known else None, lang, why="none")
        col.metric(t(key, lang), value, help=t("known_of", lang, known=known, n=n))


def clicked_site(out: dict | None, sites: pd.DataFrame) -> pd.Series | None:
    """The site whose marker was clicked: its ``site_id`` rides in the tooltip the map returns (``[site:ID]``).

    A click anywhere on a circle, however large, names that site (no search around the mouse position).
    """
    tip = (out or {}).get("last_object_clicked_tooltip") or ""
    found = SITE_REF.search(str(tip))
    if not found or sites.empty or "site_id" not in sites:
        return None
    hit = sites[sites["site_id"].astype(str) == found.group(1)]
    return None if hit.empty else hit.iloc[0]


def shown_site(out: dict | None, sites: pd.DataFrame) -> pd.Series | None:
    """The clicked site, kept in the address (``?site=``); without a click, the address's site."""
    site = clicked_site(out, sites)
    if site is not None:
        share.set_param("site", str(site["site_id"]))
        return site
    wanted = share.param("site")
    if not wanted or sites.empty or "site_id" not in sites:
        return None
    hit = sites[sites["site_id"].astype(str) == wanted]
    return None if hit.empty else hit.iloc[0]


def site_card(site: pd.Series, lang: Lang) -> None:
    """The clicked site's card as plain text (never rendered as HTML), formatted like the map popup, then its
    infrastructure checks: the distance to the nearest of each kind its field requires, against the limit."""
    st.subheader(f"{t('site_card', lang)}: {escape(site['name'])}")
    rows = [(k, v) for k, v in site_card_rows(site, lang) if v]
    item, value = t("card_col_item", lang), t("card_col_value", lang)
    escaped_table(pd.DataFrame({item: [k for k, _ in rows], value: [v for _, v in rows]}).set_index(item))
    if site.get("is_sample"):
        st.caption(t("sample_badge", lang))
    try:
        gaps = infrastructure_gaps(gpd.GeoDataFrame([site], crs=CRS_STORE), load_requirements())
    except RequirementsError:  # the gaps page says so and logs it; the card stays
        return
    if len(gaps):
        st.caption(t("card_gaps", lang))
        charts.table(
            pd.DataFrame(
                {
                    t("gaps_col_requirement", lang): [t(f"gaps_kind_{k}", lang) for k in gaps["requirement"]],
                    t("gaps_col_status", lang): [t(f"gaps_status_{s}", lang) for s in gaps["status"]],
                    t("gaps_col_distance", lang): [fmt.number(v, lang, 1) for v in gaps["distance_km"]],
                    t("gaps_col_limit", lang): [fmt.number(v, lang, 0) for v in gaps["limit_km"]],
                }
            ),
            lang,
            key="site_card_gaps",
        )


def investment_charts(info: dict, lang: Lang) -> None:
    """Investment by field and by prefecture (sites with a disclosed amount)."""
    left, right = st.columns(2)
    for col, frame, table, id_col, key in (
        (left, info["by_field"], ALL_FIELDS, "field", "by_field"),
        (right, info["by_pref"], PREFECTURES, "pref_code", "by_pref"),
    ):
        frame = frame[frame["investment_oku_yen"] > 0]
        col.caption(t(key, lang))
        labels = [code_name(table, k, lang) for k in frame[id_col]]
        charts.bars(
            pd.Series(frame["investment_oku_yen"].to_numpy(), index=labels),
            lang,
            title=t("chart_investment_axis", lang),
            where=col,
        )


def layer_table(status: list[infra.LayerStatus], lang: Lang) -> None:
    """Every layer with count, status (no data is said, never drawn as a gap), source, licence, date."""
    st.caption(t("layer_table", lang))
    st.caption(t("completeness_caption", lang))
    escaped_table(  # text, drawn by Markdown: a session's first page loads no data grid for it
        pd.DataFrame(
            {
                t("col_layer", lang): [named(r, lang) for r in status],
                t("col_count", lang): [fmt.number(r.count, lang) for r in status],
                t("col_status", lang): [t("status_loaded" if r.loaded else "status_no_data", lang) for r in status],
                t("col_completeness", lang): [completeness_text(r.completeness, r.notes, lang) for r in status],
                t("col_source", lang): [r.source for r in status],
                t("col_licence", lang): [r.licence for r in status],
                t("col_date", lang): [r.date for r in status],
            }
        ),
        fmt.missing(lang),
    )


@st.fragment
def map_and_card(view: View, chosen: tuple[str, ...], basemap: bool) -> None:
    """The map and the clicked site's card: a click on a site re-runs only this part of the page."""
    lang, sites = view.lang, view.sites
    urls = static_urls(lang, view.fingerprint)
    names = {r.id: named(r, lang) for r in view.status}
    shown = [MapLayer(i, names[i], infra.LAYERS[i].kind, url=urls[i]) for i in chosen if urls.get(i)]
    credits = [term_name(regions.boundary_credit(), lang), *infra.credits_for(chosen)]
    m = build_map(
        bounds=regions.view_bounds(view.region),
        region=view.region,
        sites=sites,
        lang=lang,
        credits=credits,
        prefectures=MapLayer("pref", t("prefectures_layer", lang), "polygon", url=urls["prefectures"]),
        blocks=MapLayer("block", t("blocks_layer", lang), "line", url=urls["blocks"]),
        layers=shown,
        offline=None if basemap else offline_basemap_for(view.region.bounds, urls, lang),
        # the card is built on demand beside the map, from the clicked site
        options=MapOptions(
            basemap=basemap,
            site_cards=False,
            keep_view=("explore", view.region.id),
            start_view=share.start_view(),
            view_param=share.MAP_PARAM,
            size_px=(700, 620),  # three quarters of the row, the site card beside it
        ),
        site_data=site_data(view),
    )
    # the card beside the map: a click shows it where the planner is looking, never below the fold
    map_column, card_column = st.columns([3, 1], gap="small")
    with map_column:
        out = live_map(m, key="map", height=620, report=("site",))
        st.caption(t("credits_line", lang, credits=escape(" ／ ".join(credits))))  # imported credits are typed
    with card_column:
        site = shown_site(out, sites)
        if site is not None:
            site_card(site, lang)
        else:
            st.caption(t("click_hint", lang))


def page() -> None:
    view = current()
    lang, sites = view.lang, view.sites
    with st.sidebar:  # beside the filters: the map keeps its place on the page
        place_box(view.all_sites, lang)
    chosen = layer_toggles(view)
    online = basemap_online()
    basemap = st.sidebar.checkbox(t("basemap", lang), value=online, key="basemap", disabled=not online)
    if not online:
        st.sidebar.caption(t("basemap_offline", lang))
    st.title(t("app_title", lang))
    st.caption(t("app_caption", lang))
    info = site_summary(view)
    metrics(info, lang)
    st.caption(t("sample_notice", lang))
    if sites.empty:
        st.info(t("no_sites", lang))
    map_and_card(view, tuple(chosen), basemap)
    # drawn once opened (the choice is kept): redrawn on every run, the two charts took ~0.08 s of each region
    # change in the browser at 100,000 sites; 地域カルテ shows the same breakdown for the region
    breakdown = st.expander(t("investment_charts", lang), key="explore_charts", on_change="rerun")
    if breakdown.open:
        with breakdown:
            investment_charts(info, lang)
    layer_table(view.status, lang)


page()

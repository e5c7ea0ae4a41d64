"""Labour-demand page (人材需要): jobs vs working-age population by prefecture, catchments, schools, downloads."""

from __future__ import annotations

import logging

import networkx as nx
import numpy as np
import pandas as pd
import streamlit as st

from geo import labour, regions
from geo.domain import ALL_FIELDS, BLOCKS, PREFECTURES
from geo.errors import LabourUnitsError
from geo.infra.osm.roadnet import cached_graphs, load_road_graph
from geo.io.safe_csv import safe_csv
from geo.labour import data, outlook
from geo.labour.catchment import catchment_disc
from geo.labour.jobs import LABOUR_UNITS_TOML, jobs_per_1000, load_labour_units
from i18n import Lang, named, t, term_name
from i18n.errors import command_line_text
from i18n.format import number
from i18n.labour import catchment_rule
from i18n.names import code_name
from layers.labour import MEASURE_KEYS, add_catchment_layer, add_choropleth, add_school_layer
from layers.map import MapLayer, build_map
from layers.popups import cluster_labels
from layers.static_files import levels_for
from layers.style import JOBS_COLOURS
from ui import cached, charts
from ui.assumptions import labour_units_view
from ui.context import View, current, static_urls
from ui.downloads import excel_bytes
from ui.labour_outlook import credits, manufacturing_section, market_panel, outlook_section
from ui.live_map import live_map
from ui.tables import page_rows

MEASURES = ("working_age", "jobs_per_1000_working_age", "working_age_change")


@st.cache_resource(show_spinner=False)
def _graph(path: str, mtime: float) -> nx.MultiDiGraph:
    return load_road_graph(path)


def region_table(table: pd.DataFrame, lang: Lang, level: str) -> pd.DataFrame:
    """Prefecture (``level="pref"``) or block rows with translated headers; unknown shown as 「不明」."""
    unit, names = ("pref_code", PREFECTURES) if level == "pref" else ("block", BLOCKS)
    return pd.DataFrame(
        {
            t(f"labour_col_{level}", lang): [code_name(names, c, lang) for c in table[unit]],
            t("labour_col_population", lang): [number(v, lang) for v in table["population"]],
            t("labour_col_working_age", lang): [number(v, lang) for v in table["working_age"]],
            t("labour_col_flp", lang): [number(v, lang, 3) for v in table["female_labor_participation"]],
            t("labour_col_disclosed", lang): [number(v, lang) for v in table["jobs_disclosed"]],
            t("labour_col_estimated", lang): [number(v, lang) for v in table["jobs_estimated"]],
            t("labour_col_sites", lang): table["sites"],
            t("labour_col_unknown", lang): table["sites_jobs_unknown"],
            t("labour_col_ratio", lang): [number(v, lang, 2) for v in table["jobs_per_1000_working_age"]],
            t("labour_col_ratio_disclosed", lang): [
                number(v, lang, 2) for v in table["jobs_per_1000_working_age_disclosed"]
            ],
            t("labour_col_kosen", lang): table["kosen"],
            t("labour_col_univ", lang): table["universities"],
            t("labour_col_junior", lang): table["junior_colleges"],
        }
    )


def _sites_table(sites: pd.DataFrame, lang: Lang) -> pd.DataFrame:
    return pd.DataFrame(
        {
            t("labour_col_site", lang): sites["name"],
            t("labour_col_jobs", lang): [number(v, lang) for v in sites["jobs"]],
            t("labour_col_basis", lang): [t(f"labour_basis_{b}", lang) for b in sites["jobs_basis"]],
            t("labour_col_catch_wa", lang): sites["catchment_working_age"].round(0),
            t("labour_col_munis", lang): sites["catchment_munis"],
            t("labour_col_ratio", lang): [number(v, lang, 2) for v in sites["jobs_per_1000_working_age"]],
            t("labour_col_n_competing", lang): sites["n_competing"],
            t("labour_col_competing", lang): ["・".join(c) for c in sites["competing_sites"]],
            t("labour_col_kosen", lang): sites["kosen"],
            t("labour_col_univ", lang): sites["universities"],
        }
    )


def _chart(prefs: pd.DataFrame, lang: Lang) -> None:
    st.caption(t("labour_chart", lang))
    charts.bars(
        pd.DataFrame(
            {
                t("labour_series_disclosed", lang): jobs_per_1000(
                    prefs["jobs_disclosed"], prefs["working_age"]
                ).to_numpy(),
                t("labour_series_estimated", lang): jobs_per_1000(
                    prefs["jobs_estimated"], prefs["working_age"]
                ).to_numpy(),
            },
            index=[code_name(PREFECTURES, c, lang) for c in prefs["pref_code"]],
        ),
        lang,
        title=t("chart_jobs_per_1000_axis", lang),
        colours=[JOBS_COLOURS["disclosed"], JOBS_COLOURS["estimated"]],
        digits=2,
    )


def _map(view: View, result: labour.LabourResult, pressure: pd.DataFrame, measure: str, chosen: int | None) -> None:
    lang, region = view.lang, view.region
    radius = result.catchments.radius_km
    codes = result.catchments.codes_of(chosen) if chosen is not None else []
    units = data.municipal_units()
    units = units[units["pref_code"].isin(region.pref_codes) | units["code"].isin(codes)]  # catchments cross borders
    values = units[["code", "name_ja"]].merge(pressure, on="code")
    projected = outlook.units_outlook().set_index("code")
    change = projected["working_age_2050"] / projected["working_age_2020"].where(projected["working_age_2020"] > 0)
    values["working_age_change"] = values["code"].map(change).to_numpy()
    schools = data.schools()
    urls = static_urls(lang, view.fingerprint)
    m = build_map(
        bounds=regions.view_bounds(region),  # the main islands, as on the other maps
        region=region,
        sites=view.sites,
        lang=lang,
        credits=[
            term_name(regions.boundary_credit(), lang),
            *(term_name(c, lang) for c in data.credits()),
            *credits(lang)[:1],
        ],
        prefectures=MapLayer("pref", t("prefectures_layer", lang), "polygon", url=urls["prefectures"]),
        blocks=MapLayer("block", t("blocks_layer", lang), "line", url=urls["blocks"]),
        site_data=cached.site_data(view),
    )
    unit_levels = levels_for(str(urls["units"])) if urls.get("units") else None  # shared polygons, values joined
    add_choropleth(m, values, measure, lang, simplify_deg=0.005, levels=unit_levels)
    shown = schools[schools["unit_code"].isin(set(units["code"]))]
    add_school_layer(m, shown, lang, data=cached.school_data(shown, lang))
    if chosen is not None:
        site = result.catchments.sites.set_index("site_id").loc[chosen]
        disc = catchment_disc(site.geometry.x, site.geometry.y, radius)
        add_catchment_layer(m, disc, codes, radius, lang)
    live_map(m, key="labour_map", height=560)
    if measure == "jobs_per_1000_working_age":
        st.caption(t("labour_pressure_note", lang))
    elif measure == "working_age_change":
        st.caption(t("labour_change_caption", lang) + " " + t("labour_note_hamadori", lang))


def _clusters(view: View, result: labour.LabourResult, keys: tuple[float, str, str], lang: Lang) -> None:
    st.subheader(t("labour_clusters", lang))
    clusters = cached.clusters(view)
    table = cached.labour_by_cluster(view, result, *keys)
    labels = dict(zip(clusters["id"].astype(int), cluster_labels(clusters, lang), strict=True))
    charts.table(
        pd.DataFrame(
            {
                t("labour_col_cluster", lang): [labels[int(i)] for i in table["id"]],
                t("labour_col_field", lang): [code_name(ALL_FIELDS, f, lang) for f in table["field"]],
                t("labour_col_sites", lang): table["n_sites"],
                t("labour_col_catch_wa", lang): table["catchment_working_age"].round(0),
                t("labour_col_disclosed", lang): [number(v, lang) for v in table["jobs_disclosed"]],
                t("labour_col_estimated", lang): [number(v, lang) for v in table["jobs_estimated"]],
                t("labour_col_unknown", lang): table["sites_jobs_unknown"],
                t("labour_col_ratio", lang): [number(v, lang, 2) for v in table["jobs_per_1000_working_age"]],
                t("labour_col_kosen", lang): table["kosen"],
                t("labour_col_univ", lang): table["universities"],
            }
        ),
        lang,
    )


#: Sites offered in the catchment chooser: the most jobs first (a national register has 100,000).
CHOOSER_MAX = 1000


def _choose_site(sites: pd.DataFrame, by_jobs: tuple[np.ndarray, np.ndarray], lang: Lang) -> int | None:
    """The site whose catchment the map draws, among the :data:`CHOOSER_MAX` with the most jobs.

    ``by_jobs``: the sites' ids and names, the most jobs first (``cached.labour_sites``).
    """
    if not len(sites):
        return None
    ids = [int(i) for i in by_jobs[0][:CHOOSER_MAX]]
    labels = dict(zip(ids, by_jobs[1][:CHOOSER_MAX].tolist()))  # the names offered only (not 100,000 each run)
    kept = st.session_state.get("labour_site")
    if kept is not None and kept not in labels:
        before = sites.loc[sites["site_id"] == kept, "name"]
        if len(before):  # a choice made before stays offered
            ids.append(kept)
            labels[kept] = str(before.iloc[0])
    chosen = st.selectbox(t("labour_select_site", lang), ids, key="labour_site", format_func=lambda i: labels[i])
    if len(sites) > CHOOSER_MAX:
        st.caption(
            t(
                "table_choose_top",
                lang,
                shown=number(CHOOSER_MAX, lang),
                total=number(len(sites), lang),
                order=t("labour_chooser_order", lang),
            )
        )
    return chosen


def page() -> None:
    view = current()
    lang, region = view.lang, view.region
    st.title(t("labour_title", lang))
    st.caption(t("labour_caption", lang))
    left, right = st.columns([1, 2])
    radius = left.slider(
        t("labour_radius", lang), 5.0, 80.0, labour.DEFAULT_RADIUS_KM, 5.0, format="%g", key="labour_radius"
    )
    measure = right.radio(
        t("labour_measure", lang),
        MEASURES,
        horizontal=True,
        key="labour_measure",
        format_func=lambda k: t(MEASURE_KEYS[k], lang),
    )
    try:
        units = load_labour_units()
    except LabourUnitsError as exc:
        logging.getLogger("chiiki_map.ui").error("%s", command_line_text(exc, "en"))
        st.error(t("labour_error_units", lang))
        st.stop()
    graph, graph_key = None, ""
    graphs = cached_graphs()
    if graphs and st.checkbox(t("labour_network", lang), value=False, key="labour_network"):
        graph_key = f"{graphs[0]}:{graphs[0].stat().st_mtime}"
        graph = _graph(str(graphs[0]), graphs[0].stat().st_mtime)
    units_key = cached.file_stamp(LABOUR_UNITS_TOML)
    # the region's sites and every site within reach across its border (competitors), once per view
    result = cached.labour_result(view, radius, units, units_key, graph, graph_key)
    keys = (radius, units_key, graph_key)
    network = bool((result.catchments.sites["catchment_method"] == "network").any())
    st.info(catchment_rule(radius, lang, network))
    prefs = result.prefs
    figures = cached.labour_headline(view, result, *keys)
    c1, c2, c3, c4, c5 = st.columns(5)
    c1.metric(t("labour_metric_working_age", lang), number(figures.working_age, lang))
    c2.metric(t("labour_metric_disclosed", lang), number(figures.jobs_disclosed, lang))
    c3.metric(t("labour_metric_estimated", lang), number(figures.jobs_estimated, lang))
    c4.metric(t("labour_metric_unknown", lang), f"{figures.sites_jobs_unknown:,}")
    c5.metric(
        t("labour_metric_ratio_short", lang),
        number(figures.jobs_per_1000_working_age, lang, 2),
        help=t("labour_metric_ratio_help", lang),
    )
    st.caption(t("labour_estimate_note", lang))
    sites, ids, names = cached.labour_sites(view, result, *keys)
    chosen = _choose_site(sites, (ids, names), lang)
    _map(view, result, cached.labour_pressure(view, result, *keys), measure, chosen)
    site = result.catchments.sites.set_index("site_id").loc[chosen] if chosen is not None else None
    outlook_section(prefs, named(region, lang), site, lang)
    manufacturing_section(prefs, sites, site, lang)
    market_panel(prefs, lang)
    st.subheader(t("labour_by_pref", lang))
    shown = region_table(prefs, lang, "pref")
    charts.table(shown, lang)
    d1, d2 = st.columns(2)
    d1.download_button(  # files are written when asked for, not on every run
        t("labour_download_csv", lang), lambda: safe_csv(prefs), f"labour_{region.id}.csv", "text/csv", key="labour_csv"
    )
    d2.download_button(
        t("labour_download_xlsx", lang),
        lambda: excel_bytes(prefs),
        f"labour_{region.id}.xlsx",
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        key="labour_xlsx",
    )
    if region.kind != "pref":
        st.subheader(t("labour_by_block", lang))
        charts.table(region_table(result.blocks, lang, "block"), lang)
    _chart(prefs, lang)
    st.caption(t("labour_flp_note", lang))
    st.subheader(t("labour_sites", lang))
    if sites.empty:
        st.info(t("labour_no_sites", lang))
    else:
        charts.table(_sites_table(page_rows(sites, "labour_sites_page", lang), lang), lang)
        st.download_button(
            t("labour_download_csv", lang),
            lambda: safe_csv(pd.DataFrame(sites.drop(columns="geometry"))),
            f"labour_sites_{region.id}.csv",
            "text/csv",
            key="labour_sites_csv",
        )
        _clusters(view, result, keys, lang)
    labour_units_view(units, lang)
    every = [term_name(regions.boundary_credit(), lang), *(term_name(c, lang) for c in data.credits()), *credits(lang)]
    st.caption(" / ".join(every))


page()

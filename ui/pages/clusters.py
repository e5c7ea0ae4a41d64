"""Clusters page: threshold and fields, map of clusters and sites, table by investment, explanation, chart."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from geo import regions
from geo.analysis.clusters import DEFAULT_THRESHOLD_KM
from geo.analysis.headlines import cluster_figures
from geo.domain import ALL_FIELDS, BLOCKS, PREFECTURES
from i18n import Lang, t, term_name
from i18n import format as fmt
from i18n.names import code_name
from layers.analysis import add_cluster_layer
from layers.map import MapLayer, MapOptions, build_map
from layers.popups import cluster_name
from layers.style import CROSS_PREF_ROW_COLOUR
from ui import cached, charts
from ui.context import PLAN_FROM_CLUSTER, current, static_urls
from ui.live_map import live_map
from ui.tables import page_rows


def _yes(value: object, lang: Lang) -> str:
    return t("yes", lang) if bool(value) else t("no", lang)


def _table(clusters: pd.DataFrame, lang: Lang) -> None:
    """Clusters by investment, named (field + main municipality); cross-prefecture rows highlighted.

    A page of :data:`ui.tables.PAGE_ROWS` clusters at a time (a national register has thousands).
    """
    st.caption(t("clusters_table", lang))
    clusters = page_rows(clusters.reset_index(drop=True), "clusters_table_page", lang)
    df = pd.DataFrame(
        {
            t("clusters_col_name", lang): [cluster_name(r, lang) for _, r in clusters.iterrows()],
            t("clusters_col_field", lang): [code_name(ALL_FIELDS, f, lang) for f in clusters["field"]],
            t("clusters_col_sites", lang): [fmt.number(n, lang) for n in clusters["n_sites"]],
            t("clusters_col_prefs", lang): [
                "・".join(code_name(PREFECTURES, c, lang) for c in p) for p in clusters["pref_codes"]
            ],
            t("clusters_col_investment", lang): [
                fmt.number(v, lang, why="undisclosed") for v in clusters["investment_oku_yen"]
            ],
            t("clusters_col_known", lang): [
                t("clusters_known_of", lang, known=k, n=n)
                for k, n in zip(clusters["n_investment_known"], clusters["n_sites"], strict=True)
            ],
            t("clusters_col_jobs", lang): [fmt.number(v, lang, why="undisclosed") for v in clusters["jobs"]],
            t("clusters_col_land", lang): [fmt.number(v, lang, 1, why="undisclosed") for v in clusters["land_ha"]],
            t("clusters_col_cross_pref", lang): [_yes(v, lang) for v in clusters["cross_prefecture"]],
            t("clusters_col_cross_block", lang): [_yes(v, lang) for v in clusters["cross_block"]],
        }
    )
    cross = clusters["cross_prefecture"].to_numpy()
    df.index = pd.RangeIndex(len(df))
    styled = df.style.apply(
        lambda row: [f"background-color: {CROSS_PREF_ROW_COLOUR}" if cross[row.name] else "" for _ in row], axis=1
    )
    charts.table(styled, lang)


def _explain(clusters: pd.DataFrame, lang: Lang) -> None:
    """Members, prefectures and the single-linkage links of one chosen cluster (plain text only)."""
    st.subheader(t("clusters_explain", lang))
    ids = clusters["id"].tolist()
    labels = {
        int(r["id"]): f"{cluster_name(r, lang)} — {t('clusters_n_members', lang, n=r['n_sites'])}"
        for _, r in clusters.iterrows()
    }
    chosen = st.selectbox(t("clusters_pick", lang), ids, key="clusters_pick", format_func=lambda i: labels[int(i)])
    row = clusters.loc[clusters["id"] == chosen].iloc[0]
    st.text(
        t(
            "clusters_prefs",
            lang,
            prefs="・".join(code_name(PREFECTURES, c, lang) for c in row["pref_codes"]),
            blocks="・".join(code_name(BLOCKS, b, lang) for b in row["blocks"]),
        )
    )
    st.caption(t("clusters_members", lang))
    st.text("\n".join(f"・{s}" for s in row["sites"]))
    if st.button(t("plans_from_cluster_button", lang), key="clusters_to_plan", help=t("plans_from_cluster_hint", lang)):
        st.session_state[PLAN_FROM_CLUSTER] = {"name": cluster_name(row, lang), "ids": list(row["site_ids"])}
        st.switch_page("ui/pages/plans.py")
    st.caption(t("clusters_why", lang))
    charts.table(
        pd.DataFrame(
            {
                t("clusters_link_a", lang): [x["a"] for x in row["links"]],
                t("clusters_link_b", lang): [x["b"] for x in row["links"]],
                t("clusters_link_km", lang): [fmt.number(x["km"], lang, 1) for x in row["links"]],
            }
        ),
        lang,
    )


def page() -> None:
    view = current()
    lang, sites = view.lang, view.sites
    st.title(t("clusters_title", lang))
    st.caption(t("clusters_caption", lang))
    left, right = st.columns([1, 2])
    threshold = left.slider(
        t("clusters_threshold", lang), 5.0, 100.0, DEFAULT_THRESHOLD_KM, 5.0, format="%g", key="clusters_threshold"
    )
    have = set(sites["field"].unique())  # once: 100,000 sites made a set per field
    present = [f for f in ALL_FIELDS if f in have]
    fields = right.multiselect(
        t("clusters_fields", lang),
        present,
        key="clusters_fields",
        placeholder=t("all_option", lang),
        format_func=lambda f: code_name(ALL_FIELDS, f, lang),
    )
    if sites.empty:
        st.info(t("clusters_none", lang))
        return
    clusters = cached.clusters(view, threshold, tuple(fields))
    figures = cluster_figures(sites, clusters, fields or None)
    shown = sites[sites["field"].isin(fields)] if fields else sites
    c1, c2, c3 = st.columns(3)
    c1.metric(t("clusters_n", lang), fmt.number(figures.n_clusters, lang))
    c2.metric(t("clusters_n_cross", lang), fmt.number(figures.n_cross_prefecture, lang))
    c3.metric(t("clusters_n_single", lang), fmt.number(figures.n_lone_sites, lang))
    urls = static_urls(lang, view.fingerprint)
    m = build_map(
        bounds=regions.view_bounds(view.region),
        region=view.region,
        legend_extra=[("clusters", t("clusters_layer", lang), "polygon")],
        sites=shown,
        lang=lang,
        credits=[term_name(regions.boundary_credit(), lang)],
        prefectures=MapLayer("pref", t("prefectures_layer", lang), "polygon", url=urls["prefectures"]),
        blocks=MapLayer("block", t("blocks_layer", lang), "line", url=urls["blocks"]),
        options=MapOptions(keep_view=("clusters", view.region.id)),
        site_data=None if fields else cached.site_data(view),
    )
    add_cluster_layer(m, clusters, lang)
    live_map(m, key="clusters_map", height=560)
    _table(clusters, lang)
    st.caption(t("clusters_sum_note", lang))
    if len(clusters):
        _explain(clusters, lang)
    top = clusters.head(15)
    st.caption(t("clusters_chart", lang))
    charts.bars(
        pd.Series(
            top["investment_oku_yen"].to_numpy(),
            index=[cluster_name(r, lang) for _, r in top.iterrows()],
        ),
        lang,
        title=t("chart_investment_axis", lang),
    )


page()

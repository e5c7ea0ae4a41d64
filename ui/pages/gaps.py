"""Infrastructure gaps page: matrix sites × requirements, gap markers, aggregation, CSV, method note."""

from __future__ import annotations

import logging

import networkx as nx
import pandas as pd
import streamlit as st

from geo import regions
from geo.analysis.gaps import methods_used
from geo.analysis.headlines import gap_figures
from geo.analysis.requirements import KINDS, load_requirements
from geo.domain import BLOCKS, PREFECTURES
from geo.errors import RequirementsError
from geo.infra.osm.roadnet import cached_graphs, load_road_graph
from geo.io.safe_csv import safe_csv
from i18n import Lang, t, term_name
from i18n import format as fmt
from i18n.errors import command_line_text
from i18n.gaps import reason_words, worded_gaps
from i18n.names import code_name
from layers.analysis import add_gap_layer
from layers.map import MapLayer, MapOptions, build_map
from layers.popups import cluster_name
from layers.sites import on_canvas
from layers.style import STATUS_CELL_COLOURS, STATUS_COLOURS
from ui import cached, charts
from ui.assumptions import requirements_view
from ui.context import View, current, static_urls
from ui.live_map import live_map
from ui.tables import STYLED_PAGE_ROWS, page_rows


@st.cache_resource(show_spinner=False)
def _graph(path: str, mtime: float) -> nx.MultiDiGraph:
    return load_road_graph(path)


def _matrix(wide: pd.DataFrame, lang: Lang) -> None:
    """Sites × requirements, cells coloured by status; sites with the most gaps first, a page at a time."""
    st.caption(t("gaps_matrix", lang))
    wide = page_rows(wide, "gaps_matrix_page", lang, STYLED_PAGE_ROWS)
    kinds = [k for k in KINDS if k in wide.columns]
    css = pd.DataFrame(
        {
            t(f"gaps_kind_{k}", lang): wide[k].map(
                lambda v: f"background-color: {STATUS_CELL_COLOURS[v]}" if isinstance(v, str) else ""
            )
            for k in kinds
        }
    )
    shown = pd.DataFrame({t("gaps_col_site", lang): wide["site"]})
    for k in kinds:
        shown[t(f"gaps_kind_{k}", lang)] = wide[k].map(
            lambda v: t(f"gaps_status_{v}", lang) if isinstance(v, str) else ""
        )
    css.insert(0, t("gaps_col_site", lang), "")
    charts.table(shown.style.apply(lambda _df: css, axis=None), lang)


def _missing_words(counts: dict[str, int], lang: Lang) -> str:
    """``{"substation": 1, "airport": 2}`` as ``変電所 1件、空港 2件`` (nothing missing: —)."""
    if not counts:
        return t("no", lang)
    return t("list_sep", lang).join(
        t("gaps_kind_count", lang, kind=t(f"gaps_kind_{k}", lang), n=n) for k, n in counts.items()
    )


def _aggregate(view: View, gaps: pd.DataFrame, graph_key: str, lang: Lang) -> None:
    st.subheader(t("gaps_aggregate", lang))
    by = st.radio(
        t("gaps_by", lang),
        ["cluster", "pref_code", "block"],
        horizontal=True,
        key="gaps_by",
        format_func=lambda k: t(
            {"cluster": "gaps_by_cluster", "pref_code": "gaps_by_pref", "block": "gaps_by_block"}[k], lang
        ),
    )
    found = cached.clusters(view) if by == "cluster" else None
    agg = cached.gap_groups(view, gaps, by, graph_key)
    names = {int(r["id"]): cluster_name(r, lang) for _, r in found.iterrows()} if found is not None else {}
    label = {
        "cluster": lambda v: (
            names.get(int(v), t("gaps_no_cluster", lang)) if pd.notna(v) else t("gaps_no_cluster", lang)
        ),
        "pref_code": lambda v: code_name(PREFECTURES, v, lang),
        "block": lambda v: code_name(BLOCKS, v, lang),
    }[by]
    charts.table(
        pd.DataFrame(
            {
                t("gaps_col_group", lang): [label(v) for v in agg[by]],
                t("gaps_col_n_sites", lang): agg["n_sites"],
                t("gaps_status_ok", lang): agg["ok"],
                t("gaps_status_gap", lang): agg["gap"],
                t("gaps_status_unknown", lang): agg["unknown"],
                t("gaps_col_sites_gap", lang): agg["sites_with_gap"],
                t("gaps_col_gap_reqs", lang): [_missing_words(c, lang) for c in agg["gap_counts"]],
            }
        ),
        lang,
        key="gaps_aggregate",
    )


def _detail(gaps: pd.DataFrame, lang: Lang) -> None:
    """Distance, limit, method, completeness and reason of each check (one page of them)."""
    charts.table(
        pd.DataFrame(
            {
                t("gaps_col_site", lang): gaps["site"],
                t("gaps_col_requirement", lang): gaps["requirement"].map(lambda k: t(f"gaps_kind_{k}", lang)),
                t("gaps_col_status", lang): gaps["status"].map(lambda s: t(f"gaps_status_{s}", lang)),
                t("gaps_col_distance", lang): [fmt.number(v, lang, 1) for v in gaps["distance_km"]],
                t("gaps_col_limit", lang): [fmt.number(v, lang, 1) for v in gaps["limit_km"]],
                t("gaps_col_method", lang): gaps["method"].map(lambda m: t(f"gaps_method_{m}", lang)),
                t("gaps_col_completeness", lang): gaps["layer_completeness"].map(
                    lambda c: t(f"completeness_{c}", lang)
                ),
                t("gaps_col_reason", lang): reason_words(gaps["reason_code"], lang),
            }
        ),
        lang,
    )


def page() -> None:
    view = current()
    lang, sites = view.lang, view.sites
    st.title(t("gaps_title", lang))
    st.caption(t("gaps_caption", lang))
    st.caption(t("gaps_unknown_note", lang))
    try:
        reqs = load_requirements()  # a broken file is said here; the analysis reads it again when it changes
    except RequirementsError as exc:
        logging.getLogger("chiiki_map.ui").error("%s", command_line_text(exc, "en"))
        st.error(t("gaps_error_requirements", lang))
        st.stop()
    graph, graph_key = None, ""
    graphs = cached_graphs()
    if graphs:
        if st.checkbox(t("gaps_network", lang), value=True, key="gaps_network"):
            graph_key = f"{graphs[0]}:{graphs[0].stat().st_mtime}"
            graph = _graph(str(graphs[0]), graphs[0].stat().st_mtime)
    else:
        st.caption(t("gaps_network_none", lang))
    if sites.empty:
        st.info(t("gaps_none", lang))
        requirements_view(reqs, lang)
        return
    gaps = cached.gaps(view, graph, graph_key)
    st.info(t("gaps_method_note", lang, methods="、".join(t(f"gaps_method_{m}", lang) for m in methods_used(gaps))))
    figures = gap_figures(gaps)
    c1, c2, c3, c4 = st.columns(4)
    c1.metric(t("gaps_n_checks", lang), fmt.number(figures.n_checks, lang))
    c2.metric(t("gaps_n_gap", lang), fmt.number(figures.n_gap, lang))
    c3.metric(t("gaps_n_unknown", lang), fmt.number(figures.n_unknown, lang))
    c4.metric(t("gaps_n_sites_gap", lang), fmt.number(figures.n_sites_with_gap, lang))
    _matrix(cached.gap_table(view, gaps, graph_key), lang)
    urls = static_urls(lang, view.fingerprint)
    m = build_map(
        bounds=regions.view_bounds(view.region),
        region=view.region,
        legend_extra=[("gaps", t("gaps_layer", lang), "point")],
        sites=sites,
        lang=lang,
        credits=[term_name(regions.boundary_credit(), lang)],
        prefectures=MapLayer("pref", t("prefectures_layer", lang), "polygon", url=urls["prefectures"]),
        blocks=MapLayer("block", t("blocks_layer", lang), "line", url=urls["blocks"]),
        options=MapOptions(keep_view=("gaps", view.region.id)),
        site_data=cached.site_data(view),
    )
    many = on_canvas(len(sites))  # packed and merged per cell like the sites
    add_gap_layer(m, sites, gaps, lang, canvas=many, data=cached.gap_markers_data(view, gaps, graph_key, many))
    live_map(m, key="gaps_map", height=520)
    _aggregate(view, gaps, graph_key, lang)
    st.caption(t("gaps_chart", lang))
    counts = pd.crosstab(gaps["requirement"].map(lambda k: t(f"gaps_kind_{k}", lang)), gaps["status"])
    counts = counts.reindex(columns=[s for s in STATUS_COLOURS if s in counts.columns])
    charts.bars(
        counts.rename(columns=lambda s: t(f"gaps_status_{s}", lang)),
        lang,
        title=t("chart_checks_axis", lang),
        colours=[STATUS_COLOURS[s] for s in counts.columns],
    )
    with st.expander(t("gaps_detail", lang)):
        _detail(page_rows(gaps, "gaps_detail_page", lang), lang)
    st.download_button(
        t("gaps_download", lang),
        data=lambda: safe_csv(worded_gaps(gaps)),  # written when asked for, not on every run
        file_name="infrastructure_gaps.csv",
        mime="text/csv",
        key="gaps_csv",
    )
    requirements_view(reqs, lang)


page()

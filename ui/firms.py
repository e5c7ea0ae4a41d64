"""Priority-firm page: upload a firm table (+ optional totals), ranking, connector × hub scatter, map."""

from __future__ import annotations

import tempfile
from pathlib import Path

import pandas as pd
import streamlit as st
from streamlit_folium import st_folium

from geo import regions
from geo.analysis.firms import FirmAnalysis, analyse_firm_files
from geo.io.safe_csv import safe_csv
from i18n import format as fmt
from i18n import t
from layers.land import add_firm_layer
from layers.map import MapLayer, build_map
from ui.context import View, current, static_urls
from ui.markdown import escape

TABLE_TYPES = ["csv", "txt", "xlsx"]


def _analyse(firm_file, totals_file) -> FirmAnalysis:
    """Write the uploads to a temporary folder (the readers take paths) and analyse them."""
    with tempfile.TemporaryDirectory() as tmp:
        paths = []
        for upload in (firm_file, totals_file):
            if upload is None:
                paths.append(None)
                continue
            path = Path(tmp) / Path(upload.name).name
            if paths and paths[0] == path:  # same file name for both uploads
                path = Path(tmp) / f"totals_{path.name}"
            path.write_bytes(upload.getvalue())
            paths.append(path)
        return analyse_firm_files(paths[0], paths[1])


def _ranking(result: FirmAnalysis, lang: str) -> None:
    firms = result.firms
    st.subheader(t("firms_ranking", lang))
    st.dataframe(
        pd.DataFrame(
            {
                t("firms_col_rank", lang): firms["rank"],
                t("firms_col_pref_rank", lang): firms["pref_rank"],
                t("firms_col_firm", lang): firms["firm"],
                t("firms_col_pref", lang): firms["pref_name_ja"],
                t("firms_col_connector", lang): firms["connector"].round(4),
                t("firms_col_hub", lang): firms["hub"].round(4),
                t("firms_col_score", lang): firms["score"].round(4),
                t("firms_col_out", lang): firms["out_region_sales"],
                t("firms_col_in", lang): firms["in_region_purchases"],
                t("firms_col_row", lang): firms["row"],
            }
        ),
        hide_index=True,
        width="stretch",
    )
    st.download_button(
        t("firms_download", lang),
        safe_csv(firms),
        file_name="priority_firms.csv",
        mime="text/csv",
        key="firms_download",
    )


def _scatter(result: FirmAnalysis, lang: str) -> None:
    st.subheader(t("firms_scatter", lang))
    data = result.firms[["firm", "pref_name_ja", "rank", "connector", "hub", "score"]]
    cx, hx = t("firms_col_connector", lang), t("firms_col_hub", lang)
    st.vega_lite_chart(
        data,
        {
            "mark": {"type": "circle", "opacity": 0.75},
            "encoding": {
                "x": {"field": "connector", "type": "quantitative", "title": cx},
                "y": {"field": "hub", "type": "quantitative", "title": hx},
                "size": {"field": "score", "type": "quantitative", "legend": None},
                "color": {"field": "pref_name_ja", "type": "nominal", "title": t("firms_col_pref", lang)},
                "tooltip": [
                    {"field": "rank", "title": t("firms_col_rank", lang)},
                    {"field": "firm", "title": t("firms_col_firm", lang)},
                    {"field": "connector", "title": cx, "format": ".3f"},
                    {"field": "hub", "title": hx, "format": ".3f"},
                ],
            },
        },
        width="stretch",
        key="firms_scatter",
    )


def _map(view: View, result: FirmAnalysis) -> None:
    lang = view.lang
    st.subheader(t("firms_map", lang))
    firms = result.firms
    placed = firms[firms["lon"].notna() & firms["lat"].notna()]
    if placed.empty:
        st.info(t("firms_no_coords", lang))
        return
    urls = static_urls(lang, view.fingerprint)
    pad = 0.3
    bounds = (
        placed["lon"].min() - pad,
        placed["lat"].min() - pad,
        placed["lon"].max() + pad,
        placed["lat"].max() + pad,
    )
    m = build_map(
        bounds=bounds,
        sites=view.sites.iloc[0:0],
        lang=lang,
        credits=[regions.boundary_credit(lang)],
        prefectures=MapLayer("pref", t("prefectures_layer", lang), "polygon", url=urls["prefectures"]),
        blocks=MapLayer("block", t("blocks_layer", lang), "line", url=urls["blocks"]),
    )
    add_firm_layer(m, firms, lang)
    st_folium(m, height=520, use_container_width=True, key="firms_map", returned_objects=[])


def page() -> None:
    view = current()
    lang = view.lang
    st.title(t("firms_title", lang))
    st.caption(t("firms_caption", lang))
    left, right = st.columns(2)
    firm_file = left.file_uploader(
        t("firms_upload", lang), type=TABLE_TYPES, key="firms_file", help=t("firms_upload_help", lang)
    )
    totals_file = right.file_uploader(
        t("firms_totals", lang), type=TABLE_TYPES, key="firms_totals", help=t("firms_totals_help", lang)
    )
    if firm_file is None:
        st.info(t("firms_none", lang))
        return
    try:
        result = _analyse(firm_file, totals_file)
    except (ValueError, OSError) as exc:
        st.error(t("firms_error", lang, detail=escape(exc)))
        return
    c1, c2, c3 = st.columns(3)
    c1.metric(t("firms_metric_firms", lang), fmt.number(len(result.firms), lang))
    c2.metric(t("firms_metric_rejected", lang), fmt.number(len(result.rejected), lang))
    c3.metric(t("firms_metric_prefs", lang), fmt.number(len(result.totals), lang))
    st.caption(t("firms_totals_from_file" if result.totals_source == "file" else "firms_totals_from_table", lang))
    for warning in result.warnings:
        st.warning(escape(warning))
    if len(result.rejected):
        st.warning(t("firms_rejected", lang))
        st.dataframe(
            pd.DataFrame(
                {
                    t("firms_col_row", lang): result.rejected["row"],
                    t("firms_col_firm", lang): result.rejected["firm"],
                    t("firms_col_reason", lang): result.rejected["reason"],
                }
            ),
            hide_index=True,
            width="stretch",
        )
    _ranking(result, lang)
    _scatter(result, lang)
    _map(view, result)


page()

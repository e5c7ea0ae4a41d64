"""Priority-firm page: upload a firm table (+ optional totals), ranking, connector × hub scatter, map."""

from __future__ import annotations

import contextlib
import io
from collections.abc import Sequence

import pandas as pd
import streamlit as st
from streamlit.runtime.uploaded_file_manager import UploadedFile

from geo import regions
from geo.analysis.firms import FirmAnalysis, analyse_firm_files
from geo.config import SAMPLE_FIRMS_CSV
from geo.domain import PREFECTURES
from geo.io.safe_csv import safe_csv
from geo.io.uploads import upload_path
from i18n import Lang, named, t, term_name
from i18n import format as fmt
from i18n.errors import error_text
from i18n.names import code_name
from i18n.reasons import reason_text, reasons_text
from layers.firms import add_firm_layer
from layers.map import MapLayer, build_map
from ui import auth, cached, charts
from ui.context import View, current, static_urls
from ui.live_map import live_map
from ui.markdown import escape

TABLE_TYPES = ["csv", "txt", "xlsx"]


#: The template's columns (Japanese headers, amounts in 百万円) and two filled-in example rows.
TEMPLATE_ROWS: list[list[str | float]] = [
    ["企業名", "都道府県コード", "域外販売額（百万円）", "域内仕入額（百万円）", "従業員数", "経度", "緯度"],
    ["（記入例）〇〇精密工業", "43", 1200, 450, 85, 130.84, 32.88],
    ["（記入例）△△食品", "40", 300, 520, 40, "", ""],
]


def _templates(lang: Lang) -> None:
    """Download buttons for the firm template (CSV with BOM for Excel, and .xlsx); units stated."""
    frame = pd.DataFrame(TEMPLATE_ROWS[1:], columns=TEMPLATE_ROWS[0])
    xlsx = io.BytesIO()
    frame.to_excel(xlsx, index=False, sheet_name="重点企業")
    left, right, note = st.columns([1, 1, 3])
    left.download_button(
        t("firms_template_csv", lang),
        frame.to_csv(index=False).encode("utf-8-sig"),
        file_name="重点企業_テンプレート.csv",
        mime="text/csv",
        key="firms_template_csv",
    )
    right.download_button(
        t("firms_template_xlsx", lang),
        xlsx.getvalue(),
        file_name="重点企業_テンプレート.xlsx",
        mime="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        key="firms_template_xlsx",
    )
    note.caption(t("firms_template_units", lang))


def _analyse(firm_file: UploadedFile, totals_file: UploadedFile | None, pref_codes: Sequence[str]) -> FirmAnalysis:
    """The uploads as files (``geo.io.uploads``: the readers take paths), analysed."""
    with contextlib.ExitStack() as files:
        firms = files.enter_context(upload_path(firm_file.name, firm_file.getvalue()))
        totals = (
            None if totals_file is None else files.enter_context(upload_path(totals_file.name, totals_file.getvalue()))
        )
        return analyse_firm_files(firms, totals, pref_codes)


def _ranking(result: FirmAnalysis, lang: Lang) -> None:
    firms = result.firms
    st.subheader(t("firms_ranking", lang))
    charts.table(
        pd.DataFrame(
            {
                t("firms_col_rank", lang): firms["rank"],
                t("firms_col_pref_rank", lang): firms["pref_rank"],
                t("firms_col_firm", lang): firms["firm"],
                t("firms_col_pref", lang): [code_name(PREFECTURES, c, lang) for c in firms["pref_code"]],
                t("firms_col_connector", lang): [fmt.number(v, lang, 3) for v in firms["connector"]],
                t("firms_col_hub", lang): [fmt.number(v, lang, 3) for v in firms["hub"]],
                t("firms_col_score", lang): [fmt.number(v, lang, 3) for v in firms["score"]],
                t("firms_col_out", lang): [fmt.number(v, lang) for v in firms["out_region_sales"]],
                t("firms_col_in", lang): [fmt.number(v, lang) for v in firms["in_region_purchases"]],
                t("firms_col_row", lang): firms["row"],
            }
        ),
        lang,
    )
    st.download_button(
        t("firms_download", lang),
        safe_csv(firms),
        file_name="priority_firms.csv",
        mime="text/csv",
        key="firms_download",
    )


def _scatter(result: FirmAnalysis, lang: Lang) -> None:
    st.subheader(t("firms_scatter", lang))
    data = result.firms[["firm", "rank", "connector", "hub", "score"]].assign(
        pref=[code_name(PREFECTURES, c, lang) for c in result.firms["pref_code"]]
    )
    cx, hx = t("firms_col_connector", lang), t("firms_col_hub", lang)
    st.vega_lite_chart(
        data,
        {
            "mark": {"type": "circle", "opacity": 0.75},
            "encoding": {
                "x": {"field": "connector", "type": "quantitative", "title": cx},
                "y": {"field": "hub", "type": "quantitative", "title": hx},
                "size": {"field": "score", "type": "quantitative", "legend": None},
                "color": {"field": "pref", "type": "nominal", "title": t("firms_col_pref", lang)},
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
        region=view.region,
        sites=view.sites.iloc[0:0],
        lang=lang,
        credits=[term_name(regions.boundary_credit(), lang)],
        prefectures=MapLayer("pref", t("prefectures_layer", lang), "polygon", url=urls["prefectures"]),
        blocks=MapLayer("block", t("blocks_layer", lang), "line", url=urls["blocks"]),
    )
    add_firm_layer(m, firms, lang)
    live_map(m, key="firms_map", height=520)


def page() -> None:
    view = current()
    lang = view.lang
    st.title(t("firms_title", lang))
    st.caption(t("firms_caption", lang))
    actor = auth.sign_in_widget(lang)
    left, right = st.columns(2)
    firm_file = auth.file_uploader(
        actor,
        lang,
        t("firms_upload", lang),
        where=left,
        type=TABLE_TYPES,
        key="firms_file",
        help=t("firms_upload_help", lang),
    )
    totals_file = None  # signed out: one note (above), no second one
    if actor is not None:
        totals_file = auth.file_uploader(
            actor,
            lang,
            t("firms_totals", lang),
            where=right,
            type=TABLE_TYPES,
            key="firms_totals",
            help=t("firms_totals_help", lang),
        )
    _templates(lang)
    region = named(view.region, lang)
    try:
        if firm_file is None:
            st.info(t("firms_sample_shown", lang, region=region))
            result = cached.firm_analysis(
                f"sample:{cached.file_stamp(SAMPLE_FIRMS_CSV)}",
                view.region.pref_codes,
                lambda codes: analyse_firm_files(SAMPLE_FIRMS_CSV, None, codes),
            )
        else:
            names = f"{firm_file.name}|{'' if totals_file is None else totals_file.name}"  # the reader goes by them
            uploads = cached.content_key(firm_file.getvalue(), None if totals_file is None else totals_file.getvalue())
            result = cached.firm_analysis(
                f"upload:{names}:{uploads}",
                view.region.pref_codes,
                lambda codes: _analyse(firm_file, totals_file, codes),
            )
    except (ValueError, OSError) as exc:
        st.error(t("firms_error", lang, detail=escape(error_text(exc, lang))))
        return
    if result.firms.empty:
        st.info(t("firms_none_in_region", lang, region=region))
        return
    c1, c2, c3 = st.columns(3)
    c1.metric(t("firms_metric_firms", lang), fmt.number(len(result.firms), lang))
    c2.metric(t("firms_metric_rejected", lang), fmt.number(len(result.rejected), lang))
    c3.metric(t("firms_metric_prefs", lang), fmt.number(len(result.totals), lang))
    st.caption(t("firms_totals_from_file" if result.totals_source == "file" else "firms_totals_from_table", lang))
    for warning in result.warnings:
        st.warning(escape(reason_text(warning, lang)))
    if len(result.rejected):
        st.warning(t("firms_rejected", lang))
        charts.table(
            pd.DataFrame(
                {
                    t("firms_col_row", lang): result.rejected["row"],
                    t("firms_col_firm", lang): result.rejected["firm"],
                    t("firms_col_reason", lang): [reasons_text(r, lang) for r in result.rejected["reason"]],
                }
            ),
            lang,
        )
    _ranking(result, lang)
    _scatter(result, lang)
    _map(view, result)


page()

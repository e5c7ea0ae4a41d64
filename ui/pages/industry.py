"""Industry-structure page (産業構造): a division's 特化係数 by municipality, the region's strongest divisions,
employees by division, and the local base of each strategic field (``data/field_divisions.toml``)."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace

import pandas as pd
import streamlit as st
from streamlit_folium import st_folium

from geo import industry, regions
from geo.domain import ALL_FIELDS, DIVISIONS
from geo.errors import FieldDivisionsError
from geo.industry import data
from geo.industry.fields import (
    FieldDivisions,
    field_divisions_toml,
    load_field_divisions,
    rows_to_field_divisions,
    toml_header,
)
from i18n import Lang, named, pick, t, term_name
from i18n.errors import error_text
from i18n.format import number
from i18n.names import code_name
from layers.industry import add_lq_choropleth, division_label
from layers.map import MapLayer, MapOptions, build_map
from layers.static_files import levels_for
from ui import cached, charts
from ui.charts import bar_with_reference
from ui.context import View, current, static_urls
from ui.markdown import escape, text_data_editor


def _credit(lang: Lang) -> str:
    return term_name(data.credit(), lang)


def _map(view: View, division: str) -> None:
    lang, region = view.lang, view.region
    st_all = industry.in_region(industry.structure("municipality"), region)
    values = pd.DataFrame(
        {
            "code": st_all.units["code"].to_numpy(),
            "name_ja": st_all.units["name_ja"].to_numpy(),
            "kind": st_all.units["kind"].to_numpy(),
            "lq": st_all.q.lq[division].to_numpy(),
            "employees": st_all.q.employees[division].to_numpy(),
        }
    )
    urls = static_urls(lang, view.fingerprint)
    m = build_map(
        bounds=regions.view_bounds(region),
        region=region,
        sites=view.sites,
        lang=lang,
        credits=[term_name(regions.boundary_credit(), lang), _credit(lang)],
        prefectures=MapLayer("pref", t("prefectures_layer", lang), "polygon", url=urls["prefectures"]),
        blocks=MapLayer("block", t("blocks_layer", lang), "line", url=urls["blocks"]),
        options=MapOptions(keep_view=("industry", region.id)),
        site_data=cached.site_data(view),
    )
    unit_levels = levels_for(str(urls["industry_units"])) if urls.get("industry_units") else None  # values joined
    add_lq_choropleth(m, values, division, lang, levels=unit_levels)
    st_folium(m, height=540, use_container_width=True, key="industry_map", returned_objects=[])
    st.caption(t("industry_note_designated", lang))
    top = values.dropna(subset=["lq"]).sort_values("lq", ascending=False).head(10)
    st.caption(t("industry_top_munis", lang, division=division_label(division, lang)))
    charts.table(
        pd.DataFrame(
            {
                t("industry_col_municipality", lang): top["name_ja"],
                t("industry_col_lq", lang): [number(v, lang, 2) for v in top["lq"]],
                t("industry_col_employees", lang): [number(v, lang) for v in top["employees"]],
            }
        ),
        lang,
    )


def _division_table(figs: list[industry.DivisionFigure], national: pd.Series, lang: Lang) -> pd.DataFrame:
    return pd.DataFrame(
        {
            t("industry_col_division", lang): [division_label(f.division, lang) for f in figs],
            t("industry_col_employees", lang): [number(f.employees, lang) for f in figs],
            t("industry_col_share", lang): [
                number(None if f.share is None else f.share * 100, lang, 2, unit="%") for f in figs
            ],
            t("industry_col_national_share", lang): [
                number(national[f.division] * 100, lang, 2, unit="%") for f in figs
            ],
            t("industry_col_lq", lang): [number(f.lq, lang, 2) for f in figs],
        }
    )


def _strongest(figs: list[industry.DivisionFigure], region_name: str, lang: Lang) -> None:
    st.subheader(t("industry_strongest", lang, region=region_name))
    ranked = industry.top_divisions(figs, n=len(figs))
    left, right = st.columns(2)
    left.caption(t("industry_lq_chart", lang))
    left.altair_chart(
        bar_with_reference(
            [division_label(f.division, lang) for f in ranked],
            [f.lq for f in ranked],
            1.0,
            t("industry_col_lq", lang),
            digits=2,
        ),
        width="stretch",
    )
    right.caption(t("industry_employees_chart", lang))
    right.altair_chart(
        bar_with_reference(
            [division_label(f.division, lang) for f in figs],
            [f.employees for f in figs],
            None,
            t("industry_col_employees", lang),
        ),
        width="stretch",
    )
    national = industry.structure("prefecture").q.national_share
    charts.table(_division_table(ranked, national, lang), lang)


def _note(note: str, lang: Lang) -> str:
    """A planner's note written 「日本語 / English」 (data/field_divisions.toml): the part in ``lang``."""
    ja, sep, en = note.partition("/")
    return pick(ja, en, lang).strip() if sep else note


def _edited_table(table: FieldDivisions, lang: Lang) -> FieldDivisions:
    """The table as the person edits it on the page (this session only), validated by the file's rules."""
    col_field, col_div, col_note = (
        t(k, lang) for k in ("industry_col_field", "industry_col_letters", "industry_col_note")
    )
    shown = pd.DataFrame(
        {
            col_field: [code_name(ALL_FIELDS, f, lang) for f in ALL_FIELDS],
            col_div: [", ".join(table.divisions.get(f, ())) for f in ALL_FIELDS],
            col_note: [table.notes.get(f, "") for f in ALL_FIELDS],
        },
        index=list(ALL_FIELDS),
    )
    with st.expander(t("industry_fields_edit", lang)):
        st.caption(t("industry_fields_edit_caption", lang))
        edited = text_data_editor(
            shown, disabled=[col_field], hide_index=True, width="stretch", key=f"industry_field_editor_{lang}"
        )
        try:
            mine = rows_to_field_divisions(zip(edited.index, edited[col_div], edited[col_note], strict=True))
        except FieldDivisionsError as exc:
            st.error(t("industry_error_fields", lang, detail=escape(error_text(exc, lang))))
            return table
        mine = replace(mine, meta={**table.meta, "updated": dt.date.today().isoformat()})
        st.download_button(
            t("industry_fields_download", lang),
            field_divisions_toml(mine, toml_header()).encode("utf-8"),
            file_name="field_divisions.toml",
            mime="application/toml",
            key=f"industry_fields_download_{lang}",
        )
    return mine


def _fields(figs: list[industry.DivisionFigure], region_name: str, lang: Lang) -> None:
    st.subheader(t("industry_fields", lang, region=region_name))
    st.caption(t("industry_fields_caption", lang))
    try:
        table = load_field_divisions()
    except FieldDivisionsError as exc:
        st.error(t("industry_error_fields", lang, detail=escape(error_text(exc, lang))))
        return
    table = _edited_table(table, lang)
    by_letter = {f.division: f for f in figs}
    rows = []
    for fid in ALL_FIELDS:
        letters = table.divisions.get(fid, ())
        rows.append(
            {
                t("industry_col_field", lang): code_name(ALL_FIELDS, fid, lang),
                t("industry_col_division", lang): " / ".join(division_label(d, lang) for d in letters)
                or t("industry_fields_none", lang),
                t("industry_col_employees", lang): " / ".join(number(by_letter[d].employees, lang) for d in letters),
                t("industry_col_lq", lang): " / ".join(number(by_letter[d].lq, lang, 2) for d in letters),
                t("industry_col_note", lang): _note(table.notes.get(fid, ""), lang),
            }
        )
    charts.table(pd.DataFrame(rows), lang)


def page() -> None:
    view = current()
    lang, region = view.lang, view.region
    region_name = named(region, lang)
    st.title(t("industry_title", lang))
    st.caption(t("industry_caption", lang))
    st.session_state.setdefault("industry_division", "E")  # manufacturing first
    division = st.selectbox(
        t("industry_division", lang),
        list(DIVISIONS),
        key="industry_division",
        format_func=lambda d: division_label(d, lang),
    )
    total, figs = industry.region_divisions(region.pref_codes)
    top = industry.top_divisions(figs, n=1)
    c1, c2, c3 = st.columns(3)
    c1.metric(t("industry_metric_employees", lang), number(total, lang))
    if top:
        value = t("industry_metric_top_value", lang, letter=top[0].division, lq=number(top[0].lq, lang, 2))
        c2.metric(t("industry_metric_top", lang), value)
        c2.caption(division_label(top[0].division, lang))
    else:
        c2.metric(t("industry_metric_top", lang), number(None, lang))
    c3.metric(t("industry_metric_mfg_lq", lang), number(next(f.lq for f in figs if f.division == "E"), lang, 2))
    _map(view, division)
    _strongest(figs, region_name, lang)
    _fields(figs, region_name, lang)
    st.caption(t("industry_note_base", lang))
    st.caption(" / ".join([_credit(lang), term_name(regions.boundary_credit(), lang)]))


page()

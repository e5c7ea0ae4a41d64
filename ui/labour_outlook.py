"""Parts of the 人材需要 page for issue 20 (no page code runs here): the working-age outlook to 2050, jobs against
the manufacturing workforce, and the labour-market panel. Every figure names its year and source."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from geo.domain import PREFECTURES
from geo.labour import outlook
from geo.labour.outlook import index_2020
from geo.labour.projection import WA_COLUMNS, YEARS
from i18n import Lang, pick, t
from i18n.format import number
from i18n.names import code_name
from ui import charts, tables
from ui.charts import year_lines

#: Datasets whose credit lines the page adds (``data/labour/SOURCES.json``).
CREDITED = ("ipss_2023", "industrial_statistics_2019", "job_openings", "minimum_wage", "hs_leavers", "commuting")


def credits(lang: Lang) -> list[str]:
    """Credit lines of the labour-market datasets shown on the page."""
    return [str(pick(d["credit"], d["credit_en"], lang)) for d in outlook.datasets() if d["id"] in CREDITED]


def _notes(prefs: pd.DataFrame, site: pd.Series | None, lang: Lang) -> None:
    codes = set(prefs["pref_code"])
    if "07" in codes or (site is not None and int(site.get("catchment_ipss_group_share") or 0) > 0):
        st.caption(t("labour_note_hamadori", lang))
    if "22" in codes:
        st.caption(t("labour_note_hamamatsu", lang))
    st.caption(t("labour_note_two_2020", lang))


def outlook_section(prefs: pd.DataFrame, region_name: str, site: pd.Series | None, lang: Lang) -> None:
    """Working age 2020→2050 for the region (its prefectures summed) and the selected site's catchment."""
    st.subheader(t("labour_outlook_title", lang))
    region = prefs[WA_COLUMNS].sum(min_count=1).where(prefs[WA_COLUMNS].notna().all())
    series = {t("labour_outlook_region", lang, region=region_name): region.to_numpy()}
    if site is not None:
        values = [site.get(f"catchment_{c}") for c in WA_COLUMNS]
        series[t("labour_outlook_site", lang, site=str(site["name"]))] = pd.to_numeric(pd.Series(values)).to_numpy()
    absolute = pd.DataFrame(series, index=list(YEARS))
    index = index_2020(absolute)
    left, right = st.columns([3, 2])
    left.altair_chart(year_lines(index, t("labour_outlook_index", lang)), width="stretch")
    shown = absolute.map(lambda v: number(v, lang))
    kind = [t("labour_outlook_census" if y == YEARS[0] else "labour_outlook_projection", lang) for y in YEARS]
    shown.insert(0, t("labour_outlook_col_kind", lang), kind)
    shown.insert(0, t("labour_outlook_col_year", lang), [str(y) for y in YEARS])
    charts.table(shown, lang, where=right)
    st.caption(t("labour_outlook_caption", lang))
    _notes(prefs, site, lang)


def manufacturing_section(prefs: pd.DataFrame, sites: pd.DataFrame, site: pd.Series | None, lang: Lang) -> None:
    """Pipeline jobs against manufacturing employees: the region, the selected site, every site."""
    st.subheader(t("labour_mfg_title", lang))
    mfg = prefs["manufacturing_employees"].sum(min_count=1)
    jobs = pd.concat([prefs["jobs_disclosed"], prefs["jobs_estimated"]]).sum(min_count=1)
    c = st.columns(4)
    c[0].metric(t("labour_mfg_region_employees", lang), number(mfg, lang))
    c[1].metric(t("labour_mfg_region_share", lang), _percent(jobs / mfg if mfg and mfg > 0 else None, lang))
    if site is not None:
        c[2].metric(t("labour_mfg_site_employees", lang), number(site.get("catchment_manufacturing_employees"), lang))
        c[3].metric(t("labour_mfg_site_share", lang), _percent(site.get("jobs_share_of_catchment_manufacturing"), lang))
    if len(sites):
        sites = tables.page_rows(sites, "labour_mfg_page", lang)  # a national register: a page of rows at a time
        charts.table(
            pd.DataFrame(
                {
                    t("labour_col_site", lang): sites["name"],
                    t("labour_col_jobs", lang): [number(v, lang) for v in sites["jobs"]],
                    t("labour_col_basis", lang): [t(f"labour_basis_{b}", lang) for b in sites["jobs_basis"]],
                    t("labour_col_catch_mfg", lang): [
                        number(v, lang) for v in sites["catchment_manufacturing_employees"]
                    ],
                    t("labour_col_mfg_share", lang): [
                        _percent(v, lang) for v in sites["jobs_share_of_catchment_manufacturing"]
                    ],
                    t("labour_col_catch_wa_2050", lang): [number(v, lang) for v in sites["catchment_working_age_2050"]],
                }
            ),
            lang,
        )
    st.caption(t("labour_mfg_caption", lang))


def _percent(value: object, lang: Lang) -> str:
    x = pd.to_numeric(pd.Series([value]), errors="coerce").iloc[0]
    return number(None if pd.isna(x) else x * 100.0, lang, 1, unit="%")


def _year(table: pd.DataFrame, col: str) -> str:
    years = sorted({int(y) for y in table[col].dropna()})
    return "/".join(map(str, years)) or "—"


def market_panel(prefs: pd.DataFrame, lang: Lang) -> None:
    """One row per prefecture: 有効求人倍率, 最低賃金, high-school leavers who stay, commuting, working age."""
    st.subheader(t("labour_market_title", lang))
    wa = {y: f"working_age_{y}" for y in (2020, 2035, 2050)}
    table = pd.DataFrame(
        {
            t("labour_col_pref", lang): [code_name(PREFECTURES, c, lang) for c in prefs["pref_code"]],
            t("labour_market_col_ratio", lang, year=_year(prefs, "job_openings_ratio_year")): [
                number(v, lang, 2) for v in prefs["job_openings_ratio"]
            ],
            t("labour_market_col_wage", lang, year=_year(prefs, "minimum_wage_fiscal_year")): [
                number(v, lang) for v in prefs["minimum_wage_yen"]
            ],
            t("labour_market_col_wage_date", lang): prefs["minimum_wage_effective_date"].fillna("").to_numpy(),
            t("labour_market_col_hs", lang, year=_year(prefs, "hs_leavers_year")): [
                number(v, lang) for v in prefs["hs_leavers_employed_in_pref"]
            ],
            t("labour_market_col_hs_share", lang): [_percent(v, lang) for v in prefs["hs_leavers_in_pref_share"]],
            t("labour_market_col_own", lang, year=_year(prefs, "commuting_year")): [
                _percent(v, lang) for v in prefs["share_working_in_own_municipality"]
            ],
            **{
                t("labour_market_col_wa" if y == 2020 else "labour_market_col_wa_projection", lang, year=y): [
                    number(v, lang) for v in prefs[c]
                ]
                for y, c in wa.items()
            },
            t("labour_market_col_mfg", lang): [number(v, lang) for v in prefs["manufacturing_employees"]],
        }
    )
    charts.table(table, lang)
    st.caption(t("labour_market_caption", lang))

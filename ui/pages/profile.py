"""Region profile page (地域カルテ): investment × infrastructure × industrial land × labour for the sidebar region."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from geo import regions
from geo.analysis.profile import RegionProfile
from geo.analysis.requirements import KINDS
from geo.domain import ALL_FIELDS, PREFECTURES, STATUSES
from geo.errors import ChiikiMapError
from geo.industry import data as industry_data
from geo.labour import data
from i18n import Lang, named, t, term_name
from i18n.errors import error_text
from i18n.format import amount_oku_yen, number
from i18n.labour import catchment_rule
from i18n.names import code_name
from layers.industry import division_label
from layers.style import JOBS_COLOURS, STATUS_COLOURS
from ui import cached, charts
from ui.context import current
from ui.markdown import escape
from ui.tables import page_rows


def _investment(prof: RegionProfile, lang: Lang) -> None:
    st.subheader(t("profile_investment", lang))
    by_field, by_status = prof.investment_by_field, prof.investment_by_status
    c1, c2, c3 = st.columns(3)
    inv = prof.investment
    c1.metric(t("profile_metric_investment", lang), number(inv.investment_oku_yen, lang))
    c2.metric(t("profile_metric_sites", lang), f"{inv.n_sites:,}")
    c3.metric(t("profile_metric_undisclosed", lang), f"{inv.n_investment_unknown:,}")
    left, right = st.columns(2)
    left.caption(t("profile_by_field", lang))
    charts.bars(
        pd.Series(
            by_field["investment_oku_yen"].to_numpy(), index=[code_name(ALL_FIELDS, f, lang) for f in by_field["field"]]
        ),
        lang,
        title=t("chart_investment_axis", lang),
        where=left,
    )
    right.caption(t("profile_by_status", lang))
    charts.table(
        pd.DataFrame(
            {
                t("profile_col_status", lang): [code_name(STATUSES, s, lang) for s in by_status["status"]],
                t("profile_metric_sites", lang): by_status["n_sites"],
                t("profile_col_investment", lang): [amount_oku_yen(v, lang) for v in by_status["investment_oku_yen"]],
                t("profile_col_n_unknown", lang): by_status["n_investment_unknown"],
            }
        ),
        lang,
        where=right,
    )


def _infra(prof: RegionProfile, lang: Lang) -> None:
    st.subheader(t("profile_infra", lang))
    counts = prof.gap_figures.by_status()
    for col, (status, n) in zip(st.columns(len(counts)), counts.items(), strict=True):
        col.metric(t(f"profile_gap_{status}", lang), f"{n:,}")
    st.caption(t("gaps_unknown_note", lang))
    if len(prof.gaps_by_kind):
        st.caption(t("profile_gaps_chart", lang))
        chart = prof.gaps_by_kind.set_index("requirement")[["ok", "gap", "unknown"]]
        chart.index = [t(f"gaps_kind_{k}", lang) if k in KINDS else k for k in chart.index]
        charts.bars(
            chart.rename(columns=lambda s: t(f"profile_gap_{s}", lang)),
            lang,
            title=t("chart_checks_axis", lang),
            colours=[STATUS_COLOURS[s] for s in ("ok", "gap", "unknown")],
        )


def _land(prof: RegionProfile, lang: Lang) -> None:
    st.subheader(t("profile_land", lang))
    total = prof.land_figures
    c1, c2, c3 = st.columns(3)
    c1.metric(t("profile_land_available", lang), number(total.available_ha, lang, 1))
    c2.metric(t("profile_land_demand", lang), number(total.demand_ha, lang, 1))
    c3.metric(t("profile_land_balance", lang), number(total.balance_ha, lang, 1))
    if total.unknown_prefs:
        st.caption(t("profile_land_unknown_note", lang, n=total.unknown_prefs))


def _labour(prof: RegionProfile, lang: Lang) -> None:
    st.subheader(t("profile_labour", lang))
    row = prof.labour_figures
    c = st.columns(4)
    c[0].metric(t("labour_col_working_age", lang), number(row.working_age, lang))
    c[1].metric(t("labour_metric_disclosed", lang), number(row.jobs_disclosed, lang))
    c[2].metric(t("labour_metric_estimated", lang), number(row.jobs_estimated, lang))
    c[3].metric(
        t("labour_metric_ratio_short", lang),
        number(row.jobs_per_1000_working_age, lang, 2),
        help=t("labour_metric_ratio_help", lang),
    )
    d = st.columns(4)
    d[0].metric(t("labour_col_population", lang), number(row.population, lang))
    d[1].metric(t("labour_metric_unknown", lang), f"{row.sites_jobs_unknown}")
    d[2].metric(t("labour_col_kosen", lang), f"{row.kosen}")
    d[3].metric(t("labour_col_univ", lang), f"{row.universities}")
    st.caption(catchment_rule(prof.radius_km, lang))
    by_status = row.jobs_by_status
    st.caption(t("labour_status_jobs", lang))
    charts.bars(
        charts.by_status(
            {
                s: {
                    t("labour_series_disclosed", lang): by_status[s].disclosed,
                    t("labour_series_estimated", lang): by_status[s].estimated,
                }
                for s in STATUSES
            },
            lang,
        ),
        lang,
        title=t("chart_jobs_axis", lang),
        colours=[JOBS_COLOURS["disclosed"], JOBS_COLOURS["estimated"]],
    )


def _industry(prof: RegionProfile, lang: Lang) -> None:
    st.subheader(t("profile_industry", lang))
    ind = prof.industry
    charts.table(
        pd.DataFrame(
            {
                t("industry_col_division", lang): [division_label(f.division, lang) for f in ind.top],
                t("industry_col_lq", lang): [number(f.lq, lang, 2) for f in ind.top],
                t("industry_col_employees", lang): [number(f.employees, lang) for f in ind.top],
            }
        ),
        lang,
    )
    st.caption(t("profile_industry_note", lang) + " " + t("industry_note_base", lang))


def _sites(prof: RegionProfile, lang: Lang) -> None:
    st.subheader(t("profile_sites", lang))
    if prof.labour is None:  # the page's profile always holds each site's catchment
        return
    jobs = prof.labour.catchments.sites.set_index("site_id")
    sites = page_rows(prof.sites, "profile_sites_page", lang)
    ids = sites["site_id"] if "site_id" in sites.columns else pd.Series(range(1, len(sites) + 1), index=sites.index)
    charts.table(
        pd.DataFrame(
            {
                t("labour_col_site", lang): sites["name"],
                t("labour_col_pref", lang): [code_name(PREFECTURES, c, lang) for c in sites["pref_code"]],
                t("labour_col_field", lang): [code_name(ALL_FIELDS, f, lang) for f in sites["field"]],
                t("profile_col_status", lang): [code_name(STATUSES, s, lang) for s in sites["status"]],
                t("profile_col_investment", lang): [number(v, lang) for v in sites["investment_oku_yen"]],
                t("labour_col_jobs", lang): [number(jobs["jobs"].get(i), lang) for i in ids],
                t("labour_col_basis", lang): [
                    t(f"labour_basis_{jobs['jobs_basis'].get(i, 'unknown')}", lang) for i in ids
                ],
            }
        ),
        lang,
    )


def page() -> None:
    view = current()
    lang, region = view.lang, view.region
    st.title(t("profile_title", lang, name=named(region, lang)))
    st.caption(t("profile_caption", lang))
    try:
        prof = cached.profile(view)  # gaps and labour shared with their pages
    except (ChiikiMapError, OSError) as exc:
        st.error(t("error_data", lang, detail=escape(error_text(exc, lang))))
        st.stop()
    if view.sites.empty:
        st.info(t("profile_none", lang))
    _investment(prof, lang)
    _infra(prof, lang)
    _land(prof, lang)
    _labour(prof, lang)
    _industry(prof, lang)
    _sites(prof, lang)
    lines = [regions.boundary_credit(), *data.credits(), industry_data.credit()]
    st.caption(" / ".join(term_name(c, lang) for c in lines))


page()

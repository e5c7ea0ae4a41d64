"""地域比較 page: two to four regions side by side — the 地域カルテ figures and small multiples on shared scales.

Each column is one region's profile (``ui.cached.compared_profiles``: the same computation as
the 地域カルテ page and ``chiiki-map compare``). Every chart of a kind uses one scale for all columns (the
largest value over the regions), so bars of equal length mean equal figures.
"""

from __future__ import annotations

from collections.abc import Sequence

import pandas as pd
import streamlit as st

from geo import regions
from geo.analysis.profile import RegionProfile, profile_json
from geo.analysis.requirements import KINDS
from geo.domain import ALL_FIELDS, STATUSES
from geo.errors import ChiikiMapError
from geo.industry import data as industry_data
from geo.labour import data, outlook
from geo.labour.outlook import index_2020, projection_table
from i18n import Lang, named, t, term_name
from i18n import format as fmt
from i18n.compare import COMPARE_ROWS, compare_cell, compare_label
from i18n.errors import error_text
from i18n.names import code_name
from layers.industry import division_label
from layers.style import JOBS_COLOURS, STATUS_COLOURS
from ui import cached, charts, share
from ui.context import current, region_label, region_options
from ui.markdown import escape

#: Regions a page compares at most / at least.
MAX_REGIONS, MIN_REGIONS = 4, 2
CHOICE = "cmp_regions"


def _investment(p: RegionProfile, lang: Lang) -> pd.DataFrame:
    inv = p.investment_by_field
    return pd.DataFrame(
        {
            "label": [code_name(ALL_FIELDS, f, lang) for f in inv["field"]],
            "series": t("profile_by_field", lang),
            "value": inv["investment_oku_yen"].to_numpy(dtype=float),  # unknown: no bar, never 0
        }
    )


def _checks(p: RegionProfile, lang: Lang) -> pd.DataFrame:
    rows = []
    for rec in p.gaps_by_kind.to_dict("records"):
        label = t(f"gaps_kind_{rec['requirement']}", lang) if rec["requirement"] in KINDS else rec["requirement"]
        rows += [
            {"label": label, "series": t(f"profile_gap_{s}", lang), "value": float(rec[s])} for s in STATUS_COLOURS
        ]
    return pd.DataFrame(rows, columns=["label", "series", "value"])


def _jobs(p: RegionProfile, lang: Lang) -> pd.DataFrame:
    by_status = p.labour_figures.jobs_by_status
    rows = []
    for s in STATUSES:
        for value, series in (
            (by_status[s].disclosed, "labour_series_disclosed"),
            (by_status[s].estimated, "labour_series_estimated"),
        ):
            # unknown draws no bar (never a 0 bar) but keeps its status's row: every region lists the whole pipeline
            value = float("nan") if value is None else value
            rows.append({"label": code_name(STATUSES, s, lang), "series": t(series, lang), "value": value})
    return pd.DataFrame(rows, columns=["label", "series", "value"])


def _stack_top(frames: Sequence[pd.DataFrame]) -> float:
    """The longest (stacked) bar over every column: the shared end of the scale."""
    return max((float(f.groupby("label")["value"].sum().max()) for f in frames if len(f)), default=0.0)


#: The table's rows: the figures (numbers, right-aligned); the strongest divisions go in their own table.
FIGURE_ROWS = tuple(k for k in COMPARE_ROWS if not k.startswith("industry_top_"))
TOP_ROWS = tuple(k for k in COMPARE_ROWS if k.startswith("industry_top_"))


def _figures(jsons: Sequence[dict[str, object]], lang: Lang, rows: Sequence[str], key: str) -> None:
    """Rows of ``chiiki-map compare`` (``COMPARE_ROWS`` keys), one column per region."""
    table = pd.DataFrame(
        {
            t("compare_col_figure", lang): [compare_label(k, lang) for k in rows],
            **{
                f"{i + 1}. {named(j['region'], lang)}": [compare_cell(j, k, lang) for k in rows]
                for i, j in enumerate(jsons)
            },
        }
    )
    charts.table(table, lang, key=key)


def _charts(profiles: Sequence[RegionProfile], lang: Lang) -> None:
    """Small multiples: one row per chart, one column per region, one scale per row."""
    status_colours = [(t(f"profile_gap_{s}", lang), c) for s, c in STATUS_COLOURS.items()]
    jobs_colours = [(t(f"labour_series_{k}", lang), c) for k, c in JOBS_COLOURS.items()]
    for key, make, unit, colours in (
        ("profile_by_field", _investment, t("compare_unit_oku_yen", lang), None),
        ("profile_gaps_chart", _checks, t("compare_unit_checks", lang), status_colours),
        ("labour_status_jobs", _jobs, t("compare_unit_jobs", lang), jobs_colours),
    ):
        frames = [make(p, lang) for p in profiles]
        top = _stack_top(frames)
        st.subheader(t(key, lang))
        st.caption(t("compare_same_scale", lang, top=fmt.number(top, lang)))
        for col, frame, p in zip(st.columns(len(profiles)), frames, profiles, strict=True):
            col.caption(named(p.region, lang))
            if frame["value"].sum() > 0:
                series = [n for n, _ in colours] if colours else list(dict.fromkeys(frame["series"]))
                wide = frame.pivot_table(index="label", columns="series", values="value", aggfunc="sum", sort=False)
                wide = wide.reindex(index=list(dict.fromkeys(frame["label"])), columns=series)
                charts.bars(
                    wide, lang, title=unit, colours=[c for _, c in colours] if colours else None, where=col, top=top
                )
            else:
                col.caption(t("compare_nothing", lang))


def _lq(profiles: Sequence[RegionProfile], jsons: Sequence[dict[str, object]], lang: Lang) -> None:
    """The strongest 特化係数 of each region (``profile --json``'s ``industry.top``) on one scale, 1.0 marked."""
    n = max((len(p.industry.top) for p in profiles), default=0)
    top = max((f.lq for p in profiles for f in p.industry.top if f.lq is not None), default=0.0)
    st.subheader(t("compare_lq_title", lang, n=n))
    st.caption(t("compare_lq_scale", lang, top=fmt.number(top, lang, 2)))
    for col, p in zip(st.columns(len(profiles)), profiles, strict=True):
        col.caption(named(p.region, lang))
        figs = p.industry.top
        if not figs:
            charts.no_data(lang, col)
            continue
        labels = [division_label(f.division, lang) for f in figs]
        chart = charts.bar_with_reference(labels, [f.lq for f in figs], 1.0, t("industry_col_lq", lang), 2, top=top)
        col.altair_chart(chart, width="stretch")
    _figures(jsons, lang, TOP_ROWS, "compare_top_table")


def _outlook(jsons: Sequence[dict[str, object]], lang: Lang) -> None:
    """Working age 2020→2050 of each region as an index (2020 = 100), one scale for every column."""
    absolute = projection_table({str(named(j["region"], lang)): j["labour"] for j in jsons})  # type: ignore[misc]
    index = index_2020(absolute)
    st.subheader(t("labour_outlook_title", lang))
    if index.isna().all().all():
        charts.no_data(lang)
        return
    low, high = float(index.min().min()), float(index.max().max())
    low, high = 10.0 * (low // 10.0), max(100.0, 10.0 * -(-high // 10.0))
    st.caption(t("compare_outlook_scale", lang, low=fmt.number(low, lang), high=fmt.number(high, lang)))
    for col, name in zip(st.columns(len(jsons)), index.columns, strict=True):
        col.caption(name)
        if index[name].isna().all():
            charts.no_data(lang, col)
            continue
        chart = charts.year_lines(index[[name]], t("labour_outlook_index", lang), domain=(low, high))
        col.altair_chart(chart, width="stretch")


def page() -> None:
    view = current()
    lang = view.lang
    st.title(t("compare_title", lang))
    st.caption(t("compare_caption", lang))
    if CHOICE not in st.session_state:
        st.session_state[CHOICE] = cached.compare_defaults(view.region.id)
    chosen = st.multiselect(
        t("compare_regions", lang),
        region_options(),
        key=CHOICE,
        max_selections=MAX_REGIONS,
        format_func=lambda r: region_label(r, lang),
        placeholder=t("widget_choose", lang),
    )
    share.set_param("compare", ",".join(chosen) if chosen else None)  # a copied address opens these columns
    if len(chosen) < MIN_REGIONS:
        st.info(t("compare_pick", lang, n=MIN_REGIONS, max=MAX_REGIONS))
        return
    # the sidebar's fields, plans and statuses; each column takes its own region
    try:
        with st.spinner(t("compare_running", lang)):
            profiles = cached.compared_profiles(view, chosen)
    except (ChiikiMapError, OSError) as exc:
        st.error(t("error_data", lang, detail=escape(error_text(exc, lang))))
        return
    jsons = [profile_json(p) for p in profiles]
    columns = st.columns(len(profiles))
    for col, p, j in zip(columns, profiles, jsons, strict=True):
        with col:
            st.subheader(named(p.region, lang))
            st.metric(t("profile_metric_sites", lang), fmt.number(j["sites"], lang))
            st.metric(t("profile_metric_investment", lang), fmt.number(j["investment_oku_yen"], lang))
            st.metric(t("labour_col_working_age", lang), fmt.number(p.labour_figures.working_age, lang))
            st.metric(t("profile_gap_gap", lang), fmt.number(p.gap_figures.n_gap, lang))
    _figures(jsons, lang, FIGURE_ROWS, "compare_table")
    _charts(profiles, lang)
    _lq(profiles, jsons, lang)
    _outlook(jsons, lang)
    st.caption(t("compare_note", lang, year=profiles[0].industry.year))
    credits = [term_name(regions.boundary_credit(), lang), *(term_name(c, lang) for c in data.credits())]
    credits += [term_name(outlook.credit("ipss_2023"), lang), term_name(industry_data.credit(), lang)]
    st.caption(" / ".join(credits))


page()

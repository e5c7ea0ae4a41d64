"""The region profile (地域カルテ) as an HTML section with inline SVG bar charts, for the briefing export.

Input is a ``geo.analysis.profile.RegionProfile``: the section renders its headline figures
(``geo.analysis.headlines``), the same the profile page and ``chiiki-map profile`` show. No external
asset, no script: fixed markup, escaped values and SVG only. Unknown figures say 「不明」 and draw no bar.
"""

from __future__ import annotations

from collections.abc import Sequence

from geo.analysis.profile import RegionProfile
from geo.analysis.requirements import KINDS
from geo.domain import ALL_FIELDS, STATUSES, pipeline_order
from geo.io.numbers import finite
from geo.labour import outlook
from i18n import Lang, named, t, term_name
from i18n.format import number
from i18n.names import code_name
from layers.industry import division_label
from layers.markup import escape_text
from layers.style import CHART_COLOURS, CHART_ROW_PX, PROFILE_COLOURS, label_px

CSS = """
.cm-prof{margin-top:16px}
.cm-prof-grid{display:grid;grid-template-columns:1fr 1fr;gap:8px 22px}
.cm-prof h3{font-size:13.5px;margin:8px 0 4px}
.cm-prof .kv{display:flex;flex-wrap:wrap;gap:2px 16px;font-size:12.5px}
.cm-prof .kv b{font-weight:600;margin-left:4px;font-variant-numeric:tabular-nums}
.cm-prof svg{display:block;max-width:100%;font:11px sans-serif}
.cm-prof .note,.cm-compare .note{font-size:11px;color:#555;margin:3px 0}
.cm-cmp-grid{display:grid;gap:4px 18px}
.cm-cmp-grid h4,.cm-compare h3{font-size:12.5px;margin:6px 0 2px}
.cm-compare svg{display:block;max-width:100%;height:auto;font:11px sans-serif}
@media print{.cm-prof{break-before:page;page-break-before:always}.cm-prof-grid{gap:4px 14px}}
"""
_BAR_W, _ROW_H = 260, CHART_ROW_PX


def _kv(items: Sequence[tuple[str, str]]) -> str:
    return (
        '<div class="kv">'
        + "".join(f"<span>{escape_text(k)}<b>{escape_text(v)}</b></span>" for k, v in items)
        + "</div>"
    )


def stacked_bars(
    rows: Sequence[tuple[str, Sequence[float | None]]],
    series: Sequence[tuple[str, str]],
    digits: int = 0,
    *,
    top: float | None = None,
    reference: float | None = None,
) -> str:
    """Horizontal (stacked) bars as SVG: ``rows`` of (label, values per series), ``series`` (name, colour).

    A None value draws nothing; every label and name is escaped. ``top`` is the value of a full-length bar
    (charts side by side on one scale; default the longest bar); ``reference`` a red vertical line (1.0 of a
    location quotient). The SVG scales down to its box (``viewBox``). Returns '' when there is nothing to draw.
    """
    totals = [sum(v for v in vals if v is not None and v > 0) for _label, vals in rows]
    top = max(totals, default=0.0) if top is None else top
    if not rows or top <= 0:
        return ""
    height = _ROW_H * len(rows) + 18
    label_w = label_px(label for label, _ in rows)
    width = label_w + _BAR_W + 70
    parts = [f'<svg width="{width}" height="{height}" viewBox="0 0 {width} {height}" role="img">']
    for i, ((label, vals), total) in enumerate(zip(rows, totals, strict=True)):
        y, x = i * _ROW_H, float(label_w)
        parts.append(f'<text x="{label_w - 4}" y="{y + 14}" text-anchor="end">{escape_text(label)}</text>')
        for (_name, colour), v in zip(series, vals, strict=True):
            if v is None or v <= 0:
                continue
            w = v / top * _BAR_W
            parts.append(f'<rect x="{x:.1f}" y="{y + 2}" width="{w:.1f}" height="{_ROW_H - 4}" fill="{colour}"/>')
            x += w
        parts.append(f'<text x="{x + 4:.1f}" y="{y + 14}">{total:,.{digits}f}</text>')
    if reference is not None and 0 < reference <= top:
        rx = label_w + reference / top * _BAR_W
        parts.append(
            f'<line x1="{rx:.1f}" y1="0" x2="{rx:.1f}" y2="{_ROW_H * len(rows)}" stroke="{CHART_COLOURS["reference"]}"'
            ' stroke-width="2"/>'
        )
    legend_x = float(label_w)
    for name, colour in series if len(series) > 1 else ():
        parts.append(f'<rect x="{legend_x}" y="{height - 12}" width="10" height="10" fill="{colour}"/>')
        parts.append(f'<text x="{legend_x + 13}" y="{height - 3}">{escape_text(name)}</text>')
        legend_x += 14 + 7 * len(name) + 18
    parts.append("</svg>")
    return "".join(parts)


def _bars(
    rows: Sequence[tuple[str, Sequence[float | None]]],
    series: Sequence[tuple[str, str]],
    lang: Lang,
    digits: int = 0,
    top: float | None = None,
    reference: float | None = None,
) -> str:
    """:func:`stacked_bars`, or 「データなし」 in place of a chart with nothing to draw."""
    return (
        stacked_bars(rows, series, digits, top=top, reference=reference)
        or f'<p class="note">{escape_text(t("chart_no_data", lang))}</p>'
    )


def _investment(p: RegionProfile, lang: Lang) -> str:
    by_field = p.investment_by_field
    rows = [
        (code_name(ALL_FIELDS, f, lang), [float(v)])
        for f, v in zip(by_field["field"].astype(str), by_field["investment_oku_yen"].fillna(0.0), strict=True)
    ]
    inv = p.investment
    kv = [
        (t("profile_metric_investment", lang), number(inv.investment_oku_yen, lang)),
        (t("profile_metric_sites", lang), number(inv.n_sites, lang)),
        (t("profile_metric_undisclosed", lang), number(inv.n_investment_unknown, lang)),
        *(
            (code_name(STATUSES, s, lang), number(inv.sites_by_status[s], lang))
            for s in pipeline_order(inv.sites_by_status)
            if s in STATUSES
        ),
    ]
    chart = _bars(rows, [(t("profile_col_investment", lang), PROFILE_COLOURS["investment"])], lang)
    return f"<div><h3>{escape_text(t('profile_investment', lang))}</h3>{_kv(kv)}{chart}</div>"


def _infra(p: RegionProfile, lang: Lang) -> str:
    counts = p.gap_figures.by_status()
    rows = [
        (
            t(f"gaps_kind_{r['requirement']}", lang) if r["requirement"] in KINDS else str(r["requirement"]),
            [float(r[s] or 0) for s in counts],
        )
        for r in p.gaps_by_kind.to_dict("records")
    ]
    series = [(t(f"profile_gap_{s}", lang), PROFILE_COLOURS[s]) for s in counts]
    kv = [(t(f"profile_gap_{s}", lang), number(n, lang)) for s, n in counts.items()]
    note = f'<p class="note">{escape_text(t("gaps_unknown_note", lang))}</p>'
    return f"<div><h3>{escape_text(t('profile_infra', lang))}</h3>{_kv(kv)}{_bars(rows, series, lang)}{note}</div>"


def _land(p: RegionProfile, lang: Lang) -> str:
    land = p.land_figures
    kv = [
        (t("profile_land_available", lang), number(land.available_ha, lang, 1)),
        (t("profile_land_demand", lang), number(land.demand_ha, lang, 1)),
        (t("profile_land_balance", lang), number(land.balance_ha, lang, 1)),
    ]
    unknown = land.unknown_prefs
    note = f'<p class="note">{escape_text(t("profile_land_unknown_note", lang, n=unknown))}</p>' if unknown else ""
    return f"<div><h3>{escape_text(t('profile_land', lang))}</h3>{_kv(kv)}{note}</div>"


def _labour(p: RegionProfile, lang: Lang, rule: str) -> str:
    lab = p.labour_figures
    kv = [
        (t("labour_col_population", lang), number(lab.population, lang)),
        (t("labour_col_working_age", lang), number(lab.working_age, lang)),
        (t("labour_market_col_wa_projection", lang, year=2050), number(lab.working_age_2050, lang)),
        (t("labour_market_col_mfg", lang), number(lab.manufacturing_employees, lang)),
        (t("labour_metric_disclosed", lang), number(lab.jobs_disclosed, lang)),
        (t("labour_metric_estimated", lang), number(lab.jobs_estimated, lang)),
        (t("labour_metric_unknown", lang), number(lab.sites_jobs_unknown, lang)),
        (t("labour_metric_ratio", lang), number(lab.jobs_per_1000_working_age, lang, 2)),
        (t("labour_col_flp", lang), number(lab.female_labor_participation, lang, 3)),
        (t("labour_col_kosen", lang), number(lab.kosen, lang)),
        (t("labour_col_univ", lang), number(lab.universities, lang)),
    ]
    rows = [
        (term_name(STATUSES[s], lang), [lab.jobs_by_status[s].disclosed, lab.jobs_by_status[s].estimated])
        for s in pipeline_order(lab.jobs_by_status)
        if s in STATUSES
    ]
    series = [
        (t("labour_series_disclosed", lang), PROFILE_COLOURS["disclosed"]),
        (t("labour_series_estimated", lang), PROFILE_COLOURS["estimated"]),
    ]
    notes = "".join(
        f'<p class="note">{escape_text(x)}</p>'
        for x in (rule, t("labour_estimate_note", lang), t("labour_flp_note", lang))
    )
    return f"<div><h3>{escape_text(t('profile_labour', lang))}</h3>{_kv(kv)}{_bars(rows, series, lang)}{notes}</div>"


def _industry(p: RegionProfile, lang: Lang) -> str:
    """The region's most specialised JSIC divisions (特化係数, 1.0 = Japan) as bars, with the employees total."""
    ind = p.industry
    if not ind.top:
        return ""
    rows = [(division_label(f.division, lang), [f.lq]) for f in ind.top]
    kv = [(t("industry_metric_employees", lang), number(ind.employees_total, lang))]
    chart = stacked_bars(rows, [(t("industry_col_lq", lang), PROFILE_COLOURS["investment"])], digits=2)
    note = f'<p class="note">{escape_text(t("profile_industry_note", lang))}</p>'
    return f"<div><h3>{escape_text(t('profile_industry', lang))}</h3>{_kv(kv)}{chart}{note}</div>"


#: Years of the comparison's working-age bars: the census and two projections.
_COMPARE_YEARS = (2020, 2035, 2050)


def compare_charts(profiles: Sequence[RegionProfile], lang: Lang) -> str:
    """地域比較 small multiples: per region the strongest 特化係数 and working age 2020→2050 (2020 = 100).

    One column per region; every chart of a row shares one scale (the largest value over the regions), so
    bars of equal length mean equal figures. The working-age bars are the IPSS series of the labour row
    (``geo.labour.outlook.index_2020``); unknown draws no bar.
    """
    if not profiles:
        return ""
    top_lq = max((f.lq for p in profiles for f in p.industry.top if f.lq is not None), default=0.0)
    index = outlook.index_2020(outlook.projection_table({str(i): p.labour_row for i, p in enumerate(profiles)}))
    top_wa = max(100.0, float(index.max().max()) if index.notna().any().any() else 100.0)
    lq_name = t("industry_col_lq", lang)
    wa_name = t("labour_outlook_index", lang)
    colour = PROFILE_COLOURS["investment"]
    cells_lq, cells_wa = [], []
    for i, p in enumerate(profiles):
        rows_lq = [(division_label(f.division, lang), [f.lq]) for f in p.industry.top]
        rows_wa = [
            (
                t(
                    "compare_year_kind",
                    lang,
                    year=y,
                    kind=t(f"labour_outlook_{'census' if y == 2020 else 'projection'}", lang),
                ),
                [finite(index[str(i)].get(y))],
            )
            for y in _COMPARE_YEARS
        ]
        head = f"<h4>{escape_text(named(p.region, lang))}</h4>"
        cells_lq.append(f"<div>{head}{_bars(rows_lq, [(lq_name, colour)], lang, 2, top_lq, reference=1.0)}</div>")
        cells_wa.append(f"<div>{head}{_bars(rows_wa, [(wa_name, colour)], lang, 1, top_wa)}</div>")
    grid = f'<div class="cm-cmp-grid" style="grid-template-columns:repeat({len(profiles)},1fr)">'
    n = max((len(p.industry.top) for p in profiles), default=0)
    return (
        f"<h3>{escape_text(t('compare_lq_title', lang, n=n))}</h3>"
        f'<p class="note">{escape_text(t("compare_lq_scale", lang, top=number(top_lq, lang, 2)))}</p>'
        f"{grid}{''.join(cells_lq)}</div>"
        f"<h3>{escape_text(t('labour_outlook_title', lang))}</h3>"
        f'<p class="note">{escape_text(t("compare_wa_scale", lang, top=number(top_wa, lang)))}</p>'
        f"{grid}{''.join(cells_wa)}</div>"
    )


def profile_section(profile: RegionProfile, lang: Lang = "ja", *, rule: str = "", credits: Sequence[str] = ()) -> str:
    """The 地域カルテ section: investment, infrastructure, industrial land, labour and industry, with bar charts.

    ``rule`` is the catchment rule in words; ``credits`` extra source lines.
    """
    head = escape_text(t("profile_title", lang, name=named(profile.region, lang)))
    body = "".join(
        (
            _investment(profile, lang),
            _infra(profile, lang),
            _land(profile, lang),
            _labour(profile, lang, rule),
            _industry(profile, lang),
        )
    )
    cred = "".join(f'<p class="note">{escape_text(c)}</p>' for c in credits)
    return f'<section class="cm-prof"><h2>{head}</h2><div class="cm-prof-grid">{body}</div>{cred}</section>'

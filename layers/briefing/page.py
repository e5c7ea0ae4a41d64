"""The page around the briefing map: header, summary and site tables, sources, screen and A4 print CSS.

The layout is ``page.html.j2`` (jinja2, autoescape on). Every value from data or a person is escaped
by :func:`layers.markup.escape_text` (the template's finalize), so it reads as text; only Leaflet and
the already-rendered folium map (whose data is inlined as script-safe JSON) are passed as trusted
:class:`markupsafe.Markup`. Numbers are written by :mod:`i18n.format`.
"""

from __future__ import annotations

import functools
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import jinja2
from markupsafe import Markup

from geo.analysis.profile import profile_json
from geo.briefing import BriefingData
from geo.domain import ALL_FIELDS, PLAN_TYPES, STATUSES, Bilingual
from geo.industry import data as industry_data
from geo.labour import data as labour_data
from geo.labour import outlook
from geo.sites.selection import largest_first
from i18n import Lang, named, t, term_name
from i18n import format as fmt
from i18n.compare import COMPARE_ROWS, compare_cell, compare_label
from i18n.completeness import completeness_text
from i18n.labour import catchment_rule
from i18n.names import code_name
from layers.markup import escape_text
from layers.popups import site_place
from layers.profile_section import CSS as PROFILE_CSS
from layers.profile_section import compare_charts, profile_section
from layers.sites import TOP_SITES

TEMPLATE = "page.html.j2"
#: Where the map's script goes in the rendered template: escaped text never holds ``<`` (no user string can be it).
_SCRIPT_SLOT = "<cm-map-script-slot>"


def _escape(value: Any) -> Markup:
    """Autoescape of the template: trusted Markup as is, anything else through :func:`escape_text`."""
    return value if isinstance(value, Markup) else Markup(escape_text(value))


@functools.lru_cache(maxsize=1)
def _environment() -> jinja2.Environment:
    return jinja2.Environment(
        loader=jinja2.FileSystemLoader(Path(__file__).parent),
        autoescape=True,
        finalize=_escape,
        keep_trailing_newline=True,
        undefined=jinja2.StrictUndefined,
    )


def field_name(field: object, lang: Lang) -> str:
    """Display name of a field or local category id.

    Parameters
    ----------
    field
        A field id of ``geo.domain.ALL_FIELDS``.
    lang
        ``"ja"`` or ``"en"``.

    Returns
    -------
    str
        The name, or the id itself when it is unknown.
    """
    return code_name(ALL_FIELDS, field, lang)


def source_rows(data: BriefingData, lang: Lang) -> list[tuple[str, str, str, str, str]]:
    """The source table: boundaries, each layer shown (with its measured completeness in words), labour data."""
    other = [(str(named(r, lang)), str(r["source"]), str(r["licence"]), str(r["date"]), "—") for r in data.sources]
    layers = [
        (named(r, lang), r.source, r.licence, r.date, completeness_text(r.completeness, r.notes, lang))
        for r in data.layer_status
    ]
    return [*other[:1], *layers, *other[1:]]


def _filters_text(data: BriefingData, lang: Lang) -> str:
    tables = {"fields": ALL_FIELDS, "plan_types": PLAN_TYPES, "statuses": STATUSES}
    parts = []
    for key, values in data.filters.items():
        if values:
            table = tables.get(key, {})
            names = [code_name(table, v, lang) for v in values]
            parts.append(f"{t(key, lang)}: {'、'.join(names)}")
    return " / ".join(parts) or t("export_no_filter", lang)


def _analysis_cells(data: BriefingData) -> dict[str, int | float | None]:
    """The headline figures of the analyses by summary-table key (none when the analyses did not run)."""
    if data.analyses is None:
        return {}
    c, g, land = data.analyses.cluster_figures, data.analyses.gap_figures, data.analyses.land_figures
    return {
        "n_clusters": c.n_clusters,
        "n_cross_pref_clusters": c.n_cross_prefecture,
        "n_gaps": g.n_gap,
        "n_sites_with_gap": g.n_sites_with_gap,
        "n_unknown": g.n_unknown,
        "available_ha": land.available_ha,
        "demand_ha": land.demand_ha,
        "balance_ha": land.balance_ha,
    }


def summary_rows(data: BriefingData, lang: Lang) -> list[tuple[str, str, str]]:
    """Rows of the summary table, analyses only where computed.

    Parameters
    ----------
    data
        The briefing's inputs (``summary`` and ``analyses``).
    lang
        ``"ja"`` or ``"en"``.

    Returns
    -------
    list of tuple
        ``(key, label, formatted value)``; a missing figure says 不明 / unknown.
    """
    s, a = data.summary, _analysis_cells(data)
    known = s.get("n_known", {})

    def disclosed(key: str) -> object:  # a measure no site discloses is unknown (—), never 0
        return s[key] if known.get(key, 1) else None

    rows = [
        ("n_sites", t("n_sites", lang), fmt.number(s["n_sites"], lang)),
        ("investment_oku_yen", t("investment", lang), fmt.number(disclosed("investment_oku_yen"), lang, why="none")),
        ("jobs", t("jobs", lang), fmt.number(disclosed("jobs"), lang, why="none")),
        ("land_ha", t("land", lang), fmt.number(disclosed("land_ha"), lang, 1, why="none")),
    ]
    labels = [
        ("n_clusters", "export_n_clusters", 0),
        ("n_cross_pref_clusters", "export_n_cross_pref", 0),
        ("n_gaps", "export_n_gaps", 0),
        ("n_sites_with_gap", "export_sites_with_gap", 0),
        ("n_unknown", "export_gaps_unknown", 0),
        ("available_ha", "export_land_available", 1),
        ("demand_ha", "export_land_demand", 1),
        ("balance_ha", "export_land_balance", 1),
    ]
    rows += [(key, t(label, lang), fmt.number(a[key], lang, digits)) for key, label, digits in labels if key in a]
    return rows


def _site_rows(data: BriefingData, lang: Lang) -> list[tuple[Any, ...]]:
    """Name, company, place, plan type, field, status, 億円 and jobs of the :data:`TOP_SITES` largest sites."""
    sites = largest_first(data.sites, TOP_SITES)
    return [
        (
            r.get("name"),
            r.get("company"),
            site_place(r, lang),
            code_name(PLAN_TYPES, r.get("plan_type"), lang),
            field_name(r.get("field"), lang),
            code_name(STATUSES, r.get("status"), lang),
            fmt.amount_oku_yen(r.get("investment_oku_yen"), lang),
            fmt.number(r.get("jobs"), lang),
        )
        for _, r in sites.iterrows()
    ]


def top_note(n_sites: int, lang: Lang) -> str:
    """The line above the site and gap tables when they list only the :data:`TOP_SITES` largest sites."""
    if n_sites <= TOP_SITES:
        return ""
    return t("export_top_note", lang, n=fmt.number(TOP_SITES, lang), total=fmt.number(n_sites, lang))


def _profile(data: BriefingData, lang: Lang) -> str:
    """The 地域カルテ section (escaped by :func:`layers.profile_section.profile_section`), or ''."""
    if data.profile is None:
        return ""
    return profile_section(data.profile, lang, rule=catchment_rule(data.profile.radius_km, lang))


def _analysis_credits(data: BriefingData) -> list[Bilingual]:
    """Credit lines of the profile's and the comparison's data, each once."""
    lines: list[Bilingual] = []
    if data.profile is not None:
        lines += [*labour_data.credits(), industry_data.credit()]
    if data.compare:
        lines += [*labour_data.credits(), outlook.credit("ipss_2023"), industry_data.credit()]
    return list(dict.fromkeys(lines))


def compare_table(data: BriefingData, lang: Lang) -> tuple[list[str], list[list[str]]]:
    """The 地域比較 section: headers (項目, then one column per region) and one row per figure, or empty."""
    if not data.compare:
        return [], []
    jsons = [profile_json(p) for p in data.compare]
    head = [t("compare_col_figure", lang), *(str(named(p.region, lang)) for p in data.compare)]
    rows = [[compare_label(k, lang), *(compare_cell(j, k, lang) for j in jsons)] for k in COMPARE_ROWS]
    return head, rows


#: Order of the gap table within a site: what is missing first.
_STATUS_ORDER = {"gap": 0, "unknown": 1, "ok": 2}


def gap_rows(data: BriefingData, lang: Lang) -> list[tuple[str, str, str, str, str]]:
    """Each site's requirement checks: site, kind, distance, limit, status (gaps first within a site).

    Parameters
    ----------
    data
        The briefing's inputs (``gaps`` from ``geo.analysis.gaps``; None when not run).
    lang
        ``"ja"`` or ``"en"``.

    Returns
    -------
    list of tuple of str
        Formatted rows of the sites in the site table (:data:`layers.sites.TOP_SITES`); a distance with no
        known feature says 不明.
    """
    gaps = data.gaps
    if gaps is None or gaps.empty:
        return []
    if len(data.sites) > TOP_SITES and "site_id" in data.sites:  # the sites of the site table only
        gaps = gaps[gaps["site_id"].isin(largest_first(data.sites, TOP_SITES)["site_id"])]
    gaps = gaps.astype({c: str for c in ("site", "requirement", "status")})  # a large result's categories as text
    ordered = gaps.assign(_o=gaps["status"].map(_STATUS_ORDER)).sort_values(["site", "_o"], kind="stable")
    return [
        (
            str(r["site"]),
            t(f"gaps_kind_{r['requirement']}", lang),
            fmt.number(r["distance_km"], lang, 1, unit=" km"),
            fmt.number(r["limit_km"], lang, 1, unit=" km"),
            t(f"gaps_status_{r['status']}", lang),
        )
        for _, r in ordered.iterrows()
    ]


def compose(
    data: BriefingData,
    lang: Lang,
    *,
    title: str | None,
    map_name: str,
    leaflet_css: str,
    leaflet_js: str,
    header: str,
    body: str,
    script: str,
    layer_names: Sequence[str],
    credits: Sequence[str],
    legend: str = "",
    view_box: Sequence[float] = (),
) -> tuple[str, str, str]:
    """The full HTML document around the rendered folium map.

    Parameters
    ----------
    data
        The briefing's inputs.
    lang
        ``"ja"`` or ``"en"``.
    title
        Heading of the page; None for the default (地域未来マップ ブリーフィング：<region>).
    map_name
        The folium map's JS variable (for the print handler).
    leaflet_css, leaflet_js
        Leaflet inlined (trusted).
    header, body, script
        The rendered folium figure's parts (trusted).
    layer_names
        Names of the layers shown, for the header line.
    credits
        Credit lines of the data shown (the sites' line is added).
    legend
        The legend's HTML (escaped text only, :func:`layers.legend.legend_html`), printed beside the map.
    view_box
        ``(minx, miny, maxx, maxy)`` the map fits again when it is laid out for print.

    Returns
    -------
    tuple of str
        The HTML document in three pieces: the page up to the map's script, the script, the rest (a national
        briefing's script is most of its 70 MB: written or joined, never copied on the way).
    """
    region = named(data.region, lang)
    rows = summary_rows(data, lang)
    compare_head, compare_rows = compare_table(data, lang)
    context = {
        "t": functools.partial(t, lang=lang),
        "lang": lang,
        "heading": title or t("export_default_title", lang, region=region),
        "meta": [
            (t("export_region", lang), region),
            (t("export_date", lang), data.created.isoformat()),
            (t("export_filters", lang), _filters_text(data, lang)),
            (t("export_layers_shown", lang), "、".join(layer_names) or "—"),
        ],
        "summary_rows": [(label, value) for _, label, value in rows],
        "summary_keys": [key for key, _, _ in rows],
        "site_rows": _site_rows(data, lang),
        "top_note": top_note(len(data.sites), lang),
        "gap_rows": gap_rows(data, lang),
        "legend": Markup(legend),
        "source_rows": source_rows(data, lang),
        "credits": [
            *credits,
            *(term_name(c, lang) for c in _analysis_credits(data)),
            t("export_sites_source", lang),
        ],
        "profile_css": Markup(PROFILE_CSS),
        "profile_section": Markup(_profile(data, lang)),
        "compare_head": compare_head,
        "compare_rows": compare_rows,
        "compare_charts": Markup(compare_charts(data.compare, lang)),
        "compare_note": t("compare_note", lang, year=data.compare[0].industry.year) if data.compare else "",
        "leaflet_css": Markup(leaflet_css),
        "leaflet_js": Markup(leaflet_js),
        "map_header": Markup(header),
        "map_body": Markup(body),
        "map_script": Markup(_SCRIPT_SLOT),  # the script goes in as it is: Markup(script) would copy 100 MB
        "map_name": map_name,
        "view_box": [round(float(v), 5) for v in view_box],
    }
    head, tail = _environment().get_template(TEMPLATE).render(context).split(_SCRIPT_SLOT)
    return head, script, tail

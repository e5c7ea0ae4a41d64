"""The page around the briefing map: header, summary and site tables, sources, screen and A4 print CSS.

Every value that comes from data or the user goes through :func:`html.escape`; only fixed markup and
the already-rendered map (whose data is inlined as script-safe JSON) are written raw.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from geo.briefing import BriefingData
from geo.domain import ALL_FIELDS, PLAN_TYPES, STATUSES, term_name
from i18n import format as fmt
from i18n import t
from layers.markup import escape_text as esc

_CSS = """
*{box-sizing:border-box}
body{margin:0;font:14px/1.45 "Hiragino Sans","Noto Sans CJK JP","Yu Gothic",Meiryo,sans-serif;color:#222;
background:#fff}
.cm-page{max-width:1180px;margin:0 auto;padding:12px 16px 24px}
.cm-head h1{font-size:20px;margin:0 0 4px}
.cm-meta{display:flex;flex-wrap:wrap;gap:4px 18px;margin:0 0 8px;font-size:13px;color:#444}
.cm-meta b{color:#222;font-weight:600;margin-right:4px}
.cm-map-wrap{position:relative;height:620px;border:1px solid #bbb}
.cm-map-wrap .folium-map{position:absolute;inset:0;width:100%;height:100%}
.cm-cols{display:grid;grid-template-columns:minmax(260px,1fr) 2fr;gap:18px;margin-top:14px}
h2{font-size:15px;margin:14px 0 6px;border-bottom:2px solid #2e7d32;padding-bottom:2px}
table.cm-t{border-collapse:collapse;width:100%;font-size:12.5px}
.cm-t th,.cm-t td{border-bottom:1px solid #ddd;padding:3px 6px;text-align:left;vertical-align:top}
.cm-sites td:nth-child(4),.cm-sources td:nth-child(4),.cm-sources th:nth-child(4){white-space:nowrap}
.cm-t td.n{text-align:right;font-variant-numeric:tabular-nums;white-space:nowrap}
.cm-t thead th{background:#f1f4f1}
.cm-credits{font-size:11.5px;color:#333;margin:6px 0 0;padding-left:18px}
.cm-foot{font-size:11px;color:#666;margin-top:12px}
@page{size:A4 landscape;margin:9mm}
@media print{
  body{font-size:10.5pt}
  .cm-page{max-width:none;padding:0}
  .cm-map-wrap{height:150mm;break-after:page;page-break-after:always;border:0}
  .leaflet-control-layers,.leaflet-control-zoom{display:none}
  .cm-legend{max-height:none;font-size:8.5pt;line-height:1.15;padding:3px 6px;margin-bottom:30px}
  .cm-cols{grid-template-columns:1fr 2fr}
  tr{break-inside:avoid;page-break-inside:avoid}
  h2{break-after:avoid;page-break-after:avoid}
}
"""

#: Keeps the map filling its box when the layout changes for printing.
_PRINT_JS = """
(function () {
  var map = %s;
  function fit() { map.invalidateSize({animate: false}); }
  window.addEventListener("beforeprint", fit);
  window.addEventListener("afterprint", fit);
})();
"""


def field_name(field: str, lang: str) -> str:
    """Display name of a field / local category id (the id itself when unknown)."""
    term = ALL_FIELDS.get(str(field))
    return term_name(term, lang) if term else str(field)


def _filters_text(data: BriefingData, lang: str) -> str:
    tables = {"fields": ALL_FIELDS, "plan_types": PLAN_TYPES, "statuses": STATUSES}
    parts = []
    for key, values in data.filters.items():
        if values:
            table = tables.get(key, {})
            names = [term_name(table[v], lang) if v in table else str(v) for v in values]
            parts.append(f"{t(key, lang)}: {'、'.join(names)}")
    return " / ".join(parts) or t("export_no_filter", lang)


def summary_rows(data: BriefingData, lang: str) -> list[tuple[str, str, str]]:
    """(key, label, formatted value) rows of the summary table, analyses only where computed."""
    s, a = data.summary, data.analyses
    rows = [
        ("n_sites", t("n_sites", lang), fmt.number(s["n_sites"], lang)),
        ("investment_oku_yen", t("investment", lang), fmt.number(s["investment_oku_yen"], lang)),
        ("jobs", t("jobs", lang), fmt.number(s["jobs"], lang)),
        ("land_ha", t("land", lang), fmt.number(s["land_ha"], lang, 1)),
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


def _table(
    head: Sequence[str],
    rows: Iterable[Sequence[str]],
    numeric: set[int] = frozenset(),
    keys: Sequence[str] | None = None,
) -> str:
    """An escaped table; ``rows`` hold plain text, ``keys`` become ``data-key`` attributes per row."""
    th = "".join(f"<th>{esc(h)}</th>" for h in head)
    body = []
    for i, row in enumerate(rows):
        cells = "".join(
            f'<td class="n">{esc(c)}</td>' if j in numeric else f"<td>{esc(c)}</td>" for j, c in enumerate(row)
        )
        attr = f' data-key="{esc(keys[i])}"' if keys else ""
        body.append(f"<tr{attr}>{cells}</tr>")
    return f'<table class="cm-t"><thead><tr>{th}</tr></thead><tbody>{"".join(body)}</tbody></table>'


def _sites_table(data: BriefingData, lang: str) -> str:
    sites = data.sites.sort_values("investment_oku_yen", ascending=False, na_position="last", kind="stable")
    rows = [
        (
            r.get("name"),
            r.get("company"),
            field_name(r.get("field"), lang),
            term_name(STATUSES[r["status"]], lang) if r.get("status") in STATUSES else r.get("status"),
            fmt.amount_oku_yen(r.get("investment_oku_yen"), lang),
            fmt.number(r.get("jobs"), lang),
        )
        for _, r in sites.iterrows()
    ]
    head = [
        t("export_col_name", lang),
        t("company", lang),
        t("field", lang),
        t("status", lang),
        t("investment", lang),
        t("jobs", lang),
    ]
    return _table(head, rows, numeric={4, 5})


def _sources_table(data: BriefingData, lang: str) -> str:
    rows = [
        (r["name_en"] if lang == "en" else r["name_ja"], r["source"], r["licence"], r["date"]) for r in data.sources
    ]
    head = [
        t("col_layer", lang),
        t("export_col_source", lang),
        t("export_col_licence", lang),
        t("export_col_date", lang),
    ]
    return _table(head, rows)


def compose(
    data: BriefingData,
    lang: str,
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
) -> str:
    """The full HTML document around the rendered folium ``header``/``body``/``script``."""
    region = data.region.name_en if lang == "en" else data.region.name_ja
    heading = title or t("export_default_title", lang, region=region)
    meta = [
        (t("export_region", lang), region),
        (t("export_date", lang), data.created.isoformat()),
        (t("export_filters", lang), _filters_text(data, lang)),
        (t("export_layers_shown", lang), "、".join(layer_names) or "—"),
    ]
    meta_html = "".join(f"<span><b>{esc(k)}</b>{esc(v)}</span>" for k, v in meta)
    rows = summary_rows(data, lang)
    summary = _table(
        [t("export_item", lang), t("export_value", lang)],
        [(label, v) for _, label, v in rows],
        numeric={1},
        keys=[k for k, _, _ in rows],
    )
    credit_items = "".join(f"<li>{esc(c)}</li>" for c in [*credits, t("export_sites_source", lang)])
    return (
        f'<!DOCTYPE html>\n<html lang="{esc(lang)}">\n<head>\n<meta charset="utf-8">\n'
        f"<title>{esc(heading)}</title>\n<style>{leaflet_css}</style>\n<style>{_CSS}</style>\n"
        f'<script>{leaflet_js}</script>\n{header}\n</head>\n<body>\n<div class="cm-page">\n'
        f'<header class="cm-head"><h1>{esc(heading)}</h1><p class="cm-meta">{meta_html}</p></header>\n'
        f'<section class="cm-map-wrap">{body}</section>\n'
        f'<div class="cm-cols"><section class="cm-summary"><h2>{esc(t("export_summary", lang))}</h2>{summary}'
        f'</section><section class="cm-sites"><h2>{esc(t("export_sites", lang))}</h2>'
        f"{_sites_table(data, lang)}</section></div>\n"
        f'<section class="cm-sources"><h2>{esc(t("export_sources", lang))}</h2>{_sources_table(data, lang)}'
        f'<ul class="cm-credits">{credit_items}</ul></section>\n'
        f'<p class="cm-foot">{esc(t("export_footer", lang))}</p>\n</div>\n'
        f"<script>\n{script}\n{_PRINT_JS % map_name}</script>\n</body>\n</html>\n"
    )

"""Candidate sites as circle markers: colour by field, size by investment, an escaped card popup."""

from __future__ import annotations

import html
import math
from typing import Any

import geopandas as gpd
import pandas as pd

from geo.domain import ALL_FIELDS, PLAN_TYPES, PREFECTURES, STATUSES, term_name
from i18n import t
from layers.geojson_layer import escape_text as _esc
from layers.geojson_layer import to_geojson
from layers.style import field_colour, site_radius


def _number(value: object, lang: str, unit: str = "") -> str:
    """A formatted number, or 'not disclosed'."""
    try:
        x = float(value)  # type: ignore[arg-type]
    except (TypeError, ValueError):
        return t("unknown_amount", lang)
    if not math.isfinite(x):
        return t("unknown_amount", lang)
    return f"{x:,.0f}{unit}" if x >= 100 or x == int(x) else f"{x:,.1f}{unit}"


def _term(table: dict, key: object, lang: str) -> str:
    term = table.get(str(key))
    return _esc(term_name(term, lang) if term else key)


def site_card_html(row: pd.Series, lang: str = "ja") -> str:
    """The site card (popup) for one site; every value is escaped."""
    pref = PREFECTURES.get(str(row.get("pref_code")))
    where = " ".join(x for x in (_esc(term_name(pref, lang)) if pref else "", _esc(row.get("muni_name_ja"))) if x)
    rows = [
        (t("company", lang), _esc(row.get("company"))),
        (t("plan_type", lang), _term(PLAN_TYPES, row.get("plan_type"), lang)),
        (t("field", lang), _term(ALL_FIELDS, row.get("field"), lang)),
        (t("status", lang), _term(STATUSES, row.get("status"), lang)),
        (t("investment", lang), _number(row.get("investment_oku_yen"), lang)),
        (t("jobs", lang), _number(row.get("jobs"), lang)),
        (t("land", lang), _number(row.get("land_ha"), lang)),
        (t("water", lang), _number(row.get("water_m3_day"), lang)),
        (t("power", lang), _number(row.get("power_mw"), lang)),
        (t("location", lang), where),
        (t("source_note", lang), _esc(row.get("source_note"))),
    ]
    body = "".join(f"<tr><th>{html.escape(k)}</th><td>{v}</td></tr>" for k, v in rows if v)
    badge = f'<div class="cm-sample">{html.escape(t("sample_badge", lang))}</div>' if bool(row.get("is_sample")) else ""
    return f'<div class="cm-card"><b>{_esc(row.get("name"))}</b>{badge}<table>{body}</table></div>'


def sites_geojson(sites: gpd.GeoDataFrame, lang: str = "ja") -> dict[str, Any]:
    """FeatureCollection of sites with per-feature colour, radius, escaped tooltip and card."""
    if sites.empty:
        return {"type": "FeatureCollection", "features": []}
    props = {
        "_fill": [field_colour(f) for f in sites["field"]],
        "_radius": [site_radius(pd.to_numeric(v, errors="coerce")) for v in sites["investment_oku_yen"]],
        "_tip": [_esc(n) for n in sites["name"]],
        "_popup": [site_card_html(row, lang) for _, row in sites.iterrows()],
        "site_id": [str(v) for v in sites.get("site_id", pd.Series(range(len(sites)), index=sites.index))],
    }
    return to_geojson(sites, props, decimals=5)

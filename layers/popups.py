"""The HTML shown on hover and click: site cards, cluster and parcel popups, tooltips.

Every value from data or a person goes through :func:`layers.markup.escape_text`; numbers are written by
:mod:`i18n.format`. The results are the ``_tip``/``_popup`` properties the map layers carry.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import geopandas as gpd
import pandas as pd

from geo import regions
from geo.domain import ALL_FIELDS, PLAN_TYPES, PREFECTURES, STATUSES
from i18n import Lang, t, term_name
from i18n import format as fmt
from i18n.names import code_name
from layers.markup import escape_text, escaped_props

#: One row of a table: a ``pd.Series`` (``iterrows``) or a mapping (``to_dict("records")``).
Row = Mapping[Any, Any] | pd.Series


def _term(table: Mapping, key: object, lang: Lang) -> str:
    return escape_text(code_name(table, key, lang))


def _card(title: str, rows: list[tuple[str, str]], badge: str = "") -> str:
    """A card: escaped ``title``, optional badge text, then ``(label, value HTML)`` rows with a value."""
    body = "".join(f"<tr><th>{escape_text(k)}</th><td>{v}</td></tr>" for k, v in rows if v)
    badge_html = f'<div class="cm-sample">{escape_text(badge)}</div>' if badge else ""
    return f'<div class="cm-card"><b>{title}</b>{badge_html}<table>{body}</table></div>'


def site_place(row: Row, lang: Lang = "ja") -> str:
    """Prefecture and municipality of a site as plain text: ``熊本県 菊陽町``, in English ``菊陽町, Kumamoto``.

    The municipality keeps its Japanese name in English: no data we have (N03 boundaries, the census,
    school codes) gives municipalities an English or romanised name, and none is made up here.
    """
    pref = PREFECTURES.get(str(row.get("pref_code")))
    muni = row.get("muni_name_ja") or regions.municipality_name(row.get("muni_code"))
    pref_name, muni_name = term_name(pref, lang) if pref else "", "" if muni is None or muni != muni else str(muni)
    return t("site_place", lang, pref=pref_name, muni=muni_name).strip(" ,")


def site_card_rows(row: Row, lang: Lang = "ja") -> list[tuple[str, str]]:
    """The rows of a site card as plain text ``(label, value)``; the popup and the app's card share them.

    Parameters
    ----------
    row
        One site (a row of the validated site table).
    lang
        ``"ja"`` or ``"en"``.

    Returns
    -------
    list of tuple of str
        Labels and values (not escaped); figures as ``1,000`` / ``25.5``, undisclosed ones 未公表;
        empty text values stay empty (the card leaves their row out).
    """
    company = row.get("company")
    note = row.get("source_note")
    return [
        (t("company", lang), "" if company is None or company != company else str(company)),
        (t("plan_type", lang), code_name(PLAN_TYPES, row.get("plan_type"), lang)),
        (t("field", lang), code_name(ALL_FIELDS, row.get("field"), lang)),
        (t("status", lang), code_name(STATUSES, row.get("status"), lang)),
        (t("investment", lang), fmt.card_figure(row.get("investment_oku_yen"), lang)),
        (t("jobs", lang), fmt.card_figure(row.get("jobs"), lang)),
        (t("land", lang), fmt.card_figure(row.get("land_ha"), lang)),
        (t("water", lang), fmt.card_figure(row.get("water_m3_day"), lang)),
        (t("power", lang), fmt.card_figure(row.get("power_mw"), lang)),
        (t("location", lang), site_place(row, lang)),
        (t("source_note", lang), "" if note is None or note != note else str(note)),
    ]


def site_card_html(row: pd.Series, lang: Lang = "ja") -> str:
    """The site card (popup) of one site.

    Parameters
    ----------
    row
        One site (a row of the validated site table).
    lang
        ``"ja"`` or ``"en"``.

    Returns
    -------
    str
        HTML in which every value is escaped; undisclosed figures say 未公表.
    """
    rows = [(k, escape_text(v)) for k, v in site_card_rows(row, lang)]
    badge = t("sample_badge", lang) if bool(row.get("is_sample")) else ""
    return _card(escape_text(row.get("name")), rows, badge)


def _pref_names(codes: list[str], lang: Lang) -> str:
    return "・".join(code_name(PREFECTURES, c, lang) for c in codes)


def cluster_name(row: Row, lang: Lang = "ja") -> str:
    """A cluster's name as a planner says it: its field and main municipality (``AI・半導体（菊陽町ほか）``).

    Parameters
    ----------
    row
        One row of ``geo.analysis.clusters.find_clusters`` (``field``, ``n_sites``, ``main_muni_code``,
        ``pref_codes``).
    lang
        ``"ja"`` or ``"en"``.

    Returns
    -------
    str
        Plain text (not escaped); the prefectures stand in when the municipality is unknown.
    """
    field = code_name(ALL_FIELDS, row.get("field"), lang) or t("unknown_field", lang)
    place = regions.municipality_name(row.get("main_muni_code")) or _pref_names(list(row.get("pref_codes") or []), lang)
    if not place:
        return field
    key = "cluster_name_many" if int(row.get("n_sites") or 1) > 1 else "cluster_name_one"
    return t(key, lang, field=field, place=place)


def cluster_labels(clusters: pd.DataFrame, lang: Lang = "ja") -> list[str]:
    """``cluster_name`` of each cluster, unique: a name two clusters share keeps the cluster's number (``#3``)."""
    names = [cluster_name(row, lang) for row in clusters.to_dict("records")]
    return [n if names.count(n) == 1 else f"{n} #{i}" for n, i in zip(names, clusters["id"], strict=True)]


def cluster_tooltip(row: Row, lang: Lang = "ja") -> str:
    """Plain-text tooltip of a cluster: name, sites and disclosed investment."""
    return t(
        "cluster_tip",
        lang,
        name=cluster_name(row, lang),
        n=fmt.number(row.get("n_sites"), lang),
        inv=fmt.number(row.get("investment_oku_yen"), lang, why="undisclosed"),
    )


#: A cluster popup lists at most this many members and links, then says how many more there are.
POPUP_LIST_MAX = 20


def _more(n: int, lang: Lang) -> str:
    """The list item saying how many of ``n`` entries a popup left out, or ''."""
    if n <= POPUP_LIST_MAX:
        return ""
    return f"<li>{escape_text(t('popup_more', lang, n=fmt.number(n - POPUP_LIST_MAX, lang)))}</li>"


def cluster_popup(row: pd.Series, lang: Lang) -> str:
    """Popup of one cluster: members, prefectures, totals and the links that joined them.

    Parameters
    ----------
    row
        One row of ``geo.analysis.clusters.find_clusters``.
    lang
        ``"ja"`` or ``"en"``.

    Returns
    -------
    str
        Escaped HTML; totals no member disclosed say 未公表. At most :data:`POPUP_LIST_MAX` members and
        links are listed (a national cluster may hold thousands), then ほか n 件.
    """
    names, shown_links = list(row["sites"]), row["links"][:POPUP_LIST_MAX]
    members = "".join(f"<li>{v}</li>" for v in escaped_props(names[:POPUP_LIST_MAX])) + _more(len(names), lang)
    links = "".join(
        f"<li>{a} — {b}: {km}</li>"
        for a, b, km in zip(
            escaped_props([x["a"] for x in shown_links]),
            escaped_props([x["b"] for x in shown_links]),
            [fmt.number(x["km"], lang, 1, unit=" km") for x in shown_links],
            strict=True,
        )
    ) + _more(len(row["links"]), lang)
    head = escape_text(cluster_name(row, lang))
    prefs = escape_text(_pref_names(list(row["pref_codes"]), lang))
    flag = f" <b>{escape_text(t('clusters_cross_pref', lang))}</b>" if row["cross_prefecture"] else ""
    totals = {
        key: fmt.number(row[col], lang, why="undisclosed")
        for key, col in (("inv", "investment_oku_yen"), ("jobs", "jobs"), ("land", "land_ha"))
    }
    total = escape_text(t("clusters_popup_totals", lang, **totals))
    return (
        f'<div class="cm-card"><b>{head}</b>{flag}<div>{prefs}</div><div>{total}</div>'
        f"<ul>{members}</ul>"
        + (f"<div>{escape_text(t('clusters_links', lang))}</div><ul>{links}</ul>" if links else "")
        + "</div>"
    )


def balance_tooltip(row: pd.Series, lang: Lang) -> str:
    """Tooltip of one prefecture's land balance: available, demand, balance, unknown parcels and sites.

    Parameters
    ----------
    row
        One row of ``geo.analysis.land_balance.land_balance``.
    lang
        ``"ja"`` or ``"en"``.

    Returns
    -------
    str
        Escaped HTML lines; unknown areas say 不明.
    """
    lines = [f"<b>{escape_text(code_name(PREFECTURES, row['pref_code'], lang))}</b>"]
    for key, col in (
        ("land_col_available", "available_ha"),
        ("land_col_demand", "demand_ha"),
        ("land_col_balance", "balance_ha"),
    ):
        lines.append(escape_text(f"{t(key, lang)}: {fmt.hectares(row[col], lang, unit=True)}"))
    if row["unknown_parcels"]:
        lines.append(escape_text(t("land_tip_unknown_parcels", lang, n=int(row["unknown_parcels"]))))
    if row["demand_unknown_sites"]:
        lines.append(escape_text(t("land_tip_unknown_sites", lang, n=int(row["demand_unknown_sites"]))))
    return "<br>".join(lines)


def parcel_popup(row: pd.Series, lang: Lang) -> str:
    """Popup card of one industrial-land parcel.

    Parameters
    ----------
    row
        One parcel (``geo.analysis.land.load_parcels``).
    lang
        ``"ja"`` or ``"en"``.

    Returns
    -------
    str
        Escaped HTML; unknown areas say 不明, an unknown price is left out.
    """
    rows = [
        (t("land_col_total", lang), fmt.hectares(row.get("total_ha"), lang, unit=True)),
        (t("land_col_available", lang), fmt.hectares(row.get("available_ha"), lang, unit=True)),
        (t("land_col_price", lang), fmt.number(row.get("price_yen_m2"), lang, why="blank")),
        (t("land_col_status", lang), str(row.get("status") or "")),
        (t("land_col_source", lang), str(row.get("source") or "")),
    ]
    badge = t("land_sample_badge", lang) if row.get("is_sample") else ""
    return _card(escape_text(str(row["name"])), [(k, escape_text(v)) for k, v in rows], badge)


def firm_popup(firm: Any, lang: Lang) -> str:
    """Popup card of one priority firm (a row of ``geo.analysis.firms`` as a named tuple).

    Parameters
    ----------
    firm
        Has ``rank``, ``firm``, ``connector``, ``hub`` and ``pref_code``.
    lang
        ``"ja"`` or ``"en"``.

    Returns
    -------
    str
        Escaped HTML with the scores to three decimals.
    """
    rows = [
        (t("firms_col_connector", lang), fmt.number(firm.connector, lang, 3)),
        (t("firms_col_hub", lang), fmt.number(firm.hub, lang, 3)),
        (t("firms_col_pref", lang), escape_text(code_name(PREFECTURES, firm.pref_code, lang))),
    ]
    body = "".join(f"<tr><th>{escape_text(k)}</th><td>{v}</td></tr>" for k, v in rows)
    return f'<div class="cm-card"><b>{escape_text(f"#{firm.rank} {firm.firm}")}</b><table>{body}</table></div>'


def layer_tooltips(gdf: gpd.GeoDataFrame, layer_name: str) -> list[str]:
    """Tooltip of each feature of an infrastructure layer.

    Parameters
    ----------
    gdf
        The layer's features (``name`` and ``subtype`` used where present).
    layer_name
        Shown for features without a name.

    Returns
    -------
    list of str
        Escaped HTML per feature: the name (and subtype), or the layer name.
    """
    names = gdf["name"] if "name" in gdf else [None] * len(gdf)
    subtypes = gdf["subtype"] if "subtype" in gdf else [None] * len(gdf)
    tips = []
    for name, sub in zip(escaped_props(names), escaped_props(subtypes), strict=True):
        label = name or escape_text(layer_name)
        tips.append(f"{label} <small>({sub})</small>" if sub else label)
    return tips

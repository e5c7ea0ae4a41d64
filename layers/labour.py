"""Map layers of the labour analysis: municipality choropleth, 高専・大学 points, a site's catchment.

Only drawing: the numbers come from ``geo.labour``. A municipality whose value is unknown is drawn grey
and hatched (「不明」), never in the colour of zero. Every text that reaches tooltip/popup/legend HTML
is escaped.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

import folium
import geopandas as gpd
import pandas as pd
from shapely.geometry.base import BaseGeometry

from geo.crs import CRS_STORE
from geo.labour import data
from i18n import Lang, t, term_name
from i18n.format import number
from layers.geojson_layer import UnitTips, add_geojson_layer, add_unit_choropleth, to_geojson
from layers.legend import CornerLegend
from layers.markup import escape_text, escaped_props
from layers.style import (
    CATCHMENT_COLOUR,
    DEFAULT_LAYER_STYLE,
    LABOUR_CLASSES,
    LABOUR_NONE_FILL,
    LABOUR_OUTLINE,
    SCHOOL_COLOURS,
    UNKNOWN_FILL,
    UNKNOWN_HATCH_CSS,
)

#: UI text key of each measure's name (the keys of ``LABOUR_CLASSES``).
MEASURE_KEYS = {
    "working_age": "labour_measure_working_age",
    "jobs_per_1000_working_age": "labour_measure_pressure",
    "working_age_change": "labour_measure_change",
}


def class_colour(measure: str, value: float) -> str:
    """Fill colour of a known value of ``measure``."""
    for upper, colour, _label in LABOUR_CLASSES[measure]:
        if value < upper:
            return colour
    return LABOUR_CLASSES[measure][-1][1]


def _fill(measure: str, value: float, n_sites: int) -> str:
    if measure == "jobs_per_1000_working_age" and n_sites == 0:
        return LABOUR_NONE_FILL
    return class_colour(measure, value)


def choropleth_legend_html(measure: str, lang: Lang = "ja") -> str:
    """Legend body of the classed municipality colours, the unknown hatch and the school markers."""
    parts = [f"<b>{escape_text(t(MEASURE_KEYS[measure], lang))}</b>"]
    for _upper, colour, label in LABOUR_CLASSES[measure]:
        parts.append(f'<div><i style="background:{colour}"></i>{escape_text(t(label, lang))}</div>')
    if measure == "jobs_per_1000_working_age":
        parts.append(
            f'<div><i style="background:{LABOUR_NONE_FILL}"></i>{escape_text(t("labour_legend_none", lang))}</div>'
        )
    parts.append(
        f'<div><i style="background:{UNKNOWN_HATCH_CSS}"></i>{escape_text(t("labour_legend_unknown", lang))}</div>'
    )
    for kind, colour in SCHOOL_COLOURS.items():
        parts.append(
            f'<div><i style="background:{colour};border-radius:50%;width:11px"></i>'
            f"{escape_text(t(f'labour_legend_{kind}', lang))}</div>"
        )
    return "".join(parts)


def _tip(name: str, working_age: float, value: float, measure: str, lang: Lang) -> str:
    """Tooltip of one municipality: its name, working age and the measure shown (escaped)."""
    head = (
        f"<b>{escape_text(name)}</b><br>{escape_text(t('labour_col_working_age', lang))}: {number(working_age, lang)}"
    )
    if measure == "jobs_per_1000_working_age":
        return head + f"<br>{escape_text(t('labour_col_ratio', lang))}: {number(value, lang, 2)}"
    if measure == "working_age_change":
        change = None if pd.isna(value) else (value - 1.0) * 100.0
        return head + f"<br>{escape_text(t('labour_tip_change', lang))}: {number(change, lang, 1, unit='%')}"
    return head


def add_choropleth(
    m: folium.Map,
    values: pd.DataFrame,
    measure: str,
    lang: Lang = "ja",
    *,
    simplify_deg: float = 0.002,
    levels: Sequence[tuple[float, str]] | None = None,
) -> None:
    """Municipality polygons coloured by ``measure`` (a key of ``layers.style.LABOUR_CLASSES``).

    ``values`` has ``code``, ``name_ja``, ``working_age`` and the measure's column (for the ratio also
    ``n_sites``; ``working_age_change`` = IPSS 2050 ÷ 2020); unknown values are drawn grey and hatched. With
    ``levels`` (the published unit polygons, :func:`layers.static_files.publish_units`) the browser joins each
    unit's colour and tooltip to the shared packed polygons by ``code``; without, the polygons of ``values``
    are inlined (simplified by ``simplify_deg``).
    """
    if measure not in LABOUR_CLASSES:
        raise ValueError(f"unknown measure {measure!r}: use {', '.join(LABOUR_CLASSES)}")
    value = values[measure].astype(float)
    n_sites = values["n_sites"] if "n_sites" in values else pd.Series(0, index=values.index)
    tips = [
        _tip(n, w, r, measure, lang) for n, w, r in zip(values["name_ja"], values["working_age"], value, strict=True)
    ]
    known = value.notna().to_numpy()
    label = t(MEASURE_KEYS[measure], lang)
    name = t("labour_layer_choropleth", lang, measure=label)
    fills = [_fill(measure, v, int(s)) if k else UNKNOWN_FILL for v, s, k in zip(value, n_sites, known, strict=True)]
    style = {"color": LABOUR_OUTLINE, "weight": 0.5, "fillOpacity": 0.75}
    unit = (list(values["code"].astype(str)), fills, UnitTips.whole(tips))
    add_unit_choropleth(
        m, "labour-choropleth", name, unit, data.unit_polygons, style=style, levels=levels, simplify_deg=simplify_deg
    )
    CornerLegend(choropleth_legend_html(measure, lang)).add_to(m)


def school_popup(row: pd.Series, lang: Lang) -> str:
    """Popup card of one school: kind, founder, address, position note and source (all escaped)."""
    rows = [
        (t("labour_school_founder", lang), row.get("founder") or ""),
        (t("labour_school_address", lang), row.get("address") or ""),
        (t("labour_school_position", lang), row.get("position") or ""),
        (t("labour_school_source", lang), term_name(data.credits()[1], lang)),
    ]
    body = "".join(f"<tr><th>{escape_text(k)}</th><td>{escape_text(v)}</td></tr>" for k, v in rows if v)
    kind = escape_text(t(f"labour_school_kind_{row['kind']}", lang))
    return f'<div class="cm-card"><b>{escape_text(row["name"])}</b> <small>{kind}</small><table>{body}</table></div>'


def school_markers(schools: gpd.GeoDataFrame, lang: Lang = "ja") -> dict[str, Any]:
    """高専 campuses and universities / junior colleges as GeoJSON points coloured by kind, with their cards."""
    tips = [f"{n} ({t(f'labour_school_kind_{k}', lang)})" for n, k in zip(schools["name"], schools["kind"])]
    props: dict[str, Iterable[object]] = {
        "_color": [SCHOOL_COLOURS.get(k, DEFAULT_LAYER_STYLE["color"]) for k in schools["kind"]],
        "_radius": [6 if k == "kosen" else 4 for k in schools["kind"]],
        "_tip": escaped_props(tips),
        "_popup": [school_popup(r, lang) for _, r in schools.iterrows()],
    }
    return to_geojson(schools, props, decimals=5)


def add_school_layer(
    m: folium.Map, schools: gpd.GeoDataFrame, lang: Lang = "ja", *, data: dict[str, Any] | None = None
) -> int:
    """The schools (:func:`school_markers`, or ``data`` made by it before) on the map; returns how many."""
    if schools.empty:
        return 0
    add_geojson_layer(
        m,
        "labour-schools",
        t("labour_layer_schools", lang),
        pane="sites",
        data=school_markers(schools, lang) if data is None else data,
        style={"weight": 1, "fillOpacity": 0.85},
    )
    return len(schools)


def add_catchment_layer(
    m: folium.Map, disc: BaseGeometry, codes: Sequence[str], radius_km: float, lang: Lang = "ja"
) -> None:
    """The selected site's catchment: its disc and the outlines of its municipalities."""
    polys = data.unit_polygons(list(codes))
    disc_gdf = gpd.GeoDataFrame({"kind": ["disc"]}, geometry=[disc], crs=CRS_STORE)
    shapes = pd.concat([disc_gdf, polys.assign(kind="muni")[["kind", "geometry"]]], ignore_index=True)
    shapes = gpd.GeoDataFrame(shapes, geometry="geometry", crs=CRS_STORE)
    props = {"_color": [CATCHMENT_COLOUR] * len(shapes)}
    add_geojson_layer(
        m,
        "labour-catchment",
        t("labour_layer_catchment", lang, km=radius_km),
        data=to_geojson(shapes, props, decimals=4, simplify_deg=0.001),
        style={"weight": 2, "fillOpacity": 0.05, "dash": "5 4"},
        interactive=False,
    )

"""Map layer of the industry structure: municipalities coloured by a division's 特化係数.

Only drawing: the figures come from ``geo.industry``. The legend is classed and marks 1.0 (the national
average) between the classes below and above it; a unit without employees is grey and hatched (unknown),
never coloured as 0. Designated cities are drawn as whole cities (their wards dissolved) and say so.
"""

from __future__ import annotations

from collections.abc import Sequence

import folium
import pandas as pd

from geo.domain import DIVISIONS
from geo.industry import KIND_DESIGNATED_CITY, data
from i18n import Lang, t, term_name
from i18n.format import number
from layers.geojson_layer import UnitTips, add_unit_choropleth
from layers.legend import CornerLegend
from layers.markup import escape_text
from layers.style import LABOUR_OUTLINE, LQ_BREAK, LQ_CLASSES, UNKNOWN_FILL, UNKNOWN_HATCH_CSS, class_of


def division_label(division: str, lang: Lang = "ja") -> str:
    """``E 製造業`` / ``E Manufacturing``."""
    return t("industry_division_option", lang, letter=division, name=term_name(DIVISIONS[division], lang))


def lq_legend_html(division: str, lang: Lang = "ja") -> str:
    """Legend body: the classes from high to low with the 1.0 line between them, and unknown."""
    title = t("industry_legend_title", lang, division=division_label(division, lang), year=data.year())
    parts = [f"<b>{escape_text(title)}</b>"]
    for upper, colour, key in reversed(LQ_CLASSES):
        if upper == LQ_BREAK:  # the line sits between the classes above 1.0 and the first below it
            parts.append(
                '<div class="cm-lq-base" style="border-top:2px solid #222;margin:2px 0;font-weight:600">'
                f"{escape_text(t('industry_legend_base', lang))}</div>"
            )
        parts.append(f'<div><i style="background:{colour}"></i>{escape_text(t(key, lang))}</div>')
    unknown = escape_text(t("industry_legend_unknown", lang))
    parts.append(f'<div><i style="background:{UNKNOWN_HATCH_CSS}"></i>{unknown}</div>')
    return "".join(parts)


def lq_tips(values: pd.DataFrame, lang: Lang = "ja") -> UnitTips:
    """Each unit's name, 特化係数 and employees (and a designated city's note) as one tooltip pattern."""
    note = f"<br><small>{escape_text(t('industry_tip_designated', lang))}</small>"
    parts = (
        "<b>",
        f"</b><br>{escape_text(t('industry_tip_lq', lang))}: ",
        f"<br>{escape_text(t('industry_tip_employees', lang))}: ",
        "",
        "",
    )
    rows = [
        [
            escape_text(str(n)),
            escape_text(number(v, lang, 2)),
            escape_text(number(e, lang)),
            note if k == KIND_DESIGNATED_CITY else "",
        ]
        for n, k, v, e in zip(
            values["name_ja"], values["kind"], values["lq"].astype(float), values["employees"], strict=True
        )
    ]
    return UnitTips(parts, rows)


def add_lq_choropleth(
    m: folium.Map,
    values: pd.DataFrame,
    division: str,
    lang: Lang = "ja",
    *,
    simplify_deg: float = 0.002,
    levels: Sequence[tuple[float, str]] | None = None,
) -> int:
    """Municipalities coloured by the 特化係数 of ``division``; returns how many units ``values`` colours.

    ``values`` has ``code``, ``name_ja``, ``kind``, ``lq`` and ``employees`` (of the division) per unit.
    With ``levels`` (the published industry units, :func:`layers.static_files.publish_units`) the browser
    joins each unit's colour and tooltip to the shared packed polygons; without, the polygons are inlined.
    """
    fills = [class_of(LQ_CLASSES, v)[0] if pd.notna(v) else UNKNOWN_FILL for v in values["lq"].astype(float)]
    add_unit_choropleth(
        m,
        "industry-lq",
        t("industry_layer", lang, division=division_label(division, lang)),
        (list(values["code"].astype(str)), fills, lq_tips(values, lang)),
        data.unit_polygons,
        style={"color": LABOUR_OUTLINE, "weight": 0.5, "fillOpacity": 0.8},
        levels=levels,
        simplify_deg=simplify_deg,
    )
    CornerLegend(lq_legend_html(division, lang)).add_to(m)
    return len(values)

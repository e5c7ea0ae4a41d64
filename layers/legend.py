"""Map legend and credit lines as Leaflet controls (escaped HTML, no external assets).

The legend has sections — sites (field colours, size by investment), infrastructure (its own shapes and
muted colours), analysis (clusters, the three gap states) and boundaries — and lists only what is on the
map. It is never cut by a hidden scroll: it folds as a whole (``<details>``) instead. The credits go into
the attribution control: a short "出典・クレジット ▸" that opens in full on a click (and prints whole).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

import folium
from jinja2 import Template

from geo.domain import ALL_FIELDS
from i18n import Lang, t, term_name
from layers.element import Macro
from layers.markup import escape_text, escaped_props
from layers.style import BLOCK_STYLE, PREF_STYLE, SEA_COLOUR, STATUS_COLOURS, field_colour, layer_style

#: The widest the legend box is (px); its labels wrap inside it.
LEGEND_MAX_WIDTH_PX = 300
#: The room a legend takes in its corner as the map's framing plans for it (width, height px): the box (up to
#: 300 × 290; it folds when taller) plus Leaflet's 10-px margins and the control it stacks on (the zoom buttons,
#: the layer control or the credits line). The legend goes to the corner of the map the region leaves free, or
#: the framing pads for it (``geo.regions.box_room``).
LEGEND_BOX_PX = (LEGEND_MAX_WIDTH_PX + 20, 330)
#: The tallest a legend box stays open at its framing (px): the planned room less Leaflet's 10-px margin and the
#: ~30-px control it stacks on. A taller one (many fields, many layers) starts folded under its title instead of
#: covering the region the framing kept clear (``cmMap.legend``'s ``maxOpen``; 九州 with its layers: 286 px).
LEGEND_MAX_OPEN_PX = LEGEND_BOX_PX[1] - 40
#: The app's map as the framing plans for it (width, height px): the page's main column beside the sidebar on a
#: 1400-px screen; a page whose map shares its row passes its own size (``MapOptions.size_px``).
APP_MAP_PX = (940, 560)
#: Legend entries of overlays coloured by check status (worst of a site's or a candidate's checks): the gap
#: analysis (``layers.analysis``) and the siting search's candidates (``layers.siting``).
#: Each with the heading (UI text key) its legend section takes: what the colour means, not a field.
STATUS_HEADINGS = {"gaps": "legend_analysis_status", "siting-candidates": "legend_siting_status"}
STATUS_IDS = frozenset(STATUS_HEADINGS)
#: Legend entries of analysis overlays (drawn by ``layers.analysis``, ``layers.siting``), not infrastructure.
ANALYSIS_IDS = frozenset({"clusters", "plan_area", *STATUS_IDS})

_CSS = (
    ".leaflet-container{background:" + SEA_COLOUR + "}"
    ".cm-legend{background:rgba(255,255,255,.94);padding:4px 8px;border-radius:4px;"
    "font:12px/1.3 sans-serif;box-shadow:0 1px 4px rgba(0,0,0,.3);max-width:" + str(LEGEND_MAX_WIDTH_PX) + "px}"
    ".cm-legend summary,.cm-land-legend summary{font-weight:bold;font-size:13px;cursor:pointer}"
    ".cm-legend,.cm-land-legend{max-height:calc(100vh - 90px);overflow-y:auto;transition:opacity .15s}"
    ".cm-legend.cm-aside,.cm-land-legend.cm-aside{opacity:.12;pointer-events:none}"
    ".cm-legend h5{margin:4px 0 1px;font-size:11px;color:#555;font-weight:bold}"
    ".cm-legend .cm-many{columns:2;column-gap:10px}.cm-legend .cm-many div{break-inside:avoid}"
    ".cm-legend svg{width:16px;height:12px;margin-right:4px;vertical-align:-1px}"
    ".cm-card table{border-collapse:collapse;font-size:12px}.cm-card th{text-align:left;"
    "padding:1px 6px 1px 0;white-space:nowrap;color:#444}.cm-card td{padding:1px 0}"
    ".cm-sample{font-size:11px;color:#8a4b00;margin:2px 0 4px}"
    ".leaflet-control-attribution{font-size:10.5px;max-width:70%;cursor:pointer}"
    ".cm-credits-full{display:none}.cm-open .cm-credits-full{display:block;margin-top:2px}"
    ".cm-open .cm-credits-more{display:none}"
    "@media print{.leaflet-control-attribution{max-width:100%}.cm-credits-full{display:block}"
    ".cm-credits-more{display:none}}"
)

_TEMPLATE = """
{% macro header(this, kwargs) %}<style>{{ this.css }}</style>{% endmacro %}
{% macro script(this, kwargs) %}
{% if this.control %}
cmMap.legend({{ this._parent.get_name() }}, {{ this.legend_html|tojson }}, {{ this.options|tojson }});
{% endif %}
cmMap.credits({{ this._parent.get_name() }}, {{ this.credits_html|tojson }}, {{ this.credits_hint|tojson }});
{% endmacro %}
"""


class Legend(Macro):
    """A legend box plus credit lines in the map's attribution control (click it to read them whole)."""

    _template = Template(_TEMPLATE)

    def __init__(
        self,
        legend_html: str,
        credits: Sequence[str],
        lang: Lang = "ja",
        control: bool = True,
        corner: str = "bottomright",
    ) -> None:
        super().__init__()
        self._name = "Legend"
        self.control = control
        self.options = {"position": corner, "maxOpen": LEGEND_MAX_OPEN_PX}
        self.legend_html = legend_html
        lines = "".join(f"<div>{line}</div>" for line in escaped_props(credits))
        self.credits_html = (
            f'<span class="cm-credits-head">{escape_text(t("credits", lang))}</span>'
            f'<span class="cm-credits-more"> ▸ {escape_text(t("credits_more", lang))}</span>'
            f'<span class="cm-credits-full">{lines}</span>'
        )
        self.credits_hint = t("credits_click", lang)
        self.css = _CSS


#: Layers whose legend entry says what they are: the 2016 grid's straight estimated links, and the
#: railways drawn in one style from two sources.
LEGEND_LABELS = {"power_lines": "power_lines_estimated", "railways": "legend_rail"}


def symbol(colour: str, kind: str = "circle", fill: str | None = None, dash: str | None = None) -> str:
    """A small inline SVG of a map symbol.

    The ``kind`` is ``circle``, ``square``, ``triangle``, ``diamond``, ``cross``, ``line`` (with an optional
    ``dash``) or ``area``.

    Parameters
    ----------
    colour
        Stroke colour (and fill unless ``fill`` is given).
    kind
        The symbol's shape.
    fill
        Fill colour; defaults to ``colour``.
    dash
        SVG dash pattern of a line.

    Returns
    -------
    str
        ``<svg>`` markup (colours are our own constants, never user text).
    """
    f = fill or colour
    shapes = {
        "circle": f'<circle cx="8" cy="6" r="5" fill="{f}" stroke="#222" stroke-width="1"/>',
        "square": f'<rect x="3.5" y="1.5" width="9" height="9" fill="{f}" stroke="{colour}" stroke-width="1.6"/>',
        "triangle": f'<path d="M8 0.8L13.5 10.8H2.5Z" fill="{f}" stroke="{colour}" stroke-width="1.6"/>',
        "diamond": f'<path d="M8 0.5L13 6L8 11.5L3 6Z" fill="{f}" stroke="{colour}" stroke-width="1.6"/>',
        "cross": f'<path d="M6 1H10V4H13V8H10V11H6V8H3V4H6Z" fill="{f}" stroke="{colour}" stroke-width="1.4"/>',
        "area": f'<rect x="1" y="1.5" width="14" height="9" fill="{f}" fill-opacity=".35" stroke="{colour}"/>',
    }
    if kind == "line":
        d = f' stroke-dasharray="{dash}"' if dash else ""
        body = f'<line x1="0" y1="6" x2="16" y2="6" stroke="{colour}" stroke-width="3"{d}/>'
    else:
        body = shapes.get(kind, shapes["circle"])
    return f'<svg viewBox="0 0 16 12" aria-hidden="true">{body}</svg>'


def _row(svg: str, label: str) -> str:
    return f"<div>{svg}{escape_text(label)}</div>"


def _infra_symbol(layer_id: str, kind: str) -> str:
    style = layer_style(layer_id)
    colour = str(style["color"])
    if kind == "line":
        return symbol(colour, "line", dash=str(style["dash"]) if style.get("dash") else None)
    if kind == "polygon":
        return symbol(colour, "area")
    return symbol(colour, str(style.get("shape", "circle")), fill=str(style.get("fill") or colour))


def _analysis_rows(layer_id: str, name: str, lang: Lang) -> list[str]:
    if layer_id in STATUS_IDS:
        return [
            _row(symbol(colour, "circle"), t(f"legend_gap_{status}", lang)) for status, colour in STATUS_COLOURS.items()
        ]
    return [_row(symbol(str(layer_style(layer_id)["color"]), "area"), name)]


def legend_html(
    fields: Iterable[str],
    layers: Sequence[tuple[str, str, str]],
    lang: Lang = "ja",
    note: str | None = None,
    sites_hidden: bool = False,
) -> str:
    """Legend body in sections: sites (fields shown, size), infrastructure, analysis, boundaries.

    Parameters
    ----------
    fields
        Field / local-category ids of the sites on the map.
    layers
        ``(layer_id, name, kind)`` of the infrastructure layers and analysis overlays on the map.
    lang
        ``"ja"`` or ``"en"``.
    note
        Plain text under the sites' size line (how many sites are merged: :func:`layers.sites.binning_note`).
    sites_hidden
        The sites start switched off (立地候補探索: its candidates' status colours are the subject): their field
        colours fold away under a closed heading that says so, opened when the person switches them on.

    Returns
    -------
    str
        Escaped HTML of a ``<details open>`` box.
    """
    fields = list(fields)
    site_rows = [
        _row(symbol(field_colour(f)), term_name(ALL_FIELDS[f], lang) if f in ALL_FIELDS else t("unknown_field", lang))
        for f in fields
    ]
    parts = [f"<details open><summary>{escape_text(t('legend', lang))}</summary>"]
    if site_rows:
        many = ' class="cm-many"' if len(site_rows) > 6 else ""
        rows = f"<div{many}>{''.join(site_rows)}</div><div><small>{escape_text(t('legend_size', lang))}</small></div>"
        if note:
            rows += f'<div class="cm-note"><small>{escape_text(note)}</small></div>'
        if sites_hidden:
            parts.append(f"<details><summary><small>{escape_text(t('legend_sites_hidden', lang))}</small></summary>")
            parts.append(f"{rows}</details>")
        else:
            parts.append(f"<h5>{escape_text(t('legend_sites', lang))}</h5>{rows}")
    infra = [
        _row(_infra_symbol(i, k), t(LEGEND_LABELS[i], lang) if i in LEGEND_LABELS else n)
        for i, n, k in layers
        if i not in ANALYSIS_IDS
    ]
    if infra:
        parts.append(f"<h5>{escape_text(t('legend_infra', lang))}</h5>{''.join(infra)}")
    analysis = [row for i, n, _ in layers if i in ANALYSIS_IDS for row in _analysis_rows(i, n, lang)]
    if analysis:
        heading = next((STATUS_HEADINGS[i] for i, _, _ in layers if i in STATUS_IDS), "legend_analysis")
        parts.append(f"<h5>{escape_text(t(heading, lang))}</h5>{''.join(analysis)}")
    parts.append(f"<h5>{escape_text(t('legend_boundaries', lang))}</h5>")
    parts.append(_row(symbol(str(BLOCK_STYLE["color"]), "line"), t("legend_blocks", lang)))
    parts.append(_row(symbol(str(PREF_STYLE["color"]), "area", fill=str(PREF_STYLE["fill"])), t("legend_prefs", lang)))
    parts.append("</details>")
    return "".join(parts)


def add_legend(
    m: folium.Map,
    fields: Iterable[str],
    layers: Sequence[tuple[str, str, str]],
    credits: Sequence[str],
    lang: Lang = "ja",
    *,
    control: bool = True,
    note: str | None = None,
    corner: str = "bottomright",
    sites_hidden: bool = False,
) -> Legend:
    """Attach the legend (unless ``control`` is False, in ``corner``) and the credits to ``m``.

    ``note``, ``sites_hidden``: see :func:`legend_html`.
    """
    legend = Legend(legend_html(fields, layers, lang, note, sites_hidden), credits, lang, control, corner)
    legend.add_to(m)
    return legend


_CORNER_TEMPLATE = """
{% macro header(this, kwargs) %}<style>
.cm-land-unknown{fill:url(#cm-hatch)}
.cm-land-legend{background:rgba(255,255,255,.92);padding:6px 8px;border-radius:4px;
font:12px/1.35 sans-serif;box-shadow:0 1px 4px rgba(0,0,0,.3)}
.cm-land-legend i{display:inline-block;width:14px;height:11px;margin-right:5px;vertical-align:-1px}
</style>{% endmacro %}
{% macro html(this, kwargs) %}<svg width="0" height="0" style="position:absolute" aria-hidden="true"><defs>
<pattern id="cm-hatch" patternUnits="userSpaceOnUse" width="8" height="8" patternTransform="rotate(45)">
<rect width="8" height="8" fill="#e3e3e3"></rect><line x1="0" y1="0" x2="0" y2="8" stroke="#8a8a8a"
stroke-width="3"></line></pattern></defs></svg>{% endmacro %}
{% macro script(this, kwargs) %}
cmMap.legend({{ this._parent.get_name() }}, {{ this.legend_html|tojson }}, {{ this.options|tojson }});
{% endmacro %}
"""


def folded(legend_html: str) -> str:
    """A box's HTML that starts with its title in ``<b>…</b>`` as a ``<details open>`` folding under that title."""
    if not legend_html.startswith("<b>") or "</b>" not in legend_html:
        return legend_html
    title, rest = legend_html[3:].split("</b>", 1)
    return f"<details open><summary>{title}</summary>{rest}</details>"


class CornerLegend(Macro):
    """A second legend box (a choropleth's classes) plus the hatch pattern of unknown areas (``cm-land-unknown``).

    Used by the land, labour, industry and firm layers; ``legend_html`` must be escaped HTML starting with its
    title in ``<b>``: the box folds under that title. It goes to the corner the map's framing keeps free for a
    second box (``ChiikiMap.box_corners``: the map's legend has the first), bottom-left on other maps.
    """

    _template = Template(_CORNER_TEMPLATE)

    def __init__(self, legend_html: str) -> None:
        super().__init__()
        self._name = "CornerLegend"
        self.legend_html = folded(legend_html)
        self.options = {"position": "bottomleft", "cls": "cm-land-legend", "maxOpen": LEGEND_MAX_OPEN_PX}

    def add_to(self, parent: Any, name: str | None = None, index: int | None = None) -> CornerLegend:
        """Add to ``parent`` in the next corner its framing keeps free (``box_corners``), if it names any."""
        corners = list(getattr(parent, "box_corners", ()))
        taken = sum(isinstance(c, CornerLegend) for c in getattr(parent, "_children", {}).values())
        if len(corners) > 1 + taken:
            self.options["position"] = corners[1 + taken]
        super().add_to(parent, name=name, index=index)
        return self

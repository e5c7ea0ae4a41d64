"""Map legend and credit lines as Leaflet controls (escaped HTML, no external assets)."""

from __future__ import annotations

from collections.abc import Iterable, Sequence

import folium
from branca.element import MacroElement
from jinja2 import Template

from geo.domain import ALL_FIELDS, term_name
from i18n import t
from layers.markup import escape_text, escaped_props
from layers.style import BLOCK_STYLE, PREF_STYLE, SEA_COLOUR, field_colour, layer_style

_CSS = (
    ".leaflet-container{background:" + SEA_COLOUR + "}"
    ".cm-legend{background:rgba(255,255,255,.92);padding:6px 8px;border-radius:4px;"
    "font:12px/1.35 sans-serif;max-height:46vh;overflow:auto;box-shadow:0 1px 4px rgba(0,0,0,.3)}"
    ".cm-legend h4{margin:2px 0 4px;font-size:13px}.cm-legend i{display:inline-block;width:11px;"
    "height:11px;margin-right:5px;vertical-align:-1px;border-radius:50%}"
    ".cm-legend i.ln{border-radius:0;height:0;border-top:3px solid;width:16px;vertical-align:3px}"
    ".cm-card table{border-collapse:collapse;font-size:12px}.cm-card th{text-align:left;"
    "padding:1px 6px 1px 0;white-space:nowrap;color:#444}.cm-card td{padding:1px 0}"
    ".cm-sample{font-size:11px;color:#8a4b00;margin:2px 0 4px}"
    ".leaflet-control-attribution{font-size:10px;max-width:72%;max-height:2.7em;overflow:hidden}"
    ".leaflet-control-attribution:hover{max-height:none}"
)

_TEMPLATE = """
{% macro header(this, kwargs) %}<style>{{ this.css }}</style>{% endmacro %}
{% macro script(this, kwargs) %}
(function () {
  var map = {{ this._parent.get_name() }};
  var legend = L.control({position: "bottomright"});
  legend.onAdd = function () {
    var div = L.DomUtil.create("div", "cm-legend");
    div.innerHTML = {{ this.legend_html|tojson }};
    L.DomEvent.disableScrollPropagation(div);
    return div;
  };
  legend.addTo(map);
  {% for line in this.credits %}map.attributionControl.addAttribution({{ line|tojson }});
  {% endfor %}
})();
{% endmacro %}
"""


class Legend(MacroElement):
    """A legend box plus credit lines in the map's attribution control."""

    _template = Template(_TEMPLATE)

    def __init__(self, legend_html: str, credits: Sequence[str]) -> None:
        super().__init__()
        self._name = "Legend"
        self.legend_html = legend_html
        self.credits = escaped_props(credits)
        self.css = _CSS


#: Layers whose legend entry says what they are: the 2016 grid's straight estimated links, and the
#: railways drawn in one style from two sources.
LEGEND_LABELS = {"power_lines": "power_lines_estimated", "railways": "legend_rail"}


def _swatch(colour: str, line: bool = False, dashed: bool = False) -> str:
    style = f"border-color:{colour};border-top-style:dashed" if dashed else f"border-color:{colour}"
    return f'<i class="{"ln" if line else ""}" style="{style if line else "background:" + colour}"></i>'


def legend_html(fields: Iterable[str], layers: Sequence[tuple[str, str, str]], lang: str = "ja") -> str:
    """Legend body: fields shown, marker size, boundaries, and ``(layer_id, name, kind)`` layers."""
    parts = [f"<h4>{escape_text(t('legend', lang))}</h4>"]
    for fid in fields:
        term = ALL_FIELDS.get(fid)
        label = term_name(term, lang) if term else fid
        parts.append(f"<div>{_swatch(field_colour(fid))}{escape_text(label)}</div>")
    parts.append(f"<div><small>{escape_text(t('legend_size', lang))}</small></div>")
    parts.append(f"<div>{_swatch(str(BLOCK_STYLE['color']), True)}{escape_text(t('legend_blocks', lang))}</div>")
    parts.append(f"<div>{_swatch(str(PREF_STYLE['color']), True)}{escape_text(t('legend_prefs', lang))}</div>")
    for layer_id, name, kind in layers:
        style = layer_style(layer_id)
        label = t(LEGEND_LABELS[layer_id], lang) if layer_id in LEGEND_LABELS else name
        swatch = _swatch(str(style["color"]), kind == "line", dashed=bool(style.get("dash")))
        parts.append(f"<div>{swatch}{escape_text(label)}</div>")
    return "".join(parts)


def add_legend(
    m: folium.Map,
    fields: Iterable[str],
    layers: Sequence[tuple[str, str, str]],
    credits: Sequence[str],
    lang: str = "ja",
) -> Legend:
    """Attach the legend and credits to ``m``."""
    legend = Legend(legend_html(fields, layers, lang), credits)
    legend.add_to(m)
    return legend

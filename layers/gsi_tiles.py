"""The one optional basemap, 地理院タイル (淡色地図): its tile URL, credit and the probe tile.

Nothing here is requested unless a page or briefing opts in: the live app first checks that the probe
tile answers (``ui.context.basemap_online``); a briefing adds :class:`ProbedBasemap`, which loads the
probe tile in the browser and adds the tile layer only if it arrived.
"""

from __future__ import annotations

from jinja2 import Template

from layers.element import Macro

GSI_PALE_URL = "https://cyberjapandata.gsi.go.jp/xyz/pale/{z}/{x}/{y}.png"
GSI_ATTRIBUTION = '<a href="https://maps.gsi.go.jp/development/ichiran.html">地理院タイル</a>'
#: One tile over Kyushu at zoom 5: whether it loads tells whether the basemap is reachable.
GSI_PROBE_URL = GSI_PALE_URL.format(z=5, x=28, y=12)

_PROBE_TEMPLATE = """
{% macro script(this, kwargs) %}
cmMap.probedTiles({{ this._parent.get_name() }}, {{ this.options|tojson }});
{% endmacro %}
"""


class ProbedBasemap(Macro):
    """地理院タイル added only after one probe tile loaded (offline: plain background, no tile layer)."""

    _template = Template(_PROBE_TEMPLATE)

    def __init__(self) -> None:
        super().__init__()
        self._name = "ProbedBasemap"
        self.options = {"url": GSI_PALE_URL, "attribution": GSI_ATTRIBUTION, "probe": GSI_PROBE_URL, "maxZoom": 18}

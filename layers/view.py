"""What the map remembers and how it takes the wheel: the person's view kept across re-runs, wheel on focus.

A Streamlit re-run (a layer ticked, a filter changed) replaces the map's iframe, so its view would jump
back to the region. :class:`KeepView` keeps the last view in the browser's ``sessionStorage`` (the tab
only; nothing leaves the machine) per page, and applies it while the region is the same.
"""

from __future__ import annotations

from jinja2 import Template

from layers.element import Macro

_KEEP_VIEW = """
{% macro script(this, kwargs) %}
cmMap.keepView({{ this._parent.get_name() }}, {{ this.scope|tojson }}, {{ this.region|tojson }});
{% endmacro %}
"""

_WHEEL = """
{% macro script(this, kwargs) %}
cmMap.wheel({{ this._parent.get_name() }});
{% endmacro %}
"""


class KeepView(Macro):
    """Keep the map's view per ``scope`` (a page) while the ``region`` id stays the same."""

    _template = Template(_KEEP_VIEW)

    def __init__(self, scope: str, region: str) -> None:
        super().__init__()
        self._name = "KeepView"
        self.scope = scope
        self.region = region


class WheelOnFocus(Macro):
    """The mouse wheel scrolls the page until the map is clicked or focused; then it zooms."""

    _template = Template(_WHEEL)

    def __init__(self) -> None:
        super().__init__()
        self._name = "WheelOnFocus"


_PICK = """
{% macro header(this, kwargs) %}<style>
.cm-picked{width:22px;height:22px;margin:-11px 0 0 -11px;border:3px solid #d7191c;border-radius:50%;
background:rgba(255,255,255,.35);box-shadow:0 0 0 2px #fff;cursor:move}
</style>{% endmacro %}
{% macro script(this, kwargs) %}
cmMap.pick({{ this._parent.get_name() }}, {{ this.lat }}, {{ this.lon }}, {{ this.hint|tojson }});
{% endmacro %}
"""


class PickMarker(Macro):
    """The picked location as a draggable pin; dropping it reports the new point as a map click."""

    _template = Template(_PICK)

    def __init__(self, lat: float, lon: float, hint: str = "") -> None:
        super().__init__()
        self._name = "PickMarker"
        self.lat = float(lat)
        self.lon = float(lon)
        self.hint = hint

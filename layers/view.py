"""What the map remembers and how it takes the wheel: the person's view kept across re-runs, wheel on focus.

A Streamlit re-run (a layer ticked, a filter changed) replaces the map's iframe, so its view would jump
back to the region. :class:`KeepView` keeps the last view in the browser's ``sessionStorage`` (the tab
only; nothing leaves the machine) per page, and applies it while the region is the same; on the 地図 page
it also writes the view into the app's address (``?map=lat,lng,zoom``) so that a copied URL opens it.
"""

from __future__ import annotations

from typing import NamedTuple

from jinja2 import Template

from layers.element import Macro

_KEEP_VIEW = """
{% macro script(this, kwargs) %}
cmMap.keepView({{ this._parent.get_name() }}, {{ this.scope|tojson }}, {{ this.region|tojson }},
  {{ this.start|tojson }}, {{ this.param|tojson }});
{% endmacro %}
"""

_WHEEL = """
{% macro script(this, kwargs) %}
cmMap.wheel({{ this._parent.get_name() }});
{% endmacro %}
"""


class StartView(NamedTuple):
    """A view to open the map at once: centre, zoom, and the token that says it was already applied."""

    lat: float
    lng: float
    zoom: float
    token: str


class KeepView(Macro):
    """Keep the map's view per ``scope`` (a page) while the ``region`` id stays the same.

    ``start`` (a :class:`StartView`) is applied once per token (a shared URL, a place search) before the
    kept view; ``param`` names the query parameter of the app's address that carries the view
    (``lat,lng,zoom``), rewritten in place as the map moves (no re-run).
    """

    _template = Template(_KEEP_VIEW)

    def __init__(self, scope: str, region: str, start: StartView | None = None, param: str | None = None) -> None:
        super().__init__()
        self._name = "KeepView"
        self.scope = scope
        self.region = region
        self.start = None if start is None else start._asdict()
        self.param = param


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

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
(function () {
  var map = {{ this._parent.get_name() }}, region = {{ this.region|tojson }};
  var slot = "cm-view:" + {{ this.scope|tojson }};
  var start = {{ this.start|tojson }}, param = {{ this.param|tojson }};
  var saved = null, done = null;
  try {
    saved = JSON.parse(window.sessionStorage.getItem(slot) || "null");
    done = window.sessionStorage.getItem(slot + ":start");
  } catch (e) { saved = null; }
  if (start && start.token !== done) {
    map.setView([start.lat, start.lng], start.zoom, {animate: false});
    try { window.sessionStorage.setItem(slot + ":start", start.token); } catch (e) { /* not kept */ }
  } else if (saved && saved.region === region && isFinite(saved.zoom)) {
    map.setView([saved.lat, saved.lng], saved.zoom, {animate: false});
  }
  function share(c, zoom) {
    /* the view into the app's address (same origin): a copied URL opens here, a reload stays here */
    if (!param) { return; }
    try {
      var w = window.parent, url = new URL(w.location.href);
      url.searchParams.set(param, c.lat.toFixed(5) + "," + c.lng.toFixed(5) + "," + zoom);
      w.history.replaceState(w.history.state, "", url.href);
    } catch (e) { /* another origin: the view stays in this tab only */ }
  }
  function keep() {
    var c = map.getCenter();
    try {
      var view = {region: region, lat: c.lat, lng: c.lng, zoom: map.getZoom()};
      window.sessionStorage.setItem(slot, JSON.stringify(view));
    } catch (e) { /* storage refused: the view is simply not kept */ }
    share(c, map.getZoom());
  }
  map.on("moveend", keep);
  keep();
})();
{% endmacro %}
"""

_WHEEL = """
{% macro script(this, kwargs) %}
(function () {
  var map = {{ this._parent.get_name() }};
  map.scrollWheelZoom.disable();
  map.on("click focus", function () { map.scrollWheelZoom.enable(); });
  map.on("blur", function () { map.scrollWheelZoom.disable(); });
  map.getContainer().addEventListener("mouseleave", function () { map.scrollWheelZoom.disable(); });
})();
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
(function () {
  var map = {{ this._parent.get_name() }};
  var icon = L.divIcon({className: "", html: '<div class="cm-picked"></div>', iconSize: [0, 0]});
  var pin = L.marker([{{ this.lat }}, {{ this.lon }}], {icon: icon, draggable: true, title: {{ this.hint|tojson }},
                                                          zIndexOffset: 1000}).addTo(map);
  // a drag ends like a click where the pin was dropped: streamlit-folium returns it as last_clicked
  pin.on("dragend", function () {
    var ll = pin.getLatLng();
    map.fire("click", {latlng: ll, layerPoint: map.latLngToLayerPoint(ll),
                       containerPoint: map.latLngToContainerPoint(ll)});
  });
})();
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

"""The canvas renderer (layers/canvas/cm_canvas.js) on a hand-made map opened from file://: every feature
drawn where it belongs, redrawn after zoom and pan, gone when its layer is removed, and tooltips /
popups found by hit-testing show escaped text only."""

from __future__ import annotations

from pathlib import Path

import folium
import pytest
from branca.element import Element

from geo.domain import ALL_FIELDS
from layers.assets import inline_leaflet_tags
from layers.canvas.packing import pack
from layers.geojson_layer import add_geojson_layer
from layers.legend import LEGEND_MAX_OPEN_PX, add_legend
from layers.markup import escaped_props

pytestmark = pytest.mark.browser

LINE_COLOUR, POINT_COLOUR, POLY_FILL = "#ff0000", "#0000ff", "#00ff00"
LINE = [[130.0, 33.0], [131.0, 33.0]]  # west-east line, 1 degree long
POINT = [130.5, 32.5]
POLYGON = [[[129.0, 31.0], [129.6, 31.0], [129.6, 31.6], [129.0, 31.6], [129.0, 31.0]]]


def _collection(geometry: dict, tip: str, popup: str | None = None) -> dict:
    props = {"_tip": escaped_props([tip])[0]}
    if popup is not None:
        props["_popup"] = escaped_props([popup])[0]
    return {"type": "FeatureCollection", "features": [{"type": "Feature", "geometry": geometry, "properties": props}]}


def _page(tmp_path: Path, xss: str) -> Path:
    m = folium.Map(tiles=None, zoom_snap=0.25)
    m.default_js, m.default_css = [], []
    m.get_root().header.add_child(Element(inline_leaflet_tags()))
    m.fit_bounds([[30.8, 128.8], [33.5, 131.3]])
    layers = [
        (
            "poly",
            "base",
            _collection({"type": "Polygon", "coordinates": POLYGON}, "県<script>"),
            {"color": "#333333", "fill": POLY_FILL, "fillOpacity": 1.0, "opacity": 1.0, "weight": 1},
        ),
        (
            "line",
            "infra",
            _collection({"type": "LineString", "coordinates": LINE}, xss),
            {"color": LINE_COLOUR, "weight": 6, "opacity": 1.0},
        ),
        (
            "point",
            "infra",
            _collection({"type": "Point", "coordinates": POINT}, "点", popup=f"popup {xss}"),
            {"color": POINT_COLOUR, "radius": 8, "fillOpacity": 1.0, "opacity": 1.0, "weight": 1},
        ),
    ]
    for key, pane, fc, style in layers:
        add_geojson_layer(m, key, key, pane=pane, data=pack(fc, 12), style=style, canvas=True)
    folium.LayerControl().add_to(m)
    path = tmp_path / "canvas.html"
    m.save(str(path))
    return path


#: Colour of the canvas pixel under a lng/lat, as "#rrggbb".
PIXEL_AT = """([lng, lat]) => {
  const map = window[Object.keys(window).find(k => /^map_[0-9a-f]+$/.test(k))];
  const c = document.querySelector("canvas.cm-canvas"), cb = c.getBoundingClientRect();
  const p = map.latLngToContainerPoint([lat, lng]), mb = map.getContainer().getBoundingClientRect();
  const x = Math.round(p.x + mb.left - cb.left), y = Math.round(p.y + mb.top - cb.top);
  const d = c.getContext("2d").getImageData(x, y, 1, 1).data;
  return "#" + [d[0], d[1], d[2]].map(v => v.toString(16).padStart(2, "0")).join("");
}"""
MAP_JS = "window[Object.keys(window).find(k => /^map_[0-9a-f]+$/.test(k))]"


def _screen(page, lng: float, lat: float) -> tuple[float, float]:
    p = page.evaluate(
        f"([lng, lat]) => {{ const m = {MAP_JS}; const p = m.latLngToContainerPoint([lat, lng]);"
        " const b = m.getContainer().getBoundingClientRect(); return [p.x + b.left, p.y + b.top]; }",
        [lng, lat],
    )
    return p[0], p[1]


def test_canvas_draws_hits_and_redraws(tmp_path: Path, request_guard, browser_page, canvas_state, xss) -> None:
    path = _page(tmp_path, xss)
    guard = request_guard(allow_file=path.as_uri())
    with browser_page(guard) as page:
        errors: list[str] = []
        page.on("pageerror", lambda e: errors.append(str(e)))
        page.on("dialog", lambda d: (errors.append("dialog " + d.message), d.dismiss()))
        page.goto(path.as_uri(), wait_until="load")
        page.locator(".leaflet-container[data-drawn-point]").wait_for(timeout=30_000)
        first = canvas_state(page)
        colours = {
            k: page.evaluate(PIXEL_AT, v)
            for k, v in {"line": [130.5, 33.0], "point": POINT, "poly": [129.3, 31.3], "sea": [131.2, 31.2]}.items()
        }

        page.mouse.move(*_screen(page, 130.25, 33.0))  # on the line
        page.locator(".leaflet-tooltip").wait_for(timeout=5_000)
        line_tip = page.locator(".leaflet-tooltip").inner_text()
        line_tip_html = page.locator(".leaflet-tooltip").inner_html()
        page.mouse.move(*_screen(page, 129.3, 31.3))  # inside the polygon
        page.wait_for_function("document.querySelector('.leaflet-tooltip').textContent.startsWith('県')")
        poly_tip = page.locator(".leaflet-tooltip").inner_text()
        page.mouse.move(*_screen(page, 131.2, 31.2))  # open sea: no feature
        page.wait_for_function("!document.querySelector('.leaflet-tooltip')")
        page.mouse.click(*_screen(page, *POINT))
        page.locator(".leaflet-popup-content").wait_for(timeout=5_000)
        popup = page.locator(".leaflet-popup-content").inner_text()

        page.evaluate(f"{MAP_JS}.setZoom({MAP_JS}.getZoom() + 1, {{animate: false}})")
        zoomed = page.evaluate(PIXEL_AT, [129.3, 31.55])
        page.evaluate(f"{MAP_JS}.panBy([300, 0], {{animate: false}})")
        panned = page.evaluate(PIXEL_AT, POINT)
        page.evaluate(f"""() => {{ const m = {MAP_JS}; m.eachLayer(l => {{
          if (l.o && l.o.key === "point") {{ m.removeLayer(l); }} }}); }}""")
        after_remove = canvas_state(page)
        removed_colour = page.evaluate(PIXEL_AT, POINT)
        injected = page.locator("img[src='x'], script:text('県')").count()
    assert errors == [] and guard.blocked == []
    assert first["drawn"] == {"poly": 1, "line": 1, "point": 1} and first["painted"] > 1000
    assert colours == {"line": LINE_COLOUR, "point": POINT_COLOUR, "poly": POLY_FILL, "sea": "#000000"}, colours
    assert line_tip == xss and "<img" not in line_tip_html
    assert poly_tip == "県<script>"
    assert popup == f"popup {xss}"
    assert zoomed == POLY_FILL and panned == POINT_COLOUR, (zoomed, panned)
    assert "point" not in after_remove["drawn"] and removed_colour != POINT_COLOUR
    assert injected == 0


def test_heavy_view_is_drawn_in_slices_and_swapped_whole(
    tmp_path: Path, request_guard, browser_page, canvas_state
) -> None:
    """Above the synchronous limit the renderer draws into a back buffer over several frames; the
    canvas shows the previous view until the new one is complete, then the whole of it."""
    m = folium.Map(tiles=None, zoom_snap=0.25)
    m.default_js, m.default_css = [], []
    m.get_root().header.add_child(Element(inline_leaflet_tags()))
    m.fit_bounds([[32.0, 129.5], [34.0, 131.5]])
    n = 40_000  # vertices: a fine zigzag along latitude 33, well above the synchronous limit
    coords = [[130.0 + i / n, 33.0 + (0.0005 if i % 2 else 0.0)] for i in range(n + 1)]
    heavy = _collection({"type": "LineString", "coordinates": coords}, "heavy")
    add_geojson_layer(
        m,
        "heavy",
        "heavy",
        data=pack(heavy, 14),
        style={"color": LINE_COLOUR, "weight": 4, "opacity": 1.0},
        canvas=True,
    )
    path = tmp_path / "heavy.html"
    m.save(str(path))
    guard = request_guard(allow_file=path.as_uri())
    with browser_page(guard) as page:
        errors: list[str] = []
        page.on("pageerror", lambda e: errors.append(str(e)))
        page.goto(path.as_uri(), wait_until="load")
        page.locator(".leaflet-container[data-drawn-heavy]").wait_for(timeout=30_000)
        before = page.evaluate(PIXEL_AT, [130.5, 33.0])
        shown = page.evaluate(f"{MAP_JS}._cmCanvas._shown.wx")
        # the move ends inside panBy; the sliced redraw must still be pending when it returns
        during = page.evaluate(
            f"() => {{ const m = {MAP_JS}; m.panBy([250, 40], {{animate: false}}); return m._cmCanvas._job !== null; }}"
        )
        page.wait_for_function(f"{MAP_JS}._cmCanvas._shown.wx !== {shown}", timeout=10_000)
        after = page.evaluate(PIXEL_AT, [130.6, 33.0])
        drawn = canvas_state(page)["drawn"]
    assert errors == [] and guard.blocked == []
    assert before == LINE_COLOUR and after == LINE_COLOUR, (before, after)
    assert during, "a view this heavy is drawn over several frames"
    assert drawn == {"heavy": 1}


def _legend_page(tmp_path: Path, name: str, fields: list[str]) -> Path:
    """A hand-made 640 × 560 map with the app's legend of ``fields`` (each one line of the legend)."""
    m = folium.Map(tiles=None, zoom_snap=0.25, width=640, height=560)
    m.default_js, m.default_css = [], []
    m.get_root().header.add_child(Element(inline_leaflet_tags()))
    m.fit_bounds([[30.8, 128.8], [45.5, 146.0]])
    add_geojson_layer(
        m, "point", "point", pane="infra", data=pack(_collection({"type": "Point", "coordinates": POINT}, "点"), 12),
        style={"color": POINT_COLOUR, "radius": 8}, canvas=True,
    )  # fmt: skip
    add_legend(m, fields, [], ["credit"], "ja")
    path = tmp_path / f"{name}.html"
    m.save(str(path))
    return path


def test_a_legend_taller_than_its_room_starts_folded(tmp_path: Path, request_guard, browser_page) -> None:
    """A legend of all 17 fields (the national view of a full register) is taller than the room the framing
    plans (``LEGEND_MAX_OPEN_PX``): it starts folded under 凡例, and opens on a click; a short one starts open."""
    tall, short = (
        _legend_page(tmp_path, "tall", list(ALL_FIELDS)),
        _legend_page(tmp_path, "short", list(ALL_FIELDS)[:2]),
    )
    state = (
        "() => { const d = document.querySelector('.cm-legend details');"
        " return [d.open, d.parentElement.offsetHeight]; }"
    )
    seen = {}
    for path in (tall, short):
        guard = request_guard(allow_file=path.as_uri())
        with browser_page(guard) as page:
            page.goto(path.as_uri(), wait_until="load")
            page.locator(".leaflet-container[data-drawn-point]").wait_for(timeout=30_000)
            page.wait_for_timeout(300)
            seen[path.stem] = page.evaluate(state)
            if path is tall:
                page.locator(".cm-legend summary").click()
                seen["tall_clicked"] = page.evaluate(state)
            assert not guard.blocked
    assert seen["tall"][0] is False and seen["tall"][1] < 40, seen  # only its title line
    assert seen["tall_clicked"][0] is True and seen["tall_clicked"][1] > LEGEND_MAX_OPEN_PX, seen
    assert seen["short"][0] is True and 40 < seen["short"][1] <= LEGEND_MAX_OPEN_PX, seen

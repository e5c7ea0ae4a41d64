"""The live map with a 20,000-site store (issue 14) in headless Chromium, every outside request blocked.

全国 merges the sites per screen cell (the legend says how); zoomed in, each site is drawn and a click on
one makes the app show that site's card — the id travels from the packed layer through the live map component.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from geo.accounts import Actor
from geo.store import open_store
from tests.support.browser import MAP_FRAME, MAP_FRAME_URL, settle

pytestmark = pytest.mark.browser


#: Inland points (lon, lat) with room for a 25 x 100 grid of sites 100 m apart.
CENTRES = [(130.845, 32.882), (138.0, 36.2), (139.0, 36.4), (137.0, 35.8), (139.8, 36.6), (138.6, 35.65),
           (142.5, 43.5), (141.3, 39.5)]  # fmt: skip
PER_CENTRE = 2500
SITE_LAYER_JS = "window.map._cmSites._vectors[0]"
#: The last drawn of ``shown`` whose centre lies well inside the map's box, with its container point.
INSIDE_JS = """(shown) => {
  const size = window.map.getSize();
  for (let i = shown.length - 1; i >= 0; i--) {
    const p = window.map.latLngToContainerPoint([shown[i].lat, shown[i].lng]);
    if (p.x > 40 && p.y > 40 && p.x < size.x - 40 && p.y < size.y - 40) { return {...shown[i], x: p.x, y: p.y}; }
  }
  return null;
}"""


def _rows(make_site_rows) -> pd.DataFrame:
    fields = ["ai_semiconductor", "shipbuilding", "biotech", "aerospace"]
    frames = [
        make_site_rows(PER_CENTRE, f"scale{k}", lon=lon, lat=lat, investment_oku_yen=float(10 * (k + 1)))
        for k, (lon, lat) in enumerate(CENTRES)
    ]
    rows = pd.concat(frames, ignore_index=True)
    return rows.assign(field=[fields[i % len(fields)] for i in range(len(rows))])


def _frame(page, ready: str):
    """The live map frame in which ``ready`` matches, once Streamlit has finished its runs."""
    settle(page)
    for _ in range(600):
        found = [f for f in page.frames if MAP_FRAME_URL in f.url and not f.is_detached()]
        for f in found:
            try:
                if len(found) == 1 and f.evaluate("(s) => !!document.querySelector(s)", ready):
                    return f
            except Exception:  # replaced by a re-run meanwhile
                pass
        page.wait_for_timeout(100)
    raise AssertionError(f"no map frame with {ready}")


def _zoom_in(page, lat: float, lon: float):
    """Zoom the settled map to 15 at (lat, lon) until it draws each site; returns the frame."""
    for _ in range(3):
        frame = _frame(page, ".leaflet-container[data-drawn-site]")
        try:
            frame.evaluate(f"() => {{ window.map.setView([{lat}, {lon}], 15, {{animate: false}}); }}")
            frame.wait_for_function(
                "() => document.querySelector('.leaflet-container').getAttribute('data-site-mode') === 'sites'",
                timeout=10_000,
            )
            return frame
        except Exception:  # a re-run replaced the frame: again in the new one
            page.wait_for_timeout(500)
    raise AssertionError("the zoomed-in map never drew the sites one by one")


def test_20k_sites_merged_nationally_and_a_clicked_site_opens_its_card(
    tmp_path: Path, request_guard, browser_page, streamlit_server, artifacts, site_rows
) -> None:
    store = open_store(tmp_path / "sites.gpkg")
    ids = store.add(_rows(site_rows), Actor("test", "editor"), action="import")
    assert len(ids) == len(CENTRES) * PER_CENTRE
    guard = request_guard()
    with streamlit_server({"CHIIKI_MAP_VAR": str(tmp_path)}) as base, browser_page(guard) as page:
        errors: list[str] = []
        page.on("pageerror", lambda e: errors.append(str(e)))
        page.goto(base, wait_until="domcontentloaded")
        frame = _frame(page, ".leaflet-container[data-drawn-site][data-site-mode]")
        national = frame.evaluate(
            "() => { const c = document.querySelector('.leaflet-container');"
            " return {mode: c.getAttribute('data-site-mode'), loaded: +c.getAttribute('data-loaded-site'),"
            " folded: !document.querySelector('.cm-legend details').open,"
            " legend: (document.querySelector('.cm-legend details').open = true,"  # opened, as a planner would
            " document.querySelector('.cm-legend').innerText)}; }"
        )
        page.screenshot(path=str(artifacts / "map_20k_national.png"), full_page=False)
        lon, lat = CENTRES[1]
        frame = _zoom_in(page, lat + 0.05, lon + 0.012)
        shown = frame.evaluate(f"() => {SITE_LAYER_JS}.shown()")
        target = frame.evaluate(INSIDE_JS, shown)  # drawn last within the visible map: on top at its centre
        point = {"x": target["x"], "y": target["y"]}
        page.frame_locator(MAP_FRAME).locator(".leaflet-container").click(position=point)
        name = store.get(int(target["id"]))["name"]
        page.get_by_text(f"候補地カード: {name}").wait_for(timeout=60_000)
        page.screenshot(path=str(artifacts / "map_20k_card.png"), full_page=False)
    assert national["loaded"] == len(store.read())
    assert national["mode"] == "cells", "全国 with 20,000 sites: merged per cell"
    assert national["folded"], "a legend of this many fields and layers starts folded at 全国 (taller than its room)"
    assert "ピクセル四方ごとに1つの円にまとめ" in national["legend"], national["legend"]
    assert len(shown) > 100, "zoomed in, the sites are drawn one by one"
    assert guard.blocked == [], f"requests to outside hosts: {guard.blocked[:5]}"
    assert errors == [], f"JavaScript errors: {errors}"

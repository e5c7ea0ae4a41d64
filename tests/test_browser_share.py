"""A view a planner can share: the address carries page, language, region, filters and the map's view.

One browser context sets a view (九州 → 熊本県, a field filter, the map moved by the place search and then
zoomed); its address, opened in a new context (no session, no sessionStorage), shows the same page,
language, region, filter and map view; a reload keeps it.
"""

from __future__ import annotations

from urllib.parse import parse_qs, urlparse

import pytest

from tests.support.browser import MAP_FRAME

pytestmark = pytest.mark.browser


def _view(page) -> dict[str, float]:
    """The Leaflet map's centre and zoom, read from the app's address (the map writes it there)."""
    raw = parse_qs(urlparse(page.url).query).get("map", [""])[0]
    lat, lng, zoom = (float(v) for v in raw.split(","))
    return {"lat": lat, "lng": lng, "zoom": zoom}


def _settle(page, ms: int = 2500) -> None:
    page.wait_for_load_state("networkidle")
    page.wait_for_timeout(ms)


def _map_ready(page) -> None:
    frame = page.locator(MAP_FRAME).last.content_frame
    frame.locator(".leaflet-container").wait_for(timeout=90_000)
    frame.locator("[data-loaded-pref]").wait_for(timeout=90_000)


def test_shared_address_opens_the_same_view(request_guard, browser_page, shared_server, artifacts) -> None:
    guard = request_guard()
    with shared_server() as base:
        with browser_page(guard) as page:
            page.goto(f"{base}/?region=43&fields=ai_semiconductor&lang=en", wait_until="domcontentloaded")
            page.get_by_role("combobox", name="Prefecture").wait_for(timeout=90_000)
            _map_ready(page)
            _settle(page)
            # the place search moves the map (kana-insensitive: hiragana finds the katakana station)
            page.get_by_role("textbox", name="Find a place (municipality, station or site name)").fill("はうすてんぼす")
            page.keyboard.press("Enter")
            page.get_by_role("combobox", name="Places found (choose one to move the map)").wait_for(timeout=60_000)
            _settle(page, 1500)
            box = page.locator('[data-testid="stSelectbox"]').filter(has_text="Places found")
            box.locator("input").click()
            box.locator("input").fill("ハウステンボス")
            page.wait_for_timeout(500)
            page.keyboard.press("Enter")
            _settle(page)
            _map_ready(page)
            page.wait_for_function(
                "() => new URL(location.href).searchParams.get('map')?.endsWith(',15')", timeout=60_000
            )
            moved = _view(page)
            # zoom out once: the map writes its new view into the address without a re-run
            frame = page.locator(MAP_FRAME).last.content_frame
            frame.locator(".leaflet-control-zoom-out").click()
            page.wait_for_function(
                "() => new URL(location.href).searchParams.get('map')?.endsWith(',14')", timeout=30_000
            )
            shared = page.url
            page.screenshot(path=str(artifacts / "share_before.png"))
        with browser_page(guard) as fresh:  # a new context: no session, no sessionStorage
            fresh.goto(shared, wait_until="domcontentloaded")
            fresh.get_by_role("combobox", name="Prefecture").wait_for(timeout=90_000)
            _map_ready(fresh)
            _settle(fresh)
            prefecture = fresh.get_by_role("combobox", name="Prefecture").input_value()
            fields = fresh.locator('[data-testid="stMultiSelect"]').first.inner_text()
            centre = (
                fresh.locator(MAP_FRAME)
                .last.content_frame.locator(".leaflet-container")
                .evaluate(
                    "el => { const m = Object.values(window).find(v => v && v._container === el); "
                    "const c = m.getCenter(); return {lat: c.lat, lng: c.lng, zoom: m.getZoom()}; }"
                )
            )
            fresh.screenshot(path=str(artifacts / "share_opened.png"))
            fresh.reload(wait_until="domcontentloaded")
            fresh.get_by_role("combobox", name="Prefecture").wait_for(timeout=90_000)
            _map_ready(fresh)
            _settle(fresh)
            reloaded = parse_qs(urlparse(fresh.url).query)
            after_reload = fresh.get_by_role("combobox", name="Prefecture").input_value()
    assert abs(moved["lat"] - 33.092) < 0.01 and abs(moved["lng"] - 129.796) < 0.01, moved
    query = parse_qs(urlparse(shared).query)
    assert query["region"] == ["43"] and query["lang"] == ["en"] and query["fields"] == ["ai_semiconductor"]
    assert prefecture == "Kumamoto" and after_reload == "Kumamoto"
    assert "AI" in fields, fields
    assert centre["zoom"] == 14, centre
    assert abs(centre["lat"] - 33.092) < 0.01 and abs(centre["lng"] - 129.796) < 0.01, centre
    assert reloaded["region"] == ["43"] and reloaded["map"][0].endswith(",14"), reloaded
    assert guard.blocked == [], f"requests to outside hosts: {guard.blocked[:5]}"

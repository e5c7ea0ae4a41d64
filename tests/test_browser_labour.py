"""The 人材需要 page in headless Chromium, offline: choropleth, schools and catchment, no outside request."""

from __future__ import annotations

import pytest

from tests.test_browser_app import MAP_FRAME, _choose

pytestmark = pytest.mark.browser


def test_labour_page_offline(request_guard, browser_page, shared_server, artifacts) -> None:
    guard = request_guard()
    with shared_server() as base, browser_page(guard, 1500, 1300) as page:
        errors: list[str] = []
        page.on("pageerror", lambda e: errors.append(str(e)))
        page.goto(base + "/labour", wait_until="domcontentloaded")
        page.get_by_text("人材需要").first.wait_for(timeout=60_000)
        _choose(page, "ブロック（経済産業局）", "九州")
        page.wait_for_timeout(2000)
        _choose(page, "都道府県", "熊本県")
        frame = page.locator(MAP_FRAME).last.content_frame
        frame.locator(
            "[data-loaded-labour-choropleth][data-loaded-labour-schools][data-loaded-labour-catchment]"
        ).wait_for(timeout=90_000)
        page.wait_for_timeout(2500)
        container = frame.locator(".leaflet-container")
        n_munis = int(container.get_attribute("data-loaded-labour-choropleth") or 0)
        n_schools = int(container.get_attribute("data-loaded-labour-schools") or 0)
        legend = frame.locator(".cm-land-legend").inner_text()
        page.locator(MAP_FRAME).last.scroll_into_view_if_needed()
        page.screenshot(path=str(artifacts / "labour_kumamoto.png"), full_page=False)
    assert not guard.blocked, f"requests to other hosts: {guard.blocked[:5]}"
    assert not errors, errors
    assert n_munis >= 45, "熊本県's municipalities (and the catchment's neighbours) are coloured"
    assert n_schools >= 10
    for text in ("生産年齢人口（推計）", "3万–10万", "不明", "市区町村の代表点・概略"):
        assert text in legend

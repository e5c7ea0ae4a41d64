"""立地候補探索 and 地域比較 in headless Chromium: candidates on the map by worst status, a click opens the card."""

from __future__ import annotations

import pytest

from layers.siting import LEGEND_PX, MAP_MAX
from layers.style import STATUS_COLOURS
from tests.support.browser import FOLIUM_FRAME as MAP_FRAME  # the siting map is streamlit-folium

pytestmark = pytest.mark.browser


def test_siting_map_colours_and_card(request_guard, browser_page, shared_server, artifacts) -> None:
    guard = request_guard()
    with shared_server() as base, browser_page(guard) as page:
        errors: list[str] = []
        page.on("pageerror", lambda e: errors.append(str(e)))
        page.goto(f"{base}/siting?region=kyushu", wait_until="domcontentloaded")
        frame = page.locator(MAP_FRAME).last.content_frame
        frame.locator("[data-loaded-siting-candidates]").wait_for(timeout=120_000)
        page.wait_for_load_state("networkidle")
        page.wait_for_timeout(2000)
        markers = frame.locator("path.cm-siting-candidates")
        n = markers.count()
        fills = set(markers.evaluate_all("els => els.map(e => e.getAttribute('fill'))"))
        # the room the framing planned for the legend (layers.siting.LEGEND_PX) holds it: box, margin, credits
        legend_px = frame.locator(".cm-legend").evaluate("e => e.offsetHeight")
        credits_px = frame.locator(".leaflet-control-attribution").evaluate("e => e.offsetHeight")
        page.screenshot(path=str(artifacts / "siting_kyushu.png"), full_page=False)
        top = frame.locator("[data-loaded-siting-candidates]").get_attribute("data-loaded-siting-candidates")
        page.locator(MAP_FRAME).last.scroll_into_view_if_needed()
        markers.first.dispatch_event("click")  # Leaflet's click on the circle (it may lie under the legend)
        page.locator("h3").filter(has_text="位：").first.wait_for(timeout=60_000)
        page.wait_for_timeout(1500)
        card = page.locator("h3").filter(has_text="位：").first.inner_text()
        page.screenshot(path=str(artifacts / "siting_card.png"), full_page=False)
        page.goto(f"{base}/compare?compare=43,01", wait_until="domcontentloaded")
        page.get_by_text("同じ目盛り", exact=False).first.wait_for(timeout=120_000)
        page.locator('[data-testid="stVegaLiteChart"]').first.wait_for(timeout=60_000)
        page.wait_for_timeout(3000)
        page.screenshot(path=str(artifacts / "compare_43_01.png"), full_page=True)
        heads = page.locator("h3").all_inner_texts()
    assert 100 < n <= MAP_MAX and int(top or 0) == n, (n, top)  # 九州: 249 candidates with the default profile
    assert fills <= set(STATUS_COLOURS.values()) and len(fills) >= 2, fills
    assert legend_px > 100 and legend_px + 10 + credits_px <= LEGEND_PX[1], (legend_px, credits_px)
    assert "位：" in card
    assert heads[:2] == ["熊本県", "北海道"], heads
    assert guard.blocked == [], f"requests to outside hosts: {guard.blocked[:5]}"
    assert errors == [], f"JavaScript errors: {errors}"

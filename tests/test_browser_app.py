"""The live app in headless Chromium with every non-localhost request blocked."""

from __future__ import annotations

import pytest

from tests.support.browser import MAP_FRAME

pytestmark = pytest.mark.browser

# The live map iframe (tests.support.browser.MAP_FRAME); tests take the last one on the page.


def _choose(page, label: str, option: str) -> None:
    """Pick ``option`` in the Streamlit selectbox labelled ``label``."""
    box = page.locator('[data-testid="stSelectbox"]').filter(has_text=label)
    box.locator("input").click()
    page.get_by_role("option", name=option, exact=True).click()


def test_kyushu_map_renders_offline(
    request_guard, browser_page, shared_server, canvas_state, map_frame, artifacts
) -> None:
    guard = request_guard()
    with shared_server() as base, browser_page(guard) as page:
        errors: list[str] = []
        page.on("pageerror", lambda e: errors.append(str(e)))
        page.goto(base, wait_until="domcontentloaded")
        page.get_by_text("地域未来マップ").first.wait_for(timeout=60_000)
        _choose(page, "ブロック（経済産業局）", "九州")
        frame = page.locator(MAP_FRAME).last.content_frame
        container = frame.locator(".leaflet-container")
        container.wait_for(timeout=60_000)
        frame.locator("[data-loaded-pref][data-loaded-site][data-loaded-layer-expressways]").wait_for(timeout=60_000)
        frame.locator("path.cm-site").first.wait_for(timeout=30_000)
        page.wait_for_load_state("networkidle")
        page.wait_for_timeout(2500)
        canvas = canvas_state(map_frame(page))
        n_site = frame.locator("path.cm-site").count()
        page.screenshot(path=str(artifacts / "app_kyushu.png"), full_page=False)
        legend = frame.locator(".cm-legend").inner_text()
        closed = frame.locator(".leaflet-control-attribution").bounding_box()
        frame.locator(".leaflet-control-attribution").click()
        attribution = frame.locator(".leaflet-control-attribution").inner_text()
        opened = frame.locator(".leaflet-control-attribution").bounding_box()
        page.screenshot(path=str(artifacts / "app_kyushu_credits_open.png"), full_page=False)
    drawn = canvas["drawn"]
    assert 7 <= drawn.get("pref", 0) <= 47, f"the prefectures in view are drawn on the canvas: {drawn}"
    assert n_site >= 10, f"expected the Kyushu sample sites as markers, got {n_site}"
    assert drawn.get("layer-expressways", 0) > 10, f"expressway layer (N06) should draw in Kyushu: {drawn}"
    assert canvas["painted"] > 20_000, "boundaries and layers painted on the canvas"
    assert "凡例" in legend
    assert "国土数値情報" in attribution
    assert "ODbL" in attribution, f"the OSM/Overture credit is readable in full: {attribution}"
    assert opened["height"] > 2 * closed["height"], "a click opens the credits in full"
    assert guard.blocked == [], f"requests to outside hosts: {guard.blocked[:5]}"
    assert errors == [], f"JavaScript errors: {errors}"


def test_language_switch_relabels_the_chosen_filters(request_guard, browser_page, shared_server) -> None:
    """九州 chosen in Japanese reads Kyushu after the switch to English (a keyed selectbox kept its old label)."""
    guard = request_guard()
    with shared_server() as base, browser_page(guard) as page:
        page.goto(f"{base}/clusters", wait_until="domcontentloaded")
        block = page.locator('[data-testid="stSelectbox"]').first.locator("input")
        pref = page.locator('[data-testid="stSelectbox"]').nth(1).locator("input")
        page.get_by_role("combobox", name="ブロック（経済産業局）").wait_for(timeout=60_000)
        page.wait_for_load_state("networkidle")
        page.wait_for_timeout(2000)
        _choose(page, "ブロック（経済産業局）", "九州")
        page.get_by_role("combobox", name="都道府県").wait_for(timeout=60_000)
        page.wait_for_load_state("networkidle")
        page.wait_for_timeout(2000)
        page.get_by_text("English", exact=True).click()
        page.get_by_role("combobox", name="Prefecture").wait_for(timeout=60_000)
        page.wait_for_load_state("networkidle")
        page.wait_for_timeout(2000)
        shown = (block.input_value(), pref.input_value())
        page.get_by_text("日本語", exact=True).click()  # and back: the old English labels must not crash the page
        page.get_by_role("combobox", name="都道府県").wait_for(timeout=60_000)
        page.wait_for_load_state("networkidle")
        page.wait_for_timeout(2000)
        back = (block.input_value(), pref.input_value())
        crashed = page.locator('[data-testid="stException"]').count()
    assert shown == ("Kyushu", "Whole block"), shown
    assert back == ("九州", "ブロック内すべて"), back
    assert crashed == 0, "switching back to Japanese raised on the page"
    assert guard.blocked == [], f"requests to outside hosts: {guard.blocked[:5]}"


def test_language_switch_keeps_a_page_choice_readable(request_guard, browser_page, shared_server) -> None:
    """The labour page's colour choice survives the switch to English (it came back as the Japanese label)."""
    guard = request_guard()
    with shared_server() as base, browser_page(guard) as page:
        page.goto(f"{base}/labour", wait_until="domcontentloaded")
        page.get_by_role("radio", name="生産年齢人口（推計）").wait_for(timeout=90_000)
        page.wait_for_load_state("networkidle")
        page.wait_for_timeout(2000)
        page.get_by_text("English", exact=True).click()
        chosen = page.get_by_role("radio", name="Working-age population (estimate)")
        chosen.wait_for(timeout=90_000)
        page.wait_for_load_state("networkidle")
        page.wait_for_timeout(3000)
        checked = chosen.is_checked()
        errors = page.locator('[data-testid="stException"]').count()
    assert checked, "the same choice, now in English"
    assert errors == 0, "no exception on the page"
    assert guard.blocked == [], f"requests to outside hosts: {guard.blocked[:5]}"

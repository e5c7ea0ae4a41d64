"""The live app in headless Chromium with every non-localhost request blocked."""

from __future__ import annotations

import pytest

from tests.support.browser import MAP_FRAME

pytestmark = pytest.mark.browser

# The live map iframe (tests.support.browser.MAP_FRAME); tests take the last one on the page.


#: Prefectural capitals of Kyushu (lat, lon, rounded by hand from their city halls): none under the legend.
KYUSHU_CITIES = [[33.59, 130.40], [33.25, 130.30], [32.75, 129.87], [32.80, 130.71], [33.24, 131.61],
                 [31.91, 131.42], [31.60, 130.56]]  # fmt: skip
#: Which cities lie under the legend box; the legend's fold state at the framing, 3 zooms in and back; its
#: "aside" state with a tooltip opened over it and after it closed.
LEGEND_STATE_JS = """(cities) => {
  const map = window.map, box = document.querySelector(".cm-legend"), details = box.querySelector("details");
  const r = box.getBoundingClientRect(), c = map.getContainer().getBoundingClientRect();
  const under = cities.filter(([lat, lon]) => {
    const p = map.latLngToContainerPoint([lat, lon]), x = p.x + c.left, y = p.y + c.top;
    return x >= r.left && x <= r.right && y >= r.top && y <= r.bottom;
  });
  const open = [details.open], z = map.getZoom();
  map.setZoom(z + 3, {animate: false}); open.push(details.open);
  map.setZoom(z, {animate: false}); open.push(details.open);
  const at = map.containerPointToLatLng([r.left - c.left + 20, r.top - c.top + 20]);
  const tip = L.tooltip().setLatLng(at).setContent("x").addTo(map);
  const aside = [];
  return new Promise((done) => requestAnimationFrame(() => {
    aside.push(box.classList.contains("cm-aside"));
    map.closeTooltip(tip);
    requestAnimationFrame(() => {
      aside.push(box.classList.contains("cm-aside"));
      done({under_legend: under, open, aside});
    });
  }));
}"""


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
        fetched: list[str] = []  # layer and data files, whichever frame asks
        page.on("request", lambda r: fetched.append(r.url) if "/app/static/l" in r.url else None)
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
        placed = map_frame(page).evaluate(LEGEND_STATE_JS, KYUSHU_CITIES)
        closed = frame.locator(".leaflet-control-attribution").bounding_box()
        frame.locator(".leaflet-control-attribution").click()
        attribution = frame.locator(".leaflet-control-attribution").inner_text()
        opened = frame.locator(".leaflet-control-attribution").bounding_box()
        page.screenshot(path=str(artifacts / "app_kyushu_credits_open.png"), full_page=False)
        # another page's map and back: a new frame each time, and no layer file fetched a second time
        for link in ('a[href$="/clusters"]', "a >> nth=0"):
            page.locator('[data-testid="stSidebarNav"]').locator(link).click()
            page.wait_for_timeout(500)
            page.locator(MAP_FRAME).last.content_frame.locator("[data-drawn-pref]").wait_for(timeout=60_000)
        page.locator(MAP_FRAME).last.content_frame.locator("[data-loaded-site]").wait_for(timeout=60_000)
        page.wait_for_load_state("networkidle")
    drawn = canvas["drawn"]
    assert 7 <= drawn.get("pref", 0) <= 47, f"the prefectures in view are drawn on the canvas: {drawn}"
    assert n_site >= 10, f"expected the Kyushu sample sites as markers, got {n_site}"
    assert drawn.get("layer-expressways", 0) > 10, f"expressway layer (N06) should draw in Kyushu: {drawn}"
    assert canvas["painted"] > 20_000, "boundaries and layers painted on the canvas"
    assert "凡例" in legend
    assert placed["under_legend"] == [], f"the legend covers Kyushu's cities: {placed}"
    assert placed["open"] == [True, False, True], "the legend folds while zoomed in and opens again"
    assert placed["aside"] == [True, False], "the legend steps aside under an open tooltip"
    assert "国土数値情報" in attribution
    assert "ODbL" in attribution, f"the OSM/Overture credit is readable in full: {attribution}"
    assert opened["height"] > 2 * closed["height"], "a click opens the credits in full"
    again = sorted({u for u in fetched if fetched.count(u) > 1})
    assert fetched and not again, f"layer files fetched again after a page switch: {again}"
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

"""The 産業構造 page in headless Chromium, offline, in Japanese and English: the 特化係数 choropleth and its legend."""

from __future__ import annotations

import pytest

from tests.support.browser import FOLIUM_FRAME, MAP_FRAME  # 産業構造 draws with streamlit-folium, 人材需要 live
from tests.test_browser_app import _choose

pytestmark = pytest.mark.browser


def _map_state(page) -> tuple[int, str]:
    frame = page.locator(FOLIUM_FRAME).first.content_frame
    frame.locator("[data-loaded-industry-lq]").wait_for(timeout=90_000)
    page.wait_for_timeout(2000)
    n = int(frame.locator(".leaflet-container").get_attribute("data-loaded-industry-lq") or 0)
    return n, frame.locator(".cm-land-legend").inner_text()


def _tip_at(page, lng: float, lat: float) -> str:
    """The tooltip the industry map shows with the mouse at ``lng``, ``lat``."""
    frame_el = page.locator(FOLIUM_FRAME).first
    frame = frame_el.content_frame
    x, y = frame.locator(".leaflet-container").evaluate(
        """(el, [lng, lat]) => {
          const m = Object.values(window).find(v => v instanceof L.Map);
          const p = m.latLngToContainerPoint([lat, lng]), b = el.getBoundingClientRect();
          return [p.x + b.left, p.y + b.top];
        }""",
        [lng, lat],
    )
    box = frame_el.bounding_box()
    page.mouse.move(box["x"] + x, box["y"] + y)
    frame.locator(".leaflet-tooltip").wait_for(timeout=10_000)
    return frame.locator(".leaflet-tooltip").inner_text()


def _shoot_fields(page, heading: str, path) -> None:
    """Scroll the charts and the strategic-field table into view (Streamlit scrolls its own container)."""
    title = page.get_by_text(heading).first
    title.wait_for(timeout=60_000)
    title.scroll_into_view_if_needed()
    page.wait_for_timeout(1500)
    page.screenshot(path=str(path))


def _open_kumamoto(page, url: str, title: str) -> list[str]:
    """Open ``url``, wait for ``title``, choose 九州 → 熊本県; returns the list page errors are added to."""
    errors: list[str] = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.goto(url, wait_until="domcontentloaded")
    page.get_by_text(title).first.wait_for(timeout=60_000)
    _choose(page, "ブロック（経済産業局）", "九州")
    page.wait_for_timeout(2000)
    _choose(page, "都道府県", "熊本県")
    return errors


def test_industry_page_offline_ja_en(request_guard, browser_page, shared_server, artifacts) -> None:
    guard = request_guard()
    with shared_server() as base, browser_page(guard, 1500, 2200) as page:
        errors = _open_kumamoto(page, base + "/industry", "産業構造（特化係数）")
        page.wait_for_timeout(3000)
        n_ja, legend_ja = _map_state(page)
        tip_ja = _tip_at(page, 130.70, 32.80)  # 熊本市 (a designated city, drawn whole)
        page.screenshot(path=str(artifacts / "industry_kumamoto_ja.png"))
        _shoot_fields(page, "戦略分野の産業基盤", artifacts / "industry_kumamoto_ja_fields.png")
        page.get_by_text("English", exact=True).click()
        page.get_by_text("Industry structure (location quotients)").first.wait_for(timeout=60_000)
        page.wait_for_timeout(3000)
        n_en, legend_en = _map_state(page)
        page.screenshot(path=str(artifacts / "industry_kumamoto_en.png"))
        _shoot_fields(page, "Local base of the strategic fields", artifacts / "industry_kumamoto_en_fields.png")
    assert not guard.blocked, f"requests to other hosts: {guard.blocked[:5]}"
    assert not errors, errors
    assert n_ja == n_en == 45, "熊本県's 45 municipalities, 熊本市 as one city"
    # the tooltip joined in the browser from its pattern and the unit's values (layers.geojson_layer.UnitTips)
    assert tip_ja.startswith("熊本市\n特化係数: ") and "従業者数: " in tip_ja and "政令指定都市" in tip_ja, tip_ja
    for text in ("特化係数（E 製造業、2021年）", "1.0 = 全国平均", "2.0 以上", "0.5 未満", "不明"):
        assert text in legend_ja
    for text in ("Location quotient (E Manufacturing, 2021)", "1.0 = national average", "unknown"):
        assert text in legend_en


def test_labour_outlook_offline(request_guard, browser_page, shared_server, artifacts) -> None:
    """人材需要 (issue 20): the 2020→2050 choropleth, outlook lines, jobs vs manufacturing, the market panel."""
    guard = request_guard()
    with shared_server() as base, browser_page(guard, 1500, 1300) as page:
        errors = _open_kumamoto(page, base + "/labour", "人材需要")
        page.wait_for_timeout(2000)
        page.get_by_text("生産年齢人口の増減 2020→2050（IPSS推計）").click()
        page.get_by_text("国立社会保障・人口問題研究所").first.wait_for(timeout=60_000)
        frame = page.locator(MAP_FRAME).last.content_frame
        frame.locator("[data-loaded-labour-choropleth]").wait_for(timeout=90_000)
        page.wait_for_timeout(2500)
        legend = frame.locator(".cm-land-legend").inner_text()
        page.locator(MAP_FRAME).last.scroll_into_view_if_needed()
        page.screenshot(path=str(artifacts / "labour_change_kumamoto.png"))
        shots = {
            "labour_outlook_kumamoto.png": "生産年齢人口（15〜64歳）の見通し 2020→2050",
            "labour_mfg_kumamoto.png": "雇用と製造業の働き手",
            "labour_market_kumamoto.png": "労働市場（都道府県）",
        }
        for name, heading in shots.items():
            _shoot_fields(page, heading, artifacts / name)
        body = page.locator("body").inner_text()
    assert not guard.blocked, f"requests to other hosts: {guard.blocked[:5]}"
    assert not errors, errors
    for text in ("生産年齢人口の増減 2020→2050（IPSS推計）", "−30% 〜 −15%", "増加", "不明"):
        assert text in legend
    # the tables draw on a canvas; their captions and the metrics are text: every figure says year and source
    for text in (
        "通勤圏の製造業従業者（2019年）",
        "推計値であり、実績ではありません",
        "有効求人倍率：年平均",
        "2021年 経済センサス",
    ):
        assert text in body, text

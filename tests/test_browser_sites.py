"""The live app in headless Chromium: an editor adds a site by clicking the map; a viewer cannot write.

Every non-localhost request is blocked and counted (there must be none).
"""

from __future__ import annotations

from pathlib import Path

import pytest
from playwright.sync_api import expect

from geo.store import open_store
from geo.store.users import add_user
from tests.support.browser import MAP_FRAME, MAP_FRAME_URL

pytestmark = pytest.mark.browser


PASSWORD = "correct-horse-battery-1"
NEW_SITE = "Playwright試験工場 <b>太字</b> **not bold** [link](http://example.com)"
CLICK = (131.00, 32.70)  # 熊本県山都町, away from the sample sites


def _sign_in(page, name: str) -> None:
    page.get_by_label("ユーザー名").fill(name)
    page.get_by_label("パスワード", exact=True).fill(PASSWORD)
    page.get_by_role("button", name="サインイン").click()
    page.get_by_text(f"サインイン中: {name}").wait_for(timeout=60_000)


def _choose(page, label: str, option: str) -> None:
    """Pick ``option`` in the Streamlit selectbox labelled ``label``."""
    page.locator('[data-testid="stSelectbox"]').filter(has_text=label).locator("input").click()
    page.get_by_role("option", name=option, exact=True).click()


def _map_point(frame, lon: float, lat: float) -> dict[str, float]:
    """Pixel position of (lon, lat) inside the Leaflet container (the live map exposes ``window.map``)."""
    return frame.evaluate(
        "([lat, lon]) => { const p = window.map.latLngToContainerPoint([lat, lon]); return {x: p.x, y: p.y}; }",
        [lat, lon],
    )


def _map_frame(page):
    """The live map frame once its site layer is drawn."""
    page.locator(MAP_FRAME).last.content_frame.locator("[data-loaded-site]").wait_for(timeout=60_000)
    page.wait_for_timeout(500)  # a re-run may still be replacing the frame
    return [f for f in page.frames if MAP_FRAME_URL in f.url and not f.is_detached()][-1]


def test_editor_clicks_the_map_and_saves_a_site(
    tmp_path: Path, request_guard, browser_page, streamlit_server, artifacts
) -> None:
    store = open_store(tmp_path / "sites.gpkg")
    add_user(store, "editor1", "editor", PASSWORD)
    n_before = int((store.read()["pref_code"] == "43").sum())
    guard = request_guard()
    with streamlit_server({"CHIIKI_MAP_VAR": str(tmp_path)}) as base, browser_page(guard) as page:
        errors: list[str] = []
        page.on("pageerror", lambda e: errors.append(str(e)))
        page.goto(f"{base}/sites_edit", wait_until="domcontentloaded")
        page.get_by_text("編集者としてのサインインが必要").wait_for(timeout=60_000)
        _sign_in(page, "editor1")
        _choose(page, "ブロック（経済産業局）", "九州")
        _choose(page, "都道府県", "熊本県")
        page.locator(MAP_FRAME).last.content_frame.locator("[data-loaded-site]").wait_for(timeout=60_000)
        # a locator, not a Frame: a re-run may replace the frame meanwhile, and a locator finds the new one
        sites = page.locator(MAP_FRAME).last.content_frame.locator("path.cm-site")
        expect(sites).to_have_count(n_before, timeout=60_000)
        frame = _map_frame(page)
        point = _map_point(frame, *CLICK)
        page.locator(MAP_FRAME).last.content_frame.locator(".leaflet-container").click(position=point)
        page.get_by_text("熊本県 山都町").wait_for(timeout=60_000)
        page.locator(MAP_FRAME).last.content_frame.locator(".cm-picked").wait_for(timeout=30_000)
        name_box = page.get_by_label("名称")
        name_box.fill(NEW_SITE)
        name_box.press("Enter")
        page.wait_for_timeout(1000)
        page.screenshot(path=str(artifacts / "sites_add_form.png"), full_page=True)
        page.get_by_role("button", name="登録する").click()
        saved_alert = page.locator('[data-testid="stAlert"]').filter(has_text="を登録しました")
        saved_alert.wait_for(timeout=60_000)
        alert_text, alert_links = saved_alert.inner_text().replace("\u2060", ""), saved_alert.locator("a").count()
        sites = page.locator(MAP_FRAME).last.content_frame.locator("path.cm-site")
        frame = _map_frame(page)
        frame.wait_for_function(
            f"() => document.querySelectorAll('path.cm-site').length === {n_before + 1}", timeout=60_000
        )
        marker = _map_point(frame, *CLICK)
        page.locator(MAP_FRAME).last.content_frame.locator(".leaflet-container").hover(position=marker)
        tooltip = page.locator(MAP_FRAME).last.content_frame.locator(".leaflet-tooltip")
        tooltip.wait_for(timeout=30_000)
        tip_text = tooltip.inner_text()
        n_sites = sites.count()
        cleared = [page.get_by_label(label).input_value() for label in ("名称", "経度（東経・度）")]
        page.screenshot(path=str(artifacts / "sites_added_on_map.png"), full_page=True)
    saved = open_store(tmp_path / "sites.gpkg").read()
    new = saved[saved["name"] == NEW_SITE]
    assert len(new) == 1 and new.iloc[0]["muni_code"] == "43447"
    assert abs(new.iloc[0]["lon"] - CLICK[0]) < 0.02 and abs(new.iloc[0]["lat"] - CLICK[1]) < 0.02
    assert store.audit(int(new.iloc[0]["site_id"]))["user"].tolist() == ["editor1"]
    assert n_sites == n_before + 1
    assert cleared == ["", ""], "the form is empty again after the save"
    assert tip_text == NEW_SITE, "the name is shown as text, its HTML escaped"
    assert f"「{NEW_SITE}」" in alert_text and alert_links == 0, "no Markdown, HTML or autolink in the message"
    assert guard.blocked == [], f"requests to outside hosts: {guard.blocked[:5]}"
    assert errors == [], f"JavaScript errors: {errors}"


def test_viewer_sees_no_write_controls(
    tmp_path: Path, request_guard, browser_page, streamlit_server, artifacts
) -> None:
    add_user(open_store(tmp_path / "sites.gpkg"), "viewer1", "viewer", PASSWORD)
    guard = request_guard()
    with streamlit_server({"CHIIKI_MAP_VAR": str(tmp_path)}) as base, browser_page(guard) as page:
        page.goto(f"{base}/sites_edit", wait_until="domcontentloaded")
        page.get_by_text("編集者としてのサインインが必要").wait_for(timeout=60_000)
        _sign_in(page, "viewer1")
        told = "viewer1 さんは閲覧者としてサインインしています。この操作には編集者の権限が必要です"  # issue 24
        page.get_by_text(told).wait_for(timeout=60_000)
        page.wait_for_timeout(1500)
        edit_page = {
            "save": page.get_by_role("button", name="登録する").count(),
            "map": page.locator(MAP_FRAME).count(),
            "name": page.get_by_label("名称").count(),
        }
        page.screenshot(path=str(artifacts / "sites_viewer.png"), full_page=True)
        page.get_by_role("link", name="候補地の一括取込").click()
        page.get_by_text("CSV（UTF-8 / Shift_JIS）").wait_for(timeout=60_000)
        page.get_by_text(told).wait_for(timeout=60_000)
        page.wait_for_timeout(1500)
        uploaders = page.locator('[data-testid="stFileUploader"]').count()
        still_signed_in = page.get_by_text("サインイン中: viewer1").count()
    assert edit_page == {"save": 0, "map": 0, "name": 0}
    assert uploaders == 0
    assert still_signed_in == 1
    assert guard.blocked == [], f"requests to outside hosts: {guard.blocked[:5]}"

"""The 計画素案 page in headless Chromium: an editor builds a plan for 九州 from the AI・半導体 cluster, sets one
requirement and exports; the exported HTML opens offline from ``file://`` and prints on A4 with its map drawn.

Every non-localhost request is blocked and counted (there must be none). Screenshots and the printed PDF
go to ``test-artifacts/``.
"""

from __future__ import annotations

import json
import re
import subprocess
from pathlib import Path

import pytest

from geo.store import open_store
from geo.store import plans as plan_store
from geo.store.users import add_user
from tests.test_browser_export import A4_PRINT_VIEWPORT, _map_pixels
from tests.test_browser_sites import PASSWORD, _choose, _sign_in

pytestmark = pytest.mark.browser

NAME = "九州 AI・半導体 戦略産業クラスター計画（素案）"
EVIDENCE = "2026年11月 経済産業省・文部科学省と予算要求を事前協議（議事メモ <b>第3回</b>）"


def _click_button(page, label: str) -> None:
    page.get_by_role("button", name=label, exact=True).click()


def test_editor_builds_the_kyushu_ai_plan_and_exports(
    tmp_path: Path, request_guard, browser_page, streamlit_server, artifacts
) -> None:
    store = open_store(tmp_path / "sites.gpkg")
    add_user(store, "planner1", "editor", PASSWORD)
    guard = request_guard()
    html_file = tmp_path / "plan.html"
    with streamlit_server({"CHIIKI_MAP_VAR": str(tmp_path)}) as base, browser_page(guard, height=1400) as page:
        errors: list[str] = []
        page.on("pageerror", lambda e: errors.append(str(e)))
        page.goto(f"{base}/plans", wait_until="domcontentloaded")
        page.get_by_text("編集者としてのサインイン").first.wait_for(timeout=60_000)
        _sign_in(page, "planner1")
        _choose(page, "ブロック（経済産業局）", "九州")
        page.get_by_role("link", name="クラスター").click()
        fields = page.locator('[data-testid="stMultiSelect"]').filter(has_text="対象分野")
        fields.locator("input").click()
        page.get_by_role("option", name="AI・半導体", exact=True).click()
        page.keyboard.press("Escape")
        page.get_by_role("button", name="このクラスターから計画素案を作る").wait_for(timeout=60_000)
        page.wait_for_timeout(1000)
        _click_button(page, "このクラスターから計画素案を作る")
        page.get_by_text("クラスター: ").first.wait_for(timeout=60_000)
        name_box = page.get_by_label("名称")
        name_box.fill(NAME)
        name_box.press("Enter")
        page.wait_for_timeout(800)
        _click_button(page, "作成")
        page.locator('[data-testid="stAlert"]').filter(has_text="を作成しました").wait_for(timeout=90_000)
        page.wait_for_timeout(2000)
        page.screenshot(path=str(artifacts / "plans_page_created.png"))
        [plan] = plan_store.list_plans(store)
        check_form = page.locator('[data-testid="stForm"]').filter(has_text="要件の判定を設定")
        check_form.locator('[data-testid="stRadio"]').get_by_text("充足", exact=True).click()
        check_form.get_by_label("根拠（誰が・何に基づいて）").fill(EVIDENCE)
        check_form.get_by_role("button", name="判定を保存").click()
        page.locator('[data-testid="stAlert"]').filter(has_text="保存しました（版 2）").wait_for(timeout=90_000)
        page.wait_for_timeout(4000)  # the map re-drawn after the save
        page.screenshot(path=str(artifacts / "plans_page_forms.png"))
        page.get_by_role("heading", name="計画要件チェックリスト").evaluate("e => e.scrollIntoView({block: 'start'})")
        page.wait_for_timeout(800)
        page.screenshot(path=str(artifacts / "plans_page_checklist.png"))
        _click_button(page, "出力ファイルを作成")
        html_button = page.get_by_role("button", name="HTML（印刷用、オフライン）")
        html_button.wait_for(timeout=120_000)
        with page.expect_download() as download:
            html_button.click()
        download.value.save_as(html_file)
        for label in ("Word（.docx、素案の編集用）",):
            page.get_by_role("button", name=label).wait_for(timeout=10_000)
    stored = plan_store.get_plan(store, plan.id)
    assert stored.name == NAME and stored.type == "A" and len(stored.sites) >= 2
    assert stored.checks["A2"].status == "met" and stored.checks["A2"].evidence == EVIDENCE
    members = store.read().set_index("site_id").loc[list(stored.sites)]
    assert set(members["field"]) == {"ai_semiconductor"} and set(members["block"]) == {"kyushu"}
    assert list(plan_store.plan_audit(store, plan.id)["user"]) == ["planner1", "planner1"]
    assert guard.blocked == [], f"requests to outside hosts: {guard.blocked[:5]}"
    assert errors == [], f"JavaScript errors: {errors}"
    (artifacts / "plan_kyushu_ai.json").write_text(
        json.dumps({"id": plan.id, "sites": list(stored.sites)}, ensure_ascii=False), encoding="utf-8"
    )

    # the exported HTML: offline from file://, printed on A4 with its map drawn
    text = html_file.read_text(encoding="utf-8")
    assert "議事メモ &lt;b&gt;第3回&lt;/b&gt;" in text and "<b>第3回</b>" not in text
    file_guard = request_guard(allow_file=html_file.as_uri())
    pdf = artifacts / "plan_kyushu_ai_a4.pdf"
    width, height = A4_PRINT_VIEWPORT
    with browser_page(file_guard, width=width, height=height) as page:
        page_errors: list[str] = []
        page.on("pageerror", lambda e: page_errors.append(str(e)))
        page.goto(html_file.as_uri(), wait_until="load")
        page.locator(".leaflet-container[data-loaded-site]").wait_for(timeout=30_000)
        page.emulate_media(media="print")
        page.wait_for_timeout(800)
        page.pdf(path=str(pdf), format="A4", landscape=True, print_background=True, prefer_css_page_size=True)
    printed = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True, check=True)
    flat = re.sub(r"\s+", "", printed.stdout)
    subprocess.run(["pdftoppm", "-png", "-r", "60", str(pdf), str(artifacts / "plan_kyushu_ai_a4")], check=True)
    drawn = _map_pixels(artifacts / "plan_kyushu_ai_a4-1.png")
    assert file_guard.blocked == [] and page_errors == [], (file_guard.blocked, page_errors)
    for word in (
        re.sub(r"\s+", "", NAME),
        "計画要件チェックリスト",
        "構成候補地",
        "充足",
        "予算要求を事前協議",
        "出典",
    ):
        assert word in flat, word
    # the map itself is printed, not a blank box: the sea and the AI・半導体 members in their field colour
    assert drawn["sea"] > 0.1 and drawn["site"] > 0.0003, drawn

"""The live app in headless Chromium: a signed-in admin creates an editor, who can then sign in.

LGWAN staff have no shell, so accounts are managed in the browser. Every non-localhost request is
blocked and counted (there must be none). Screenshots of the accounts page (ja, en) go to test-artifacts/.
"""

from __future__ import annotations

import time
from pathlib import Path

import pytest

from geo.store import open_store
from geo.store.signin import verify
from geo.store.users import activity, add_user, user_record

pytestmark = pytest.mark.browser

ADMIN_PW = "harbour lantern seven"
EDITOR = "kenta"
EDITOR_PW = "granite orchard river"


def _sign_in(page, name: str, password: str, role: str) -> None:
    page.get_by_label("ユーザー名").fill(name)
    page.get_by_label("パスワード", exact=True).fill(password)
    page.get_by_role("button", name="サインイン").click()
    page.get_by_text(f"サインイン中: {name}（{role}）").wait_for(timeout=60_000)


def test_signed_in_admin_creates_an_editor_in_the_browser(
    tmp_path: Path, request_guard, browser_page, streamlit_server, artifacts
) -> None:
    store = open_store(tmp_path / "sites.gpkg")
    add_user(store, "root", "admin", ADMIN_PW, by="cli:test")
    guard = request_guard()
    with streamlit_server({"CHIIKI_MAP_VAR": str(tmp_path)}) as base, browser_page(guard, height=1700) as page:
        errors: list[str] = []
        page.on("pageerror", lambda e: errors.append(str(e)))
        page.goto(f"{base}/sites_edit", wait_until="domcontentloaded")
        page.get_by_text("編集者としてのサインインが必要").wait_for(timeout=60_000)
        listed_before = page.get_by_role("link", name="アカウント管理").count()
        _sign_in(page, "root", ADMIN_PW, "管理者")
        started = time.perf_counter()
        page.get_by_role("link", name="アカウント管理").click()
        page.get_by_role("heading", name="アカウント一覧").wait_for(timeout=60_000)
        timings = {"open the page": time.perf_counter() - started}
        page.wait_for_timeout(1000)
        page.screenshot(path=str(artifacts / "admin_page_ja.png"), full_page=True)

        form = page.locator('[data-testid="stForm"]').first  # the first tab: create an account
        form.get_by_label("ユーザー名").fill(EDITOR)
        role_shown = form.locator('[data-testid="stSelectbox"] input').input_value()
        form.get_by_label("初期パスワード").fill(EDITOR_PW)
        form.get_by_label("パスワード（確認のためもう一度）").fill(EDITOR_PW)
        started = time.perf_counter()
        form.get_by_role("button", name="作成する").click()
        done = page.locator('[data-testid="stAlert"]').filter(has_text="を作成しました")
        done.wait_for(timeout=60_000)
        timings["create an account"] = time.perf_counter() - started  # includes the Argon2 hash
        print(", ".join(f"{k}: {v:.2f} s" for k, v in timings.items()))
        done_text = done.inner_text()
        page.wait_for_timeout(1000)
        page.screenshot(path=str(artifacts / "admin_created_ja.png"), full_page=True)

        page.get_by_role("button", name="サインアウト").click()
        page.get_by_text("アカウント管理には管理者としてのサインインが必要").wait_for(timeout=60_000)
        page.get_by_role("link", name="候補地の登録・編集").click()
        page.get_by_text("編集者としてのサインインが必要").wait_for(timeout=60_000)
        _sign_in(page, EDITOR, EDITOR_PW, "編集者")
        page.get_by_role("button", name="登録する").wait_for(timeout=60_000)  # the editor may add sites
        listed_for_editor = page.get_by_role("link", name="アカウント管理").count()

        # a new session straight at /admin, in English: the admin signs in on the page itself
        page.goto(f"{base}/admin", wait_until="domcontentloaded")
        page.get_by_text("アカウント管理には管理者としてのサインインが必要").wait_for(timeout=60_000)
        page.get_by_text("English", exact=True).click()
        page.get_by_text("Admin sign-in required").wait_for(timeout=60_000)
        page.get_by_label("User name").fill("root")
        page.get_by_label("Password", exact=True).fill(ADMIN_PW)
        page.get_by_role("button", name="Sign in").click()
        page.get_by_role("heading", name="All accounts").wait_for(timeout=60_000)
        page.get_by_text("Create an account").first.wait_for(timeout=60_000)
        page.wait_for_timeout(1000)
        role_shown_en = form.locator('[data-testid="stSelectbox"] input').input_value()
        page.screenshot(path=str(artifacts / "admin_page_en.png"), full_page=True)
    assert listed_before == 0, "the accounts page is not listed before an admin signs in"
    assert "編集者" in role_shown, "a new account is an editor unless chosen otherwise"
    assert "editor" in role_shown_en, "the role words follow the language"
    assert f"アカウント「{EDITOR}」（編集者）を作成しました" in done_text
    assert listed_for_editor == 0, "an editor does not see the accounts page"
    assert user_record(store, EDITOR)["role"] == "editor" and verify(store, EDITOR, EDITOR_PW) is not None
    log = activity(store)
    assert log[["user", "action", "target"]].values.tolist()[-1] == ["root", "user_add", EDITOR]
    assert guard.blocked == [], f"requests to outside hosts: {guard.blocked[:5]}"
    assert errors == [], f"JavaScript errors: {errors}"

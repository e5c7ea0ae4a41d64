"""The accounts page (AppTest): listed only for a signed-in admin; create, reset, change a role, unlock."""

from __future__ import annotations

from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from geo.accounts import Actor
from geo.store import open_store
from geo.store.signin import verify
from geo.store.users import LOCKOUT_FAILURES, activity, add_user, set_role, user_record
from tests.support import REPO
from ui.markdown import escape

pytestmark = pytest.mark.apptest

PASSWORDS = {"root": "harbour lantern seven", "eda": "granite orchard river", "vic": "violet canal morning"}
NEW_PW = "copper meadow falcon"
PASSWORD_FIELDS = ("admin_create_pw", "admin_create_pw2", "admin_reset_pw", "admin_reset_pw2")
HOSTILE = "![x](http://127.0.0.1:8789/x.png)"  # a legal name (no spaces) that is Markdown


@pytest.fixture
def accounts(app_env: Path) -> None:
    """A fresh store with an admin, an editor and a viewer."""
    store = open_store()
    for name, role in (("root", "admin"), ("eda", "editor"), ("vic", "viewer")):
        add_user(store, name, role, PASSWORDS[name], by="cli:test")


def _signed_in(name: str | None) -> AppTest:
    """The app on the add/edit page, signed in as ``name`` (None: nobody)."""
    at = AppTest.from_file(str(REPO / "app.py"), default_timeout=180)
    at.run()
    at.switch_page("ui/pages/sites_edit.py").run()
    if name is not None:
        at.sidebar.text_input(key="auth_name").set_value(name)
        at.sidebar.text_input(key="auth_password").set_value(PASSWORDS[name])
        next(b for b in at.sidebar.button if b.label == "サインイン").click().run()
    assert not at.exception, at.exception
    return at


def _kept(at: AppTest, key: str) -> object:
    """What the session state still holds under ``key`` ("" when nothing)."""
    try:
        return at.session_state[key]
    except KeyError:
        return ""


def _click(at: AppTest, label: str) -> None:
    """Submit the form with the button ``label``; afterwards no typed password is left in the session state."""
    next(b for b in at.button if b.label == label).click().run()
    assert not at.exception, at.exception
    for key in PASSWORD_FIELDS:
        assert _kept(at, key) == "", "no password kept in the session state"


@pytest.fixture
def menu(monkeypatch: pytest.MonkeyPatch) -> dict[str, str]:
    """Page script name → its visibility in the menu, as ``app.py`` last registered it."""
    import streamlit as st

    seen: dict[str, str] = {}
    real = st.Page

    def page(path, *args, **kwargs):
        seen[Path(str(path)).name] = kwargs.get("visibility", "visible")
        return real(path, *args, **kwargs)

    monkeypatch.setattr(st, "Page", page)
    return seen


@pytest.mark.parametrize("name", [None, "eda", "vic"])
def test_the_page_is_hidden_and_closed_for_editors_viewers_and_nobody(
    accounts: None, menu: dict[str, str], name: str | None
) -> None:
    at = _signed_in(name)
    assert menu["admin.py"] == "hidden" and menu["sites_edit.py"] == "visible"
    at.switch_page("ui/pages/admin.py").run()  # typed as a URL: only the note and the sign-in
    assert not at.exception, at.exception
    assert any("管理者としてのサインインが必要" in i.value for i in at.info)
    assert len(at.dataframe) == 0 and len(at.tabs) == 0 and not [b for b in at.button if b.label == "作成する"]


def test_an_admin_signs_in_on_the_page_itself(accounts: None, menu: dict[str, str]) -> None:
    at = AppTest.from_file(str(REPO / "app.py"), default_timeout=180)
    at.run()
    at.switch_page("ui/pages/admin.py").run()
    at.sidebar.text_input(key="auth_name").set_value("root")
    at.sidebar.text_input(key="auth_password").set_value(PASSWORDS["root"])
    next(b for b in at.sidebar.button if b.label == "サインイン").click().run()
    assert not at.exception, at.exception
    assert menu["admin.py"] == "visible"
    assert [s.value for s in at.subheader][:1] == ["アカウント一覧"]


def test_an_admin_manages_accounts_on_the_page(accounts: None) -> None:
    at = _signed_in("root")
    assert any("管理者" in c.value for c in at.sidebar.caption)
    at.switch_page("ui/pages/admin.py").run()
    assert not at.exception, at.exception
    assert [t.value for t in at.title] == ["アカウント管理"]
    listed = at.dataframe[0].value
    assert listed["ユーザー名"].tolist() == ["eda", "root", "vic"]
    assert listed["権限"].tolist() == ["編集者", "管理者", "閲覧者"] and set(listed["状態"]) == {"利用可"}

    # create: the two passwords must agree, then the account exists and the message shows the name as text
    at.text_input(key="admin_create_name").set_value(HOSTILE)
    at.selectbox(key="admin_create_role_ja").set_value("editor")
    at.text_input(key="admin_create_pw").set_value(NEW_PW)
    at.text_input(key="admin_create_pw2").set_value(NEW_PW + "x")
    _click(at, "作成する")
    assert any("一致しません" in e.value for e in at.error) and user_record(open_store(), HOSTILE) is None
    at.text_input(key="admin_create_name").set_value(HOSTILE)
    at.selectbox(key="admin_create_role_ja").set_value("editor")
    at.text_input(key="admin_create_pw").set_value(NEW_PW)
    at.text_input(key="admin_create_pw2").set_value(NEW_PW)
    _click(at, "作成する")
    done = [s.value for s in at.success]
    assert done == [f"アカウント「{escape(HOSTILE)}」（編集者）を作成しました。"]
    assert "![" not in done[0] and "](" not in done[0], "shown as text: no image, no link"
    assert verify(open_store(), HOSTILE, NEW_PW) == Actor(HOSTILE, "editor")
    assert HOSTILE in at.dataframe[0].value["ユーザー名"].tolist(), "the list already shows the new account"

    # a weak password is refused with the rule, in Japanese and English
    at.text_input(key="admin_create_name").set_value("weak")
    at.text_input(key="admin_create_pw").set_value("short")
    at.text_input(key="admin_create_pw2").set_value("short")
    _click(at, "作成する")
    assert any("短すぎます" in e.value and "too short" not in e.value for e in at.error)  # the page's language

    # reset a password
    at.selectbox(key="admin_reset_name").set_value("eda")
    at.text_input(key="admin_reset_pw").set_value(NEW_PW)
    at.text_input(key="admin_reset_pw2").set_value(NEW_PW)
    _click(at, "パスワードを再設定する")
    assert any("「eda」のパスワードを再設定しました" in s.value for s in at.success)
    assert verify(open_store(), "eda", NEW_PW) is not None and verify(open_store(), "eda", PASSWORDS["eda"]) is None

    # change a role; the last admin cannot lose the role
    at.selectbox(key="admin_role_name").set_value("eda")
    at.selectbox(key="admin_role_role_ja").set_value("viewer")
    _click(at, "権限を変更する")
    assert any("編集者 から 閲覧者" in s.value for s in at.success)
    assert user_record(open_store(), "eda")["role"] == "viewer"
    at.selectbox(key="admin_role_name").set_value("root")
    at.selectbox(key="admin_role_role_ja").set_value("editor")
    _click(at, "権限を変更する")
    assert any("最後の管理者" in e.value for e in at.error) and user_record(open_store(), "root")["role"] == "admin"

    # unlock an account locked by wrong passwords
    assert any("ロック中のアカウントはありません" in c.value for c in at.caption)
    for _ in range(LOCKOUT_FAILURES):
        verify(open_store(), "vic", "wrong guess")
    at.run()
    state = at.dataframe[0].value.set_index("ユーザー名").loc["vic", "状態"]
    assert state.startswith("ロック中")
    at.selectbox(key="admin_unlock_name").set_value("vic")
    _click(at, "ロックを解除する")
    assert any("「vic」のロックを解除しました" in s.value for s in at.success)
    assert verify(open_store(), "vic", PASSWORDS["vic"]) is not None

    log = activity(open_store())
    mine = log[log["user"] == "root"][["action", "target"]].values.tolist()
    assert mine == [["user_add", HOSTILE], ["password", "eda"], ["role", "eda"], ["unlock", "vic"]]
    shown = at.dataframe[1].value
    assert shown["操作"].tolist()[:2] == ["ロック解除", "ロック（パスワード誤り）"]
    assert "権限: 編集者 → 閲覧者" in shown["内容"].tolist()


def test_the_page_in_english(accounts: None) -> None:
    at = _signed_in("root")
    at.sidebar.radio(key="lang").set_value("English").run()
    at.switch_page("ui/pages/admin.py").run()
    assert not at.exception, at.exception
    assert [t.value for t in at.title] == ["Accounts"]
    assert at.dataframe[0].value["Role"].tolist() == ["editor", "admin", "viewer"]
    assert [t.label for t in at.tabs] == ["Create an account", "Reset a password", "Change a role", "Unlock"]


def test_a_demoted_admin_loses_the_page(accounts: None, menu: dict[str, str]) -> None:
    at = _signed_in("root")
    at.switch_page("ui/pages/admin.py").run()
    assert [t.value for t in at.title] == ["アカウント管理"] and menu["admin.py"] == "visible"
    store = open_store()
    add_user(store, "deputy", "admin", NEW_PW, by="cli:test")
    set_role(store, "root", "editor", by="cli:test")  # e.g. another admin demotes root
    at.run()
    assert not at.exception, at.exception
    assert menu["admin.py"] == "hidden" and len(at.dataframe) == 0
    assert any("サインインし直してください" in i.value for i in at.sidebar.info)


def test_an_admin_resetting_their_own_password_is_told_to_sign_in_again(accounts: None, menu: dict[str, str]) -> None:
    add_user(open_store(), "deputy", "admin", NEW_PW, by="cli:test")
    at = _signed_in("root")
    at.switch_page("ui/pages/admin.py").run()
    at.selectbox(key="admin_reset_name").set_value("root")
    at.text_input(key="admin_reset_pw").set_value("another harbour lantern")
    at.text_input(key="admin_reset_pw2").set_value("another harbour lantern")
    _click(at, "パスワードを再設定する")
    assert any("「root」のパスワードを再設定しました" in s.value for s in at.success)
    assert any("サインインし直してください" in i.value for i in at.info)
    assert "auth_name" in {w.key for w in at.sidebar.text_input}, "signed out: the sign-in form is back"
    assert verify(open_store(), "root", "another harbour lantern") is not None
    at.run()  # the message was shown once; the page is no longer listed
    assert not at.success and menu["admin.py"] == "hidden"

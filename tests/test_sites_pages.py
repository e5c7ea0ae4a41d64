"""AppTest of the add/edit and import pages: sign-in, write controls only for editors, saves, conflicts."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from google.protobuf.json_format import MessageToDict
from streamlit.testing.v1 import AppTest

from geo.accounts import Actor
from geo.store import open_store
from geo.store.users import add_user
from tests.test_site_import import HEADER, ROWS
from ui.markdown import escape

EDITOR, VIEWER, PASSWORD = "editor1", "viewer1", "correct-horse-battery-1"
REPO = Path(__file__).resolve().parent.parent
WRITE_KEYS = ("add_save", "edit_save", "edit_delete", "edit_restore", "import_confirm")


@pytest.fixture()
def store(tmp_path, monkeypatch):
    monkeypatch.setenv("CHIIKI_MAP_VAR", str(tmp_path))
    monkeypatch.delenv("CHIIKI_MAP_STORE", raising=False)
    monkeypatch.delenv("DATABASE_URL", raising=False)
    s = open_store()
    add_user(s, EDITOR, "editor", PASSWORD)
    add_user(s, VIEWER, "viewer", PASSWORD)
    return s


def _page(page: str, user: str | None = None) -> AppTest:
    """The app on ``page``, signed in as ``user`` through the sidebar form (None = anonymous)."""
    at = AppTest.from_file(str(REPO / "app.py"), default_timeout=120)
    at.run()
    at.switch_page(page).run()
    if user:
        at.sidebar.text_input(key="auth_name").set_value(user)
        at.sidebar.text_input(key="auth_password").set_value(PASSWORD)
        next(b for b in at.sidebar.button if b.label == "サインイン").click().run()
    assert not at.exception, at.exception
    return at


def _keys(at: AppTest) -> set[str]:
    return {
        w.key for kind in (at.button, at.number_input, at.text_input, at.file_uploader, at.radio) for w in kind if w.key
    }


def _texts(elements) -> str:
    return "\n".join(str(e.value) for e in elements)


@pytest.mark.parametrize("user", [None, VIEWER])
@pytest.mark.parametrize("page", ["ui/pages/sites_edit.py", "ui/pages/sites_import.py"])
@pytest.mark.apptest
def test_viewers_and_anonymous_see_no_write_controls(store, page, user) -> None:
    at = _page(page, user)
    if user:  # signed in already: told the role, never to sign in (issue 24)
        assert f"{VIEWER} さんは閲覧者としてサインインしています。この操作には編集者の権限が必要です" in _texts(at.info)
        assert "サインインが必要" not in _texts(at.info)
    else:
        assert "編集者としてのサインインが必要" in _texts(at.info)
    keys = _keys(at)
    assert not keys & {*WRITE_KEYS, "add_lon", "add_name", "edit_mode"}, keys
    assert not at.file_uploader
    if user:
        assert f"サインイン中: {VIEWER}（閲覧者）" in _texts(at.sidebar.caption)


@pytest.mark.apptest
def test_wrong_password_is_refused(store) -> None:
    at = _page("ui/pages/sites_edit.py")
    at.sidebar.text_input(key="auth_name").set_value(EDITOR)
    at.sidebar.text_input(key="auth_password").set_value("wrong-password")
    at.sidebar.button[0].click().run()
    assert "パスワードが違います" in _texts(at.sidebar.error)
    assert "add_save" not in _keys(at)


@pytest.mark.apptest
def test_editor_adds_a_site_by_typed_coordinates(store) -> None:
    before = len(store.read())
    at = _page("ui/pages/sites_edit.py", EDITOR)
    at.number_input(key="add_lon").set_value(130.70)
    at.number_input(key="add_lat").set_value(32.80).run()
    assert "熊本県" in _texts(at.success) and "九州" in _texts(at.success)
    at.text_input(key="add_name").set_value("<script>alert(1)</script> 新工場")
    at.selectbox(key="add_plan_type").set_value("C").run()
    assert at.selectbox(key="add_field").options == ["農林水産・食品", "観光", "スポーツ", "伝統工芸品", "その他"]
    at.selectbox(key="add_field").set_value("crafts")
    at.number_input(key="add_investment_oku_yen").set_value(12.5)
    at.button(key="add_save").click().run()
    assert not at.exception, at.exception
    sites = store.read()
    assert len(sites) == before + 1
    new = sites.iloc[-1]
    assert new["name"] == "<script>alert(1)</script> 新工場"
    assert (new["plan_type"], new["field"], new["investment_oku_yen"], new["pref_code"]) == ("C", "crafts", 12.5, "43")
    audit = store.audit(int(new["site_id"]))
    assert audit[["user", "action"]].values.tolist() == [[EDITOR, "add"]]
    assert "を登録しました" in _texts(at.success) and "#" not in _texts(at.success)
    assert at.text_input(key="add_name").value == "", "the form is cleared after a save"


@pytest.mark.apptest
def test_points_outside_japan_are_refused(store) -> None:
    before = len(store.read())
    at = _page("ui/pages/sites_edit.py", EDITOR)
    at.text_input(key="add_name").set_value("パリ工場")
    at.number_input(key="add_lon").set_value(2.35)
    at.number_input(key="add_lat").set_value(48.85).run()
    assert "日本国外のため登録できません" in _texts(at.error)
    assert at.button(key="add_save").disabled
    assert len(store.read()) == before


def _edit_mode(at: AppTest) -> AppTest:
    at.radio(key="edit_mode").set_value("edit").run()
    assert not at.exception, at.exception
    return at


@pytest.mark.apptest
def test_stale_version_gets_a_conflict_message_and_keeps_the_input(store) -> None:
    at = _edit_mode(_page("ui/pages/sites_edit.py", EDITOR))
    site_id = at.selectbox(key="edit_site").value
    original = store.get(site_id)
    assert "バージョン 1" in _texts(at.caption)
    store.update(site_id, {"jobs": 999}, expected_version=1, actor=Actor("bob", "editor"))
    at.text_input(key="edit_name").set_value("私の変更").run()
    at.button(key="edit_save").click().run()
    message = _texts(at.error)
    assert "bob さん" in message and "バージョン 2" in message and "入力はフォームに残っています" in message
    assert at.text_input(key="edit_name").value == "私の変更"
    assert "バージョン 2" in _texts(at.caption) and "bob" in _texts(at.caption)
    assert store.get(site_id)["name"] == original["name"]
    conflict_table = at.dataframe[0].value
    assert "雇用（人）" in set(conflict_table["項目"]) and "999" in set(conflict_table["変更後"])
    at.button(key="edit_save").click().run()  # a deliberate second save goes through on top of bob's
    saved = store.get(site_id)
    assert (saved["name"], saved["jobs"], saved["version"]) == ("私の変更", 999, 3)


@pytest.mark.apptest
def test_soft_delete_restore_and_history(store) -> None:
    at = _edit_mode(_page("ui/pages/sites_edit.py", EDITOR))
    site_id = at.selectbox(key="edit_site").value
    name = store.get(site_id)["name"]
    at.button(key="edit_delete").click().run()
    assert not store.get(site_id)["deleted"], "delete asks first"
    assert f"「{escape(name)}」" in _texts(at.warning) and "削除しますか" in _texts(at.warning)
    at.button(key="edit_delete_yes").click().run()
    assert store.get(site_id)["deleted"]
    assert f"「{escape(name)}」" in _texts(at.success) and "#" not in _texts(at.success), "says what was deleted"
    assert site_id not in at.selectbox(key="edit_site").options
    assert at.selectbox(key="edit_site").value is None, "after a delete the form shows no other site (issue 24)"
    assert "edit_name" not in {w.key for w in at.text_input}, "no form until a site is chosen"
    at.radio(key="edit_mode").set_value("deleted").run()
    assert at.selectbox(key="edit_deleted_site").value == site_id
    at.button(key="edit_restore").click().run()
    assert not store.get(site_id)["deleted"]
    actions = store.audit(site_id)["action"].tolist()
    assert actions[-2:] == ["delete", "restore"]
    at.radio(key="edit_mode").set_value("edit").run()
    assert at.selectbox(key="edit_site").value == site_id, "the restored site is the one shown"
    history = at.dataframe[0].value
    assert history["操作"].tolist()[:2] == ["復元", "削除"]
    assert history["ユーザー"].tolist()[:2] == [EDITOR, EDITOR]


@pytest.mark.apptest
def test_import_preview_then_confirm_writes_only_accepted_rows(store) -> None:
    before = len(store.read())
    at = _page("ui/pages/sites_import.py", EDITOR)
    data = (HEADER + "\n".join(ROWS) + "\n").encode("cp932")
    at.file_uploader[0].set_value(("sites.csv", data, "text/csv")).run()
    assert not at.exception, at.exception
    assert "取込可能 1 行 / 取込不可 6 行" in _texts(at.subheader)
    assert at.selectbox(key=next(s.key for s in at.selectbox if s.label == "経度")).value == "lon"
    assert "取り込まない列：メモ" in _texts(at.warning)  # the unknown header is named, never dropped silently
    assert len(store.read()) == before, "nothing is written before the confirmation"
    rejected = next(d.value for d in at.dataframe if "理由" in d.value.columns)
    assert len(rejected) == 6 and any("緯度経度が日本国外です" in r for r in rejected["理由"])
    assert at.download_button(key="import_download").label == "取り込めない行をCSVでダウンロード"
    at.button(key="import_confirm").click().run()
    assert not at.exception, at.exception
    sites = store.read()
    assert len(sites) == before + 1 and sites.iloc[-1]["name"] == "新工場A"
    audit = store.audit(int(sites.iloc[-1]["site_id"]))
    assert audit[["user", "action"]].values.tolist() == [[EDITOR, "import"]]
    assert "1 件の候補地を取り込みました" in _texts(at.success)
    assert at.file_uploader[0].value is None, "a fresh upload field after the import"


@pytest.mark.parametrize(
    ("lang", "row_header", "reason_header", "bad", "good", "wrong"),
    [
        ("日本語", "行（Excelの行番号）", "理由", "分野「rocket_science」は使えません", "分野が空です", "is not known"),
        (
            "English",
            "Row (as numbered in Excel)",
            "Reason",
            "Field 'rocket_science' is not known",
            "Field (分野) is empty",
            "使えません",
        ),
    ],
)
@pytest.mark.apptest
def test_import_reasons_in_the_ui_language_with_excel_row_numbers(
    store, lang, row_header, reason_header, bad, good, wrong
) -> None:
    at = _page("ui/pages/sites_import.py", EDITOR)
    at.radio(key="lang").set_value(lang).run()
    data = (HEADER + "\n".join(ROWS) + "\n").encode("cp932")
    at.file_uploader[0].set_value(("sites.csv", data, "text/csv")).run()
    assert not at.exception, at.exception
    rejected = next(d.value for d in at.dataframe if reason_header in d.value.columns)
    reasons = dict(zip(rejected[row_header], rejected[reason_header], strict=True))
    # the header is row 1: ROWS[1] (missing field) is row 3, ROWS[2] (unknown field) row 4
    assert sorted(reasons) == [3, 4, 5, 6, 7, 8]
    assert good in reasons[3] and bad in reasons[4]
    assert not any(wrong in r for r in reasons.values()), "one language only"
    assert "reason" not in rejected.columns and "row" not in rejected.columns
    assert at.download_button(key="import_download")  # the same table as CSV: test_rejected_rows_csv_*


OIDC_SECRETS = {
    "redirect_uri": "http://localhost:8501/oauth2callback",
    "cookie_secret": "test-secret",
    "client_id": "id",
    "client_secret": "secret",
    "server_metadata_url": "https://idp.invalid/.well-known/openid-configuration",
}


@pytest.mark.parametrize(
    ("user", "role"),
    [
        ({"is_logged_in": True, "email": "lead@pref.kumamoto.lg.jp"}, "編集者"),  # listed in [chiiki_map] editors
        ({"is_logged_in": True, "email": EDITOR}, "編集者"),  # a users-table editor of that name
        ({"is_logged_in": True, "email": "someone@example.jp"}, "閲覧者"),
        ({"is_logged_in": False}, None),
    ],
)
@pytest.mark.apptest
def test_oidc_sign_in_maps_the_user_to_a_role(store, user, role) -> None:
    at = AppTest.from_file(str(REPO / "app.py"), default_timeout=120)
    at.secrets["auth"] = OIDC_SECRETS
    at.secrets["chiiki_map"] = {"editors": ["Lead@pref.kumamoto.lg.jp"]}
    at.user = user
    at.run()
    at.switch_page("ui/pages/sites_edit.py").run()
    assert not at.exception, at.exception
    keys = _keys(at)
    assert "auth_name" not in keys, "no local password form when OIDC is configured"
    if role is None:
        assert "auth_login" in keys and "add_save" not in keys
        return
    assert f"（{role}）" in _texts(at.sidebar.caption) and "auth_logout" in keys
    assert ("add_save" in keys) == (role == "編集者")


def test_markdown_escape_keeps_user_text_literal() -> None:
    from ui.markdown import escape

    text = escape("[x](javascript:alert(1)) **b** <i>\n:red[x]")
    assert text == r"\[x\]\(javascript\:alert\(1\)\) \*\*b\*\* \<i\> \:red\[x\]"
    joiner = "\u2060"
    assert escape("see http://a.jp, www.b.jp or me@c.jp") == (
        rf"see h{joiner}ttp\://a\.jp, w{joiner}ww\.b\.jp or me@{joiner}c\.jp"
    )


@pytest.mark.apptest
def test_the_add_site_map_has_the_offline_base_map(store) -> None:
    """The map of 候補地の登録・編集 draws the same place names and municipal outlines as the 地図 page (issue 24)."""
    at = _page("ui/pages/sites_edit.py", EDITOR)
    shown = json.dumps([MessageToDict(e.proto) for e in at.get("component_instance")], ensure_ascii=False)
    # the live map's document: place names as a "labels" entry, municipal outlines as the "muni" layer
    assert '\\"kind\\": \\"labels\\"' in shown and "muni" in shown, [type(e).__name__ for e in at.main]

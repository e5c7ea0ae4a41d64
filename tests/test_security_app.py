"""Issue 12 in the app (AppTest): Markdown injection, signed-out land writes, passwords in the session."""

from __future__ import annotations

import pytest
from streamlit.testing.v1 import AppTest

from geo.accounts import Actor
from geo.store import open_store
from geo.store.users import activity, add_user, set_password
from tests.support import REPO
from tests.support.sites import make_site_rows
from tests.support.tables import page_tables

pytestmark = pytest.mark.apptest

HOSTILE = "![img](http://127.0.0.1:8789/x.png)"
PASSWORD = "parcel lantern river"


@pytest.fixture
def fresh(tmp_path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("CHIIKI_MAP_VAR", str(tmp_path))
    for name in ("CHIIKI_MAP_STORE", "CHIIKI_MAP_CACHE", "DATABASE_URL"):
        monkeypatch.delenv(name, raising=False)
    store = open_store()
    add_user(store, "lena", "editor", PASSWORD)


def _app(page: str) -> AppTest:
    at = AppTest.from_file(str(REPO / "app.py"), default_timeout=180)
    at.run()
    at.switch_page(page).run()
    assert not at.exception, at.exception
    return at


def _sign_in(at: AppTest, password: str = PASSWORD, name: str = "lena") -> None:
    at.sidebar.text_input(key="auth_name").set_value(name)
    at.sidebar.text_input(key="auth_password").set_value(password)
    next(b for b in at.sidebar.button if b.label == "サインイン").click().run()
    assert not at.exception, at.exception


def _as_text(markdown: str) -> bool:
    """True if ``markdown`` cannot render an image or a link (no unescaped ``![``/``](``, no bare URL)."""
    return "![" not in markdown and "](" not in markdown and "http://127" not in markdown


def test_site_card_shows_a_hostile_name_as_text(fresh: None, monkeypatch: pytest.MonkeyPatch) -> None:
    lon, lat = 130.7, 32.8
    [sid] = open_store().add(make_site_rows(1, "x", lon=lon, lat=lat).assign(name=HOSTILE), Actor("lena", "editor"))
    import ui.live_map

    # a click on the site: the live map returns its tooltip reference, which carries the site id
    clicked = {"last_clicked": {"lng": lon, "lat": lat}, "last_object_clicked_tooltip": f"[site:{sid}]"}
    monkeypatch.setattr(ui.live_map, "live_map", lambda *a, **k: clicked)  # a click on the site
    at = _app("ui/pages/explore.py")
    card = [h.value for h in at.subheader if HOSTILE[2:5] in h.value]
    assert card, [h.value for h in at.subheader]
    assert all(_as_text(v) for v in card), card
    assert "\\!\\[img\\]" in card[0]  # escaped: Streamlit shows the characters themselves


def test_land_page_writes_need_an_editor_and_names_are_escaped(fresh: None) -> None:
    csv = "団地名,総面積（ha）,分譲可能面積（ha）,経度,緯度\nテスト団地,10,4,130.80,32.88\n".encode()
    add_user(open_store(), "vic", "viewer", PASSWORD)
    at = _app("ui/pages/land.py")
    assert not at.get("file_uploader")  # signed out: no upload at all (issue 23)
    _sign_in(at, name="vic")
    at.file_uploader(key="land_file").set_value((f"{HOSTILE}.csv", csv, "text/csv")).run()
    assert not at.exception, at.exception
    keys = {b.key for b in at.button}
    assert "land_import_button" not in keys and "land_remove_button" not in keys  # a viewer: preview only
    assert any("この操作には編集者の権限が必要" in i.value for i in at.info)  # a signed-in viewer: told the role
    at = _app("ui/pages/land.py")
    _sign_in(at)
    at.file_uploader(key="land_file").set_value((f"{HOSTILE}.csv", csv, "text/csv")).run()
    at.button(key="land_import_button").click().run()
    assert not at.exception, at.exception
    done = [s.value for s in at.success]
    assert done and all(_as_text(v) for v in done), done
    log = activity(open_store())
    assert log[["user", "action"]].values.tolist()[-1] == ["lena", "land_import"]
    at.button(key="land_remove_button").click().run()
    assert not at.exception, at.exception
    assert activity(open_store())[["user", "action"]].values.tolist()[-1] == ["lena", "land_remove"]


def test_upload_errors_name_the_file_as_text(fresh: None) -> None:
    at = _app("ui/pages/firms.py")
    _sign_in(at)
    at.file_uploader(key="firms_file").set_value((f"{HOSTILE}.csv", b'a,b\n"x,1\n', "text/csv")).run()
    assert not at.exception, at.exception
    errors = [e.value for e in at.error]
    assert errors and all(_as_text(e) for e in errors), errors
    at = _app("ui/pages/land.py")
    _sign_in(at)
    at.file_uploader(key="land_file").set_value((f"{HOSTILE}.csv", b"\x80\x81\xff\xfe", "text/csv")).run()
    errors = [e.value for e in at.error]
    assert errors and all(_as_text(e) for e in errors) and "chiiki-import" not in errors[0], errors


def test_password_leaves_the_session_and_a_changed_account_signs_out(fresh: None) -> None:
    at = _app("ui/pages/sites_edit.py")
    _sign_in(at)
    assert "auth_name" not in {w.key for w in at.sidebar.text_input}  # signed in
    assert "auth_password" not in at.session_state or at.session_state["auth_password"] == ""
    set_password(open_store(), "lena", "another parcel lantern")  # e.g. an admin resets it
    at.run()
    assert not at.exception, at.exception
    assert "auth_name" in {w.key for w in at.sidebar.text_input}  # must sign in again
    assert any("サインインし直してください" in i.value for i in at.sidebar.info)


@pytest.mark.parametrize(("lang", "place"), [("日本語", "熊本県 菊陽町"), ("English", "菊陽町, Kumamoto")])
def test_site_card_names_the_place_in_the_ui_language(
    fresh: None, monkeypatch: pytest.MonkeyPatch, lang: str, place: str
) -> None:
    # 菊陽町: no data we have gives municipalities an English name, so English shows the N03 name
    lon, lat = 130.83, 32.88
    [sid] = open_store().add(make_site_rows(1, "card", lon=lon, lat=lat), Actor("lena", "editor"))
    import ui.live_map

    clicked = {"last_clicked": {"lng": lon, "lat": lat}, "last_object_clicked_tooltip": f"[site:{sid}]"}
    monkeypatch.setattr(ui.live_map, "live_map", lambda *a, **k: clicked)
    at = _app("ui/pages/explore.py")
    at.radio(key="lang").set_value(lang).run()
    assert not at.exception, at.exception
    location = "所在地" if lang == "日本語" else "Location"
    table = page_tables(at)[0]
    assert table.loc[location].iloc[0] == place
    header = ("項目", "内容") if lang == "日本語" else ("Item", "Value")
    assert (table.index.name, *table.columns) == header, "no blank header row on the card (issue 24)"
    distance = "距離（km）" if lang == "日本語" else "Distance (km)"
    assert any(distance in d.value.columns for d in at.dataframe), "the card lists the site's infrastructure checks"

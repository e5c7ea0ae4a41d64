"""AppTest of the 計画素案 page: viewers see plans but no writing controls; an editor makes a plan from a cluster
of the clusters page, sets a requirement and the status, and the derived sections follow the members."""

from __future__ import annotations

from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from geo.accounts import Actor
from geo.plans.model import new_plan
from geo.store import open_store
from geo.store import plans as plan_store
from geo.store.users import add_user

pytestmark = pytest.mark.apptest

EDITOR, VIEWER, PASSWORD = "planner1", "reader1", "correct-horse-battery-1"
REPO = Path(__file__).resolve().parent.parent
PAGE = "ui/pages/plans.py"
WRITE_KEYS = {"pn_create", "pn_name", "plans_members_save", "plans_status_save", "plans_add", "plans_remove"}


@pytest.fixture()
def store(tmp_path, monkeypatch):
    monkeypatch.setenv("CHIIKI_MAP_VAR", str(tmp_path))
    monkeypatch.delenv("CHIIKI_MAP_STORE", raising=False)
    monkeypatch.delenv("DATABASE_URL", raising=False)
    s = open_store()
    add_user(s, EDITOR, "editor", PASSWORD)
    add_user(s, VIEWER, "viewer", PASSWORD)
    return s


def _app(user: str | None) -> AppTest:
    at = AppTest.from_file(str(REPO / "app.py"), default_timeout=180)
    at.run()
    at.selectbox(key="block").set_value("kyushu").run()
    at.switch_page(PAGE).run()
    if user:
        at.sidebar.text_input(key="auth_name").set_value(user)
        at.sidebar.text_input(key="auth_password").set_value(PASSWORD)
        next(b for b in at.sidebar.button if b.label == "サインイン").click().run()
    assert not at.exception, at.exception
    return at


def _keys(at: AppTest) -> set[str]:
    kinds = (at.button, at.text_input, at.multiselect, at.selectbox, at.radio, at.text_area)
    return {w.key for kind in kinds for w in kind if w.key}


@pytest.mark.parametrize("user", [None, VIEWER])
def test_readers_see_plans_without_writing_controls(store, user) -> None:
    ids = list(store.read().query("field == 'ai_semiconductor'")["site_id"])[:2]
    plan_store.create_plan(
        store, new_plan("A", "既存の計画", "kyushu", ["ai_semiconductor"], ids), Actor("x", "editor")
    )
    at = _app(user)
    assert not at.exception, at.exception
    assert at.title[0].value == "計画素案（クラスター計画）"
    assert "既存の計画" in at.header[0].value
    assert not _keys(at) & WRITE_KEYS
    assert not any(k.startswith("FormSubmitter:plans_") for k in _keys(at))  # the checklist and section forms
    assert any("編集者としてのサインイン" in c.value for c in at.caption)


def test_editor_makes_a_plan_from_a_cluster(store) -> None:
    at = _app(EDITOR)
    at.switch_page("ui/pages/clusters.py").run()
    at.multiselect(key="clusters_fields").set_value(["ai_semiconductor"]).run()
    at.button(key="clusters_to_plan").click().run()
    assert not at.exception, at.exception
    at.switch_page(PAGE).run()  # AppTest stays on the page it was sent to; st.switch_page moved this run only
    assert at.title[0].value == "計画素案（クラスター計画）"
    assert at.radio(key="pn_source").value == "cluster"
    at.text_input(key="pn_name").set_value("九州 AI・半導体クラスター計画").run()
    at.button(key="pn_create").click().run()
    assert not at.exception, at.exception
    [plan] = plan_store.list_plans(store)
    assert plan.name == "九州 AI・半導体クラスター計画" and plan.type == "A" and len(plan.sites) >= 2
    assert plan.fields == ("ai_semiconductor",)
    assert any("を作成しました" in s.value for s in at.success)

    assert {
        f"FormSubmitter:plans_check_{plan.id}-判定を保存",
        f"FormSubmitter:plans_sections_{plan.id}-記述欄を保存",
    } <= _keys(at)
    at.selectbox(key="plans_status_" + str(plan.id)).set_value("submitted").run()
    at.button(key="plans_status_save").click().run()
    assert plan_store.get_plan(store, plan.id).status == "submitted"
    removed = plan.sites[0]
    at.multiselect(key="plans_remove").set_value([removed]).run()
    at.button(key="plans_members_save").click().run()
    saved = plan_store.get_plan(store, plan.id)
    assert removed not in saved.sites and saved.version == 3
    audit = plan_store.plan_audit(store, plan.id)
    assert list(audit["action"]) == ["create", "update", "update"] and set(audit["user"]) == {EDITOR}
    assert not at.exception, at.exception

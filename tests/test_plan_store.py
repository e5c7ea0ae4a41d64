"""Plans in the store, on both backends (GeoPackage and PostGIS): create, edit, check, status, stale versions,
viewers refused, members that are not stored sites refused, one audit row per change; and the command line
``chiiki-map plan …`` as an editor and as a viewer (exit 2, nothing written)."""

from __future__ import annotations

import io
import json
from collections.abc import Callable
from pathlib import Path

import pandas as pd
import pytest

from chiiki_cli import main as cli
from geo.accounts import Actor
from geo.errors import EditorRequired, PlanConflictError, PlanError, PlanNotFoundError
from geo.plans.model import PlanChange, new_plan
from geo.store import open_store
from geo.store import plans as plan_store

EDITOR, VIEWER = Actor("alice", "editor"), Actor("bob", "viewer")


def test_plan_lifecycle(store_target: str, site_rows: Callable[..., pd.DataFrame]) -> None:
    store = open_store(store_target)
    a, b, c = store.add(site_rows(3, "member", investment_oku_yen=100.0), EDITOR)
    draft = new_plan("A", "九州 AI・半導体", "kyushu", ["ai_semiconductor"], [a, b])
    plan = plan_store.create_plan(store, draft, EDITOR)
    assert (plan.version, plan.updated_by, plan.sites, plan.status) == (1, "alice", (a, b), "draft")
    assert plan_store.get_plan(store, plan.id) == plan
    assert [p.id for p in plan_store.list_plans(store)] == [plan.id]

    v2 = plan_store.update_plan(store, plan.id, PlanChange(add_sites=(c,), remove_sites=(a,)), EDITOR, 1)
    assert (v2.version, v2.sites) == (2, (b, c))
    v3 = plan_store.update_plan(store, plan.id, PlanChange(check=("A2", "met", "予算要求済み（2026-11 協議）")), EDITOR)
    assert v3.version == 3 and v3.checks["A2"].status == "met" and v3.checks["A2"].by == "alice"
    v4 = plan_store.update_plan(store, plan.id, PlanChange(status="submitted"), EDITOR, 3)
    v5 = plan_store.update_plan(store, plan.id, PlanChange(sections={"overview": "<b>概要</b>"}), EDITOR, 4)
    assert (v4.status, v5.version, v5.sections["overview"]) == ("submitted", 5, "<b>概要</b>")
    stored = plan_store.get_plan(store, plan.id)
    assert stored == v5 and stored.checks["A2"].evidence == "予算要求済み（2026-11 協議）"
    # a change that changes nothing writes nothing
    assert plan_store.update_plan(store, plan.id, PlanChange(status="submitted"), EDITOR).version == 5

    audit = plan_store.plan_audit(store, plan.id)
    assert list(audit["action"]) == ["create", "update", "update", "update", "update"]
    assert set(audit["user"]) == {"alice"}
    first, members = json.loads(audit["after"][0]), audit.iloc[1]
    assert first["sites"] == [a, b] and first["name"] == "九州 AI・半導体" and pd.isna(audit["before"][0])
    assert json.loads(members["before"]) == {"sites": [a, b]} and json.loads(members["after"]) == {"sites": [b, c]}
    assert json.loads(audit["after"][2])["checks"]["A2"]["status"] == "met"
    assert json.loads(audit["before"][3]) == {"status": "draft"}


def test_refusals_write_nothing(store_target: str, site_rows: Callable[..., pd.DataFrame]) -> None:
    store = open_store(store_target)
    a, b = store.add(site_rows(2, "member"), EDITOR)
    plan = plan_store.create_plan(store, new_plan("A", "計画", "43", [], [a]), EDITOR)
    plan_store.update_plan(store, plan.id, PlanChange(status="submitted"), EDITOR, 1)
    with pytest.raises(PlanConflictError, match="plan_conflict") as stale:  # someone saved version 2 meanwhile
        plan_store.update_plan(store, plan.id, PlanChange(name="古い版からの変更"), EDITOR, 1)
    assert stale.value.params["version"] == 2 and stale.value.params["saved_by"] == "alice"
    with pytest.raises(EditorRequired):
        plan_store.update_plan(store, plan.id, PlanChange(status="adopted"), VIEWER, 2)
    with pytest.raises(EditorRequired):
        plan_store.create_plan(store, new_plan("B", "閲覧者の計画", "43"), VIEWER)
    with pytest.raises(EditorRequired):
        plan_store.create_plan(store, new_plan("B", "名無しの計画", "43"), None)
    with pytest.raises(PlanError, match="plan_site_missing"):
        plan_store.update_plan(store, plan.id, PlanChange(add_sites=(b, 999_999)), EDITOR, 2)
    store.delete(b, 1, EDITOR)
    with pytest.raises(PlanError, match="plan_site_missing"):  # a deleted site is no member either
        plan_store.create_plan(store, new_plan("A", "削除済み", "43", [], [b]), EDITOR)
    with pytest.raises(PlanError, match="plan_requirement_automatic|plan_requirement_unknown"):
        plan_store.update_plan(store, plan.id, PlanChange(check=("A1", "met", "手で")), EDITOR, 2)
    with pytest.raises(PlanNotFoundError, match="plan_not_found"):
        plan_store.get_plan(store, 12345)
    after = plan_store.get_plan(store, plan.id)
    assert (after.version, after.name, after.status, after.sites, dict(after.checks)) == (
        2,
        "計画",
        "submitted",
        (a,),
        {},
    )
    assert [p.name for p in plan_store.list_plans(store)] == ["計画"]
    assert list(plan_store.plan_audit(store)["action"]) == ["create", "update"]


def _run(args: list[str], monkeypatch: pytest.MonkeyPatch, password: str | None = None) -> int:
    if password is not None:
        monkeypatch.setattr("sys.stdin", io.StringIO(password + "\n"))
        args = [*args, "--password-stdin"]
    return cli.main(args)


def test_plan_cli(
    store_env: str,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    site_rows: Callable[..., pd.DataFrame],
) -> None:
    monkeypatch.delenv("CHIIKI_MAP_PASSWORD", raising=False)
    assert _run(["users", "add", "alice", "--role", "editor"], monkeypatch, "s3cret-passphrase") == 0
    assert _run(["users", "add", "bob", "--role", "viewer"], monkeypatch, "viewer-passphrase") == 0
    a, b = open_store().add(site_rows(2, "熊本", investment_oku_yen=250.0, jobs=40), EDITOR)
    capsys.readouterr()
    create = ["plan", "create", "--type", "A", "--name", "九州 AI", "--region", "kyushu", "--field", "ai_semiconductor"]
    # a viewer is refused with exit 2 and nothing is written
    assert _run([*create, "--sites", str(a), "--user", "bob"], monkeypatch, "viewer-passphrase") == 2
    assert "bob" in capsys.readouterr().err
    assert _run(["plan", "list", "--json"], monkeypatch) == 0
    assert json.loads(capsys.readouterr().out) == []

    assert _run([*create, "--sites", str(a), "--json", "--user", "alice"], monkeypatch, "s3cret-passphrase") == 0
    plan_id = json.loads(capsys.readouterr().out)["id"]
    editor = ["--user", "alice"]
    assert _run(["plan", "add-sites", str(plan_id), str(b), *editor], monkeypatch, "s3cret-passphrase") == 0
    check = ["plan", "check", str(plan_id), "A4", "--status", "met", "--evidence", "賃上げ計画 2026"]
    assert _run([*check, *editor], monkeypatch, "s3cret-passphrase") == 0
    assert _run(["plan", "status", str(plan_id), "submitted", *editor], monkeypatch, "s3cret-passphrase") == 0
    stale = ["plan", "status", str(plan_id), "adopted", "--expected-version", "1", *editor]
    assert _run(stale, monkeypatch, "s3cret-passphrase") == 2
    assert _run(["plan", "status", str(plan_id), "adopted", "--user", "bob"], monkeypatch, "viewer-passphrase") == 2
    capsys.readouterr()

    assert _run(["plan", "list", "--region", "43", "--json"], monkeypatch) == 0
    [listed] = json.loads(capsys.readouterr().out)
    assert listed["id"] == plan_id and listed["status"] == "submitted"
    assert _run(["plan", "show", str(plan_id), "--json"], monkeypatch) == 0
    shown = json.loads(capsys.readouterr().out)
    assert (shown["sites"], shown["status"], shown["version"], shown["updated_by"]) == ([a, b], "submitted", 4, "alice")
    assert shown["investment"]["disclosed_oku_yen"] == 500.0 and shown["investment"]["undisclosed_sites"] == 0
    assert shown["labour"]["jobs_disclosed"] == 80
    a4 = next(r for r in shown["requirements"] if r["id"] == "A4")
    assert a4["status"] == "met" and "賃上げ計画 2026" in json.dumps(a4, ensure_ascii=False)
    audit = plan_store.plan_audit(open_store(), plan_id)
    assert list(audit["action"]) == ["create", "update", "update", "update"]

    out = tmp_path / "plan.xlsx"
    assert _run(["plan", "export", str(plan_id), "--out", str(out)], monkeypatch) == 0
    members = pd.read_excel(out, sheet_name=None)
    assert any(len(sheet) == 2 for sheet in members.values())
    assert _run(["plan", "export", str(plan_id), "--out", str(tmp_path / "plan.pdf")], monkeypatch) == 2


def test_a_store_made_before_plans_gets_their_tables(store_target: str) -> None:
    from geo.store import upgrade_store

    open_store(store_target)  # made (GeoPackage) or upgraded (PostGIS fixture) with every table
    drop = ["DROP TABLE plan_audit", "DROP TABLE plans"]
    if store_target.startswith("postgresql://"):
        import psycopg

        with psycopg.connect(store_target, autocommit=True) as con:
            for sql in drop:
                con.execute(sql)
    else:
        import sqlite3

        with sqlite3.connect(store_target) as con:
            for sql in drop:
                con.execute(sql)
    target, steps = upgrade_store(store_target)
    assert steps == ["plans"]
    assert upgrade_store(store_target)[1] == []
    store = open_store(store_target)
    plan = plan_store.create_plan(store, new_plan("C", "有田焼 成長プラン", "41"), EDITOR)
    assert plan_store.get_plan(store, plan.id).name == "有田焼 成長プラン"


def test_b_plan_with_firms_from_the_command_line(
    store_env: str, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    from geo.config import SAMPLE_FIRMS_CSV

    monkeypatch.delenv("CHIIKI_MAP_PASSWORD", raising=False)
    assert _run(["users", "add", "alice", "--role", "editor"], monkeypatch, "s3cret-passphrase") == 0
    capsys.readouterr()
    create = ["plan", "create", "--type", "B", "--name", "熊本 地域産業クラスター計画", "--region", "43"]
    firms = ["--firms", str(SAMPLE_FIRMS_CSV), "--json", "--user", "alice"]
    assert _run([*create, *firms], monkeypatch, "s3cret-passphrase") == 0
    plan_id = json.loads(capsys.readouterr().out)["id"]
    stored = plan_store.list_plans(open_store())
    assert [p.id for p in stored] == [plan_id]
    assert [p.type for p in stored] == ["B"] and len(stored[0].firms) == len(pd.read_csv(SAMPLE_FIRMS_CSV))
    assert _run(["plan", "show", str(stored[0].id), "--json"], monkeypatch) == 0
    shown = json.loads(capsys.readouterr().out)
    assert shown["firms"] and shown["firms"][0]["firm"].startswith("【サンプル】")
    b5 = next(r for r in shown["requirements"] if r["id"] == "B5")
    assert b5["automatic"] is not False and b5["status"] in ("met", "not_met")

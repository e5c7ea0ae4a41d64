"""The README's least-privilege PostGIS role runs the app and the CLI (issue 23 item 6).

The owner creates the tables (``chiiki-map db upgrade``: the ``pg_url`` fixture); the app's role gets
exactly ``USAGE`` on the schema and ``SELECT, INSERT, UPDATE`` on ``sites``, ``audit``, ``activity`` and
``users`` — no DDL, no rights on sequences, no ``DELETE``. Normal use never runs DDL: a store the owner
has not created or upgraded stops with a message saying who runs what.
"""

from __future__ import annotations

import io
import re
import uuid
from collections.abc import Iterator
from pathlib import Path

import psycopg
import pytest
from streamlit.testing.v1 import AppTest

from chiiki_cli import main as cli
from geo.accounts import Actor
from geo.errors import StoreError
from geo.store import open_store
from geo.store.signin import verify
from geo.store.users import LOCKOUT_FAILURES, list_users
from tests.support import REPO
from tests.support.sites import make_site_rows

ADMIN_PW, EDITOR_PW = "granite harbour lamp", "parcel lantern river"
HEADER = "名称,計画類型,分野,状況,経度,緯度\n"


def _app_role(owner_url: str) -> Iterator[str]:
    """A login role with exactly the README's grants on the store of ``owner_url``; its URL."""
    schema = re.search(r"csearch_path%3D(\w+)", owner_url)
    assert schema is not None
    role = f"app_{uuid.uuid4().hex[:10]}"
    server = owner_url.split("?", 1)[0]
    with psycopg.connect(owner_url, autocommit=True) as con:
        con.execute(f"CREATE ROLE {role} LOGIN")
        con.execute(f"GRANT USAGE ON SCHEMA {schema[1]} TO {role}")
        if con.execute("SELECT to_regclass('sites') IS NOT NULL").fetchone()[0]:
            con.execute(f"GRANT SELECT, INSERT, UPDATE ON sites, audit, activity, users TO {role}")
    try:
        yield re.sub(r"://[^@/]+@", f"://{role}@", server) + owner_url[len(server) :]
    finally:
        with psycopg.connect(owner_url, autocommit=True) as con:
            con.execute(f"DROP OWNED BY {role}")
            con.execute(f"DROP ROLE {role}")


@pytest.fixture
def app_url(pg_url: str) -> Iterator[str]:
    """The least-privilege role's URL on a store its owner made."""
    yield from _app_role(pg_url)


@pytest.fixture
def app_url_no_store(pg_empty_url: str) -> Iterator[str]:
    """The least-privilege role's URL on a schema where the owner has not run `chiiki-map db upgrade`."""
    yield from _app_role(pg_empty_url)


def test_dml_only_role_runs_the_store_and_the_cli(
    app_url: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("DATABASE_URL", app_url)
    monkeypatch.setenv("CHIIKI_MAP_VAR", str(tmp_path))
    monkeypatch.delenv("CHIIKI_MAP_STORE", raising=False)
    monkeypatch.setattr("sys.stdin", io.StringIO(f"{ADMIN_PW}\n"))
    assert cli.main(["users", "add", "root", "--role", "admin", "--password-stdin"]) == 0
    monkeypatch.setattr("sys.stdin", io.StringIO(f"{EDITOR_PW}\n"))
    assert cli.main(["users", "add", "eda", "--role", "editor", "--password-stdin"]) == 0
    store = open_store()
    token = store.version_token()
    editor = verify(store, "eda", EDITOR_PW)
    assert editor is not None
    ids = store.add(make_site_rows(3, "dml"), editor)  # ids from the owner's function, rows by COPY
    assert store.version_token() != token  # the change counter moves through the owner's trigger function
    version = store.update(ids[0], {"jobs": 12}, 1, editor)
    store.restore(ids[1], store.delete(ids[1], 1, editor), editor)
    assert store.get(ids[0])["jobs"] == 12 and len(store.audit(ids[1])) == 3
    csv = tmp_path / "sites.csv"
    csv.write_text(HEADER + "最小権限工場,A,半導体,計画中,130.70,32.80\n", encoding="utf-8")
    monkeypatch.setenv("CHIIKI_MAP_PASSWORD", EDITOR_PW)
    assert cli.main(["sites", "import", str(csv), "--user", "eda"]) == 0
    parcels = tmp_path / "p.csv"
    parcels.write_text("団地名,総面積（ha）,分譲可能面積（ha）,経度,緯度\n団地X,20,10,130.70,32.80\n", encoding="utf-8")
    assert cli.main(["land-import", str(parcels), "--user", "eda"]) == 0
    assert cli.main(["sites", "export", "--format", "csv", "--out", str(tmp_path / "out.csv")]) == 0
    for _ in range(LOCKOUT_FAILURES):
        assert verify(store, "eda", "wrong password here") is None
    assert list_users(store).set_index("name").loc["eda", "locked_until"] is not None
    assert cli.main(["users", "unlock", "eda"]) == 0
    assert cli.main(["users", "list"]) == 0
    assert cli.main(["db", "upgrade"]) == 0  # nothing to do: no DDL needed, none run
    assert "is up to date" in capsys.readouterr().out
    assert version == 2 and store.read()["name"].str.startswith("dml").sum() == 3
    with psycopg.connect(app_url) as con, pytest.raises(psycopg.errors.InsufficientPrivilege):
        con.execute("DELETE FROM audit")  # the role really is DML-only without DELETE


@pytest.mark.apptest
def test_dml_only_role_runs_the_app(app_url: str, app_env: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("DATABASE_URL", app_url)
    at = AppTest.from_file(str(REPO / "app.py"), default_timeout=180)
    at.run()
    assert not at.exception, at.exception
    assert not at.error, [e.value for e in at.error]
    assert len(open_store().read()) > 0


def test_without_the_owners_upgrade_the_app_says_who_runs_what(
    app_url_no_store: str, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("DATABASE_URL", app_url_no_store)
    assert cli.main(["users", "list"]) == 2
    err = capsys.readouterr().err
    assert "chiiki-map db upgrade" in err and "owner" in err and "所有者" in err and "Traceback" not in err
    assert cli.main(["db", "upgrade"]) == 2  # the app's role may not create tables: it is told whose step it is
    err = capsys.readouterr().err
    assert "may not create or change the tables" in err and "owner" in err
    with pytest.raises(StoreError) as raised:
        open_store(app_url_no_store)
    assert raised.value.code == "store_needs_upgrade"


def test_an_old_serial_store_is_upgraded_by_its_owner(pg_empty_url: str) -> None:
    """A store made before (serial ids, sequence read directly) keeps its ids after the owner's upgrade."""
    from geo.store import upgrade_store

    _old_store(pg_empty_url)
    with pytest.raises(StoreError):
        open_store(pg_empty_url)
    _, steps = upgrade_store(pg_empty_url)
    assert steps == ["identity", "functions"]
    store = open_store(pg_empty_url)
    before = store.read()["site_id"].max()
    [new] = store.add(make_site_rows(1, "after-upgrade"), Actor("alice", "editor"))
    assert new == before + 1  # ids go on after every id used
    assert upgrade_store(pg_empty_url)[1] == []


def _old_store(url: str) -> None:
    """The tables as the previous version created them: serial ids, a plain trigger function."""
    from sqlalchemy.dialects.postgresql import psycopg as pg_dialect

    from geo.store import pg
    from geo.store.ddl import tables_ddl

    ddl = [re.sub(r"BIGINT GENERATED BY DEFAULT AS IDENTITY", "BIGSERIAL", s) for s in tables_ddl(pg_dialect.dialect())]
    with psycopg.connect(url, autocommit=True) as con:
        for statement in ddl:
            con.execute(statement)
        con.execute("CREATE SEQUENCE sites_change_seq")
        con.execute(
            "CREATE FUNCTION sites_bump_change() RETURNS trigger LANGUAGE plpgsql AS "
            "$$ BEGIN PERFORM nextval('sites_change_seq'); RETURN NULL; END $$"
        )
        con.execute(
            "CREATE TRIGGER sites_changed AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON sites "
            "FOR EACH STATEMENT EXECUTE FUNCTION sites_bump_change()"
        )
        con.execute(
            "INSERT INTO sites (geom, name, version, deleted, is_sample) "
            "SELECT ST_SetSRID(ST_MakePoint(130.8, 32.8), 4326), 'old ' || i, 1, false, false "
            "FROM generate_series(1, 5) AS i"
        )
    pg._ready.discard(url)

"""A file and its record in the store are one unit; a read-only or full store says so (issue 23 item 7).

``land-import`` and ``layer-import`` write a file and an ``activity`` row. With a read-only store nothing is
written and the message says what is wrong and what to do — never to move the store aside, which would
discard its accounts and audit trail. A store that cannot commit the row puts the file back.
"""

from __future__ import annotations

import os
import re
import shutil
import sqlite3
import subprocess
import sys
import tempfile
import uuid
from collections.abc import Iterator
from pathlib import Path

import psycopg
import pytest
from streamlit.testing.v1 import AppTest

from geo.accounts import Actor
from geo.errors import StoreError
from geo.store import open_store
from geo.store.users import activity, add_user
from i18n.errors import bilingual
from tests.support import REPO

PASSWORD = "parcel lantern river"
PARCELS = "団地名,総面積（ha）,分譲可能面積（ha）,経度,緯度\nテスト団地,10,4,130.80,32.88\n"
PORTS = (
    '{"type":"FeatureCollection","features":[{"type":"Feature","properties":{"name":"テスト港"},'
    '"geometry":{"type":"Point","coordinates":[130.40,33.60]}}]}'
)
MOVE_ASIDE = re.compile(r"move (the file|it) aside|別名に移|rename it", re.IGNORECASE)


@pytest.fixture
def shared_dir() -> Iterator[Path]:
    """A folder another user (``nobody``) can read: the store's service account is not the file's owner."""
    base = Path(tempfile.mkdtemp(prefix="chiiki-ro-"))
    base.chmod(0o755)
    try:
        yield base
    finally:
        shutil.rmtree(base, ignore_errors=True)


def _as_reader(cmd: list[str], env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    """Run ``cmd`` as an account that may read but not write the store (``nobody`` when we are root)."""
    if os.geteuid() == 0:
        cmd = ["setpriv", "--reuid=nobody", "--regid=nogroup", "--clear-groups", *cmd]
    return subprocess.run(cmd, cwd=REPO, env=env, capture_output=True, text=True, timeout=300)


@pytest.mark.parametrize("command", ["land-import", "layer-import"])
def test_imports_into_a_read_only_store_write_nothing_and_say_why(shared_dir: Path, command: str) -> None:
    store_dir, var = shared_dir / "store", shared_dir / "var"
    store_dir.mkdir()
    var.mkdir()
    store = open_store(store_dir / "sites.gpkg")
    add_user(store, "lena", "editor", PASSWORD)
    store_dir.chmod(0o755)
    (store_dir / "sites.gpkg").chmod(0o444)  # read-only for everyone but root; root runs the command as nobody
    if os.geteuid() == 0:
        shutil.chown(var, "nobody", "nogroup")  # the run-time folder stays writable: only the store is not
    source = shared_dir / ("parcels.csv" if command == "land-import" else "ports.geojson")
    source.write_text(PARCELS if command == "land-import" else PORTS, encoding="utf-8")
    source.chmod(0o644)
    before = (store_dir / "sites.gpkg").read_bytes()
    env = {
        **{k: v for k, v in os.environ.items() if k not in ("DATABASE_URL", "CHIIKI_MAP_CACHE")},
        "CHIIKI_MAP_STORE": str(store_dir / "sites.gpkg"),
        "CHIIKI_MAP_VAR": str(var),
        "CHIIKI_MAP_PASSWORD": PASSWORD,
        "HOME": str(var),
    }
    argv = [str(source), "--user", "lena"] + ([] if command == "land-import" else ["--layer", "ports"])
    done = _as_reader([sys.executable, "-m", "chiiki_cli.main", command, *argv], env)
    assert done.returncode == 2, (done.stdout, done.stderr)
    assert "read-only" in done.stderr and "読み取り専用" in done.stderr, done.stderr
    assert "write permission" in done.stderr and "Traceback" not in done.stderr
    assert not MOVE_ASIDE.search(done.stderr), "never advise moving a store aside: it holds accounts and audit"
    assert not [p for p in var.rglob("*") if p.is_file()], "no file written without its record"
    assert (store_dir / "sites.gpkg").read_bytes() == before


@pytest.fixture
def signed_in_app(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> AppTest:
    """The 産業用地 page with an editor signed in while the store was still writable."""
    monkeypatch.setenv("CHIIKI_MAP_VAR", str(tmp_path))
    for name in ("CHIIKI_MAP_STORE", "CHIIKI_MAP_CACHE", "DATABASE_URL"):
        monkeypatch.delenv(name, raising=False)
    add_user(open_store(), "lena", "editor", PASSWORD)
    at = AppTest.from_file(str(REPO / "app.py"), default_timeout=180)
    at.run()
    at.switch_page("ui/pages/land.py").run()
    at.sidebar.text_input(key="auth_name").set_value("lena")
    at.sidebar.text_input(key="auth_password").set_value(PASSWORD)
    next(b for b in at.sidebar.button if b.label == "サインイン").click().run()
    at.file_uploader(key="land_file").set_value(("parcels.csv", PARCELS.encode(), "text/csv")).run()
    assert not at.exception, at.exception
    return at


@pytest.mark.apptest
def test_app_import_into_a_store_that_became_read_only(
    signed_in_app: AppTest, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    connect = sqlite3.connect
    monkeypatch.setattr(sqlite3, "connect", lambda path, *a, **k: connect(f"file:{path}?mode=ro", *a, uri=True, **k))
    signed_in_app.button(key="land_import_button").click().run()
    assert not signed_in_app.exception, signed_in_app.exception
    errors = " ".join(e.value for e in signed_in_app.error)
    assert "読み取り専用" in errors and not MOVE_ASIDE.search(errors), errors
    assert not (tmp_path / "land").exists() or not list((tmp_path / "land").iterdir()), "no file without its record"
    monkeypatch.undo()
    assert "land_import" not in activity(open_store())["action"].tolist()


def _failing_commit(monkeypatch: pytest.MonkeyPatch) -> None:
    """The store's disk fills up as the row is committed (SQLite reports SQLITE_FULL)."""
    from sqlalchemy.engine.default import DefaultDialect

    def full(self: DefaultDialect, dbapi_connection: object) -> None:
        error = sqlite3.OperationalError("database or disk is full")
        error.sqlite_errorname = "SQLITE_FULL"  # type: ignore[attr-defined]
        raise error

    monkeypatch.setattr(DefaultDialect, "do_commit", full)


def test_a_file_is_put_back_when_its_record_cannot_be_committed(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    store = open_store(tmp_path / "sites.gpkg")
    kept, new = tmp_path / "kept.parquet", tmp_path / "new.parquet"
    kept.write_bytes(b"the import before")
    _failing_commit(monkeypatch)
    with (
        pytest.raises(StoreError) as err,
        store.recording(Actor("lena", "editor"), "land_import", "x", files=[kept, new]),
    ):
        (tmp_path / "tmp").write_bytes(b"the new import")
        os.replace(tmp_path / "tmp", kept)  # as every writer does: a new file replaces the old one
        new.write_bytes(b"another new file")
    assert err.value.code == "store_disk_full"
    words = bilingual(err.value)
    assert "disk" in words and "ディスクがいっぱい" in words and not MOVE_ASIDE.search(words)
    assert kept.read_bytes() == b"the import before" and not new.exists()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["kept.parquet", "sites.gpkg"], "no backup left over"
    monkeypatch.undo()
    assert "land_import" not in activity(store)["action"].tolist()


def test_a_read_only_postgis_role_writes_nothing(pg_url: str, tmp_path: Path) -> None:
    """A role that may only read: sign-in and writes stop before any file, with the grant to ask for."""
    from geo.store.signin import verify

    add_user(open_store(pg_url), "lena", "editor", PASSWORD)
    role = f"ro_{uuid.uuid4().hex[:10]}"
    schema = re.search(r"csearch_path%3D(\w+)", pg_url)
    assert schema is not None
    with psycopg.connect(pg_url, autocommit=True) as con:
        con.execute(f"CREATE ROLE {role} LOGIN")
        con.execute(f"GRANT USAGE ON SCHEMA {schema[1]} TO {role}")
        con.execute(f"GRANT SELECT ON sites, audit, activity, users TO {role}")
    try:
        url = pg_url.replace("://postgres@", f"://{role}@")
        store = open_store(url)
        assert len(store.read()) > 0
        with pytest.raises(StoreError) as err:
            verify(store, "lena", PASSWORD)
        assert err.value.code == "store_db_read_only" and "SELECT/INSERT/UPDATE" in bilingual(err.value)
        written = tmp_path / "file.parquet"
        with pytest.raises(StoreError), store.recording(Actor("lena", "editor"), "land_import", "x", files=[written]):
            written.write_bytes(b"never")
        assert not written.exists()
    finally:
        with psycopg.connect(pg_url, autocommit=True) as con:
            con.execute(f"DROP OWNED BY {role}")
            con.execute(f"DROP ROLE {role}")

"""The admin role in the store and on the command line, on both backends (issue 13: an admin screen).

An admin ``Actor`` creates accounts, resets passwords, changes roles and unlocks accounts; anyone else
is refused by the store itself; every change leaves an ``activity`` row (never a password); the last
admin keeps the role; an admin also edits sites; stores made before the role are upgraded.
"""

from __future__ import annotations

import io
import json
import sqlite3
from pathlib import Path

import pytest

from chiiki_cli import main as cli
from geo.accounts import Actor
from geo.errors import AccountError, AdminRequired, EditorRequired, StoreError
from geo.store import open_store, upgrade_store
from geo.store.signin import verify
from geo.store.users import (
    LOCKOUT_FAILURES,
    account_activity,
    activity,
    add_user,
    list_users,
    set_password,
    set_role,
    unlock,
    user_record,
)
from tests.support.sites import make_site_rows
from tests.support.wording import raises_words

ADMIN_PW = "harbour lantern seven"
EDITOR_PW = "granite orchard river"
NEW_PW = "copper meadow falcon"


@pytest.fixture
def admin_store(store_target: str):
    """A fresh store with an admin ``root`` (made through the command line's path) and its signed-in Actor."""
    store = open_store(store_target)
    add_user(store, "root", "admin", ADMIN_PW, by="cli:ops")
    root = verify(store, "root", ADMIN_PW)
    assert root is not None and root.can_admin and root.can_edit
    return store, root


def test_admin_manages_accounts_and_every_change_is_audited(admin_store) -> None:
    store, root = admin_store
    add_user(store, "eda", "editor", EDITOR_PW, by=root)
    assert verify(store, "eda", EDITOR_PW) == Actor("eda", "editor")
    set_password(store, "eda", NEW_PW, by=root)
    assert verify(store, "eda", EDITOR_PW) is None and verify(store, "eda", NEW_PW) is not None
    assert set_role(store, "eda", "viewer", by=root) is True
    assert set_role(store, "eda", "viewer", by=root) is False  # no change, no row
    assert verify(store, "eda", NEW_PW) == Actor("eda", "viewer"), "the password stays when only the role changes"
    for _ in range(LOCKOUT_FAILURES):
        verify(store, "eda", "wrong guess")
    assert list_users(store).set_index("name").loc["eda", "locked_until"] is not None
    assert verify(store, "eda", NEW_PW) is None  # locked: the right password is refused too
    assert unlock(store, "eda", by=root) is True
    assert verify(store, "eda", NEW_PW) is not None
    assert list_users(store).set_index("name").loc["eda", "locked_until"] is None

    log = activity(store)
    assert log[["user", "action", "target"]].values.tolist() == [
        ["cli:ops", "user_add", "root"],
        ["root", "user_add", "eda"],
        ["root", "password", "eda"],
        ["root", "role", "eda"],
        ["system", "locked", "eda"],
        ["root", "unlock", "eda"],
    ]
    assert log["at"].notna().all()
    assert json.loads(log["detail"].iloc[3]) == {"role": "viewer", "role_from": "editor"}
    text = " ".join(str(d) for d in log["detail"])
    for secret in (ADMIN_PW, EDITOR_PW, NEW_PW, "argon2"):
        assert secret not in text, "no password or hash in the activity log"
    newest = account_activity(store)
    assert newest["action"].tolist()[:2] == ["unlock", "locked"] and newest["detail"][0]["was_locked"] is True


@pytest.mark.parametrize("role", ["editor", "viewer"])
def test_only_admins_may_manage_accounts(admin_store, role: str) -> None:
    store, root = admin_store
    add_user(store, "someone", role, EDITOR_PW, by=root)
    actor = verify(store, "someone", EDITOR_PW)
    assert actor is not None
    before = activity(store)
    for change in (
        lambda: add_user(store, "mallory", "admin", NEW_PW, by=actor),
        lambda: set_password(store, "root", NEW_PW, by=actor),
        lambda: set_role(store, "someone", "admin", by=actor),
        lambda: unlock(store, "root", by=actor),
    ):
        with raises_words(AdminRequired, "admin sign-in required") as refused:
            change()
        assert isinstance(refused.value, PermissionError)
    assert user_record(store, "mallory") is None and user_record(store, "someone")["role"] == role
    assert verify(store, "root", ADMIN_PW) is not None, "the admin's password is unchanged"
    assert len(activity(store)) == len(before), "nothing was recorded: nothing happened"


def test_a_demoted_or_reset_admin_session_may_no_longer_manage_accounts(admin_store) -> None:
    store, root = admin_store
    add_user(store, "second", "admin", EDITOR_PW, by=root)
    second = verify(store, "second", EDITOR_PW)
    set_role(store, "root", "editor", by=second)  # two admins: allowed
    with raises_words(AdminRequired, "sign in again"):
        add_user(store, "late", "viewer", NEW_PW, by=root)  # root's session is from before the change
    set_password(store, "second", NEW_PW, by=second)  # an admin resets their own password ...
    with raises_words(AdminRequired, "sign in again"):
        unlock(store, "root", by=second)  # ... and must sign in again
    again = verify(store, "second", NEW_PW)
    assert again is not None and unlock(store, "root", by=again) is False


def test_the_last_admin_keeps_the_role(admin_store) -> None:
    store, root = admin_store
    for change in (
        lambda: set_role(store, "root", "editor", by=root),
        lambda: set_password(store, "root", NEW_PW, role="viewer", by=root),
        lambda: set_role(store, "root", "viewer", by="cli:ops"),  # the command line too
    ):
        with raises_words(AccountError, "last admin"):
            change()
    assert user_record(store, "root")["role"] == "admin" and verify(store, "root", ADMIN_PW) is not None
    add_user(store, "deputy", "admin", EDITOR_PW, by=root)
    assert set_role(store, "root", "editor", by=root) is True  # another admin exists now
    with raises_words(AccountError, "last admin"):
        set_role(store, "deputy", "editor", by=verify(store, "deputy", EDITOR_PW))


def test_an_admin_also_edits_sites(admin_store) -> None:
    store, root = admin_store
    [sid] = store.add(make_site_rows(1, "admin-site"), root)
    assert store.audit(sid)["user"].tolist() == ["root"]
    version = store.update(sid, {"company": "テスト"}, 1, root)
    store.delete(sid, version, root)
    viewer = Actor("v", "viewer")
    with pytest.raises(EditorRequired):
        store.add(make_site_rows(1, "viewer-site"), viewer)


def test_a_store_made_before_the_admin_role_is_upgraded_gpkg(tmp_path: Path) -> None:
    path = tmp_path / "old.gpkg"
    store = open_store(path)
    add_user(store, "alice", "editor", EDITOR_PW)
    with sqlite3.connect(path) as con:  # the users table as the previous version made it
        sql = con.execute("SELECT sql FROM sqlite_master WHERE name = 'users'").fetchone()[0]
        old = sql.replace("'editor','viewer','admin'", "'editor','viewer'").replace("users", "users_v1", 1)
        assert old != sql and "'admin'" not in old
        con.execute(old)
        con.execute("INSERT INTO users_v1 SELECT * FROM users")
        con.execute("DROP TABLE users")
        con.execute("ALTER TABLE users_v1 RENAME TO users")
        for col in ("failed_logins", "locked_until", "password_version"):  # and before issue 12's columns
            con.execute(f"ALTER TABLE users DROP COLUMN {col}")
        con.execute("DROP TABLE activity")
        with raises_words(sqlite3.IntegrityError, "CHECK"):
            con.execute("UPDATE users SET role = 'admin' WHERE name = 'alice'")
    store = open_store(path)
    add_user(store, "root", "admin", ADMIN_PW)
    assert verify(store, "alice", EDITOR_PW) == Actor("alice", "editor"), "accounts and hashes kept"
    assert list_users(store)["role"].tolist() == ["editor", "admin"]
    assert activity(store)["action"].tolist() == ["user_add"]
    with sqlite3.connect(path) as con:
        assert con.execute("SELECT COUNT(*) FROM sqlite_master WHERE name = 'users_upgrade'").fetchone()[0] == 0


def test_a_store_made_before_the_admin_role_is_upgraded_postgis(pg_url: str) -> None:
    import psycopg

    from geo.store import pg

    store = open_store(pg_url)
    add_user(store, "alice", "editor", EDITOR_PW)
    with psycopg.connect(pg_url, autocommit=True) as con:
        con.execute("ALTER TABLE users DROP CONSTRAINT users_role_check")
        con.execute("ALTER TABLE users ADD CONSTRAINT users_role_check_v1 CHECK (role IN ('editor','viewer'))")
    pg._ready.discard(pg_url)  # a new process
    with pytest.raises(StoreError) as err:  # the app never changes tables: it says who must
        open_store(pg_url)
    assert err.value.code == "store_needs_upgrade" and err.value.params["steps"] == ("role_check",)
    assert upgrade_store(pg_url)[1] == ["role_check"]  # the owner's `chiiki-map db upgrade`
    store = open_store(pg_url)
    add_user(store, "root", "admin", ADMIN_PW)
    assert verify(store, "alice", EDITOR_PW) == Actor("alice", "editor")
    with psycopg.connect(pg_url) as con:
        checks = con.execute(
            "SELECT conname FROM pg_constraint WHERE conrelid = 'users'::regclass AND contype = 'c'"
        ).fetchall()
    assert [c[0] for c in checks] == ["users_role_check"]


def test_cli_users_add_admin_and_role(
    store_env: str, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setattr("sys.stdin", io.StringIO(f"{ADMIN_PW}\n"))
    assert cli.main(["users", "add", "boss", "--role", "admin", "--password-stdin"]) == 0
    assert "added admin 'boss'" in capsys.readouterr().out
    assert verify(open_store(), "boss", ADMIN_PW) == Actor("boss", "admin")
    monkeypatch.setattr("sys.stdin", io.StringIO(f"{EDITOR_PW}\n"))
    assert cli.main(["users", "add", "eda", "--role", "editor", "--password-stdin"]) == 0
    assert cli.main(["users", "role", "eda", "admin"]) == 0
    assert "'eda' is now admin" in capsys.readouterr().out
    assert cli.main(["users", "role", "eda", "editor"]) == 0
    assert cli.main(["users", "role", "boss", "viewer"]) == 2
    assert "last admin" in capsys.readouterr().err
    assert cli.main(["users", "role", "nobody", "viewer"]) == 2
    assert "no user 'nobody'" in capsys.readouterr().err
    with pytest.raises(SystemExit):
        cli.main(["users", "role", "eda", "boss"])  # not a role: argparse refuses it
    assert cli.main(["users", "list"]) == 0
    listed = capsys.readouterr().out
    assert "boss\tadmin" in listed and "eda\teditor" in listed
    log = activity(open_store())
    assert log["action"].tolist() == ["user_add", "user_add", "role", "role"]
    assert all(u.startswith("cli:") for u in log["user"])

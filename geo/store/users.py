"""Local accounts kept in the store's ``users`` table, each change in one store transaction.

The rules (names, roles, password policy, Argon2id hashing) are ``geo.accounts``'; this module reads and
writes the rows. ``verify`` spends the same hashing work whether the name exists or not, so a failed
sign-in does not reveal which names exist.

Lockout: after ``LOCKOUT_FAILURES`` consecutive wrong passwords an account is locked for
``LOCKOUT_MINUTES`` minutes, in the store, so the CLI and every app session share it; an administrator
unlocks it early with ``unlock`` (``chiiki-map users unlock NAME`` or the app's admin page). Account
changes, lockouts and unlocks are recorded in the store's ``activity`` table (who, when, what, which
account; never a password or hash).

Who may change accounts (``By``): an admin ``Actor`` signed in to the app, checked inside the write
transaction (still an admin, password unchanged since sign-in), or the store's owner through the command
line. The last admin cannot lose the role (``AccountError``), so the app always has someone to manage it.

Sessions: an ``Actor`` from ``verify`` carries the account's password version; ``check_current``
(``geo.store.base``, called inside every store write) refuses it once the password or role has changed.
"""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta
from typing import TypedDict

import pandas as pd

from geo.accounts import ADMIN_ROLE, Actor, check_name, check_role, hash_password, needs_rehash, password_matches
from geo.errors import AccountError, AccountLocked, AdminRequired
from geo.store.base import SiteStoreBase
from geo.store.schema import ACCOUNT_ACTIONS, ACTIVITY_COLUMNS, iso_time, now_utc
from geo.store.sql import SqlTx, as_int

#: Consecutive wrong passwords that lock an account.
LOCKOUT_FAILURES = 10
#: How long a lockout lasts.
LOCKOUT_MINUTES = 15


class UserRecord(TypedDict):
    """One row of the ``users`` table."""

    name: str
    role: str
    password_hash: str
    created_at: str
    updated_at: str
    failed_logins: int
    locked_until: str | None
    password_version: int


def _record(row: dict[str, object]) -> UserRecord:
    return UserRecord(
        name=str(row["name"]),
        role=str(row["role"]),
        password_hash=str(row["password_hash"]),
        created_at=str(row["created_at"]),
        updated_at=str(row["updated_at"]),
        failed_logins=as_int(row.get("failed_logins") or 0),
        locked_until=None if row.get("locked_until") is None else str(row["locked_until"]),
        password_version=as_int(row.get("password_version") or 1),
    )


def user_record(store: SiteStoreBase, name: str) -> UserRecord | None:
    """The ``users`` row of ``name`` (with ``password_hash``) or None.

    Parameters
    ----------
    store
        Any site store.
    name
        The account name as stored.
    """
    with store.transaction(write=False) as tx:
        row = tx.select_user(name)
    return None if row is None else _record(row)


#: Columns of ``list_users`` (never the password hash); ``locked_until`` only while a lockout lasts.
LIST_COLUMNS: list[str] = ["name", "role", "created_at", "updated_at", "locked_until"]


def list_users(store: SiteStoreBase) -> pd.DataFrame:
    """Accounts by name: ``LIST_COLUMNS`` (``locked_until`` None unless the account is locked now)."""
    with store.transaction(write=False) as tx:
        rows = tx.select_users()
    now = [(*row[:4], None if _locked_until({"locked_until": row[4]}) is None else row[4]) for row in rows]
    return pd.DataFrame(now, columns=LIST_COLUMNS).astype(object)


def activity(store: SiteStoreBase) -> pd.DataFrame:
    """The ``activity`` log (accounts, lockouts, land imports), oldest first: ``ACTIVITY_COLUMNS``."""
    with store.transaction(write=False) as tx:
        rows = tx.select_activity()
    return pd.DataFrame(rows, columns=ACTIVITY_COLUMNS)


def account_activity(store: SiteStoreBase) -> pd.DataFrame:
    """The account changes of ``activity`` (``ACCOUNT_ACTIONS``), newest first, ``detail`` parsed to a dict."""
    log = activity(store)
    log = log[log["action"].isin(ACCOUNT_ACTIONS)].iloc[::-1].reset_index(drop=True)
    log["detail"] = [json.loads(str(d)) if d else {} for d in log["detail"]]
    return log


def log_activity(tx: SqlTx, user: str, action: str, target: str | None, **detail: object) -> None:
    """One ``activity`` row in the open transaction ``tx``."""
    tx.insert_activity(user, now_utc(), action, target, json.dumps(detail, ensure_ascii=False) if detail else None)


#: Who changes an account: a signed-in ``Actor`` (the app; must be a current admin) or, as a plain
#: string, the store's owner acting directly (``chiiki-map users``, run by whoever can open the store
#: file or database, recorded as ``cli:<login>``; it needs no account, so the first admin can be made).
By = Actor | str


def _who(by: By) -> dict[str, str]:
    """Who attempted an account change, as error parameters."""
    return {"name": by.name, "role": by.role} if isinstance(by, Actor) else {"name": "", "role": ""}


def _precheck(by: By) -> None:
    """``AdminRequired`` before any work if ``by`` is an ``Actor`` without the admin role."""
    if isinstance(by, Actor) and not (by.can_admin and by.name):
        raise AdminRequired("admin_only", **_who(by))
    if not isinstance(by, Actor | str) or not by:
        raise AdminRequired("admin_nobody", **_who(by))


def _authorise(tx: SqlTx, by: By) -> str:
    """Inside the write: the name to record for ``by``; ``AdminRequired`` unless it may manage accounts now.

    An ``Actor`` with a password version must still be an admin with that version in the store (a
    session signed in before its own password or role changed may no longer manage accounts).
    """
    _precheck(by)
    if isinstance(by, str):
        return by
    if by.password_version is not None:
        row = tx.select_user(by.name)
        if row is None or row["role"] != ADMIN_ROLE or as_int(row["password_version"] or 1) != by.password_version:
            raise AdminRequired("admin_sign_in_again", **_who(by))
    return by.name


def _no_such_user(name: str) -> AccountError:
    return AccountError("account_unknown", name=name)


def _keep_an_admin(tx: SqlTx, current: dict[str, object], role: str) -> None:
    """``AccountError`` if the change would take the admin role from the last admin."""
    if current["role"] != ADMIN_ROLE or role == ADMIN_ROLE:
        return
    if sum(1 for row in tx.select_users() if row[1] == ADMIN_ROLE) <= 1:
        name = current["name"]
        raise AccountError("account_last_admin", name=str(name))


def _save(store: SiteStoreBase, name: str, role: str | None, password_hash: str, create: bool, by: By) -> None:
    """Insert (``create``) or update one user row (``role`` None: keep it), and its activity row, in one write."""
    with store.transaction(write=True) as tx:
        who = _authorise(tx, by)
        current = tx.select_user(name)
        if create and current is not None:
            raise AccountError("account_exists", name=name)
        if current is None and not create:
            raise _no_such_user(name)
        new_role = role or str(current["role"] if current else "")
        if current is not None:
            _keep_an_admin(tx, current, new_role)
        tx.upsert_user(name, new_role, password_hash, now_utc(), create)
        if current is None:
            log_activity(tx, who, "user_add", name, role=new_role)
        else:
            changed = {"role_from": current["role"]} if current["role"] != new_role else {}
            log_activity(tx, who, "password", name, role=new_role, **changed)


def add_user(store: SiteStoreBase, name: str, role: str, password: str, by: By = "store") -> Actor:
    """Create a local account (``by``: who does it, see ``By``).

    Raises
    ------
    geo.errors.AdminRequired
        ``by`` is an ``Actor`` that is not a current admin.
    geo.errors.AccountError
        The name exists, or name, role or password are unusable (``geo.accounts.check_password``).
    """
    _precheck(by)
    name, role = check_name(name), check_role(role)
    _save(store, name, role, hash_password(password, name), create=True, by=by)
    return Actor(name, role, 1)


def set_password(store: SiteStoreBase, name: str, password: str, role: str | None = None, by: By = "store") -> None:
    """Replace the password (and optionally the role) of an existing account; clears a lockout.

    Sessions signed in before the change can no longer write (the password version goes up).

    Raises
    ------
    geo.errors.AdminRequired
        ``by`` is an ``Actor`` that is not a current admin.
    geo.errors.AccountError
        No such account, the role or password are unusable, or the last admin would lose the role.
    """
    _precheck(by)
    name = check_name(name)
    _save(store, name, None if role is None else check_role(role), hash_password(password, name), False, by)


def set_role(store: SiteStoreBase, name: str, role: str, by: By = "store") -> bool:
    """Give an existing account another role (its password stays); returns whether the role changed.

    Sessions of that account signed in before can no longer write or manage accounts.

    Raises
    ------
    geo.errors.AdminRequired
        ``by`` is an ``Actor`` that is not a current admin.
    geo.errors.AccountError
        No such account, an unknown role, or the last admin would lose the role.
    """
    _precheck(by)
    name, role = check_name(name), check_role(role)
    with store.transaction(write=True) as tx:
        who = _authorise(tx, by)
        current = tx.select_user(name)
        if current is None:
            raise _no_such_user(name)
        if current["role"] == role:
            return False
        _keep_an_admin(tx, current, role)
        tx.update_role(name, role, now_utc())
        log_activity(tx, who, "role", name, role=role, role_from=current["role"])
    return True


def unlock(store: SiteStoreBase, name: str, by: By = "store") -> bool:
    """End a lockout and reset the failure count; returns whether the account was locked.

    Raises
    ------
    geo.errors.AdminRequired
        ``by`` is an ``Actor`` that is not a current admin.
    geo.errors.AccountError
        No such account.
    """
    _precheck(by)
    name = check_name(name)
    with store.transaction(write=True) as tx:
        who = _authorise(tx, by)
        row = tx.select_user(name)
        if row is None:
            raise _no_such_user(name)
        was_locked = _locked_until(row) is not None
        tx.update_login(name, 0, None)
        log_activity(tx, who, "unlock", name, was_locked=was_locked, failed_logins=as_int(row["failed_logins"] or 0))
    return was_locked


def _now() -> datetime:
    return datetime.now(UTC)


def _locked_until(row: dict[str, object]) -> datetime | None:
    """When the lockout of ``row`` ends, or None if the account is not locked now."""
    value = row.get("locked_until")
    if value is None:
        return None
    until = datetime.fromisoformat(str(value).replace("Z", "+00:00"))
    return until if until > _now() else None


def _locked_error(name: str, until: datetime) -> AccountLocked:
    local = until.astimezone().strftime("%H:%M")
    return AccountLocked("account_locked", name=name, until=local, failures=LOCKOUT_FAILURES)


def verify(store: SiteStoreBase, name: str, password: str) -> Actor | None:
    """The ``Actor`` if ``password`` is right for ``name``, else None (same work for unknown names).

    A wrong password counts towards the lockout; a right one resets the count.

    Raises
    ------
    geo.errors.AccountLocked
        The account is locked (the password is not even checked).
    """
    try:
        key = check_name(name)
    except AccountError:
        key = None
    row = None
    if key is not None:
        with store.transaction(write=False) as tx:
            row = tx.select_user(key)
    if row is not None:
        until = _locked_until(row)
        if until is not None:
            raise _locked_error(str(row["name"]), until)
    ok = password_matches(str(row["password_hash"]) if row else None, password)
    if row is None:
        return None
    if ok and not row["failed_logins"] and row["locked_until"] is None and not needs_rehash(str(row["password_hash"])):
        return Actor(str(row["name"]), str(row["role"]), as_int(row["password_version"] or 1))  # nothing to write
    with store.transaction(write=True) as tx:
        current = tx.select_user(str(row["name"]))
        if current is None:
            return None
        if not ok:
            failed = as_int(current["failed_logins"] or 0) + 1
            if failed >= LOCKOUT_FAILURES:
                until = _now() + timedelta(minutes=LOCKOUT_MINUTES)
                tx.update_login(str(row["name"]), 0, iso_time(until))
                log_activity(tx, "system", "locked", str(row["name"]), failures=failed, until=iso_time(until))
            else:
                tx.update_login(str(row["name"]), failed, None)
            return None
        if current["failed_logins"] or current["locked_until"] is not None:
            tx.update_login(str(row["name"]), 0, None)
        if current["password_hash"] == row["password_hash"] and needs_rehash(str(row["password_hash"])):
            tx.upsert_user(str(row["name"]), str(row["role"]), hash_password(password), now_utc(), create=False)
            current = tx.select_user(str(row["name"])) or current
    return Actor(str(current["name"]), str(current["role"]), as_int(current["password_version"] or 1))

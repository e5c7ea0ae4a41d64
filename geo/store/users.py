"""Local accounts kept in the store's ``users`` table, each change in one store transaction.

The rules (names, roles, password policy, Argon2id hashing) are ``geo.accounts``'; this module reads and
writes the rows. ``verify`` spends the same hashing work whether the name exists or not, so a failed
sign-in does not reveal which names exist.

Lockout: after ``LOCKOUT_FAILURES`` consecutive wrong passwords an account is locked for
``LOCKOUT_MINUTES`` minutes, in the store, so the CLI and every app session share it; an administrator
unlocks it early with ``unlock`` (``chiiki-map users unlock NAME``). Account changes, lockouts and
unlocks are recorded in the store's ``activity`` table.

Sessions: an ``Actor`` from ``verify`` carries the account's password version; ``check_current``
(``geo.store.base``, called inside every store write) refuses it once the password or role has changed.
"""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta
from typing import TypedDict

import pandas as pd

from geo.accounts import Actor, check_name, check_role, hash_password, needs_rehash, password_matches
from geo.errors import AccountError, AccountLocked
from geo.store.base import SiteStoreBase
from geo.store.schema import ACTIVITY_COLUMNS, USER_COLUMNS, iso_time, now_utc
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


def list_users(store: SiteStoreBase) -> pd.DataFrame:
    """Users without password hashes: name, role, created_at, updated_at (by name)."""
    with store.transaction(write=False) as tx:
        rows = tx.select_users()
    return pd.DataFrame(rows, columns=[c for c in USER_COLUMNS if c != "password_hash"])


def activity(store: SiteStoreBase) -> pd.DataFrame:
    """The ``activity`` log (accounts, lockouts, land imports), oldest first: ``ACTIVITY_COLUMNS``."""
    with store.transaction(write=False) as tx:
        rows = tx.select_activity()
    return pd.DataFrame(rows, columns=ACTIVITY_COLUMNS)


def log_activity(tx: SqlTx, user: str, action: str, target: str | None, **detail: object) -> None:
    """One ``activity`` row in the open transaction ``tx``."""
    tx.insert_activity(user, now_utc(), action, target, json.dumps(detail, ensure_ascii=False) if detail else None)


def _save(store: SiteStoreBase, name: str, role: str, password_hash: str, create: bool, by: str, action: str) -> None:
    """Insert (``create``) or update one user row, and its activity row, in one write transaction."""
    with store.transaction(write=True) as tx:
        current = tx.select_user(name)
        if create and current is not None:
            raise AccountError(f"user '{name}' already exists: use set_password to change the password")
        if not create and current is None:
            raise AccountError(f"no user '{name}': add it first (chiiki-map users add {name} --role ...)")
        tx.upsert_user(name, role, password_hash, now_utc(), create)
        if action:
            changed_role = current is not None and current["role"] != role
            log_activity(tx, by, action, name, role=role, **({"role_changed": True} if changed_role else {}))


def add_user(store: SiteStoreBase, name: str, role: str, password: str, by: str = "admin") -> Actor:
    """Create a local account (``by``: who did it, for the activity log).

    Raises
    ------
    geo.errors.AccountError
        The name exists, or name, role or password are unusable (``geo.accounts.check_password``).
    """
    name, role = check_name(name), check_role(role)
    _save(store, name, role, hash_password(password, name), create=True, by=by, action="user_add")
    return Actor(name, role, 1)


def set_password(store: SiteStoreBase, name: str, password: str, role: str | None = None, by: str = "admin") -> None:
    """Replace the password (and optionally the role) of an existing account; clears a lockout.

    Sessions signed in before the change can no longer write (the password version goes up).

    Raises
    ------
    geo.errors.AccountError
        No such account, or the role or password are unusable.
    """
    name = check_name(name)
    row = user_record(store, name)
    if row is None:
        raise AccountError(f"no user '{name}': add it first (chiiki-map users add {name} --role editor)")
    _save(
        store,
        name,
        check_role(role or row["role"]),
        hash_password(password, name),
        create=False,
        by=by,
        action="password",
    )


def unlock(store: SiteStoreBase, name: str, by: str = "admin") -> bool:
    """End a lockout and reset the failure count; returns whether the account was locked.

    Raises
    ------
    geo.errors.AccountError
        No such account.
    """
    name = check_name(name)
    with store.transaction(write=True) as tx:
        row = tx.select_user(name)
        if row is None:
            raise AccountError(f"no user '{name}': see chiiki-map users list")
        was_locked = _locked_until(row) is not None
        tx.update_login(name, 0, None)
        log_activity(tx, by, "unlock", name, was_locked=was_locked, failed_logins=as_int(row["failed_logins"] or 0))
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
    return AccountLocked(
        f"'{name}' はパスワードを {LOCKOUT_FAILURES} 回続けて間違えたため {local} までロックされています / "
        f"account '{name}' is locked until {local} after {LOCKOUT_FAILURES} wrong passwords in a row: wait, "
        f"or ask an administrator to run `chiiki-map users unlock {name}`"
    )


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

"""Local accounts kept in the store's ``users`` table, each change in one store transaction.

The rules (names, roles, password length, Argon2id hashing) are ``geo.accounts``'; this module only
reads and writes the rows. ``verify`` spends the same hashing work whether the name exists or not,
so a failed sign-in does not reveal which names exist.
"""

from __future__ import annotations

from typing import TypedDict

import pandas as pd

from geo.accounts import Actor, check_name, check_role, hash_password, needs_rehash, password_matches
from geo.errors import AccountError
from geo.store.base import SiteStoreBase
from geo.store.schema import USER_COLUMNS, now_utc


class UserRecord(TypedDict):
    """One row of the ``users`` table."""

    name: str
    role: str
    password_hash: str
    created_at: str
    updated_at: str


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
    return None if row is None else UserRecord(**{c: str(row[c]) for c in USER_COLUMNS})  # type: ignore[typeddict-item]


def list_users(store: SiteStoreBase) -> pd.DataFrame:
    """Users without password hashes: name, role, created_at, updated_at (by name)."""
    with store.transaction(write=False) as tx:
        rows = tx.select_users()
    return pd.DataFrame(rows, columns=[c for c in USER_COLUMNS if c != "password_hash"])


def _save(store: SiteStoreBase, name: str, role: str, password_hash: str, create: bool) -> None:
    """Insert (``create``) or update one user row in one write transaction."""
    with store.transaction(write=True) as tx:
        exists = tx.select_user(name) is not None
        if create and exists:
            raise AccountError(f"user '{name}' already exists: use set_password to change the password")
        if not create and not exists:
            raise AccountError(f"no user '{name}': add it first (chiiki-map users add {name} --role ...)")
        tx.upsert_user(name, role, password_hash, now_utc(), create)


def add_user(store: SiteStoreBase, name: str, role: str, password: str) -> Actor:
    """Create a local account.

    Raises
    ------
    geo.errors.AccountError
        The name exists, or name, role or password are unusable.
    """
    name, role = check_name(name), check_role(role)
    _save(store, name, role, hash_password(password), create=True)
    return Actor(name, role)


def set_password(store: SiteStoreBase, name: str, password: str, role: str | None = None) -> None:
    """Replace the password (and optionally the role) of an existing account.

    Raises
    ------
    geo.errors.AccountError
        No such account, or the role or password are unusable.
    """
    name = check_name(name)
    row = user_record(store, name)
    if row is None:
        raise AccountError(f"no user '{name}': add it first (chiiki-map users add {name} --role editor)")
    _save(store, name, check_role(role or row["role"]), hash_password(password), create=False)


def verify(store: SiteStoreBase, name: str, password: str) -> Actor | None:
    """The ``Actor`` if ``password`` is right for ``name``, else None (same work for unknown names)."""
    try:
        row = user_record(store, check_name(name))
    except AccountError:
        row = None
    if not password_matches(row["password_hash"] if row else None, password) or row is None:
        return None
    if needs_rehash(row["password_hash"]):
        _save(store, row["name"], row["role"], hash_password(password), create=False)
    return Actor(row["name"], row["role"])

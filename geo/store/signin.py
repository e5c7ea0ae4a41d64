"""Signing in with a local account, and the lockout after ``LOCKOUT_FAILURES`` wrong passwords in a row.

``verify`` spends the same hashing work whether the name exists or not, so a failed sign-in does not
reveal which names exist. The lockout lasts ``LOCKOUT_MINUTES`` minutes and lives in the store, so the
CLI and every app session share it; an administrator ends it early (``geo.store.users.unlock``).

Sessions: an ``Actor`` from ``verify`` carries the account's password version; ``check_current``
(``geo.store.base``, called inside every store write) refuses it once the password or role has changed.
"""

from __future__ import annotations

import logging
from datetime import UTC, datetime, timedelta

from geo.accounts import Actor, check_name, hash_password, needs_rehash, password_matches
from geo.errors import AccountError, AccountLocked
from geo.store import activity as activity_rows
from geo.store import users
from geo.store.backend import as_int
from geo.store.base import SiteStoreBase
from geo.store.schema import iso_time, now_utc
from geo.store.users import LOCKOUT_FAILURES, LOCKOUT_MINUTES

log = logging.getLogger(__name__)

__all__ = ["LOCKOUT_FAILURES", "LOCKOUT_MINUTES", "verify"]


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
            row = users.select_one(tx, key)
    if row is not None:
        until = users.locked_until(row["locked_until"])
        if until is not None:
            raise _locked_error(str(row["name"]), until)
    ok = password_matches(str(row["password_hash"]) if row else None, password)
    if row is None:
        return None
    if ok and not row["failed_logins"] and row["locked_until"] is None and not needs_rehash(str(row["password_hash"])):
        return Actor(str(row["name"]), str(row["role"]), as_int(row["password_version"] or 1))  # nothing to write
    with store.transaction(write=True) as tx:
        current = users.select_one(tx, str(row["name"]))
        if current is None:
            return None
        if not ok:
            failed = as_int(current["failed_logins"] or 0) + 1
            if failed >= LOCKOUT_FAILURES:
                until = datetime.now(UTC) + timedelta(minutes=LOCKOUT_MINUTES)
                users.set_login(tx, str(row["name"]), 0, iso_time(until))
                activity_rows.log(tx, "system", "locked", str(row["name"]), failures=failed, until=iso_time(until))
            else:
                users.set_login(tx, str(row["name"]), failed, None)
            return None
        if current["failed_logins"] or current["locked_until"] is not None:
            users.set_login(tx, str(row["name"]), 0, None)
        if current["password_hash"] == row["password_hash"] and needs_rehash(str(row["password_hash"])):
            users.update_password(tx, str(row["name"]), str(row["role"]), hash_password(password), now_utc())
            current = users.select_one(tx, str(row["name"])) or current
    return Actor(str(current["name"]), str(current["role"]), as_int(current["password_version"] or 1))

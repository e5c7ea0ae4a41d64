"""Signing in with a local account, and the lockout after ``LOCKOUT_FAILURES`` wrong passwords in a row.

Each sign-in is counted *before* its password is checked, in one conditional UPDATE that also sets the
lock at the limit (``geo.store.users.count_attempt``), so concurrent sign-ins cannot check more than
``LOCKOUT_FAILURES`` passwords, nor undo a lock; a right password only resets the count if no lock came
in between (``clear_attempts``). The lockout lasts ``LOCKOUT_MINUTES`` minutes and lives in the store, so
the CLI and every app session share it; an administrator ends it early (``geo.store.users.unlock``).

Names cannot be probed: an unknown name, a locked account and a wrong password all answer None after the
same hashing work. Counting needs a writable store, so on a read-only store nobody signs in (the
``StoreError`` says why) — otherwise the lockout could not hold.

Sessions: an ``Actor`` from ``verify`` carries the account's password version; ``check_current``
(``geo.store.base``, called inside every store write) refuses it once the password or role has changed.
"""

from __future__ import annotations

import logging
from datetime import UTC, datetime, timedelta

from geo.accounts import Actor, check_name, hash_password, needs_rehash, password_matches
from geo.errors import AccountError
from geo.store import activity as activity_rows
from geo.store import users
from geo.store.backend import as_int
from geo.store.base import SiteStoreBase
from geo.store.schema import iso_time, now_utc
from geo.store.users import LOCKOUT_FAILURES, LOCKOUT_MINUTES

log = logging.getLogger(__name__)

__all__ = ["LOCKOUT_FAILURES", "LOCKOUT_MINUTES", "verify"]


def verify(store: SiteStoreBase, name: str, password: str) -> Actor | None:
    """The ``Actor`` if ``password`` is right for ``name`` and the account is not locked, else None.

    Unknown names, locked accounts and wrong passwords all give None after the same hashing work (names
    cannot be probed). A wrong password counts towards the lockout; a right one resets the count.

    Raises
    ------
    geo.errors.StoreError
        The store cannot count the attempt (read-only, full, unreachable): nobody signs in.
    """
    try:
        key: str | None = check_name(name)
    except AccountError:
        key = None
    now = datetime.now(UTC)
    at, lock_until = str(iso_time(now)), str(iso_time(now + timedelta(minutes=LOCKOUT_MINUTES)))
    row = None
    if key is not None:
        with store.transaction(write=True) as tx:
            row = users.count_attempt(tx, key, at, lock_until)
    ok = password_matches(None if row is None else str(row["password_hash"]), password)
    if row is None:
        log.warning("sign-in refused for %r: no such account, or the account is locked", key or "(invalid name)")
        return None
    account, mine = str(row["name"]), None if row["locked_until"] is None else lock_until
    if not ok:
        if mine is not None:
            with store.transaction(write=True) as tx:
                activity_rows.log(tx, "system", "locked", account, failures=LOCKOUT_FAILURES, until=mine)
            log.warning("account %r locked until %s after %d wrong passwords", account, mine, LOCKOUT_FAILURES)
        else:
            log.warning("sign-in failed for %r: wrong password", account)
        return None
    with store.transaction(write=True) as tx:
        if not users.clear_attempts(tx, account, str(row["password_hash"]), at, mine):
            log.warning("sign-in refused for %r: locked (or its password changed) while it was checked", account)
            return None
        current = users.select_one(tx, account)
        if current is not None and needs_rehash(str(current["password_hash"])):
            users.update_password(tx, account, str(current["role"]), hash_password(password), now_utc())
            current = users.select_one(tx, account)
    if current is None:
        return None
    log.info("signed in: %r (%s)", account, current["role"])
    return Actor(account, str(current["role"]), as_int(current["password_version"] or 1))

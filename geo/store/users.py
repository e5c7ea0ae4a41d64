"""The ``users`` aggregate: local accounts kept in the store's ``users`` table, each change in one transaction.

The rules (names, roles, password policy, Argon2id hashing) are ``geo.accounts``'; this module reads and
writes the rows; signing in (and the lockout) is ``geo.store.signin``. Account changes and unlocks are
recorded in the store's ``activity`` table (who, when, what, which account; never a password or hash).

Who may change accounts (``By``): an admin ``Actor`` signed in to the app, checked inside the write
transaction (still an admin, password unchanged since sign-in), or the store's owner through the command
line. The last admin cannot lose the role (``AccountError``), so the app always has someone to manage it.
"""

from __future__ import annotations

import json
import logging
from datetime import UTC, datetime
from typing import TypedDict

import pandas as pd
from sqlalchemy import ColumnElement, case, cast, insert, literal, null, or_, select, update

from geo.accounts import ADMIN_ROLE, Actor, check_name, check_role, hash_password
from geo.errors import AccountError, AdminRequired
from geo.store import activity as activity_rows
from geo.store.backend import Record, Tx, as_int, read_time
from geo.store.base import SiteStoreBase
from geo.store.schema import ACCOUNT_ACTIONS, ACTIVITY_COLUMNS, USER_COLUMNS, USER_SECURITY_COLUMNS, USERS, now_utc

log = logging.getLogger(__name__)

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


# ---------------------------------------------------------------------------------- statements
_READ = [*USER_COLUMNS, *USER_SECURITY_COLUMNS]


def select_one(tx: Tx, name: str) -> Record | None:
    """The user row of ``name`` (``USER_COLUMNS`` and ``USER_SECURITY_COLUMNS``) or None."""
    row = tx.conn.execute(select(*(USERS.c[c] for c in _READ)).where(USERS.c.name == name)).first()
    if row is None:
        return None
    return {c: read_time(v) if c.endswith(("_at", "_until")) else v for c, v in zip(_READ, row)}


def select_all(tx: Tx) -> list[tuple[object, ...]]:
    """(name, role, created_at, updated_at, locked_until) of every user, by name."""
    cols = [USERS.c[c] for c in ("name", "role", "created_at", "updated_at", "locked_until")]
    rows = tx.conn.execute(select(*cols).order_by(USERS.c.name)).all()
    return [(r[0], r[1], read_time(r[2]), read_time(r[3]), read_time(r[4])) for r in rows]


def insert_one(tx: Tx, name: str, role: str, password_hash: str, at: str) -> None:
    """A new account."""
    values = {"name": name, "role": role, "password_hash": password_hash, "created_at": at, "updated_at": at}
    tx.conn.execute(insert(USERS).values(values))


def update_password(tx: Tx, name: str, role: str, password_hash: str, at: str) -> None:
    """New role and hash: the password version goes up (older sessions lose write access), lockout cleared."""
    values = {
        "role": role,
        "password_hash": password_hash,
        "updated_at": at,
        "password_version": USERS.c.password_version + 1,
        "failed_logins": 0,
        "locked_until": None,
    }
    tx.conn.execute(update(USERS).where(USERS.c.name == name).values(values))


def update_role(tx: Tx, name: str, role: str, at: str) -> None:
    """A new role, same password: the password version goes up (older sessions lose their rights)."""
    values = {"role": role, "updated_at": at, "password_version": USERS.c.password_version + 1}
    tx.conn.execute(update(USERS).where(USERS.c.name == name).values(values))


def clear_lockout(tx: Tx, name: str) -> None:
    """No failed sign-ins, no lockout (an admin's unlock)."""
    tx.conn.execute(update(USERS).where(USERS.c.name == name).values(failed_logins=0, locked_until=None))


def _unlocked(now: str, mine: str | None = None) -> ColumnElement[bool]:
    """No lockout in force at ``now`` (ISO text), or only the one set by this attempt (``mine``)."""
    free = or_(USERS.c.locked_until.is_(None), USERS.c.locked_until <= now)
    return free if mine is None else or_(free, USERS.c.locked_until == mine)


def count_attempt(tx: Tx, name: str, now: str, lock_until: str) -> Record | None:
    """Count one sign-in attempt of ``name`` and lock the account at the limit: ONE conditional UPDATE.

    The attempt is counted before its password is checked, so however many sign-ins run at once, at most
    ``LOCKOUT_FAILURES`` passwords are checked before the lock; the attempt that reaches the limit sets
    ``locked_until`` to ``lock_until`` (and the count back to 0). Returns the account's name, role, hash,
    password version and ``locked_until`` (not None: this attempt locked it), or None when no such account
    exists or it is locked at ``now`` (nothing counted, nothing to check).
    """
    reached, kind = USERS.c.failed_logins + 1 >= LOCKOUT_FAILURES, USERS.c.locked_until.type
    stmt = (
        update(USERS)
        .where(USERS.c.name == name, _unlocked(now))
        .values(
            failed_logins=case((reached, 0), else_=USERS.c.failed_logins + 1),
            # both branches typed as the column, so that PostgreSQL reads the text as a timestamptz
            locked_until=case((reached, literal(lock_until, kind)), else_=cast(null(), kind)),
        )
        .returning(*(USERS.c[c] for c in ("name", "role", "password_hash", "password_version", "locked_until")))
    )
    row = tx.conn.execute(stmt).first()
    return None if row is None else dict(row._mapping)


def clear_attempts(tx: Tx, name: str, password_hash: str, now: str, mine: str | None) -> bool:
    """After a right password: the count back to 0; False (nothing changed) if that is not allowed now.

    Allowed only while the hash is still the one checked and no lockout is in force but the one this
    attempt set (``mine``).
    """
    stmt = update(USERS).where(USERS.c.name == name, USERS.c.password_hash == password_hash, _unlocked(now, mine))
    return tx.conn.execute(stmt.values(failed_logins=0, locked_until=None)).rowcount == 1


# ---------------------------------------------------------------------------------- reading
def _record(row: Record) -> UserRecord:
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
        row = select_one(tx, name)
    return None if row is None else _record(row)


#: Columns of ``list_users`` (never the password hash); ``locked_until`` only while a lockout lasts.
LIST_COLUMNS: list[str] = ["name", "role", "created_at", "updated_at", "locked_until"]


def locked_until(value: object) -> datetime | None:
    """When a stored lockout end ``value`` lies in the future, that time; else None (not locked now)."""
    if value is None:
        return None
    until = datetime.fromisoformat(str(value).replace("Z", "+00:00"))
    return until if until > datetime.now(UTC) else None


def list_users(store: SiteStoreBase) -> pd.DataFrame:
    """Accounts by name: ``LIST_COLUMNS`` (``locked_until`` None unless the account is locked now)."""
    with store.transaction(write=False) as tx:
        rows = select_all(tx)
    now = [(*row[:4], None if locked_until(row[4]) is None else row[4]) for row in rows]
    return pd.DataFrame(now, columns=LIST_COLUMNS).astype(object)


def activity(store: SiteStoreBase) -> pd.DataFrame:
    """The ``activity`` log (accounts, lockouts, land imports), oldest first: ``ACTIVITY_COLUMNS``."""
    with store.transaction(write=False) as tx:
        rows = activity_rows.select_rows(tx)
    return pd.DataFrame(rows, columns=ACTIVITY_COLUMNS)


def account_activity(store: SiteStoreBase) -> pd.DataFrame:
    """The account changes of ``activity`` (``ACCOUNT_ACTIONS``), newest first, ``detail`` parsed to a dict."""
    log_frame = activity(store)
    log_frame = log_frame[log_frame["action"].isin(ACCOUNT_ACTIONS)].iloc[::-1].reset_index(drop=True)
    log_frame["detail"] = [json.loads(str(d)) if d else {} for d in log_frame["detail"]]
    return log_frame


# ---------------------------------------------------------------------------------- changing
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


def _authorise(tx: Tx, by: By) -> str:
    """Inside the write: the name to record for ``by``; ``AdminRequired`` unless it may manage accounts now.

    An ``Actor`` with a password version must still be an admin with that version in the store (a
    session signed in before its own password or role changed may no longer manage accounts).
    """
    _precheck(by)
    if isinstance(by, str):
        return by
    if by.password_version is not None:
        row = select_one(tx, by.name)
        if row is None or row["role"] != ADMIN_ROLE or as_int(row["password_version"] or 1) != by.password_version:
            raise AdminRequired("admin_sign_in_again", **_who(by))
    return by.name


def _no_such_user(name: str) -> AccountError:
    return AccountError("account_unknown", name=name)


def _keep_an_admin(tx: Tx, current: Record, role: str) -> None:
    """``AccountError`` if the change would take the admin role from the last admin."""
    if current["role"] != ADMIN_ROLE or role == ADMIN_ROLE:
        return
    if sum(1 for row in select_all(tx) if row[1] == ADMIN_ROLE) <= 1:
        name = current["name"]
        raise AccountError("account_last_admin", name=str(name))


def _save(store: SiteStoreBase, name: str, role: str | None, password_hash: str, create: bool, by: By) -> None:
    """Insert (``create``) or update one user row (``role`` None: keep it), and its activity row, in one write."""
    with store.transaction(write=True) as tx:
        who = _authorise(tx, by)
        current = select_one(tx, name)
        if create and current is not None:
            raise AccountError("account_exists", name=name)
        if current is None and not create:
            raise _no_such_user(name)
        new_role = role or str(current["role"] if current else "")
        if current is None:
            insert_one(tx, name, new_role, password_hash, now_utc())
            activity_rows.log(tx, who, "user_add", name, role=new_role)
        else:
            _keep_an_admin(tx, current, new_role)
            update_password(tx, name, new_role, password_hash, now_utc())
            changed = {"role_from": current["role"]} if current["role"] != new_role else {}
            activity_rows.log(tx, who, "password", name, role=new_role, **changed)
    log.info("account %r: %s by %r (role %s)", name, "created" if create else "password set", who, new_role)


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
        current = select_one(tx, name)
        if current is None:
            raise _no_such_user(name)
        if current["role"] == role:
            return False
        _keep_an_admin(tx, current, role)
        update_role(tx, name, role, now_utc())
        activity_rows.log(tx, who, "role", name, role=role, role_from=current["role"])
    log.info("account %r: role %s -> %s by %r", name, current["role"], role, who)
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
        row = select_one(tx, name)
        if row is None:
            raise _no_such_user(name)
        was_locked = locked_until(row["locked_until"]) is not None
        clear_lockout(tx, name)
        failed = as_int(row["failed_logins"] or 0)
        activity_rows.log(tx, who, "unlock", name, was_locked=was_locked, failed_logins=failed)
    log.info("account %r unlocked by %r (was locked: %s)", name, who, was_locked)
    return was_locked

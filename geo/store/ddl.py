"""Schema statements both backends run to create a store or bring an older one up to date.

Only store creation and upgrades run these (``GpkgSiteStore.create/upgrade``, ``PgSiteStore.upgrade``,
``chiiki-map db upgrade``); normal use never runs DDL.
"""

from __future__ import annotations

from collections.abc import Sequence

from sqlalchemy.engine import Dialect
from sqlalchemy.schema import CreateIndex, CreateTable, MetaData

from geo.store.schema import KINDS, METADATA, ROLE_CHECK, USER_SECURITY_COLUMNS, USERS


def tables_ddl(dialect: Dialect) -> list[str]:
    """CREATE TABLE/INDEX IF NOT EXISTS statements for ``sites``, ``audit``, ``users`` and ``activity``."""
    out = []
    for table in METADATA.sorted_tables:
        out.append(str(CreateTable(table, if_not_exists=True).compile(dialect=dialect)).strip())
        out.extend(str(CreateIndex(ix, if_not_exists=True).compile(dialect=dialect)).strip() for ix in table.indexes)
    return out


def user_columns_ddl(dialect: Dialect, user_columns: set[str]) -> list[str]:
    """``ALTER TABLE users ADD COLUMN`` for the sign-in columns a store made by an earlier version lacks.

    Parameters
    ----------
    dialect
        The backend's SQLAlchemy dialect.
    user_columns
        The columns ``users`` has now.
    """
    defaults = {"failed_logins": " NOT NULL DEFAULT 0", "password_version": " NOT NULL DEFAULT 1"}
    out = []
    for col, kind in USER_SECURITY_COLUMNS.items():
        if col not in user_columns:
            sql_type = KINDS[kind].postgresql if dialect.name == "postgresql" else KINDS[kind].sqlite
            out.append(f"ALTER TABLE users ADD COLUMN {col} {sql_type}{defaults.get(col, '')}")
    return out


def role_check_ddl(dialect: Dialect, old_constraints: Sequence[str] = ()) -> list[str]:
    """Statements that make ``users`` admit every role of ``ROLES`` (for a store made with fewer roles).

    PostgreSQL swaps the CHECK constraints ``old_constraints`` for the current one; SQLite cannot alter
    a CHECK, so the table is rebuilt (created anew, rows copied, old table dropped, new one renamed).

    Parameters
    ----------
    dialect
        The backend's SQLAlchemy dialect.
    old_constraints
        PostgreSQL: the names of the CHECK constraints on ``users.role`` now.
    """
    if dialect.name == "postgresql":
        drop = ['ALTER TABLE users DROP CONSTRAINT "{}"'.format(n.replace('"', '""')) for n in old_constraints]
        return [*drop, f"ALTER TABLE users ADD CONSTRAINT users_role_check CHECK ({ROLE_CHECK})"]
    cols = ", ".join(c.name for c in USERS.columns)
    return [
        str(CreateTable(USERS.to_metadata(MetaData(), name="users_upgrade")).compile(dialect=dialect)).strip(),
        f"INSERT INTO users_upgrade ({cols}) SELECT {cols} FROM users",
        "DROP TABLE users",
        "ALTER TABLE users_upgrade RENAME TO users",
    ]

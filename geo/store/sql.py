"""The statements both backends run, written once with SQLAlchemy Core over ``geo.store.schema``.

``SqlTx`` wraps one open transaction: the DB-API cursor the backend opened, so locking stays the
backend's own (``BEGIN IMMEDIATE`` on the GeoPackage, advisory locks on PostGIS). Statements are
built from the ``Table`` objects with bind parameters, compiled once per ``Dialect`` and statement
shape, and run on that cursor.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from typing import Protocol, cast

from sqlalchemy import ColumnElement, Executable, Select, bindparam, func, insert, not_, select, text, update
from sqlalchemy.engine import Dialect as SaDialect
from sqlalchemy.schema import CreateIndex, CreateTable, MetaData

from geo.store.schema import (
    ACTIVITY,
    ACTIVITY_ACTIONS,
    AUDIT,
    COLUMN_KINDS,
    KINDS,
    METADATA,
    ROLE_CHECK,
    SITES,
    USER_COLUMNS,
    USER_SECURITY_COLUMNS,
    USERS,
    iso_time,
)

#: One stored row as ``column → value``.
Record = dict[str, object]
#: A row as the DB-API returns it.
Row = Sequence[object]
#: Builds one statement from the ``geo.store.schema`` tables.
Build = Callable[[], Executable]


class Cursor(Protocol):
    """The part of a DB-API cursor ``SqlTx`` uses (sqlite3 and psycopg cursors both fit)."""

    @property
    def rowcount(self) -> int:
        """Rows the last statement changed."""

    def execute(self, sql: str, params: Sequence[object] | Mapping[str, object], /) -> object:
        """Run one statement."""

    def executemany(self, sql: str, params: Iterable[Sequence[object] | Mapping[str, object]], /) -> object:
        """Run one statement once per parameter set (one round trip per batch where the driver can)."""

    def fetchone(self) -> Row | None:
        """Next row or None."""

    def fetchall(self) -> Sequence[Row]:
        """All remaining rows."""


@dataclass(frozen=True)
class Compiled:
    """A statement compiled for one dialect: SQL text, positional parameter order, default values."""

    sql: str
    positions: tuple[str, ...] | None  # None: named parameters (PostgreSQL's pyformat)
    defaults: Mapping[str, object]

    def params(self, values: Mapping[str, object]) -> tuple[object, ...] | dict[str, object]:
        """DB-API parameters for ``values`` (bind name → value; literals keep their compiled value)."""
        merged = {**self.defaults, **values} if self.defaults else values
        if self.positions is None:
            return dict(merged)
        return tuple(merged[k] for k in self.positions)


@dataclass(frozen=True)
class Dialect:
    """What differs between SQLite/GeoPackage and PostgreSQL/PostGIS: SQL dialect and geometry value."""

    sa: SaDialect
    geom_value: Callable[[ColumnElement[float], ColumnElement[float]], ColumnElement[object]]
    #: SQL returning ``n`` new site ids in one column, ascending (one bind parameter ``n``); the caller
    #: holds the write lock, so no other writer takes the same ids.
    reserve_ids_sql: str
    json_out: Callable[[object], object] = lambda v: v
    #: Bulk insert of many rows (PostgreSQL ``COPY``): cursor, table, column names, rows. None: executemany.
    copy_rows: Callable[[Cursor, str, Sequence[str], Iterable[Sequence[object]]], None] | None = None
    #: The geometry column's stored values for points given as lon and lat lists, made in one vectorised
    #: call (bulk inserts bind them per row); None: built in SQL by ``geom_value`` per row.
    point_values: Callable[[Sequence[object], Sequence[object]], Sequence[object]] | None = None
    _compiled: dict[str, Compiled] = field(default_factory=dict, compare=False, repr=False)

    def compile(self, key: str, build: Build) -> Compiled:
        """The statement ``build()`` compiled for this dialect, cached under ``key``.

        Parameters
        ----------
        key
            Names the statement's shape: the same key must always build the same statement.
        build
            Builds the statement from the ``geo.store.schema`` tables, with bind parameters.
        """
        compiled = self._compiled.get(key)
        if compiled is None:
            statement = cast(ColumnElement[object], build())  # select/insert/update: all compilable
            sql = statement.compile(dialect=self.sa)
            names = tuple(sql.positiontup or ()) if self.sa.positional else None
            literals = {name: bp.effective_value for bp, name in sql.bind_names.items() if not bp.required}
            compiled = self._compiled[key] = Compiled(sql.string, names, literals)
        return compiled

    def upgrade_ddl(self, user_columns: set[str]) -> list[str]:
        """``ALTER TABLE users ADD COLUMN`` for the sign-in columns a store made by an earlier version lacks.

        Parameters
        ----------
        user_columns
            The columns ``users`` has now.
        """
        defaults = {"failed_logins": " NOT NULL DEFAULT 0", "password_version": " NOT NULL DEFAULT 1"}
        out = []
        for col, kind in USER_SECURITY_COLUMNS.items():
            if col not in user_columns:
                sql_type = KINDS[kind].postgresql if self.sa.name == "postgresql" else KINDS[kind].sqlite
                out.append(f"ALTER TABLE users ADD COLUMN {col} {sql_type}{defaults.get(col, '')}")
        return out

    def role_check_ddl(self, old_constraints: Sequence[str] = ()) -> list[str]:
        """Statements that make ``users`` admit every role of ``ROLES`` (for a store made with fewer roles).

        PostgreSQL swaps the CHECK constraints ``old_constraints`` for the current one; SQLite cannot alter
        a CHECK, so the table is rebuilt (created anew, rows copied, old table dropped, new one renamed).

        Parameters
        ----------
        old_constraints
            PostgreSQL: the names of the CHECK constraints on ``users.role`` now.
        """
        if self.sa.name == "postgresql":
            drop = ['ALTER TABLE users DROP CONSTRAINT "{}"'.format(n.replace('"', '""')) for n in old_constraints]
            return [*drop, f"ALTER TABLE users ADD CONSTRAINT users_role_check CHECK ({ROLE_CHECK})"]
        cols = ", ".join(c.name for c in USERS.columns)
        return [
            str(CreateTable(USERS.to_metadata(MetaData(), name="users_upgrade")).compile(dialect=self.sa)).strip(),
            f"INSERT INTO users_upgrade ({cols}) SELECT {cols} FROM users",
            "DROP TABLE users",
            "ALTER TABLE users_upgrade RENAME TO users",
        ]

    def tables_ddl(self) -> list[str]:
        """CREATE TABLE/INDEX statements for ``sites``, ``audit`` and ``users``."""
        out = []
        for table in METADATA.sorted_tables:
            out.append(str(CreateTable(table, if_not_exists=True).compile(dialect=self.sa)).strip())
            out.extend(
                str(CreateIndex(ix, if_not_exists=True).compile(dialect=self.sa)).strip() for ix in table.indexes
            )
        return out


def _time(value: object) -> str | None:
    """A stored timestamp (ISO text on SQLite, ``datetime`` on PostgreSQL) as ISO 8601 UTC text."""
    return iso_time(value) if value is None or isinstance(value, datetime | str) else str(value)


def _first(cur: Cursor) -> object:
    """First column of the next row (the statement returns one)."""
    row = cur.fetchone()
    if row is None:
        raise RuntimeError("the statement returned no row")
    return row[0]


def as_int(value: object) -> int:
    """An integer column value (``TypeError`` for anything that is not a number)."""
    if isinstance(value, int | float | str):
        return int(value)
    raise TypeError(f"expected an integer, got {value!r}")


#: How a stored value is read back, per column (None: as the driver returns it).
_READ: dict[str, Callable[[object], object] | None] = {
    c: bool if k == "bool" else _time if k == "time" else None for c, k in COLUMN_KINDS.items()
}
_SITE_VALUES: dict[str, ColumnElement[object]] = {c: bindparam(c) for c in COLUMN_KINDS}
_BY_ID = SITES.c.site_id == bindparam("id")


def _site_select(cols: Sequence[str]) -> Select:
    return select(SITES.c.site_id, *(SITES.c[c] for c in cols)).order_by(SITES.c.site_id)


def _user_insert() -> Executable:
    values: dict[str, ColumnElement[object]] = {c: bindparam(c) for c in ("name", "role", "password_hash")}
    return insert(USERS).values(**values, created_at=bindparam("at"), updated_at=bindparam("at"))


def _user_update() -> Executable:
    """New role and hash: the password version goes up (older sessions lose write access), lockout cleared."""
    values: dict[str, ColumnElement[object]] = {
        "role": bindparam("role"),
        "password_hash": bindparam("password_hash"),
        "updated_at": bindparam("at"),
        "password_version": USERS.c.password_version + 1,
        "failed_logins": bindparam("zero"),
        "locked_until": bindparam("none"),
    }
    return update(USERS).where(USERS.c.name == bindparam("name")).values(**values)


def _user_role_update() -> Executable:
    """A new role, same password: the password version goes up (older sessions lose their rights)."""
    values: dict[str, ColumnElement[object]] = {
        "role": bindparam("role"),
        "updated_at": bindparam("at"),
        "password_version": USERS.c.password_version + 1,
    }
    return update(USERS).where(USERS.c.name == bindparam("name")).values(**values)


def _user_login_update() -> Executable:
    values: dict[str, ColumnElement[object]] = {
        "failed_logins": bindparam("failed"),
        "locked_until": bindparam("locked_until"),
    }
    return update(USERS).where(USERS.c.name == bindparam("name")).values(**values)


_USER_READ = [*USER_COLUMNS, *USER_SECURITY_COLUMNS]


class SqlTx:
    """One open transaction on a DB-API cursor, in a given ``Dialect``."""

    def __init__(self, cursor: Cursor, dialect: Dialect) -> None:
        self.cur, self.d = cursor, dialect

    def run(self, key: str, build: Build, values: Mapping[str, object] | None = None) -> Cursor:
        """Run the statement ``build()`` (compiled once per dialect under ``key``) with bind ``values``.

        Parameters
        ----------
        key, build
            See ``Dialect.compile``.
        values
            Values of the bind parameters.

        Returns
        -------
        Cursor
            The cursor, to fetch the result from.
        """
        compiled = self.d.compile(key, build)
        self.cur.execute(compiled.sql, compiled.params(values or {}))
        return self.cur

    def run_columns(self, key: str, build: Build, columns: Mapping[str, Sequence[object]]) -> None:
        """Run the statement ``build()`` once per row of ``columns`` (bind name → values, equal lengths).

        Parameter rows are made lazily from the columns (no dict per row for positional dialects).
        """
        compiled = self.d.compile(key, build)
        if compiled.positions is None:
            names = list(columns)
            extra = dict(compiled.defaults)
            self.cur.executemany(compiled.sql, ({**extra, **dict(zip(names, row))} for row in zip(*columns.values())))
            return
        n = len(next(iter(columns.values())))
        lists = [columns[k] if k in columns else [compiled.defaults[k]] * n for k in compiled.positions]
        self.cur.executemany(compiled.sql, zip(*lists))

    # sites -------------------------------------------------------------------------------------
    def select_columns(self, include_deleted: bool, columns: Sequence[str] | None = None) -> dict[str, list[object]]:
        """Sites ordered by id, column by column: ``site_id`` and ``columns`` (all unless given) → values.

        No dict per row: ``geo.store.base.records_frame`` builds the frame straight from these lists.
        """
        cols = list(columns) if columns is not None else list(COLUMN_KINDS)

        def build() -> Executable:
            stmt = _site_select(cols)
            return stmt if include_deleted else stmt.where(not_(SITES.c.deleted))

        rows = self.run(f"sites:{include_deleted}:{','.join(cols)}", build, {}).fetchall()
        values = list(zip(*rows)) if rows else [() for _ in range(len(cols) + 1)]
        out: dict[str, list[object]] = {"site_id": [as_int(v) for v in values[0]]}
        for c, vals in zip(cols, values[1:]):
            fn = _READ[c]
            out[c] = list(vals) if fn is None else [None if v is None else fn(v) for v in vals]
        return out

    def reserve_site_ids(self, n: int) -> list[int]:
        """``n`` new site ids, ascending, for ``insert_sites`` (the caller holds the write lock)."""
        if n <= 0:
            return []
        rows = self.run("reserve_ids", lambda: text(self.d.reserve_ids_sql).bindparams(bindparam("n")), {"n": n})
        return [as_int(r[0]) for r in rows.fetchall()]

    def insert_sites(self, columns: Mapping[str, Sequence[object]]) -> list[int]:
        """Insert sites given column by column (geometry from lon/lat) with one ``executemany`` or ``COPY``.

        Every column of ``COLUMN_KINDS`` must be given (same length). Returns the new ids in row order.
        """
        ids = self.reserve_site_ids(len(columns["lon"]))
        points = self.d.point_values
        if points is None:  # the geometry made in SQL, row by row

            def build() -> Executable:
                geom = self.d.geom_value(bindparam("geom_lon"), bindparam("geom_lat"))
                return insert(SITES).values(geom=geom, site_id=bindparam("site_id"), **_SITE_VALUES)

            given = {"site_id": ids, "geom_lon": columns["lon"], "geom_lat": columns["lat"]}
            self.run_columns("insert_sites", build, {**{c: columns[c] for c in COLUMN_KINDS}, **given})
            return ids
        geoms = points(columns["lon"], columns["lat"])
        if self.d.copy_rows is not None:
            names = ["site_id", "geom", *COLUMN_KINDS]
            self.d.copy_rows(self.cur, SITES.name, names, zip(ids, geoms, *(columns[c] for c in COLUMN_KINDS)))
            return ids

        def build_values() -> Executable:
            return insert(SITES).values(geom=bindparam("geom"), site_id=bindparam("site_id"), **_SITE_VALUES)

        given_values = {"site_id": ids, "geom": geoms}
        self.run_columns("insert_sites_values", build_values, {**{c: columns[c] for c in COLUMN_KINDS}, **given_values})
        return ids

    def _site_rows(self, key: str, build: Build, cols: Sequence[str], values: Mapping[str, object]) -> list[Record]:
        rows = self.run(key, build, values).fetchall()
        read = [(c, _READ[c]) for c in cols]
        out = []
        for r in rows:
            rec: Record = {"site_id": as_int(r[0])}
            for (c, fn), v in zip(read, r[1:]):
                rec[c] = v if fn is None or v is None else fn(v)
            out.append(rec)
        return out

    def select_site(self, site_id: int, lock: bool = False) -> Record | None:
        """One site record, locked for update if ``lock`` (where the dialect locks rows), or None."""
        cols = list(COLUMN_KINDS)

        def build() -> Executable:
            stmt = _site_select(cols).where(_BY_ID)
            return stmt.with_for_update() if lock else stmt

        rows = self._site_rows(f"site:{lock}", build, cols, {"id": site_id})
        return rows[0] if rows else None

    def update_site(self, site_id: int, values: Mapping[str, object], expected_version: int) -> bool:
        """Set ``values`` (and the geometry if lon/lat change) where the version still matches."""
        cols = sorted(values)
        moved = "lon" in values or "lat" in values
        params: dict[str, object] = {f"v_{c}": values[c] for c in cols} | {"id": site_id, "expected": expected_version}
        if moved:
            row = self.run("lonlat", lambda: select(SITES.c.lon, SITES.c.lat).where(_BY_ID), {"id": site_id}).fetchone()
            old_lon, old_lat = row if row is not None else (None, None)
            params |= {"geom_lon": values.get("lon", old_lon), "geom_lat": values.get("lat", old_lat)}

        def build() -> Executable:
            sets: dict[str, ColumnElement[object]] = {c: bindparam(f"v_{c}") for c in cols}
            if moved:
                sets["geom"] = self.d.geom_value(bindparam("geom_lon"), bindparam("geom_lat"))
            return update(SITES).where(_BY_ID & (SITES.c.version == bindparam("expected"))).values(**sets)

        return self.run(f"update:{','.join(cols)}", build, params).rowcount == 1

    # audit -------------------------------------------------------------------------------------
    def insert_audit(
        self, site_id: int | None, user: str, at: str, action: str, before: str | None, after: str | None
    ) -> None:
        """One audit row (``before``/``after`` are JSON text)."""
        values = {"site_id": site_id, "username": user, "at": at, "action": action, "before": before, "after": after}
        self.run("insert_audit", lambda: insert(AUDIT).values({c: bindparam(c) for c in values}), values)

    def insert_audits(self, rows: Iterable[tuple[int | None, str, str, str, str | None, str | None]]) -> None:
        """Audit rows (site_id, user, at, action, before, after) with one ``executemany`` or ``COPY``."""
        keys = ("site_id", "username", "at", "action", "before", "after")
        if self.d.copy_rows is not None:
            self.d.copy_rows(self.cur, AUDIT.name, keys, rows)
            return
        compiled = self.d.compile("insert_audit", lambda: insert(AUDIT).values({c: bindparam(c) for c in keys}))
        if compiled.positions is None:
            self.cur.executemany(compiled.sql, (dict(zip(keys, row)) for row in rows))
        else:
            order = [keys.index(k) for k in compiled.positions]
            self.cur.executemany(compiled.sql, ([row[k] for k in order] for row in rows))

    def select_audit(self, site_id: int | None) -> list[tuple[object, ...]]:
        """Audit rows (audit_id, site_id, user, at, action, before, after), oldest first."""

        def build() -> Executable:
            stmt = select(*AUDIT.c).order_by(AUDIT.c.audit_id)
            return stmt if site_id is None else stmt.where(AUDIT.c.site_id == bindparam("id"))

        rows = self.run(f"audit:{site_id is None}", build, {"id": site_id}).fetchall()
        return [(r[0], r[1], r[2], _time(r[3]), r[4], self.d.json_out(r[5]), self.d.json_out(r[6])) for r in rows]

    def max_audit_id(self) -> int:
        """Largest audit id (0 if none)."""
        return as_int(_first(self.run("max_audit", lambda: select(func.coalesce(func.max(AUDIT.c.audit_id), 0)))))

    # users -------------------------------------------------------------------------------------
    def select_user(self, name: str) -> Record | None:
        """The user row of ``name`` (``USER_COLUMNS`` and ``USER_SECURITY_COLUMNS``) or None."""
        where = USERS.c.name == bindparam("name")
        row = self.run("user", lambda: select(*(USERS.c[c] for c in _USER_READ)).where(where), {"name": name})
        found = row.fetchone()
        if found is None:
            return None
        return {c: _time(v) if c.endswith(("_at", "_until")) else v for c, v in zip(_USER_READ, found)}

    def update_login(self, name: str, failed: int, locked_until: str | None) -> None:
        """Set the consecutive failed sign-ins and the lockout end of ``name``."""
        values = {"name": name, "failed": failed, "locked_until": locked_until}
        self.run("user_login", _user_login_update, values)

    def insert_activity(self, user: str, at: str, action: str, target: str | None, detail: str | None) -> None:
        """One ``activity`` row (``detail`` is JSON text)."""
        if action not in ACTIVITY_ACTIONS:
            raise ValueError(f"unknown activity {action!r}: use one of {', '.join(ACTIVITY_ACTIONS)}")
        values = {"at": at, "username": user, "action": action, "target": target, "detail": detail}
        self.run("insert_activity", lambda: insert(ACTIVITY).values({c: bindparam(c) for c in values}), values)

    def select_activity(self) -> list[tuple[object, ...]]:
        """Activity rows (activity_id, at, user, action, target, detail), oldest first."""
        rows = self.run("activity", lambda: select(*ACTIVITY.c).order_by(ACTIVITY.c.activity_id)).fetchall()
        return [(r[0], _time(r[1]), r[2], r[3], r[4], self.d.json_out(r[5])) for r in rows]

    def select_users(self) -> list[tuple[object, ...]]:
        """(name, role, created_at, updated_at, locked_until) of every user, by name."""
        cols = [USERS.c[c] for c in ("name", "role", "created_at", "updated_at", "locked_until")]
        rows = self.run("users", lambda: select(*cols).order_by(USERS.c.name)).fetchall()
        return [(r[0], r[1], _time(r[2]), _time(r[3]), _time(r[4])) for r in rows]

    def update_role(self, name: str, role: str, at: str) -> None:
        """Give ``name`` the role ``role`` (its password version goes up)."""
        self.run("user_role", _user_role_update, {"name": name, "role": role, "at": at})

    def upsert_user(self, name: str, role: str, password_hash: str, at: str, create: bool) -> None:
        """Insert a new user or update role and hash of an existing one."""
        values = {"name": name, "role": role, "password_hash": password_hash, "at": at}
        if create:
            self.run("user_insert", _user_insert, values)
        else:
            self.run("user_update", _user_update, values | {"zero": 0, "none": None})

"""The statements both backends run, written once with SQLAlchemy Core over ``geo.store.schema``.

``SqlTx`` wraps one open transaction (a DB-API cursor the backend opened, so its locking stays its
own: ``BEGIN IMMEDIATE`` on the GeoPackage, advisory locks on PostGIS). Statements are built from the
``Table`` objects with bind parameters, compiled once per ``Dialect`` and run on that cursor.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any, Protocol

from sqlalchemy import ColumnElement, Executable, bindparam, func, insert, not_, select, update
from sqlalchemy.engine import Dialect as SaDialect
from sqlalchemy.schema import CreateIndex, CreateTable

from geo.store.schema import AUDIT, COLUMN_KINDS, METADATA, SITES, USER_COLUMNS, USERS, iso_time

#: One stored row as ``column → value``.
Record = dict[str, Any]


class Cursor(Protocol):
    """The part of a DB-API cursor ``SqlTx`` uses (sqlite3 and psycopg cursors both fit)."""

    rowcount: int

    def execute(self, sql: str, params: Any = ..., /) -> Any:
        """Run one statement."""

    def fetchone(self) -> Any:
        """Next row or None."""

    def fetchall(self) -> list[Any]:
        """All remaining rows."""


@dataclass(frozen=True)
class Dialect:
    """What differs between SQLite/GeoPackage and PostgreSQL/PostGIS: SQL dialect and geometry value."""

    sa: SaDialect
    geom_value: Callable[[ColumnElement[Any], ColumnElement[Any]], ColumnElement[Any]]
    json_out: Callable[[Any], str | None] = lambda v: v
    _compiled: dict[str, Any] = field(default_factory=dict, compare=False, repr=False)

    def compile(self, key: str, build: Callable[[], Executable]) -> Any:
        """The statement ``build()`` compiled for this dialect, cached under ``key``."""
        compiled = self._compiled.get(key)
        if compiled is None:
            compiled = self._compiled[key] = build().compile(dialect=self.sa)  # type: ignore[attr-defined]
        return compiled

    def tables_ddl(self) -> list[str]:
        """CREATE TABLE/INDEX statements for ``sites``, ``audit`` and ``users``."""
        out = []
        for table in METADATA.sorted_tables:
            out.append(str(CreateTable(table, if_not_exists=True).compile(dialect=self.sa)).strip())
            out.extend(
                str(CreateIndex(ix, if_not_exists=True).compile(dialect=self.sa)).strip() for ix in table.indexes
            )
        return out


def _out(kind: str, value: object) -> object:
    """A value read from the database in the store's Python form."""
    if value is None:
        return None
    if kind == "bool":
        return bool(value)
    if kind == "time":
        return iso_time(value)  # type: ignore[arg-type]
    return value


_SITE_VALUES = {c: bindparam(c) for c in COLUMN_KINDS}


class SqlTx:
    """One open transaction on a DB-API cursor, in a given ``Dialect``."""

    def __init__(self, cursor: Cursor, dialect: Dialect) -> None:
        self.cur, self.d = cursor, dialect

    def run(self, key: str, build: Callable[[], Executable], values: Mapping[str, object] | None = None) -> Cursor:
        """Run the statement ``build()`` (compiled once per dialect under ``key``) with bind ``values``."""
        compiled = self.d.compile(key, build)
        params = compiled.construct_params(dict(values or {}))
        if self.d.sa.positional:
            self.cur.execute(compiled.string, tuple(params[k] for k in compiled.positiontup))
        else:
            self.cur.execute(compiled.string, params)
        return self.cur

    # sites -------------------------------------------------------------------------------------
    def _site_rows(
        self, key: str, build: Callable[[], Executable], cols: Sequence[str], **values: object
    ) -> list[Record]:
        rows = self.run(key, build, values).fetchall()
        return [{"site_id": int(r[0]), **{c: _out(COLUMN_KINDS[c], v) for c, v in zip(cols, r[1:])}} for r in rows]

    def select_sites(self, include_deleted: bool, columns: Sequence[str] | None = None) -> list[Record]:
        """Site records ordered by id (all columns unless ``columns`` is given)."""
        cols = list(columns) if columns is not None else list(COLUMN_KINDS)

        def build() -> Executable:
            stmt = select(SITES.c.site_id, *(SITES.c[c] for c in cols)).order_by(SITES.c.site_id)
            return stmt if include_deleted else stmt.where(not_(SITES.c.deleted))

        return self._site_rows(f"sites:{include_deleted}:{','.join(cols)}", build, cols)

    def select_site(self, site_id: int, lock: bool = False) -> Record | None:
        """One site record, locked for update if ``lock`` (where the dialect locks rows), or None."""
        cols = list(COLUMN_KINDS)

        def build() -> Executable:
            stmt = select(SITES.c.site_id, *(SITES.c[c] for c in cols)).where(SITES.c.site_id == bindparam("id"))
            return stmt.with_for_update() if lock else stmt

        rows = self._site_rows(f"site:{lock}", build, cols, id=site_id)
        return rows[0] if rows else None

    def insert_site(self, record: Mapping[str, object]) -> int:
        """Insert one site (geometry from lon/lat); returns its new id."""

        def build() -> Executable:
            geom = self.d.geom_value(bindparam("geom_lon"), bindparam("geom_lat"))
            return insert(SITES).values(geom=geom, **_SITE_VALUES).returning(SITES.c.site_id)

        values = {c: record.get(c) for c in COLUMN_KINDS}
        values |= {"geom_lon": float(record["lon"]), "geom_lat": float(record["lat"])}  # type: ignore[arg-type]
        return int(self.run("insert_site", build, values).fetchone()[0])

    def update_site(self, site_id: int, values: Mapping[str, object], expected_version: int) -> bool:
        """Set ``values`` (and the geometry if lon/lat change) where the version still matches."""
        cols = sorted(values)
        moved = "lon" in values or "lat" in values
        params: dict[str, object] = {f"v_{c}": values[c] for c in cols} | {"id": site_id, "expected": expected_version}
        if moved:
            row = self.run(
                "lonlat",
                lambda: select(SITES.c.lon, SITES.c.lat).where(SITES.c.site_id == bindparam("id")),
                {"id": site_id},
            ).fetchone()
            params |= {"geom_lon": float(values.get("lon", row[0])), "geom_lat": float(values.get("lat", row[1]))}  # type: ignore[arg-type]

        def build() -> Executable:
            sets: dict[str, Any] = {c: bindparam(f"v_{c}") for c in cols}
            if moved:
                sets["geom"] = self.d.geom_value(bindparam("geom_lon"), bindparam("geom_lat"))
            where = (SITES.c.site_id == bindparam("id")) & (SITES.c.version == bindparam("expected"))
            return update(SITES).where(where).values(**sets)

        return self.run(f"update:{','.join(cols)}", build, params).rowcount == 1

    # audit -------------------------------------------------------------------------------------
    def insert_audit(
        self, site_id: int | None, user: str, at: str, action: str, before: str | None, after: str | None
    ) -> None:
        """One audit row (``before``/``after`` are JSON text)."""
        values = {"site_id": site_id, "username": user, "at": at, "action": action, "before": before, "after": after}
        self.run("insert_audit", lambda: insert(AUDIT).values({c: bindparam(c) for c in values}), values)

    def select_audit(self, site_id: int | None) -> list[tuple[object, ...]]:
        """Audit rows (audit_id, site_id, user, at, action, before, after), oldest first."""

        def build() -> Executable:
            stmt = select(*AUDIT.c).order_by(AUDIT.c.audit_id)
            return stmt if site_id is None else stmt.where(AUDIT.c.site_id == bindparam("id"))

        rows = self.run(f"audit:{site_id is None}", build, {"id": site_id}).fetchall()
        return [(r[0], r[1], r[2], iso_time(r[3]), r[4], self.d.json_out(r[5]), self.d.json_out(r[6])) for r in rows]

    def max_audit_id(self) -> int:
        """Largest audit id (0 if none)."""
        build = lambda: select(func.coalesce(func.max(AUDIT.c.audit_id), 0))  # noqa: E731
        return int(self.run("max_audit", build).fetchone()[0])

    # users -------------------------------------------------------------------------------------
    def select_user(self, name: str) -> Record | None:
        """The user row of ``name`` or None."""
        build = lambda: select(*(USERS.c[c] for c in USER_COLUMNS)).where(USERS.c.name == bindparam("name"))  # noqa: E731
        row = self.run("user", build, {"name": name}).fetchone()
        return None if row is None else {c: iso_time(v) if c.endswith("_at") else v for c, v in zip(USER_COLUMNS, row)}

    def select_users(self) -> list[tuple[object, ...]]:
        """(name, role, created_at, updated_at) of every user, by name."""
        build = lambda: select(USERS.c.name, USERS.c.role, USERS.c.created_at, USERS.c.updated_at).order_by(
            USERS.c.name
        )  # noqa: E731
        rows = self.run("users", build).fetchall()
        return [(r[0], r[1], iso_time(r[2]), iso_time(r[3])) for r in rows]

    def upsert_user(self, name: str, role: str, password_hash: str, at: str, create: bool) -> None:
        """Insert a new user or update role and hash of an existing one."""
        values = {"name": name, "role": role, "password_hash": password_hash, "at": at}
        if create:
            build = lambda: insert(USERS).values(  # noqa: E731
                name=bindparam("name"),
                role=bindparam("role"),
                password_hash=bindparam("password_hash"),
                created_at=bindparam("at"),
                updated_at=bindparam("at"),
            )
            self.run("user_insert", build, values)
        else:
            build = lambda: (  # noqa: E731
                update(USERS)
                .where(USERS.c.name == bindparam("name"))
                .values(role=bindparam("role"), password_hash=bindparam("password_hash"), updated_at=bindparam("at"))
            )
            self.run("user_update", build, values)

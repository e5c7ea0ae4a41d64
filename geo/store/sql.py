"""The SQL both backends run, written once: a ``Dialect`` holds what differs (placeholders, geometry, types).

``SqlTx`` wraps one open transaction (a DB-API cursor) and offers the few operations
``geo.store_common.SiteStoreBase`` needs. Table names: ``sites``, ``audit``, ``users``.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from geo.store.base import COLUMN_KINDS, USER_COLUMNS, iso_time


@dataclass(frozen=True)
class Dialect:
    """What differs between SQLite/GeoPackage and PostgreSQL/PostGIS."""

    placeholder: str  # "?" or "%s"
    types: dict[str, str]  # column kind (text/real/int/bool/time/json/id) → SQL type
    geom_type: str  # "POINT" or "geometry(Point, 4326)"
    geom_insert: str  # SQL for the geometry value, e.g. "?" or "ST_SetSRID(ST_MakePoint(%s, %s), 4326)"
    geom_params: Callable[[float, float], tuple[Any, ...]]
    lock_suffix: str = ""  # " FOR UPDATE" where rows must be locked explicitly
    json_out: Callable[[Any], str | None] = lambda v: v

    def columns_ddl(self) -> str:
        """``name TYPE`` for every stored site column (besides ``site_id`` and ``geom``)."""
        return ",\n  ".join(f"{c} {self.types[k]}" for c, k in COLUMN_KINDS.items())

    def tables_ddl(self) -> list[str]:
        """CREATE TABLE statements for ``sites``, ``audit`` and ``users``."""
        t = self.types
        return [
            f"CREATE TABLE IF NOT EXISTS sites (\n  site_id {t['id']},\n  geom {self.geom_type} NOT NULL,\n  "
            f"{self.columns_ddl()})",
            f"CREATE TABLE IF NOT EXISTS audit (audit_id {t['id']}, site_id {t['int']}, username {t['text']} NOT NULL, "
            f"at {t['time']} NOT NULL, action {t['text']} NOT NULL "
            "CHECK (action IN ('add','update','delete','restore','import')), "
            f"before {t['json']}, after {t['json']})",
            "CREATE INDEX IF NOT EXISTS audit_site_idx ON audit (site_id)",
            f"CREATE TABLE IF NOT EXISTS users (name {t['text']} PRIMARY KEY, role {t['text']} NOT NULL "
            f"CHECK (role IN ('editor','viewer')), password_hash {t['text']} NOT NULL, "
            f"created_at {t['time']} NOT NULL, updated_at {t['time']} NOT NULL)",
        ]


def _out(kind: str, value: Any) -> Any:
    """A value read from the database in the store's Python form."""
    if value is None:
        return None
    if kind == "bool":
        return bool(value)
    if kind == "time":
        return iso_time(value)
    return value


class SqlTx:
    """One open transaction on a DB-API cursor, in a given ``Dialect``."""

    def __init__(self, cursor: Any, dialect: Dialect) -> None:
        self.cur, self.d = cursor, dialect

    def _sql(self, sql: str) -> str:
        return sql.replace("?", self.d.placeholder)

    def _run(self, sql: str, params: Sequence[Any] = ()) -> Any:
        self.cur.execute(self._sql(sql), tuple(params))
        return self.cur

    # sites -------------------------------------------------------------------------------------
    def _site_rows(
        self, where: str, params: Sequence[Any], columns: Sequence[str] | None, suffix: str = ""
    ) -> list[dict[str, Any]]:
        cols = list(columns) if columns is not None else list(COLUMN_KINDS)
        rows = self._run(
            f"SELECT site_id, {', '.join(cols)} FROM sites {where} ORDER BY site_id{suffix}", params
        ).fetchall()
        return [{"site_id": int(r[0]), **{c: _out(COLUMN_KINDS[c], v) for c, v in zip(cols, r[1:])}} for r in rows]

    def select_sites(self, include_deleted: bool, columns: Sequence[str] | None = None) -> list[dict[str, Any]]:
        """Site records ordered by id (all columns unless ``columns`` is given)."""
        return self._site_rows("" if include_deleted else "WHERE NOT deleted", (), columns)

    def select_site(self, site_id: int, lock: bool = False) -> dict[str, Any] | None:
        """One site record, locked for update if ``lock`` (where the dialect needs it), or None."""
        rows = self._site_rows("WHERE site_id = ?", (site_id,), None, self.d.lock_suffix if lock else "")
        return rows[0] if rows else None

    def insert_site(self, record: dict[str, Any]) -> int:
        """Insert one site (geometry from lon/lat); returns its new id."""
        cols = list(COLUMN_KINDS)
        sql = (
            f"INSERT INTO sites (geom, {', '.join(cols)}) VALUES ({self.d.geom_insert}, "
            f"{', '.join('?' for _ in cols)}) RETURNING site_id"
        )
        params = (*self.d.geom_params(record["lon"], record["lat"]), *(record.get(c) for c in cols))
        return int(self._run(sql, params).fetchone()[0])

    def update_site(self, site_id: int, values: dict[str, Any], expected_version: int) -> bool:
        """Set ``values`` (and the geometry if lon/lat change) where the version still matches."""
        sets = [f"{c} = ?" for c in values]
        params: list[Any] = list(values.values())
        if "lon" in values or "lat" in values:
            row = self._run("SELECT lon, lat FROM sites WHERE site_id = ?", (site_id,)).fetchone()
            lon, lat = values.get("lon", row[0]), values.get("lat", row[1])
            sets.append(f"geom = {self.d.geom_insert}")
            params.extend(self.d.geom_params(lon, lat))
        sql = f"UPDATE sites SET {', '.join(sets)} WHERE site_id = ? AND version = ?"
        return self._run(sql, (*params, site_id, expected_version)).rowcount == 1

    # audit -------------------------------------------------------------------------------------
    def insert_audit(
        self, site_id: int | None, user: str, at: str, action: str, before: str | None, after: str | None
    ) -> None:
        """One audit row (``before``/``after`` are JSON text)."""
        self._run(
            "INSERT INTO audit (site_id, username, at, action, before, after) VALUES (?, ?, ?, ?, ?, ?)",
            (site_id, user, at, action, before, after),
        )

    def select_audit(self, site_id: int | None) -> list[tuple[Any, ...]]:
        """Audit rows (audit_id, site_id, user, at, action, before, after), oldest first."""
        where, params = ("WHERE site_id = ?", (site_id,)) if site_id is not None else ("", ())
        rows = self._run(
            f"SELECT audit_id, site_id, username, at, action, before, after FROM audit {where} ORDER BY audit_id",
            params,
        ).fetchall()
        return [(r[0], r[1], r[2], iso_time(r[3]), r[4], self.d.json_out(r[5]), self.d.json_out(r[6])) for r in rows]

    def max_audit_id(self) -> int:
        """Largest audit id (0 if none)."""
        return int(self._run("SELECT COALESCE(MAX(audit_id), 0) FROM audit").fetchone()[0])

    # users -------------------------------------------------------------------------------------
    def select_user(self, name: str) -> dict[str, Any] | None:
        """The user row of ``name`` or None."""
        row = self._run(f"SELECT {', '.join(USER_COLUMNS)} FROM users WHERE name = ?", (name,)).fetchone()
        return None if row is None else {c: iso_time(v) if c.endswith("_at") else v for c, v in zip(USER_COLUMNS, row)}

    def select_users(self) -> list[tuple[Any, ...]]:
        """(name, role, created_at, updated_at) of every user, by name."""
        rows = self._run("SELECT name, role, created_at, updated_at FROM users ORDER BY name").fetchall()
        return [(r[0], r[1], iso_time(r[2]), iso_time(r[3])) for r in rows]

    def upsert_user(self, name: str, role: str, password_hash: str, at: str, create: bool) -> None:
        """Insert a new user or update role and hash of an existing one."""
        if create:
            self._run(
                "INSERT INTO users (name, role, password_hash, created_at, updated_at) VALUES (?, ?, ?, ?, ?)",
                (name, role, password_hash, at, at),
            )
        else:
            self._run(
                "UPDATE users SET role = ?, password_hash = ?, updated_at = ? WHERE name = ?",
                (role, password_hash, at, name),
            )

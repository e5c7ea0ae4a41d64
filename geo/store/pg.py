"""PostGIS backend (psycopg 3): the same tables as the GeoPackage in the first schema of the search path.

* schema created on first use (``sites`` with ``geometry(Point, 4326)`` + GiST index, ``audit``,
  ``users``) and seeded with the sample sites, under an advisory lock so concurrent first uses agree;
* every write transaction takes a transaction-level advisory lock, so writers queue (the duplicate
  check of ``add`` must see every committed site) while readers never wait; ``update``/``delete``
  also lock the row (``SELECT … FOR UPDATE``) and update ``WHERE version = %s``;
* ``version_token()`` reads a sequence a statement trigger on ``sites`` advances, so it changes on
  every write, also on edits made outside the app (e.g. in QGIS);
* many sites at once (an import) go in with one ``COPY`` each for the sites and their audit rows;
* a connection per operation: nothing stale is kept across Streamlit reruns or forked processes.

Tests and tools can pick a schema through the URL: ``...?options=-csearch_path%3Dmy_schema,public``.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from typing import LiteralString, cast

import numpy as np
import psycopg
import shapely
from psycopg import sql
from sqlalchemy import func, text
from sqlalchemy.dialects.postgresql import psycopg as pg_psycopg

from geo.errors import StoreError
from geo.store.base import SiteStoreBase, seed_records
from geo.store.schema import SEED_USER, roles_allowed
from geo.store.sql import Cursor, Dialect, SqlTx

CONNECT_TIMEOUT_S = 10
_LOCK_WRITE = "hashtext(current_schema() || '.chiiki_sites_write')"
_LOCK_INIT = "hashtext(current_schema() || '.chiiki_sites_init')"


def _copy_rows(cur: Cursor, table: str, columns: Sequence[str], rows: Iterable[Sequence[object]]) -> None:
    """Rows into ``table`` with one ``COPY ... FROM STDIN`` (text format; the server parses each value)."""
    names = sql.SQL(", ").join(map(sql.Identifier, columns))
    with cast(psycopg.Cursor[tuple[object, ...]], cur).copy(
        sql.SQL("COPY {} ({}) FROM STDIN").format(sql.Identifier(table), names)
    ) as copy:
        for row in rows:
            copy.write_row(row)


def _ewkb_points(lon: Sequence[object], lat: Sequence[object]) -> Sequence[object]:
    """Points (EPSG:4326) as hex EWKB, the text form ``COPY`` reads into ``geometry(Point, 4326)``."""
    points = shapely.points(np.asarray(lon, dtype=float), np.asarray(lat, dtype=float))
    return list(shapely.to_wkb(shapely.set_srid(points, 4326), hex=True, include_srid=True))


DIALECT = Dialect(
    sa=pg_psycopg.dialect(),
    geom_value=lambda lon, lat: func.ST_SetSRID(func.ST_MakePoint(lon, lat), 4326),
    reserve_ids_sql="SELECT nextval(pg_get_serial_sequence('sites', 'site_id')) AS i "
    "FROM generate_series(1, :n) ORDER BY i",
    json_out=lambda v: None if v is None else json.dumps(v, ensure_ascii=False),
    copy_rows=_copy_rows,
    point_values=_ewkb_points,
)

_EXTRA_DDL = [
    "CREATE INDEX IF NOT EXISTS sites_geom_idx ON sites USING gist (geom)",
    "CREATE SEQUENCE IF NOT EXISTS sites_change_seq",
    "CREATE OR REPLACE FUNCTION sites_bump_change() RETURNS trigger LANGUAGE plpgsql AS "
    "$$ BEGIN PERFORM nextval('sites_change_seq'); RETURN NULL; END $$",
    "CREATE TRIGGER sites_changed AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON sites "
    "FOR EACH STATEMENT EXECUTE FUNCTION sites_bump_change()",
]
_ready: set[str] = set()


def _fetch_one(cur: psycopg.Cursor[tuple[object, ...]], sql: LiteralString) -> tuple[object, ...]:
    """The one row ``sql`` returns."""
    row = cur.execute(sql).fetchone()
    if row is None:
        raise StoreError("store_no_result", statement=sql)
    return row


def redact(url: str) -> str:
    """``url`` without its password (for messages and cache keys)."""
    return re.sub(r"(://[^:/@]+):[^@]*@", r"\1@", url)


class PgSiteStore(SiteStoreBase):
    """Sites, audit trail and users in a PostgreSQL/PostGIS database."""

    def __init__(self, url: str) -> None:
        self.url = url
        self.target = redact(url)

    def __repr__(self) -> str:
        return f"PgSiteStore({self.target!r})"

    @contextmanager
    def _connect(self) -> Iterator[psycopg.Connection]:
        try:
            con = psycopg.connect(self.url, connect_timeout=CONNECT_TIMEOUT_S)
        except psycopg.Error as exc:
            raise StoreError("store_pg_connect", target=self.target, problem=str(exc)) from exc
        try:
            yield con
        finally:
            con.close()

    @contextmanager
    def transaction(self, write: bool) -> Iterator[SqlTx]:
        """A transaction; writers first take the write advisory lock (writers queue, readers never wait)."""
        self.ensure_schema()
        with self._connect() as con, con.transaction():
            cur = con.cursor()
            if write:
                cur.execute(f"SELECT pg_advisory_xact_lock({_LOCK_WRITE})")
            yield SqlTx(cur, DIALECT)

    def version_token(self) -> str:
        """Change counter of ``sites`` (a sequence advanced by a statement trigger) + last audit id."""
        with self.transaction(write=False) as tx:
            row = tx.run("change_seq", lambda: text("SELECT last_value, is_called FROM sites_change_seq")).fetchone()
            last, called = row if row is not None else (0, False)
            return f"pg:{last}:{int(bool(called))}:{tx.max_audit_id()}"

    def ensure_schema(self, seed: bool = True) -> None:
        """Create PostGIS tables (and seed the sample sites) on first use; once per process."""
        if self.url in _ready:
            return
        with self._connect() as con, con.transaction():
            cur = con.cursor()
            cur.execute(f"SELECT pg_advisory_xact_lock({_LOCK_INIT})")
            if _fetch_one(cur, "SELECT to_regclass('sites') IS NULL")[0]:
                if not _fetch_one(cur, "SELECT COUNT(*) FROM pg_extension WHERE extname = 'postgis'")[0]:
                    try:
                        cur.execute("CREATE EXTENSION IF NOT EXISTS postgis")
                    except psycopg.Error as exc:
                        raise StoreError("store_no_postgis", target=self.target) from exc
                for sql in [*DIALECT.tables_ddl(), *_EXTRA_DDL]:
                    cur.execute(sql)
                if seed:
                    self._insert(SqlTx(cur, DIALECT), seed_records(), SEED_USER, "import")
            else:  # made by an earlier version: add the sign-in columns, the activity table, the admin role
                cols = {
                    str(r[0])
                    for r in cur.execute(
                        "SELECT column_name FROM information_schema.columns "
                        "WHERE table_schema = current_schema() AND table_name = 'users'"
                    ).fetchall()
                }
                for sql in [*DIALECT.upgrade_ddl(cols), *DIALECT.tables_ddl()]:
                    cur.execute(sql)
                checks = cur.execute(
                    "SELECT conname, pg_get_constraintdef(oid) FROM pg_constraint "
                    "WHERE conrelid = 'users'::regclass AND contype = 'c'"
                ).fetchall()
                old = [str(name) for name, sql in checks if "role" in str(sql)]
                if not old or not all(roles_allowed(str(sql)) for _name, sql in checks if "role" in str(sql)):
                    for sql in DIALECT.role_check_ddl(old):  # a store made before the admin role
                        cur.execute(sql)
        _ready.add(self.url)

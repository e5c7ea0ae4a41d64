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

import functools
import json
import logging
import re
from collections.abc import Iterator, Sequence
from contextlib import contextmanager

import numpy as np
import psycopg
import shapely
from psycopg import sql
from sqlalchemy import Connection, Engine, Table, create_engine, exc, func, text
from sqlalchemy.engine import make_url
from sqlalchemy.pool import NullPool

from geo.errors import StoreError
from geo.store import audit as audit_rows
from geo.store.backend import Backend, Columns, Tx
from geo.store.base import SiteStoreBase, seed_records
from geo.store.ddl import role_check_ddl, tables_ddl, user_columns_ddl
from geo.store.schema import SEED_USER, roles_allowed

CONNECT_TIMEOUT_S = 10
_LOCK_WRITE = "hashtext(current_schema() || '.chiiki_sites_write')"
_LOCK_INIT = "hashtext(current_schema() || '.chiiki_sites_init')"
log = logging.getLogger(__name__)


def _copy_columns(conn: Connection, table: Table, columns: Columns) -> None:
    """Rows given column by column into ``table`` with one ``COPY ... FROM STDIN`` on the driver's connection.

    SQLAlchemy has no ``COPY``; the statement runs on the connection of the open transaction.
    """
    names = sql.SQL(", ").join(map(sql.Identifier, columns))
    driver = conn.connection.driver_connection
    assert isinstance(driver, psycopg.Connection)
    with driver.cursor().copy(sql.SQL("COPY {} ({}) FROM STDIN").format(sql.Identifier(table.name), names)) as copy:
        for row in zip(*columns.values()):
            copy.write_row(row)


def _ewkb_points(lon: Sequence[object], lat: Sequence[object]) -> Sequence[object]:
    """Points (EPSG:4326) as hex EWKB, the text form ``COPY`` reads into ``geometry(Point, 4326)``."""
    points = shapely.points(np.asarray(lon, dtype=float), np.asarray(lat, dtype=float))
    return list(shapely.to_wkb(shapely.set_srid(points, 4326), hex=True, include_srid=True))


BACKEND = Backend(
    name="postgis",
    geom_value=lambda lon, lat: func.ST_SetSRID(func.ST_MakePoint(lon, lat), 4326),
    reserve_ids_sql="SELECT nextval(pg_get_serial_sequence('sites', 'site_id')) AS i "
    "FROM generate_series(1, :n) ORDER BY i",
    json_out=lambda v: None if v is None else json.dumps(v, ensure_ascii=False),
    copy_columns=_copy_columns,
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


def redact(url: str) -> str:
    """``url`` without its password (for messages and cache keys)."""
    return re.sub(r"(://[^:/@]+):[^@]*@", r"\1@", url)


@functools.lru_cache(maxsize=32)
def _engine(url: str) -> Engine:
    """A SQLAlchemy engine (psycopg 3) for ``url``, a new connection per transaction (``NullPool``).

    So nothing stale is kept across Streamlit reruns or forked processes.
    """
    return create_engine(
        make_url(url).set(drivername="postgresql+psycopg"),
        poolclass=NullPool,
        connect_args={"connect_timeout": CONNECT_TIMEOUT_S},
    )


class PgSiteStore(SiteStoreBase):
    """Sites, audit trail and users in a PostgreSQL/PostGIS database."""

    def __init__(self, url: str) -> None:
        self.url = url
        self.target = redact(url)

    def __repr__(self) -> str:
        return f"PgSiteStore({self.target!r})"

    @contextmanager
    def _connect(self) -> Iterator[Connection]:
        try:
            conn = _engine(self.url).connect()
        except exc.DBAPIError as error:
            log.error("cannot connect to the PostGIS store %s: %s", self.target, error.orig)
            raise StoreError(
                f"cannot connect to the PostGIS store {self.target}: {error.orig}. "
                "Check DATABASE_URL (postgresql://user:password@host:port/db) and that the "
                "server is running"
            ) from error
        with conn:
            yield conn

    @contextmanager
    def transaction(self, write: bool) -> Iterator[Tx]:
        """A transaction; writers first take the write advisory lock (writers queue, readers never wait)."""
        self.ensure_schema()
        with self._connect() as conn, conn.begin():
            if write:
                conn.execute(text(f"SELECT pg_advisory_xact_lock({_LOCK_WRITE})"))
            yield Tx(conn, BACKEND)

    def version_token(self) -> str:
        """Change counter of ``sites`` (a sequence advanced by a statement trigger) + last audit id."""
        with self.transaction(write=False) as tx:
            row = tx.conn.execute(text("SELECT last_value, is_called FROM sites_change_seq")).first()
            last, called = row if row is not None else (0, False)
            return f"pg:{last}:{int(bool(called))}:{audit_rows.max_id(tx)}"

    def ensure_schema(self, seed: bool = True) -> None:
        """Create PostGIS tables (and seed the sample sites) on first use; once per process."""
        if self.url in _ready:
            return
        with self._connect() as conn, conn.begin():
            run = conn.exec_driver_sql
            run(f"SELECT pg_advisory_xact_lock({_LOCK_INIT})")
            if run("SELECT to_regclass('sites') IS NULL").scalar_one():
                if not run("SELECT COUNT(*) FROM pg_extension WHERE extname = 'postgis'").scalar_one():
                    try:
                        with conn.begin_nested():
                            run("CREATE EXTENSION IF NOT EXISTS postgis")
                    except exc.DBAPIError as error:
                        raise StoreError(
                            f"PostGIS is not enabled in {self.target} and this user may not enable "
                            "it: ask the database administrator to run CREATE EXTENSION postgis"
                        ) from error
                for ddl in [*tables_ddl(conn.dialect), *_EXTRA_DDL]:
                    run(ddl)
                if seed:
                    self._insert(Tx(conn, BACKEND), seed_records(), SEED_USER, "import")
            else:  # made by an earlier version: add the sign-in columns, the activity table, the admin role
                cols = {
                    str(r[0])
                    for r in run(
                        "SELECT column_name FROM information_schema.columns "
                        "WHERE table_schema = current_schema() AND table_name = 'users'"
                    )
                }
                for ddl in [*user_columns_ddl(conn.dialect, cols), *tables_ddl(conn.dialect)]:
                    run(ddl)
                checks = run(
                    "SELECT conname, pg_get_constraintdef(oid) FROM pg_constraint "
                    "WHERE conrelid = 'users'::regclass AND contype = 'c'"
                ).all()
                old = [str(name) for name, check in checks if "role" in str(check)]
                if not old or not all(roles_allowed(str(check)) for _name, check in checks if "role" in str(check)):
                    for ddl in role_check_ddl(conn.dialect, old):  # a store made before the admin role
                        run(ddl)
        _ready.add(self.url)

"""PostGIS backend (psycopg 3): the same tables as the GeoPackage in the first schema of the search path.

* tables created (and seeded with the sample sites) or upgraded only by the owner (``upgrade``,
  ``chiiki-map db upgrade``; ``geo.store.pg_schema``); normal use checks them and never runs DDL, so the
  app's role needs only ``SELECT, INSERT, UPDATE`` on ``sites``, ``audit``, ``activity`` and ``users``;
* every write transaction takes a transaction-level advisory lock, so writers queue (the duplicate
  check of ``add`` must see every committed site) while readers never wait; ``update``/``delete``
  also lock the row (``SELECT … FOR UPDATE``) and update ``WHERE version = %s``;
* ``version_token()`` reads a counter a statement trigger on ``sites`` advances, so it changes on
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
from geo.store import pg_schema
from geo.store.backend import Backend, Columns, Tx
from geo.store.base import SiteStoreBase, seed_records
from geo.store.schema import SEED_USER

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
    reserve_ids_sql="SELECT i FROM sites_reserve_ids(:n) AS i ORDER BY i",  # the owner's function (pg_schema)
    json_out=lambda v: None if v is None else json.dumps(v, ensure_ascii=False),
    copy_columns=_copy_columns,
    point_values=_ewkb_points,
)

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


def _first_line(error: BaseException | None) -> str:
    """The first line of a driver's message (no SQL excerpt), at most 300 characters."""
    lines = str(error).strip().splitlines()
    return lines[0][:300] if lines else type(error).__name__


def _driver_error(target: str, error: exc.DBAPIError) -> StoreError:
    """The ``StoreError`` for a PostgreSQL error SQLAlchemy raised: read-only, disk full, or unreachable."""
    orig = error.orig
    problem = _first_line(orig)
    if isinstance(orig, psycopg.errors.InsufficientPrivilege | psycopg.errors.ReadOnlySqlTransaction):
        return StoreError("store_db_read_only", target=target, problem=problem)
    if isinstance(orig, psycopg.errors.DiskFull):
        return StoreError("store_disk_full", path=target)
    return StoreError("store_pg_connect", target=target, problem=problem)


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
            raise StoreError("store_pg_connect", target=self.target, problem=_first_line(error.orig)) from error
        with conn:
            yield conn

    @contextmanager
    def transaction(self, write: bool) -> Iterator[Tx]:
        """A transaction; writers first take the write advisory lock (writers queue, readers never wait)."""
        self.check_schema()
        try:
            with self._connect() as conn, conn.begin():
                if write:
                    conn.execute(text(f"SELECT pg_advisory_xact_lock({_LOCK_WRITE})"))
                yield Tx(conn, BACKEND)
        except exc.DBAPIError as error:
            problem = _driver_error(self.target, error)
            log.error("PostGIS store %s: %s (%s)", self.target, problem.code, _first_line(error.orig))
            raise problem from error

    def version_token(self) -> str:
        """Change counter of ``sites`` (a statement trigger advances it, on edits outside the app too) + last audit."""
        with self.transaction(write=False) as tx:
            changes = tx.conn.execute(text("SELECT sites_change_count()")).scalar_one()
            return f"pg:{changes}:{audit_rows.max_id(tx)}"

    def check_schema(self) -> None:
        """``StoreError`` (``store_needs_upgrade``) unless the tables are ready; catalog reads, once per process."""
        if self.url in _ready:
            return
        with self._connect() as conn, conn.begin():
            steps = pg_schema.pending(conn)
        if steps:
            log.error("PostGIS store %s needs `chiiki-map db upgrade` by its owner: %s", self.target, ", ".join(steps))
            raise StoreError("store_needs_upgrade", target=self.target, steps=tuple(steps))
        _ready.add(self.url)

    def upgrade(self, seed: bool = True) -> list[str]:
        """Create the tables (seeded with the sample sites) or bring them up to date: the owner's step.

        Returns the steps done (``geo.store.pg_schema.pending`` codes; none if up to date).

        Raises
        ------
        geo.errors.StoreError
            ``store_upgrade_denied`` if this role may not change the tables, ``store_no_postgis`` if
            PostGIS is not enabled and this role may not enable it.
        """

        def add_samples(conn: Connection) -> None:
            if seed:
                self._insert(Tx(conn, BACKEND), seed_records(), SEED_USER, "import")

        try:
            with self._connect() as conn, conn.begin():
                conn.execute(text(f"SELECT pg_advisory_xact_lock({_LOCK_INIT})"))
                steps = pg_schema.upgrade(conn, add_samples)
        except exc.DBAPIError as error:
            problem = _first_line(error.orig)
            log.error("upgrade of the PostGIS store %s failed: %s", self.target, problem)
            if isinstance(error.orig, psycopg.errors.FeatureNotSupported | psycopg.errors.UndefinedFile) or (
                "postgis" in problem.lower() and "extension" in problem.lower()
            ):
                raise StoreError("store_no_postgis", target=self.target) from error
            if isinstance(error.orig, psycopg.errors.InsufficientPrivilege):
                raise StoreError("store_upgrade_denied", target=self.target, problem=problem) from error
            raise _driver_error(self.target, error) from error
        _ready.discard(self.url)
        if steps:
            log.warning("PostGIS store %s upgraded: %s", self.target, ", ".join(steps))
        return steps

"""What the aggregates (``sites``, ``audit``, ``users``, ``activity``) run on: a transaction and a backend.

``Tx`` is a SQLAlchemy connection in an open transaction; ``Backend`` holds the few things that differ
between the GeoPackage and PostGIS.

SQLAlchemy does the execution: statements are built from the ``geo.store.schema`` tables and run with
``Connection.execute``. Only bulk inserts go around its parameter handling, because a benchmark says so
(100,000 sites × 45 columns: ``executemany`` of dicts through ``Connection.execute`` took 5× the time of
the driver's own ``executemany`` of tuples): ``insert_columns`` runs the SQLAlchemy-compiled INSERT with
``Connection.exec_driver_sql`` (SQLite), or PostgreSQL's ``COPY`` (which SQLAlchemy does not wrap).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import ColumnElement, Connection, Table, bindparam, insert

from geo.store.schema import iso_time

#: One stored row as ``column → value``.
Record = dict[str, object]
#: Rows given column by column (column name → values, all of the same length).
Columns = Mapping[str, Sequence[object]]


@dataclass(frozen=True)
class Backend:
    """What differs between SQLite/GeoPackage and PostgreSQL/PostGIS."""

    #: ``gpkg`` or ``postgis``.
    name: str
    #: SQL for a point geometry from lon/lat expressions (a moved site is updated with it).
    geom_value: Callable[[ColumnElement[float], ColumnElement[float]], ColumnElement[object]]
    #: The geometry column's stored values for points given as lon and lat lists, made in one vectorised call.
    point_values: Callable[[Sequence[object], Sequence[object]], Sequence[object]]
    #: SQL returning ``n`` new site ids in one column, ascending (one bind parameter ``n``); the caller
    #: holds the write lock, so no other writer takes the same ids.
    reserve_ids_sql: str
    #: Bulk insert of rows given column by column (PostgreSQL ``COPY``); None: ``executemany``.
    copy_columns: Callable[[Connection, Table, Columns], None] | None = None
    #: A stored JSON value as JSON text (PostgreSQL returns ``jsonb`` parsed).
    json_out: Callable[[object], object] = lambda v: v


@dataclass(frozen=True)
class Tx:
    """One open transaction: the SQLAlchemy connection and its backend."""

    conn: Connection
    backend: Backend


def insert_columns(tx: Tx, table: Table, columns: Columns) -> None:
    """Insert rows given column by column into ``table`` in one round: ``COPY`` or one ``executemany``."""
    if not columns or not len(next(iter(columns.values()))):
        return
    if tx.backend.copy_columns is not None:
        tx.backend.copy_columns(tx.conn, table, columns)
        return
    compiled = insert(table).values({c: bindparam(c) for c in columns}).compile(dialect=tx.conn.dialect)
    order = compiled.positiontup or list(columns)
    tx.conn.exec_driver_sql(compiled.string, list(zip(*(columns[c] for c in order))))


def as_int(value: object) -> int:
    """An integer column value (``TypeError`` for anything that is not a number)."""
    if isinstance(value, int | float | str):
        return int(value)
    raise TypeError(f"expected an integer, got {value!r}")


def read_time(value: object) -> str | None:
    """A stored timestamp (ISO text on SQLite, ``datetime`` on PostgreSQL) as ISO 8601 UTC text."""
    return iso_time(value) if value is None or isinstance(value, datetime | str) else str(value)

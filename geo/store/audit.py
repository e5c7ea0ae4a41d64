"""The ``audit`` aggregate: one row per stored change of a site (who, when, what, before/after as JSON text).

Rows are written in the transaction of the change they record (``geo.store.base``), never on their own.
"""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence

from sqlalchemy import func, insert, select

from geo.store.backend import Tx, as_int, insert_columns, read_time
from geo.store.schema import AUDIT


def insert_one(
    tx: Tx, site_id: int | None, user: str, at: str, action: str, before: str | None, after: str | None
) -> None:
    """One audit row (``before``/``after`` are JSON text)."""
    values = {"site_id": site_id, "username": user, "at": at, "action": action, "before": before, "after": after}
    tx.conn.execute(insert(AUDIT).values(values))


def insert_many(tx: Tx, site_ids: Sequence[int], user: str, at: str, action: str, after: Sequence[str]) -> None:
    """One ``action`` row per new site (no ``before``), with one ``executemany`` or ``COPY``."""
    n = len(site_ids)
    columns = {"site_id": site_ids, "username": [user] * n, "at": [at] * n, "action": [action] * n, "after": after}
    insert_columns(tx, AUDIT, {**columns, "before": [None] * n})


def select_rows(tx: Tx, site_id: int | None) -> list[tuple[object, ...]]:
    """Audit rows (audit_id, site_id, user, at, action, before, after), oldest first."""
    stmt = select(*AUDIT.c).order_by(AUDIT.c.audit_id)
    rows = tx.conn.execute(stmt if site_id is None else stmt.where(AUDIT.c.site_id == site_id)).all()
    out = tx.backend.json_out
    return [(r[0], r[1], r[2], read_time(r[3]), r[4], out(r[5]), out(r[6])) for r in rows]


def max_id(tx: Tx) -> int:
    """Largest audit id (0 if none)."""
    return as_int(tx.conn.execute(select(func.coalesce(func.max(AUDIT.c.audit_id), 0))).scalar_one())


def json_rows(columns: Mapping[str, Sequence[object]]) -> list[str]:
    """Each row of ``columns`` (plain values) as JSON text (an ``after``), encoded in one call, cut at row borders.

    Rows are dicts with the same first key, so the border ``}, {"<first key>": `` cannot occur inside an
    encoded string (a quote there is always escaped); any doubt falls back to one call per row.
    """
    names = list(columns)
    rows = [dict(zip(names, row)) for row in zip(*columns.values())]
    if not rows:
        return []
    head = _JSON.encode({names[0]: None})[: -len("null}")]  # '{"name": '
    chunks = _JSON.encode(rows)[1:-1].split("}, " + head)
    if len(chunks) != len(rows):
        return [_JSON.encode(row) for row in rows]
    last = len(chunks) - 1
    return [(head if k else "") + c + ("}" if k < last else "") for k, c in enumerate(chunks)]


_JSON = json.JSONEncoder(ensure_ascii=False)

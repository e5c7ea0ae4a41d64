"""The ``activity`` aggregate: writes that are not site changes — accounts, lockouts, land and layer imports.

Who, when, what (``ACTIVITY_ACTIONS``), which account or file, and a JSON ``detail`` (never a password or
hash). Rows are written in the transaction of the change they record.
"""

from __future__ import annotations

import json

from sqlalchemy import insert, select

from geo.store.backend import Tx, read_time
from geo.store.schema import ACTIVITY, ACTIVITY_ACTIONS, now_utc


def log(tx: Tx, user: str, action: str, target: str | None, **detail: object) -> None:
    """One ``activity`` row now, in the open transaction ``tx`` (``detail`` stored as JSON, None if empty).

    Raises
    ------
    ValueError
        ``action`` is not one of ``ACTIVITY_ACTIONS``.
    """
    if action not in ACTIVITY_ACTIONS:
        raise ValueError(f"unknown activity {action!r}: use one of {', '.join(ACTIVITY_ACTIONS)}")
    text = json.dumps(detail, ensure_ascii=False, default=str) if detail else None
    values = {"at": now_utc(), "username": user, "action": action, "target": target, "detail": text}
    tx.conn.execute(insert(ACTIVITY).values(values))


def select_rows(tx: Tx) -> list[tuple[object, ...]]:
    """Activity rows (activity_id, at, user, action, target, detail), oldest first."""
    rows = tx.conn.execute(select(*ACTIVITY.c).order_by(ACTIVITY.c.activity_id)).all()
    return [(r[0], read_time(r[1]), r[2], r[3], r[4], tx.backend.json_out(r[5])) for r in rows]

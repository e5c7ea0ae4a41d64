"""One site at a time: check a typed-in record, find what an edit changes, read the audit trail."""

from __future__ import annotations

import json
import math
from collections.abc import Mapping
from datetime import datetime
from typing import Any
from zoneinfo import ZoneInfo

import geopandas as gpd
import pandas as pd

from geo.io.reasons import Reason
from geo.io.records import is_missing
from geo.sites.schema import NUMERIC_COLUMNS, SITE_COLUMNS, validate_sites

#: Columns a person edits (``is_sample`` marks our compiled sample and is not edited by hand).
EDITABLE_COLUMNS: list[str] = [c for c in SITE_COLUMNS if c != "is_sample"]
_NUMBERS = {*NUMERIC_COLUMNS, "lon", "lat"}
#: Columns of ``audit_changes`` (one row per changed column; the store's own audit rows are
#: ``geo.store.schema.STORE_AUDIT_COLUMNS``).
CHANGE_COLUMNS: list[str] = ["at", "user", "action", "column", "before", "after"]
#: Columns shown in the change history (what people edit, and the soft-delete flag).
AUDITED_COLUMNS: list[str] = [*EDITABLE_COLUMNS, "deleted"]


def _clean(column: str, value: object) -> object:
    """Comparable form of a cell: None for missing/blank, float for numbers, stripped text otherwise."""
    if is_missing(value):
        return None
    if column in _NUMBERS:
        try:
            return float(value)  # type: ignore[arg-type]
        except (TypeError, ValueError):
            return str(value).strip() or None
    text = str(value).strip()
    return text or None


def check_site(values: Mapping[str, object]) -> tuple[gpd.GeoDataFrame, list[Reason]]:
    """Validate one record (schema column → value): (one-row accepted sites or empty, its problems)."""
    record = {c: "" if _clean(c, values.get(c)) is None else values.get(c) for c in EDITABLE_COLUMNS}
    record["is_sample"] = bool(values.get("is_sample", False))
    accepted, rejected = validate_sites(pd.DataFrame([record]).astype(object))
    problems = list(rejected["reason"].iloc[0]) if len(rejected) else []
    return accepted, problems


def changed_fields(before: Mapping[str, object], after: Mapping[str, object]) -> dict[str, object]:
    """Editable columns whose value differs (numbers to 1e-9, blanks equal), with the new value."""
    out: dict[str, object] = {}
    for col in EDITABLE_COLUMNS:
        if col not in after:
            continue
        old, new = _clean(col, before.get(col)), _clean(col, after.get(col))
        if isinstance(old, float) and isinstance(new, float):
            if math.isclose(old, new, rel_tol=0.0, abs_tol=1e-9):
                continue
        elif old == new:
            continue
        out[col] = new
    return out


def local_time(value: object, tz: str = "Asia/Tokyo") -> str:
    """A stored UTC timestamp (ISO 8601) as ``YYYY-MM-DD HH:MM:SS`` in Japan time; other text unchanged."""
    if is_missing(value):
        return ""
    try:
        when = datetime.fromisoformat(str(value).replace("Z", "+00:00"))
    except ValueError:
        return str(value)
    return when.astimezone(ZoneInfo(tz)).strftime("%Y-%m-%d %H:%M:%S") if when.tzinfo else str(value)


def _as_dict(value: object) -> dict[str, Any]:
    """An audit ``before``/``after`` cell (dict, JSON text or empty) as a dict."""
    if isinstance(value, Mapping):
        return dict(value)
    if isinstance(value, str) and value.strip():
        loaded = json.loads(value)
        return dict(loaded) if isinstance(loaded, Mapping) else {}
    return {}


def _shown(value: object) -> str:
    return "" if _clean("", value) is None else str(value)


def audit_changes(audit: pd.DataFrame, since: str | None = None) -> pd.DataFrame:
    """One row per changed column per audit entry, newest first (``CHANGE_COLUMNS``).

    Parameters
    ----------
    audit
        The store's audit rows (``STORE_AUDIT_COLUMNS``; ``before``/``after`` as JSON text or dicts).
    since
        A stored UTC timestamp: keep only the entries after it.

    Returns
    -------
    pandas.DataFrame
        at (Japan time), user, action, column, before, after; an entry that changes nothing visible
        keeps one row with an empty column.
    """
    if since and len(audit):
        audit = audit[audit["at"].astype(str) > str(since)]
    rows: list[dict[str, str]] = []
    for _, entry in audit.sort_values("at", ascending=False, kind="stable").iterrows():
        before, after = _as_dict(entry.get("before")), _as_dict(entry.get("after"))
        base = {
            "at": local_time(entry.get("at")),
            "user": str(entry.get("user", "")),
            "action": str(entry.get("action", "")),
        }
        keys = [
            k
            for k in dict.fromkeys([*before, *after])
            if k in AUDITED_COLUMNS and _clean(k, before.get(k)) != _clean(k, after.get(k))
        ]
        for key in keys or [""]:
            rows.append({**base, "column": key, "before": _shown(before.get(key)), "after": _shown(after.get(key))})
    return pd.DataFrame(rows, columns=CHANGE_COLUMNS)

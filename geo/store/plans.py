"""The ``plans`` aggregate: plans (計画素案) and their audit trail, in the store's own transactions.

A plan is one row of ``plans`` (``geo.store.schema.PLANS``): what people decide — type, name, region,
fields, member site and firm lists, sections, the requirement statuses an editor set — with ``version``,
``updated_by`` and ``updated_at``. Every write needs a signed-in editor (``geo.store.base.require_editor``,
checked again inside the transaction), runs in ONE write transaction of the backend (GeoPackage
``BEGIN IMMEDIATE``, PostGIS advisory lock + row lock) and writes one ``plan_audit`` row (the changed fields
before and after) in the same transaction. A write made against a stale ``expected_version`` raises
``PlanConflictError`` and writes nothing; member ids must be stored sites that are not deleted.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import replace

import pandas as pd
from sqlalchemy import Row, insert, select, update

from geo.accounts import Actor
from geo.errors import PlanConflictError, PlanError, PlanNotFoundError
from geo.plans.model import Check, Plan, PlanChange, apply_change
from geo.store.backend import Tx, as_int, read_time
from geo.store.base import SiteStoreBase, check_current, require_editor
from geo.store.schema import PLAN_AUDIT, PLAN_AUDIT_ACTIONS, PLAN_AUDIT_COLUMNS, PLANS, SITES, now_utc

log = logging.getLogger(__name__)

#: The plan fields kept as JSON, and the text fields; an audit row names the ones a change touched.
JSON_FIELDS: tuple[str, ...] = ("fields", "sites", "firms", "firm_totals", "sections", "checks")
TEXT_FIELDS: tuple[str, ...] = ("type", "name", "region", "area", "status")
_JSON = json.JSONEncoder(ensure_ascii=False)


def _values(plan: Plan) -> dict[str, object]:
    """The stored (plain, JSON-ready) values of ``plan``'s decided fields."""
    checks = {
        rid: {"status": c.status, "evidence": c.evidence, "by": c.by, "at": c.at} for rid, c in plan.checks.items()
    }
    return {
        "type": plan.type,
        "name": plan.name,
        "region": plan.region,
        "area": plan.area,
        "fields": list(plan.fields),
        "sites": list(plan.sites),
        "firms": [dict(f) for f in plan.firms],
        "firm_totals": [dict(f) for f in plan.firm_totals],
        "sections": dict(plan.sections),
        "checks": checks,
        "status": plan.status,
    }


def _row_values(values: Mapping[str, object]) -> dict[str, object]:
    """Values as the table takes them: JSON fields as JSON text."""
    return {k: _JSON.encode(v) if k in JSON_FIELDS else v for k, v in values.items()}


def _json_in(value: object) -> object:
    """A stored JSON value (text on GeoPackage, parsed on PostgreSQL's ``jsonb``) as Python."""
    return json.loads(value) if isinstance(value, str | bytes) else value


def _plan(row: Row[tuple[object, ...]]) -> Plan:
    m = row._mapping
    j = {k: _json_in(m[k]) for k in JSON_FIELDS}
    raw_checks = j["checks"] if isinstance(j["checks"], dict) else {}
    checks = {
        str(k): Check(str(v["status"]), str(v["evidence"]), str(v["by"]), str(v["at"])) for k, v in raw_checks.items()
    }
    return Plan(
        id=as_int(m["plan_id"]),
        type=str(m["type"]),
        name=str(m["name"]),
        region=str(m["region"]),
        area=None if m["area"] is None else str(m["area"]),
        fields=tuple(str(f) for f in _list(j["fields"])),
        sites=tuple(as_int(s) for s in _list(j["sites"])),
        firms=_dicts(j["firms"]),
        firm_totals=_dicts(j["firm_totals"]),
        sections={str(k): str(v) for k, v in (j["sections"] if isinstance(j["sections"], dict) else {}).items()},
        checks=checks,
        status=str(m["status"]),
        version=as_int(m["version"]),
        created_at=read_time(m["created_at"]),
        updated_at=read_time(m["updated_at"]),
        updated_by=None if m["updated_by"] is None else str(m["updated_by"]),
        deleted=bool(m["deleted"]),
    )


def _list(value: object) -> list[object]:
    return list(value) if isinstance(value, list) else []


def _dicts(value: object) -> tuple[dict[str, object], ...]:
    return tuple({str(k): v for k, v in f.items()} for f in _list(value) if isinstance(f, dict))


def _select_one(tx: Tx, plan_id: int, lock: bool = False) -> Plan | None:
    stmt = select(PLANS).where(PLANS.c.plan_id == plan_id)
    row = tx.conn.execute(stmt.with_for_update() if lock else stmt).first()
    return None if row is None else _plan(row)


def _audit(tx: Tx, plan_id: int, user: str, at: str, action: str, before: object, after: object) -> None:
    if action not in PLAN_AUDIT_ACTIONS:
        raise ValueError(f"unknown plan audit action {action!r}: use one of {', '.join(PLAN_AUDIT_ACTIONS)}")
    values = {
        "plan_id": plan_id,
        "username": user,
        "at": at,
        "action": action,
        "before": None if before is None else _JSON.encode(before),
        "after": None if after is None else _JSON.encode(after),
    }
    tx.conn.execute(insert(PLAN_AUDIT).values(values))


def _check_members(tx: Tx, site_ids: Iterable[int], target: str) -> None:
    """``PlanError`` (``plan_site_missing``) unless every id is a stored site that is not deleted."""
    wanted = sorted(set(site_ids))
    if not wanted:
        return
    stmt = select(SITES.c.site_id).where(SITES.c.site_id.in_(wanted) & ~SITES.c.deleted)
    found = {as_int(r[0]) for r in tx.conn.execute(stmt)}
    missing = [i for i in wanted if i not in found]
    if missing:
        shown = ", ".join(str(i) for i in missing[:20]) + (" …" if len(missing) > 20 else "")
        raise PlanError("plan_site_missing", ids=shown, n=len(missing), store=target)


def _not_found(store: SiteStoreBase, plan_id: int) -> PlanNotFoundError:
    return PlanNotFoundError("plan_not_found", id=plan_id, store=store.target)


# ---------------------------------------------------------------------- reading
def get_plan(store: SiteStoreBase, plan_id: int) -> Plan:
    """The stored plan ``plan_id``; ``PlanNotFoundError`` if there is none."""
    with store.transaction(write=False) as tx:
        plan = _select_one(tx, as_int(plan_id))
    if plan is None or plan.deleted:
        raise _not_found(store, plan_id)
    return plan


def list_plans(store: SiteStoreBase) -> list[Plan]:
    """Every stored plan (not deleted), ordered by id."""
    with store.transaction(write=False) as tx:
        rows = tx.conn.execute(select(PLANS).where(~PLANS.c.deleted).order_by(PLANS.c.plan_id)).all()
    return [_plan(r) for r in rows]


def plan_audit(store: SiteStoreBase, plan_id: int | None = None) -> pd.DataFrame:
    """The plans' audit trail, oldest first: ``PLAN_AUDIT_COLUMNS`` (``before``/``after`` as JSON text)."""
    stmt = select(*PLAN_AUDIT.c).order_by(PLAN_AUDIT.c.audit_id)
    with store.transaction(write=False) as tx:
        rows = tx.conn.execute(stmt if plan_id is None else stmt.where(PLAN_AUDIT.c.plan_id == plan_id)).all()
        out = tx.backend.json_out
        records = [(as_int(r[0]), as_int(r[1]), r[2], read_time(r[3]), r[4], out(r[5]), out(r[6])) for r in rows]
    return pd.DataFrame(records, columns=PLAN_AUDIT_COLUMNS)


# ---------------------------------------------------------------------- writing
def create_plan(store: SiteStoreBase, draft: Plan, actor: Actor | None) -> Plan:
    """Store ``draft`` (``geo.plans.model.new_plan``) as a new plan, version 1, by ``actor``; the stored plan.

    Raises
    ------
    geo.errors.EditorRequired
        ``actor`` may not write.
    geo.errors.PlanError
        ``plan_site_missing``: a member is not a stored site (or is deleted). Nothing is written.
    """
    actor = require_editor(actor)
    with store.transaction(write=True) as tx:
        check_current(tx, actor)
        _check_members(tx, draft.sites, store.target)
        at = now_utc()
        values = _values(draft)
        meta = {"version": 1, "deleted": False, "created_at": at, "updated_at": at, "updated_by": actor.name}
        stmt = insert(PLANS).values({**_row_values(values), **meta}).returning(PLANS.c.plan_id)
        plan_id = as_int(tx.conn.execute(stmt).scalar_one())
        _audit(tx, plan_id, actor.name, at, "create", None, values)
    log.info("plan %d (%s) created by %r in %s", plan_id, draft.type, actor.name, store.target)
    return replace(draft, id=plan_id, version=1, created_at=at, updated_at=at, updated_by=actor.name, deleted=False)


def update_plan(
    store: SiteStoreBase,
    plan_id: int,
    change: PlanChange,
    actor: Actor | None,
    expected_version: int | None = None,
    settable: Sequence[str] | None = None,
) -> Plan:
    """Apply ``change`` to plan ``plan_id`` in one transaction with its audit row; the plan as saved.

    Parameters
    ----------
    store
        The site store.
    plan_id
        The plan.
    change
        What to change (``geo.plans.model.PlanChange``); a change that changes nothing writes nothing.
    actor
        The signed-in editor.
    expected_version
        The version the editor saw; if someone saved since, ``PlanConflictError`` and nothing is written.
        None: no check (the command line without ``--expected-version``; members are deltas either way).
    settable
        The requirement ids an editor may set for this plan's type; default: from the checklist file.

    Raises
    ------
    geo.errors.EditorRequired, geo.errors.PlanNotFoundError, geo.errors.PlanConflictError, geo.errors.PlanError
    """
    actor = require_editor(actor)
    with store.transaction(write=True) as tx:
        check_current(tx, actor)
        current = _select_one(tx, as_int(plan_id), lock=True)
        if current is None or current.deleted:
            raise _not_found(store, plan_id)
        if expected_version is not None and as_int(expected_version) != current.version:
            raise PlanConflictError(
                "plan_conflict",
                id=current.id,
                expected=as_int(expected_version),
                version=current.version,
                saved_by=current.updated_by or "",
                at=current.updated_at or "",
            )
        if change.check is not None and settable is None:
            from geo.plans.checklist import load_checklist

            settable = [r.id for r in load_checklist().for_type(current.type) if r.rule is None]
        at = now_utc()
        new = apply_change(current, change, actor.name, at, settable or ())
        _check_members(tx, [s for s in new.sites if s not in current.sites], store.target)
        old_values, new_values = _values(current), _values(new)
        keys = [k for k in new_values if old_values[k] != new_values[k]]
        if not keys:
            return current
        version = current.version + 1
        sets = {**_row_values({k: new_values[k] for k in keys}), "version": version, "updated_at": at}
        stmt = update(PLANS).where((PLANS.c.plan_id == current.id) & (PLANS.c.version == current.version))
        if tx.conn.execute(stmt.values({**sets, "updated_by": actor.name})).rowcount != 1:
            raise PlanConflictError(
                "plan_conflict",
                id=current.id,
                expected=current.version,
                version=current.version + 1,
                saved_by="",
                at="",
            )
        _audit(
            tx, current.id, actor.name, at, "update", {k: old_values[k] for k in keys}, {k: new_values[k] for k in keys}
        )
    log.info("plan %d updated (%s) by %r in %s", current.id, ", ".join(keys), actor.name, store.target)
    return replace(new, version=version, updated_at=at, updated_by=actor.name)

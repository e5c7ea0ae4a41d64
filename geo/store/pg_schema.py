"""The PostGIS store's tables: what a database needs (read-only check) and the owner's upgrade (DDL).

Normal use only *checks* (``pending``: catalog queries any role may run) and stops with
``store_needs_upgrade`` when something is missing; creating and upgrading is the owner's
(``chiiki-map db upgrade`` → ``upgrade``). So the app's role needs exactly ``SELECT, INSERT, UPDATE`` on
``sites``, ``audit``, ``activity`` and ``users``:

* ids are identity columns (inserting needs no right on a sequence);
* new site ids come from ``sites_reserve_ids(n)`` and the change counter from ``sites_change_count()``,
  and the statement trigger on ``sites`` advances it through ``sites_bump_change()`` — three
  ``SECURITY DEFINER`` functions of the owner with a fixed ``search_path``, so the app's role needs no
  right on the sequences behind them.

Everything lives in the first schema of the search path (``current_schema()``).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import cast

from sqlalchemy import Connection, text

from geo.store.ddl import role_check_ddl, tables_ddl, user_columns_ddl
from geo.store.schema import USER_SECURITY_COLUMNS, roles_allowed

#: The identity columns: (table, column).
IDENTITY_COLUMNS = (("sites", "site_id"), ("audit", "audit_id"), ("activity", "activity_id"))
#: The owner's functions the app calls (or its trigger does).
FUNCTIONS = ("sites_bump_change", "sites_change_count", "sites_reserve_ids")

_CHECK = """
WITH rel AS (
    SELECT t, to_regclass(format('%I.%I', current_schema(), t)) AS oid
    FROM unnest(ARRAY['sites', 'audit', 'users', 'activity']) AS t
)
SELECT
    (SELECT coalesce(array_agg(t), '{}') FROM rel WHERE oid IS NULL),
    (SELECT coalesce(array_agg(a.attname::text), '{}') FROM pg_attribute a JOIN rel ON a.attrelid = rel.oid
     WHERE rel.t = 'users' AND a.attnum > 0 AND NOT a.attisdropped),
    (SELECT coalesce(array_agg(c.conname::text || ' ' || pg_get_constraintdef(c.oid)), '{}')
     FROM pg_constraint c JOIN rel ON c.conrelid = rel.oid WHERE rel.t = 'users' AND c.contype = 'c'),
    (SELECT coalesce(array_agg(rel.t || '.' || a.attname), '{}') FROM pg_attribute a JOIN rel ON a.attrelid = rel.oid
     WHERE a.attidentity <> ''),
    (SELECT count(*) FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace
     WHERE n.nspname = current_schema() AND p.prosecdef AND p.proname = ANY(:functions)),
    (SELECT count(*) FROM pg_extension WHERE extname = 'postgis')
"""


def _state(conn: Connection) -> dict[str, object]:
    """What the catalog says about the store in the current schema (one query, any role may run it)."""
    row = conn.execute(text(_CHECK), {"functions": list(FUNCTIONS)}).one()
    checks = [c.split(" ", 1)[1] for c in row[2] if "role" in c.split(" ", 1)[1]]
    return {
        "missing": set(row[0]),
        "user_columns": set(row[1]),
        "role_checks": checks,
        "identities": set(row[3]),
        "functions": int(row[4]),
        "postgis": bool(row[5]),
    }


def pending(conn: Connection) -> list[str]:
    """The upgrade steps the store needs, as codes (none: ready for use). Catalog reads only.

    ``tables`` (no store yet: everything is made), else any of ``sign_in_columns``, ``activity``,
    ``role_check``, ``identity`` and ``functions``.
    """
    return _steps(_state(conn))


def _steps(state: dict[str, object]) -> list[str]:
    missing, identities = cast(set[str], state["missing"]), cast(set[str], state["identities"])
    if {"sites", "audit", "users"} & missing:
        return ["tables"]
    checks = cast(list[str], state["role_checks"])
    wanted = {
        "sign_in_columns": bool(set(USER_SECURITY_COLUMNS) - cast(set[str], state["user_columns"])),
        "activity": "activity" in missing,
        "role_check": not checks or not all(roles_allowed(c) for c in checks),
        "identity": any(f"{t}.{c}" not in identities for t, c in IDENTITY_COLUMNS),
        "functions": cast(int, state["functions"]) < len(FUNCTIONS),
    }
    return [step for step, needed in wanted.items() if needed]


def _literal(value: str) -> str:
    return "'" + value.replace("'", "''") + "'"


def _functions_ddl(conn: Connection) -> list[str]:
    """The change-counter sequence, the three ``SECURITY DEFINER`` functions and the trigger (idempotent)."""
    schema = conn.dialect.identifier_preparer.quote(str(conn.execute(text("SELECT current_schema()")).scalar_one()))
    site_seq = str(conn.execute(text(f"SELECT pg_get_serial_sequence('{schema}.sites', 'site_id')")).scalar_one())
    change_seq = f"{schema}.sites_change_seq"
    owner = "SECURITY DEFINER SET search_path = pg_catalog, pg_temp"
    return [
        f"CREATE SEQUENCE IF NOT EXISTS {change_seq}",
        f"CREATE OR REPLACE FUNCTION {schema}.sites_bump_change() RETURNS trigger LANGUAGE plpgsql {owner} "
        f"AS $$ BEGIN PERFORM nextval({_literal(change_seq)}::regclass); RETURN NULL; END $$",
        f"CREATE OR REPLACE FUNCTION {schema}.sites_change_count() RETURNS bigint LANGUAGE sql STABLE {owner} "
        f"AS $$ SELECT CASE WHEN is_called THEN last_value ELSE 0 END FROM {change_seq} $$",
        f"CREATE OR REPLACE FUNCTION {schema}.sites_reserve_ids(n integer) RETURNS SETOF bigint LANGUAGE sql "
        f"{owner} AS $$ SELECT nextval({_literal(site_seq)}::regclass) FROM generate_series(1, n) $$",
        f"DROP TRIGGER IF EXISTS sites_changed ON {schema}.sites",
        f"CREATE TRIGGER sites_changed AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON {schema}.sites "
        f"FOR EACH STATEMENT EXECUTE FUNCTION {schema}.sites_bump_change()",
    ]


def _to_identity(conn: Connection, table: str, column: str) -> None:
    """Make a ``serial`` id column (stores made before) an identity column that goes on past every id used."""
    run = conn.exec_driver_sql
    seq = run(f"SELECT pg_get_serial_sequence('{table}', '{column}')").scalar_one()
    used = int(run(f"SELECT coalesce(max({column}), 0) FROM {table}").scalar_one())
    if seq is not None:
        last, called = run(f"SELECT last_value, is_called FROM {seq}").one()
        used = max(used, int(last) if called else 0)
        run(f"ALTER TABLE {table} ALTER COLUMN {column} DROP DEFAULT")
        run(f"DROP SEQUENCE {seq}")
    run(f"ALTER TABLE {table} ALTER COLUMN {column} ADD GENERATED BY DEFAULT AS IDENTITY")
    new = run(f"SELECT pg_get_serial_sequence('{table}', '{column}')").scalar_one()
    run(f"SELECT setval({_literal(str(new))}, {max(used, 1)}, {'true' if used else 'false'})")


def upgrade(conn: Connection, seed: Callable[[Connection], None]) -> list[str]:
    """Create or bring up to date the store's tables in the open transaction ``conn``; the steps done.

    ``seed`` fills a new store (the sample sites). The caller holds the init lock and maps permission
    errors (a role that may not change tables) to its own message.
    """
    run = conn.exec_driver_sql
    state = _state(conn)
    steps = _steps(state)
    if not steps:
        return []
    if "tables" in steps:
        if not state["postgis"]:
            run("CREATE EXTENSION IF NOT EXISTS postgis")
        for ddl in [*tables_ddl(conn.dialect), "CREATE INDEX IF NOT EXISTS sites_geom_idx ON sites USING gist (geom)"]:
            run(ddl)
        for ddl in _functions_ddl(conn):
            run(ddl)
        seed(conn)
        return steps
    cols = cast(set[str], state["user_columns"])
    for ddl in [*user_columns_ddl(conn.dialect, cols), *tables_ddl(conn.dialect)]:
        run(ddl)
    if "role_check" in steps:
        checks = run(
            "SELECT conname, pg_get_constraintdef(oid) FROM pg_constraint "
            "WHERE conrelid = 'users'::regclass AND contype = 'c'"
        ).all()
        for ddl in role_check_ddl(conn.dialect, [str(name) for name, check in checks if "role" in str(check)]):
            run(ddl)
    for table, column in IDENTITY_COLUMNS:
        if f"{table}.{column}" not in cast(set[str], state["identities"]):
            _to_identity(conn, table, column)
    for ddl in _functions_ddl(conn):  # the id sequence may have changed with the identity columns
        run(ddl)
    return steps

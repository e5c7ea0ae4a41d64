"""What both site-store backends share: validation, the duplicate pre-filter, diffs and the write logic.

``SiteStoreBase`` implements ``read/get/add/update/delete/restore/audit`` once, on top of a backend's
``transaction()`` (a ``geo.store.sql.SqlTx``). A backend (GeoPackage, PostGIS) only supplies the
connection, the schema and the version token. Every write needs an editor ``Actor`` and writes one
audit row per changed site in the same transaction as the change. Tables: ``geo.store.schema``.
"""

from __future__ import annotations

import json
import math
import warnings
from abc import ABC, abstractmethod
from collections.abc import Mapping, Sequence
from contextlib import AbstractContextManager
from itertools import compress

import geopandas as gpd
import numpy as np
import pandas as pd

from geo.accounts import EDIT_ROLES, Actor
from geo.config import SAMPLE_SITES_CSV
from geo.crs import CRS_STORE
from geo.errors import ConflictError, EditorRequired, ParameterError, SiteNotFoundError, SiteStateError, ValidationError
from geo.io.reasons import technical
from geo.sites.duplicates import find_duplicates
from geo.sites.schema import NUMERIC_COLUMNS, SITE_COLUMNS, read_sites_file, validate_sites
from geo.store.schema import COLUMN_KINDS, STORE_AUDIT_COLUMNS, STORE_COLUMNS, TEXT_KINDS, now_utc
from geo.store.sql import Record, SqlTx, as_int
from geo.text import name_key

_TEXT = [c for c, k in COLUMN_KINDS.items() if k in TEXT_KINDS]


def require_editor(actor: Actor | None) -> Actor:
    """``actor`` if it may write, else ``geo.errors.EditorRequired`` (enforced inside the store)."""
    if not isinstance(actor, Actor) or not actor.can_edit or not actor.name:
        if isinstance(actor, Actor):
            raise EditorRequired("editor_required", name=actor.name, role=actor.role)
        raise EditorRequired("editor_required_anonymous")
    return actor


def check_current(tx: SqlTx, actor: Actor) -> None:
    """Inside a write: ``EditorRequired`` if ``actor`` signed in before its account's password or role changed.

    Actors without a password version (OIDC sign-ins, whose role is read again on every page run) pass.
    """
    if actor.password_version is None:
        return
    row = tx.select_user(actor.name)
    if row is None or row["role"] not in EDIT_ROLES or as_int(row["password_version"] or 1) != actor.password_version:
        raise EditorRequired("editor_sign_in_again", name=actor.name)


def _plain(value: object) -> object:
    """A JSON/SQL-friendly Python value: numpy scalars unwrapped, NaN/NA → None."""
    if value is None or value is pd.NA or (isinstance(value, float) and math.isnan(value)):
        return None
    if isinstance(value, np.generic):
        return _plain(value.item())
    return value


def to_json(record: Mapping[str, object] | None) -> str | None:
    """A record as JSON text (Japanese kept readable), or None."""
    return None if record is None else json.dumps({k: _plain(v) for k, v in record.items()}, ensure_ascii=False)


def _as_sites_input(sites: pd.DataFrame) -> pd.DataFrame:
    """``SITE_COLUMNS`` of ``sites``; lon/lat filled from a point geometry (reprojected to EPSG:4326)."""
    df = pd.DataFrame(
        {c: sites[c].to_numpy() if c in sites.columns else pd.NA for c in SITE_COLUMNS}, index=sites.index
    ).astype(object)
    if isinstance(sites, gpd.GeoDataFrame) and sites.geometry.name in sites.columns:
        geom = sites.geometry if sites.crs is None else sites.geometry.to_crs(CRS_STORE)
        pts = geom.where(geom.notna() & ~geom.is_empty)
        for col, vals in (("lon", pts.x), ("lat", pts.y)):
            df[col] = df[col].where(df[col].notna(), vals.astype(object))
    return df


def validated_columns(sites: pd.DataFrame) -> dict[str, list[object]]:
    """Validated sites column by column (``SITE_COLUMNS`` + derived columns → plain Python values).

    ``ValidationError`` (nothing is written) if any row is bad.
    """
    if len(sites) == 0:
        raise ValidationError("sites_none", pd.DataFrame(columns=["row", "reason"]))
    accepted, rejected = validate_sites(_as_sites_input(sites).reset_index(drop=True))
    if len(rejected):
        raise ValidationError(
            "sites_invalid",
            rejected,
            n=len(rejected),
            total=len(sites),
            rejected_rows=tuple(rejected["row"]),
            rejected_reasons=tuple(rejected["reason"]),
        )
    table = pd.DataFrame(accepted.drop(columns="geometry"))
    return {str(c): _plain_column(table[c]) for c in table.columns}


def validated_records(sites: pd.DataFrame) -> list[Record]:
    """Validated site records (``SITE_COLUMNS`` + derived columns); ``ValidationError`` if any row is bad."""
    columns = validated_columns(sites)
    return [dict(zip(columns, row)) for row in zip(*columns.values())]


def _plain_column(values: pd.Series) -> list[object]:
    """``_plain`` of every cell, column-wise: Python scalars, NaN/NA → None."""
    cells = values.astype(object)
    out = cells.where(cells.notna(), None).tolist()
    return out if set(map(type, out)) <= _PLAIN_TYPES else [_plain(v) for v in out]


_PLAIN_TYPES = {str, float, int, bool, type(None)}


def records_frame(records: list[Record], crs: str = CRS_STORE) -> gpd.GeoDataFrame:
    """Site records as a GeoDataFrame with ``STORE_COLUMNS`` (missing → None), stable dtypes, EPSG:4326."""
    return columns_frame({c: [r.get(c) for r in records] for c in STORE_COLUMNS}, len(records), crs)


def columns_frame(columns: Mapping[str, Sequence[object]], n: int, crs: str = CRS_STORE) -> gpd.GeoDataFrame:
    """Sites given column by column (``n`` rows) as ``records_frame`` returns them (absent columns → None)."""
    none = [None] * n
    df = pd.DataFrame({c: columns.get(c, none) for c in STORE_COLUMNS}, index=range(n))
    df["site_id"] = pd.to_numeric(df["site_id"]).astype("int64")
    df["version"] = pd.to_numeric(df["version"]).fillna(1).astype("int64")
    for col in ("is_sample", "deleted"):
        df[col] = df[col].astype(object).fillna(False).astype(bool)
    for col in [*NUMERIC_COLUMNS, "lon", "lat"]:
        df[col] = pd.to_numeric(df[col], errors="coerce").astype(float)
    for col in _TEXT:
        df[col] = df[col].astype(object).where(df[col].notna(), None)
    return gpd.GeoDataFrame(df, geometry=gpd.points_from_xy(df["lon"], df["lat"], crs=crs), crs=crs)


def _json_rows(columns: Mapping[str, list[object]]) -> list[str]:
    """``to_json`` of every row of ``columns`` (plain values), encoded in one call and cut at row borders.

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


def _named_points(columns: Mapping[str, Sequence[object]]) -> gpd.GeoDataFrame:
    """``site_id``, ``name`` and the lon/lat point of sites given column by column (for the duplicate rule)."""
    lon, lat = (np.asarray(columns[c], dtype=float) for c in ("lon", "lat"))
    return gpd.GeoDataFrame(
        {"site_id": np.asarray(columns["site_id"], dtype=np.int64), "name": list(columns["name"])},
        geometry=gpd.points_from_xy(lon, lat, crs=CRS_STORE),
        crs=CRS_STORE,
    )


def changed(before: Mapping[str, object], after: Mapping[str, object]) -> tuple[Record, Record]:
    """(before, after) restricted to the columns whose value differs (floats compared to 1e-9)."""
    keys = [k for k in after if not _same(before.get(k), after.get(k))]
    return {k: _plain(before.get(k)) for k in keys}, {k: _plain(after.get(k)) for k in keys}


def _same(a: object, b: object) -> bool:
    a, b = _plain(a), _plain(b)
    if isinstance(a, (int, float)) and isinstance(b, (int, float)) and not isinstance(a, bool):
        return math.isclose(float(a), float(b), rel_tol=0.0, abs_tol=1e-9)
    return a == b


def seed_records() -> dict[str, list[object]]:
    """Validated sample sites for seeding a new store; warns about (and skips) any rejected sample row."""
    accepted, rejected = validate_sites(read_sites_file(SAMPLE_SITES_CSV))
    if len(rejected):
        warnings.warn(
            f"{len(rejected)} sample row(s) in {SAMPLE_SITES_CSV} were skipped: "
            + "; ".join(f"row {r}: {technical(w)}" for r, w in zip(rejected["row"], rejected["reason"])),
            stacklevel=2,
        )
    return validated_columns(accepted)


class SiteStoreBase(ABC):
    """The store interface; backends provide ``transaction``, ``version_token`` and ``target``."""

    #: Where the store lives (a file path or a URL without password), for display and cache keys.
    target: str

    @abstractmethod
    def transaction(self, write: bool) -> AbstractContextManager[SqlTx]:
        """A transaction (exclusive for writers), committed on success and rolled back on error.

        Parameters
        ----------
        write
            True for a writer: it waits for, and then excludes, every other writer.
        """

    @abstractmethod
    def version_token(self) -> str:
        """A value that changes on every write (for caches)."""

    # ------------------------------------------------------------------ reading
    def read(self, include_deleted: bool = False) -> gpd.GeoDataFrame:
        """Sites (``STORE_COLUMNS`` + point geometry, EPSG:4326) ordered by ``site_id``."""
        with self.transaction(write=False) as tx:
            cols = tx.select_columns(include_deleted=include_deleted)
        return columns_frame(cols, len(cols["site_id"]))

    def get(self, site_id: int) -> Record:
        """One site (also a deleted one) as a dict of ``STORE_COLUMNS``; ``SiteNotFoundError`` if unknown."""
        with self.transaction(write=False) as tx:
            return self._existing(tx, site_id)

    def audit(self, site_id: int | None = None) -> pd.DataFrame:
        """Audit trail, oldest first: ``STORE_AUDIT_COLUMNS`` (``before``/``after`` as JSON text)."""
        with self.transaction(write=False) as tx:
            rows = tx.select_audit(site_id)
        df = pd.DataFrame(rows, columns=STORE_AUDIT_COLUMNS)
        return df.astype({"audit_id": "int64"}) if len(df) else df

    # ------------------------------------------------------------------ writing
    def add(self, sites: pd.DataFrame, actor: Actor | None, action: str = "add") -> list[int]:
        """Add sites in ONE transaction; returns their new ids.

        Every row is validated (``geo.sites.validate_sites``) and checked against the stored active
        sites and the other rows for duplicates (``geo.sites.duplicates``: same name within
        ``DUPLICATE_DISTANCE_M``) before anything is written; any problem → ``ValidationError``, nothing saved.
        ``action`` is ``add`` or ``import`` (recorded in the audit trail).
        """
        actor = require_editor(actor)
        if action not in ("add", "import"):
            raise ValueError(f"action must be 'add' or 'import', not {action!r}")
        columns = validated_columns(sites)
        with self.transaction(write=True) as tx:
            check_current(tx, actor)
            self._refuse_duplicates(tx, columns)
            return self._insert(tx, columns, actor.name, action)

    def update(self, site_id: int, changes: Mapping[str, object], expected_version: int, actor: Actor | None) -> int:
        """Apply ``changes`` (schema columns → values) if the site is still at ``expected_version``.

        Returns the new version (unchanged if nothing differs). ``ConflictError`` if someone saved in
        between; ``ValidationError`` if the result is not a valid site; deleted sites must be restored first.
        """
        actor = require_editor(actor)
        unknown = sorted(set(changes) - set(SITE_COLUMNS))
        if unknown:
            raise ParameterError("site_not_editable", columns=", ".join(unknown), editable=", ".join(SITE_COLUMNS))
        with self.transaction(write=True) as tx:
            check_current(tx, actor)
            current = self._checked(tx, site_id, expected_version, changes)
            if current["deleted"]:
                raise SiteStateError("site_deleted", site_id=site_id)
            merged = {c: current.get(c) for c in SITE_COLUMNS} | dict(changes)
            new = validated_records(pd.DataFrame([merged]).astype(object))[0]
            before, after = changed(current, new)
            if not after:
                return as_int(current["version"])
            return self._save(tx, current, after, before, actor.name, "update")

    def delete(self, site_id: int, expected_version: int, actor: Actor | None) -> int:
        """Soft delete (``deleted`` = true, undone by ``restore``); returns the new version."""
        return self._set_deleted(site_id, expected_version, actor, True)

    def restore(self, site_id: int, expected_version: int, actor: Actor | None) -> int:
        """Undo a soft delete; returns the new version."""
        return self._set_deleted(site_id, expected_version, actor, False)

    def authorize(self, actor: Actor | None) -> Actor:
        """``actor`` if it may write now (an editor whose account is unchanged), else ``EditorRequired``.

        For writes outside the site table (imported land files): check before writing, then ``record``.
        """
        actor = require_editor(actor)
        with self.transaction(write=False) as tx:
            check_current(tx, actor)
        return actor

    def record(self, actor: Actor | None, action: str, target: str, **detail: object) -> None:
        """One ``activity`` row for a write outside the site table (e.g. ``land_import``), by an editor."""
        actor = require_editor(actor)
        with self.transaction(write=True) as tx:
            check_current(tx, actor)
            tx.insert_activity(
                actor.name, now_utc(), action, target, json.dumps(detail, ensure_ascii=False, default=str)
            )

    # ------------------------------------------------------------------ internals
    def _existing(self, tx: SqlTx, site_id: int, lock: bool = False) -> Record:
        row = tx.select_site(as_int(site_id), lock=lock)
        if row is None:
            raise SiteNotFoundError("site_not_found", site_id=site_id, store=self.target)
        return row

    def _checked(self, tx: SqlTx, site_id: int, expected_version: int, changes: Mapping[str, object]) -> Record:
        current = self._existing(tx, site_id, lock=True)
        if as_int(current["version"]) != as_int(expected_version):
            raise ConflictError(as_int(site_id), as_int(expected_version), current, changes)
        return current

    def _set_deleted(self, site_id: int, expected_version: int, actor: Actor | None, deleted: bool) -> int:
        actor = require_editor(actor)
        with self.transaction(write=True) as tx:
            check_current(tx, actor)
            current = self._checked(tx, site_id, expected_version, {"deleted": deleted})
            if bool(current["deleted"]) == deleted:
                raise SiteStateError("site_already_deleted" if deleted else "site_not_deleted", site_id=site_id)
            return self._save(
                tx,
                current,
                {"deleted": deleted},
                {"deleted": not deleted},
                actor.name,
                "delete" if deleted else "restore",
            )

    def _save(
        self,
        tx: SqlTx,
        current: Mapping[str, object],
        after: Record,
        before: Record,
        user: str,
        action: str,
    ) -> int:
        at, version = now_utc(), as_int(current["version"]) + 1
        values = after | {"version": version, "updated_at": at, "updated_by": user}
        if not tx.update_site(as_int(current["site_id"]), values, as_int(current["version"])):
            raise ConflictError(
                as_int(current["site_id"]),
                as_int(current["version"]),
                self._existing(tx, as_int(current["site_id"])),
                after,
            )
        tx.insert_audit(as_int(current["site_id"]), user, at, action, to_json(before), to_json(after))
        return version

    def _insert(self, tx: SqlTx, columns: Mapping[str, list[object]], user: str, action: str) -> list[int]:
        """Insert validated sites (``validated_columns``) and one audit row each, in batches."""
        at, n = now_utc(), len(columns["name"])
        meta = {"version": 1, "deleted": False, "created_at": at, "updated_at": at, "updated_by": user}
        ids = tx.insert_sites({**columns, **{c: [v] * n for c, v in meta.items()}})
        tx.insert_audits((site_id, user, at, action, None, after) for site_id, after in zip(ids, _json_rows(columns)))
        return ids

    def _refuse_duplicates(self, tx: SqlTx, columns: Mapping[str, list[object]]) -> None:
        names = columns["name"]
        keys = {name_key(name) for name in names}  # only same-name sites can be duplicates
        stored = tx.select_columns(include_deleted=False, columns=["name", "lon", "lat"])
        same = [name_key(name) in keys for name in stored["name"]]
        existing = _named_points({c: list(compress(v, same)) for c, v in stored.items()})
        reasons = find_duplicates(_named_points({"site_id": [0] * len(names), **columns}), existing)
        bad = reasons.notna().to_numpy()
        if bad.any():
            rejected = pd.DataFrame(
                {
                    "row": np.flatnonzero(bad) + 2,  # as in a sheet with a header (geo.io.tables.source_rows)
                    "name": list(compress(names, bad)),
                    "reason": [(why,) for why in reasons[bad]],
                }
            )
            raise ValidationError(
                "sites_duplicate",
                rejected,
                n=int(bad.sum()),
                rejected_rows=tuple(rejected["row"]),
                rejected_reasons=tuple(rejected["reason"]),
            )

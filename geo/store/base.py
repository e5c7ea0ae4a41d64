"""What both site-store backends share: validation, the duplicate pre-filter, diffs and the write logic.

``SiteStoreBase`` implements ``read/get/add/update/delete/restore/audit`` once, on top of a backend's
``transaction()`` (a ``geo.store.backend.Tx``: a SQLAlchemy connection in an open transaction) and the
aggregates' statements (``geo.store.sites``, ``audit``, ``activity``, ``users``). A backend (GeoPackage,
PostGIS) only supplies the connection, the schema and the version token. Every write needs an editor
``Actor`` and writes one audit row per changed site in the same transaction as the change.
"""

from __future__ import annotations

import json
import logging
import math
import warnings
from abc import ABC, abstractmethod
from collections.abc import Iterator, Mapping, Sequence
from contextlib import AbstractContextManager, contextmanager
from itertools import compress
from pathlib import Path

import geopandas as gpd
import numpy as np
import pandas as pd
from sqlalchemy import select

from geo.accounts import EDIT_ROLES, Actor
from geo.config import SAMPLE_SITES_CSV
from geo.crs import CRS_STORE
from geo.errors import ConflictError, EditorRequired, ParameterError, SiteNotFoundError, SiteStateError, ValidationError
from geo.io.files import restore_on_error
from geo.io.reasons import technical
from geo.sites.duplicates import find_duplicates
from geo.sites.schema import SITE_COLUMNS, read_sites_file, validate_sites
from geo.store import activity as activity_rows
from geo.store import audit as audit_rows
from geo.store import sites as site_rows
from geo.store.backend import Record, Tx, as_int
from geo.store.schema import STORE_AUDIT_COLUMNS, USERS, now_utc
from geo.text import name_key

log = logging.getLogger(__name__)


def require_editor(actor: Actor | None) -> Actor:
    """``actor`` if it may write, else ``geo.errors.EditorRequired`` (enforced inside the store)."""
    if not isinstance(actor, Actor) or not actor.can_edit or not actor.name:
        if isinstance(actor, Actor):
            raise EditorRequired("editor_required", name=actor.name, role=actor.role)
        raise EditorRequired("editor_required_anonymous")
    return actor


def check_current(tx: Tx, actor: Actor) -> None:
    """Inside a write: ``EditorRequired`` if ``actor`` signed in before its account's password or role changed.

    Actors without a password version (OIDC sign-ins, whose role is read again on every page run) pass.
    """
    if actor.password_version is None:
        return
    cols = (USERS.c.role, USERS.c.password_version)
    row = tx.conn.execute(select(*cols).where(USERS.c.name == actor.name)).first()
    if row is None or row[0] not in EDIT_ROLES or as_int(row[1] or 1) != actor.password_version:
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
        log.info("%d of %d site(s) refused by validation, nothing saved", len(rejected), len(sites))
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
    def transaction(self, write: bool) -> AbstractContextManager[Tx]:
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
            cols = site_rows.select_columns(tx, include_deleted=include_deleted)
        return site_rows.frame(cols, len(cols["site_id"]))

    def get(self, site_id: int) -> Record:
        """One site (also a deleted one) as a dict of ``STORE_COLUMNS``; ``SiteNotFoundError`` if unknown."""
        with self.transaction(write=False) as tx:
            return self._existing(tx, site_id)

    def audit(self, site_id: int | None = None) -> pd.DataFrame:
        """Audit trail, oldest first: ``STORE_AUDIT_COLUMNS`` (``before``/``after`` as JSON text)."""
        with self.transaction(write=False) as tx:
            rows = audit_rows.select_rows(tx, site_id)
        df = pd.DataFrame(rows, columns=STORE_AUDIT_COLUMNS)
        return df.astype({"audit_id": "int64"}) if len(df) else df

    # ------------------------------------------------------------------ writing
    def add(self, sites: pd.DataFrame, actor: Actor | None, action: str = "add") -> list[int]:
        """Add sites in ONE transaction; returns their new ids.

        Every row is validated (``geo.sites.schema.validate_sites``) and checked against the stored active
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
            ids = self._insert(tx, columns, actor.name, action)
        log.info("%s: %d site(s) by %r into %s", action, len(ids), actor.name, self.target)
        return ids

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

        For writes outside the site table (imported files): check before the work, then write in ``recording``.
        """
        actor = require_editor(actor)
        with self.transaction(write=False) as tx:
            check_current(tx, actor)
        return actor

    @contextmanager
    def recording(
        self, actor: Actor | None, action: str, target: str, files: Sequence[Path] = (), **detail: object
    ) -> Iterator[None]:
        """A write outside the site table (``files``) and its ``activity`` row as ONE unit.

        The row is written first, so a read-only or full store stops before any file is touched; the
        block then writes the files; if the block fails, or the store cannot commit the row, the files
        are put back as they were (``geo.io.files.restore_on_error``).

        Parameters
        ----------
        actor
            The signed-in editor (``EditorRequired`` otherwise, or if the account changed since sign-in).
        action, target
            The activity (``geo.store.schema.ACTIVITY_ACTIONS``) and what it was done to.
        files
            Every file the block may write, replace or delete.
        **detail
            Recorded as JSON (never a password or a hash).
        """
        actor = require_editor(actor)
        with restore_on_error(files), self.transaction(write=True) as tx:
            check_current(tx, actor)
            activity_rows.log(tx, actor.name, action, target, **detail)
            yield
        log.info("%s %r by %r %s", action, target, actor.name, detail or "")

    # ------------------------------------------------------------------ internals
    def _existing(self, tx: Tx, site_id: int, lock: bool = False) -> Record:
        row = site_rows.select_one(tx, as_int(site_id), lock=lock)
        if row is None:
            raise SiteNotFoundError("site_not_found", site_id=site_id, store=self.target)
        return row

    def _checked(self, tx: Tx, site_id: int, expected_version: int, changes: Mapping[str, object]) -> Record:
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
        tx: Tx,
        current: Mapping[str, object],
        after: Record,
        before: Record,
        user: str,
        action: str,
    ) -> int:
        at, version = now_utc(), as_int(current["version"]) + 1
        values = after | {"version": version, "updated_at": at, "updated_by": user}
        if not site_rows.update_one(tx, as_int(current["site_id"]), values, as_int(current["version"])):
            raise ConflictError(
                as_int(current["site_id"]),
                as_int(current["version"]),
                self._existing(tx, as_int(current["site_id"])),
                after,
            )
        audit_rows.insert_one(tx, as_int(current["site_id"]), user, at, action, to_json(before), to_json(after))
        return version

    def _insert(self, tx: Tx, columns: Mapping[str, list[object]], user: str, action: str) -> list[int]:
        """Insert validated sites (``validated_columns``) and one audit row each, in batches."""
        at, n = now_utc(), len(columns["name"])
        meta = {"version": 1, "deleted": False, "created_at": at, "updated_at": at, "updated_by": user}
        ids = site_rows.insert_many(tx, {**columns, **{c: [v] * n for c, v in meta.items()}})
        audit_rows.insert_many(tx, ids, user, at, action, audit_rows.json_rows(columns))
        return ids

    def _refuse_duplicates(self, tx: Tx, columns: Mapping[str, list[object]]) -> None:
        names = columns["name"]
        keys = {name_key(name) for name in names}  # only same-name sites can be duplicates
        stored = site_rows.select_columns(tx, include_deleted=False, columns=["name", "lon", "lat"])
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

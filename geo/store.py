"""Site store: a GeoPackage file (layer ``sites``) holding the planner's sites in EPSG:4326.

``open_store()`` creates the default store on first use and seeds it from the sample CSV. Every write
goes to a temporary file in the same folder that then replaces the store (``os.replace``), so a crash
never leaves a half-written store behind.
"""
from __future__ import annotations

import os
import uuid
import warnings
from datetime import datetime, timezone
from pathlib import Path

import geopandas as gpd
import numpy as np
import pandas as pd

from geo.config import CRS_STORE, SAMPLE_SITES_CSV, store_path
from geo.sites import DERIVED_COLUMNS, NUMERIC_COLUMNS, SITE_COLUMNS, read_sites_file, validate_sites

LAYER = "sites"
#: Columns of the stored layer (plus geometry), in order.
STORE_COLUMNS: list[str] = ["site_id", *SITE_COLUMNS, *DERIVED_COLUMNS, "created_at"]
_TEXT = [c for c in STORE_COLUMNS if c not in {"site_id", "is_sample", *NUMERIC_COLUMNS, "lon", "lat"}]


class StoreError(RuntimeError):
    """The store file exists but cannot be used; the message names the file and what to do."""


def _unusable(path: Path, problem: str) -> StoreError:
    return StoreError(
        f"サイトデータ {path} を読み込めません / cannot read the site store {path}: {problem}. "
        f"Move the file aside (e.g. rename it to {path.name}.broken) and start again: "
        "a new store is then created and seeded with the sample sites."
    )


def _conform(sites: gpd.GeoDataFrame) -> gpd.GeoDataFrame:
    """Columns in ``STORE_COLUMNS`` order with stable dtypes, geometry as points in EPSG:4326."""
    df = pd.DataFrame({c: sites[c].to_numpy() if c in sites.columns else None for c in STORE_COLUMNS},
                      index=range(len(sites)))
    df["site_id"] = df["site_id"].astype("int64")
    df["is_sample"] = df["is_sample"].fillna(False).astype(bool)
    for col in [*NUMERIC_COLUMNS, "lon", "lat"]:
        df[col] = pd.to_numeric(df[col], errors="coerce").astype(float)
    for col in _TEXT:
        df[col] = df[col].astype(object).where(df[col].notna(), None)
    geom = gpd.points_from_xy(df["lon"], df["lat"], crs=CRS_STORE)
    return gpd.GeoDataFrame(df, geometry=geom, crs=CRS_STORE)


def write_store_atomic(path: Path, sites: gpd.GeoDataFrame) -> None:
    """Write ``sites`` as the whole store: temp file in the same folder, then ``os.replace``."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f".{path.stem}.{uuid.uuid4().hex[:8]}.tmp.gpkg")
    try:
        _conform(sites).to_file(tmp, layer=LAYER, driver="GPKG", engine="pyogrio")
        os.replace(tmp, path)
    finally:
        for leftover in (tmp, Path(f"{tmp}-journal"), Path(f"{tmp}-wal"), Path(f"{tmp}-shm")):
            leftover.unlink(missing_ok=True)


class SiteStore:
    """Sites kept in one GeoPackage file (layer ``sites``)."""

    def __init__(self, path: str | Path) -> None:
        self.path = Path(path)

    def __repr__(self) -> str:
        return f"SiteStore({str(self.path)!r})"

    def exists(self) -> bool:
        """True if the store file is there (it may still be unreadable)."""
        return self.path.is_file()

    def read(self) -> gpd.GeoDataFrame:
        """All sites: ``STORE_COLUMNS`` + point geometry, EPSG:4326, ordered by ``site_id``.

        Raises ``FileNotFoundError`` if the file is missing and ``StoreError`` if it is unreadable.
        """
        if not self.exists():
            raise FileNotFoundError(
                f"site store not found: {self.path}; open_store() creates and seeds it on first use"
            )
        try:
            gdf = gpd.read_file(self.path, layer=LAYER, engine="pyogrio")
        except Exception as exc:  # pyogrio/GDAL raise several types for broken files
            raise _unusable(self.path, f"{type(exc).__name__}: {exc}") from exc
        missing = [c for c in STORE_COLUMNS if c not in gdf.columns]
        if missing:
            raise _unusable(self.path, f"layer '{LAYER}' lacks the columns {', '.join(missing)}")
        if gdf.crs is None or not gdf.crs.equals(CRS_STORE):
            raise _unusable(self.path, f"layer '{LAYER}' is in {gdf.crs}, expected {CRS_STORE}")
        return _conform(gdf).sort_values("site_id", kind="stable").reset_index(drop=True)

    def write(self, sites: gpd.GeoDataFrame) -> None:
        """Replace the whole store with ``sites`` (atomic). Sites without ``site_id`` get new ids."""
        sites = sites.copy()
        if "site_id" not in sites.columns:
            sites["site_id"] = np.nan
        ids = pd.to_numeric(sites["site_id"], errors="coerce")
        start = int(ids.max()) + 1 if ids.notna().any() else 1
        new = ids.isna().to_numpy()
        ids[new] = np.arange(start, start + new.sum())
        sites["site_id"] = ids.astype("int64")
        if sites["site_id"].duplicated().any():
            raise ValueError("site_id values must be unique")
        now = datetime.now(timezone.utc).isoformat(timespec="seconds")
        created = sites["created_at"] if "created_at" in sites.columns else pd.Series(None, index=sites.index)
        sites["created_at"] = created.where(created.notna(), now)
        write_store_atomic(self.path, sites)


def seed_sites(csv_path: Path = SAMPLE_SITES_CSV) -> gpd.GeoDataFrame:
    """Validated sample sites for seeding; warns about (and skips) any rejected sample row."""
    accepted, rejected = validate_sites(read_sites_file(csv_path))
    if len(rejected):
        warnings.warn(
            f"{len(rejected)} sample row(s) in {csv_path} were skipped: "
            + "; ".join(f"row {r}: {why}" for r, why in zip(rejected["row"], rejected["reason"])),
            stacklevel=2,
        )
    return accepted


def open_store(path: str | Path | None = None) -> SiteStore:
    """The store at ``path`` (default ``geo.config.store_path()``), created and seeded on first use."""
    store = SiteStore(path if path is not None else store_path())
    if not store.exists():
        store.write(seed_sites())
    return store

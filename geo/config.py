"""Paths and environment settings shared by every module (the CRS rules are in ``geo.crs``)."""

from __future__ import annotations

import os
from pathlib import Path

REPO_ROOT: Path = Path(__file__).resolve().parent.parent
DATA_DIR: Path = REPO_ROOT / "data"
BOUNDARIES_DIR: Path = DATA_DIR / "boundaries"
LAYERS_DIR: Path = DATA_DIR / "layers"
SAMPLE_SITES_CSV: Path = DATA_DIR / "sites" / "sample_sites.csv"
#: Fictional priority firms (【サンプル】…（架空）, amounts in 百万円) shown before a planner uploads a table.
SAMPLE_FIRMS_CSV: Path = DATA_DIR / "firms" / "sample_firms.csv"


def shared_data_dir() -> Path:
    """Folder with the raw source data (``../shared/data``), overridable by ``CHIIKI_MAP_SHARED``."""
    return Path(os.environ.get("CHIIKI_MAP_SHARED", REPO_ROOT.parent / "shared" / "data"))


def var_dir() -> Path:
    """Git-ignored folder for run-time state (store, OSM cache), overridable by ``CHIIKI_MAP_VAR``."""
    return Path(os.environ.get("CHIIKI_MAP_VAR", REPO_ROOT / "var"))


def store_path() -> Path:
    """GeoPackage site store: ``CHIIKI_MAP_STORE`` or ``var/sites.gpkg``."""
    env = os.environ.get("CHIIKI_MAP_STORE")
    return Path(env) if env else var_dir() / "sites.gpkg"


def osm_cache_dir() -> Path:
    """User-fetched / user-imported OSM layers: ``CHIIKI_MAP_CACHE`` or ``var/osm``."""
    env = os.environ.get("CHIIKI_MAP_CACHE")
    return Path(env) if env else var_dir() / "osm"

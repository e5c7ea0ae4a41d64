"""Paths, CRS constants and environment settings shared by every module."""
from __future__ import annotations

import os
from pathlib import Path

REPO_ROOT: Path = Path(__file__).resolve().parent.parent
DATA_DIR: Path = REPO_ROOT / "data"
BOUNDARIES_DIR: Path = DATA_DIR / "boundaries"
LAYERS_DIR: Path = DATA_DIR / "layers"
SAMPLE_SITES_CSV: Path = DATA_DIR / "sites" / "sample_sites.csv"

#: CRS used to store and display everything.
CRS_STORE = "EPSG:4326"
#: JGD2011 / UTM zones 51N..55N, for distances and areas.
JGD2011_UTM = {51: "EPSG:6688", 52: "EPSG:6689", 53: "EPSG:6690", 54: "EPSG:6691", 55: "EPSG:6692"}


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


def metric_crs(lon: float) -> str:
    """JGD2011 UTM zone (EPSG:6688–6692) for a longitude in Japan, clamped to zones 51–55."""
    zone = int((lon + 180.0) // 6) + 1
    return JGD2011_UTM[min(max(zone, 51), 55)]

"""Paths and environment settings shared by every module (the CRS rules are in ``geo.crs``)."""

from __future__ import annotations

import logging
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


def derived_dir() -> Path:
    """Git-ignored folder for tables derived from the data (place labels, layer counts), ``CHIIKI_MAP_DERIVED``.

    Written by ``make assets`` and on first use, keyed by the data's fingerprint; kept apart from ``var``
    so a server on a fresh run-time folder starts with them instead of computing them on its first run.
    """
    return Path(os.environ.get("CHIIKI_MAP_DERIVED", REPO_ROOT / "derived"))


def store_path() -> Path:
    """GeoPackage site store: ``CHIIKI_MAP_STORE`` or ``var/sites.gpkg``."""
    env = os.environ.get("CHIIKI_MAP_STORE")
    return Path(env) if env else var_dir() / "sites.gpkg"


def osm_cache_dir() -> Path:
    """User-fetched / user-imported OSM layers: ``CHIIKI_MAP_CACHE`` or ``var/osm``."""
    env = os.environ.get("CHIIKI_MAP_CACHE")
    return Path(env) if env else var_dir() / "osm"


def background_warmup() -> bool:
    """Whether the app computes the national view's analyses ahead (``ui.warm``): ``CHIIKI_MAP_WARM``, ``0`` = no."""
    return os.environ.get("CHIIKI_MAP_WARM", "1").strip() != "0"


def configure_logging(default_level: str | None) -> None:
    """Log records of ``geo`` (store, sign-in, imports) and the app (``chiiki_map``) to the server's log.

    The level is ``CHIIKI_MAP_LOG_LEVEL`` (``DEBUG``, ``INFO``, ``WARNING`` …) or ``default_level``; None
    logs nothing unless the variable is set (the command line, which prints its own messages). Other
    libraries log warnings only. Records never hold a password or a hash.
    """
    level = os.environ.get("CHIIKI_MAP_LOG_LEVEL") or default_level
    root = logging.getLogger()
    if level is None:
        if not root.handlers:
            root.addHandler(logging.NullHandler())  # not Python's last-resort printing of warnings
        return
    logging.basicConfig(format="%(asctime)s %(levelname)s %(name)s: %(message)s")
    for name in ("geo", "chiiki_map"):  # the data's modules, and the app's own records (``chiiki_map.ui``)
        logging.getLogger(name).setLevel(level.upper())

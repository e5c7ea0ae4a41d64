"""Get OpenStreetMap infrastructure into the user cache: Overpass (osmnx) or a downloaded file.

- ``fetch_osm(region, layer_ids)`` queries Overpass per layer through osmnx ``features_from_polygon``;
  offline it fails within seconds with ``NetworkUnavailable`` (a reachability probe runs first).
- ``load_osm_file(path, region, layer_ids)`` reads ``.osm`` / ``.osm.bz2`` (osmnx ``features_from_xml``)
  or ``.osm.pbf`` (GDAL OSM driver through pyogrio).

Both classify features with ``geo.infra.osm.classify.classify`` and write ``geo.infra.osm.cache`` files, which
``geo.infra.load_layer`` / ``layer_status`` then pick up.
"""

from __future__ import annotations

import contextlib
import threading
import time
import xml.etree.ElementTree as ET
from collections.abc import Callable, Iterator
from pathlib import Path
from urllib.parse import urlparse

import geopandas as gpd
import numpy as np
import osmnx as ox
import pandas as pd
import pyogrio
import requests
import shapely
from osmnx._errors import InsufficientResponseError

from geo.config import osm_cache_dir
from geo.crs import CRS_STORE
from geo.errors import NetworkUnavailable, OsmFileError, RegionError
from geo.infra.osm import cache as osm_cache
from geo.infra.osm.classify import classify, parse_hstore, tag_keys, union_tags
from geo.infra.registry import check_layer_ids
from geo.io.http import http_problem
from geo.regions import Region, RegionLike, as_region

#: ``progress(layer_id, done, total, count)``: called before each layer (count None) and after it.
Progress = Callable[[str, int, int, "int | None"], None]

OVERPASS_SOURCE = "OpenStreetMap (Overpass via osmnx)"
PROBE_TIMEOUT_S = 3.0
#: Regions larger than this area (deg²; 北海道 is about 9.3, all Japan about 39) are refused for Overpass.
MAX_FETCH_AREA_DEG2 = 15.0
PBF_LAYERS = {"points": "node", "lines": "way", "multipolygons": None}


def probe_overpass(url: str | None = None, timeout: float = PROBE_TIMEOUT_S) -> None:
    """Raise ``NetworkUnavailable`` unless ``<overpass>/status`` answers HTTP 200 within ``timeout``."""
    base = (url or ox.settings.overpass_url).rstrip("/")
    problem = http_problem(f"{base}/status", timeout)
    if problem is not None:
        raise NetworkUnavailable("overpass_offline", host=urlparse(base).hostname or base, problem=problem)


#: osmnx keeps its settings in one global object, shared by every Streamlit session of the process:
#: they are set once (``_configure_osmnx``) and every Overpass request runs under this lock, so no
#: session sees another's half-changed settings.
_OSMNX_LOCK = threading.Lock()
_OSMNX_CONFIGURED = False


@contextlib.contextmanager
def _osmnx(timeout: float) -> Iterator[None]:
    """Hold the osmnx lock with the settings for short, interactive requests (set once, timeout per call)."""
    global _OSMNX_CONFIGURED
    with _OSMNX_LOCK:
        if not _OSMNX_CONFIGURED:
            ox.settings.overpass_rate_limit = False  # no /status polling before every request
            ox.settings.doh_url_template = None  # no DNS-over-HTTPS look-up (hangs offline)
            ox.settings.log_console = False
            _OSMNX_CONFIGURED = True
        ox.settings.requests_timeout = timeout  # per call, and ...
        ox.settings.cache_folder = str(osm_cache_dir() / "http")  # ... CHIIKI_MAP_CACHE may change between calls
        yield


def _osmnx_table(gdf: gpd.GeoDataFrame) -> tuple[pd.DataFrame, np.ndarray, pd.Series]:
    """Tag table, geometries and ``element/id`` strings from an osmnx features GeoDataFrame."""
    gdf = gdf.to_crs(CRS_STORE)
    flat = gdf.reset_index()
    ids = flat["element"].astype(str) + "/" + flat["id"].astype(str)
    tags = flat.drop(columns=[c for c in ("element", "id", "geometry", "nodes", "ways") if c in flat.columns])
    return tags, flat.geometry.to_numpy(), ids


def _write(
    frames: dict[str, gpd.GeoDataFrame],
    region: Region,
    source: str,
    source_id: str,
    keep_empty: bool,
    file_modified: str | None = None,
    read_seconds: float | None = None,
) -> dict[str, int]:
    counts = {}
    for lid, gdf in frames.items():
        counts[lid] = int(len(gdf))
        if len(gdf) or keep_empty:
            osm_cache.write_layer(
                lid,
                str(region.id),
                region.name_ja,
                region.geometry,
                gdf,
                source,
                source_id,
                file_modified=file_modified,
                read_seconds=read_seconds,
            )
    return counts


def fetch_osm(
    region: RegionLike, layer_ids: list[str] | None = None, progress: Progress | None = None, timeout: float = 60.0
) -> dict[str, int]:
    """Fetch layers for ``region`` from Overpass into the user cache; returns feature counts per layer.

    Raises ``NetworkUnavailable`` within seconds when Overpass cannot be reached, and ``ValueError`` for
    an unknown layer or a region too large to query (use a block or prefecture, not all of Japan).
    """
    ids = check_layer_ids(layer_ids)
    reg = as_region(region)
    if reg.geometry.area > MAX_FETCH_AREA_DEG2:
        raise RegionError("overpass_region_too_large", region=reg.id)
    probe_overpass()
    counts: dict[str, int] = {}
    with _osmnx(timeout):
        for i, lid in enumerate(ids):
            if progress:
                progress(lid, i, len(ids), None)
            try:
                gdf = ox.features_from_polygon(reg.geometry, tags=union_tags([lid]))
                tags, geoms, osm_ids = _osmnx_table(gdf)
                frames = classify(tags, geoms, osm_ids, [lid], source_id="osm_overpass")
            except InsufficientResponseError:
                frames = classify(
                    pd.DataFrame(),
                    np.array([], dtype=object),
                    pd.Series([], dtype=object),
                    [lid],
                    source_id="osm_overpass",
                )
            except (requests.ConnectionError, requests.Timeout) as exc:
                host = urlparse(ox.settings.overpass_url).hostname or "overpass"
                raise NetworkUnavailable(
                    "overpass_offline_during", host=host, problem=type(exc).__name__, layer=lid
                ) from exc
            except requests.RequestException as exc:
                raise NetworkUnavailable("overpass_failed", layer=lid, problem=str(exc)) from exc
            counts.update(_write(frames, reg, OVERPASS_SOURCE, "osm_overpass", keep_empty=True))
            if progress:
                progress(lid, i + 1, len(ids), counts[lid])
    return counts


def _file_kind(path: Path) -> str:
    name = path.name.lower()
    for suffix, kind in ((".osm.pbf", "pbf"), (".pbf", "pbf"), (".osm.bz2", "xml"), (".osm", "xml")):
        if name.endswith(suffix):
            return kind
    raise OsmFileError("osm_file_type", file=path.name)


def _read_xml(path: Path, region: Region, ids: list[str]) -> tuple[pd.DataFrame, np.ndarray, pd.Series]:
    try:
        gdf = ox.features_from_xml(path, polygon=region.geometry, tags=union_tags(ids))
    except InsufficientResponseError:
        return pd.DataFrame(), np.array([], dtype=object), pd.Series([], dtype=object)
    except (ET.ParseError, EOFError, OSError, UnicodeDecodeError, KeyError, ValueError) as exc:
        raise OsmFileError("osm_xml_unreadable", file=path.name, problem=f"{type(exc).__name__}: {exc}") from exc
    return _osmnx_table(gdf)


def _read_pbf(path: Path, region: Region, ids: list[str]) -> tuple[pd.DataFrame, np.ndarray, pd.Series]:
    keys = tag_keys(ids)
    tables, geoms, osm_ids = [], [], []
    shapely.prepare(region.geometry)
    for layer, element in PBF_LAYERS.items():
        try:
            df = pyogrio.read_dataframe(path, layer=layer, bbox=region.geometry.bounds)
        except (pyogrio.errors.DataSourceError, pyogrio.errors.DataLayerError, OSError) as exc:
            raise OsmFileError("osm_pbf_unreadable", file=path.name, problem=str(exc)) from exc
        if df.empty:
            continue
        df = df[shapely.intersects(region.geometry, df.geometry.values)]
        tags = parse_hstore(df["other_tags"] if "other_tags" in df else pd.Series(index=df.index, dtype=object), keys)
        for key in keys:  # keys GDAL keeps as their own columns
            if key in df.columns:
                tags[key] = df[key]
        if element:
            ident = element + "/" + df["osm_id"].astype(str)
        else:
            way = df["osm_way_id"] if "osm_way_id" in df else pd.Series(index=df.index, dtype=object)
            ident = ("way/" + way.astype(str)).where(way.notna(), "relation/" + df["osm_id"].astype(str))
        tables.append(tags.reset_index(drop=True))
        geoms.append(df.geometry.to_numpy())
        osm_ids.append(ident.reset_index(drop=True))
    if not tables:
        return pd.DataFrame(), np.array([], dtype=object), pd.Series([], dtype=object)
    return pd.concat(tables, ignore_index=True), np.concatenate(geoms), pd.concat(osm_ids, ignore_index=True)


def load_osm_file(path: str | Path, region: RegionLike, layer_ids: list[str] | None = None) -> dict[str, int]:
    """Import an OSM file for ``region`` into the user cache; returns feature counts per layer.

    Only layers with features are written (a partial export must not make a layer look empty).
    Raises ``OsmFileError`` for a missing, unsupported, corrupt or non-matching file.
    """
    ids = check_layer_ids(layer_ids)
    reg = as_region(region)
    path = Path(path).expanduser()
    kind = _file_kind(path)
    if not path.is_file():
        raise OsmFileError("osm_file_not_found", file=str(path))
    started = time.monotonic()
    reader = _read_pbf if kind == "pbf" else _read_xml
    tags, geoms, osm_ids = reader(path, reg, ids)
    frames = classify(tags, geoms, osm_ids, ids, source_id="osm_file")
    if not any(len(f) for f in frames.values()):
        raise OsmFileError("osm_no_features", file=path.name, layers=", ".join(ids), region=reg.id)
    mtime = time.strftime("%Y-%m-%d", time.localtime(path.stat().st_mtime))
    return _write(
        frames,
        reg,
        f"OpenStreetMap file {path.name}",
        "osm_file",
        keep_empty=False,
        file_modified=mtime,
        read_seconds=round(time.monotonic() - started, 2),
    )

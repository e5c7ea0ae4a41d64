"""The user's OSM layer cache under ``geo.config.osm_cache_dir()``.

One GeoParquet per layer and region (``<layer>__<region>.parquet``) plus ``manifest.json`` with, per file,
its source, licence, credit, date and coverage (the region geometry, simplified, as GeoJSON).
Written by ``geo.infra.osm.fetch``; read by ``geo.infra``.
"""

from __future__ import annotations

import datetime as dt
import functools
import json
import os
import re
from pathlib import Path
from typing import TypedDict

import geopandas as gpd
import shapely
from shapely.geometry.base import BaseGeometry

from geo.config import osm_cache_dir
from geo.crs import CRS_STORE
from geo.io.files import Stamp, atomic_write, file_stamp

MANIFEST = "manifest.json"
OSM_LICENCE = "ODbL 1.0"
OSM_CREDIT = "© OpenStreetMap contributors"
#: Columns every cached layer file has (plus ``osm_id`` for de-duplication).
CACHE_COLUMNS = ["name", "subtype", "source_id", "osm_id", "geometry"]


class CacheEntry(TypedDict, total=False):
    """What the manifest records about one cached file."""

    layer: str
    region_id: str
    region_name: str
    source: str
    source_id: str
    licence: str
    credit: str
    date: str
    count: int
    coverage: dict[str, object]  # GeoJSON geometry of the area the file covers
    file_modified: str  # imported files: the file's date
    read_seconds: float  # imported files: how long reading took
    completeness: str  # "complete" (default: a fetched region) or "partial" (an incomplete file)
    file_name: str  # layer-import: the imported file's name (a partial file's completeness names it)
    note: str
    imported_by: str  # layer-import: the editor who wrote it


class CacheManifest(TypedDict):
    """``manifest.json`` of the cache: file name → entry."""

    entries: dict[str, CacheEntry]


@functools.cache
def _read_manifest(path: str, stamp: Stamp | None) -> CacheManifest:
    if stamp is None:
        return {"entries": {}}
    try:
        data = json.loads(Path(path).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {"entries": {}}
    return data if isinstance(data.get("entries"), dict) else {"entries": {}}


def read_manifest(cache_dir: Path | None = None) -> CacheManifest:
    """The cache manifest (``{"entries": {file name: entry}}``), re-read only when the file changes."""
    path = (cache_dir or osm_cache_dir()) / MANIFEST
    return _read_manifest(str(path), file_stamp(path))


def entries_for(layer_id: str, cache_dir: Path | None = None) -> list[tuple[CacheEntry, Path]]:
    """Cache entries of one layer whose parquet file exists, with the file path."""
    root = cache_dir or osm_cache_dir()
    out = []
    for fname, entry in read_manifest(root)["entries"].items():
        path = root / fname
        if entry.get("layer") == layer_id and path.exists():
            out.append((entry, path))
    return out


def coverage_geometry(entry: CacheEntry) -> BaseGeometry:
    """The coverage geometry stored in a cache entry (empty when missing or invalid)."""
    try:
        return shapely.from_geojson(json.dumps(entry["coverage"]))
    except (KeyError, TypeError, shapely.errors.GEOSException, ValueError):
        return shapely.Polygon()


def _slug(text: str) -> str:
    return re.sub(r"[^0-9A-Za-z_-]+", "_", text).strip("_") or "region"


def layer_file(layer_id: str, region_id: str) -> Path:
    """The cache file ``write_layer`` writes for ``layer_id`` in ``region_id`` (beside ``manifest_file()``)."""
    return osm_cache_dir() / f"{layer_id}__{_slug(region_id)}.parquet"


def manifest_file() -> Path:
    """The cache's manifest (every entry's source, licence, coverage …)."""
    return osm_cache_dir() / MANIFEST


def write_layer(
    layer_id: str,
    region_id: str,
    region_name: str,
    coverage: BaseGeometry,
    gdf: gpd.GeoDataFrame,
    source: str,
    source_id: str,
    file_modified: str | None = None,
    read_seconds: float | None = None,
    *,
    meta: CacheEntry | None = None,
) -> Path:
    """Write one layer for one region to the cache and record it in the manifest.

    ``meta`` overrides the recorded licence, credit, date, completeness … (imported files); by default
    an entry is OpenStreetMap data, complete for its region.
    """
    root = osm_cache_dir()
    fname = layer_file(layer_id, region_id).name
    extras = [c for c in gdf.columns if c not in CACHE_COLUMNS]
    out = gdf.reindex(columns=CACHE_COLUMNS[:-1] + extras + ["geometry"])
    out = gpd.GeoDataFrame(out, geometry="geometry", crs=CRS_STORE)
    root.mkdir(parents=True, exist_ok=True)
    tmp = root / f".tmp-{fname}"
    out.to_parquet(tmp, index=False)
    os.replace(tmp, root / fname)
    simple = shapely.set_precision(coverage.simplify(0.01), 1e-5)
    manifest = read_manifest(root)
    entries = dict(manifest["entries"])
    entry: CacheEntry = {
        "layer": layer_id,
        "region_id": region_id,
        "region_name": region_name,
        "source": source,
        "source_id": source_id,
        "licence": OSM_LICENCE,
        "credit": OSM_CREDIT,
        "date": dt.date.today().isoformat(),
        "count": int(len(out)),
        "coverage": json.loads(shapely.to_geojson(simple if not simple.is_empty else coverage.envelope)),
    }
    entry.update(meta or {})
    if file_modified is not None:
        entry["file_modified"] = file_modified
    if read_seconds is not None:
        entry["read_seconds"] = read_seconds
    entries[fname] = entry
    payload = json.dumps({"entries": entries}, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
    atomic_write(root / MANIFEST, payload)
    return root / fname

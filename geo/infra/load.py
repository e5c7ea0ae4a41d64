"""Reading a layer's features: the committed processed data plus the user's OSM cache, clipped to a region."""

from __future__ import annotations

import hashlib

import geopandas as gpd
import numpy as np
import pandas as pd
import shapely
from shapely.geometry.base import BaseGeometry

from geo.config import LAYERS_DIR
from geo.crs import CRS_STORE
from geo.infra.osm import cache as osm_cache
from geo.infra.registry import BASE_COLUMNS, check_layer_ids
from geo.io.files import file_stamp, read_parquet_cached
from geo.regions import RegionLike, as_region


def _frames(layer_id: str) -> list[gpd.GeoDataFrame]:
    frames = []
    committed = read_parquet_cached(LAYERS_DIR / f"{layer_id}.parquet")
    if committed is not None:
        frames.append(committed)
    for _entry, path in osm_cache.entries_for(layer_id):
        gdf = read_parquet_cached(path)
        if gdf is not None and len(gdf):
            frames.append(gdf)
    return frames


def _clip(gdf: gpd.GeoDataFrame, geometry: BaseGeometry | None, tolerance_deg: float = 0.0) -> gpd.GeoDataFrame:
    """Rows whose geometry intersects ``geometry``, and points within ``tolerance_deg`` of it.

    Spatial-index queries; rows keep their original order.
    """
    if geometry is None:
        return gdf.copy()
    idx = gdf.sindex.query(geometry, predicate="intersects")
    if tolerance_deg > 0:
        near = gdf.sindex.query(geometry, predicate="dwithin", distance=tolerance_deg)
        near = near[np.isin(shapely.get_type_id(gdf.geometry.values[near]), (0, 4))]  # Point, MultiPoint
        idx = np.union1d(idx, near)
    idx.sort()
    return gdf.iloc[idx].copy()


#: Layers whose points lie on the water: a point this close (degrees, ~3.5 km) to a region counts as in
#: it — ports in bays and anchorages, with positions rounded to 1′ (~1.8 km), lie off the coastline.
WATER_POINT_TOLERANCE_DEG = {"ports": 0.035}


def data_fingerprint() -> str:
    """A short hash that changes whenever committed layer files or the user OSM cache change (for UI caches).

    Made of file names, sizes and modification times only, never of folder paths: the same data in
    another run-time folder (an empty OSM cache anywhere) gives the same fingerprint, so the static
    files ``make setup`` wrote are found by a first page view whatever ``CHIIKI_MAP_VAR`` is.
    """
    root = osm_cache.osm_cache_dir()
    committed = [("data", p.name, file_stamp(p)) for p in sorted(LAYERS_DIR.glob("*"))]
    cached = [("osm", p.name, file_stamp(p)) for p in [root / osm_cache.MANIFEST, *sorted(root.glob("*.parquet"))]]
    stamps = [s for s in [*committed, *cached] if s[2] is not None]
    return hashlib.sha1(repr(stamps).encode(), usedforsecurity=False).hexdigest()[:16]


def load_layer(layer_id: str, region: RegionLike | None = None) -> gpd.GeoDataFrame:
    """Features of a layer (committed data + user OSM cache) intersecting ``region``, in EPSG:4326.

    ``region`` is None (everything), a ``geo.regions.Region``, a region spec (``"kyushu"``, ``"43"``) or a
    shapely geometry in EPSG:4326. Columns: ``name``, ``subtype``, ``source_id``, extras, geometry.
    """
    check_layer_ids([layer_id])
    geom = None if region is None else as_region(region).geometry
    tolerance = WATER_POINT_TOLERANCE_DEG.get(layer_id, 0.0)
    parts = [_clip(f, geom, tolerance) for f in _frames(layer_id)]
    parts = [p for p in parts if len(p)]
    if not parts:
        return gpd.GeoDataFrame(
            {c: pd.Series(dtype=str) for c in BASE_COLUMNS},
            geometry=gpd.GeoSeries([], crs=CRS_STORE),
            crs=CRS_STORE,
        )
    gdf = pd.concat(parts, ignore_index=True)
    if "osm_id" in gdf.columns:  # the same OSM element fetched for overlapping regions
        dup = gdf["osm_id"].notna() & gdf.duplicated(subset=["osm_id"])
        gdf = gdf[~dup]
        if gdf["osm_id"].isna().all():
            gdf = gdf.drop(columns="osm_id")
    extras = [c for c in gdf.columns if c not in BASE_COLUMNS and c != "geometry"]
    gdf = gdf[BASE_COLUMNS + extras + ["geometry"]].reset_index(drop=True)
    return gpd.GeoDataFrame(gdf, geometry="geometry", crs=CRS_STORE)

"""Metric helpers shared by the analyses: group points by JGD2011 UTM zone and project them."""
from __future__ import annotations

from collections.abc import Iterator

import geopandas as gpd
import numpy as np
import pandas as pd

from geo.config import CRS_STORE, JGD2011_UTM


def zone_crs(lons: np.ndarray | pd.Series) -> np.ndarray:
    """JGD2011 UTM CRS (EPSG:6688–6692) per longitude, clamped to zones 51–55 (vectorised ``metric_crs``)."""
    lon = np.asarray(lons, dtype=float)
    zone = np.clip(np.floor((np.nan_to_num(lon, nan=135.0) + 180.0) / 6.0).astype(int) + 1, 51, 55)
    return np.array([JGD2011_UTM[z] for z in zone], dtype=object)


def by_zone(points: gpd.GeoSeries) -> Iterator[tuple[str, np.ndarray]]:
    """(metric CRS, positional indices) for each UTM zone the points (EPSG:4326) fall in."""
    if points.crs is None or not points.crs.equals(CRS_STORE):
        raise ValueError(f"points must be in {CRS_STORE}, got {points.crs}; call .to_crs(4326) first")
    crs = zone_crs(points.x.to_numpy())
    for code in sorted(set(crs)):
        yield code, np.flatnonzero(crs == code)

"""The CRS rules, once: EPSG:4326 to store and display, JGD2011 UTM zones for metres.

Distances and areas are measured in the JGD2011 / UTM zone (EPSG:6688–6692, zones 51N–55N) of each
longitude, clamped to Japan's zones; geopandas' ``estimate_utm_crs(datum_name="JGD2011")`` gives the
same codes inside Japan.
"""

from __future__ import annotations

from collections.abc import Iterator

import geopandas as gpd
import numpy as np
import pandas as pd
from numpy.typing import ArrayLike, NDArray

#: CRS used to store and display everything.
CRS_STORE = "EPSG:4326"
#: JGD2011 / UTM zones 51N..55N, for distances and areas.
JGD2011_UTM: dict[int, str] = {51: "EPSG:6688", 52: "EPSG:6689", 53: "EPSG:6690", 54: "EPSG:6691", 55: "EPSG:6692"}


def utm_zones(lons: ArrayLike) -> NDArray[np.int64]:
    """UTM zone number per longitude (NaN → zone of 135°E), clamped to Japan's zones 51–55."""
    lon = np.nan_to_num(np.asarray(lons, dtype=float), nan=135.0)
    return np.clip(np.floor((lon + 180.0) / 6.0).astype(np.int64) + 1, 51, 55)


def metric_crs(lon: float) -> str:
    """JGD2011 UTM CRS (EPSG:6688–6692) for one longitude in Japan."""
    return JGD2011_UTM[int(utm_zones([lon])[0])]


def zone_crs(lons: ArrayLike) -> NDArray[np.object_]:
    """JGD2011 UTM CRS per longitude (vectorised ``metric_crs``)."""
    return np.array([JGD2011_UTM[int(z)] for z in utm_zones(lons)], dtype=object)


def by_zone(points: gpd.GeoSeries) -> Iterator[tuple[str, np.ndarray]]:
    """(metric CRS, positional indices) for each UTM zone the points (EPSG:4326) fall in."""
    if points.crs is None or not points.crs.equals(CRS_STORE):
        raise ValueError(f"points must be in {CRS_STORE}, got {points.crs}; call .to_crs(4326) first")
    crs = zone_crs(points.x.to_numpy())
    for code in sorted(set(crs)):
        yield code, np.flatnonzero(crs == code)


def check_store_crs(frame: gpd.GeoDataFrame | gpd.GeoSeries | pd.DataFrame) -> None:
    """``ValueError`` unless ``frame`` is in the store CRS (EPSG:4326)."""
    crs = getattr(frame, "crs", None)
    if crs is None or not crs.equals(CRS_STORE):
        raise ValueError(f"expected data in {CRS_STORE}, got {crs}; call .to_crs(4326) first")

"""The CRS rules, once: EPSG:4326 to store and display, JGD2011 UTM zones for metres, Web Mercator pixels.

Distances and areas are measured in the JGD2011 / UTM zone (EPSG:6688–6692, zones 51N–55N) of each
longitude, clamped to Japan's zones; geopandas' ``estimate_utm_crs(datum_name="JGD2011")`` gives the
same codes inside Japan.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import TypeVar

import geopandas as gpd
import numpy as np
import pandas as pd
from numpy.typing import ArrayLike, NDArray

GeoT = TypeVar("GeoT", gpd.GeoDataFrame, gpd.GeoSeries)

#: CRS used to store and display everything.
CRS_STORE = "EPSG:4326"
#: JGD2011 / UTM zones 51N..55N, for distances and areas.
JGD2011_UTM: dict[int, str] = {51: "EPSG:6688", 52: "EPSG:6689", 53: "EPSG:6690", 54: "EPSG:6691", 55: "EPSG:6692"}
#: Web Mercator tiles (the web map's pixels) are 256 px; the square world ends at ±85.0511°.
TILE_PX = 256
MAX_MERCATOR_LAT = 85.0511287798


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
    check_store_crs(points)
    crs = zone_crs(points.x.to_numpy())
    for code in sorted(set(crs)):
        yield code, np.flatnonzero(crs == code)


@dataclass(frozen=True, eq=False)
class Zoned:
    """Points each projected once to its own UTM zone (:func:`by_zone`), for analyses that select them many times.

    ``crs`` is the JGD2011 UTM CRS per point, ``metric`` the point in it (shapely), both positional.
    """

    crs: NDArray[np.object_]
    metric: NDArray[np.object_]

    @classmethod
    def of(cls, points: gpd.GeoSeries) -> Zoned:
        """Project ``points`` (EPSG:4326), each in the zone of its longitude."""
        metric = np.empty(len(points), dtype=object)
        crs = np.empty(len(points), dtype=object)
        for code, idx in by_zone(points):
            metric[idx] = points.iloc[idx].to_crs(code).values
            crs[idx] = code
        return cls(crs, metric)

    def take(self, positions: ArrayLike) -> Zoned:
        """The points at ``positions``, still projected."""
        pos = np.asarray(positions, dtype=np.int64)
        return Zoned(self.crs[pos], self.metric[pos])

    def groups(self) -> Iterator[tuple[str, NDArray[np.int64], NDArray[np.object_]]]:
        """(CRS, positions, metric points) per zone, as :func:`by_zone` orders them."""
        for code in sorted(set(self.crs)):
            idx = np.flatnonzero(self.crs == code)
            yield code, idx, self.metric[idx]


def web_mercator_px(lon: ArrayLike, lat: ArrayLike, zoom: float = 0) -> tuple[NDArray[np.float64], NDArray[np.float64]]:
    """Web Mercator (EPSG:3857) pixel coordinates at ``zoom`` of 256-px tiles, as Leaflet places them.

    Latitudes are clamped at ±:data:`MAX_MERCATOR_LAT` (where the square world ends). The canvas
    renderer's packed grid, the label thinning and the briefing's fitting zoom all use this.
    """
    size = TILE_PX * 2.0**zoom
    x = (np.asarray(lon, dtype=float) + 180.0) / 360.0 * size
    s = np.sin(np.radians(np.clip(np.asarray(lat, dtype=float), -MAX_MERCATOR_LAT, MAX_MERCATOR_LAT)))
    y = (0.5 - np.log((1 + s) / (1 - s)) / (4 * np.pi)) * size
    return x, y


def to_store_crs(frame: GeoT) -> GeoT:
    """``frame`` in the store CRS: reprojected, or taken as lon/lat (EPSG:4326) when it says no CRS."""
    return frame.set_crs(CRS_STORE) if frame.crs is None else frame.to_crs(CRS_STORE)


def check_store_crs(frame: gpd.GeoDataFrame | gpd.GeoSeries | pd.DataFrame) -> None:
    """``ValueError`` unless ``frame`` is in the store CRS (EPSG:4326)."""
    crs = getattr(frame, "crs", None)
    if crs is None or not crs.equals(CRS_STORE):
        raise ValueError(f"expected data in {CRS_STORE}, got {crs}; call .to_crs(4326) first")

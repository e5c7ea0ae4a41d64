"""Pick the site a user clicked: the nearest site to a point, within a tolerance, in metres."""

from __future__ import annotations

import geopandas as gpd
import numpy as np
import pandas as pd
from shapely import Point

from geo.crs import CRS_STORE, metric_crs


def site_at(sites: gpd.GeoDataFrame, lon: float, lat: float, tolerance_m: float = 500.0) -> pd.Series | None:
    """The site nearest to (lon, lat) within ``tolerance_m`` metres, or None."""
    if sites.empty or not (np.isfinite(lon) and np.isfinite(lat)):
        return None
    crs = metric_crs(lon)
    here = gpd.GeoSeries([Point(lon, lat)], crs=CRS_STORE).to_crs(crs).iloc[0]
    dist = sites.geometry.to_crs(crs).distance(here)
    i = dist.idxmin()
    return sites.loc[i] if dist.loc[i] <= tolerance_m else None

"""Vectorised point-in-polygon lookup with a metric snapping tolerance (helper of ``geo.regions.boundaries``).

Containment is tested in EPSG:4326 with a shapely 2 ``STRtree``. Points that fall in no polygon can
be snapped to the nearest polygon within ``tolerance_m`` metres; that distance is measured in the
JGD2011 UTM zone of each point (``geo.crs.metric_crs``, EPSG:6688–6692), never in degrees.
"""

from __future__ import annotations

import functools
import math

import numpy as np
import shapely
from numpy.typing import ArrayLike, NDArray
from pyproj import Transformer

from geo.crs import CRS_STORE, JGD2011_UTM, utm_zones
from geo.errors import ParameterError

#: Metres per degree of latitude (and of longitude at the equator), rounded down so that the
#: degree search radius derived from it is never too small.
_M_PER_DEG = 110_000.0


@functools.cache
def _to_metric(epsg: str) -> Transformer:
    """EPSG:4326 -> ``epsg`` transformer (lon/lat order)."""
    return Transformer.from_crs(CRS_STORE, epsg, always_xy=True)


def coords_to_arrays(lons: ArrayLike, lats: ArrayLike) -> tuple[NDArray[np.float64], NDArray[np.float64]]:
    """1-D float arrays of equal length; ``ValueError`` saying what is wrong otherwise."""
    try:
        x = np.asarray(lons, dtype=float).reshape(-1)
        y = np.asarray(lats, dtype=float).reshape(-1)
    except (TypeError, ValueError) as exc:
        raise ParameterError("lonlats_not_numbers", problem=str(exc)) from None
    if x.shape != y.shape:
        raise ParameterError("lonlats_count", n_lon=x.size, n_lat=y.size)
    return x, y


def usable(x: NDArray[np.float64], y: NDArray[np.float64]) -> NDArray[np.bool_]:
    """True where (x, y) is a finite lon/lat inside the valid degree ranges."""
    with np.errstate(invalid="ignore"):
        return np.isfinite(x) & np.isfinite(y) & (np.abs(x) <= 180.0) & (np.abs(y) <= 90.0)


def _first_per_point(
    out: NDArray[np.int64], pt_idx: NDArray[np.int64], geom_idx: NDArray[np.int64], *keys: NDArray[np.float64]
) -> None:
    """Set ``out[point]`` to its best polygon: smallest ``keys`` (e.g. distance), then lowest index."""
    if len(pt_idx):
        order = np.lexsort((geom_idx, *reversed(keys), pt_idx))
        pt_idx, geom_idx = pt_idx[order], geom_idx[order]
        first = np.unique(pt_idx, return_index=True)[1]
        out[pt_idx[first]] = geom_idx[first]


class PolygonIndex:
    """STRtree over polygons in EPSG:4326 answering "which polygon holds / is nearest to a point"."""

    def __init__(self, geoms: ArrayLike) -> None:
        self.geoms: NDArray[np.object_] = np.asarray(geoms, dtype=object)
        self.tree = shapely.STRtree(self.geoms)

    def containing(self, points: NDArray[np.object_]) -> NDArray[np.int64]:
        """Index of the polygon that intersects each point (lowest index on a shared edge), else -1."""
        out = np.full(len(points), -1, dtype=np.int64)
        if len(points) == 0:
            return out
        if len(points) > len(self.geoms):  # many points: each polygon, prepared once, tests its points
            geom_idx, pt_idx = shapely.STRtree(points).query(self.geoms, predicate="intersects")
        else:
            pt_idx, geom_idx = self.tree.query(points, predicate="intersects")
        _first_per_point(out, pt_idx, geom_idx)
        return out

    def nearest_within(self, x: NDArray[np.float64], y: NDArray[np.float64], tolerance_m: float) -> NDArray[np.int64]:
        """Index of the nearest polygon within ``tolerance_m`` metres (JGD2011 UTM), else -1."""
        out = np.full(len(x), -1, dtype=np.int64)
        if len(x) == 0 or tolerance_m <= 0:
            return out
        points = shapely.points(x, y)
        # Candidate pairs with a generous radius in degrees; the exact test is metric below.
        cos_lat = np.cos(np.radians(np.minimum(np.abs(y) + 1.0, 60.0)))
        radius_deg = tolerance_m / (_M_PER_DEG * cos_lat)
        pt_idx, geom_idx = self.tree.query(points, predicate="dwithin", distance=radius_deg)
        if len(pt_idx) == 0:
            return out
        dist = np.full(len(pt_idx), np.inf)
        zones = utm_zones(x[pt_idx])
        for zone in np.unique(zones):
            sel = zones == zone
            to_m = _to_metric(JGD2011_UTM[int(zone)]).transform
            pts_m = shapely.transform(points[pt_idx[sel]], to_m, interleaved=False)
            uniq, inverse = np.unique(geom_idx[sel], return_inverse=True)
            geoms_m = shapely.transform(self.geoms[uniq], to_m, interleaved=False)
            dist[sel] = shapely.distance(pts_m, geoms_m[inverse])
        keep = dist <= tolerance_m
        _first_per_point(out, pt_idx[keep], geom_idx[keep], dist[keep])
        return out

    def lookup(self, x: NDArray[np.float64], y: NDArray[np.float64], tolerance_m: float) -> NDArray[np.int64]:
        """Containing polygon, else the nearest within ``tolerance_m`` metres, else -1 (x, y usable)."""
        if not math.isfinite(tolerance_m) or tolerance_m < 0:
            raise ParameterError("tolerance_m", value=repr(tolerance_m))
        idx = self.containing(shapely.points(x, y))
        miss = np.flatnonzero(idx < 0)
        if len(miss):
            idx[miss] = self.nearest_within(x[miss], y[miss], tolerance_m)
        return idx

"""Distances from sites to an infrastructure kind: its features and its layer's coverage, indexed once.

A :class:`KindIndex` holds, in one metric CRS (a JGD2011 UTM zone), a kind's features in an STRtree and
each area of its layer's coverage (complete, partial, any) projected, prepared and with an STRtree of its
boundary segments. :func:`kind_index` memoises the registry's per kind, zone and data version
(``geo.infra.data_fingerprint``: an imported layer or an OSM fetch makes new ones), so a site card, a
chunk of a national register or a siting search queries trees instead of rebuilding them.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass
from typing import Literal

import geopandas as gpd
import numpy as np
import shapely
from shapely.geometry.base import BaseGeometry

from geo import infra
from geo.analysis.requirements import KINDS
from geo.crs import CRS_STORE
from geo.infra import LayerCoverage

#: Densify coverage boxes (degrees) before projecting, so their edges stay true in UTM.
_SEGMENT_DEG = 0.05
#: Zones × kinds kept: Japan spans five zones and the registry has a handful of kinds.
_CACHED_INDEXES = 64


def kind_features(kind_id: str) -> gpd.GeoDataFrame:
    """All features (EPSG:4326) of the layer behind a kind, restricted to the kind's subtypes."""
    kind = KINDS[kind_id]
    gdf = infra.load_layer(kind.layer_id)
    if kind.subtypes is not None and len(gdf):
        gdf = gdf[gdf["subtype"].isin(kind.subtypes)]
    geom = gdf.geometry.values
    return gdf[~(shapely.is_missing(geom) | shapely.is_empty(geom))]


def _nearest(
    tree: shapely.STRtree | None, points: np.ndarray, within_m: float | None = None
) -> tuple[np.ndarray, np.ndarray]:
    """Distance to the nearest geometry of ``tree`` and its position; inf and -1 for none (within ``within_m``)."""
    dist = np.full(len(points), np.inf)
    which = np.full(len(points), -1, dtype=np.int64)
    if tree is None or len(points) == 0:
        return dist, which
    (src, hit), d = tree.query_nearest(points, max_distance=within_m, return_distance=True, all_matches=False)
    dist[src], which[src] = d, hit
    return dist, which


def _tree(geometries: np.ndarray) -> shapely.STRtree | None:
    return shapely.STRtree(geometries) if len(geometries) else None


def nearest_distance_m(points: np.ndarray, features: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Distance (m) from each point to the nearest feature and that feature's position (-1 if none).

    Both arrays are shapely geometries in the same metric CRS; one STRtree nearest query for all points.
    """
    return _nearest(_tree(features) if len(points) else None, points)


def _segments(lines: BaseGeometry) -> np.ndarray:
    """The straight segments of (multi)line strings as two-point line strings."""
    coords, parts = shapely.get_coordinates(shapely.get_parts(lines), return_index=True)
    same = parts[1:] == parts[:-1]
    return shapely.linestrings(np.stack([coords[:-1][same], coords[1:][same]], axis=1))


@dataclass(frozen=True, eq=False)
class AreaIndex:
    """An area (metric CRS), prepared, with an STRtree of its boundary's straight segments."""

    area: BaseGeometry
    edges: shapely.STRtree | None

    @classmethod
    def of(cls, area: BaseGeometry) -> AreaIndex:
        """Index ``area`` (already in the metric CRS of the points it will be asked about)."""
        if area.is_empty:
            return cls(area, None)
        shapely.prepare(area)
        return cls(area, _tree(_segments(shapely.boundary(area))))

    def distances(
        self, points: np.ndarray, measure: Literal["all", "inside", "outside"] = "all", within_m: float | None = None
    ) -> tuple[np.ndarray, np.ndarray]:
        """Per point: whether the area covers it, and its distance to the boundary (see :func:`area_distances_m`).

        Boundary distances beyond ``within_m`` (None: no bound) are inf.
        """
        n = len(points)
        boundary = np.full(n, np.inf)
        if self.area.is_empty or n == 0:
            return np.zeros(n, dtype=bool), boundary
        inside = np.asarray(shapely.covers(self.area, points), dtype=bool)
        need = inside if measure == "inside" else ~inside if measure == "outside" else np.ones(n, dtype=bool)
        if need.any():
            boundary[need] = _nearest(self.edges, points[need], within_m)[0]
        return inside, boundary

    def edge_m(self, points: np.ndarray, within_m: float | None = None) -> np.ndarray:
        """Per point: distance to the edge of the area if inside it (inf beyond ``within_m``), else -1."""
        inside, boundary = self.distances(points, "inside", within_m)
        return np.where(inside, boundary, -1.0)

    def distance_m(self, points: np.ndarray, within_m: float | None = None) -> np.ndarray:
        """Per point: distance to the area (0 inside it; inf when the area is empty or beyond ``within_m``)."""
        inside, boundary = self.distances(points, "outside", within_m)
        return np.where(inside, 0.0, boundary)


def area_distances_m(
    points: np.ndarray, area: BaseGeometry, measure: Literal["all", "inside", "outside"] = "all"
) -> tuple[np.ndarray, np.ndarray]:
    """Per point (same metric CRS): whether the area covers it, and its distance to the area's boundary.

    One nearest query on an STRtree of the boundary's straight segments (O(n log n) in points and
    vertices) instead of a distance to the whole polygon per point (O(vertices) each). The distance to
    the area is 0 where covered, else the boundary distance — equal to ``shapely.distance``. ``measure``
    limits the boundary distances to the points inside or outside (inf for the others). An empty area
    covers nothing and its boundary is infinitely far.
    """
    return AreaIndex.of(area).distances(points, measure)


def _metric(geometry: BaseGeometry, crs: str) -> BaseGeometry:
    """A coverage geometry densified and projected to a metric CRS (edges stay true); an empty one as it is."""
    if geometry.is_empty:
        return geometry
    return gpd.GeoSeries([shapely.segmentize(geometry, _SEGMENT_DEG)], crs=CRS_STORE).to_crs(crs).values[0]


@dataclass(frozen=True, eq=False)
class KindIndex:
    """A kind's features and its layer's coverage in one metric CRS, indexed for nearest queries."""

    features: shapely.STRtree | None
    complete: AreaIndex
    partial: AreaIndex
    covered: AreaIndex

    @classmethod
    def build(cls, features: gpd.GeoDataFrame, coverage: LayerCoverage, crs: str) -> KindIndex:
        """Project ``features`` and ``coverage`` (EPSG:4326) to ``crs`` and index them."""
        return cls(
            _tree(features.geometry.to_crs(crs).values),
            *(AreaIndex.of(_metric(area, crs)) for area in (coverage.complete, coverage.partial, coverage.covered)),
        )

    def distances_m(
        self, points: np.ndarray, within_m: float | None = None
    ) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
        """Per point (this CRS): to the nearest feature, the complete edge (-1 outside), partial and any data.

        The nearest feature is always measured; the coverage distances beyond ``within_m`` are inf.
        """
        dist, _ = _nearest(self.features, points)
        return (
            dist,
            self.complete.edge_m(points, within_m),
            self.partial.distance_m(points, within_m),
            self.covered.distance_m(points, within_m),
        )


@functools.lru_cache(maxsize=_CACHED_INDEXES)
def _registry_index(kind_id: str, crs: str, fingerprint: str) -> KindIndex:
    return KindIndex.build(kind_features(kind_id), infra.layer_coverage(KINDS[kind_id].layer_id), crs)


def kind_index(kind_id: str, crs: str) -> KindIndex:
    """The registry's index of ``kind_id`` in ``crs``, built once per data version."""
    return _registry_index(kind_id, crs, infra.data_fingerprint())

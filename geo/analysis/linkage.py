"""Single linkage without all pairs: the candidate edges of a minimum spanning tree, per field.

The Euclidean minimum spanning tree of points in a plane is a subgraph of their Delaunay
triangulation, so single-linkage clusters at any threshold are the components of the MST edges no
longer than it. Points are measured in the JGD2011 UTM zone of each site (``geo.crs``): Delaunay edges
join sites of one zone, and the few pairs across a zone border within the threshold are found with an
STRtree ``dwithin`` query and measured in the zone of the pair's first site. O(n log n) in sites.
"""

from __future__ import annotations

import functools

import numpy as np
import pandas as pd
import shapely
from numpy.typing import NDArray
from pyproj import Transformer

from geo.arrays import unique_pairs
from geo.crs import CRS_STORE, JGD2011_UTM, utm_zones

#: Zone edges are the meridians 126°, 132°, 138°, 144° and 150° E (zones 51–55).
_ZONE_EDGES = np.array([126.0, 132.0, 138.0, 144.0, 150.0])
_KM_PER_DEG_LAT = 110.0  # rounded down: a generous search margin in degrees


@functools.cache
def _to_zone(zone: int) -> Transformer:
    return Transformer.from_crs(CRS_STORE, JGD2011_UTM[zone], always_xy=True)


def _project(lon: NDArray[np.float64], lat: NDArray[np.float64], zone: int) -> NDArray[np.float64]:
    """(n, 2) metres in the JGD2011 UTM zone ``zone``."""
    x, y = _to_zone(zone).transform(lon, lat)
    return np.column_stack([x, y])


def _delaunay_edges(xy: NDArray[np.float64]) -> NDArray[np.int64]:
    """Unique (i, j), i < j, edges of the Delaunay triangulation (all pairs for fewer than 4 points)."""
    n = len(xy)
    if n < 2:
        return np.empty((0, 2), dtype=np.int64)
    if n < 4:
        i, j = np.triu_indices(n, k=1)
        return np.column_stack([i, j]).astype(np.int64)
    from scipy.spatial import Delaunay, QhullError  # scipy loads when clusters are computed, not at the app's start

    try:
        tri = Delaunay(xy, qhull_options="QJ Qbb Qc")  # QJ: every point is a vertex, even duplicates/collinear
    except QhullError:
        i, j = np.triu_indices(n, k=1)
        return np.column_stack([i, j]).astype(np.int64)
    s = tri.simplices
    edges = np.concatenate([s[:, [0, 1]], s[:, [1, 2]], s[:, [0, 2]]])
    edges.sort(axis=1)
    return unique_pairs(edges)


def _cross_zone_pairs(
    lon: NDArray[np.float64], lat: NDArray[np.float64], zone: NDArray[np.int64], threshold_km: float
) -> NDArray[np.int64]:
    """Candidate (i, j), i < j, pairs in different zones whose degree distance allows ``threshold_km``."""
    margin = threshold_km / (_KM_PER_DEG_LAT * np.cos(np.radians(np.minimum(np.abs(lat) + 1.0, 80.0)))) + 0.01
    near_edge = (np.abs(lon[:, None] - _ZONE_EDGES[None, :]) <= margin[:, None]).any(axis=1)
    idx = np.flatnonzero(near_edge)
    if len(idx) < 2 or len(np.unique(zone[idx])) < 2:
        return np.empty((0, 2), dtype=np.int64)
    pts = shapely.points(lon[idx], lat[idx])
    left, right = shapely.STRtree(pts).query(pts, predicate="dwithin", distance=float(margin[idx].max()))
    a, b = idx[left], idx[right]
    keep = (a < b) & (zone[a] != zone[b])
    return np.column_stack([a[keep], b[keep]]).astype(np.int64)


def _lengths_km(
    pairs: NDArray[np.int64], lon: NDArray[np.float64], lat: NDArray[np.float64], zone: NDArray[np.int64]
) -> NDArray[np.float64]:
    """Length of each (i, j) in the zone of site i, in km."""
    km = np.empty(len(pairs))
    for z in np.unique(zone[pairs[:, 0]]) if len(pairs) else []:
        sel = zone[pairs[:, 0]] == z
        a = _project(lon[pairs[sel, 0]], lat[pairs[sel, 0]], int(z))
        b = _project(lon[pairs[sel, 1]], lat[pairs[sel, 1]], int(z))
        km[sel] = np.hypot(*(a - b).T) / 1000.0
    return km


def field_linkage(
    lon: NDArray[np.float64], lat: NDArray[np.float64], threshold_km: float
) -> tuple[NDArray[np.int64], pd.DataFrame]:
    """Single-linkage clusters of one field's sites: label per site and the MST links within the threshold.

    Returns
    -------
    labels, links
        ``labels[i]`` is the cluster number (0..k-1) of site ``i``; ``links`` has ``a``, ``b`` (positions,
        a < b) and ``km`` for every minimum-spanning-tree edge of length ≤ ``threshold_km``.
    """
    from scipy.sparse import coo_matrix
    from scipy.sparse.csgraph import connected_components, minimum_spanning_tree

    n = len(lon)
    zone = utm_zones(lon)
    candidates = [_cross_zone_pairs(lon, lat, zone, threshold_km)]
    for z in np.unique(zone):
        members = np.flatnonzero(zone == z)
        candidates.append(members[_delaunay_edges(_project(lon[members], lat[members], int(z)))])
    pairs = unique_pairs(np.concatenate(candidates)) if n > 1 else np.empty((0, 2), dtype=np.int64)
    km = _lengths_km(pairs, lon, lat, zone)
    keep = km <= threshold_km
    pairs, km = pairs[keep], km[keep]
    # csgraph reads a zero entry as "no edge": identical points get a weight of 1e-9 km (a micrometre)
    graph = coo_matrix((km + 1e-9, (pairs[:, 0], pairs[:, 1])), shape=(n, n)).tocsr()
    tree = minimum_spanning_tree(graph).tocoo()
    _, labels = connected_components(tree, directed=False)
    a, b = np.minimum(tree.row, tree.col), np.maximum(tree.row, tree.col)
    lookup = pd.Series(km, index=pd.MultiIndex.from_arrays([pairs[:, 0], pairs[:, 1]]))
    links = pd.DataFrame({"a": a.astype(np.int64), "b": b.astype(np.int64)})
    links["km"] = lookup.reindex(pd.MultiIndex.from_arrays([links["a"], links["b"]])).to_numpy()
    return labels.astype(np.int64), links

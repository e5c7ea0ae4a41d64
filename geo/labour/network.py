"""Catchments on a road graph: municipalities within a road-network distance instead of a straight line.

With a road graph loaded (``geo.infra.osm.roadnet.load_road_graph``, osmnx, EPSG:4326, edge ``length`` in
metres), a site's catchment holds the municipalities whose representative point is reachable within
``radius_km`` along the roads: snap distance from the site to its nearest node + shortest path + snap
distance from the municipality's point to its node. A Dijkstra with that cutoff runs per site (graph
search is not vectorised). Sites farther than ``max_snap_km`` from the graph, and municipalities whose
point is, keep the straight-line rule; ``method`` says which rule each site got. This is road distance,
not drive time: the graph has no reliable speeds.
"""

from __future__ import annotations

import geopandas as gpd
import networkx as nx
import numpy as np
import shapely
from numpy.typing import NDArray

from geo.arrays import unique_pairs
from geo.crs import CRS_STORE, metric_crs
from geo.infra.osm.roadnet import DEFAULT_MAX_SNAP_KM


def _snap(graph: nx.Graph, points: gpd.GeoSeries, max_snap_m: float) -> tuple[NDArray[np.object_], NDArray[np.float64]]:
    """Nearest graph node of each point (None beyond ``max_snap_m``) and the snap distance in metres."""
    ids = np.array(list(graph.nodes), dtype=object)
    xy = np.array([(d["x"], d["y"]) for _n, d in graph.nodes(data=True)], dtype=float).reshape(-1, 2)
    crs = metric_crs(float(np.mean(xy[:, 0])))
    nodes = gpd.GeoSeries(shapely.points(xy), crs=CRS_STORE).to_crs(crs).values
    tree = shapely.STRtree(nodes)
    pts = points.to_crs(crs).values
    node = np.full(len(points), None, dtype=object)
    dist = np.full(len(points), np.inf)
    src, hit = tree.query_nearest(pts, max_distance=max_snap_m, all_matches=False)
    node[src] = ids[hit]
    dist[src] = shapely.distance(pts[src], nodes[hit])
    return node, dist


def network_catchment_pairs(
    graph: nx.Graph,
    points: gpd.GeoSeries,
    units: gpd.GeoDataFrame,
    radius_km: float,
    straight: tuple[NDArray[np.int64], NDArray[np.int64]],
    max_snap_km: float = DEFAULT_MAX_SNAP_KM,
) -> tuple[NDArray[np.int64], NDArray[np.int64], NDArray[np.object_]]:
    """(site position, unit position, method per site) with road distance where the site is on the graph.

    Parameters
    ----------
    graph
        Road graph (EPSG:4326 node ``x``/``y``, edge ``length`` in metres).
    points, units
        Site points and census units (representative points), EPSG:4326.
    radius_km
        Catchment radius in road km.
    straight
        The straight-line pairs (``catchment_pairs``), kept for off-graph sites and off-graph units.
    max_snap_km
        A site or point farther than this from every node is off the graph.

    Returns
    -------
    (sites, units, method)
        Pairs sorted by site then unit; ``method`` is ``network`` or ``straight`` per site.
    """
    radius_m = radius_km * 1000.0
    method = np.full(len(points), "straight", dtype=object)
    if graph is None or graph.number_of_nodes() == 0 or len(points) == 0:
        return straight[0], straight[1], method
    site_node, site_snap = _snap(graph, points, max_snap_km * 1000.0)
    unit_node, unit_snap = _snap(graph, units.geometry, max_snap_km * 1000.0)
    units_at: dict[object, list[int]] = {}
    for j, n in enumerate(unit_node):
        if n is not None:
            units_at.setdefault(n, []).append(j)
    s_str, u_str = straight
    extra_s: list[int] = []
    extra_u: list[int] = []
    for i in np.flatnonzero(site_node != None):  # noqa: E711 (elementwise on an object array)
        method[i] = "network"
        budget = radius_m - site_snap[i]
        lengths = nx.single_source_dijkstra_path_length(graph, site_node[i], cutoff=budget, weight="length")
        for node, d in lengths.items():
            extra_u.extend(j for j in units_at.get(node, ()) if d + unit_snap[j] <= budget)
        extra_s.extend([int(i)] * (len(extra_u) - len(extra_s)))
    on_graph = np.array([n is not None for n in unit_node], dtype=bool)
    keep = ~((method[s_str] == "network") & on_graph[u_str])  # on-graph units of on-graph sites: by road only
    s = np.concatenate([s_str[keep], np.asarray(extra_s, dtype=np.int64)])
    u = np.concatenate([u_str[keep], np.asarray(extra_u, dtype=np.int64)])
    pairs = unique_pairs(np.stack([s, u], axis=1))
    return pairs[:, 0].astype(np.int64), pairs[:, 1].astype(np.int64), method

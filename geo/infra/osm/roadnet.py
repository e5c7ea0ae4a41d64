"""Road-network distances from a local ``.osm`` file, in one Dijkstra pass.

An osmnx graph from a local ``.osm`` file, cached as GraphML, and the network distance from many
sites to the nearest of many targets in one Dijkstra pass.

Graphs are cached under ``geo.config.osm_cache_dir()/graphs/`` (``<stem>-<hash>.graphml``, the hash
covering the source file's path, size and time) so a file is parsed once.
"""

from __future__ import annotations

import hashlib
from pathlib import Path

import geopandas as gpd
import networkx as nx
import numpy as np
import shapely

from geo.config import osm_cache_dir
from geo.crs import CRS_STORE, metric_crs
from geo.errors import InputFileError, InputFileNotFound

#: Sites or targets further than this from any graph node are not measured on the network.
DEFAULT_MAX_SNAP_KM = 2.0
GRAPH_SUFFIXES = (".osm", ".xml", ".osm.bz2", ".graphml")


def graphs_dir() -> Path:
    """Folder holding cached road graphs (GraphML)."""
    return osm_cache_dir() / "graphs"


def cached_graphs() -> list[Path]:
    """Cached GraphML road graphs, newest first."""
    folder = graphs_dir()
    if not folder.is_dir():
        return []
    return sorted(folder.glob("*.graphml"), key=lambda p: p.stat().st_mtime, reverse=True)


def _cache_path(source: Path) -> Path:
    st = source.stat()
    key = hashlib.sha1(f"{source.resolve()}|{st.st_size}|{st.st_mtime_ns}".encode()).hexdigest()[:10]
    stem = source.name.split(".")[0] or "roads"
    return graphs_dir() / f"{stem}-{key}.graphml"


def load_road_graph(path: str | Path) -> nx.MultiDiGraph:
    """A road graph from ``.osm``/``.osm.bz2`` (parsed with ``osmnx.graph_from_xml``, cached) or ``.graphml``."""
    import osmnx as ox  # heavy import, only when a graph is used

    source = Path(path)
    if not source.is_file():
        raise InputFileNotFound("road_graph_not_found", file=str(source))
    if source.suffix == ".graphml":
        return ox.load_graphml(source)
    if not any(source.name.endswith(s) for s in GRAPH_SUFFIXES):
        raise InputFileError("road_graph_type", file=str(source), use=", ".join(GRAPH_SUFFIXES))
    cached = _cache_path(source)
    if cached.is_file():
        return ox.load_graphml(cached)
    try:
        graph = ox.graph_from_xml(source, retain_all=True)
    except Exception as exc:  # osmnx raises several types for files without a road network
        raise InputFileError("road_graph_none", file=str(source), problem=f"{type(exc).__name__}: {exc}") from exc
    cached.parent.mkdir(parents=True, exist_ok=True)
    ox.save_graphml(graph, cached)
    return graph


def _node_points(graph: nx.Graph) -> tuple[np.ndarray, np.ndarray]:
    """Node ids and their points (EPSG:4326) from the ``x``/``y`` node attributes."""
    crs = str(graph.graph.get("crs", CRS_STORE)).upper()
    if crs not in {"EPSG:4326", "WGS84"}:
        raise ValueError(f"road graph must be in EPSG:4326 (unprojected osmnx graph), got {crs}")
    ids = np.array(list(graph.nodes), dtype=object)
    xy = np.array([(d["x"], d["y"]) for _n, d in graph.nodes(data=True)], dtype=float).reshape(-1, 2)
    return ids, shapely.points(xy)


def network_distance_km(
    graph: nx.Graph,
    sites: gpd.GeoSeries,
    targets: gpd.GeoSeries,
    max_snap_km: float = DEFAULT_MAX_SNAP_KM,
) -> np.ndarray:
    """Network distance (km) from each site to its nearest target, NaN where not measurable.

    Sites and targets (EPSG:4326 points) snap to their nearest graph node (STRtree); the straight snap
    distances are added. One multi-source Dijkstra from all target nodes (a virtual source joined to
    each with its snap distance) over the reversed graph gives every node's distance to the nearest
    target. NaN: no graph, a site or all targets further than ``max_snap_km`` from the graph, or no path.
    Edge weights are the ``length`` attribute (metres).
    """
    out = np.full(len(sites), np.nan)
    if graph is None or graph.number_of_nodes() == 0 or len(sites) == 0 or len(targets) == 0:
        return out
    ids, nodes = _node_points(graph)
    centre = shapely.centroid(shapely.multipoints(nodes))
    crs = metric_crs(centre.x)
    tree = shapely.STRtree(gpd.GeoSeries(nodes, crs=CRS_STORE).to_crs(crs).values)
    limit = max_snap_km * 1000.0
    t_in, t_node = tree.query_nearest(targets.to_crs(crs).values, max_distance=limit, all_matches=False)
    if len(t_in) == 0:
        return out
    t_snap = shapely.distance(targets.to_crs(crs).values[t_in], tree.geometries[t_node])
    s_in, s_node = tree.query_nearest(sites.to_crs(crs).values, max_distance=limit, all_matches=False)
    s_snap = shapely.distance(sites.to_crs(crs).values[s_in], tree.geometries[s_node])

    rev = nx.DiGraph()
    for u, v, data in graph.edges(data=True):  # keep the shortest parallel edge, reversed
        w = float(data.get("length", np.nan))
        if np.isfinite(w) and (not rev.has_edge(v, u) or rev[v][u]["w"] > w):
            rev.add_edge(v, u, w=w)
        if not graph.is_directed() and np.isfinite(w) and (not rev.has_edge(u, v) or rev[u][v]["w"] > w):
            rev.add_edge(u, v, w=w)
    source = ("__targets__",)
    for node, snap in zip(ids[t_node], t_snap, strict=True):
        if not rev.has_edge(source, node) or rev[source][node]["w"] > snap:
            rev.add_edge(source, node, w=float(snap))
    # on the reversed graph, distance from the virtual source = distance from a node to the nearest target
    dist = nx.single_source_dijkstra_path_length(rev, source, weight="w")
    node_dist = np.array([dist.get(n, np.nan) for n in ids[s_node]], dtype=float)
    out[s_in] = (node_dist + s_snap) / 1000.0
    return out

"""Clusters: single linkage within fields, cross-prefecture flags, polygons, explanation links."""

from __future__ import annotations

import pickle

import geopandas as gpd
import numpy as np
import pytest
import shapely
from pyproj import Geod

from geo.analysis.clusters import (
    CLUSTER_COLUMNS,
    JSON_KEYS,
    MEMBER_COLUMNS,
    cluster_members,
    clusters_json,
    find_clusters,
    site_cluster_ids,
)
from geo.analysis.headlines import ClusterFigures, cluster_figures
from tests.support.wording import raises_words


def test_border_pair_is_one_cross_prefecture_cluster_at_30_km(border_pair) -> None:
    sites = border_pair
    assert list(sites["pref_code"]) == ["43", "44"]
    clusters = find_clusters(sites, 30.0)
    assert len(clusters) == 1
    c = clusters.iloc[0]
    assert c["n_sites"] == 2 and c["cross_prefecture"] and not c["cross_block"]
    assert c["pref_codes"] == ["43", "44"] and c["blocks"] == ["kyushu"]
    assert c["investment_oku_yen"] == 400 and c["jobs"] == 50 and c["land_ha"] == 15
    assert c["n_investment_known"] == 2
    assert len(c["links"]) == 1 and {c["links"][0]["a"], c["links"][0]["b"]} == {"西サイト", "東サイト"}
    assert c["links"][0]["km"] == pytest.approx(20.0, abs=0.01)
    geod = Geod(ellps="GRS80")
    lons, lats = sites.geometry.x.to_numpy(), sites.geometry.y.to_numpy()
    hand_km = geod.inv(lons[0], lats[0], lons[1], lats[1])[2] / 1000.0
    assert c["links"][0]["km"] == pytest.approx(hand_km, rel=0.01)


def test_border_pair_is_two_lone_sites_and_no_cluster_at_10_km(border_pair) -> None:
    """A cluster has two sites or more: 20 km apart at a 10 km threshold, each site is alone."""
    clusters = find_clusters(border_pair, 10.0)
    assert clusters.empty and list(clusters.columns) == [*CLUSTER_COLUMNS, "geometry"]
    assert cluster_figures(border_pair, clusters) == ClusterFigures(n_clusters=0, n_cross_prefecture=0, n_lone_sites=2)
    together = find_clusters(border_pair, 30.0)
    assert cluster_figures(border_pair, together) == ClusterFigures(n_clusters=1, n_cross_prefecture=1, n_lone_sites=0)


def test_polygon_is_hull_buffered_by_half_threshold(border_pair) -> None:
    sites = border_pair
    poly = find_clusters(sites, 30.0).to_crs("EPSG:6689").geometry.iloc[0]
    pts = sites.to_crs("EPSG:6689").geometry
    # hull of two points = the 20 km segment; buffered by 15 km: area = 2*15*20 + pi*15^2 km²
    assert poly.area / 1e6 == pytest.approx(2 * 15 * 20 + 3.14159265 * 15**2, rel=0.01)
    assert all(poly.contains(p) for p in pts)
    assert find_clusters(sites, 30.0).crs.to_epsg() == 4326


def test_chain_links_through_middle_site_and_fields_do_not_mix(make_sites, offset, west) -> None:
    a, b, c = west, offset(*west, 25_000), offset(*west, 50_000)
    sites = make_sites(
        [
            {"name": "A", "field": "biotech", "lon": a[0], "lat": a[1]},
            {"name": "B", "field": "biotech", "lon": b[0], "lat": b[1]},
            {"name": "C", "field": "biotech", "lon": c[0], "lat": c[1]},
            {"name": "X", "field": "quantum", "lon": b[0], "lat": b[1] + 0.01},
        ]
    )
    clusters = find_clusters(sites, 30.0)
    by_field = {r.field: r for r in clusters.itertuples()}
    assert by_field["biotech"].sites == ["A", "B", "C"]  # A–C are 50 km apart, chained through B
    assert cluster_members(sites, 30.0)["sites"].tolist() == [["A", "B", "C"]]
    assert sorted((x["a"], x["b"]) for x in by_field["biotech"].links) == [("A", "B"), ("B", "C")]
    links = by_field["biotech"].links  # arrays underneath, read as dicts; kept by a pickle (Streamlit's cache)
    assert links[:1] == [links[0]] and len(links) == 2 and links[-1]["b"] in {"B", "C"}
    assert pickle.loads(pickle.dumps(clusters))["links"].tolist() == clusters["links"].tolist()
    assert "quantum" not in by_field  # X is alone in its field: in no cluster
    assert find_clusters(sites, 30.0, fields=["quantum"]).empty
    assert site_cluster_ids(clusters) == {1: 1, 2: 1, 3: 1}
    figures = cluster_figures(sites, clusters)
    assert (figures.n_clusters, figures.n_lone_sites) == (1, 1)
    assert cluster_figures(sites, clusters, fields=["biotech"]).n_lone_sites == 0


def test_json_keys_and_errors(border_pair) -> None:
    rows = clusters_json(find_clusters(border_pair, 30.0))
    assert list(rows[0]) == JSON_KEYS
    assert rows[0]["cross_prefecture"] is True
    with raises_words(ValueError, "positive"):
        find_clusters(border_pair, 0)
    with raises_words(ValueError, "unknown field"):
        find_clusters(border_pair, 30, fields=["nope"])
    with raises_words(ValueError, "EPSG:4326"):
        find_clusters(border_pair.to_crs(6689), 30)


def test_empty_input_gives_empty_table(border_pair) -> None:
    empty = find_clusters(border_pair.iloc[0:0], 30.0)
    assert empty.empty and list(empty.columns) == [*CLUSTER_COLUMNS, "geometry"]
    assert isinstance(empty, gpd.GeoDataFrame)
    assert cluster_members(border_pair.iloc[0:0], 30.0).empty
    assert list(cluster_members(border_pair, 10.0).columns) == MEMBER_COLUMNS
    assert not shapely.is_empty(find_clusters(border_pair, 30.0).geometry.values).any()


def _oracle(sites, threshold_km: float) -> tuple[set[frozenset[int]], set[tuple[int, int]]]:
    """All pairs of same-field sites, measured in the UTM zone of the pair's first site; union-find; Kruskal."""
    from pyproj import Transformer

    from geo.crs import JGD2011_UTM, utm_zones

    lon, lat = sites.geometry.x.to_numpy(), sites.geometry.y.to_numpy()
    zone = utm_zones(lon)
    xy = {
        z: np.column_stack(Transformer.from_crs(4326, c, always_xy=True).transform(lon, lat))
        for z, c in JGD2011_UTM.items()
    }
    ids, field = sites["site_id"].to_numpy(), sites["field"].to_numpy()
    edges = []
    for f in np.unique(field):
        rows = np.flatnonzero(field == f)
        i, j = np.triu_indices(len(rows), k=1)
        a, b = rows[i], rows[j]
        km = np.empty(len(a))
        for z in np.unique(zone[a]):
            sel = zone[a] == z
            km[sel] = np.hypot(*(xy[z][a[sel]] - xy[z][b[sel]]).T) / 1000.0
        keep = km <= threshold_km
        edges += zip(km[keep].tolist(), a[keep].tolist(), b[keep].tolist())
    parent = list(range(len(sites)))

    def root(x: int) -> int:
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    tree = set()
    for _km, a, b in sorted(edges):
        ra, rb = root(a), root(b)
        if ra != rb:
            parent[ra] = rb
            tree.add((int(ids[a]), int(ids[b])))
    groups: dict[int, set[int]] = {}
    for k in range(len(sites)):
        groups.setdefault(root(k), set()).add(int(ids[k]))
    return {frozenset(g) for g in groups.values() if len(g) >= 2}, tree


@pytest.mark.parametrize("seed", [1, 2])
def test_random_sites_across_utm_zones_match_the_all_pairs_oracle(make_sites, seed: int) -> None:
    """3,000 random sites over 125–146°E (every zone border), 4 fields: same clusters and links as all pairs."""
    rng = np.random.default_rng(seed)
    n = 3000
    lon, lat = rng.uniform(125.0, 146.0, n), rng.uniform(31.0, 44.0, n)
    fields = rng.choice(["ai_semiconductor", "shipbuilding", "quantum", "biotech"], n)
    sites = gpd.GeoDataFrame(
        {"name": [f"s{i}" for i in range(n)], "field": fields, "site_id": np.arange(1, n + 1)},
        geometry=gpd.points_from_xy(lon, lat),
        crs="EPSG:4326",
    )
    clusters = find_clusters(sites, 40.0)
    want_groups, want_tree = _oracle(sites, 40.0)
    assert {frozenset(ids) for ids in clusters["site_ids"]} == want_groups
    names_to_id = dict(zip(sites["name"], sites["site_id"], strict=True))
    got_tree = {
        tuple(sorted((names_to_id[link["a"]], names_to_id[link["b"]]))) for links in clusters["links"] for link in links
    }
    assert got_tree == {tuple(sorted(e)) for e in want_tree}
    members = cluster_members(sites, 40.0)  # the labour analysis's view: who belongs where, same ids
    assert list(members.columns) == MEMBER_COLUMNS
    assert {frozenset(ids) for ids in members["site_ids"]} == want_groups
    assert [(i, frozenset(s)) for i, s in zip(members["id"], members["site_ids"], strict=True)] == [
        (i, frozenset(s)) for i, s in zip(clusters["id"], clusters["site_ids"], strict=True)
    ]
    assert len(want_groups) < n  # the threshold joins sites, also across zone borders

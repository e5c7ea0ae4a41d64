"""Clusters: single linkage within fields, cross-prefecture flags, polygons, explanation links."""

from __future__ import annotations

import geopandas as gpd
import pytest
import shapely
from pyproj import Geod

from geo.analysis.clusters import CLUSTER_COLUMNS, JSON_KEYS, clusters_json, find_clusters, site_cluster_ids


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


def test_border_pair_is_two_clusters_at_10_km(border_pair) -> None:
    clusters = find_clusters(border_pair, 10.0)
    assert len(clusters) == 2
    assert list(clusters["n_sites"]) == [1, 1]
    assert not clusters["cross_prefecture"].any()
    assert list(clusters["sites"]) == [["東サイト"], ["西サイト"]]  # by investment: 300 before 100
    assert list(clusters["id"]) == [1, 2]
    assert all(links == [] for links in clusters["links"])


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
    assert sorted((x["a"], x["b"]) for x in by_field["biotech"].links) == [("A", "B"), ("B", "C")]
    assert by_field["quantum"].n_sites == 1
    only = find_clusters(sites, 30.0, fields=["quantum"])
    assert list(only["field"]) == ["quantum"]
    assert site_cluster_ids(clusters)[4] == by_field["quantum"].id


def test_json_keys_and_errors(border_pair) -> None:
    rows = clusters_json(find_clusters(border_pair, 30.0))
    assert list(rows[0]) == JSON_KEYS
    assert rows[0]["cross_prefecture"] is True
    with pytest.raises(ValueError, match="positive"):
        find_clusters(border_pair, 0)
    with pytest.raises(ValueError, match="unknown field"):
        find_clusters(border_pair, 30, fields=["nope"])
    with pytest.raises(ValueError, match="EPSG:4326"):
        find_clusters(border_pair.to_crs(6689), 30)


def test_empty_input_gives_empty_table(border_pair) -> None:
    empty = find_clusters(border_pair.iloc[0:0], 30.0)
    assert empty.empty and list(empty.columns) == [*CLUSTER_COLUMNS, "geometry"]
    assert isinstance(empty, gpd.GeoDataFrame)
    assert not shapely.is_empty(find_clusters(border_pair, 5.0).geometry.values).any()

"""Infrastructure gaps: distances by hand, ok/gap/unknown, requirement files, network distance."""

from __future__ import annotations

from pathlib import Path

import geopandas as gpd
import networkx as nx
import numpy as np
import pandas as pd
import pytest
import shapely
from pyproj import Geod

from geo.analysis.distance_index import area_distances_m, kind_features, nearest_distance_m
from geo.analysis.gaps import (
    GAP_COLUMNS,
    aggregate,
    gap_matrix,
    gaps_json,
    infrastructure_gaps,
)
from geo.analysis.requirements import KINDS, load_requirements, parse_requirements
from geo.errors import RequirementsError
from geo.infra import LayerCoverage
from geo.infra.osm.roadnet import cached_graphs, load_road_graph, network_distance_km
from i18n.gaps import worded_gaps
from tests.support.wording import raises_words

FIXTURES = Path(__file__).parent / "fixtures"
NOT = "not required"


def _reqs(**ai: object) -> object:
    default = {k: NOT for k in KINDS}
    return parse_requirements({"profiles": {"default": default, "ai_semiconductor": ai}}, "test")


def _points(*lonlats: tuple[float, float]) -> gpd.GeoDataFrame:
    return gpd.GeoDataFrame(
        {"name": [f"f{i}" for i in range(len(lonlats))]},
        geometry=gpd.points_from_xy(*zip(*lonlats), crs=4326) if lonlats else [],
        crs=4326,
    )


@pytest.fixture()
def one_site(make_sites, west) -> gpd.GeoDataFrame:
    return make_sites([{"name": "S", "field": "ai_semiconductor", "lon": west[0], "lat": west[1]}])


BIG = shapely.box(129.0, 31.0, 133.0, 35.0)


def test_distance_matches_geod_and_status_ok_or_gap(offset, one_site, west) -> None:
    ic = offset(*west, 7_000, 3_000)
    layers = {"expressway_ic": (_points(ic), BIG)}
    hand_km = Geod(ellps="GRS80").inv(west[0], west[1], ic[0], ic[1])[2] / 1000.0
    ok = infrastructure_gaps(one_site, _reqs(expressway_ic=10), layers=layers)
    assert list(ok.columns) == GAP_COLUMNS and len(ok) == 1
    row = ok.iloc[0]
    assert row["status"] == "ok" and row["method"] == "straight" and row["limit_km"] == 10
    assert row["distance_km"] == pytest.approx(hand_km, rel=0.01)
    assert row["distance_km"] == pytest.approx(np.hypot(7, 3), rel=0.001)  # exact in UTM 52
    gap = infrastructure_gaps(one_site, _reqs(expressway_ic=5), layers=layers).iloc[0]
    assert gap["status"] == "gap" and gap["distance_km"] == pytest.approx(row["distance_km"])


def test_missing_layer_is_unknown_not_gap(one_site) -> None:
    layers = {"port": (_points(), shapely.Polygon())}
    row = infrastructure_gaps(one_site, _reqs(port=3), layers=layers).iloc[0]
    assert row["status"] == "unknown" and np.isnan(row["distance_km"])
    assert aggregate(infrastructure_gaps(one_site, _reqs(port=3), layers=layers), "pref_code")["gap"].iloc[0] == 0


def test_partial_coverage_near_edge_is_unknown_but_found_feature_is_ok(make_sites, offset, one_site, west) -> None:
    edge_box = shapely.box(west[0] - 1, west[1] - 1, west[0] + 0.02, west[1] + 1)  # edge ~1.9 km east
    far = offset(*west, -40_000)
    layers = {"substation": (_points(far), edge_box)}
    assert infrastructure_gaps(one_site, _reqs(substation=10), layers=layers).iloc[0]["status"] == "unknown"
    near = offset(*west, 5_000)  # outside the coverage box, but known and within the limit
    layers = {"substation": (_points(far, near), edge_box)}
    assert infrastructure_gaps(one_site, _reqs(substation=10), layers=layers).iloc[0]["status"] == "ok"
    outside = make_sites([{"name": "O", "field": "ai_semiconductor", "lon": 131.5, "lat": 33.15}])
    layers = {"substation": (_points(far), edge_box)}
    assert infrastructure_gaps(outside, _reqs(substation=10), layers=layers).iloc[0]["status"] == "unknown"


def test_partial_layer_gives_unknown_complete_layer_gives_gap(offset, one_site, west) -> None:
    """A site 20 km from the nearest feature: partial layer → unknown (with the reason), complete → gap."""
    feature = _points(offset(*west, 20_000))
    partial = infrastructure_gaps(
        one_site, _reqs(substation=10), layers={"substation": (feature, LayerCoverage(shapely.Polygon(), BIG))}
    ).iloc[0]
    assert partial["status"] == "unknown" and partial["distance_km"] == pytest.approx(20.0, rel=1e-3)
    assert (partial["layer_completeness"], partial["reason_code"]) == ("partial", "partial")
    worded = worded_gaps(pd.DataFrame([partial])).iloc[0]  # the CSV and JSON words, Japanese then English
    assert (worded["reason"], worded["reason_en"]) == ("部分データのため判定不可", "partial data: cannot decide")
    complete = infrastructure_gaps(
        one_site, _reqs(substation=10), layers={"substation": (feature, LayerCoverage(BIG, shapely.Polygon()))}
    ).iloc[0]
    assert (complete["status"], complete["layer_completeness"]) == ("gap", "complete")
    assert complete["reason_code"] == "gap"
    near = _points(offset(*west, 4_000))  # found within the limit in partial data: ok
    ok = infrastructure_gaps(
        one_site, _reqs(substation=10), layers={"substation": (near, LayerCoverage(shapely.Polygon(), BIG))}
    ).iloc[0]
    assert (ok["status"], ok["layer_completeness"], ok["reason_code"]) == ("ok", "partial", "ok")
    # complete at the site, but the disc reaches a partial strip 5 km away: unknown, not gap
    strip = shapely.box(west[0] + 0.05, 31.0, 133.0, 35.0)
    mixed = LayerCoverage(shapely.difference(BIG, strip), strip)
    row = infrastructure_gaps(one_site, _reqs(substation=10), layers={"substation": (feature, mixed)}).iloc[0]
    assert (row["status"], row["layer_completeness"], row["reason_code"]) == ("unknown", "partial", "partial")


def test_kyushu_demo_no_gap_rests_on_partial_data(tmp_path, monkeypatch) -> None:
    from geo.config import SAMPLE_SITES_CSV
    from geo.regions import resolve_region
    from geo.sites import selection
    from geo.sites.schema import read_sites_file, validate_sites

    monkeypatch.setenv("CHIIKI_MAP_CACHE", str(tmp_path / "osm"))
    sites, _rejected = validate_sites(read_sites_file(SAMPLE_SITES_CSV))
    out = infrastructure_gaps(selection.filter_sites(sites, region=resolve_region("kyushu")), load_requirements())
    gaps = out[out["status"] == "gap"]
    assert (gaps["layer_completeness"] == "complete").all()

    def row(site: str, kind: str) -> dict:
        return out[out["site"].str.startswith(site) & (out["requirement"] == kind)].iloc[0].to_dict()

    # airports from airportsdata: 宮崎空港 17.5 km from 国富, 長崎空港 15.6 km from Sony 長崎TEC (C28 missed both)
    kunitomi = row("ラピスセミコンダクタ宮崎", "airport")
    assert kunitomi["status"] == "ok" and kunitomi["distance_km"] == pytest.approx(17.5, abs=0.3)
    assert row("ソニー 長崎テクノロジーセンター", "airport")["distance_km"] == pytest.approx(15.6, abs=0.3)
    # the rail check at SUMCO 伊万里 is decided from the full N02-23 station set (伊万里 station 0.6 km)
    imari = row("SUMCO 伊万里", "rail")
    assert imari["status"] == "ok" and imari["layer_completeness"] == "complete" and imari["distance_km"] < 2
    port = row("響灘 基地港湾", "port")  # the WPI ports are a subset of the ports: never a gap
    assert port["status"] in ("ok", "unknown") and port["layer_completeness"] != "complete"
    assert out["reason_code"].isin(["ok", "gap", "partial", "edge", "none"]).all()


def test_registry_layer_without_data_is_unknown(make_sites, tmp_path, monkeypatch) -> None:
    monkeypatch.setenv("CHIIKI_MAP_VAR", str(tmp_path))
    monkeypatch.delenv("CHIIKI_MAP_CACHE", raising=False)
    sites = make_sites([{"name": "造船所", "field": "shipbuilding", "lon": 129.87, "lat": 32.74}])
    out = infrastructure_gaps(sites, load_requirements())
    assert set(out["requirement"]) == {"expressway_ic", "port", "industrial_land"}  # rest not required
    port = out[out["requirement"] == "port"].iloc[0]
    assert port["status"] in ("ok", "unknown"), "the WPI ports layer is partial: never a gap"
    assert port["layer_completeness"] == "partial"
    land = out[out["requirement"] == "industrial_land"].iloc[0]
    assert (land["status"], land["layer_completeness"], land["reason_code"]) == ("unknown", "none", "none")
    assert set(kind_features("expressway_ic")["subtype"]) <= {"ic", "sic"}


def test_matrix_aggregation_and_json(border_pair, offset, west) -> None:
    sites = border_pair
    layers = {"expressway_ic": (_points(offset(*west, 1_000)), BIG), "port": (_points(), shapely.Polygon())}
    out = infrastructure_gaps(sites, _reqs(expressway_ic=5, port=3), layers=layers)
    assert list(zip(out["site"], out["requirement"], out["status"])) == [
        ("西サイト", "expressway_ic", "ok"),
        ("西サイト", "port", "unknown"),
        ("東サイト", "expressway_ic", "gap"),
        ("東サイト", "port", "unknown"),
    ]
    wide = gap_matrix(out)
    assert list(wide.columns) == ["site_id", "site", "expressway_ic", "port"]
    by_pref = aggregate(out, "pref_code").set_index("pref_code")
    assert by_pref.loc["44", "gap"] == 1 and by_pref.loc["43", "gap"] == 0 and by_pref.loc["43", "unknown"] == 1
    by_cluster = aggregate(out, "cluster", {1: 7, 2: 7})
    assert by_cluster.iloc[0]["cluster"] == 7 and by_cluster.iloc[0]["sites_with_gap"] == 1
    rows = gaps_json(worded_gaps(out))
    assert list(rows[0]) == [
        "site",
        "requirement",
        "status",
        "distance_km",
        "limit_km",
        "method",
        "layer_completeness",
        "reason",
        "reason_en",
    ]
    assert rows[1]["distance_km"] is None
    assert all(r["reason"] and r["layer_completeness"] in ("complete", "partial", "none") for r in rows)
    with raises_words(ValueError, "site_groups"):
        aggregate(out, "cluster")


def test_nearest_distance_equals_brute_force() -> None:
    rng = np.random.default_rng(3)
    pts = shapely.points(rng.uniform(0, 1e5, (200, 2)))
    a = rng.uniform(0, 1e5, (500, 2))
    lines = shapely.linestrings(np.stack([a, a + rng.uniform(-2e3, 2e3, (500, 2))], axis=1))
    dist, which = nearest_distance_m(pts, lines)
    brute = np.array([shapely.distance(p, lines).min() for p in pts])
    np.testing.assert_allclose(dist, brute, atol=1e-6)
    assert (which >= 0).all()


def test_area_distances_equal_straightforward_distance() -> None:
    """The segment-index distances equal shapely's per-point distance to the polygon and its boundary."""
    rng = np.random.default_rng(5)
    ring = shapely.Polygon(
        shapely.buffer(shapely.Point(5e4, 5e4), 3e4, quad_segs=64).exterior,
        [shapely.box(4e4, 4e4, 6e4, 6e4).exterior.coords],
    )
    area = shapely.MultiPolygon([ring, shapely.box(9e4, 0, 1.2e5, 2e4)])
    pts = shapely.points(rng.uniform(-2e4, 1.4e5, (800, 2)))
    pts = np.concatenate([pts, shapely.points([(5e4, 5e4), (9e4, 1e4), (4e4, 5e4)])])  # in the hole, on edges
    inside, boundary = area_distances_m(pts, area)
    np.testing.assert_array_equal(inside, shapely.covers(area, pts))
    np.testing.assert_allclose(boundary, shapely.distance(pts, area.boundary), rtol=0, atol=1e-9)
    np.testing.assert_allclose(np.where(inside, 0.0, boundary), shapely.distance(pts, area), rtol=0, atol=1e-9)
    assert inside.any() and (~inside).any()
    for measure, keep in (("inside", inside), ("outside", ~inside)):
        part_inside, part = area_distances_m(pts, area, measure)
        np.testing.assert_array_equal(part_inside, inside)
        np.testing.assert_array_equal(part[keep], boundary[keep])
        assert np.isinf(part[~keep]).all()
    empty_inside, empty_far = area_distances_m(pts[:3], shapely.Polygon())
    assert not empty_inside.any() and np.isinf(empty_far).all()


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("[profiles.default]\nexpressway_ic = 10\n", "lacks rail"),
        ("[profiles.nope]\nexpressway_ic = 10\n", "not a field id"),
        ("[profiles.default]\nhighway = 10\n", "unknown kind"),
        ("[profiles.default]\nexpressway_ic = -3\n", "positive"),
        ("[profiles.default]\nexpressway_ic = 'far'\n", "not understood"),
        ("[profiles.default\n", "not valid TOML"),
        ("[meta]\ntitle = 'x'\n", "no \\[profiles"),
        ("[profiles.ai_semiconductor]\nport = 3\n", "default\\] is missing"),
    ],
)
def test_requirement_file_errors(tmp_path, text: str, message: str) -> None:
    path = tmp_path / "req.toml"
    path.write_text(text, encoding="utf-8")
    with raises_words(RequirementsError, message):
        load_requirements(path)
    with raises_words(RequirementsError, "not found"):
        load_requirements(tmp_path / "missing.toml")


def test_default_requirements_file() -> None:
    reqs = load_requirements()
    assert set(reqs.profiles["default"]) == set(KINDS)
    ai = reqs.required("ai_semiconductor")
    assert ai["expressway_ic"] == 10 and "port" not in ai
    assert reqs.required("shipbuilding")["port"] == 3
    assert reqs.limits("quantum") == reqs.profiles["default"]


def _detour_graph(west: tuple[float, float], offset) -> nx.MultiDiGraph:
    """One-way loop S → A → B → IC (5 + 3 + 5 km) and a one-way shortcut IC → S (3 km, wrong way)."""
    s, a, b, ic = west, offset(*west, 5_000), offset(*west, 5_000, 3_000), offset(*west, 0, 3_000)
    g = nx.MultiDiGraph(crs="epsg:4326")
    for n, (x, y) in zip("SABI", (s, a, b, ic), strict=True):
        g.add_node(n, x=x, y=y)
    for u, v, length in (("S", "A", 5000), ("A", "B", 3000), ("B", "I", 5000), ("I", "S", 3000)):
        g.add_edge(u, v, length=length)
    return g


def test_network_distance_on_hand_made_graph(make_sites, offset, west) -> None:
    g = _detour_graph(west, offset)
    ic = offset(*west, 0, 3_000)
    near = offset(*west, 0, -1_000)
    far = offset(*west, 0, -50_000)
    sites = make_sites(
        [
            {"name": n, "field": "ai_semiconductor", "lon": p[0], "lat": p[1]}
            for n, p in (("S", west), ("near", near), ("far", far))
        ]
    )
    km = network_distance_km(g, sites.geometry, _points(ic).geometry)
    assert km[0] == pytest.approx(13.0, rel=1e-3)  # respects one-way: not the 3 km shortcut
    assert km[1] == pytest.approx(14.0, rel=1e-3)  # 1 km snap + 13 km
    assert np.isnan(km[2])  # 50 km from the graph: not measurable on it
    out = infrastructure_gaps(sites, _reqs(expressway_ic=10), g, layers={"expressway_ic": (_points(ic), BIG)})
    assert list(out["method"]) == ["network", "network", "straight"]
    assert list(out["status"]) == ["gap", "gap", "gap"]
    assert out["distance_km"].iloc[2] == pytest.approx(53.0, rel=1e-3)


def test_road_graph_from_osm_is_cached(tmp_path, monkeypatch) -> None:
    monkeypatch.setenv("CHIIKI_MAP_VAR", str(tmp_path))
    monkeypatch.delenv("CHIIKI_MAP_CACHE", raising=False)
    g = load_road_graph(FIXTURES / "small.osm")
    assert g.number_of_nodes() > 0
    cached = cached_graphs()
    assert len(cached) == 1 and cached[0].parent == tmp_path / "osm" / "graphs"
    assert load_road_graph(FIXTURES / "small.osm").number_of_edges() == g.number_of_edges()
    with raises_words(FileNotFoundError, "road graph file not found"):
        load_road_graph(tmp_path / "none.osm")


def test_sites_in_no_cluster_are_counted_like_the_others() -> None:
    """The 「（クラスター外）」 row had its counts and gaps dropped (NaN group); issue 24 found None there."""
    from geo.analysis.gaps import aggregate

    checks = pd.DataFrame(
        {
            "site_id": [1, 1, 2, 3, 3],
            "status": ["ok", "gap", "unknown", "gap", "ok"],
            "requirement": ["ic", "port", "water", "airport", "ic"],
        }
    )
    out = aggregate(checks, "cluster", {1: 7})
    outside = out[out["cluster"].isna()].iloc[0]
    assert (outside["n_sites"], outside["ok"], outside["gap"], outside["unknown"]) == (2, 1, 1, 1)
    assert outside["sites_with_gap"] == 1 and outside["gap_counts"] == {"airport": 1}
    inside = out[out["cluster"] == 7].iloc[0]
    assert (inside["ok"], inside["gap"], inside["unknown"], inside["gap_counts"]) == (1, 1, 0, {"port": 1})


def test_kind_index_is_built_once_per_data_version(make_sites, monkeypatch: pytest.MonkeyPatch) -> None:
    """The registry's index is reused until the data change (an import or a fetch changes the fingerprint)."""
    from geo import infra
    from geo.analysis import distance_index
    from geo.analysis.gaps import kind_distances

    first = distance_index.kind_index("expressway_ic", "EPSG:6690")
    assert distance_index.kind_index("expressway_ic", "EPSG:6690") is first
    sites = make_sites([{"name": "熊本", "field": "ai_semiconductor", "lon": 130.75, "lat": 32.85}])
    cached = kind_distances(sites, "expressway_ic")
    built = kind_distances(
        sites, "expressway_ic", kind_features("expressway_ic"), infra.layer_coverage(KINDS["expressway_ic"].layer_id)
    )
    pd.testing.assert_frame_equal(cached, built)
    monkeypatch.setattr(distance_index.infra, "data_fingerprint", lambda: "another data version")
    assert distance_index.kind_index("expressway_ic", "EPSG:6690") is not first


@pytest.mark.parametrize("kind_id", list(KINDS))
def test_coverage_distances_bounded_by_the_limit_judge_as_unbounded(kind_id: str) -> None:
    """Distances to the data's edges measured only up to the limit: every status, completeness and reason as before."""
    from geo.analysis.gaps import classify, kind_distances

    rng = np.random.default_rng(7)
    points = gpd.points_from_xy(rng.uniform(128.5, 146.0, 400), rng.uniform(30.5, 45.5, 400))
    sites = gpd.GeoDataFrame(geometry=points, crs="EPSG:4326")  # land and sea, inside and outside the data
    limit = np.where(np.arange(400) % 2, 10.0, 40.0)  # two limits: the bound is the larger
    exact = kind_distances(sites, kind_id)
    bounded = kind_distances(sites, kind_id, within_km=40.0)
    np.testing.assert_array_equal(bounded["distance_km"], exact["distance_km"])
    judged = [
        classify(*(d[c].to_numpy() for c in ("distance_km",)), limit, *(d[c].to_numpy() for c in COVER_COLUMNS))
        for d in (exact, bounded)
    ]
    pd.testing.assert_frame_equal(judged[1], judged[0])
    for col in COVER_COLUMNS:  # up to the bound as measured, beyond it inf (-1: outside the complete data)
        near = exact[col].to_numpy() <= 40.0
        np.testing.assert_array_equal(bounded[col].to_numpy()[near], exact[col].to_numpy()[near])
        assert np.isinf(bounded[col].to_numpy()[~near]).all()


#: kind_distances' coverage columns, in classify's order.
COVER_COLUMNS = ("edge_km", "partial_km", "covered_km")

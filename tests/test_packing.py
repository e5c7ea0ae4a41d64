"""The packed stream of canvas layers: grid rounding, zigzag varints, counts per geometry."""

from __future__ import annotations

import base64
import html

import numpy as np
import pytest
from pyproj import Transformer

from layers.canvas.packing import SITE_GRID_ZOOM, mercator_grid, pack, pack_sites, unpack_coords, unpack_sites, varints


def test_varints_are_zigzag_leb128() -> None:
    # zigzag: 0→0, -1→1, 1→2, 63→126, -64→127, 64→128 (two bytes), 300→600 (two bytes)
    assert varints(np.array([0, -1, 1, 63, -64, 64, 300])) == bytes([0, 1, 2, 126, 127, 0x80, 0x01, 0xD8, 0x04])


def test_grid_matches_web_mercator_pixels() -> None:
    assert mercator_grid(np.array([[0.0, 0.0]]), 0).tolist() == [[128, 128]]
    assert mercator_grid(np.array([[-180.0, 85.0511287798]]), 1).tolist() == [[0, 0]]
    # against pyproj's EPSG:3857 for a point in Kyushu at zoom 12
    x, y = Transformer.from_crs(4326, 3857, always_xy=True).transform(130.7, 32.8)
    half = 20037508.342789244
    size = 256 * 2**12
    expected = [round((x + half) / (2 * half) * size), round((half - y) / (2 * half) * size)]
    assert mercator_grid(np.array([[130.7, 32.8]]), 12).tolist() == [expected]


def test_pack_keeps_counts_and_round_trips_within_half_a_pixel() -> None:
    line = [[130.5, 33.25], [130.51, 33.2], [130.9, 33.0]]
    poly = [[[130.0, 32.0], [130.2, 32.0], [130.2, 32.2], [130.0, 32.0]]]
    fc = {
        "type": "FeatureCollection",
        "features": [
            {"type": "Feature", "properties": {"_tip": "a"}, "geometry": {"type": "LineString", "coordinates": line}},
            {"type": "Feature", "properties": {}, "geometry": {"type": "Point", "coordinates": [131.0, 32.0]}},
            {"type": "Feature", "properties": {}, "geometry": {"type": "MultiPolygon", "coordinates": [poly, poly]}},
            {"type": "Feature", "properties": {}, "geometry": None},
        ],
    }
    packed = pack(fc, 10)
    geoms = [f["geometry"] for f in packed["features"]]
    assert geoms == [{"type": "LineString", "n": 3}, {"type": "Point"}, {"type": "MultiPolygon", "n": [[4], [4]]}]
    assert packed["features"][0]["properties"] == {"_tip": "a"}
    assert packed["packed"]["count"] == 3 + 1 + 8
    got = unpack_coords(packed["packed"])
    want = mercator_grid(np.array(line + [[131.0, 32.0]] + poly[0] + poly[0]), 10)
    assert np.array_equal(got, want)
    base64.b64decode(packed["packed"]["coords"], validate=True)  # plain base64, safe in a JS string


def test_pack_refuses_unknown_geometry() -> None:
    with pytest.raises(ValueError, match="cannot pack"):
        pack({"features": [{"geometry": {"type": "Curve", "coordinates": []}}]}, 8)


def test_pack_sites_round_trips_ids_positions_fields_and_sizes() -> None:
    ids = np.array([3, 7, 8, 1000, 250_000])
    lonlat = np.array([[130.7, 32.8], [141.35, 43.06], [127.68, 26.21], [139.75, 35.68], [130.7, 32.8]])
    packed = pack_sites(ids, lonlat, np.array([0, 5, 21, 22, 3]), np.array([5.0, 7.2, 32.0, 12.25, 5.0]))
    got = unpack_sites(packed)
    assert got["ids"].tolist() == ids.tolist()
    assert np.array_equal(got["xy"], mercator_grid(lonlat, SITE_GRID_ZOOM))
    assert got["field"].tolist() == [0, 5, 21, 22, 3]
    assert got["radius"].tolist() == [5.0, 7.25, 32.0, 12.25, 5.0]
    base64.b64decode(packed["data"], validate=True)
    with pytest.raises(ValueError, match="ascending"):
        pack_sites(np.array([2, 1]), lonlat[:2], np.array([0, 0]), np.array([5.0, 5.0]))


def test_site_layer_is_small_per_site_and_keeps_names_escaped(xss: str) -> None:
    import geopandas as gpd

    from layers.markup import script_json
    from layers.sites import site_layer

    n = 2000
    rng = np.random.default_rng(1)
    sites = gpd.GeoDataFrame(
        {
            "site_id": rng.permutation(n) + 1,
            "name": [xss if i == 0 else f"工場{i}" for i in range(n)],
            "field": rng.choice(["ai_semiconductor", "batteries", "no-such-field"], n),
            "investment_oku_yen": np.where(rng.random(n) < 0.5, np.nan, rng.uniform(1, 2000, n)),
        },
        geometry=gpd.points_from_xy(rng.uniform(129, 145, n), rng.uniform(31, 44, n)),
        crs="EPSG:4326",
    )
    data = site_layer(sites)
    got = unpack_sites(data["sites"])
    order = np.argsort(sites["site_id"].to_numpy())
    assert got["ids"].tolist() == sorted(sites["site_id"])
    tips = data["tips"].split("\n")
    assert tips[int(np.flatnonzero(got["ids"] == sites["site_id"].iloc[0])[0])] == html.escape(xss)
    assert tips == [html.escape(str(x)) for x in sites["name"].iloc[order]]
    assert data["colours"][got["field"].max()] == "#555555", "an unknown field is drawn grey"
    assert "cards" not in data, "the app builds the card from the id"
    assert len(script_json(data).encode()) / n < 40

"""The canvas renderer's decoders (``layers/canvas/cm_canvas.js``, run in Node.js) read what the Python
packer (``layers/canvas/packing.py``) wrote: every geometry type, negative deltas, varints past 31 bits,
empty layers, and names with quotes, backslashes, line breaks and ``</script>`` on the way through the page.

Expected values are written by hand (Web Mercator corners and centre, vertex counts, drawing order,
escaped names) or come from the Python side of the format; the JS must agree with both.
"""

from __future__ import annotations

import geopandas as gpd
import numpy as np
import pytest
from shapely.geometry import Point

from layers.canvas.packing import SITE_GRID_ZOOM, mercator_grid, pack, unpack_coords, unpack_sites
from layers.sites import point_layer
from tests.support.node import decode_in_node

POINT, LINE, POLYGON = 0, 1, 2
#: A tooltip and a popup with everything that must survive script_json → JSON.parse('…') → the decoder.
TIP = 'O\'Brien \\ "q" </script><b>{{ x }} 熊本 😀'
POPUP = "line1\nline2\u2028sep\u2029end\t\\n"


def _feature(geometry: dict | None, **props: str) -> dict:
    return {"type": "Feature", "properties": props, "geometry": geometry}


#: One feature of each geometry type, with deltas in every direction (west, south, north, east).
FEATURES = [
    _feature({"type": "Point", "coordinates": [0.0, 0.0]}, _tip=TIP, _popup=POPUP),
    _feature({"type": "MultiPoint", "coordinates": [[10.0, 10.0], [-10.0, -10.0]]}),
    _feature({"type": "LineString", "coordinates": [[130.5, 33.25], [130.51, 33.2], [130.9, 33.0]]}, _tip="線"),
    _feature(
        {"type": "MultiLineString", "coordinates": [[[141.0, 43.0], [140.0, 44.0]], [[129.0, 31.0], [129.5, 30.5]]]}
    ),
    _feature(
        {
            "type": "Polygon",
            "coordinates": [
                [[130.0, 32.0], [131.0, 32.0], [131.0, 33.0], [130.0, 33.0], [130.0, 32.0]],
                [[130.2, 32.2], [130.2, 32.8], [130.8, 32.8], [130.2, 32.2]],
            ],
        },
        _popup="<b>区域</b>",
    ),
    _feature(
        {
            "type": "MultiPolygon",
            "coordinates": [
                [[[-180.0, 85.0511287798], [180.0, 85.0511287798], [180.0, -85.0511287798], [-180.0, 85.0511287798]]],
                [[[0.0, 0.0], [1.0, 0.0], [1.0, 1.0], [0.0, 0.0]]],
            ],
        }
    ),
    _feature(None, _tip="no geometry: not drawn"),
    _feature(
        {
            "type": "GeometryCollection",
            "geometries": [
                {"type": "Point", "coordinates": [135.0, 35.0]},
                {"type": "LineString", "coordinates": [[135.0, 35.0], [134.0, 34.0]]},
            ],
        },
        _tip="collection",
    ),
]
#: Per drawn feature (a collection's members are features of their own): kind and vertices per ring.
KINDS = [POINT, POINT, LINE, LINE, POLYGON, POLYGON, POINT, LINE]
RINGS = [[1], [2], [3], [2, 2], [5, 4], [4, 4], [1], [2]]
PROPS = [f["properties"] for f in FEATURES if f["geometry"]]
PROPS = PROPS[:-1] + [PROPS[-1], PROPS[-1]]


def _vertices() -> np.ndarray:
    """Every vertex of FEATURES, in the order of the stream."""
    out: list[list[float]] = []

    def walk(c: list) -> None:
        if isinstance(c[0], float):
            out.append(c)
        else:
            for x in c:
                walk(x)

    for f in FEATURES:
        g = f["geometry"]
        for member in g["geometries"] if g and g["type"] == "GeometryCollection" else [g] if g else []:
            walk(member["coordinates"])
    return np.asarray(out)


def _expected_parts() -> tuple[list[int], list[int]]:
    """Ring starts (with the end) and each feature's first ring (with the end), from RINGS."""
    counts = [c for rings in RINGS for c in rings]
    parts = np.concatenate([[0], np.cumsum(counts)]).tolist()
    fparts = np.concatenate([[0], np.cumsum([len(r) for r in RINGS])]).tolist()
    return parts, fparts


def _assert_structure(got: dict) -> None:
    parts, fparts = _expected_parts()
    assert got["n"] == len(KINDS)
    assert got["kinds"] == KINDS
    assert got["parts"] == parts
    assert got["fparts"] == fparts
    assert got["props"] == PROPS


def test_vector_decoder_reads_the_packed_stream(tmp_path) -> None:
    collection = {"type": "FeatureCollection", "features": FEATURES}
    packed = {z: pack(collection, z) for z in (0, 10, 25)}
    got = dict(zip(packed, decode_in_node([("vector", p) for p in packed.values()], tmp_path)))
    for zoom, layer in got.items():
        _assert_structure(layer)
        size = 256 * 2.0**zoom
        xy = np.asarray(layer["xy"]).reshape(-1, 2)
        # the JS reads exactly the grid the Python packer wrote (and Python's own reader agrees)
        assert np.array_equal(xy * size, mercator_grid(_vertices(), zoom)), zoom
        assert np.array_equal(xy * size, unpack_coords(packed[zoom]["packed"])), zoom
    # by hand: (0, 0) is the middle of the world; the MultiPolygon's first ring touches its corners
    xy = np.asarray(got[10]["xy"]).reshape(-1, 2)
    assert xy[0].tolist() == [0.5, 0.5]
    first_of_multipolygon = sum(sum(r) for r in RINGS[:5])
    assert xy[first_of_multipolygon : first_of_multipolygon + 3].tolist() == [[0.0, 0.0], [1.0, 0.0], [1.0, 1.0]]
    # each feature's box holds its vertices: the MultiPoint spans 10°W 10°S to 10°E 10°N around the centre
    box = np.asarray(got[25]["box"]).reshape(-1, 4)
    x0, y0, x1, y1 = box[1]
    assert x0 < 0.5 < x1 and y0 < 0.5 < y1
    assert x1 - 0.5 == pytest.approx(20 / 360 / 2)


def test_vector_decoder_handles_varints_past_31_bits(tmp_path) -> None:
    # across the world at zoom 25 (2**33 pixels): x steps of about ±2**33, 5-byte varints; JS bit operators
    # would wrap at 2**31, the decoder must not
    line = [[-179.99, 85.0], [179.99, -85.0], [-179.99, 84.0], [0.0, 0.0]]
    collection = {"type": "FeatureCollection", "features": [_feature({"type": "LineString", "coordinates": line})]}
    packed = pack(collection, 25)
    grid = mercator_grid(np.asarray(line), 25)
    assert np.abs(np.diff(grid, axis=0)).max() > 2**32
    (got,) = decode_in_node([("vector", packed)], tmp_path)
    xy = np.asarray(got["xy"]).reshape(-1, 2) * 2.0**33
    assert np.array_equal(xy, grid)
    assert xy[-1].tolist() == [2.0**32, 2.0**32]


def test_vector_decoder_reads_empty_layers(tmp_path) -> None:
    empty = {"type": "FeatureCollection", "features": []}
    only_missing = {"type": "FeatureCollection", "features": [_feature(None, _tip="x"), _feature(None)]}
    cases = [("vector", pack(empty, 12)), ("vector", pack(only_missing, 12)), ("vector", empty)]
    assert cases[0][1]["packed"] == {"zoom": 12, "count": 0, "coords": ""}
    for got in decode_in_node(cases, tmp_path):
        assert got["n"] == 0
        assert got["xy"] == [] and got["kinds"] == [] and got["props"] == [] and got["box"] == []
        assert got["parts"] == [0] and got["fparts"] == [0]


def test_plain_geojson_and_packed_stream_decode_alike(tmp_path) -> None:
    collection = {"type": "FeatureCollection", "features": FEATURES}
    plain, packed = decode_in_node([("vector", collection), ("vector", pack(collection, 25))], tmp_path)
    _assert_structure(plain)
    size = 256 * 2.0**25
    a, b = np.asarray(plain["xy"]) * size, np.asarray(packed["xy"]) * size
    assert np.abs(a - b).max() <= 0.5 + 1e-6, "the packed grid is within half a pixel of the exact position"


def _points(lonlat: list[tuple[float, float]]) -> gpd.GeoDataFrame:
    return gpd.GeoDataFrame(geometry=[Point(x, y) for x, y in lonlat], crs="EPSG:4326")


def test_site_decoder_reads_ids_positions_fields_sizes_and_names(tmp_path) -> None:
    ids = np.array([2**33, 1, 7, 2])  # unsorted on purpose: point_layer sorts by id; a 5-byte id step
    lonlat = [(130.7, 32.8), (141.35, 43.06), (127.68, 26.21), (-0.5, -0.5)]
    classes = np.array([3, 255, 0, 21])
    radii = np.array([5.0, 0.1, 63.75, 7.2])  # quarter pixels: 20, 1 (the least), 255 (the most), 29
    names = ["熊本\nテスト", "O'Brien & <Co>", "{{ x }}</script>", 'a\\b "q"']
    colours = ["#000000"] * 256
    data = point_layer(ids, _points(lonlat), classes, radii, colours, names)
    (got,) = decode_in_node([("sites", data)], tmp_path)
    assert got["n"] == 4
    # in id order: 1, 2, 7, 2**33
    assert got["ids"] == [1, 2, 7, 2**33]
    assert got["field"] == [255, 21, 0, 3]
    assert got["rad"] == [0.25, 7.25, 63.75, 5.0]
    xy = np.asarray(got["xy"]).reshape(-1, 2) * 256 * 2.0**SITE_GRID_ZOOM
    in_id_order = np.asarray(lonlat)[[1, 3, 2, 0]]
    assert np.array_equal(xy, mercator_grid(in_id_order, SITE_GRID_ZOOM))
    assert np.array_equal(xy, unpack_sites(data["sites"])["xy"])
    # drawn largest first: 63.75, 7.25, 5.0, 0.25
    assert got["order"] == [2, 1, 3, 0]
    # one escaped name per site, in id order; a line break inside a name became a space
    assert got["tips"] == [
        "O&#x27;Brien &amp; &lt;Co&gt;",
        "a\\b &quot;q&quot;",
        "&#123;&#123; x &#125;&#125;&lt;/script&gt;",
        "熊本 テスト",
    ]


def test_site_decoder_reads_an_empty_layer(tmp_path) -> None:
    data = point_layer(np.array([], dtype=np.int64), _points([]), np.array([]), np.array([]), ["#000000"], [])
    assert data["sites"]["count"] == 0
    (got,) = decode_in_node([("sites", data)], tmp_path)
    assert got == {"n": 0, "ids": [], "xy": [], "field": [], "rad": [], "order": [], "tips": []}

"""OSM import (.osm / .osm.bz2 / .osm.pbf), the user cache, and offline Overpass behaviour."""

from __future__ import annotations

import bz2
import json
import time
from pathlib import Path

import pandas as pd
import pytest
import shapely

from geo import infra
from geo.infra.osm import fetch as osm
from geo.infra.osm.classify import parse_hstore
from i18n.errors import bilingual
from tests.support.wording import raises_words

FIXTURE = Path(__file__).parent / "fixtures" / "small.osm"
KIKUYO = shapely.box(130.60, 32.70, 131.00, 33.00)
EXPECTED = {
    "roads": 1,
    "expressways": 1,
    "expressway_ic": 2,
    "railways": 1,
    "stations": 1,
    "industrial_water": 2,
    "substations": 1,
    "power_lines": 1,
    "power_plants": 0,
    "ports": 0,
    "airports": 1,
    "industrial_land": 1,
    "schools": 0,
}


@pytest.fixture(autouse=True)
def cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A fresh, empty OSM cache per test."""
    path = tmp_path / "osm-cache"
    monkeypatch.setenv("CHIIKI_MAP_CACHE", str(path))
    return path


def test_fixture_counts_and_classification(cache: Path) -> None:
    assert osm.load_osm_file(FIXTURE, "43") == EXPECTED
    ic = infra.load_layer("expressway_ic", KIKUYO)
    ic = ic[ic["source_id"] == "osm_file"].set_index("name")
    assert ic.loc["菊陽テストIC", "subtype"] == "ic" and ic.loc["テストJCT", "subtype"] == "jct"
    sub = infra.load_layer("substations", KIKUYO).query("source_id == 'osm_file'").iloc[0]
    assert sub["geometry"].geom_type == "Polygon" and sub["subtype"] == "transmission"
    assert sub["voltage_kv"] == 220 and sub["osm_id"] == "way/301"
    land = infra.load_layer("industrial_land", "43")
    assert list(land["name"]) == ["テスト工業団地"] and land.geometry.iloc[0].geom_type == "Polygon"
    water = infra.load_layer("industrial_water", "43")
    assert sorted(water["subtype"]) == ["pipeline", "water_works"]  # the gas pipeline is left out
    line = infra.load_layer("power_lines", KIKUYO).query("source_id == 'osm_file'")
    assert list(line["subtype"]) == ["220kV"]
    roads = infra.load_layer("roads", "43")
    assert {"overture_roads", "osm_file"} <= set(roads["source_id"])
    assert roads.crs.to_epsg() == 4326
    manifest = json.loads((cache / "manifest.json").read_text(encoding="utf-8"))
    entry = manifest["entries"]["industrial_land__43.parquet"]
    assert entry["source"] == "OpenStreetMap file small.osm" and entry["licence"] == "ODbL 1.0"
    assert entry["credit"] == "© OpenStreetMap contributors" and entry["count"] == 1
    assert shapely.from_geojson(json.dumps(entry["coverage"])).contains(shapely.Point(130.8, 32.87))
    assert not (cache / "ports__43.parquet").exists()  # layers without features are not written


def test_bz2_and_custom_geometry_region(tmp_path: Path) -> None:
    packed = tmp_path / "small.osm.bz2"
    packed.write_bytes(bz2.compress(FIXTURE.read_bytes()))
    assert osm.load_osm_file(packed, KIKUYO, ["roads", "industrial_land"]) == {"roads": 1, "industrial_land": 1}
    # a smaller region keeps only what lies inside it
    west = shapely.box(130.70, 32.80, 130.775, 32.90)
    assert osm.load_osm_file(FIXTURE, west, ["railways", "industrial_land", "industrial_water"]) == {
        "railways": 1,
        "industrial_land": 0,
        "industrial_water": 2,
    }


def test_pbf_same_counts(tmp_path: Path) -> None:
    osmium = pytest.importorskip("osmium")
    pbf = tmp_path / "small.osm.pbf"
    with osmium.SimpleWriter(str(pbf)) as writer:
        for obj in osmium.FileProcessor(str(FIXTURE)):
            writer.add(obj)
    assert osm.load_osm_file(pbf, "43") == EXPECTED
    sub = infra.load_layer("substations", KIKUYO).query("source_id == 'osm_file'").iloc[0]
    assert sub["geometry"].geom_type == "Polygon" and sub["name"] == "テスト変電所"
    assert set(infra.load_layer("expressway_ic", KIKUYO).query("source_id == 'osm_file'")["subtype"]) == {"ic", "jct"}


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("roads.geojson", b"{}", "unsupported file type"),
        ("broken.osm", b"<osm><node id='1' lat=", "could not read"),
        ("broken.osm.bz2", b"not bzip2 at all", "could not read"),
        ("broken.osm.pbf", b"\x00\x01garbage" * 10, "could not read"),
        ("missing.osm", None, "file not found"),
    ],
)
def test_bad_files(tmp_path: Path, name: str, content: bytes | None, message: str) -> None:
    path = tmp_path / name
    if content is not None:
        path.write_bytes(content)
    with raises_words(osm.OsmFileError, message) as err:
        osm.load_osm_file(path, KIKUYO)
    assert isinstance(err.value, ValueError)


def test_file_without_matching_features() -> None:
    with raises_words(osm.OsmFileError, "no features .* inside region 'hokkaido'"):
        osm.load_osm_file(FIXTURE, "hokkaido")
    with raises_words(osm.OsmFileError, "no features of layer"):
        osm.load_osm_file(FIXTURE, "43", ["ports", "power_plants"])


def test_cache_is_seen_by_status_and_invalidated(cache: Path) -> None:
    fingerprint = infra.data_fingerprint()
    before = {r.id: r for r in infra.layer_status("43")}
    assert before["industrial_land"].status == "no_data"
    osm.load_osm_file(FIXTURE, "43", ["industrial_land", "airports"])
    assert infra.data_fingerprint() != fingerprint
    after = {r.id: r for r in infra.layer_status("43")}
    assert after["industrial_land"].status == "loaded" and after["industrial_land"].count == 1
    assert after["industrial_land"].source == "OpenStreetMap file small.osm"
    assert after["airports"].count == before["airports"].count + 1
    assert infra.credits_for(["industrial_land"]) == ["© OpenStreetMap contributors"]
    # coverage is the region: other regions still have no data, not "nothing there"
    assert {r.id: r for r in infra.layer_status("tohoku")}["industrial_land"].status == "no_data"
    # importing again for an overlapping region does not double features (osm_id de-duplication)
    osm.load_osm_file(FIXTURE, KIKUYO, ["industrial_land"])
    assert len(infra.load_layer("industrial_land", "43")) == 1
    for f in cache.glob("industrial_land__*.parquet"):
        f.unlink()
    assert infra.load_layer("industrial_land", "43").empty


def test_fetch_osm_offline_fails_fast(cache: Path) -> None:
    started = time.monotonic()
    with pytest.raises(osm.NetworkUnavailable) as err:
        osm.fetch_osm("43", ["roads"])
    assert time.monotonic() - started < 15
    assert "unreachable" in bilingual(err.value) and "load-osm" in bilingual(err.value)
    assert not cache.exists() or not list(cache.glob("*.parquet"))


def test_probe_times_out_on_unanswered_host() -> None:
    started = time.monotonic()
    with raises_words(osm.NetworkUnavailable, "unreachable"):
        osm.probe_overpass("https://10.255.255.1/api", timeout=0.5)
    assert time.monotonic() - started < 3


def test_fetch_osm_rejects_whole_japan_and_bad_layers() -> None:
    with raises_words(ValueError, "too large"):
        osm.fetch_osm("japan", ["roads"])
    with raises_words(ValueError, "valid ids"):
        osm.fetch_osm("43", ["harbours"])


def test_parse_hstore() -> None:
    raw = pd.Series(['"power"=>"substation","voltage"=>"66000","name"=>"A \\"B\\""', None])
    out = parse_hstore(raw, ["power", "voltage", "name", "operator"])
    assert out.loc[0, "power"] == "substation" and out.loc[0, "name"] == 'A "B"'
    assert out.loc[1].isna().all() and out.loc[0, "operator"] is None or pd.isna(out.loc[0, "operator"])


def test_fetch_osm_path_with_stubbed_overpass(monkeypatch: pytest.MonkeyPatch, cache: Path) -> None:
    """The Overpass code path (settings, per-layer progress, empty results, cache) with the HTTP part replaced
    by osmnx reading the fixture: there is no internet here."""
    import osmnx as ox
    import requests

    seen: list[tuple] = []

    def fake_features(polygon: shapely.Geometry, tags: dict) -> object:
        assert ox.settings.overpass_rate_limit is False and ox.settings.doh_url_template is None
        assert ox.settings.requests_timeout == 7
        return ox.features_from_xml(FIXTURE, polygon=polygon, tags=tags)

    monkeypatch.setattr(osm, "probe_overpass", lambda *a, **k: None)
    monkeypatch.setattr(osm.ox, "features_from_polygon", fake_features)
    counts = osm.fetch_osm("43", ["substations", "ports"], progress=lambda *a: seen.append(a), timeout=7)
    assert counts == {"substations": 1, "ports": 0}
    assert seen == [("substations", 0, 2, None), ("substations", 1, 2, 1), ("ports", 1, 2, None), ("ports", 2, 2, 0)]
    # osmnx settings are process-wide: set once and used under one lock, never swapped per call
    assert not osm._OSMNX_LOCK.locked()
    assert ox.settings.overpass_rate_limit is False and ox.settings.doh_url_template is None
    rows = {r.id: r for r in infra.layer_status("43")}
    # an Overpass answer with no ports is a real "none in OSM": loaded, and complete for the fetched region
    assert rows["ports"].status == "loaded" and rows["ports"].completeness == "complete"
    assert rows["ports"].source.endswith(" + OpenStreetMap (Overpass via osmnx)")
    assert rows["ports"].count == len(infra.load_layer("ports", "43"))  # the committed WPI ports only

    def dropped(polygon: shapely.Geometry, tags: dict) -> object:
        raise requests.ConnectionError("connection reset")

    monkeypatch.setattr(osm.ox, "features_from_polygon", dropped)
    with raises_words(osm.NetworkUnavailable, "unreachable"):
        osm.fetch_osm("43", ["roads"])

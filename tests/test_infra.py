"""Infrastructure layer registry, committed layers (data/layers) and their status per region."""

from __future__ import annotations

import dataclasses
import json
from pathlib import Path

import pytest
import shapely

from geo import infra, regions
from geo.config import LAYERS_DIR
from geo.infra.sources import region_overlap
from tests.support.wording import raises_words

EXPECTED_IDS = [
    "roads",
    "expressways",
    "expressway_ic",
    "railways",
    "stations",
    "industrial_water",
    "substations",
    "power_lines",
    "power_plants",
    "ports",
    "airports",
    "industrial_land",
    "schools",
]
ODBL_OVERTURE = "© OpenStreetMap contributors, Overture Maps Foundation (ODbL 1.0)"
KSJ_CREDIT = "出典：国土数値情報（鉄道・空港・発電施設データ）（国土交通省）を加工して作成"


@pytest.fixture(autouse=True)
def empty_cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Isolate every test from the developer's own OSM cache."""
    cache = tmp_path / "osm"
    monkeypatch.setenv("CHIIKI_MAP_CACHE", str(cache))
    return cache


def _status(region: object) -> dict[str, infra.LayerStatus]:
    return {row.id: row for row in infra.layer_status(region)}


def test_registry_is_complete_and_ordered() -> None:
    assert list(infra.LAYERS) == EXPECTED_IDS
    for lid, spec in infra.LAYERS.items():
        assert spec.id == lid and spec.name_ja and spec.name_en and spec.description
        assert spec.kind in ("point", "line", "polygon", "mixed")
        assert spec.osm_tags and all(isinstance(k, str) for k in spec.osm_tags)
    assert infra.LAYERS["expressway_ic"].osm_tags == {"highway": ["motorway_junction"]}
    assert "aerodrome" in infra.LAYERS["airports"].osm_tags["aeroway"]
    with pytest.raises(dataclasses.FrozenInstanceError):
        infra.LAYERS["roads"].kind = "point"  # type: ignore[misc]


def test_unknown_layer_lists_valid_ids() -> None:
    with raises_words(ValueError, "valid ids: roads, expressways"):
        infra.load_layer("road")
    with raises_words(ValueError, "'nope'"):
        infra.credits_for(["roads", "nope"])


def test_manifest_sources_are_documented() -> None:
    manifest = json.loads((LAYERS_DIR / "manifest.json").read_text(encoding="utf-8"))
    assert list(manifest["layers"]) == EXPECTED_IDS
    for lid, entry in manifest["layers"].items():
        for src in entry["sources"]:
            assert {"id", "name", "licence", "credit", "date", "built", "coverage", "note"} <= set(src)
            assert src["coverage"] == "japan" or all({"name", "bbox"} <= set(b) for b in src["coverage"])
        assert "completeness_ja" not in src and "partial_coverage" not in src  # measured, never typed by hand
        assert (LAYERS_DIR / f"{lid}.parquet").exists() == bool(entry["sources"])
        if entry["sources"]:  # every built layer carries its measurement
            measured = entry["completeness"]
            assert measured["method"] in ("near", "register", "dated") and measured["measured"] == manifest["built"]
            assert measured["method"] == "dated" or (measured["reference"] and measured["by_pref"])
    layers = manifest["layers"]
    for lid in ("industrial_water", "industrial_land", "schools"):
        assert layers[lid]["sources"] == [] and layers[lid]["note"] and "completeness" not in layers[lid]
    ports = layers["ports"]["sources"][0]
    assert "Wakkanai" in ports["note"] and "1 arc-minute" in ports["note"]
    assert layers["ports"]["completeness"]["reference_subset"] is True
    assert layers["roads"]["sources"][0]["credit"] == ODBL_OVERTURE
    assert [b["name"] for b in layers["roads"]["sources"][0]["coverage"]] == ["kyushu", "doo"]
    assert "9,059" in layers["stations"]["sources"][0]["note"] and layers["stations"]["count"] == 9059
    assert [s["id"] for s in layers["airports"]["sources"]] == ["airportsdata", "ksj_c28", "airport_names_ja"]
    assert layers["airports"]["sources"][0]["licence"] == "MIT"
    assert "STRAIGHT" in layers["power_lines"]["sources"][0]["note"].upper()
    assert {k: layers[k]["completeness"]["data_date"] for k in ("substations", "power_lines", "power_plants")} == {
        "substations": "2016",
        "power_lines": "2016",
        "power_plants": "2007",
    }


def test_load_layer_kyushu_real_features() -> None:
    roads = infra.load_layer("roads", "kyushu")
    assert len(roads) > 1000
    assert roads.crs.to_epsg() == 4326
    assert list(roads.columns[:3]) == ["name", "subtype", "source_id"]
    assert set(roads["subtype"]) <= {"motorway", "trunk"}
    assert (roads["name"] == "九州自動車道").any()
    assert roads.geometry.geom_type.isin(["LineString", "MultiLineString"]).all()
    # clipped: everything intersects the region, and nothing from 道央
    from geo.regions import resolve_region

    assert roads.intersects(resolve_region("kyushu").geometry).all()
    assert roads.total_bounds[3] < 35.0


def test_load_layer_subtypes_and_dedup() -> None:
    ics = infra.load_layer("expressway_ic", "43")
    assert set(ics["subtype"]) <= {"ic", "sic", "jct"}
    assert "jct" in set(ics.loc[ics["name"] == "嘉島JCT", "subtype"])
    assert not ics.duplicated(["name"]).any()
    airports = infra.load_layer("airports")
    assert not airports["name"].duplicated().any() and (airports["name"] == "熊本空港").sum() == 1
    lines = infra.load_layer("power_lines", "kyushu")
    assert lines["subtype"].str.fullmatch(r"\d+kV|unknown").all()
    assert (lines["voltage_kv"] >= 66).any()


#: Airports whose official Japanese name the project is not sure of: they keep their English name.
AIRPORTS_LEFT_IN_ENGLISH = {"MUS"}


def test_every_airport_is_named_in_japanese_on_the_built_layer() -> None:
    airports = infra.load_layer("airports")
    japanese = airports["name"].str.contains(r"[\u3040-\u30ff\u4e00-\u9fff]")
    assert set(airports.loc[~japanese, "iata"]) == AIRPORTS_LEFT_IN_ENGLISH
    by_iata = airports.set_index("iata")
    # C28 lacks these: the project's table names them (official names, not nicknames); name_en stays English
    assert by_iata.loc["OIT", ["name", "name_en", "attributes_from"]].tolist() == [
        "大分空港",
        "Oita Airport",
        "airport_names_ja",
    ]
    assert by_iata.loc["OKA", "name"] == "那覇空港" and by_iata.loc["ISG", "name"] == "新石垣空港"
    assert by_iata.loc["IWK", "name"] == "岩国飛行場"
    # C28 names take precedence
    assert by_iata.loc["KMJ", ["name", "attributes_from"]].tolist() == ["熊本空港", "ksj_c28"]
    iata_rows = airports["source_id"] == "airportsdata"
    assert airports.loc[iata_rows, "name_en"].str.contains("Air|Airport|Station|Facility|Base").all()
    assert set(airports["attributes_from"]) == {"ksj_c28", "airport_names_ja", ""}


def test_load_layer_with_geometry_and_empty_result() -> None:
    kikuyo = shapely.box(130.70, 32.80, 130.95, 32.95)
    roads = infra.load_layer("roads", kikuyo)
    assert 0 < len(roads) < 200
    assert infra.load_layer("roads", shapely.box(140.0, 38.0, 140.1, 38.1)).empty
    empty = infra.load_layer("industrial_water", "kyushu")
    assert empty.empty and empty.crs.to_epsg() == 4326 and {"name", "subtype", "source_id"} <= set(empty.columns)


def test_railways_combine_overture_and_n02_without_double_lines() -> None:
    doo = shapely.box(140.3, 42.2, 142.5, 43.9)
    inside = infra.load_layer("railways", shapely.box(141.0, 42.8, 141.8, 43.2))
    assert set(inside["source_id"]) == {"overture_rail"}
    in_doo = infra.load_layer("railways", doo)
    assert len(in_doo) > 80
    # closed lines are not railways: by name (廃止区間, 跡, 旧…) and by the N02-23 stations of their line
    names = set(in_doo["name"])
    closed = {"日高本線 (廃止区間)", "胆振線", "富内線", "万字線", "深名線", "旧瀬棚線", "JR石勝線 (夕張支線)"}
    assert not names & closed
    assert {"千歳線", "室蘭本線", "JR函館本線"} <= names
    kyushu = set(infra.load_layer("railways", "kyushu")["name"])
    assert "山鹿温泉鉄道（鹿本鉄道）跡" not in kyushu and "高千穂鉄道高千穂線" not in kyushu
    assert {"JR豊肥本線", "肥薩おれんじ鉄道線", "日本製鉄専用鉄道（くろがね線）"} <= kyushu  # active; a freight line
    tohoku = infra.load_layer("railways", "tohoku")
    assert len(tohoku) > 0 and set(tohoku["source_id"]) == {"ksj_n02_rail"}


def test_status_loaded_and_no_data() -> None:
    kyushu = _status("kyushu")
    assert kyushu["roads"].status == "loaded" and kyushu["roads"].count > 1000
    assert kyushu["roads"].licence == "ODbL 1.0" and kyushu["roads"].date == "2026-02"
    assert kyushu["substations"].count > 100 and kyushu["airports"].count >= 5
    tohoku = _status("tohoku")
    assert tohoku["roads"].status == "no_data" and tohoku["roads"].count == 0 and not tohoku["roads"].loaded
    assert tohoku["roads"].measure is None and tohoku["roads"].completeness == "none"
    assert tohoku["expressways"].status == "loaded" and tohoku["expressways"].count > 50
    for region in ("kyushu", "hokkaido", "japan", None):
        rows = _status(region)
        for lid in ("industrial_water", "industrial_land", "schools"):
            assert rows[lid].status == "no_data" and rows[lid].source == ""
    assert sum(r.count for r in infra.layer_status("kyushu")) > 5000
    with pytest.raises(dataclasses.FrozenInstanceError):
        kyushu["roads"].count = 0  # type: ignore[misc]


def test_status_reports_partial_coverage() -> None:
    hokkaido = _status("hokkaido")
    # roads exist only for the 道央 box: loaded, but for about a quarter of Hokkaido
    assert hokkaido["roads"].status == "loaded" and 0.1 < (hokkaido["roads"].coverage or 0) < 0.5
    assert hokkaido["expressways"].coverage == 1.0
    assert (_status("kyushu")["roads"].coverage or 0) > 0.8
    assert _status("tohoku")["roads"].coverage == 0.0
    assert _status(None)["roads"].coverage is None


def test_coverage_share_pieces_equal_the_overlay() -> None:

    japan = regions.resolve_region("japan").geometry
    for part in (shapely.box(129.0, 31.0, 131.5, 34.0), shapely.box(122.0, 20.0, 154.0, 46.0), shapely.Point(0, 0)):
        pieces = region_overlap(part, japan)
        assert shapely.area(pieces).sum() == pytest.approx(shapely.intersection(part, japan).area, rel=1e-12)
        assert shapely.union_all(pieces).equals(shapely.intersection(part, japan)) or not len(pieces)


def test_fingerprint_does_not_depend_on_the_cache_folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("CHIIKI_MAP_CACHE", str(tmp_path / "one"))
    first = infra.data_fingerprint()
    monkeypatch.setenv("CHIIKI_MAP_CACHE", str(tmp_path / "two"))
    assert infra.data_fingerprint() == first  # empty caches in two places: the same data


def test_credits_for() -> None:
    assert infra.credits_for(["roads"]) == [ODBL_OVERTURE]
    assert infra.credits_for(["industrial_water"]) == []
    assert "World Port Index" in infra.credits_for(["ports"])[0]
    both = infra.credits_for(["railways", "airports", "stations"])
    assert both == [
        ODBL_OVERTURE,
        KSJ_CREDIT,
        "airportsdata (Mike Borsetti, MIT License)",
        "空港の日本語名：各空港の正式名称から地域未来マップが編纂",
        "出典：国土数値情報（鉄道データ）N02-23（国土交通省）を加工して作成",
    ]
    n06 = infra.credits_for(["expressways"])[0]
    assert "国土数値情報（高速道路時系列データ）（国土交通省）を加工して作成" in n06
    assert "Wikipedia" in n06 and "HighwayOrderedDS" in n06 and "CC BY-SA 3.0" in n06
    assert any("10.5281/zenodo.250427" in c for c in infra.credits_for(None))


def test_ports_layer_classes_and_counts_per_block() -> None:
    from geo.regions import locate_many

    ports = infra.load_layer("ports")
    assert len(ports) == 163 and set(ports["source_id"]) == {"nga_wpi"}
    blocks = locate_many(ports.geometry.x, ports.geometry.y, tolerance_m=20_000)["block"]
    counts = blocks.value_counts().to_dict()
    assert counts == {
        "kyushu": 28,
        "chugoku": 24,
        "kinki": 23,
        "kanto": 23,
        "shikoku": 16,
        "hokkaido": 16,
        "tohoku": 14,
        "chubu": 13,
        "okinawa": 6,
    }
    assert sum(counts.values()) == 163  # every port lies in (or within 20 km of) a prefecture
    # ports lie on the water: a region takes those within ~3.5 km of its coast (none dropped nationally)
    assert len(infra.load_layer("ports", "japan")) == 163
    by_name = ports.set_index("name")
    assert by_name.loc["Hakata", "port_class"] == "国際拠点港湾" and by_name.loc["Hakata", "port_name_ja"] == "博多港"
    assert by_name.loc["Hakata", "harbor_size"] == "Medium"  # nautical size, its own attribute
    assert by_name.loc["Tokyo Ko", "subtype"] == "international_strategic"
    assert by_name.loc["Imari", "port_class"] == "" and by_name.loc["Imari", "subtype"] == "other"
    hibiki = by_name.loc["Hibikinada"]
    assert hibiki["port_name_ja"] == "北九州港" and hibiki["subtype"] == "international_hub"
    assert (ports["port_class"] != "").sum() == 34  # the WPI sub-ports of the 23 designated ports
    wakkanai = by_name.loc["Wakkanai"]
    assert wakkanai.geometry.y > 45.3 and "43.42" in wakkanai["position_note"]


def test_region_layer_status_is_kept_per_data_version(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A new server reads the counts a former one (or ``make assets``) derived, and they are the same."""
    monkeypatch.setenv("CHIIKI_MAP_DERIVED", str(tmp_path / "derived"))
    expected = infra.layer_status("43")
    assert infra.region_layer_status("43") == expected
    assert len(list((tmp_path / "derived" / "layer_status").glob("*.pkl"))) == 1

    def not_again(region: object) -> None:
        raise AssertionError("computed again")

    import geo.infra.sources

    monkeypatch.setattr(geo.infra.sources, "layer_status", not_again)
    assert infra.region_layer_status("43") == expected
    with pytest.raises(AssertionError, match="computed again"):
        infra.region_layer_status("40")  # another region is its own file

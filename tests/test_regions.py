"""geo.regions on the committed boundary files, plus tiny hand-made geometry cases."""

from __future__ import annotations

import json
import math

import numpy as np
import pandas as pd
import pytest
import shapely

from geo import config, domain, regions
from geo.crs import metric_crs
from geo.regions.index import PolygonIndex
from geo.regions.resolve import clear_caches
from i18n.errors import bilingual
from tests.support.wording import raises_words

KNOWN_POINTS = {
    # name: (lon, lat, pref_code, muni_code, muni_name_ja, block)
    "JASM 菊陽町": (130.84, 32.88, "43", "43404", "菊陽町", "kyushu"),
    "Rapidus 千歳市": (141.69, 42.80, "01", "01224", "千歳市", "hokkaido"),
    "東京都庁": (139.6917, 35.6895, "13", "13104", "新宿区", "kanto"),
    "札幌駅": (141.3507, 43.0686, "01", "01102", "札幌市北区", "hokkaido"),
    "名古屋駅": (136.8815, 35.1709, "23", "23105", "名古屋市中村区", "chubu"),
    "新潟市役所": (139.0236, 37.9161, "15", "15103", "新潟市中央区", "kanto"),
    "福井県庁": (136.2219, 36.0652, "18", "18201", "福井市", "kinki"),
    "三重県庁": (136.5086, 34.7303, "24", "24201", "津市", "chubu"),
    "那覇市役所": (127.6811, 26.2124, "47", "47201", "那覇市", "okinawa"),
}
OUTSIDE = {
    "origin": (0.0, 0.0),
    "Seoul": (126.98, 37.57),
    "open Pacific": (150.0, 30.0),
    "Shanghai": (121.47, 31.23),
    "Vladivostok": (131.89, 43.12),
}
TOMAKOMAI_PORT = (141.63, 42.63)  # off the 1%-simplified coastline of 苫小牧市


# --------------------------------------------------------------------------- tables


def test_prefectures_table() -> None:
    prefs = regions.prefectures()
    assert len(prefs) == 47
    assert prefs.crs.to_epsg() == 4326
    assert list(prefs.columns) == ["code", "name_ja", "name_en", "block", "geometry"]
    assert list(prefs["code"]) == [f"{i:02d}" for i in range(1, 48)]
    for row in prefs.itertuples():
        assert row.name_ja == domain.PREFECTURES[row.code].ja
        assert row.name_en == domain.PREFECTURES[row.code].en
        assert row.block == domain.block_of(row.code)
    assert prefs.is_valid.all()
    assert set(prefs.geom_type) <= {"Polygon", "MultiPolygon"}


def test_meti_block_membership() -> None:
    prefs = regions.prefectures().set_index("code")
    for code in ("15", "19", "20", "22"):  # 新潟 山梨 長野 静岡: METI 関東, not textbook 中部
        assert prefs.loc[code, "block"] == "kanto"
    assert prefs.loc["18", "block"] == "kinki"  # 福井
    assert prefs.loc["24", "block"] == "chubu"  # 三重
    bl = regions.blocks()
    assert len(bl) == 9
    assert list(bl["block"]) == list(domain.BLOCKS)
    assert bl.crs.to_epsg() == 4326 and bl.is_valid.all()
    members = prefs.groupby("block").size()
    for block in domain.BLOCKS.values():
        assert members[block.id] == len(block.pref_codes)
    # a block is the dissolve of its prefectures: same area (in a JGD2011 metric CRS)
    metric = metric_crs(139.0)
    kanto = bl.set_index("block").to_crs(metric).geometry["kanto"]
    parts = prefs.loc[list(domain.BLOCKS["kanto"].pref_codes)].to_crs(metric).geometry
    assert kanto.area == pytest.approx(parts.area.sum(), rel=1e-6)
    kanto = bl.set_index("block").geometry["kanto"]
    assert kanto.contains(shapely.Point(138.57, 35.66))  # 甲府 (山梨)


def test_dissolve_equals_the_full_union_and_falls_back_on_overlaps() -> None:
    from geo.regions.boundaries import dissolve

    prefs = regions.prefectures().set_index("code")
    for codes in (list(prefs.index), list(domain.BLOCKS["kyushu"].pref_codes)):
        polygons = prefs.loc[codes].geometry.values
        assert dissolve(polygons).equals(shapely.union_all(polygons))
    assert regions.resolve_region("japan").geometry.equals(shapely.union_all(prefs.geometry.values))
    overlapping = np.array([shapely.box(0, 0, 2, 2), shapely.box(1, 1, 3, 3)])  # not a coverage
    merged = dissolve(overlapping)
    assert merged.is_valid and merged.area == 7.0 and merged.equals(shapely.union_all(overlapping))


def test_municipalities_table() -> None:
    munis = regions.municipalities()
    assert len(munis) == 1906
    assert munis.crs.to_epsg() == 4326
    assert list(munis.columns) == ["code", "name_ja", "pref_code", "geometry"]
    assert munis.is_valid.all()
    assert set(munis.geom_type) <= {"Polygon", "MultiPolygon"}
    unassigned = munis[munis["code"].isna()]
    assert len(unassigned) == 4 and set(unassigned["name_ja"]) == {"所属未定地"}
    assert sorted(unassigned["pref_code"]) == ["12", "13", "23", "47"]
    coded = munis.dropna(subset=["code"])
    assert coded["code"].str.fullmatch(r"\d{5}").all() and not coded["code"].duplicated().any()
    assert (coded["code"].str[:2] == coded["pref_code"]).all()
    names = dict(zip(coded["code"], coded["name_ja"]))
    assert names["01101"] == "札幌市中央区" and names["13104"] == "新宿区" and names["43404"] == "菊陽町"
    # coordinates are on the 1e-6 degree grid
    xy = shapely.get_coordinates(munis.geometry.values[:200])
    assert np.abs(xy * 1e6 - np.round(xy * 1e6)).max() < 1e-6


def test_municipalities_filter_and_bad_code() -> None:
    kumamoto = regions.municipalities("43")
    assert len(kumamoto) > 40 and (kumamoto["pref_code"] == "43").all()
    assert len(regions.municipalities(1)) == len(regions.municipalities("01"))
    with raises_words(regions.RegionError, "JIS code 01..47"):
        regions.municipalities("99")


def test_returned_frames_do_not_alias_the_cache() -> None:
    prefs = regions.prefectures()
    prefs.loc[0, "name_ja"] = "changed"
    assert regions.prefectures().loc[0, "name_ja"] == "北海道"


def test_sources_json_credit_and_checksums() -> None:
    meta = json.loads((config.BOUNDARIES_DIR / "SOURCES.json").read_text(encoding="utf-8"))
    assert meta["credit"].startswith("出典：国土数値情報（行政区域データ）（国土交通省）を加工して作成")
    assert "SmartNews" in meta["credit"] and "MLIT" in meta["credit_en"]
    assert meta["date"] == "2021-01-01"
    sums = {i["file"]: i["sha256"] for i in meta["inputs"]}
    assert sums["prefectures_s0010.geojson"].startswith("234914ee3a13")
    assert sums["municipalities_N03-21_210101_s0010.topojson"].startswith("299120559cf3")
    assert regions.boundary_credit() == (meta["credit"], meta["credit_en"])


def test_missing_files_say_how_to_build(monkeypatch: pytest.MonkeyPatch, tmp_path) -> None:
    monkeypatch.setattr(config, "BOUNDARIES_DIR", tmp_path)
    clear_caches()
    try:
        with raises_words(FileNotFoundError, r"python scripts/build_boundaries\.py"):
            regions.prefectures()
    finally:
        monkeypatch.undo()
        clear_caches()
    assert len(regions.prefectures()) == 47


# --------------------------------------------------------------------------- locate


@pytest.mark.parametrize("name", list(KNOWN_POINTS))
def test_locate_known_points(name: str) -> None:
    lon, lat, pref, muni, muni_name, block = KNOWN_POINTS[name]
    hit = regions.locate(lon, lat)
    assert hit == {
        "pref_code": pref,
        "pref_name_ja": domain.PREFECTURES[pref].ja,
        "pref_name_en": domain.PREFECTURES[pref].en,
        "muni_code": muni,
        "muni_name_ja": muni_name,
        "block": block,
    }


@pytest.mark.parametrize("name", list(OUTSIDE))
def test_locate_outside_japan_is_none(name: str) -> None:
    assert regions.locate(*OUTSIDE[name]) is None


@pytest.mark.parametrize(
    "lon,lat", [(math.nan, 35.0), (139.7, math.nan), (math.inf, 35.0), (139.7, -math.inf), (500.0, 35.0), (139.7, 95.0)]
)
def test_locate_non_finite_or_out_of_range_is_none(lon: float, lat: float) -> None:
    assert regions.locate(lon, lat) is None


def test_locate_rejects_non_numbers() -> None:
    with raises_words(ValueError, "numbers in degrees"):
        regions.locate("east", 35.0)  # type: ignore[arg-type]


def test_locate_coastal_tolerance() -> None:
    lon, lat = TOMAKOMAI_PORT
    assert regions.locate(lon, lat, tolerance_m=0) is None  # just off the simplified coast
    hit = regions.locate(lon, lat)  # default 2 km snaps to the nearest municipality
    assert hit is not None and hit["muni_code"] == "01213" and hit["pref_code"] == "01"
    with raises_words(ValueError, "tolerance_m"):
        regions.locate(lon, lat, tolerance_m=-1)


def test_locate_many_agrees_with_locate() -> None:
    pts = (
        [(p[0], p[1]) for p in KNOWN_POINTS.values()]
        + list(OUTSIDE.values())
        + [
            TOMAKOMAI_PORT,
            (133.01, 34.07),
            (135.23, 34.43),
            (129.853, 32.735),
            (138.57, 35.66),
            (140.87, 38.27),
            (132.46, 34.40),
            (130.40, 33.59),
            (142.19, 27.09),
            (124.16, 24.34),
            (math.nan, 35.0),
        ]
    )
    lons, lats = zip(*pts)
    df = regions.locate_many(lons, lats)
    assert list(df.columns) == list(regions.LOCATE_COLUMNS) and len(df) == len(pts)
    for (lon, lat), row in zip(pts, df.itertuples(index=False)):
        one = regions.locate(lon, lat)
        got = {c: (None if pd.isna(v) else v) for c, v in zip(regions.LOCATE_COLUMNS, row)}
        if one is None:
            assert all(v is None for v in got.values()), (lon, lat, got)
        else:
            assert got == one, (lon, lat)
    assert df["pref_code"].notna().sum() == len(pts) - len(OUTSIDE) - 1


def test_locate_many_keeps_series_index_and_checks_lengths() -> None:
    lons = pd.Series([130.84, 0.0], index=["jasm", "null_island"])
    lats = pd.Series([32.88, 0.0], index=["jasm", "null_island"])
    df = regions.locate_many(lons, lats)
    assert list(df.index) == ["jasm", "null_island"]
    assert df.loc["jasm", "muni_code"] == "43404" and pd.isna(df.loc["null_island", "pref_code"])
    assert regions.locate_many([], []).empty
    with raises_words(ValueError, "2 longitudes but 1 latitudes"):
        regions.locate_many([1.0, 2.0], [3.0])


def test_unassigned_area_has_no_municipality_code() -> None:
    munis = regions.municipalities()
    area = munis[(munis["name_ja"] == "所属未定地") & (munis["pref_code"] == "23")].geometry.iloc[0]
    pt = area.representative_point()
    hit = regions.locate(pt.x, pt.y)
    assert hit is not None and hit["pref_code"] == "23"
    assert hit["muni_code"] is None and hit["muni_name_ja"] == "所属未定地"


# --------------------------------------------------------------------------- hand-made index cases


def test_polygon_index_contains_snaps_and_breaks_ties() -> None:
    west = shapely.box(135.00, 35.00, 135.01, 35.01)
    east = shapely.box(135.01, 35.00, 135.02, 35.01)  # shares an edge with west
    index = PolygonIndex([west, east])
    x = np.array([135.005, 135.015, 135.01, 135.0255, 135.05])
    y = np.full(5, 35.005)
    # 135.0255 is 0.0055 deg = about 500 m east of `east` at 35N; 135.05 is about 2.7 km away
    assert index.lookup(x, y, 0.0).tolist() == [0, 1, 0, -1, -1]
    assert index.lookup(x, y, 1000.0).tolist() == [0, 1, 0, 1, -1]
    assert index.lookup(x, y, 300.0).tolist() == [0, 1, 0, -1, -1]
    with raises_words(ValueError, "tolerance_m"):
        index.lookup(x, y, math.nan)


# --------------------------------------------------------------------------- resolve_region


@pytest.mark.parametrize(
    "spec,kind,rid",
    [
        ("kyushu", "block", "kyushu"),
        ("KYUSHU", "block", "kyushu"),
        ("Kyushu", "block", "kyushu"),
        ("九州", "block", "kyushu"),
        ("関東", "block", "kanto"),
        ("北海道", "block", "hokkaido"),
        ("hokkaido", "block", "hokkaido"),
        ("43", "pref", "43"),
        ("1", "pref", "01"),
        ("01", "pref", "01"),
        (43, "pref", "43"),
        ("４３", "pref", "43"),
        ("熊本県", "pref", "43"),
        ("熊本", "pref", "43"),
        ("Kumamoto", "pref", "43"),
        ("kumamoto", "pref", "43"),
        ("Kumamoto Prefecture", "pref", "43"),
        (" 東京 ", "pref", "13"),
        ("京都", "pref", "26"),
        ("沖縄県", "pref", "47"),
        ("47", "pref", "47"),
        ("japan", "japan", "japan"),
        ("Japan", "japan", "japan"),
        ("全国", "japan", "japan"),
        ("all", "japan", "japan"),
    ],
)
def test_resolve_region_accepted_forms(spec: str | int, kind: str, rid: str) -> None:
    region = regions.resolve_region(spec)
    assert (region.kind, region.id) == (kind, rid)
    assert region.geometry.is_valid and not region.geometry.is_empty
    assert region.bounds == region.geometry.bounds
    if kind == "pref":
        assert region.pref_codes == (rid,) and region.name_ja == domain.PREFECTURES[rid].ja
    elif kind == "block":
        assert region.pref_codes == domain.BLOCKS[rid].pref_codes and region.name_en == domain.BLOCKS[rid].en
    else:
        assert len(region.pref_codes) == 47 and region.name_ja == "全国"


def test_resolve_region_values() -> None:
    kyushu = regions.resolve_region("kyushu")
    assert kyushu.pref_codes == ("40", "41", "42", "43", "44", "45", "46")
    assert kyushu.geometry.contains(shapely.Point(130.84, 32.88))
    assert not kyushu.geometry.contains(shapely.Point(139.69, 35.69))
    minx, miny, maxx, maxy = kyushu.bounds
    assert 128 < minx < maxx < 132.5 and 27 < miny < maxy < 35.0  # 対馬 reaches 34.7N
    # 北海道 is both a block and a prefecture: the block, with the prefecture's geometry
    hokkaido = regions.resolve_region("北海道")
    assert hokkaido.kind == "block" and hokkaido.pref_codes == ("01",)
    assert hokkaido.geometry.equals(regions.resolve_region("01").geometry)
    assert regions.resolve_region(kyushu) is kyushu
    with pytest.raises(AttributeError):
        kyushu.id = "x"  # type: ignore[misc]  # frozen
    japan = regions.resolve_region("全国")
    assert japan.geometry.contains(shapely.Point(141.69, 42.80))


@pytest.mark.parametrize("spec", ["Kumamato", "atlantis", "99", "0", "43404", "", "   "])
def test_resolve_region_unknown_lists_accepted_forms(spec: str) -> None:
    with pytest.raises(regions.RegionError) as err:
        regions.resolve_region(spec)
    msg = bilingual(err.value)
    assert isinstance(err.value, ValueError)
    for example in ("'japan'", "全国", "kyushu（九州）", "kyushu (Kyushu)", "'43'", "熊本県", "Kumamoto"):
        assert example in msg
    if spec.strip():
        assert repr(spec) in msg


def test_resolve_region_hints() -> None:
    with raises_words(regions.RegionError, r"43（熊本県） のことですか.* Did you mean 43 \(Kumamoto\)"):
        regions.resolve_region("Kumamato")
    with raises_words(regions.RegionError, "municipality code"):
        regions.resolve_region("43404")
    with raises_words(regions.RegionError, "got NoneType"):
        regions.resolve_region(None)  # type: ignore[arg-type]


def test_custom_region_id_is_a_content_hash_stable_across_processes() -> None:
    """Drawn areas get the same id in every process (OSM cache file names depend on it)."""
    import subprocess
    import sys

    import shapely

    area = shapely.box(130.5, 32.6, 131.0, 33.0)
    here = regions.as_region(area)
    code = "import shapely; from geo import regions; print(regions.as_region(shapely.box(130.5, 32.6, 131.0, 33.0)).id)"
    other = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout.strip()
    assert here.id == other and here.id.startswith("custom-") and len(here.id) == len("custom-") + 10
    assert here.kind == "custom" and "43" in here.pref_codes and here.bounds == area.bounds
    with raises_words(regions.RegionError, "empty"):
        regions.as_region(shapely.Polygon())

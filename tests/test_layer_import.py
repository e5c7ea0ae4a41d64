"""``chiiki-map layer-import``: tiny hand-made files in each format, with the KSJ field codes."""

from __future__ import annotations

import io
import json
import zipfile
from pathlib import Path

import geopandas as gpd
import pyogrio
import pytest
import shapely

from chiiki_cli import main as cli
from geo import infra
from geo.accounts import Actor
from geo.errors import EditorRequired, InputFileError
from geo.infra.imports import plan_layer_import, read_layer_file, write_layer_import
from geo.io.reasons import codes
from i18n.errors import error_text
from i18n.reasons import reasons_text
from tests.support.wording import raises_words

KIKUYO = (130.82, 32.86)


@pytest.fixture(autouse=True)
def env(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("CHIIKI_MAP_CACHE", str(tmp_path / "cache"))
    monkeypatch.setenv("CHIIKI_MAP_STORE", str(tmp_path / "sites.gpkg"))
    monkeypatch.delenv("DATABASE_URL", raising=False)
    monkeypatch.delenv("CHIIKI_MAP_USER", raising=False)
    monkeypatch.delenv("CHIIKI_MAP_PASSWORD", raising=False)
    return tmp_path


def _c02_shapefile_zip(tmp_path: Path, encoding: str) -> Path:
    """A zipped KSJ C02-style Shapefile whose .dbf is written in ``encoding`` (no .cpg, as KSJ ships it)."""
    gdf = gpd.GeoDataFrame(
        {
            "C02_001": ["1", "2", "1"],
            "C02_002": ["12", "13", "14"],
            "C02_005": ["博多港", "八代港", "三角港"],
        },
        geometry=[shapely.Point(130.40, 33.60), shapely.Point(130.56, 32.52), None],
        crs="EPSG:6668",
    )
    folder = tmp_path / f"c02_{encoding}"
    folder.mkdir()
    pyogrio.write_dataframe(gdf, folder / "C02-14_40.shp", encoding=encoding)
    (folder / "C02-14_40.cpg").unlink(missing_ok=True)
    out = tmp_path / f"C02-14_{encoding}.zip"
    with zipfile.ZipFile(out, "w") as zf:
        for part in sorted(folder.iterdir()):
            zf.write(part, f"C02-14_GML/{part.name}")
    return out


@pytest.mark.parametrize("encoding", ["cp932", "utf-8"])
def test_zipped_shapefile_c02_ports(tmp_path: Path, encoding: str) -> None:
    path = _c02_shapefile_zip(tmp_path, encoding)
    with zipfile.ZipFile(path) as zf:  # really Shift_JIS bytes in the .dbf
        dbf = next(n for n in zf.namelist() if n.endswith(".dbf"))
        assert ("博多港".encode(encoding)) in zf.read(dbf)
    plan = plan_layer_import(path, "ports")
    assert plan.dataset == "ksj_c02" and plan.counts == (2, 1)
    assert list(plan.accepted["name"]) == ["博多港", "八代港"]
    assert list(plan.accepted["subtype"]) == ["international_hub", "major"]
    assert list(plan.accepted["port_class"]) == ["国際拠点港湾", "重要港湾"]
    assert plan.rejected.iloc[0]["row"] == 3 and codes(plan.rejected.iloc[0]["reason"]) == ["layer_no_geometry"]
    assert reasons_text(plan.rejected.iloc[0]["reason"], "ja") == "位置（ジオメトリ）がありません"
    assert plan.mapping["C02_005"] == "name" and "KSJ" not in plan.licence or "国土数値情報" in plan.licence


KSJ_GML = """<?xml version="1.0" encoding="UTF-8"?>
<ksj:Dataset xmlns:ksj="http://nlftp.mlit.go.jp/ksj/schemas/ksj-app" xmlns:gml="http://www.opengis.net/gml/3.2"
  xmlns:xlink="http://www.w3.org/1999/xlink" gml:id="N02Dataset">
  <gml:description>国土数値情報 鉄道 (hand-made test file)</gml:description>
  <gml:Curve gml:id="cv_rss1">
    <gml:segments><gml:LineStringSegment>
      <gml:posList>32.880 130.780 32.870 130.800 32.860 130.820</gml:posList>
    </gml:LineStringSegment></gml:segments>
  </gml:Curve>
  <gml:Curve gml:id="cv_stn1">
    <gml:segments><gml:LineStringSegment>
      <gml:posList>32.8600 130.8200 32.8610 130.8220</gml:posList>
    </gml:LineStringSegment></gml:segments>
  </gml:Curve>
  <ksj:RailroadSection gml:id="eb03_1">
    <ksj:location xlink:href="#cv_rss1"/>
    <ksj:railwayType>12</ksj:railwayType>
    <ksj:serviceProviderType>5</ksj:serviceProviderType>
    <ksj:railwayLineName>豊肥線</ksj:railwayLineName>
    <ksj:operationCompany>九州旅客鉄道</ksj:operationCompany>
  </ksj:RailroadSection>
  <ksj:Station gml:id="eb02_1">
    <ksj:location xlink:href="#cv_stn1"/>
    <ksj:railwayType>12</ksj:railwayType>
    <ksj:serviceProviderType>5</ksj:serviceProviderType>
    <ksj:railwayLineName>豊肥線</ksj:railwayLineName>
    <ksj:operationCompany>九州旅客鉄道</ksj:operationCompany>
    <ksj:stationName>原水</ksj:stationName>
  </ksj:Station>
</ksj:Dataset>
"""


def test_ksj_gml_n02(tmp_path: Path) -> None:
    path = tmp_path / "N02-24.xml"
    path.write_text(KSJ_GML, encoding="utf-8")
    raw = read_layer_file(path)
    assert len(raw) == 2 and raw.geometry.iloc[0].coords[0] == pytest.approx((130.78, 32.88))  # lat-lon swapped
    rail = plan_layer_import(path, "railways")
    assert rail.dataset == "ksj_n02" and rail.counts == (2, 0)
    assert list(rail.accepted["name"]) == ["豊肥線", "原水"] and set(rail.accepted["operator"]) == {"九州旅客鉄道"}
    stations = plan_layer_import(path, "stations")  # mixed layer: the station keeps its platform line
    assert stations.accepted.iloc[1]["name"] == "原水"


def test_geojson_l05_area_is_computed_and_labelled(tmp_path: Path) -> None:
    square = shapely.box(130.80, 32.85, 130.81, 32.86)  # 935 m × 1,109 m ≈ 103.7 ha
    gdf = gpd.GeoDataFrame(
        {"L05_001": ["1"], "L05_002": ["テスト工業団地"], "L05_003": ["43404"], "L05_004": ["菊陽町"]},
        geometry=[square],
        crs=4326,
    )
    path = tmp_path / "L05.geojson"
    gdf.to_file(path, driver="GeoJSON")
    plan = plan_layer_import(path, "industrial_land")
    row = plan.accepted.iloc[0]
    assert plan.dataset == "ksj_l05" and row["name"] == "テスト工業団地" and row["muni_name"] == "菊陽町"
    assert row["area_ha"] == pytest.approx(103.7, abs=0.3) and "計算値" in row["area_source"]
    points = plan_layer_import(_points_geojson(tmp_path), "industrial_land")
    why = points.rejected.iloc[0]["reason"]
    assert points.counts == (0, 1) and codes(why) == ["layer_wrong_geometry"]
    assert reasons_text(why, "en") == "the layer Industrial land & estates needs polygon geometry"
    assert reasons_text(why, "ja") == "工業用地・工業団地には面（ポリゴン）のジオメトリが必要です"


def _points_geojson(tmp_path: Path) -> Path:
    path = tmp_path / "points.geojson"
    gpd.GeoDataFrame({"name": ["p"]}, geometry=[shapely.Point(*KIKUYO)], crs=4326).to_file(path, driver="GeoJSON")
    return path


def test_gpkg_p29_schools_and_old_edition_refused(tmp_path: Path) -> None:
    gdf = gpd.GeoDataFrame(
        {
            "P29_001": ["43404", "43404"],
            "P29_002": ["B143210000011", "C143210000022"],
            "P29_003": ["16001", "16004"],
            "P29_004": ["菊陽町立菊陽中部小学校", "熊本県立翔陽高等学校"],
            "P29_005": ["菊陽町", "大津町"],
        },
        geometry=[shapely.Point(130.83, 32.86), shapely.Point(130.86, 32.88)],
        crs=4326,
    )
    path = tmp_path / "P29.gpkg"
    gdf.to_file(path, driver="GPKG")
    plan = plan_layer_import(path, "schools")
    assert plan.dataset == "ksj_p29" and list(plan.accepted["school_class"]) == ["小学校", "高等学校"]
    assert list(plan.accepted["subtype"]) == ["p29_16001", "p29_16004"]
    old = gdf.assign(P29_004=["16001", "16004"])
    old.to_file(tmp_path / "P29-13.gpkg", driver="GPKG")
    with raises_words(InputFileError, "older P29 edition"):
        plan_layer_import(tmp_path / "P29-13.gpkg", "schools")


def test_prefecture_industrial_water_table(tmp_path: Path) -> None:
    path = tmp_path / "熊本県工業用水.csv"
    path.write_bytes(
        "事業名,施設名,給水能力（m3/日）,経度,緯度\n"
        '有明工業用水道,荒尾浄水場,"52,000",130.44,32.98\n'
        "八代工業用水道,,29000,130.60,32.50\n"
        "不明,位置なし,100,,\n".encode("cp932")
    )
    plan = plan_layer_import(path, "industrial_water")
    assert plan.dataset == "pref_industrial_water" and plan.counts == (2, 1)
    assert list(plan.accepted["name"]) == ["荒尾浄水場", "八代工業用水道"]
    assert list(plan.accepted["capacity_m3_day"]) == [52000.0, 29000.0]
    # a table's refused row as Excel numbers it (the header is row 1); a GIS file's by feature (below)
    assert plan.numbering == "row" and plan.rejected["row"].tolist() == [4]
    assert _c02_plan(tmp_path).numbering == "feature"


def _c02_plan(tmp_path: Path):
    return plan_layer_import(_c02_shapefile_zip(tmp_path, "utf-8"), "ports")


def test_write_needs_an_editor_and_shows_up_like_every_layer(tmp_path: Path) -> None:
    plan = plan_layer_import(_c02_shapefile_zip(tmp_path, "cp932"), "ports")
    with pytest.raises(EditorRequired):
        write_layer_import(plan, Actor("v", "viewer"))
    assert not (tmp_path / "cache").exists()
    write_layer_import(
        plan, Actor("e", "editor"), date="2014", licence="KSJ 非商用", region="40", completeness="complete"
    )
    row = {r.id: r for r in infra.layer_status("40")}["ports"]
    assert "C02" in row.source and "KSJ 非商用" in row.licence and "2014" in row.date
    assert row.completeness == "complete"  # complete for 福岡県 as the editor said
    loaded = infra.load_layer("ports", "40")
    assert "博多港" in set(loaded["name"])
    assert "出典：国土数値情報（港湾データ）" in " ".join(infra.credits_for(["ports"]))


def _add_editor(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("sys.stdin", io.StringIO("s3cret-passphrase\n"))
    assert cli.main(["users", "add", "alice", "--role", "editor", "--password-stdin"]) == 0


def test_cli_round_trip(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    path = _c02_shapefile_zip(tmp_path, "cp932")
    argv = ["layer-import", str(path), "--layer", "ports", "--source", "KSJ C02 (test)", "--date", "2014-07-01"]
    assert cli.main([*argv, "--dry-run"]) == 1  # one rejected row
    out = capsys.readouterr().out
    assert "地物 3: 除外: 位置（ジオメトリ）がありません / feature 3: rejected: no geometry" in out  # the 3rd feature
    assert "nothing written (dry run)" in out and "C02_005 → name" in out
    assert not (tmp_path / "cache").exists()
    assert cli.main([*argv, "--complete"]) == 2
    assert "--complete needs --region" in capsys.readouterr().err
    assert cli.main(argv) == 2  # no editor signed in: nothing written
    assert "editor sign-in required" in capsys.readouterr().err
    _add_editor(monkeypatch)
    monkeypatch.setattr("sys.stdin", io.StringIO("s3cret-passphrase\n"))
    assert cli.main([*argv, "--user", "alice", "--password-stdin"]) == 1
    assert "imported 2 feature(s) into layer ports" in capsys.readouterr().out
    assert cli.main(["layers", "--region", "40", "--json"]) == 0
    ports = {r["id"]: r for r in json.loads(capsys.readouterr().out)}["ports"]
    assert "KSJ C02 (test)" in ports["source"] and "2014-07-01" in ports["date"]
    assert ports["completeness"] == "partial"  # a file is partial unless said otherwise
    assert "読込ファイル（" in ports["completeness_ja"] and "の範囲のみ" in ports["completeness_ja"]


def test_cli_unreadable_file(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    bad = tmp_path / "broken.zip"
    bad.write_bytes(b"not a zip")
    assert cli.main(["layer-import", str(bad), "--layer", "ports", "--dry-run"]) == 2
    assert "nothing was written" in capsys.readouterr().err


def ksj_shift_jis(text: str) -> bytes:
    """Text as MLIT ships GeoJSON in the Shift-JIS folders of its zips: cp932, every 0x5C trail byte doubled."""
    out = bytearray()
    for ch in text:
        encoded = ch.encode("cp932")
        out += encoded + (b"\x5c" if len(encoded) == 2 and encoded[1] == 0x5C else b"")
    return bytes(out)


N02_STATION = {
    "type": "FeatureCollection",
    "name": "N02-23_Station",
    "features": [
        {
            "type": "Feature",
            "properties": {
                "N02_001": "11",
                "N02_002": "2",
                "N02_003": "七尾線",
                "N02_004": "西日本旅客鉄道",
                "N02_005": name,
                "N02_005c": code,
                "N02_005g": code,
            },
            "geometry": {"type": "LineString", "coordinates": [[lon, 37.13], [lon + 0.001, 37.131]]},
        }
        for name, code, lon in (("能登中島", "004459", 136.86), ("表示ソ十", "004460", 136.87))
    ],
}


@pytest.mark.parametrize("zipped", [False, True])
def test_ksj_geojson_in_shift_jis_as_mlit_ships_it(tmp_path: Path, zipped: bool, capsys) -> None:
    data = ksj_shift_jis(json.dumps(N02_STATION, ensure_ascii=False))
    assert b"\x94\x5c\x5c" in data  # 能 = 0x94 0x5C, its trail byte doubled
    with pytest.raises(UnicodeDecodeError):
        data.decode("utf-8")
    path = tmp_path / "N02-23_Station.geojson"
    path.write_bytes(data)
    if zipped:
        with zipfile.ZipFile(tmp_path / "N02-23_GML.zip", "w") as zf:
            zf.writestr("Shift-JIS/N02-23_Station.geojson", data)
        path = tmp_path / "N02-23_GML.zip"
    plan = plan_layer_import(path, "stations")
    assert plan.dataset == "ksj_n02" and plan.counts == (2, 0)
    assert list(plan.accepted["name"]) == ["能登中島", "表示ソ十"]  # 能 表 ソ 十 all end in 0x5C in cp932
    assert list(plan.accepted["line_name"]) == ["七尾線", "七尾線"]
    assert cli.main(["layer-import", str(path), "--layer", "stations", "--dry-run"]) == 0
    out = capsys.readouterr()
    assert "国土数値情報 N02 鉄道 (ksj_n02) → layer stations" in out.out and "2 row(s) accepted, 0 rejected" in out.out
    assert "Traceback" not in out.err


#: (file, its bytes, what the English words say is wrong, what the Japanese and English words say to do).
#: Binary bytes named .geojson are refused by their content before any reader (geo.io.gis_files), and an
#: empty file before its format is looked at (geo.io.tables.check_size).
UNREADABLE = [
    ("bad.geojson", b"\xff\xfe\x00garbage\x81", "holds another format", ("保存し直してください", "save it again")),
    (
        "broken.geojson",
        b'{"type": "FeatureCollection", "features": [',
        "not a readable GIS file",
        ("取り込んでください", "import it again"),
    ),
    ("empty.gpkg", b"", "the file is empty", ("別のファイルを選んでください", "choose another file")),
]


@pytest.mark.parametrize(("name", "data", "said", "todo"), UNREADABLE)
def test_unreadable_files_name_the_file_and_what_to_do(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], name: str, data: bytes, said: str, todo: tuple[str, str]
) -> None:
    path = tmp_path / name
    path.write_bytes(data)
    with pytest.raises(InputFileError) as err:
        read_layer_file(path)
    text = error_text(err.value, "en")
    assert name in text and said in text and todo[1] in text
    assert name in error_text(err.value, "ja") and todo[0] in error_text(err.value, "ja")
    assert cli.main(["layer-import", str(path), "--layer", "stations", "--dry-run"]) == 2
    message = capsys.readouterr().err
    assert name in message and said in message and "Traceback" not in message


@pytest.mark.apptest
def test_layer_import_page_renders() -> None:
    from streamlit.testing.v1 import AppTest

    at = AppTest.from_file(str(Path(__file__).resolve().parent.parent / "app.py"), default_timeout=120)
    at.run()
    at.switch_page("ui/pages/layer_import.py").run()
    assert not at.exception, at.exception
    assert at.title[0].value == "レイヤの読込（国土数値情報・自治体データ）"
    assert at.selectbox(key="layer_import_layer").value == "roads"
    assert not [b for b in at.button if b.key and "layer_import" in b.key]  # nothing to write before a file

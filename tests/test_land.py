"""Industrial land: parcel files, balance per prefecture/block with known answers, reach, import, CLI."""

from __future__ import annotations

import json
import math
from pathlib import Path

import geopandas as gpd
import numpy as np
import pandas as pd
import pytest
from pyproj import Geod
from shapely.geometry import Point, box

from chiiki_cli import main as cli
from geo.analysis import land
from geo.analysis.land_balance import (
    balance_records,
    block_balance,
    land_balance,
    parcels_within_reach,
    reach_summary,
)
from geo.store import open_store
from geo.store.users import activity, add_user
from i18n.reasons import reasons_text
from tests.support.wording import raises_words

KUMAMOTO = (130.80, 32.85)  # 熊本県 (43)
FUKUOKA = (130.40, 33.59)  # 福岡市 (40)
SAGA = (130.30, 33.25)  # 佐賀市 (41)
HEADER = "団地名,総面積（ha）,分譲可能面積（ha）,分譲価格（円/㎡）,状況,出典,経度,緯度\n"


@pytest.fixture(autouse=True)
def _var(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("CHIIKI_MAP_VAR", str(tmp_path / "var"))


def _parcels(rows: list[tuple[str, float, float, tuple[float, float]]]) -> gpd.GeoDataFrame:
    df = pd.DataFrame(
        {
            "name": [r[0] for r in rows],
            "total_ha": [r[1] for r in rows],
            "available_ha": [r[2] for r in rows],
            "lon": [r[3][0] for r in rows],
            "lat": [r[3][1] for r in rows],
        }
    )
    accepted, rejected = land.validate_parcels(df, source="test")
    assert rejected.empty
    return accepted


def _sites(rows: list[tuple[str, str, float, tuple[float, float]]]) -> pd.DataFrame:
    from geo.regions import locate_many

    df = pd.DataFrame({"name": [r[0] for r in rows], "status": [r[1] for r in rows], "land_ha": [r[2] for r in rows]})
    df["pref_code"] = locate_many([r[3][0] for r in rows], [r[3][1] for r in rows])["pref_code"].to_numpy()
    return df


PARCELS = [("熊本A", 20.0, 10.0, KUMAMOTO), ("熊本B", 30.0, np.nan, KUMAMOTO), ("福岡C", 5.0, 5.0, FUKUOKA)]
SITES = [
    ("s1", "construction", 4.0, KUMAMOTO),
    ("s2", "operating", 100.0, KUMAMOTO),
    ("s3", "planned", np.nan, KUMAMOTO),
    ("s4", "concept", 8.0, FUKUOKA),
]


def test_balance_per_prefecture_by_hand() -> None:
    table = land_balance(_parcels(PARCELS), _sites(SITES), ["40", "41", "43"]).set_index("pref_code")
    k = table.loc["43"]  # available 10 (B unknown), demand 4 (s2 operating, s3 no figure)
    assert (k.available_ha, k.demand_ha, k.balance_ha) == (10.0, 4.0, 6.0)
    assert (k.unknown_parcels, k.n_parcels, k.demand_sites, k.demand_unknown_sites, k.status) == (1, 2, 2, 1, "surplus")
    f = table.loc["40"]  # 5 − 8
    assert (f.available_ha, f.demand_ha, f.balance_ha, f.status) == (5.0, 8.0, -3.0, "shortfall")
    s = table.loc["41"]  # no parcel data: unknown, never 0
    assert math.isnan(s.available_ha) and math.isnan(s.balance_ha) and s.status == "unknown"
    assert s.unknown_parcels == 0 and math.isnan(s.demand_ha)  # no demand site discloses land: unknown


def test_demand_unknown_when_no_site_discloses_land() -> None:
    sites = _sites([("s1", "planned", np.nan, KUMAMOTO), ("s2", "concept", np.nan, KUMAMOTO)])
    row = land_balance(_parcels(PARCELS[:1]), sites, ["43"]).iloc[0]
    assert math.isnan(row.demand_ha) and row.demand_unknown_sites == 2
    assert math.isnan(row.balance_ha) and row.status == "unknown"
    records = balance_records(land_balance(_parcels(PARCELS[:1]), sites, ["43"]))
    assert records[0]["demand_ha"] is None and records[0]["available_ha"] == 10.0


def test_only_unknown_availability_stays_unknown() -> None:
    table = land_balance(_parcels([("熊本B", 30.0, np.nan, KUMAMOTO)]), _sites(SITES[:1]), ["43"])
    row = table.iloc[0]
    assert math.isnan(row.available_ha) and math.isnan(row.balance_ha)
    assert row.unknown_parcels == 1 and row.status == "unknown"


def test_block_balance() -> None:
    table = land_balance(_parcels(PARCELS), _sites(SITES), [f"{c}" for c in range(40, 47)])
    kyushu = block_balance(table).set_index("block").loc["kyushu"]
    assert (kyushu.available_ha, kyushu.demand_ha, kyushu.balance_ha) == (15.0, 12.0, 3.0)
    assert (kyushu.unknown_prefs, kyushu.unknown_parcels, kyushu.n_parcels) == (5, 1, 3)
    unknown = block_balance(table[table["pref_code"] == "41"]).iloc[0]
    assert math.isnan(unknown.available_ha) and unknown.status == "unknown"


def test_parcel_file_with_japanese_headers(tmp_path: Path) -> None:
    path = tmp_path / "熊本県産業用地.csv"
    path.write_bytes(
        (
            HEADER + '菊陽テスト団地,12.5,3,"15,000",分譲中,県HP 2025,130.80,32.88\n'
            "空欄団地,8,,,,,130.81,32.86\n"
            "負の団地,-1,,,,,130.8,32.8\n"
            "超過団地,2,5,,,,130.8,32.8\n"
            "海外団地,1,1,,,,-0.1,51.5\n"
            "位置なし,1,1,,,,,\n"
        ).encode("cp932")
    )
    accepted, rejected = land.load_parcel_file(path)
    assert accepted["name"].tolist() == ["菊陽テスト団地", "空欄団地"]
    first = accepted.iloc[0]
    assert (first.total_ha, first.available_ha, first.price_yen_m2, first.status) == (12.5, 3.0, 15000.0, "分譲中")
    assert first.pref_code == "43" and first.block == "kyushu" and first.source == "県HP 2025"
    assert math.isnan(accepted.iloc[1].available_ha)  # empty = unknown, not 0
    assert accepted.iloc[1].source == path.name and accepted.iloc[1].source_id == f"{path.name}:3"
    reasons = {row: reasons_text(why, "en") for row, why in zip(rejected["row"], rejected["reason"])}
    assert sorted(reasons) == [4, 5, 6, 7]  # as Excel numbers them: the header is row 1
    assert "total_ha -1.0 is negative" in reasons[4]
    assert "exceeds total_ha" in reasons[5]
    assert "outside Japan" in reasons[6]
    assert "no location" in reasons[7]


def test_geojson_polygons_and_ksj_l05_names(tmp_path: Path) -> None:
    path = tmp_path / "l05.geojson"
    gpd.GeoDataFrame(
        {"L05_001": ["a1"], "L05_002": ["テスト工業団地"]},
        geometry=[box(130.79, 32.87, 130.81, 32.89)],
        crs="EPSG:4326",
    ).to_file(path)
    accepted, rejected = land.load_parcel_file(path)
    assert rejected.empty
    row = accepted.iloc[0]
    assert (row["name"], row.source_id, row.pref_code) == ("テスト工業団地", "a1", "43")
    assert row.geometry.geom_type == "Polygon" and math.isnan(row.available_ha)
    area = land.metric_area_ha(accepted.geometry).iloc[0]
    lons, lats = [130.79, 130.81, 130.81, 130.79], [32.87, 32.87, 32.89, 32.89]
    geodesic = abs(Geod(ellps="GRS80").polygon_area_perimeter(lons, lats)[0]) / 10_000
    assert area == pytest.approx(geodesic, rel=0.01)


def test_duplicate_headers_are_an_error() -> None:
    with raises_words(ValueError, "both mean 'name'"):
        land.validate_parcels(pd.DataFrame({"団地名": ["a"], "名称": ["b"], "lon": [130.8], "lat": [32.8]}))


def test_import_list_load_remove(tmp_path: Path) -> None:
    path = tmp_path / "pref43.csv"
    path.write_text(HEADER + "団地X,10,4,,分譲中,test,130.80,32.88\n", encoding="utf-8")
    target, accepted, rejected = land.import_parcels(path)
    assert target == land.land_dir() / "pref43.parquet" and len(accepted) == 1 and rejected.empty
    assert land.list_imports() == ["pref43"]
    parcels = land.load_parcels("43", sample=False, osm=False)
    assert parcels["name"].tolist() == ["団地X"] and parcels["origin"].tolist() == ["import"]
    assert land.load_parcels("01", sample=False, osm=False).empty
    land.remove_import("pref43")
    assert land.list_imports() == []
    with raises_words(ValueError, "no imported parcel file named 'pref43'"):
        land.remove_import("pref43")
    bad = tmp_path / "bad.csv"
    bad.write_text(HEADER + "x,1,1,,,,,\n", encoding="utf-8")
    with raises_words(ValueError, "no usable parcel rows"):
        land.import_parcels(bad)


def test_parcels_within_reach_distances_by_hand() -> None:
    geod = Geod(ellps="GRS80")
    lon0, lat0 = KUMAMOTO
    pts = {km: geod.fwd(lon0, lat0, 90, km * 1000)[:2] for km in (10, 20)}
    parcels = _parcels([("p10", 5, 1, pts[10]), ("p20", 5, np.nan, pts[20])])
    areas = gpd.GeoDataFrame({"id": ["c1"]}, geometry=[Point(lon0, lat0)], crs="EPSG:4326")
    pairs = parcels_within_reach(areas, parcels, 15)
    assert pairs["parcel"].tolist() == ["p10"]
    assert pairs["distance_km"].iloc[0] == pytest.approx(10, rel=0.01)
    both = parcels_within_reach(areas, parcels, 25)
    assert both["parcel"].tolist() == ["p10", "p20"]
    assert both["distance_km"].iloc[1] == pytest.approx(20, rel=0.01)
    summary = reach_summary(both).iloc[0]
    assert (summary.n_parcels, summary.available_ha, summary.unknown_parcels) == (2, 1.0, 1)
    with raises_words(ValueError, "no column 'cluster'"):
        parcels_within_reach(areas, parcels, 5, id_column="cluster")


def test_cli_land_json(tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> None:
    sites = tmp_path / "sites.csv"
    sites.write_text(
        "name,plan_type,field,status,land_ha,lon,lat\n"
        f"s1,A,ai_semiconductor,construction,4,{KUMAMOTO[0]},{KUMAMOTO[1]}\n"
        f"s2,A,ai_semiconductor,operating,100,{KUMAMOTO[0]},{KUMAMOTO[1]}\n",
        encoding="utf-8",
    )
    parcels = tmp_path / "p.csv"
    parcels.write_text(
        HEADER + f"団地X,20,10,,,t,{KUMAMOTO[0]},{KUMAMOTO[1]}\n団地Y,20,,,,t,{KUMAMOTO[0]},{KUMAMOTO[1]}\n",
        encoding="utf-8",
    )
    monkeypatch.delenv("DATABASE_URL", raising=False)
    monkeypatch.delenv("CHIIKI_MAP_STORE", raising=False)
    add_user(open_store(), "lena", "editor", "parcel lantern river")
    monkeypatch.setenv("CHIIKI_MAP_PASSWORD", "parcel lantern river")
    assert cli.main(["land-import", str(parcels)]) == 2  # an editor is required
    assert "editor sign-in required" in capsys.readouterr().err
    assert cli.main(["land-import", str(parcels), "--user", "lena"]) == 0
    assert "imported 2 parcel(s)" in capsys.readouterr().out
    log = activity(open_store())
    assert log[["user", "action", "target"]].values.tolist()[-1] == ["lena", "land_import", "p"]
    assert cli.main(["land", "--region", "kyushu", "--sites", str(sites), "--no-osm", "--no-sample", "--json"]) == 0
    data = {d["pref_code"]: d for d in json.loads(capsys.readouterr().out)}
    assert sorted(data) == [str(c) for c in range(40, 47)]
    assert all(
        list(d)[:5] == ["pref_code", "available_ha", "demand_ha", "balance_ha", "unknown_parcels"]
        for d in data.values()
    )
    assert {k: data["43"][k] for k in ("available_ha", "demand_ha", "balance_ha", "unknown_parcels")} == {
        "available_ha": 10.0,
        "demand_ha": 4.0,
        "balance_ha": 6.0,
        "unknown_parcels": 1,
    }
    assert data["41"]["available_ha"] is None and data["41"]["balance_ha"] is None  # unknown, not 0
    assert data["41"]["demand_ha"] is None  # no demand site discloses land: null, not 0
    assert cli.main(["land", "--region", "佐賀", "--no-osm"]) == 0
    assert "unknown" in capsys.readouterr().out


def test_sample_parcels_file() -> None:
    from geo.regions import locate

    raw = pd.read_csv(land.SAMPLE_PARCELS_CSV, dtype=str, keep_default_na=False)
    assert len(raw) >= 8 and raw["name"].is_unique
    for row in raw.itertuples():
        found = locate(float(row.lon), float(row.lat))
        assert found is not None and found["pref_name_ja"] == row.prefecture, row.name
    assert (raw["is_sample"] == "true").all()
    assert raw["source"].str.startswith("SAMPLE.").all()
    assert raw["source"].str.contains("approximate").all() and raw["source"].str.len().gt(60).all()
    assert (raw["available_ha"] == "").all()  # not publicly confirmed: left unknown
    parcels = land.sample_parcels()
    assert len(parcels) == len(raw) and parcels["is_sample"].all()
    assert set(parcels["block"]) >= {"kyushu", "hokkaido"}
    assert parcels["available_ha"].isna().all()

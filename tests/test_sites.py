"""geo.sites.schema: Japanese headers/values, encodings, every rejection reason, nothing lost."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from geo.io.reasons import Reason, codes
from geo.sites.schema import (
    DERIVED_COLUMNS,
    HEADER_ALIASES,
    SITE_COLUMNS,
    normalise_columns,
    read_sites_file,
    validate_sites,
)
from i18n.reasons import reasons_text
from tests.support.wording import raises_words

JA_HEADER = (
    "名称,計画類型,分野,企業名,投資額（億円）,雇用者数,用地面積（ha）,工業用水（m3/日）,電力（MW）,状況,出典,経度,緯度"
)
JA_ROWS = [
    '熊本サンプル,戦略産業クラスター計画,AI・半導体,テスト社,"1,000",500,20,8000,50,稼働,テスト出典,130.845,32.882',
    "千歳サンプル,地域産業クラスター計画,情報通信,,,,,,,構想,,141.70,42.81",
    "有田サンプル,地場産業成長プラン,伝統工芸品,,,,,,,計画,,129.89,33.19",
]


def _good(**overrides: object) -> dict[str, object]:
    row: dict[str, object] = {
        "name": "site",
        "plan_type": "A",
        "field": "ai_semiconductor",
        "status": "planned",
        "lon": "130.845",
        "lat": "32.882",
    }
    row.update(overrides)
    return row


def _reasons(**overrides: object) -> tuple[Reason, ...]:
    """Validate one row that differs from a good row by ``overrides``; return its reasons."""
    accepted, rejected = validate_sites(pd.DataFrame([_good(**overrides)]))
    assert len(accepted) == 0 and len(rejected) == 1
    return tuple(rejected["reason"].iloc[0])


def _reason(lang: str = "en", **overrides: object) -> str:
    """The reasons of a row that differs from a good row by ``overrides``, worded in ``lang``."""
    return reasons_text(_reasons(**overrides), lang)


def test_header_aliases_cover_the_japanese_headers() -> None:
    for header in (
        "名称",
        "計画類型",
        "分野",
        "企業名",
        "投資額（億円）",
        "投資額(億円)",
        "雇用",
        "雇用者数",
        "用地面積（ha）",
        "工業用水（m3/日）",
        "電力（MW）",
        "状況",
        "ステータス",
        "出典",
        "経度",
        "緯度",
    ):
        assert normalise_columns(pd.DataFrame(columns=[header])).columns[0] in SITE_COLUMNS, header
    assert set(HEADER_ALIASES.values()) <= set(SITE_COLUMNS)


def test_half_width_brackets_and_unknown_columns() -> None:
    df = pd.DataFrame(columns=["用地面積(ha)", "電力(MW)", "memo"])
    assert list(normalise_columns(df).columns) == ["land_ha", "power_mw", "memo"]


def test_duplicate_meaning_headers_raise() -> None:
    with raises_words(ValueError, "雇用者数"):
        normalise_columns(pd.DataFrame(columns=["雇用", "雇用者数"]))


def test_japanese_headers_and_values(tmp_path: Path) -> None:
    path = tmp_path / "ja.csv"
    path.write_text("\n".join([JA_HEADER, *JA_ROWS]) + "\n", encoding="utf-8")
    accepted, rejected = validate_sites(read_sites_file(path))
    assert rejected.empty, rejected["reason"].tolist()
    assert accepted.crs.to_epsg() == 4326
    assert list(accepted.columns) == SITE_COLUMNS + DERIVED_COLUMNS + ["geometry"]
    assert accepted["plan_type"].tolist() == ["A", "B", "C"]
    assert accepted["field"].tolist() == ["ai_semiconductor", "ict", "crafts"]
    assert accepted["status"].tolist() == ["operating", "concept", "planned"]
    first = accepted.iloc[0]
    assert (first["investment_oku_yen"], first["jobs"], first["land_ha"]) == (1000.0, 500.0, 20.0)
    assert (first["water_m3_day"], first["power_mw"]) == (8000.0, 50.0)
    assert accepted["pref_code"].tolist() == ["43", "01", "41"]
    assert accepted["block"].tolist() == ["kyushu", "hokkaido", "kyushu"]
    assert first["muni_code"] == "43404"  # 菊陽町
    assert accepted.geometry.iloc[0].x == pytest.approx(130.845)
    assert not accepted["is_sample"].any()


@pytest.mark.parametrize("encoding,prefix", [("cp932", b""), ("utf-8", b"\xef\xbb\xbf"), ("utf-8", b"")])
def test_csv_encodings_are_detected(tmp_path: Path, encoding: str, prefix: bytes) -> None:
    path = tmp_path / "sites.csv"
    path.write_bytes(prefix + ("\n".join([JA_HEADER, *JA_ROWS]) + "\n").encode(encoding))
    df = read_sites_file(path)
    assert df.columns[0] == "名称"
    assert df["名称"].tolist() == ["熊本サンプル", "千歳サンプル", "有田サンプル"]
    accepted, rejected = validate_sites(df)
    assert len(accepted) == 3 and rejected.empty


def test_undecodable_file_says_which_encodings(tmp_path: Path) -> None:
    path = tmp_path / "bad.csv"
    path.write_bytes(b"name\n\x80\x81\xff\xfe\n")
    with raises_words(ValueError, "UTF-8 or Shift_JIS"):
        read_sites_file(path)


def test_unsupported_and_missing_files(tmp_path: Path) -> None:
    (tmp_path / "sites.ods").write_bytes(b"x")
    with raises_words(ValueError, "unsupported file type"):
        read_sites_file(tmp_path / "sites.ods")
    (tmp_path / "broken.xlsx").write_bytes(b"x")
    with raises_words(ValueError, "not a readable Excel workbook"):
        read_sites_file(tmp_path / "broken.xlsx")


def test_excel_with_japanese_headers(tmp_path: Path) -> None:
    frame = pd.DataFrame(
        {
            "名称": ["テスト工場"],
            "計画類型": ["A"],
            "分野": ["AI・半導体"],
            "状況": ["計画"],
            "投資額（億円）": ["120"],
            "経度": ["130.84"],
            "緯度": ["32.88"],
        }
    )
    frame.to_excel(tmp_path / "sites.xlsx", index=False)
    accepted, rejected = validate_sites(read_sites_file(tmp_path / "sites.xlsx"))
    assert rejected.empty, rejected
    # indexed by the row as Excel shows it (the header is row 1)
    assert accepted.loc[2, "field"] == "ai_semiconductor"
    assert accepted.loc[2, "pref_code"] == "43"
    assert accepted.loc[2, "investment_oku_yen"] == 120
    with raises_words(FileNotFoundError, "nothere.csv"):
        read_sites_file(tmp_path / "nothere.csv")


def test_geojson_takes_coordinates_from_geometry(tmp_path: Path) -> None:
    fc = {
        "type": "FeatureCollection",
        "features": [
            {
                "type": "Feature",
                "geometry": {"type": "Point", "coordinates": [141.70, 42.81]},
                "properties": {"名称": "Rapidus", "計画類型": "A", "分野": "AI・半導体", "状況": "着工"},
            },
            {
                "type": "Feature",
                "geometry": {"type": "Point", "coordinates": [0.0, 0.0]},
                "properties": {"名称": "Null island", "計画類型": "A", "分野": "AI・半導体", "状況": "着工"},
            },
        ],
    }
    path = tmp_path / "sites.geojson"
    path.write_text(json.dumps(fc, ensure_ascii=False), encoding="utf-8")
    accepted, rejected = validate_sites(read_sites_file(path))
    assert accepted["name"].tolist() == ["Rapidus"]
    assert accepted["pref_code"].tolist() == ["01"] and accepted["status"].tolist() == ["construction"]
    assert rejected["row"].tolist() == [2]  # the second feature
    assert "日本国外" in reasons_text(rejected["reason"].iloc[0], "ja")


@pytest.mark.parametrize(
    "overrides,code,en,ja",
    [
        ({"name": "  "}, "name_empty", "Name (名称) is empty", "名称が空です"),
        ({"plan_type": ""}, "term_empty", "Plan type (計画類型) is empty", "計画類型が空です"),
        (
            {"plan_type": "Z"},
            "term_unknown",
            "Plan type 'Z' is not known: use one of A (Strategic industry cluster plan)",
            "計画類型「Z」は使えません。次のいずれかを指定してください: A（戦略産業クラスター計画）",
        ),
        ({"field": ""}, "term_empty", "Field (分野) is empty", "分野が空です"),
        (
            {"field": "xyz"},
            "term_unknown",
            "Field 'xyz' is not known: use one of AI & semiconductors, Shipbuilding",
            "分野「xyz」は使えません。次のいずれかを指定してください: AI・半導体、造船",
        ),
        (
            {"plan_type": "C"},
            "field_plan_mismatch",
            "field 'AI & semiconductors' does not fit plan type C",
            "分野「AI・半導体」は計画Cには使えません",
        ),
        (
            {"field": "tourism"},
            "field_plan_mismatch",
            "field 'Tourism' does not fit plan type A",
            "分野「観光」は計画Aには",
        ),
        ({"status": ""}, "term_empty", "Status (状況) is empty", "状況が空です"),
        ({"status": "done"}, "term_unknown", "Status 'done' is not known: use one of ", "状況「done」は使えません"),
        (
            {"investment_oku_yen": "abc"},
            "not_a_number",
            "Investment (100 million yen) 'abc' is not a number",
            "投資額（億円）「abc」は数値ではありません",
        ),
        ({"jobs": "-3"}, "negative", "Jobs -3.0 is negative", "雇用（人）が負の値（-3.0）です"),
        (
            {"power_mw": "inf"},
            "not_finite",
            "Power (MW) must be a finite number",
            "電力（MW）は有限の数値にしてください",
        ),
        ({"is_sample": "maybe"}, "sample_not_bool", "the sample flag 'maybe' is not true/false", "サンプル「maybe」は"),
        ({"lon": "", "lat": ""}, "coords_missing", "coordinates are missing", "座標（経度・緯度）がありません"),
        (
            {"lon": "east", "lat": "32.9"},
            "coords_not_numbers",
            "coordinates are not numbers (lon 'east', lat '32.9')",
            "座標が数値ではありません（経度「east」、緯度「32.9」）",
        ),
        (
            {"lon": "nan", "lat": "32.9"},
            "coords_not_finite",
            "coordinates are not finite (lon nan, lat 32.9)",
            "（経度 nan、緯度 32.9）",
        ),
        (
            {"lon": "inf", "lat": "32.9"},
            "coords_not_finite",
            "coordinates are not finite (lon inf, lat 32.9)",
            "（経度 inf、緯度 32.9）",
        ),
        (
            {"lon": "0", "lat": "0"},
            "outside_far",
            "coordinates outside Japan (lon 0.0, lat 0.0): check they are WGS 84 degrees",
            "緯度経度が日本国外です（経度 0.0、緯度 0.0）",
        ),
        (
            {"lon": "135.0", "lat": "30.0"},
            "outside_sea",
            "the point lies in the sea",
            "海上または日本の陸域の外です",
        ),
        (
            {"lon": "32.882", "lat": "130.845"},
            "outside_swapped",
            "lon and lat look swapped",
            "経度と緯度が入れ替わっているようです",
        ),
    ],
)
def test_every_rejection_reason(overrides: dict[str, object], code: str, en: str, ja: str) -> None:
    assert codes(_reasons(**overrides)) == [code]
    assert en in _reason("en", **overrides)
    assert ja in _reason("ja", **overrides)


def test_missing_column_rejects_every_row_without_losing_any() -> None:
    df = pd.DataFrame([_good(), _good()]).drop(columns=["lat"])
    accepted, rejected = validate_sites(df)
    assert accepted.empty and rejected["row"].tolist() == [2, 3]
    assert [reasons_text(r, "en") for r in rejected["reason"]] == [
        "column 'lat' (緯度（北緯・度）) is missing from the file"
    ] * 2
    assert reasons_text(rejected["reason"].iloc[0], "ja") == "列「緯度（北緯・度）」（lat）がファイルにありません"


def test_several_problems_are_reported_together() -> None:
    assert codes(_reasons(name="", field="xyz", lon="0", lat="0")) == ["name_empty", "term_unknown", "outside_far"]
    assert _reason("en", name="", field="xyz", lon="0", lat="0").count("; ") == 2
    assert _reason("ja", name="", field="xyz", lon="0", lat="0").count("。") >= 2


def test_accepted_plus_rejected_equals_input() -> None:
    rows = [
        _good(),
        _good(name=""),
        _good(lon="0", lat="0"),
        _good(field="foodtech", plan_type="B"),
        _good(status="稼働"),
        _good(jobs="abc"),
        _good(lon=np.nan, lat=np.nan),
    ]
    df = pd.DataFrame(rows, index=[10, 11, 12, 13, 14, 15, 16])
    df["extra"] = list("abcdefg")
    accepted, rejected = validate_sites(df)
    assert len(accepted) + len(rejected) == len(df)
    assert sorted([*accepted.index, *rejected.index]) == list(df.index)
    assert accepted.index.tolist() == [10, 13, 14]
    assert rejected["row"].tolist() == [3, 4, 7, 8]  # as Excel numbers them: the header is row 1
    # rejected rows are the original rows, unchanged, with row and reason added
    pd.testing.assert_frame_equal(rejected.drop(columns=["row", "reason"]), df.loc[rejected.index])


def test_html_in_a_name_is_kept_as_plain_text() -> None:
    name = '<script>alert("x")</script><b>工場</b> & Co'
    accepted, rejected = validate_sites(pd.DataFrame([_good(name=name, company="<i>A&B</i>")]))
    assert rejected.empty
    assert accepted["name"].iloc[0] == name
    assert accepted["company"].iloc[0] == "<i>A&B</i>"


def test_full_width_numbers_and_is_sample_values() -> None:
    df = pd.DataFrame([_good(investment_oku_yen="１，２００", is_sample="true"), _good(is_sample="0")])
    accepted, rejected = validate_sites(df)
    assert rejected.empty
    assert accepted["investment_oku_yen"].iloc[0] == 1200.0
    assert accepted["is_sample"].tolist() == [True, False]


def test_numeric_input_columns_are_accepted() -> None:
    df = pd.DataFrame([_good(lon=130.845, lat=32.882, jobs=10, investment_oku_yen=np.nan)])
    accepted, rejected = validate_sites(df)
    assert rejected.empty and accepted["jobs"].iloc[0] == 10.0
    assert np.isnan(accepted["investment_oku_yen"].iloc[0])


def test_coastal_point_snaps_to_land() -> None:
    # 石狩湾新港 just off the simplified coastline (within the 2 km snapping tolerance)
    accepted, rejected = validate_sites(pd.DataFrame([_good(lon="141.29", lat="43.215")]))
    assert rejected.empty, rejected["reason"].tolist()
    assert accepted["pref_code"].iloc[0] == "01"


def test_every_reason_code_has_words_in_both_languages() -> None:
    import re

    from i18n import TEXT

    source = "\n".join(p.read_text(encoding="utf-8") for p in Path("geo").rglob("*.py"))
    found = set(re.findall(r'Reason\.of\(\s*"(\w+)"', source))
    found |= set(re.findall(r'code = "(\w+)" if swapped else "(\w+)" if in_box else "(\w+)"', source)[0])
    assert {"name_empty", "outside_sea", "duplicate_existing", "geometry_multipoint"} <= found
    for code in found:
        ja, en = TEXT[f"reason_{code}"]
        assert ja and en and ja != en

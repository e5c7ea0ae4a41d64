"""geo.sites.imports (upload → mapping → plan), geo.sites.edit (one record, diffs, audit) and geo.io.safe_csv."""

from __future__ import annotations

import io
import json

import geopandas as gpd
import pandas as pd
import pytest

from geo.config import SAMPLE_SITES_CSV
from geo.io.reasons import codes
from geo.io.safe_csv import safe_csv
from geo.sites.duplicates import find_duplicates
from geo.sites.edit import audit_changes, changed_fields, check_site, local_time
from geo.sites.imports import apply_mapping, plan_import, read_upload, suggest_mapping
from geo.sites.schema import read_sites_file, validate_sites
from i18n.reasons import reasons_text
from tests.support.wording import raises_words

HEADER = "名称,計画類型,分野,状況,投資額（億円）,経度,緯度,メモ\n"
ROWS = [
    "新工場A,A,半導体,計画,100,130.70,32.80,ok",
    "新工場B,A,,計画,50,130.71,32.81,missing field",
    "新工場C,A,rocket_science,計画,5,130.72,32.82,unknown field",
    "=cmd|' /C calc'!A0,A,半導体,計画,10,2.35,48.85,outside Japan",
    "新工場E,A,半導体,計画,百億,130.73,32.83,non-numeric",
    "JASM 熊本第1工場 (JASM fab 1),A,ai_semiconductor,稼働,,130.845,32.882,duplicate",
    "新工場A,A,半導体,計画,100,130.7001,32.8001,duplicate in file",
]


@pytest.fixture(scope="module")
def existing() -> gpd.GeoDataFrame:
    sites, _ = validate_sites(read_sites_file(SAMPLE_SITES_CSV))
    return sites.assign(site_id=range(1, len(sites) + 1))


def test_shift_jis_csv_maps_japanese_headers_and_reports_each_problem(existing) -> None:
    raw = read_upload("sites.csv", (HEADER + "\n".join(ROWS) + "\n").encode("cp932"))
    mapping = suggest_mapping(list(raw.columns))
    assert mapping["名称"] == "name" and mapping["投資額（億円）"] == "investment_oku_yen"
    assert mapping["経度"] == "lon" and mapping["メモ"] == ""
    plan = plan_import(raw, mapping, existing)
    assert plan.counts == (1, 6)
    assert plan.accepted["name"].tolist() == ["新工場A"]
    assert plan.accepted["pref_code"].tolist() == ["43"]
    reasons = {memo: reasons_text(why, "en") for memo, why in zip(plan.rejected["メモ"], plan.rejected["reason"])}
    assert "Field (分野) is empty" in reasons["missing field"]
    assert "Field 'rocket_science' is not known" in reasons["unknown field"]
    assert "outside Japan" in reasons["outside Japan"]
    assert "Investment (100 million yen) '百億' is not a number" in reasons["non-numeric"]
    assert "duplicate of existing site #1" in reasons["duplicate"]
    assert "earlier row in this file" in reasons["duplicate in file"]
    ja = {memo: reasons_text(why, "ja") for memo, why in zip(plan.rejected["メモ"], plan.rejected["reason"])}
    assert "分野が空です" in ja["missing field"] and "日本国外" in ja["outside Japan"]
    assert "登録済みの候補地 #1「JASM 熊本第1工場 (JASM fab 1)」と重複" in ja["duplicate"]
    assert "このファイルの前の行と重複" in ja["duplicate in file"]
    # the row as Excel shows it: the header is row 1, so the second data row is row 3
    assert plan.rejected["row"].tolist() == [3, 4, 5, 6, 7, 8]


def test_rows_are_numbered_as_excel_shows_them_even_after_blank_rows(existing, tmp_path) -> None:
    bad = "新工場Z,A,rocket_science,計画,5,130.72,32.82,bad"
    csv_text = HEADER + ROWS[0] + "\n\n,,,,,,,\n" + bad + "\n"
    raw = read_upload("sites.csv", csv_text.encode("utf-8"))
    plan = plan_import(raw, suggest_mapping(list(raw.columns)), existing)
    assert plan.counts == (1, 1) and plan.rejected["row"].tolist() == [5] and plan.numbering == "row"
    frame = pd.read_csv(io.StringIO(csv_text), skip_blank_lines=False, dtype=str, keep_default_na=False)
    frame.to_excel(tmp_path / "sites.xlsx", index=False)
    raw = read_upload("sites.xlsx", (tmp_path / "sites.xlsx").read_bytes())
    plan = plan_import(raw, suggest_mapping(list(raw.columns)), existing)
    assert plan.counts == (1, 1) and plan.rejected["row"].tolist() == [5]


def test_user_mapping_overrides_and_clashes(existing) -> None:
    raw = pd.DataFrame(
        {"title": ["新工場X"], "kind": ["C"], "sector": ["観光"], "phase": ["構想"], "x": ["131.0"], "y": ["33.2"]}
    )
    mapping = suggest_mapping(raw.columns)
    assert mapping["title"] == "" and mapping["x"] == "lon"
    mapping.update(title="name", kind="plan_type", sector="field", phase="status")
    plan = plan_import(raw, mapping, existing)
    assert plan.counts == (1, 0) and plan.accepted["field"].iloc[0] == "tourism"
    with raises_words(ValueError, "title, kind → name"):
        apply_mapping(raw, {**mapping, "kind": "name"})


def test_geojson_and_geopackage_uploads(tmp_path, existing) -> None:
    gdf = gpd.GeoDataFrame(
        {"名称": ["港の新倉庫"], "計画類型": ["A"], "分野": ["port_logistics"], "状況": ["計画"]},
        geometry=gpd.points_from_xy([130.40], [33.60]),
        crs="EPSG:4326",
    )
    gpkg = tmp_path / "in.gpkg"
    gdf.to_file(gpkg, layer="sites", driver="GPKG")
    for name, data in (("in.geojson", gdf.to_json().encode()), ("in.gpkg", gpkg.read_bytes())):
        raw = read_upload(name, data)
        plan = plan_import(raw, suggest_mapping(raw.columns), existing)
        assert plan.counts == (1, 0), name
        assert plan.accepted["pref_code"].iloc[0] == "40"


def test_bad_uploads_say_why(monkeypatch) -> None:
    with raises_words(ValueError, "empty"):
        read_upload("a.csv", b"")
    with raises_words(ValueError, "unsupported file type .pdf: use .csv"):
        read_upload("a.pdf", b"x")
    monkeypatch.setenv("CHIIKI_MAP_MAX_IMPORT_MB", "0.001")
    with raises_words(ValueError, "over the limit"):
        read_upload("a.csv", b"x" * 5000)


def test_find_duplicates_needs_same_name_and_nearby(existing) -> None:
    far = gpd.GeoDataFrame(
        {"name": ["JASM 熊本第1工場 (JASM fab 1)"]}, geometry=gpd.points_from_xy([131.5], [33.5]), crs="EPSG:4326"
    )
    assert find_duplicates(far, existing).tolist() == [None]


def test_safe_csv_neutralises_formulas_and_has_bom() -> None:
    df = pd.DataFrame({"name": ["=1+1", "+cmd", "-x", "@SUM(A1)", "plain"], "n": [-1.5, 2, 3, 4, 5]})
    data = safe_csv(df)
    assert data.startswith(b"\xef\xbb\xbf")
    back = pd.read_csv(io.BytesIO(data), encoding="utf-8-sig")
    assert back["name"].tolist() == ["'=1+1", "'+cmd", "'-x", "'@SUM(A1)", "plain"]
    assert back["n"].iloc[0] == -1.5


def test_check_site_and_changed_fields() -> None:
    good = {
        "name": "新工場",
        "plan_type": "C",
        "field": "crafts",
        "status": "planned",
        "lon": 130.7,
        "lat": 32.8,
        "investment_oku_yen": None,
        "company": "",
    }
    accepted, problems = check_site(good)
    assert problems == [] and accepted["muni_code"].iloc[0]
    _, problems = check_site({**good, "lon": 2.35, "lat": 48.85})
    assert codes(problems) == ["outside_far"] and "outside Japan" in reasons_text(problems, "en")
    assert "日本国外" in reasons_text(problems, "ja")
    _, problems = check_site({**good, "plan_type": "A"})
    assert "does not fit plan type A" in reasons_text(problems, "en")
    assert "計画Aには使えません" in reasons_text(problems, "ja")
    assert changed_fields({**good, "jobs": float("nan")}, {**good, "jobs": None, "lon": 130.7 + 1e-12}) == {}
    assert changed_fields(good, {**good, "name": "改名", "investment_oku_yen": 12}) == {
        "name": "改名",
        "investment_oku_yen": 12.0,
    }


def test_audit_changes_lists_each_changed_column() -> None:
    audit = pd.DataFrame(
        {
            "audit_id": [1, 2, 3],
            "site_id": [5, 5, 5],
            "user": ["alice", "bob", "bob"],
            "at": ["2026-01-01T00:00:00Z", "2026-01-02T00:00:00Z", "2026-01-03T00:00:00Z"],
            "action": ["add", "update", "delete"],
            "before": [None, json.dumps({"name": "旧", "jobs": 10}), json.dumps({"deleted": False})],
            "after": [
                json.dumps({"name": "旧", "jobs": 10}),
                json.dumps({"name": "新", "jobs": 12}),
                json.dumps({"deleted": True}),
            ],
        }
    )
    table = audit_changes(audit)
    assert table["action"].tolist() == ["delete", "update", "update", "add", "add"]
    update = table[table["action"] == "update"].set_index("column")
    assert update.loc["name", "before"] == "旧" and update.loc["name", "after"] == "新"
    assert update.loc["jobs", "user"] == "bob"
    assert table.iloc[0][["column", "before", "after"]].tolist() == ["deleted", "False", "True"]
    assert table.iloc[0]["at"] == "2026-01-03 09:00:00", "shown in Japan time"
    assert audit_changes(audit, since="2026-01-02T00:00:00Z")["action"].tolist() == ["delete"]
    assert local_time("2026-11-27T15:30:00.123Z") == "2026-11-28 00:30:00" and local_time("n/a") == "n/a"


@pytest.mark.parametrize(
    ("lang", "row", "reason", "text"),
    [
        ("ja", "行（Excelの行番号）", "理由", "分野「rocket_science」は使えません"),
        ("en", "Row (as numbered in Excel)", "Reason", "Field 'rocket_science' is not known"),
    ],
)
def test_rejected_rows_csv_in_the_ui_language(existing, lang, row, reason, text) -> None:
    from ui.site_tables import rejected_table

    raw = read_upload("sites.csv", (HEADER + "\n".join(ROWS) + "\n").encode("cp932"))
    plan = plan_import(raw, suggest_mapping(list(raw.columns)), existing)
    back = pd.read_csv(io.BytesIO(safe_csv(rejected_table(plan, lang))), encoding="utf-8-sig")
    assert back.columns[:2].tolist() == [row, reason]
    assert back[row].tolist() == [3, 4, 5, 6, 7, 8]
    assert text in back.loc[back["メモ"].eq("unknown field"), reason].iloc[0]
    assert back["名称"].iloc[2] == "'=cmd|' /C calc'!A0"  # the row as given, formula-guarded


def test_geojson_rejections_are_numbered_by_feature(existing) -> None:
    from ui.site_tables import rejected_table

    feats = [
        {"type": "Feature", "properties": {"名称": n, "計画類型": "A", "分野": f, "状況": "計画"}, "geometry": g}
        for n, f, g in [
            ("良い", "半導体", {"type": "Point", "coordinates": [130.7, 32.8]}),
            ("悪い", "xyz", {"type": "Point", "coordinates": [130.71, 32.81]}),
        ]
    ]
    raw = read_upload("s.geojson", json.dumps({"type": "FeatureCollection", "features": feats}).encode())
    plan = plan_import(raw, suggest_mapping(list(raw.columns)), existing)
    assert plan.numbering == "feature" and plan.rejected["row"].tolist() == [2]
    assert rejected_table(plan, "en").columns[0] == "Feature (numbered as in QGIS)"

"""産業構造: exact 特化係数 on hand-made counts, the designated-city join, real figures against hand sums, CLI JSON."""

from __future__ import annotations

import json
import tomllib
from fractions import Fraction

import numpy as np
import pandas as pd
import pytest
import shapely

from chiiki_cli.main import main
from geo import config, industry, regions
from geo.analysis.profile import profile_json, region_profile
from geo.errors import FieldDivisionsError, ParameterError
from geo.industry import data
from geo.industry.fields import (
    field_divisions_toml,
    load_field_divisions,
    parse_field_divisions,
    rows_to_field_divisions,
    toml_header,
)
from geo.industry.join import join_n03
from geo.industry.quotient import aggregate, location_quotients
from i18n.errors import error_text

# ------------------------------------------------------------------ hand-made counts
# Three units, two divisions. U3's total (10) exceeds its divisions (5 + 0): the share's denominator is the
# total, as in the source. National: A 60, B 45, total 110.
EMPLOYEES = pd.DataFrame({"A": [10, 45, 5], "B": [30, 15, 0]}, index=["U1", "U2", "U3"])
TOTALS = pd.Series([40, 60, 10], index=["U1", "U2", "U3"])
#: (A/total) / (60/110) and (B/total) / (45/110), worked out by hand.
EXPECTED_LQ = {
    ("U1", "A"): Fraction(11, 24),
    ("U1", "B"): Fraction(11, 6),
    ("U2", "A"): Fraction(11, 8),
    ("U2", "B"): Fraction(11, 18),
    ("U3", "A"): Fraction(11, 12),
    ("U3", "B"): Fraction(0),
}


def test_location_quotients_exact() -> None:
    q = location_quotients(EMPLOYEES, TOTALS)
    for (unit, d), lq in EXPECTED_LQ.items():
        assert q.lq.at[unit, d] == pytest.approx(float(lq), rel=1e-12), (unit, d)
    assert q.share.at["U1", "B"] == 0.75 and q.share.at["U3", "A"] == 0.5
    assert q.national_share.to_dict() == pytest.approx({"A": 60 / 110, "B": 45 / 110})


def test_aggregate_then_quotient_keeps_the_national_base() -> None:
    """U1 + U2 as one group: A = 55 of 100 → (55/100) / (60/110) = 121/120."""
    summed, total = aggregate(EMPLOYEES, TOTALS, pd.Series(["P1", "P1", "P2"], index=EMPLOYEES.index))
    q = location_quotients(summed, total)
    assert q.lq.at["P1", "A"] == pytest.approx(121 / 120) and q.lq.at["P2", "A"] == pytest.approx(11 / 12)
    assert total.to_dict() == {"P1": 100.0, "P2": 10.0}


def test_no_employees_is_unknown_not_zero() -> None:
    emp = pd.DataFrame({"A": [0, 10], "B": [0, 10]}, index=["empty", "busy"])
    q = location_quotients(emp, pd.Series([0, 20], index=emp.index))
    assert np.isnan(q.lq.at["empty", "A"]) and np.isnan(q.share.at["empty", "B"])
    assert q.lq.at["busy", "A"] == 1.0
    missing = aggregate(
        emp.astype(float).assign(A=[np.nan, 10.0]),
        pd.Series([0, 20], index=emp.index),
        pd.Series(["g", "g"], index=emp.index),
    )
    assert np.isnan(missing[0].at["g", "A"]), "a group with an unknown member is unknown, never a partial sum"


# ------------------------------------------------------------------ designated-city join
def test_designated_city_join_by_name_not_by_code() -> None:
    n03 = pd.DataFrame(
        {
            "N03_001": ["大阪府", "大阪府", "大阪府", "大阪府", "東京都", "北海道", "北海道"],
            "N03_003": ["大阪市", "大阪市", "堺市", None, None, None, None],
            "N03_004": ["都島区", "福島区", "堺区", "岸和田市", "千代田区", "色丹村", "所属未定地"],
            "N03_007": ["27102", "27103", "27141", "27202", "13101", "01695", None],
        }
    )
    table = pd.DataFrame(
        {
            "code": ["27100", "27140", "27202", "13101", "99999"],
            "pref_name": ["大阪府", "大阪府", "大阪府", "東京都", "大阪府"],
            "name": ["大阪市", "堺市", "岸和田市", "千代田区", "どこでもない市"],
        }
    )
    joined = join_n03(table, n03)
    units = joined.units.set_index("code")
    assert units.loc["27100", "n03_codes"] == ["27102", "27103"] and units.loc["27100", "kind"] == "designated_city"
    assert units.loc["27140", "n03_codes"] == ["27141"]
    assert units.loc["27202", "n03_codes"] == ["27202"] and units.loc["27202", "kind"] == "municipality"
    assert units.loc["13101", "kind"] == "municipality", "a Tokyo special ward is a municipality, not a city's ward"
    assert joined.unmatched_table == ["99999"] and joined.unmatched_n03 == ["01695"]


def test_real_designated_cities_are_whole_cities() -> None:
    table = data.municipal_counts().set_index("code")
    cities = table[table["kind"] == "designated_city"]
    assert len(table) == 1741 and len(cities) == 20
    osaka = list(cities.loc["27100", "n03_codes"])
    assert len(osaka) == 24 and osaka[0] == "27102" and osaka[-1] == "27128", "大阪市's 24 wards, found by name"
    assert list(cities.loc["22130", "n03_codes"]) == [str(c) for c in range(22131, 22138)], "浜松: the 2021 wards"
    munis = regions.municipalities().set_index("code")
    wards = munis.loc[list(cities.loc["43100", "n03_codes"]), "name_ja"]
    assert len(wards) == 5 and all(n.startswith("熊本市") for n in wards)
    polygon = data.unit_polygons(["43100"]).geometry.iloc[0]
    assert polygon.area == pytest.approx(shapely.union_all(munis.loc[list(wards.index)].geometry.values).area)
    assert len(data.unit_polygons()) == 1741


# ------------------------------------------------------------------ real figures against hand sums
def _raw_ssdse() -> pd.DataFrame:
    path = config.shared_data_dir() / "industry" / "ssdse_a_2025" / "ssdse_a_2025_municipalities.csv"
    if not path.is_file():
        pytest.skip(f"raw SSDSE file not available at {path}")
    return pd.read_csv(path, dtype={"muni_code": str})


def test_real_manufacturing_lq_equals_hand_sum_from_the_raw_file() -> None:
    raw = _raw_ssdse()
    national = raw["C220837"].sum() / raw["C2208"].sum()
    st = industry.structure("municipality")
    for code, published in (("43404", 1.28), ("43403", 2.57), ("23211", 3.03)):  # 菊陽町, 大津町, 豊田市
        row = raw[raw["muni_code"] == code].iloc[0]
        by_hand = row["C220837"] / row["C2208"] / national
        assert st.q.lq.at[code, "E"] == pytest.approx(by_hand, rel=1e-12)
        assert round(by_hand, 2) == published, "SOURCES.md spot check"


def test_real_prefecture_and_block_lq() -> None:
    """北海道 (SOURCES.md: 2,165,390 employees, 187,396 manufacturing) against the committed national sums."""
    table = data.municipal_counts()
    national = table["employees_E"].sum() / table["employees_total"].sum()
    pref = industry.structure("prefecture")
    assert pref.q.totals["01"] == 2_165_390 and pref.q.employees.at["01", "E"] == 187_396
    assert pref.q.lq.at["01", "E"] == pytest.approx(187_396 / 2_165_390 / national)
    top3 = pref.q.lq["E"].sort_values(ascending=False).head(3).round(2)
    assert list(top3.index) == ["25", "24", "16"] and list(top3) == [1.77, 1.71, 1.70]  # 滋賀, 三重, 富山
    assert round(pref.q.lq.at["13", "G"], 2) == 3.30 and round(pref.q.lq.at["43", "G"], 2) == 0.33
    block = industry.structure("block")
    kyushu = table[table["pref_code"].isin(["40", "41", "42", "43", "44", "45", "46"])]
    assert block.q.lq.at["kyushu", "E"] == pytest.approx(
        kyushu["employees_E"].sum() / kyushu["employees_total"].sum() / national
    )
    assert table["employees_total"].sum() == 57_937_290


def test_in_region_and_records() -> None:
    st = industry.in_region(industry.structure("municipality"), regions.resolve_region("43"))
    assert set(st.units["pref_code"]) == {"43"} and "43100" in st.units.index
    recs = industry.structure_records(st, "E")
    kikuyo = next(r for r in recs if r["code"] == "43404")
    assert list(kikuyo) == ["code", "name", "employees_total", "divisions", "kind", "pref_code", "n03_codes"]
    assert list(kikuyo["divisions"]) == ["E"] and set(kikuyo["divisions"]["E"]) == {"employees", "share", "lq"}
    assert kikuyo["divisions"]["E"]["lq"] == 1.281
    city = next(r for r in recs if r["code"] == "43100")
    assert city["kind"] == "designated_city" and len(city["n03_codes"]) == 5


def test_cli_industry_json(capsys) -> None:
    assert main(["industry", "--region", "43", "--division", "e", "--json"]) == 0
    out = json.loads(capsys.readouterr().out)
    assert [k for k in ("region", "level", "year", "source", "units") if k in out] == [
        "region",
        "level",
        "year",
        "source",
        "units",
    ]
    assert out["level"] == "municipality" and out["year"] == 2021 and out["division"] == "E"
    assert "経済センサス" in out["source"]["credit"]
    otsu = next(u for u in out["units"] if u["code"] == "43403")
    assert otsu["name"] == "大津町" and otsu["divisions"]["E"]["lq"] == 2.573
    assert main(["industry", "--region", "kyushu", "--level", "block", "--json"]) == 0
    blocks = json.loads(capsys.readouterr().out)["units"]
    assert [b["code"] for b in blocks] == ["kyushu"] and sorted(blocks[0]["divisions"]) == list("ABCDEFGHIJKLMNOPQR")


def test_cli_industry_text_most_specialised_first(capsys) -> None:
    assert main(["industry", "--region", "23", "--level", "prefecture"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[1].startswith("23 愛知県") and lines[1].index("E 製造業 1.57") < lines[1].index("F ")
    assert "経済センサス" in lines[-1]


def test_cli_industry_bad_division(capsys) -> None:
    with pytest.raises(SystemExit) as exc:
        main(["industry", "--division", "Z"])
    assert exc.value.code == 2
    err = capsys.readouterr().err
    assert "A〜R" in err and "A–R" in err


# ------------------------------------------------------------------ field → division table
def test_field_divisions_table() -> None:
    table = load_field_divisions()
    assert table.divisions["ai_semiconductor"] == ("E",) and table.divisions["ict"] == ("G",)
    assert table.divisions["port_logistics"] == ("H",) and table.notes["ai_semiconductor"]
    assert parse_field_divisions({"fields": {"ict": {"divisions": ["g", "G"]}}}).divisions == {"ict": ("G",)}


def test_field_divisions_edited_on_the_page() -> None:
    """Letters as a person types them (full-width, lower case, 、 or commas); a blank row links nothing."""
    rows = [("quantum", "ｌ、 e", "研究 / research"), ("ict", " g ", ""), ("other", "", "ignored")]
    table = rows_to_field_divisions(rows)
    assert table.divisions == {"quantum": ("L", "E"), "ict": ("G",)}
    assert table.notes == {"quantum": "研究 / research", "ict": ""}
    with pytest.raises(FieldDivisionsError) as exc:
        rows_to_field_divisions([("ict", "G, 製造業", "")])
    assert exc.value.code == "field_divisions_unknown_division" and "製造業" in error_text(exc.value, "ja")


def test_field_divisions_toml_round_trip_with_hostile_notes() -> None:
    """The download is TOML that tomllib reads back to the same table, whatever a note holds."""
    hostile = 'a "quote" \\ back\nslash\t]]\n[fields.other]\ndivisions = ["A"]\x07\x7f'
    table = rows_to_field_divisions([("ict", "G", hostile), ("ai_semiconductor", "E", "製造業")])
    text = field_divisions_toml(table, toml_header())
    back = parse_field_divisions(tomllib.loads(text))
    assert back.divisions == {"ai_semiconductor": ("E",), "ict": ("G",)} and back.notes["ict"] == hostile
    assert text.startswith("# 戦略分野と産業大分類の対応（編集可能）")
    shipped = load_field_divisions()
    again = parse_field_divisions(tomllib.loads(field_divisions_toml(shipped, toml_header())))
    assert again.divisions == shipped.divisions and again.notes == shipped.notes and again.meta == shipped.meta


@pytest.mark.parametrize(
    ("data_", "code"),
    [
        ({"fields": {"nonsense": {"divisions": ["E"]}}}, "unknown_field"),
        ({"fields": {"ict": {"divisions": ["Z"]}}}, "unknown_division"),
        ({"fields": {"ict": {"divisions": []}}}, "no_divisions"),
        ({"fields": {"ict": {"divisions": ["G"], "weight": 2}}}, "unknown_key"),
        ({"other": {}}, "top_level"),
    ],
)
def test_field_divisions_errors_are_codes_worded_by_i18n(data_, code) -> None:
    with pytest.raises(FieldDivisionsError) as exc:
        parse_field_divisions(data_, "x.toml")
    assert exc.value.code == f"field_divisions_{code}"
    for lang in ("ja", "en"):
        assert "x.toml" in error_text(exc.value, lang)


def test_unknown_level_and_division_are_codes() -> None:
    with pytest.raises(ParameterError) as exc:
        industry.check_level("town")
    assert exc.value.code == "industry_level_unknown" and "town" in error_text(exc.value, "ja")
    with pytest.raises(ParameterError) as exc:
        industry.check_division("Z")
    assert exc.value.code == "industry_division_unknown" and "A–R" in error_text(exc.value, "en")


# ------------------------------------------------------------------ region profile
def test_profile_industry_top(fixed_sites) -> None:
    region = regions.resolve_region("43")
    prof = profile_json(region_profile(region, fixed_sites.iloc[:0], fixed_sites.iloc[:0]))
    top = prof["industry"]["top"]  # type: ignore[index]
    assert [list(d) for d in top] == [["division", "name_ja", "lq", "employees", "name_en"]] * 5
    assert top[0] == {
        "division": "A",
        "name_ja": "農業，林業",
        "lq": 2.108,
        "employees": 10_749,
        "name_en": "Agriculture and forestry",
    }
    assert [d["lq"] for d in top] == sorted((d["lq"] for d in top), reverse=True)
    assert prof["industry"]["employees_total"] == 716_508  # type: ignore[index]


def test_briefing_profile_shows_industry(fixed_sites) -> None:
    """The 地域カルテ of the briefing lists the most specialised divisions with their 特化係数 and the credit."""
    from layers.profile_section import profile_section

    data = region_profile(regions.resolve_region("43"), fixed_sites, fixed_sites, None)
    html_text = profile_section(data, "ja")
    assert "産業構造（特化係数の高い産業）" in html_text and "A 農業，林業" in html_text and ">2.11<" in html_text
    assert "1.0 = 全国平均" in html_text
    english = profile_section(data, "en")
    assert "A Agriculture" in english and "national average" in english


def test_lq_choropleth_sends_colours_and_tooltips_as_patterns() -> None:
    """The joined choropleth: fills as indexes into the colours used, tooltips as one pattern and per-unit values
    (``cmMap`` joins them to the published polygons); the inlined one writes the same tooltips out."""
    import folium

    from layers.geojson_layer import GeoJsonLayer
    from layers.industry import add_lq_choropleth

    values = pd.DataFrame(
        {
            "code": ["01100", "43100", "43202"],
            "name_ja": ["札幌市", "熊本市", "A&B<村>"],
            "kind": ["designated_city", "designated_city", "municipality"],
            "lq": [0.28, float("nan"), 2.5],
            "employees": [36948.0, float("nan"), 120.0],
        }
    )
    m = folium.Map()
    assert add_lq_choropleth(m, values, "E", "ja", levels=[(0, "/app/static/layers/u.json")]) == 3
    layer = next(e for e in _walk(m) if isinstance(e, GeoJsonLayer))
    join = layer.options["join"]
    assert join["key"] == "code" and join["tip"][0] == "<b>" and join["tip"][1] == "</b><br>特化係数: "
    rows = join["rows"]
    assert rows["43202"][1:] == ["A&amp;B&lt;村&gt;", "2.50", "120", ""]  # escaped; a municipality: no note
    assert rows["43100"][2:4] == ["不明", "不明"]  # unknown stays unknown, never 0
    assert "政令指定都市" in rows["01100"][4]
    assert join["fills"][rows["43100"][0]] == "#cfcfcf"  # unknown: the grey (hatched) fill
    tip = "".join(p + v for p, v in zip(join["tip"], [*rows["43202"][1:], ""], strict=True))
    assert tip == "<b>A&amp;B&lt;村&gt;</b><br>特化係数: 2.50<br>従業者数: 120"
    # without published polygons: inlined, the same tooltips written out
    inline = folium.Map()
    add_lq_choropleth(inline, values, "E", "ja")
    data = next(e for e in _walk(inline) if isinstance(e, GeoJsonLayer)).data
    tips = {f["properties"]["_tip"] for f in data["features"]}
    assert len(data["features"]) == 3 and tip in tips


def _walk(element):
    yield element
    for child in element._children.values():
        yield from _walk(child)

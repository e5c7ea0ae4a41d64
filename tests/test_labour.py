"""Labour demand: exact catchments on hand-made data, jobs basis, address matching, 浜松 join, real totals."""

from __future__ import annotations

import geopandas as gpd
import numpy as np
import pandas as pd
import pytest
from shapely.geometry import box

from geo import config, regions
from geo.errors import LabourUnitsError
from geo.labour import data
from geo.labour.address import match_addresses
from geo.labour.catchment import site_catchments
from geo.labour.census import HAMAMATSU_CODE, census_units
from geo.labour.jobs import load_labour_units, parse_labour_units, site_jobs
from geo.labour.summary import block_labour, pref_labour
from tests.support.wording import raises_words

# ------------------------------------------------------------------ hand-made data
# Sites S1 at ``west``, S2 40 km east; units U1 10 km west of S1, U2 20 km east (20 km from both), U3 55 km
# east (15 km from S2). At 30 km: S1 ← {U1, U2}, S2 ← {U2, U3}, sharing U2; at 16 km they share nothing.

#: (code, pref, population, share under 15, share 65+, metres east of WEST) → working age 6,000 / 12,000 / 2,000
UNITS = [
    ("90001", "43", 10_000.0, 0.10, 0.30, -10_000.0),
    ("90002", "43", 20_000.0, 0.15, 0.25, 20_000.0),
    ("90003", "44", 5_000.0, 0.20, 0.40, 55_000.0),
]


@pytest.fixture()
def units(west, offset) -> gpd.GeoDataFrame:
    points = [offset(*west, dx) for *_, dx in UNITS]
    df = pd.DataFrame(
        {
            "code": [u[0] for u in UNITS],
            "name_ja": ["一町", "二町", "三町"],
            "pref_code": [u[1] for u in UNITS],
            "population": [u[2] for u in UNITS],
            "pct_child_under15": [u[3] for u in UNITS],
            "pct_elderly_65": [u[4] for u in UNITS],
            "female_labor_participation": [float("nan")] * 3,
        }
    )
    df["working_age"] = df["population"] * (1 - df["pct_child_under15"] - df["pct_elderly_65"])
    return gpd.GeoDataFrame(df, geometry=gpd.points_from_xy(*zip(*points)), crs="EPSG:4326")


@pytest.fixture()
def sites(west, offset, make_sites) -> gpd.GeoDataFrame:
    """S1 discloses 900 jobs; S2 discloses none but 500 億円 (→ 85 estimated); S3 has neither."""
    s2 = offset(*west, 40_000.0)
    s3 = offset(*west, 20_000.0, -100_000.0)
    return make_sites(
        [
            {"name": "S1", "field": "ai_semiconductor", "lon": west[0], "lat": west[1], "jobs": "900"},
            {"name": "S2", "field": "ai_semiconductor", "lon": s2[0], "lat": s2[1], "investment_oku_yen": "500"},
            {"name": "S3", "field": "shipbuilding", "lon": s3[0], "lat": s3[1], "investment_oku_yen": ""},
        ]
    )


def school_table() -> pd.DataFrame:
    return pd.DataFrame({"kind": ["kosen", "university", "junior_college"], "unit_code": ["90002", "90001", "99999"]})


def lab_units():
    return parse_labour_units(
        {"units": {"ai_semiconductor": {"jobs_per_100oku": 17, "basis": "source", "note": "JASM fab 1"}}}
    )


def _by_name(catch) -> pd.DataFrame:
    return catch.sites.set_index("name")


def test_catchment_sums_and_overlap_at_30km(sites, units) -> None:
    catch = site_catchments(sites, units, school_table(), 30.0, lab_units())
    t = _by_name(catch)
    assert t.loc["S1", "catchment_working_age"] == pytest.approx(6_000 + 12_000)
    assert t.loc["S2", "catchment_working_age"] == pytest.approx(12_000 + 2_000)
    assert t.loc["S1", "catchment_population"] == pytest.approx(30_000)
    assert list(t["catchment_munis"]) == [2, 2, 0]
    assert t.loc["S1", "competing_sites"] == ["S2"] and t.loc["S2", "competing_sites"] == ["S1"]
    assert t.loc["S3", "competing_sites"] == []
    assert sorted(catch.pairs.loc[catch.pairs["site_id"] == 1, "code"]) == ["90001", "90002"]
    # schools: 高専 in U2 (both), university in U1 (S1 only), a junior college outside every unit
    assert list(t["kosen"]) == [1, 1, 0] and list(t["universities"]) == [1, 0, 0]
    assert list(t["junior_colleges"]) == [0, 0, 0]


def test_no_overlap_at_16km(sites, units) -> None:
    t = _by_name(site_catchments(sites, units, school_table(), 16.0, lab_units()))
    assert t.loc["S1", "catchment_working_age"] == pytest.approx(6_000)
    assert t.loc["S2", "catchment_working_age"] == pytest.approx(2_000)
    assert t.loc["S1", "competing_sites"] == [] and t.loc["S2", "competing_sites"] == []


def test_jobs_basis_disclosed_estimated_unknown(sites, units) -> None:
    t = _by_name(site_catchments(sites, units, school_table(), 30.0, lab_units()))
    assert list(t["jobs_basis"]) == ["disclosed", "estimated", "unknown"]
    assert t.loc["S1", "jobs"] == 900 and np.isnan(t.loc["S1", "jobs_estimated"])
    assert t.loc["S2", "jobs"] == pytest.approx(500 / 100 * 17) and np.isnan(t.loc["S2", "jobs_disclosed"])
    assert t.loc["S2", "unit_basis"] == "source"
    assert np.isnan(t.loc["S3", "jobs"]), "neither jobs nor an estimate: unknown, not 0"
    assert t.loc["S1", "jobs_per_1000_working_age"] == pytest.approx(900 / 18_000 * 1000)
    assert t.loc["S2", "jobs_per_1000_working_age"] == pytest.approx(85 / 14_000 * 1000)
    assert np.isnan(t.loc["S3", "jobs_per_1000_working_age"])


def test_pref_table_keeps_bases_apart_and_counts_unknown(sites, units) -> None:
    catch = site_catchments(sites, units, school_table(), 30.0, lab_units())
    table = pref_labour(catch.sites, units, school_table(), ["43", "44", "45"]).set_index("pref_code")
    assert table.loc["43", "working_age"] == pytest.approx(18_000)
    assert table.loc["43", "population"] == pytest.approx(30_000)
    assert table.loc["43", "jobs_disclosed"] == 900 and np.isnan(table.loc["43", "jobs_estimated"])
    assert np.isnan(table.loc["44", "jobs_disclosed"]) and table.loc["44", "jobs_estimated"] == pytest.approx(85)
    assert table.loc["45", "sites"] == 1 and table.loc["45", "sites_jobs_unknown"] == 1
    assert np.isnan(table.loc["45", "jobs_disclosed"]) and np.isnan(table.loc["45", "jobs_per_1000_working_age"])
    assert np.isnan(table.loc["45", "working_age"]), "no census unit: unknown, not 0"
    assert table["female_labor_participation"].isna().all()
    assert table.loc["43", "jobs_per_1000_working_age"] == pytest.approx(50.0)
    assert table.loc["43", "sites_planned"] == 1 and table.loc["43", "jobs_disclosed_planned"] == 900
    assert table.loc["43", "jobs_disclosed_concept"] == 0, "no site of that status: 0, not unknown"
    kyushu = block_labour(table.reset_index()).set_index("block").loc["kyushu"]
    assert kyushu["jobs_disclosed"] == 900 and kyushu["jobs_estimated"] == pytest.approx(85)
    assert kyushu["jobs_per_1000_working_age"] == pytest.approx((900 + 85) / 20_000 * 1000)


def test_labour_units_file_and_errors(tmp_path) -> None:
    units = load_labour_units()
    assert units.rate("ai_semiconductor") == 17 and units.units["ai_semiconductor"].basis == "source"
    assert all(u.basis in ("source", "assumption") and u.note for u in units.units.values())
    assert units.rate("other") is None
    with raises_words(LabourUnitsError, "basis"):
        parse_labour_units({"units": {"quantum": {"jobs_per_100oku": 5, "note": "x"}}})
    with raises_words(LabourUnitsError, "note"):
        parse_labour_units({"units": {"quantum": {"jobs_per_100oku": 5, "basis": "assumption"}}})
    with raises_words(LabourUnitsError, "field id"):
        parse_labour_units({"units": {"semis": {"jobs_per_100oku": 5, "basis": "assumption", "note": "x"}}})
    with raises_words(LabourUnitsError, "positive"):
        parse_labour_units({"units": {"quantum": {"jobs_per_100oku": 0, "basis": "assumption", "note": "x"}}})
    bad = tmp_path / "u.toml"
    bad.write_text("[units.quantum\n", encoding="utf-8")
    with raises_words(LabourUnitsError, "TOML"):
        load_labour_units(bad)


def test_site_jobs_without_columns() -> None:
    out = site_jobs(pd.DataFrame({"field": ["quantum"]}), lab_units())
    assert out["jobs_basis"].tolist() == ["unknown"] and out["jobs"].isna().all()


def test_address_to_municipality_code() -> None:
    munis = regions.municipalities()
    addresses = [
        ("北海道札幌市北区北８条西５丁目", "01"),
        ("熊本県菊池郡菊陽町原水１２３", "43"),
        ("熊本県菊陽町原水", "43"),
        ("奈良県大和郡山市北郡山町", "29"),
        ("福島県郡山市開成", "07"),
        ("静岡県浜松市中央区中央２－１－１", "22"),
        ("岡山県岡山市瀬戸町観音寺７２１番地", "33"),
    ]
    codes = match_addresses(
        [a for a, _ in addresses], [p for _, p in addresses], munis, extra_names=[("22", "浜松市", HAMAMATSU_CODE)]
    )
    assert codes == ["01102", "43404", "43404", "29203", "07203", HAMAMATSU_CODE, None]


def test_hamamatsu_join() -> None:
    old = [box(137.70 + i * 0.05, 34.70, 137.75 + i * 0.05, 34.75) for i in range(2)]
    munis = gpd.GeoDataFrame(
        {"code": ["22131", "22132", "22203", "01695"], "name_ja": ["浜松市中区", "浜松市東区", "沼津市", "色丹村"]},
        geometry=[*old, box(138.8, 35.0, 138.9, 35.1), box(146.6, 43.8, 146.7, 43.9)],
        crs="EPSG:4326",
    )
    census = pd.DataFrame(
        {
            "muni_code": ["22138", "22139", "22203"],
            "muni_name": ["中央区", "浜名区", "沼津市"],
            "pref_code": ["22", "22", "22"],
            "pop_total": [100.5, 299.5, 50.0],
            "pct_child_under15": [0.1, 0.2, 0.1],
            "pct_elderly_65": [0.2, 0.3, 0.3],
            "pct_foreign": [0.01, 0.03, 0.0],
            "pct_secondary_ind": [0.3, 0.4, 0.2],
            "pct_college": [0.2, 0.2, 0.2],
            "female_labor_participation": [None, None, None],
        }
    )
    units, unmatched = census_units(census, munis)
    hm = units.set_index("code").loc[HAMAMATSU_CODE]
    assert hm["name_ja"] == "浜松市" and hm["population"] == pytest.approx(400.0)
    assert hm["working_age"] == pytest.approx(100.5 * 0.7 + 299.5 * 0.5)
    assert hm["pct_child_under15"] == pytest.approx((100.5 * 0.1 + 299.5 * 0.2) / 400)
    assert np.isnan(hm["pct_secondary_ind"]), "share of employed persons: no denominator to merge by"
    assert list(hm["n03_codes"]) == ["22131", "22132"] and "浜松市" in hm["note"]
    assert old[0].union(old[1]).contains(hm.geometry)
    assert sorted(units["code"]) == [HAMAMATSU_CODE, "22203"]
    assert unmatched.to_dict("list") == {"code": ["01695"], "side": ["boundary"]}
    assert units["female_labor_participation"].isna().all()


# ------------------------------------------------------------------ committed real data


def test_real_prefecture_populations_sum_to_census_total() -> None:
    units = data.municipal_units()
    table = pref_labour(
        units.iloc[:0].assign(status="", jobs_basis="", jobs_disclosed=0.0, jobs_estimated=0.0), units, data.schools()
    )
    assert len(table) == 47
    assert round(table["population"].sum()) == 126_146_099
    assert (table["working_age_unknown_munis"] == 0).all()
    assert table["female_labor_participation"].isna().all(), "empty in the source: unknown, never 0"
    assert units.loc[units["code"] == HAMAMATSU_CODE, "population"].round().item() == 790_718


def test_real_kumamoto_working_age_equals_census_sum() -> None:
    raw_path = config.shared_data_dir() / "population" / "census_muni_2020.csv"
    if not raw_path.is_file():
        pytest.skip(f"raw census file not available at {raw_path}")
    raw = pd.read_csv(raw_path, dtype={"muni_code": str, "pref_code": str})
    kumamoto = raw[raw["pref_code"] == "43"]
    expected = (kumamoto["pop_total"] * (1 - kumamoto["pct_child_under15"] - kumamoto["pct_elderly_65"])).sum()
    units = data.municipal_units()
    table = pref_labour(
        units.iloc[:0].assign(status="", jobs_basis="", jobs_disclosed=0.0, jobs_estimated=0.0),
        units,
        data.schools(),
        ["43"],
    )
    assert table.loc[0, "working_age"] == pytest.approx(expected, abs=0.5)
    assert round(table.loc[0, "working_age"]) == 969_397
    by_pref = raw.groupby("pref_code")["pop_total"].sum()
    mine = units.groupby("pref_code")["population"].sum()
    assert np.allclose(by_pref.sort_index().to_numpy(), mine.sort_index().to_numpy())


def test_real_schools_placed_with_position_note() -> None:
    schools = data.schools()
    assert (schools["kind"] == "kosen").sum() == 64
    unis = schools[schools["kind"] != "kosen"]
    assert (unis["position"] == "市区町村の代表点（概略）").all()
    assert schools.geometry.notna().all() and schools["unit_code"].notna().all()
    report = pd.read_csv(data.TALENT_DIR / "unmatched_schools.csv", dtype=str)
    assert data.manifest("talent")["unmatched"] == len(report) == 1
    assert any("国勢調査" in c.ja for c in data.credits()) and any("KOSEN" in c.ja for c in data.credits())
    assert any("Population Census" in c.en for c in data.credits())


def test_road_graph_catchment(sites, units, west, offset) -> None:
    """A road from S1 to U2 that detours (35 km for 20 km straight): U2 drops out of S1's 30 km catchment."""
    import networkx as nx

    graph = nx.MultiDiGraph(crs="EPSG:4326")
    for node, dx in (("u1", -10_000.0), ("s1", 0.0), ("u2", 20_000.0)):
        lon, lat = offset(*west, dx)
        graph.add_node(node, x=lon, y=lat)
    for a, b, length in (("s1", "u1", 10_000.0), ("s1", "u2", 35_000.0)):
        graph.add_edge(a, b, length=length)
        graph.add_edge(b, a, length=length)
    t = _by_name(site_catchments(sites, units, school_table(), 30.0, lab_units(), graph))
    assert t.loc["S1", "catchment_method"] == "network" and t.loc["S2", "catchment_method"] == "straight"
    assert t.loc["S1", "catchment_working_age"] == pytest.approx(6_000), "U2 is 35 km by road"
    assert t.loc["S2", "catchment_working_age"] == pytest.approx(12_000 + 2_000), "off the graph: straight line"
    assert t.loc["S1", "competing_sites"] == [] and t.loc["S2", "competing_sites"] == []
    wide = _by_name(site_catchments(sites, units, school_table(), 36.0, lab_units(), graph))
    assert wide.loc["S1", "catchment_working_age"] == pytest.approx(18_000)

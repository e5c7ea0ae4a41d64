"""Labour market (issue 20): IPSS projections per unit and prefecture, catchment sums by hand, market figures, JSON."""

from __future__ import annotations

import json

import geopandas as gpd
import numpy as np
import pandas as pd
import pytest

from chiiki_cli.main import main
from geo import config, labour
from geo.labour import market, outlook
from geo.labour.catchment import site_catchments
from geo.labour.projection import WA_COLUMNS, JoinError, units_manufacturing, units_projection
from geo.labour.summary import REGION_OUTLOOK_KEYS
from tests.test_labour import lab_units, school_table, sites, units  # noqa: F401  (fixtures)

YEARS = (2020, 2025, 2030, 2035, 2040, 2045, 2050)


# ------------------------------------------------------------------ the joins, on hand-made rows
def _ipss_rows(rows: list[tuple[str, str, list[float]]]) -> pd.DataFrame:
    out = pd.DataFrame({"muni_code": [r[0] for r in rows], "unit_type": [r[1] for r in rows]})
    for i, y in enumerate(YEARS):
        out[f"pop_15_64_{y}"] = [r[2][i] for r in rows]
        out[f"pop_{y}"] = [2 * r[2][i] for r in rows]
    return out


def test_projection_join_hamamatsu_hamadori_and_direct() -> None:
    wards = [(str(c), "ward", [10.0 * (c - 22130)] * 7) for c in range(22131, 22138)]  # 10, 20 … 70
    ipss = _ipss_rows(
        [
            ("43404", "town_village", [100.0, 98, 96, 94, 92, 90, 80]),
            ("07999", "hamadori_group", [400.0, 380, 360, 340, 320, 300, 200]),
            ("22130", "designated_city_total", [280.0] * 7),  # must be dropped, not added to the wards
            *wards,
        ]
    )
    crosswalk = pd.DataFrame(
        {
            "app_code": ["07204", "07546", "07209"],
            "ipss_code": ["07999"] * 3,
            "relation": ["member_of_group"] * 3,
            "census_pop_2020": [300, 0, 100],  # shares 0.75, 0, 0.25 from the counts
        }
    )
    out = units_projection(ipss, crosswalk, ["07204", "07209", "07546", "22130", "43404"]).set_index("code")
    assert out.loc["43404", "working_age_2050"] == 80 and out.loc["43404", "basis"] == "direct"
    assert out.loc["22130", "working_age_2020"] == 280 and out.loc["22130", "basis"] == "wards_summed"
    assert out.loc["07204", "working_age_2050"] == 150 and out.loc["07209", "working_age_2050"] == 50
    assert out.loc["07546", "working_age_2020"] == 0 and out.loc["07204", "group_share"] == 0.75
    assert set(out.loc[["07204", "07209", "07546"], "basis"]) == {"group_share"}
    assert out.loc["22130", "population_2050"] == 560
    with pytest.raises(JoinError, match="99999"):
        units_projection(ipss, crosswalk, ["99999"])


def test_manufacturing_join_sums_the_old_hamamatsu_wards() -> None:
    table = pd.DataFrame(
        {
            "muni_code": ["22130", *map(str, range(22131, 22138)), "43404"],
            "unit_type": ["designated_city_total"] + ["municipality_or_ward"] * 8,
            "mfg_establishments_2019": [999, *[1] * 7, 5],
            "mfg_persons_engaged_2019": [99_999, *[100] * 7, 640],
        }
    )
    out = units_manufacturing(table, ["22130", "43404"]).set_index("code")
    assert (
        out.loc["22130", "manufacturing_persons_2019"] == 700 and out.loc["43404", "manufacturing_persons_2019"] == 640
    )


# ------------------------------------------------------------------ catchment sums by hand
def _outlook_table() -> pd.DataFrame:
    """Hand values for the three units of tests.test_labour (U2 90002 also a 浜通り-style share)."""
    rows = {
        "90001": ([6_000.0, 5_800, 5_600, 5_300, 5_000, 4_700, 4_400], 1_000.0, "direct"),
        "90002": ([12_000.0, 11_500, 11_000, 10_400, 9_800, 9_200, 8_500], 2_500.0, "group_share"),
        "90003": ([2_000.0, 1_900, 1_800, 1_700, 1_600, 1_500, 1_300], 300.0, "direct"),
    }
    out = pd.DataFrame({"code": list(rows)})
    for i, col in enumerate(WA_COLUMNS):
        out[col] = [v[0][i] for v in rows.values()]
    out["manufacturing_persons_2019"] = [v[1] for v in rows.values()]
    out["ipss_basis"] = [v[2] for v in rows.values()]
    return out


def test_catchment_2050_working_age_equals_hand_sum(sites, units) -> None:  # noqa: F811
    """At 30 km S1 ← {U1, U2}, S2 ← {U2, U3}; S3 reaches none (tests.test_labour)."""
    catch = outlook.with_outlook(site_catchments(sites, units, school_table(), 30.0, lab_units()), _outlook_table())
    t = catch.sites.set_index("name")
    assert t.loc["S1", "catchment_working_age_2050"] == 4_400 + 8_500
    assert t.loc["S2", "catchment_working_age_2050"] == 8_500 + 1_300
    assert t.loc["S1", "catchment_working_age_2035"] == 5_300 + 10_400
    assert t.loc["S1", "catchment_manufacturing_employees"] == 3_500
    assert t.loc["S1", "jobs_share_of_catchment_manufacturing"] == pytest.approx(900 / 3_500)
    assert t.loc["S2", "jobs_share_of_catchment_manufacturing"] == pytest.approx(85 / 2_800)
    assert t.loc["S1", "catchment_ipss_group_share"] == 1 and t.loc["S2", "catchment_ipss_group_share"] == 1
    assert t.loc["S3", "catchment_working_age_2050"] == 0 and np.isnan(
        t.loc["S3", "jobs_share_of_catchment_manufacturing"]
    )


def test_catchment_sum_is_unknown_when_a_unit_is(sites, units) -> None:  # noqa: F811
    table = _outlook_table()
    table.loc[table["code"] == "90003", "working_age_2050"] = np.nan
    catch = outlook.with_outlook(site_catchments(sites, units, school_table(), 30.0, lab_units()), table)
    t = catch.sites.set_index("name")
    assert np.isnan(t.loc["S2", "catchment_working_age_2050"]), "S2 holds the unknown unit: never a partial sum"
    assert t.loc["S1", "catchment_working_age_2050"] == 12_900


# ------------------------------------------------------------------ committed real data
def test_ipss_unit_sums_per_prefecture_equal_the_ipss_prefecture_table() -> None:
    units_ = outlook.units_outlook()
    prefs = outlook.ipss_prefectures()
    sums = units_.groupby("pref_code")[WA_COLUMNS].sum().reindex(prefs.index)
    assert len(prefs) == 47 and np.abs(sums.to_numpy() - prefs[WA_COLUMNS].to_numpy()).max() < 1e-6
    assert (
        round(units_["working_age_2020"].sum()) == 75_087_865 and round(units_["working_age_2050"].sum()) == 55_402_035
    )
    assert units_["ipss_basis"].value_counts().to_dict() == {"direct": 1876, "group_share": 13, "wards_summed": 1}
    assert round(units_["manufacturing_persons_2019"].sum()) == 7_778_124


def test_ipss_prefecture_table_equals_the_raw_file() -> None:
    path = config.shared_data_dir() / "labour" / "ipss_projection" / "pref_projection_ipss2023.csv"
    if not path.is_file():
        pytest.skip(f"raw IPSS file not available at {path}")
    raw = pd.read_csv(path, dtype={"pref_code": str}).set_index("pref_code")
    mine = outlook.ipss_prefectures()
    for y in YEARS:
        assert (mine[f"working_age_{y}"] == raw[f"pop_15_64_{y}"].astype(float)).all(), y
    muni = pd.read_csv(path.with_name("muni_projection_ipss2023.csv"), dtype={"muni_code": str, "pref_code": str})
    base = muni[muni["unit_type"] != "designated_city_total"]
    by_hand = base.groupby("pref_code")[[f"pop_15_64_{y}" for y in YEARS]].sum()
    assert (by_hand.to_numpy() == raw[[f"pop_15_64_{y}" for y in YEARS]].to_numpy()).all()


def test_real_prefecture_rows() -> None:
    no_sites = gpd.GeoDataFrame({"name": []}, geometry=gpd.points_from_xy([], []), crs="EPSG:4326")
    prefs = labour.analyse(no_sites, ["01", "43"]).prefs
    rows = prefs.set_index("pref_code")
    assert rows.loc["01", ["working_age_2020", "working_age_2035", "working_age_2050"]].tolist() == [
        2_988_800,
        2_483_848,
        1_867_276,
    ]
    assert rows.loc["43", "manufacturing_employees"] == 97_524 and rows.loc["01", "manufacturing_employees"] == 187_396
    kumamoto = rows.loc["43"]
    assert (kumamoto["hs_leavers_year"], kumamoto["hs_leavers_employed"], kumamoto["hs_leavers_employed_in_pref"]) == (
        2023,
        3_073,
        1_998,
    )
    assert kumamoto["hs_leavers_in_pref_share"] == pytest.approx(1_998 / 3_073)
    assert kumamoto["job_openings_ratio_year"] == 2024 and kumamoto["minimum_wage_fiscal_year"] == 2025


def test_market_latest_and_shares_from_counts() -> None:
    m = market.pref_market(["13", "39", "43"])
    assert m.loc["13", "minimum_wage_yen"] == 1_226 and m.loc["39", "minimum_wage_effective_date"] == "2025-12-01"
    comm = market.table("commuting")
    k20 = comm[(comm["pref_code"] == "43") & (comm["year"] == 2020)].iloc[0]
    known = k20["work_in_own_muni"] + k20["work_in_other_muni_same_pref"] + k20["work_in_other_pref"]
    assert m.loc["43", "share_working_in_own_municipality"] == pytest.approx(k20["work_in_own_muni"] / known)
    jobs = market.table("job_openings")
    assert jobs.loc[(jobs["pref_code"] == "13") & (jobs["year"] == 2023), "active_opening_ratio"].item() == 1.78


def test_block_market_sums_counts_and_leaves_ratios_unknown() -> None:
    prefs = market.pref_market(["40", "43"]).reset_index().assign(block="kyushu")
    block = market.block_market(prefs).loc["kyushu"]
    assert block["hs_leavers_employed"] == prefs["hs_leavers_employed"].sum()
    assert block["hs_leavers_in_pref_share"] == pytest.approx(
        prefs["hs_leavers_employed_in_pref"].sum() / prefs["hs_leavers_employed"].sum()
    )
    assert pd.isna(block["job_openings_ratio"]) and pd.isna(block["minimum_wage_yen"])
    shaped = market.market_json(block)
    assert shaped["job_openings_ratio"] == {"year": None, "value": None}


def test_cli_labour_json_keys(app_env, capsys) -> None:
    assert main(["labour", "--region", "43", "--json"]) == 0
    out = json.loads(capsys.readouterr().out)
    row = out["regions"][0]
    assert row["working_age_2035"] == 832_004 and row["working_age_2050"] == 671_032
    assert row["manufacturing_employees"] == 97_524
    assert set(row["job_openings_ratio"]) == {"year", "value"} and row["job_openings_ratio"]["year"] == 2024
    assert set(row["minimum_wage_yen"]) >= {"fiscal_year", "value"} and row["minimum_wage_yen"]["fiscal_year"] == 2025
    assert row["hs_leavers_employed_in_pref"]["value"] == 1_998 and row["hs_leavers_employed_in_pref"]["year"] == 2023
    assert 0 < row["share_working_in_own_municipality"]["value"] < 1
    assert row["working_age_projection"]["2020"] == row["working_age_2020"] == 963_053
    assert list(row)[-len(REGION_OUTLOOK_KEYS) :] == REGION_OUTLOOK_KEYS, "the new keys, in their documented order"
    sources = out["figure_sources"]
    assert sources["working_age_2050"] == {"dataset": "ipss_2023", "year": 2050, "projection": True}
    assert sources["manufacturing_employees"]["year"] == 2021
    cited = {s["dataset"] for s in sources.values()}
    assert cited <= {d["id"] for d in out["datasets"]} and all(d["credit"] for d in out["datasets"])
    jasm = next(s for s in out["sites"] if s["name"].startswith("JASM 熊本第1工場"))
    for key in ("catchment_working_age_2035", "catchment_working_age_2050", "catchment_manufacturing_employees"):
        assert isinstance(jasm[key], int) and jasm[key] > 0, key
    assert jasm["jobs_share_of_catchment_manufacturing"] == round(1_700 / jasm["catchment_manufacturing_employees"], 3)


def test_real_jasm_catchment_sums_over_its_membership(app_env) -> None:
    """JASM 1's 2050 working age = the IPSS 2050 values of its catchment's units, summed with pandas."""
    from geo.store import open_store

    result = labour.analyse(open_store().read(), ["43"])
    site = result.catchments.sites.set_index("name").loc["JASM 熊本第1工場 (JASM fab 1)"]
    codes = result.catchments.pairs.loc[result.catchments.pairs["site_id"] == site["site_id"], "code"]
    table = outlook.units_outlook().set_index("code").loc[list(codes)]
    assert site["catchment_working_age_2050"] == pytest.approx(table["working_age_2050"].sum())
    assert site["catchment_manufacturing_employees"] == table["manufacturing_persons_2019"].sum()
    assert site["catchment_munis"] == len(codes) == 22


def _manufacturing_table_of_many_sites() -> None:
    import pandas as pd

    from ui.labour_outlook import manufacturing_section

    n = 1_234
    rows = pd.DataFrame(
        {
            "name": [f"site {i}" for i in range(n)],
            "jobs": [100.0] * n,
            "jobs_basis": ["disclosed"] * n,
            "catchment_manufacturing_employees": [50_000.0] * n,
            "jobs_share_of_catchment_manufacturing": [0.002] * n,
            "catchment_working_age_2050": [300_000.0] * n,
        }
    )
    prefs = pd.DataFrame({"manufacturing_employees": [1e6], "jobs_disclosed": [1e5], "jobs_estimated": [0.0]})
    manufacturing_section(prefs, rows, None, "ja")


@pytest.mark.apptest
def test_manufacturing_table_of_a_national_register_shows_a_page_of_rows() -> None:
    """Every site's row was formatted on every run (100,000 sites: 4 s a visit); now a page of them."""
    from streamlit.testing.v1 import AppTest

    at = AppTest.from_function(_manufacturing_table_of_many_sites).run(timeout=60)
    assert not at.exception
    table = at.dataframe[0].value
    assert len(table) == 200 and table.iloc[0, 0] == "site 0"  # ui.tables.PAGE_ROWS
    assert table.iloc[0, 4] == "0.2%"
    at.number_input[0].set_value(7).run(timeout=60)
    assert list(at.dataframe[0].value.iloc[[0, -1], 0]) == ["site 1200", "site 1233"]

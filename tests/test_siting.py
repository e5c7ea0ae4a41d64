"""Siting search (立地候補探索): exact checks on fixture layers, the ranking rule and its ties, the catchment.

Distances are laid out in metres east/north of a point in UTM zone 52 (``offset``), so the expected
kilometres are written by hand (7 km east, 3 km north → √58 km) and match the search's own zone exactly.
"""

from __future__ import annotations

import math

import geopandas as gpd
import numpy as np
import pandas as pd
import pytest
import shapely

from geo import regions
from geo.analysis.requirements import KINDS, parse_requirements
from geo.errors import ParameterError
from geo.infra import LayerCoverage
from geo.io.safe_csv import safe_csv
from geo.labour.projection import WA_COLUMNS
from geo.siting import needs_for, search_json, site_search
from geo.siting.candidates import find_candidates
from geo.siting.checks import check_candidates
from geo.siting.labour import candidate_labour
from geo.siting.rank import check_summary, rank_order
from geo.siting.search import CANDIDATE_JSON_KEYS, CHECK_JSON_KEYS, wide_table
from i18n.siting import wide_headers

NOT = "not required"
BIG = shapely.box(129.0, 31.0, 133.5, 35.0)  # complete coverage around every fixture point
EMPTY = shapely.Polygon()


def _reqs(**ai: object) -> object:
    default = {k: NOT for k in KINDS}
    return parse_requirements({"profiles": {"default": default, "ai_semiconductor": ai}}, "test")


def _points(*lonlats: tuple[float, float], **cols: list[object]) -> gpd.GeoDataFrame:
    return gpd.GeoDataFrame(
        {"name": [f"f{i}" for i in range(len(lonlats))], **cols},
        geometry=gpd.points_from_xy(*zip(*lonlats), crs=4326) if lonlats else [],
        crs=4326,
    )


def _parcels(rows: list[tuple[str, float | None, tuple[float, float]]]) -> gpd.GeoDataFrame:
    """Parcels (name, available ha, (lon, lat)) in 熊本県, with ids P<name>."""
    return gpd.GeoDataFrame(
        {
            "name": [r[0] for r in rows],
            "source_id": [f"P{r[0]}" for r in rows],
            "available_ha": [np.nan if r[1] is None else r[1] for r in rows],
            "total_ha": [100.0] * len(rows),
            "is_sample": [False] * len(rows),
            "pref_code": ["43"] * len(rows),
        },
        geometry=gpd.points_from_xy([r[2][0] for r in rows], [r[2][1] for r in rows], crs=4326),
        crs=4326,
    )


def _candidates(*lonlats: tuple[float, float], kind: str = "parcel") -> gpd.GeoDataFrame:
    n = len(lonlats)
    return gpd.GeoDataFrame(
        {
            "kind": [kind] * n,
            "code": [f"c{i}" for i in range(n)],
            "name": [f"c{i}" for i in range(n)],
            "available_ha": [np.nan] * n,
        },
        geometry=gpd.points_from_xy(*zip(*lonlats), crs=4326),
        crs=4326,
    )


@pytest.fixture()
def layout(offset, west):
    """Two candidates 20 km apart; an IC 7 km E / 3 km N of the first; an airport 40 km W of the first."""
    a, b = west, offset(*west, 20_000.0)
    ic = offset(*west, 7_000.0, 3_000.0)
    airport = offset(*west, -40_000.0)
    return {"a": a, "b": b, "ic": ic, "airport": airport}


def test_distance_checks_are_exact_and_follow_the_gap_rule(layout) -> None:
    needs = needs_for("ai_semiconductor", _reqs(expressway_ic=10, airport=60, port=5))
    layers = {
        "expressway_ic": (_points(layout["ic"]), BIG),
        "airport": (_points(layout["airport"]), BIG),
        "port": (_points(), EMPTY),  # no data anywhere
    }
    checks = check_candidates(_candidates(layout["a"], layout["b"]), needs, layers=layers)
    got = {(int(r.candidate), r.criterion): r for r in checks.itertuples()}
    # A: IC at √(7² + 3²) km, B: √(13² + 3²) km; the layer is complete → B is a gap
    assert got[0, "expressway_ic"].value == pytest.approx(math.sqrt(58), abs=1e-3)
    assert got[0, "expressway_ic"].status == "ok" and got[0, "expressway_ic"].limit == 10
    assert got[1, "expressway_ic"].value == pytest.approx(math.sqrt(178), abs=1e-3)
    assert got[1, "expressway_ic"].status == "gap" and got[1, "expressway_ic"].reason_code == "gap"
    # airport: 40 km and exactly 60 km (the limit itself is ok)
    assert got[0, "airport"].value == pytest.approx(40.0, abs=1e-3) and got[0, "airport"].status == "ok"
    assert got[1, "airport"].value == pytest.approx(60.0, abs=1e-3) and got[1, "airport"].status == "ok"
    # no port data: unknown with no value, never ok and never a gap
    for pos in (0, 1):
        row = got[pos, "port"]
        assert row.status == "unknown" and np.isnan(row.value) and row.reason_code == "none"
    assert list(checks["criterion"].unique()) == ["expressway_ic", "port", "airport"]  # KINDS order


def test_partial_data_never_make_a_gap_but_a_found_feature_is_ok(layout) -> None:
    needs = needs_for("ai_semiconductor", _reqs(expressway_ic=10))
    partial = LayerCoverage(EMPTY, BIG)
    layers = {"expressway_ic": (_points(layout["ic"]), partial)}
    checks = check_candidates(_candidates(layout["a"], layout["b"]), needs, layers=layers)
    assert checks["status"].tolist() == ["ok", "unknown"]
    assert checks["reason_code"].tolist() == ["ok", "partial"]
    assert checks["layer_completeness"].tolist() == ["partial", "partial"]


def test_unknown_never_ranks_as_ok(layout) -> None:
    needs = needs_for("ai_semiconductor", _reqs(expressway_ic=10, port=5))
    layers = {"expressway_ic": (_points(layout["ic"]), BIG), "port": (_points(), EMPTY)}
    checks = check_candidates(_candidates(layout["a"]), needs, layers=layers)
    summary = check_summary(checks, 1)
    assert summary.loc[0, ["n_ok", "n_gap", "n_unknown"]].tolist() == [1, 0, 1]
    assert summary.loc[0, "status"] == "unknown"


def test_area_and_capacity_checks(offset, west) -> None:
    needs = needs_for("ai_semiconductor", _reqs(industrial_water=10), land_ha=20, water_m3_day=10_000)
    cands = _candidates(west, offset(*west, 30_000.0), offset(*west, 60_000.0))
    cands["available_ha"] = [30.0, np.nan, np.nan]
    cands.loc[2, "kind"] = "municipality"
    water = _points(
        offset(*west, 5_000.0),  # 12,000 m³/day within 10 km of the first
        offset(*west, 33_000.0),  # 8,000 within 10 km of the second
        offset(*west, 62_000.0),  # capacity not known, near the third
        capacity_m3_day=[12_000.0, 8_000.0, np.nan],
    )
    checks = check_candidates(cands, needs, layers={"industrial_water": (water, BIG)})
    area = checks[checks["measure"] == "area"]
    assert area["status"].tolist() == ["ok", "unknown", "unknown"]
    assert area["reason_code"].tolist() == ["area_ok", "area_unknown", "area_municipality"]
    assert area["value"].iloc[0] == 30.0 and area["limit"].iloc[0] == 20.0 and area["unit"].iloc[0] == "ha"
    cap = checks[checks["measure"] == "capacity"]
    assert cap["status"].tolist() == ["ok", "unknown", "unknown"]  # a capacity check is never a gap
    assert cap["reason_code"].tolist() == ["capacity_ok", "capacity_below", "capacity_unknown"]
    assert cap["value"].iloc[:2].tolist() == [12_000.0, 8_000.0] and np.isnan(cap["value"].iloc[2])
    dist = checks[(checks["measure"] == "distance") & (checks["criterion"] == "industrial_water")]
    assert dist["value"].round(3).tolist() == [5.0, 3.0, 2.0] and set(dist["status"]) == {"ok"}


def _ranked(rows: list[dict[str, object]]) -> list[str]:
    base = {
        "kind": "municipality",
        "name": "n",
        "n_gap": 0,
        "n_unknown": 0,
        "catchment_working_age": 1e3,
        "distance_share": 0.5,
    }
    table = pd.DataFrame([{**base, **r} for r in rows])
    return table["code"].iloc[rank_order(table)].tolist()


def test_ranking_rule_in_order_and_ties_as_documented() -> None:
    # no gap above any gap, whatever the catchment
    assert _ranked([{"code": "gap", "n_gap": 1, "catchment_working_age": 9e6}, {"code": "nogap", "n_unknown": 3}]) == [
        "nogap",
        "gap",
    ]
    # then fewer unknowns, whatever the catchment
    assert _ranked([{"code": "u2", "n_unknown": 2, "catchment_working_age": 9e6}, {"code": "u1", "n_unknown": 1}]) == [
        "u1",
        "u2",
    ]
    # then the larger catchment, then the smaller distance share
    assert _ranked([{"code": "small", "catchment_working_age": 10.0}, {"code": "big"}]) == ["big", "small"]
    assert _ranked([{"code": "far", "distance_share": 0.9}, {"code": "near", "distance_share": 0.1}]) == [
        "near",
        "far",
    ]
    assert _ranked([{"code": "none", "distance_share": np.nan}, {"code": "some"}]) == ["some", "none"]
    # ties: parcels before municipalities, then code, then name
    assert _ranked([{"code": "a"}, {"code": "z", "kind": "parcel"}]) == ["z", "a"]
    assert _ranked([{"code": "b", "name": "x"}, {"code": "a", "name": "y"}]) == ["a", "b"]
    assert _ranked([{"code": "same", "name": "イ"}, {"code": "same", "name": "ア"}]) == ["same", "same"]


@pytest.fixture()
def units(offset, west) -> gpd.GeoDataFrame:
    """Five census units at known offsets from ``west`` (working age of U4 unknown)."""
    at = [(0, 5_000), (25_000, 0), (60_000, 0), (-28_000, 0), (400_000, 0)]
    pts = [offset(*west, dx, dy) for dx, dy in at]
    return gpd.GeoDataFrame(
        {
            "code": ["U1", "U2", "U3", "U4", "U5"],
            "population": [200.0, 400.0, 800.0, 50.0, 10.0],
            "working_age": [100.0, 200.0, 400.0, np.nan, 5.0],
        },
        geometry=gpd.points_from_xy([p[0] for p in pts], [p[1] for p in pts], crs=4326),
        crs=4326,
    )


def test_catchment_and_competitors_by_hand(make_sites, offset, west, units) -> None:
    cands = _candidates(west, offset(*west, 50_000.0))
    sites = make_sites(
        [
            {"name": "S1", "field": "ai_semiconductor", "jobs": 500, "lon": offset(*west, 70_000.0)[0], "lat": west[1]},
            {
                "name": "S2",
                "field": "ai_semiconductor",
                "jobs": 1000,
                "lon": offset(*west, -20_000.0)[0],
                "lat": west[1],
            },
            {"name": "S3", "field": "ai_semiconductor", "jobs": 50, "lon": offset(*west, 10_000.0)[0], "lat": west[1]},
            {
                "name": "S4",
                "field": "ai_semiconductor",
                "jobs": 9000,
                "lon": west[0],
                "lat": offset(*west, 0, -150_000.0)[1],
            },
        ]
    )
    lab = candidate_labour(cands, units, sites, 30.0, jobs=150)
    t = lab.catchments.sites
    # A reaches U1 (5 km), U2 (25 km), U4 (28 km, unknown); B reaches U2 (25 km) and U3 (10 km)
    assert t["catchment_working_age"].tolist() == [300.0, 600.0]
    assert t["catchment_munis"].tolist() == [3, 2] and t["catchment_munis_unknown"].tolist() == [1, 0]
    assert t["catchment_population"].tolist() == [650.0, 1200.0]
    assert t["jobs_per_1000_working_age"].tolist() == [pytest.approx(500.0), pytest.approx(250.0)]
    # S2 reaches U1, U4; S3 reaches U1, U2; S1 reaches U3: A ← S2, S3; B ← S1, S3 (most jobs first)
    assert lab.n_competing.tolist() == [2, 2]
    assert lab.competing_sites == [["S2", "S3"], ["S1", "S3"]]
    assert sorted(lab.catchments.pairs["code"][lab.catchments.pairs["site_id"] == 0]) == ["U1", "U2", "U4"]


def test_search_end_to_end_ranks_parcels_and_municipalities(make_sites, offset, west, units) -> None:
    area = shapely.box(west[0] - 0.25, west[1] - 0.1, west[0] + 0.25, west[1] + 0.1)
    region = regions.as_region(area)
    p_near = offset(*west, 1_000.0)  # IC at 7 km E / 3 km N of west: √(6² + 3²) = √45 km
    p_far = offset(*west, -14_000.0)  # √(21² + 3²) = √450 km: a gap at 10 km
    parcels = _parcels([("near", 25.0, p_near), ("far", None, p_far), ("small", 5.0, offset(*west, 2_000.0, 2_000.0))])
    needs = needs_for("ai_semiconductor", _reqs(expressway_ic=10), land_ha=20)
    layers = {"expressway_ic": (_points(offset(*west, 7_000.0, 3_000.0)), BIG)}
    result = site_search(needs, region, make_sites([]), parcels=parcels, layers=layers, units=units)
    assert result.parcels_loaded == 3 and result.parcels_too_small == 1
    table = result.candidates
    parcels_found = table[table["kind"] == "parcel"]
    assert sorted(parcels_found["code"]) == ["Pfar", "Pnear"]
    # the municipality holding a candidate parcel is not a candidate itself; the others in the area are
    found = find_candidates(region, parcels, 20)
    muni_of_near = regions.locate(*p_near)["muni_code"]
    munis = table[table["kind"] == "municipality"]
    assert muni_of_near not in set(munis["code"]) and len(munis) >= 1
    assert set(munis["code"]) == set(found.table.loc[found.table["kind"] == "municipality", "code"])
    assert (munis["position"] == "municipality_point").all()
    # near: IC ok, land ok → first; far: IC gap → below every candidate without a gap
    first = table.iloc[0]
    assert first["code"] == "Pnear" and first["status"] == "ok" and first["rank"] == 1
    near_checks = result.checks_of(int(first["candidate_id"]))
    assert near_checks["criterion"].tolist() == ["expressway_ic", "industrial_land"]
    assert near_checks["value"].tolist() == [pytest.approx(math.sqrt(45), abs=1e-3), 25.0]
    far = table[table["code"] == "Pfar"].iloc[0]
    assert far["n_gap"] == 1 and far["status"] == "gap"
    assert (table.loc[table["n_gap"] == 0, "rank"] < far["rank"]).all()
    data = search_json(result, top=2)
    assert list(data)[:5] == ["needs", "region", "rule", "criteria", "candidates"]
    assert [c["criterion"] for c in data["criteria"]] == ["expressway_ic", "industrial_land"]
    cand = data["candidates"][0]
    assert list(cand) == CANDIDATE_JSON_KEYS and cand["kind"] == "parcel" and cand["code"] == "Pnear"
    assert [list(c) for c in cand["checks"]] == [CHECK_JSON_KEYS] * 2
    assert cand["checks"][0] == {
        "criterion": "expressway_ic",
        "measure": "distance",
        "status": "ok",
        "value": round(math.sqrt(45), 3),
        "limit": 10.0,
        "unit": "km",
        "reason": "ok",
    }
    assert len(data["candidates"]) == 2 and data["candidates_total"] == len(table)


def _outlook(wa_2050_u4: float) -> pd.DataFrame:
    """Hand IPSS rows for U1–U4: 2020 = 1,000 × unit number, 2050 = 600 × unit number (U4's 2050 as given)."""
    table = pd.DataFrame({"code": ["U1", "U2", "U3", "U4"]})
    for col in WA_COLUMNS:
        year = int(col.rsplit("_", 1)[1])
        table[col] = [(1_000.0 if year == 2020 else 800.0 if year < 2050 else 600.0) * k for k in (1, 2, 3, 4)]
    table.loc[3, "working_age_2050"] = wa_2050_u4
    table["manufacturing_persons_2019"] = [10.0, 20.0, 30.0, 40.0]
    table["ipss_basis"] = ["direct", "direct", "direct", "group_share"]
    return table


def test_candidate_catchment_carries_the_outlook_and_manufacturing(make_sites, offset, west, units) -> None:
    """Pnear (1 km E of west) reaches U1 (√26 km), U2 (24 km) and U4 (29 km): the sums are those three rows."""
    region = regions.as_region(shapely.box(west[0] - 0.05, west[1] - 0.05, west[0] + 0.05, west[1] + 0.05))
    parcels = _parcels([("near", 25.0, offset(*west, 1_000.0))])
    needs = needs_for("ai_semiconductor", _reqs(), land_ha=20, jobs=140)
    sites = make_sites([])
    result = site_search(needs, region, sites, parcels=parcels, layers={}, units=units, outlook=_outlook(2_400))
    near = next(c for c in search_json(result)["candidates"] if c["code"] == "Pnear")
    assert near["catchment_working_age_2020"] == 1_000 + 2_000 + 4_000
    assert near["catchment_working_age_2035"] == 800 + 1_600 + 3_200
    assert near["catchment_working_age_2050"] == 600 + 1_200 + 2_400
    assert near["catchment_manufacturing_employees"] == 70 and near["jobs_share_of_catchment_manufacturing"] == 2.0
    assert near["catchment_ipss_group_share"] == 1
    assert near["catchment_working_age"] == 300  # the 2020 estimate of the units file, unchanged
    wide = wide_table(result)
    assert wide.loc[wide["code"] == "Pnear", "catchment_working_age_2050"].item() == 4_200
    # one unknown unit makes the catchment's 2050 unknown (null, never a partial sum or 0); 2020 stays known
    result = site_search(needs, region, sites, parcels=parcels, layers={}, units=units, outlook=_outlook(np.nan))
    near = next(c for c in search_json(result)["candidates"] if c["code"] == "Pnear")
    assert near["catchment_working_age_2050"] is None and near["catchment_working_age_2020"] == 7_000


def test_needs_are_prefilled_and_checked() -> None:
    reqs = _reqs(expressway_ic=10, airport=60)
    needs = needs_for("ai_semiconductor", reqs, limits={"airport": 30, "port": None})
    assert needs.required() == {"expressway_ic": 10.0, "airport": 30.0}
    with pytest.raises(ParameterError):
        needs_for("ai_semiconductor", reqs, land_ha=-1)
    with pytest.raises(ParameterError):
        needs_for("ai_semiconductor", reqs, limits={"airport": 0})
    with pytest.raises(ParameterError):
        needs_for("no_such_field", reqs)


def test_download_table_has_every_candidate_and_check(make_sites, offset, west, units) -> None:
    region = regions.as_region(shapely.box(west[0] - 0.25, west[1] - 0.1, west[0] + 0.25, west[1] + 0.1))
    parcels = _parcels([("near", 25.0, offset(*west, 1_000.0)), ("unknown", None, offset(*west, -14_000.0))])
    needs = needs_for("ai_semiconductor", _reqs(expressway_ic=10), land_ha=20)
    layers = {"expressway_ic": (_points(offset(*west, 7_000.0, 3_000.0)), BIG)}
    result = site_search(needs, region, make_sites([]), parcels=parcels, layers=layers, units=units)
    wide = wide_table(result)
    assert len(wide) == len(result.candidates) and wide["rank"].tolist() == list(range(1, len(wide) + 1))
    assert wide.loc[0, "expressway_ic_distance"] == pytest.approx(math.sqrt(45), abs=1e-3)
    assert wide.loc[0, "industrial_land_area"] == 25.0 and wide.loc[0, "industrial_land_area_status"] == "ok"
    unknown = wide[wide["code"] == "Punknown"].iloc[0]
    assert np.isnan(unknown["industrial_land_area"]) and unknown["industrial_land_area_status"] == "unknown"
    units_of = {f"{c.criterion}_{c.measure}": c.unit for c in result.criteria}
    ja = wide_headers(wide, units_of, "ja")
    assert "高速IC：距離（km）" in ja.columns and "工業用地：分譲可能面積の判定" in ja.columns
    assert "通勤圏の生産年齢人口 2050（IPSS推計）" in ja.columns
    assert "通勤圏の製造業従業者（2019年 工業統計）" in ja.columns
    assert ja.loc[0, "判定"] == "充足" and ja.loc[0, "種別"] == "工業用地"
    en = wide_headers(wide, units_of, "en")
    assert "Industrial land: available area (ha)" in en.columns and en.loc[0, "Status"] == "ok"
    text = safe_csv(ja).decode("utf-8-sig")
    assert text.splitlines()[0].startswith("順位,種別,名称,コード") and len(text.splitlines()) == len(wide) + 1


def test_the_table_words_a_sample_code_and_lists_competitors_on_one_line() -> None:
    """Issue 24: the page's table showed 「sample:8」 (a sample parcel's made-up row code) and Python lists."""
    wide = pd.DataFrame(
        {
            "rank": [1, 2],
            "kind": ["parcel", "municipality"],
            "name": ["苫小牧東部地域（サンプル）", "千歳市"],
            "code": ["sample:8", "01224"],
            "position": ["parcel_point", "municipality_point"],
            "status": ["ok", "unknown"],
            "is_sample": [True, False],
            "competing_sites": [["ラピダス IIM-1", "千歳第2工場"], []],
        }
    )
    ja = wide_headers(wide, {}, "ja")
    assert ja["コード"].tolist() == ["なし（サンプル）", "01224"]
    assert ja["サンプル"].tolist() == ["はい", ""]
    assert ja["競合する候補地（雇用の多い順）"].tolist() == ["ラピダス IIM-1、千歳第2工場", ""]
    en = wide_headers(wide, {}, "en")
    assert en["Code"].tolist() == ["none (sample)", "01224"]
    assert en["Competing sites (most jobs first)"].tolist() == ["ラピダス IIM-1, 千歳第2工場", ""]

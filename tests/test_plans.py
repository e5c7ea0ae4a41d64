"""Plans without the store: the checklist file, the automatic checks, the derived sections against hand sums.

The fixture sites are ``tests/support/sites.BRIEFING_ROWS`` (ids 1..5):
1 XSS-named AI site, 1,200 億円, 300 jobs, 20 ha, planned; 2 菊陽, 800 億円, 200 jobs, construction;
3 合志, no investment, 150 jobs, 5.5 ha, planned; 4 北九州 port, 300 億円, operating; 5 有田 crafts, 2.5 億円, 12 jobs.
"""

from __future__ import annotations

import geopandas as gpd
import numpy as np
import pandas as pd
import pytest

from geo.errors import PlanError
from geo.labour import data as labour_data
from geo.plans import checklist, derived, model
from geo.plans.area import overlaps, plan_region, region_id
from geo.plans.report import PLAN_JSON_KEYS, plan_json
from geo.regions import resolve_region
from i18n.errors import bilingual
from i18n.plans import evidence_text


def _plan(**kw: object) -> model.Plan:
    base: dict[str, object] = {
        "id": 7,
        "type": "A",
        "name": "テスト計画",
        "region": "kyushu",
        "fields": ("ai_semiconductor",),
        "sites": (1, 2, 3),
    }
    return model.Plan(**{**base, **kw})  # type: ignore[arg-type]


def _by_id(checks: list[checklist.CheckResult]) -> dict[str, checklist.CheckResult]:
    return {c.requirement.id: c for c in checks}


# ------------------------------------------------------------------ the checklist file
def test_checklist_file_has_the_papers_items_per_type() -> None:
    table = checklist.load_checklist()
    ids = {t: [r.id for r in table.for_type(t)] for t in "ABC"}
    assert ids == {"A": ["A1", "A2", "A3", "A4"], "B": ["B1", "B2", "B3", "B4", "B5"], "C": ["C1", "C2", "C3", "C4"]}
    a = {r.id: r for r in table.for_type("A")}
    # quoted from the paper's 計画要件 row (../shared/seed, 「3つのクラスター計画」)
    assert a["A1"].text_ja == "日本成長戦略本部における、17の戦略分野に関する検討と整合していること。"
    assert "関係省庁との事前調整" in a["A2"].text_ja
    assert a["A3"].text_ja == "一定の大規模投資の見込みがあること。"
    assert "賃上げ" in a["A4"].text_ja
    rules = (a["A1"].rule, a["A2"].rule, a["A3"].rule, a["A4"].rule)
    assert rules == ("fields_strategic", None, "large_investment", None)
    assert all(r.text_en and r.text_ja for r in table.items)
    assert table.large_investment_oku_yen == 100.0


def test_checklist_file_errors_name_the_problem(tmp_path) -> None:
    bad = tmp_path / "req.toml"
    bad.write_text('[rules.large_investment]\nmin_oku_yen = 100\n[[requirements]]\ntype = "A"\nid = "A1"\n')
    with pytest.raises(PlanError) as err:
        checklist.load_checklist(bad)
    assert "text_ja" in bilingual(err.value) and str(bad) in bilingual(err.value)
    bad.write_text(
        '[rules.large_investment]\nmin_oku_yen = 100\n[[requirements]]\ntype = "A"\nid = "A9"\ntext_ja = "x"\n'
        'text_en = "x"\nrule = "guess"\n'
    )
    with pytest.raises(PlanError, match="plan_requirements_rule"):
        checklist.load_checklist(bad)
    with pytest.raises(PlanError, match="plan_requirements_missing"):
        checklist.load_checklist(tmp_path / "none.toml")


def test_only_editor_items_can_be_set() -> None:
    assert checklist.settable("A", "A2").id == "A2"
    with pytest.raises(PlanError, match="plan_requirement_automatic"):
        checklist.settable("A", "A1")
    with pytest.raises(PlanError) as err:
        checklist.settable("B", "A2")
    assert "B1, B2, B3, B4, B5" in bilingual(err.value)


# ------------------------------------------------------------------ stored values are checked
def test_model_checks() -> None:
    assert model.check_type("b") == "B"
    assert model.check_name("  九州   AI・半導体\n計画 ") == "九州 AI・半導体 計画"
    assert model.check_fields(["ai_semiconductor", "crafts", "ai_semiconductor"]) == ("ai_semiconductor", "crafts")
    assert model.check_site_ids(["3", 1, 3]) == (3, 1)
    for call, code in [
        (lambda: model.check_type("D"), "plan_type_unknown"),
        (lambda: model.check_name(" "), "plan_name_empty"),
        (lambda: model.check_name("x" * 201), "plan_name_too_long"),
        (lambda: model.check_fields(["steel"]), "plan_field_unknown"),
        (lambda: model.check_status("approved"), "plan_status_unknown"),
        (lambda: model.check_check_status("yes"), "plan_check_status_unknown"),
        (lambda: model.check_evidence("", "met"), "plan_evidence_empty"),
        (lambda: model.check_evidence("x" * 2001, "met"), "plan_evidence_too_long"),
        (lambda: model.check_sections({"summary": "x"}), "plan_section_unknown"),
        (lambda: model.check_site_ids(["0"]), "plan_site_id_bad"),
        (lambda: model.check_site_ids(["x1"]), "plan_site_id_bad"),
    ]:
        with pytest.raises(PlanError) as err:
            call()
        assert err.value.code == code
        ja, en = bilingual(err.value).split(" / ", 1)
        assert ja and en
    assert model.check_evidence("", "unknown") == ""


def test_plan_regions() -> None:
    assert region_id("九州") == ("kyushu", None)
    assert region_id("43") == ("43", None)
    assert region_id("43404") == ("43404", None)  # 菊陽町
    with pytest.raises(PlanError, match="plan_municipality_unknown"):
        region_id("43999")
    muni = plan_region("43404")
    assert muni.name_ja == "菊陽町" and muni.pref_codes == ("43",)
    from shapely.geometry import box

    rid, wkt = region_id(None, box(130.7, 32.8, 130.9, 32.95))
    assert rid.startswith("custom-") and wkt is not None
    assert plan_region(rid, wkt).id == rid and plan_region(rid, wkt).pref_codes == ("43",)
    assert overlaps(muni, resolve_region("kyushu")) and overlaps(resolve_region("kyushu"), resolve_region("43"))
    assert not overlaps(muni, resolve_region("hokkaido"))


# ------------------------------------------------------------------ derived sections against hand sums
@pytest.fixture(scope="module")
def kumamoto(fixed_sites: gpd.GeoDataFrame) -> derived.PlanDerived:
    return derived.derive(_plan(), fixed_sites)


def test_investment_is_the_members_disclosed_sum(kumamoto: derived.PlanDerived) -> None:
    inv = kumamoto.investment
    assert (inv.disclosed_oku_yen, inv.undisclosed_sites, inv.n_sites) == (1200 + 800, 1, 3)
    by_status = inv.by_status.set_index("status")
    assert by_status.loc["planned", "n_sites"] == 2 and by_status.loc["planned", "investment_oku_yen"] == 1200
    assert by_status.loc["planned", "n_investment_unknown"] == 1
    assert kumamoto.members["site_id"].tolist() == [1, 2, 3] and kumamoto.missing_sites == ()


def test_labour_keeps_disclosed_and_estimated_apart(kumamoto: derived.PlanDerived) -> None:
    lab = kumamoto.labour
    assert lab.jobs_disclosed == 300 + 200 + 150
    assert lab.jobs_estimated is None and lab.sites_jobs_unknown == 0  # every member discloses its jobs


def test_catchment_is_the_union_of_the_members_catchments(
    kumamoto: derived.PlanDerived, fixed_sites: gpd.GeoDataFrame
) -> None:
    """Brute force: every census unit whose representative point is within 30 km (UTM 52) of any member."""
    units = labour_data.municipal_units().to_crs("EPSG:6689")
    members = fixed_sites[fixed_sites["site_id"].isin([1, 2, 3])].to_crs("EPSG:6689")
    near = np.zeros(len(units), dtype=bool)
    for point in members.geometry:
        near |= (units.distance(point) <= 30_000.0).to_numpy()
    expected = float(units.loc[near, "working_age"].sum())
    assert kumamoto.labour.catchment_munis == int(near.sum())
    assert kumamoto.labour.catchment_working_age == pytest.approx(expected)
    assert kumamoto.labour.jobs_per_1000_working_age == pytest.approx(650 / expected * 1000)
    # issue 20's figures over the same union, each unit once: IPSS 2035/2050 and 工業統計 2019 manufacturing
    from geo.labour.outlook import units_outlook

    codes = set(units.loc[near, "code"].astype(str))
    outlook = units_outlook().astype({"code": str})
    chosen = outlook[outlook["code"].isin(codes)]
    assert len(chosen) == len(codes)
    for year in (2035, 2050):
        got = getattr(kumamoto.labour, f"catchment_working_age_{year}")
        assert got == pytest.approx(float(chosen[f"working_age_{year}"].sum()))
    mfg = float(chosen["manufacturing_persons_2019"].sum())
    assert kumamoto.labour.catchment_manufacturing_employees == pytest.approx(mfg)
    assert kumamoto.labour.jobs_share_of_catchment_manufacturing == pytest.approx(650 / mfg)


def test_land_demand_unknown_supply_stays_unknown(fixed_sites: gpd.GeoDataFrame, kumamoto) -> None:
    land = kumamoto.land
    assert land.demand_ha == 20 + 5.5 and land.demand_unknown_sites == 1  # site 2 (construction) discloses none
    assert land.available_ha is None and land.balance_ha is None and land.unknown_prefs == 7
    parcels = pd.DataFrame({"pref_code": ["43", "43", "40"], "available_ha": [30.0, None, 4.0]})
    with_supply = derived.derive(_plan(), fixed_sites, parcels).land
    assert with_supply.available_ha == 34.0 and with_supply.balance_ha == 34.0 - 25.5 and with_supply.unknown_prefs == 5


def test_measures_are_the_gap_and_unknown_rows(kumamoto: derived.PlanDerived) -> None:
    m = kumamoto.infrastructure.measures
    assert set(m["status"]) <= {"gap", "unknown"} and set(m["site_id"]) <= {1, 2, 3}
    checks = kumamoto.infrastructure.checks
    assert len(m) == checks["gap"] + checks["unknown"]
    assert list(m.columns) == derived.MEASURE_COLUMNS
    unknown = m[m["status"] == "unknown"]
    assert unknown["layer_completeness"].isin(["partial", "none"]).all()  # unknown never hides a complete layer


def test_missing_members_are_listed(fixed_sites: gpd.GeoDataFrame) -> None:
    d = derived.derive(_plan(sites=(2, 99)), fixed_sites)
    assert d.members["site_id"].tolist() == [2] and d.missing_sites == (99,)


# ------------------------------------------------------------------ an A plan's automatic checks
def test_a_plan_automatic_checks(kumamoto: derived.PlanDerived, fixed_sites: gpd.GeoDataFrame) -> None:
    checks = _by_id(checklist.judge(_plan(), kumamoto))
    assert [c for c in checks] == ["A1", "A2", "A3", "A4"]
    assert checks["A1"].status == "met" and checks["A1"].automatic
    assert checks["A3"].status == "met" and checks["A3"].judgement.figure == 2000.0
    assert evidence_text(checks["A3"].judgement.code, checks["A3"].judgement.params, "ja") == (
        "公表投資額の合計 2,000 億円が基準 100 億円以上（3 件中 1 件は未公表）"
    )
    assert checks["A2"].status == "unknown" and not checks["A2"].automatic and checks["A2"].judgement.code == "not_set"

    mixed = _plan(sites=(1, 4, 5))  # AI, port logistics, 伝統工芸品 (not one of the 17)
    a1 = _by_id(checklist.judge(mixed, derived.derive(mixed, fixed_sites)))["A1"]
    assert a1.status == "not_met" and a1.judgement.figure == 1.0
    assert evidence_text(a1.judgement.code, a1.judgement.params, "en") == (
        "fields outside the 17 strategic fields: Traditional crafts"
    )

    small = _plan(sites=(5,), fields=())  # 2.5 億円, disclosed: below 100
    assert _by_id(checklist.judge(small, derived.derive(small, fixed_sites)))["A3"].status == "not_met"
    quiet = _plan(sites=(3,))  # nothing disclosed: cannot decide
    a3 = _by_id(checklist.judge(quiet, derived.derive(quiet, fixed_sites)))["A3"]
    assert a3.status == "unknown" and a3.judgement.code == "investment_undisclosed" and a3.judgement.figure is None
    empty = _plan(sites=(), fields=())
    judged = _by_id(checklist.judge(empty, derived.derive(empty, fixed_sites)))
    assert judged["A1"].status == "unknown" and judged["A3"].status == "unknown"


def test_editor_checks_and_other_types(fixed_sites: gpd.GeoDataFrame) -> None:
    set_a2 = model.Check("met", "2026-11-20 経産省・国交省と協議開始（議事メモ）", "tanaka", "2026-11-21T00:00:00.000Z")
    plan = _plan(checks={"A2": set_a2})
    a2 = _by_id(checklist.judge(plan, derived.derive(plan, fixed_sites)))["A2"]
    assert (a2.status, a2.evidence_text, a2.set_by) == ("met", set_a2.evidence, "tanaka")
    c_plan = _plan(type="C", sites=(5,), fields=("crafts",))
    c4 = _by_id(checklist.judge(c_plan, derived.derive(c_plan, fixed_sites)))["C4"]
    assert c4.status == "met"
    b_plan = _plan(type="B", sites=(4,))
    assert _by_id(checklist.judge(b_plan, derived.derive(b_plan, fixed_sites)))["B5"].status == "unknown"


def test_b_plan_ranks_its_firms(fixed_sites: gpd.GeoDataFrame) -> None:
    firms = (
        {"firm": "甲", "pref_code": "43", "out_region_sales": 60.0, "in_region_purchases": 10.0},
        {"firm": "乙", "pref_code": "43", "out_region_sales": 40.0, "in_region_purchases": 30.0},
    )
    plan = _plan(type="B", sites=(4,), firms=firms)
    d = derived.derive(plan, fixed_sites)
    assert d.firms is not None
    # by hand: 甲 0.6 + 0.25 = 0.85, 乙 0.4 + 0.75 = 1.15
    assert d.firms["firm"].tolist() == ["乙", "甲"] and d.firms["score"].tolist() == pytest.approx([1.15, 0.85])
    b5 = _by_id(checklist.judge(plan, d))["B5"]
    assert b5.status == "met" and evidence_text(b5.judgement.code, b5.judgement.params, "ja").endswith("（1 位: 乙）")


def test_plan_json_keys(kumamoto: derived.PlanDerived) -> None:
    plan = _plan()
    data = plan_json(plan, kumamoto, checklist.judge(plan, kumamoto))
    assert list(data)[: len(PLAN_JSON_KEYS)] == PLAN_JSON_KEYS
    assert data["investment"]["disclosed_oku_yen"] == 2000 and data["investment"]["undisclosed_sites"] == 1
    assert data["labour"]["jobs_disclosed"] == 650 and data["labour"]["jobs_estimated"] is None
    assert data["land"] == {**data["land"], "demand_ha": 25.5, "available_ha": None, "balance_ha": None}
    for m in data["infrastructure"]["measures"]:
        assert list(m)[:6] == ["site", "requirement", "status", "distance_km", "limit_km", "layer_completeness"]
    req = data["requirements"][2]
    assert (req["id"], req["status"], req["evidence"]["figure"]) == ("A3", "met", 2000.0)

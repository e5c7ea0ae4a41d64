"""Streamlit AppTest: sidebar, filters, summary, language toggle, no-data layers."""

from __future__ import annotations

import pytest
from streamlit.testing.v1 import AppTest

from tests.support.tables import page_tables

pytestmark = pytest.mark.apptest

# Expected figures of the committed sample, data/sites/sample_sites.csv (the store the app seeds), read
# off the file by hand: 43 rows; investment_oku_yen adds up to 16,007 億円; one row gives land_ha (SoftBank
# 苫小牧, 70 ha), none in Kyushu; Kyushu
# (addresses in 福岡・佐賀・長崎・熊本・大分・宮崎・鹿児島) has 16 rows, 熊本県 6 of them with 1,700 jobs
# (JASM fab 1, the only one of the six that gives jobs); field ai_semiconductor with plan type A: 17 rows.
N_SITES = 43
# 16,007 + JASM fab 2 (20,000) + Rapidus (50,000) + Sakura Ishikari (130) + SoftBank 苫小牧 (500)
# + 石狩湾新港洋上風力 (700) + HOSPO (23)
INVESTMENT_OKU_YEN = "87,360"
LAND_HA = "70"
N_KYUSHU = 16
N_KUMAMOTO, JOBS_KUMAMOTO = 6, "3,400"  # JASM fabs 1 and 2, 1,700 each
N_AI_SEMICONDUCTOR_PLAN_A = 17


def _metric(at: AppTest, label: str) -> str:
    return next(m.value for m in at.metric if m.label == label)


def test_default_view_shows_all_sites(app: AppTest) -> None:
    assert app.title[0].value == "地域未来マップ"
    assert _metric(app, "候補地数") == str(N_SITES)
    assert _metric(app, "投資額（億円）") == INVESTMENT_OKU_YEN
    assert _metric(app, "用地（ha）") == LAND_HA


def test_block_and_prefecture_filters(app: AppTest) -> None:
    app.selectbox(key="block").set_value("kyushu").run()
    assert not app.exception
    assert _metric(app, "候補地数") == str(N_KYUSHU)
    # a measure that no site of the region discloses is shown as unknown, never as 0
    assert _metric(app, "用地（ha）") == "—"
    app.selectbox(key="pref").set_value("43").run()
    assert _metric(app, "候補地数") == str(N_KUMAMOTO)
    assert _metric(app, "雇用（人）") == JOBS_KUMAMOTO


def test_field_and_plan_filters(app: AppTest) -> None:
    app.multiselect(key="fields").set_value(["ai_semiconductor"]).run()
    app.multiselect(key="plan_types").set_value(["A"]).run()
    assert _metric(app, "候補地数") == str(N_AI_SEMICONDUCTOR_PLAN_A)
    app.multiselect(key="statuses").set_value(["concept"])
    app.multiselect(key="fields").set_value(["quantum"]).run()
    assert _metric(app, "候補地数") == "0"
    assert any("候補地はありません" in i.value for i in app.info)


def test_layers_without_data_say_so(app: AppTest) -> None:
    app.selectbox(key="block").set_value("kyushu").run()
    water = app.checkbox(key="layer_industrial_water")
    assert water.disabled and "データなし" in water.label
    roads = app.checkbox(key="layer_roads")
    assert not roads.disabled
    app.selectbox(key="block").set_value("tohoku").run()
    assert app.checkbox(key="layer_roads").disabled, "Overture roads cover only Kyushu and 道央"
    (table,) = page_tables(app)  # the layer table: layer, count, status, completeness, source, licence, date
    assert "データ未読込 — OSMから取得するかファイルを読み込んでください" in set(table["状態"])


def test_english_toggle(app: AppTest) -> None:
    app.radio(key="lang").set_value("English").run()
    assert not app.exception
    assert app.title[0].value == "Chiiki Mirai Map"
    assert any(m.label == "Sites" for m in app.metric)
    assert app.selectbox(key="block").label == "Block (METI bureau)"

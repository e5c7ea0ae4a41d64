"""AppTest of 立地候補探索 and 地域比較: the form, the rule on the page, ranked rows, card, downloads, columns."""

from __future__ import annotations

import pandas as pd
import pytest
from streamlit.testing.v1 import AppTest

from geo import regions
from geo.analysis import land
from geo.siting import needs_for, site_search
from geo.store import open_store
from tests.support import REPO

pytestmark = pytest.mark.apptest


def _metric(at: AppTest, label: str) -> str:
    return next(m.value for m in at.metric if m.label == label)


def test_siting_page_ranks_and_explains(app: AppTest) -> None:
    app.selectbox(key="block").set_value("kyushu").run()
    app.switch_page("ui/pages/siting.py").run()
    assert not app.exception, app.exception
    assert app.title[0].value == "立地候補探索"
    # the field's profile fills the limits (AI・半導体: IC 10 km, airport 60 km); port is not required
    assert app.number_input(key="ss_max_expressway_ic").value == 10
    assert app.number_input(key="ss_max_airport").value == 60
    assert app.number_input(key="ss_max_port").value is None
    # the rule is written on the page
    texts = " ".join(str(c.value) for c in [*app.caption, *app.markdown, *app.text])
    assert "不足の少ない順" in texts and "通勤圏の生産年齢人口" in texts
    assert "工業用地を市区町村より先に" in texts and "代表点" in texts
    kyushu = regions.resolve_region("kyushu")
    expected = site_search(
        needs_for("ai_semiconductor"), kyushu, open_store().read(), parcels=land.load_parcels(kyushu)
    )
    assert _metric(app, "候補数") == f"{len(expected.candidates):,}"
    table = app.dataframe[-1].value
    assert table["名称"].tolist()[:5] == expected.candidates["name"].tolist()[:5]
    assert table["順位"].tolist()[:3] == [1, 2, 3]
    assert set(table["判定"]) <= {"充足", "不足", "不明"}
    assert "高速IC：距離（km）" in table.columns and "高速IC：距離の判定" in table.columns
    # a page of the table at a time (the downloads hold every candidate)
    assert len(expected.candidates) > 200 and len(table) == 200
    app.number_input(key="ss_table_page").set_value(2).run()
    assert app.dataframe[-1].value["順位"].tolist()[:2] == [201, 202]
    app.number_input(key="ss_table_page").set_value(1).run()
    # a narrower profile: IC within 5 km and 20 ha of land
    app.number_input(key="ss_max_expressway_ic").set_value(5.0)
    app.number_input(key="ss_land_ha").set_value(20.0)
    app.button[0].click().run()  # the form's submit button
    assert not app.exception, app.exception
    table = app.dataframe[-1].value
    assert "工業用地：分譲可能面積（ha）" in table.columns
    assert set(table["高速IC：距離の判定"]) <= {"充足", "不足", "不明"}
    limits = {v for v in table["高速IC：距離（km）"] if pd.notna(v) and v <= 5}
    assert limits, "some candidates have an IC within 5 km"
    # downloads: CSV and Excel with every candidate
    buttons = app.get("download_button")
    assert len(buttons) == 2


def test_siting_card_and_add_for_editor(app: AppTest) -> None:
    app.selectbox(key="block").set_value("kyushu").run()
    app.selectbox(key="pref").set_value("43").run()
    app.switch_page("ui/pages/siting.py").run()
    table = app.dataframe[-1].value
    # a municipality's row: its コード is the municipal code (a sample parcel's reads 「なし（サンプル）」)
    munis = table[table["種別"] != "工業用地"]
    first = munis.iloc[0]
    rank = int(first["順位"])
    app.session_state["ss_chosen"] = f"municipality:{first['コード']}"
    app.run()
    assert not app.exception, app.exception
    assert any(h.value.startswith(f"{rank}位：") for h in app.subheader)
    checks = app.dataframe[0].value
    assert list(checks.columns) == ["要件", "測り方", "値", "上限・必要量", "判定", "理由"]
    assert "高速IC" in set(checks["要件"])
    assert any("編集者としてサインインすると" in c.value for c in app.caption)  # not signed in: no button
    app.radio(key="lang").set_value("English").run()
    assert not app.exception and app.title[0].value == "Where could a project go?"
    assert any(h.value.startswith(f"#{rank}: ") for h in app.subheader)


def test_compare_page_columns_on_one_scale(app: AppTest) -> None:
    app.switch_page("ui/pages/compare.py").run()
    assert not app.exception, app.exception
    assert app.title[0].value == "地域比較"
    assert app.multiselect(key="cmp_regions").value == ["43", "01"]  # national view: 熊本県 and 北海道
    assert [s.value for s in app.subheader][:2] == ["熊本県", "北海道"]
    assert app.query_params["compare"] in ("43,01", ["43,01"]), "the address opens these columns"
    figures = app.dataframe[0].value
    assert list(figures.columns) == ["項目", "1. 熊本県", "2. 北海道"]
    wa = figures.set_index("項目").loc["生産年齢人口（推計）"]
    assert wa["1. 熊本県"] == "969,397"
    assert any("同じ目盛り" in c.value for c in app.caption)
    # working age 2050 from the IPSS prefecture table, the strongest 特化係数 (熊本県 A 2.108, 北海道 B)
    wa_2050 = figures.set_index("項目").loc["生産年齢人口 2050（IPSS推計）"]
    assert (wa_2050["1. 熊本県"], wa_2050["2. 北海道"]) == ("671,032", "1,867,276")
    tops = app.dataframe[1].value.set_index("項目")
    assert tops.loc["特化係数 1位（産業大分類）", "1. 熊本県"] == "A 農業，林業（2.11）"
    heads = [s.value for s in app.subheader]
    assert "特化係数の高い産業（上位5）" in heads and "生産年齢人口（15〜64歳）の見通し 2020→2050" in heads
    assert any("2020年 = 100" in c.value and "同じ目盛り" in c.value for c in app.caption)
    assert any("国立社会保障・人口問題研究所" in c.value and "実績ではありません" in c.value for c in app.caption)
    app.multiselect(key="cmp_regions").set_value(["kyushu", "43", "hokkaido"]).run()
    assert not app.exception
    assert list(app.dataframe[0].value.columns) == ["項目", "1. 九州", "2. 熊本県", "3. 北海道"]
    app.multiselect(key="cmp_regions").set_value(["43"]).run()
    assert any("2〜4" in i.value for i in app.info)


def test_export_page_offers_a_compare_section(app: AppTest) -> None:
    app.selectbox(key="block").set_value("kyushu").run()
    app.switch_page("ui/pages/export.py").run()
    box = app.multiselect(key="export_compare")
    assert (
        "九州（ブロック）" not in box.options and "北海道" in box.options and "北海道（ブロック）" in box.options
    )  # the briefing's own region is not offered
    box.set_value(["01", "43"]).run()
    assert not app.exception, app.exception
    assert app.multiselect(key="export_compare").value == ["01", "43"]
    app.button(key="export_build").click().run()  # built when asked for, with the 地域比較 section
    assert not app.exception, app.exception
    assert [b.key for b in app.get("download_button")].count("export_download") == 1  # the briefing, once


def test_siting_profile_and_candidate_travel_in_the_address(app: AppTest, app_env) -> None:
    app.selectbox(key="block").set_value("kyushu").run()
    app.selectbox(key="pref").set_value("43").run()
    app.switch_page("ui/pages/siting.py").run()
    app.number_input(key="ss_max_expressway_ic").set_value(5.0)
    app.number_input(key="ss_land_ha").set_value(20.0)
    app.button[0].click().run()
    need = app.query_params["need"]
    need = need[0] if isinstance(need, list) else need
    assert need.startswith("field=ai_semiconductor;land_ha=20;") and "max_expressway_ic=5;" in need
    assert "max_airport=60;" in need and "max_port=;" in need  # the field's limit, and "not required"
    first = app.dataframe[-1].value.iloc[0]
    chosen = f"{'parcel' if first['種別'] == '工業用地' else 'municipality'}:{first['コード']}"
    # the same address in a new session: the profile, the ranking and the open card come back
    fresh = AppTest.from_file(str(REPO / "app.py"), default_timeout=180)
    fresh.query_params.update({"region": "43", "need": need + ";bogus=1", "candidate": chosen})
    fresh.run()
    fresh.switch_page("ui/pages/siting.py").run()
    assert not fresh.exception, fresh.exception
    assert fresh.number_input(key="ss_max_expressway_ic").value == 5
    assert fresh.number_input(key="ss_land_ha").value == 20
    assert fresh.number_input(key="ss_max_port").value is None
    assert fresh.dataframe[-1].value["名称"].tolist()[:3] == app.dataframe[-1].value["名称"].tolist()[:3]
    assert any(h.value == f"1位：{first['名称']}" for h in fresh.subheader)

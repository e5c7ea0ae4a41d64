"""Streamlit AppTest: sidebar, filters, summary, language toggle, no-data layers."""

from __future__ import annotations

from streamlit.testing.v1 import AppTest

from geo import regions
from geo.sites import summary
from geo.store import open_store


def _metric(at: AppTest, label: str) -> str:
    return next(m.value for m in at.metric if m.label == label)


def _expected(region: str | None = None, **filters) -> dict:
    sites = open_store().read()
    region_obj = regions.resolve_region(region) if region else None
    return summary.summarise(summary.filter_sites(sites, region=region_obj, **filters))


def test_default_view_shows_all_sites(app: AppTest) -> None:
    assert app.title[0].value == "地域未来マップ"
    expected = _expected()
    assert _metric(app, "候補地数") == f"{expected['n_sites']:,}"
    assert expected["n_sites"] >= 30
    assert _metric(app, "投資額（億円）") == f"{expected['investment_oku_yen']:,.0f}"
    # a measure that no site discloses is shown as unknown, never as 0
    land = "—" if expected["n_known"]["land_ha"] == 0 else f"{expected['land_ha']:,.0f}"
    assert _metric(app, "用地（ha）") == land


def test_block_and_prefecture_filters(app: AppTest) -> None:
    app.selectbox(key="block").set_value("kyushu").run()
    assert not app.exception
    kyushu = _expected("kyushu")
    assert 0 < kyushu["n_sites"] < _expected()["n_sites"]
    assert _metric(app, "候補地数") == f"{kyushu['n_sites']:,}"
    app.selectbox(key="pref").set_value("43").run()
    kumamoto = _expected("43")
    assert _metric(app, "候補地数") == f"{kumamoto['n_sites']:,}"
    assert _metric(app, "雇用（人）") == f"{kumamoto['jobs']:,.0f}"


def test_field_and_plan_filters(app: AppTest) -> None:
    app.multiselect(key="fields").set_value(["ai_semiconductor"]).run()
    app.multiselect(key="plan_types").set_value(["A"]).run()
    expected = _expected(fields=["ai_semiconductor"], plan_types=["A"])
    assert expected["n_sites"] > 0
    assert _metric(app, "候補地数") == f"{expected['n_sites']:,}"
    app.multiselect(key="statuses").set_value(["concept"])
    app.multiselect(key="fields").set_value(["quantum"]).run()
    assert _metric(app, "候補地数") == "0"
    assert any("候補地はありません" in i.value for i in app.info)


def test_layers_without_data_say_so(app: AppTest) -> None:
    app.selectbox(key="block").set_value("kyushu").run()
    ports = app.checkbox(key="layer_ports")
    assert ports.disabled and "データなし" in ports.label
    roads = app.checkbox(key="layer_roads")
    assert not roads.disabled
    app.selectbox(key="block").set_value("tohoku").run()
    assert app.checkbox(key="layer_roads").disabled, "Overture roads cover only Kyushu and 道央"
    table = app.dataframe[0].value
    assert "データ未読込 — OSMから取得するかファイルを読み込んでください" in set(table["状態"])


def test_english_toggle(app: AppTest) -> None:
    app.radio(key="lang").set_value("English").run()
    assert not app.exception
    assert app.title[0].value == "Chiiki Mirai Map"
    assert any(m.label == "Sites" for m in app.metric)
    assert app.selectbox(key="block").label == "Block (METI bureau)"

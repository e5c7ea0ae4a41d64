"""AppTest of the clusters and infrastructure-gaps pages."""

from __future__ import annotations

import pytest
from streamlit.testing.v1 import AppTest

from geo import regions
from geo.analysis.clusters import find_clusters
from geo.analysis.gaps import infrastructure_gaps
from geo.sites import selection
from geo.store import open_store

pytestmark = pytest.mark.apptest


def _metric(at: AppTest, label: str) -> str:
    return next(m.value for m in at.metric if m.label == label)


def test_clusters_page(app: AppTest) -> None:
    app.selectbox(key="block").set_value("kyushu").run()
    app.switch_page("ui/pages/clusters.py").run()
    assert not app.exception, app.exception
    assert app.title[0].value == "広域戦略クラスター"
    kyushu = selection.filter_sites(open_store().read(), region=regions.resolve_region("kyushu"))
    expected = find_clusters(kyushu, 30.0)
    assert _metric(app, "クラスター数") == f"{len(expected):,}"
    assert len(expected) == 3 and expected["n_sites"].min() >= 2  # one definition: two sites or more
    lone = len(kyushu) - int(expected["n_sites"].sum())
    assert _metric(app, "単独の候補地（クラスター外）") == f"{lone:,}" and lone > 0
    table = app.dataframe[0].value
    amounts = table["投資額（億円）"]
    known = [float(v.replace(",", "")) for v in amounts if v != "未公表"]
    assert known == sorted(known, reverse=True), "clusters sorted by investment"
    names = table["クラスター"].tolist()
    assert "AI・半導体（菊陽町ほか）" in names, names
    assert not any(n.startswith("#") for n in names) and "None" not in table.to_string()
    assert amounts.isna().sum() == 0 or amounts.notna().cumprod().sum() == len(known), "undisclosed last"
    app.slider(key="clusters_threshold").set_value(100.0).run()
    assert not app.exception
    wide = find_clusters(kyushu, 100.0)
    assert _metric(app, "クラスター数") == f"{len(wide):,}"
    assert _metric(app, "県境をまたぐ") == f"{int(wide['cross_prefecture'].sum()):,}"
    app.multiselect(key="clusters_fields").set_value(["ai_semiconductor"]).run()
    assert {"AI・半導体"} == set(app.dataframe[0].value["分野"])
    app.radio(key="lang").set_value("English").run()
    assert not app.exception and app.title[0].value == "Cross-prefecture strategic clusters"


def test_gaps_page(app: AppTest) -> None:
    app.switch_page("ui/pages/gaps.py").run()
    assert not app.exception, app.exception
    assert app.title[0].value == "インフラ不足分析"
    expected = infrastructure_gaps(open_store().read())
    assert _metric(app, "判定数") == f"{len(expected):,}"
    assert _metric(app, "不足") == f"{int((expected['status'] == 'gap').sum()):,}"
    assert _metric(app, "不明") == f"{int((expected['status'] == 'unknown').sum()):,}"
    assert any("直線距離" in i.value for i in app.info), "the distance method is stated"
    matrix = app.dataframe[0].value
    assert "工業用水" in matrix.columns and set(matrix["工業用水"]) <= {"充足", "不足", "不明", ""}
    app.radio(key="gaps_by").set_value("block").run()
    assert not app.exception
    assert "九州" in set(app.dataframe[1].value["単位"])
    assert app.get("download_button")
    app.radio(key="lang").set_value("English").run()
    assert not app.exception and app.title[0].value == "Infrastructure gaps"

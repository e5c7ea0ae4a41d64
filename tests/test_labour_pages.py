"""AppTest of the labour-demand (人材需要) and region-profile (地域カルテ) pages."""

from __future__ import annotations

import json

import pyarrow as pa
import pytest
from streamlit.testing.v1 import AppTest

from geo import labour
from geo.store import open_store

pytestmark = pytest.mark.apptest


def _metric(at: AppTest, label: str) -> str:
    return next(m.value for m in at.metric if m.label == label)


def test_labour_page(app: AppTest) -> None:
    app.selectbox(key="block").set_value("kyushu").run()
    app.selectbox(key="pref").set_value("43").run()
    app.switch_page("ui/pages/labour.py").run()
    assert not app.exception, app.exception
    assert app.title[0].value.startswith("人材需要")
    expected = labour.analyse(open_store().read(), ["43"]).prefs.iloc[0]
    assert _metric(app, "生産年齢人口（推計）") == f"{expected['working_age']:,.0f}" == "969,397"
    assert _metric(app, "雇用（公表）") == f"{expected['jobs_disclosed']:,.0f}"
    assert _metric(app, "雇用（推計）") == f"{expected['jobs_estimated']:,.0f}"
    assert any("代表点（区域内に必ず入る点）" in i.value and "30 km" in i.value for i in app.info), "the rule is stated"
    table = next(d.value for d in app.dataframe if "女性の労働力率" in d.value.columns)  # the page has more tables
    assert list(table["都道府県"]) == ["熊本県"] and table["女性の労働力率"].tolist() == ["不明"]
    sites = next(d.value for d in app.dataframe if "通勤圏が重なる案件数" in d.value.columns)
    assert set(sites["根拠"]) <= {"公表", "推計", "不明"} and "JASM 熊本第1工場 (JASM fab 1)" in set(sites["候補地"])
    assert len(app.get("download_button")) >= 2
    # per prefecture: jobs per 1,000 working-age, stacked (the bar chart titled so; the outlook draws lines)
    chart = next(
        c.proto
        for c in app.get("vega_lite_chart")
        if "生産年齢人口千人あたりの雇用" in json.loads(c.proto.spec).get("encoding", {}).get("x", {}).get("title", "")
    )
    bars = pa.ipc.open_stream(chart.datasets[0].data.data).read_all().to_pandas()["value"].dropna().tolist()
    assert bars == pytest.approx(
        [expected["jobs_disclosed"] / 969_397 * 1000, expected["jobs_estimated"] / 969_397 * 1000]
    ), "the chart draws the prefecture's bars"
    app.slider(key="labour_radius").set_value(10.0).run()
    assert not app.exception
    assert any("10 km" in i.value for i in app.info)
    app.radio(key="labour_measure").set_value("jobs_per_1000_working_age").run()
    assert not app.exception
    app.radio(key="lang").set_value("English").run()
    assert not app.exception and app.title[0].value.startswith("Labour demand")


def test_profile_page(app: AppTest) -> None:
    app.selectbox(key="block").set_value("kyushu").run()
    app.switch_page("ui/pages/profile.py").run()
    assert not app.exception, app.exception
    assert app.title[0].value == "地域カルテ：九州"
    assert _metric(app, "生産年齢人口（推計）") == "7,303,723"
    for label in ("充足", "不足", "不明"):
        assert _metric(app, label).replace(",", "").isdigit()
    available = _metric(app, "利用可能面積（ha）")
    assert available == "不明" or available[0].isdigit()
    assert len(app.dataframe) >= 2
    app.radio(key="lang").set_value("English").run()
    assert not app.exception and app.title[0].value == "Region profile: Kyushu"


def test_the_catchment_chooser_offers_the_most_jobs_first_sorted_once(app: AppTest, monkeypatch) -> None:
    """熊本県's sample sites: JASM fab 1 and fab 2 (1,700 jobs each, disclosed; the tie in register order), 三菱電機
    泗水 (jobs estimated from its 1,000 億円), then the three without any figure, in register order. The order is
    kept per view: another run of the page neither filters nor sorts the sites again."""
    from geo.sites import selection

    app.selectbox(key="block").set_value("kyushu").run()
    app.selectbox(key="pref").set_value("43").run()
    app.switch_page("ui/pages/labour.py").run()
    assert not app.exception, app.exception
    names = [o.split(" (")[0] for o in app.selectbox(key="labour_site").options]
    assert names == [
        "JASM 熊本第1工場",
        "JASM 熊本第2工場",
        "三菱電機 泗水地区 SiCパワー半導体工場",
        "ソニーセミコンダクタ 合志市新工場",
        "東京エレクトロン九州 合志事業所 新開発棟",
        "球磨焼酎",
    ]

    def again(*_args: object, **_kwargs: object) -> None:
        raise AssertionError("the labour page filtered the sites again")

    monkeypatch.setattr(selection, "filter_sites", again)
    app.selectbox(key="labour_site").select_index(2).run()
    assert not app.exception, app.exception
    assert app.selectbox(key="labour_site").format_func(app.selectbox(key="labour_site").value).startswith("三菱電機")

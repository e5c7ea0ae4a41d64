"""One chart style (issue 24): statuses in the pipeline order everywhere, no label cut, 「データなし」 for nothing.

The expected orders are written here by hand: 構想 → 計画 → 着工 → 稼働 (Concept → Planned → Under construction →
Operating), never the alphabetical order of the words.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pandas as pd
import pyarrow as pa
import pytest
from google.protobuf.json_format import MessageToDict
from streamlit.testing.v1 import AppTest

from geo import regions
from geo.analysis.profile import region_profile
from layers.profile_section import profile_section, stacked_bars
from layers.style import CHART_LABEL_PX, label_px
from ui import charts

REPO = Path(__file__).resolve().parents[1]
PIPELINE = {
    "ja": ["構想", "計画", "着工", "稼働"],
    "en": ["Concept", "Planned", "Under construction", "Operating"],
}


@pytest.mark.parametrize("lang", ["ja", "en"])
def test_by_status_puts_statuses_in_pipeline_order(lang: str) -> None:
    given = {"operating": {"n": 4}, "concept": {"n": 1}, "construction": {"n": 3}, "planned": {"n": 2}}
    frame = charts.by_status(given, lang)  # type: ignore[arg-type]
    assert list(frame.index) == PIPELINE[lang]
    assert frame["n"].tolist() == [1, 2, 3, 4]
    partial = charts.by_status(pd.DataFrame({"n": [5, 6]}, index=["operating", "planned"]), lang)  # type: ignore[arg-type]
    assert list(partial.index) == [PIPELINE[lang][1], PIPELINE[lang][3]]


def test_no_page_draws_a_chart_of_its_own() -> None:
    """Every bar chart goes through ui.charts (so every chart has the one style and the pipeline order).

    The one exception: the 域外/域内 scatter of connector and hub degrees on the firms page (points, not bars).
    """
    allowed = {"ui/pages/firms.py: vega_lite_chart"}
    own = re.compile(r"\.(bar_chart|line_chart|area_chart|scatter_chart|vega_lite_chart|pyplot)\(|\b(alt)\.Chart\(")
    found = [
        f"{path.relative_to(REPO)}: {m.group(1) or m.group(2)}"
        for path in sorted((REPO / "ui").rglob("*.py"))
        if path.name != "charts.py"
        for m in own.finditer(path.read_text(encoding="utf-8"))
    ]
    assert set(found) <= allowed, found


def test_labels_are_never_cut() -> None:
    assert label_px(["マテリアル（重要鉱物・部素材）"]) == 15 * 14 + 8  # fifteen full-width characters, whole
    assert label_px(["x" * 200]) == CHART_LABEL_PX
    svg = stacked_bars([("マテリアル（重要鉱物・部素材）", [3.0])], [("a", "#111111")])
    assert "マテリアル（重要鉱物・部素材）</text>" in svg


def test_counts_on_an_axis_have_thousands_separators_never_exponents() -> None:
    """「産業大分類別の従業者数」 showed 1e+5 … 5e+5 (a format without decimals lets Vega choose)."""
    x = charts.bar_with_reference(["A", "B"], [123_456.0, None], None, "従業者数").to_dict()["encoding"]["x"]
    assert x["axis"]["format"] == ",.0f"
    lq = charts.bar_with_reference(["A"], [1.23], 1.0, "特化係数", digits=2).to_dict()["layer"][0]["encoding"]["x"]
    assert lq["axis"]["format"] == ",.2f"


def _positions(text: str, words: list[str]) -> list[int]:
    return [text.index(f">{w}<") for w in words]


@pytest.mark.parametrize("lang", ["ja", "en"])
def test_the_briefing_profile_orders_statuses_by_the_pipeline(make_sites, west, lang: str) -> None:
    rows = [
        {"name": n, "field": "ai_semiconductor", "lon": west[0] + i * 0.01, "lat": west[1], "jobs": "100", "status": s}
        for i, (n, s) in enumerate([("A", "operating"), ("B", "construction"), ("C", "planned"), ("D", "concept")])
    ]
    sites = make_sites(rows)
    profile = region_profile(regions.resolve_region("43"), sites, sites, None)
    html_text = profile_section(profile, lang)  # type: ignore[arg-type]
    heading = {"ja": "人材", "en": "Labour"}[lang]
    start = html_text.index("<svg", html_text.index(f"<h3>{heading}</h3>"))
    labour = html_text[start : html_text.index("</svg>", start)]  # the jobs-by-status bars
    positions = _positions(labour, PIPELINE[lang])
    assert positions == sorted(positions), positions
    invest = {"ja": "投資", "en": "Investment"}[lang]
    first = html_text.index("<h3>", html_text.index(f"<h3>{invest}"))  # the investment section's sites by status
    section = html_text[first : html_text.index("</div>", first)]
    positions = [section.index(f">{w}<") for w in PIPELINE[lang]]
    assert positions == sorted(positions), positions


def test_an_empty_briefing_chart_says_no_data(make_sites, west) -> None:
    sites = make_sites(
        [{"name": "A", "field": "crafts", "plan_type": "C", "lon": west[0], "lat": west[1]}]
    )  # no figures
    profile = region_profile(regions.resolve_region("43"), sites, sites, None)
    html_text = profile_section(profile, "ja")
    assert "データなし" in html_text and "0.000000" not in html_text


def _mark(spec: dict) -> str:
    mark = spec.get("mark")
    return mark.get("type", "") if isinstance(mark, dict) else str(mark)


def _chart_specs(app: AppTest) -> list[dict]:
    """Every chart's spec with an encoding; a layered chart (bars and a reference line) gives its layers."""
    specs = [json.loads(MessageToDict(c.proto)["spec"]) for c in app.get("vega_lite_chart")]
    return [part for spec in specs for part in spec.get("layer", [spec]) if "y" in part.get("encoding", {})]


@pytest.mark.apptest
@pytest.mark.parametrize(("choice", "lang"), [("日本語", "ja"), ("English", "en")])
def test_every_status_chart_on_the_pages_follows_the_pipeline(app: AppTest, choice: str, lang: str) -> None:
    """The status charts of 地域カルテ (jobs by status) and 地域比較 (jobs by status per region), 熊本: the
    sample's sites in several statuses."""
    app.radio(key="lang").set_value(choice).run()
    app.selectbox(key="block").set_value("kyushu").run()
    app.selectbox(key="pref").set_value("43").run()
    # 地域比較 in English only (the alphabetical order was an English bug; each page run costs seconds)
    for page in ("ui/pages/profile.py", *(["ui/pages/compare.py"] if lang == "en" else [])):
        app.switch_page(page).run()
        assert not app.exception, (page, app.exception)
        orders = [
            spec["encoding"]["y"]["sort"]
            for spec in _chart_specs(app)
            if set(spec["encoding"]["y"].get("sort", [])) & set(PIPELINE[lang])
        ]
        assert orders, (page, [s["encoding"]["y"] for s in _chart_specs(app)])
        for order in orders:
            assert order == [s for s in PIPELINE[lang] if s in order], (page, order)
            # 熊本's 計画 site has unknown jobs: its row stays (no bar), as in every region's column
            assert order == PIPELINE[lang], (page, order)
        bars = [s for s in _chart_specs(app) if _mark(s) == "bar"]
        assert bars, page
        for spec in bars:  # horizontal bars, labels never rotated, thousands separators
            assert spec["encoding"]["y"]["axis"]["labelAngle"] == 0
            assert spec["encoding"]["x"]["axis"]["format"].startswith(",")


def test_the_pinned_first_column_holds_a_long_site_name() -> None:
    """Issue 24 screenshot pass: 「ソニーセミコンダクタ 合志市新工場 (Sony Semiconductor new fab,」 was cut in the
    pinned 候補地 column of インフラ不足, 人材需要 and 地域カルテ. 16 full-width characters × 14 px + 37 half-width
    × 8 px + 28 px of padding = 548 px; a column that scrolls stays at most 420 px."""
    name = "ソニーセミコンダクタ 合志市新工場 (Sony Semiconductor new fab, Koshi)"
    config = charts.column_config(pd.DataFrame({"候補地": [name], "候補地B": [name]}), "ja")
    assert config["候補地"]["width"] == 548 and config["候補地"]["pinned"]
    assert config["候補地B"]["width"] == 420 and not config["候補地B"]["pinned"]


@pytest.mark.apptest
def test_the_map_pages_investment_charts_are_drawn_once_opened(app: AppTest) -> None:
    """地図's investment by field and by prefecture sit in a section drawn only when opened (a closed one costs a
    region change nothing in the browser). 熊本県's sample sites, summed by hand from ``sample_sites.csv``: JASM
    fab 1 10,000 + fab 2 20,000 + 三菱電機 泗水 1,000 = 31,000 億円, all AI・半導体 (球磨焼酎's amount is
    undisclosed: no bar)."""
    app.selectbox(key="block").set_value("kyushu").run()
    app.selectbox(key="pref").set_value("43").run()
    assert not app.exception, app.exception
    assert "投資額の内訳（分野別・都道府県別）" in [e.label for e in app.expander]
    assert not app.get("vega_lite_chart"), "closed: nothing drawn"
    app.session_state["explore_charts"] = True
    app.run()
    assert not app.exception, app.exception
    drawn = {}
    for chart in app.get("vega_lite_chart"):
        rows = pa.ipc.open_stream(chart.proto.datasets[0].data.data).read_all().to_pandas()
        drawn[tuple(rows["label"])] = rows["value"].tolist()
    assert drawn == {("AI・半導体",): [31_000.0], ("熊本県",): [31_000.0]}
    app.selectbox(key="block").set_value("japan").run()  # the choice is kept while the planner moves
    assert len(app.get("vega_lite_chart")) == 2

"""Views a planner can share (ui.share) and the place search (geo.place_search), without a browser.

The browser test (tests/test_browser_share.py) opens a shared address in a new context; these check the
rules: what the address may carry, what is ignored, the search order, kana-insensitivity.
"""

from __future__ import annotations

from pathlib import Path

import geopandas as gpd
import pandas as pd
import pytest
import shapely
from streamlit.testing.v1 import AppTest

from geo.place_search import find_places, place_table
from geo.text import kana_key

REPO = Path(__file__).resolve().parent.parent


def _qp(at: AppTest, name: str) -> str:
    """One parameter of the app's address (AppTest gives a list before a run, text after)."""
    value = at.query_params[name]
    return value[0] if isinstance(value, list) else value


def _table() -> pd.DataFrame:
    munis = gpd.GeoDataFrame(
        {"code": ["43404", "43100"], "name_ja": ["菊陽町", "熊本市"], "pref_code": ["43", "43"]},
        geometry=[shapely.box(130.7, 32.8, 130.9, 32.9), shapely.box(130.6, 32.7, 130.8, 32.85)],
        crs="EPSG:4326",
    )
    stations = gpd.GeoDataFrame(
        {"name": ["熊本", "ハウステンボス", "新熊本港", "熊本"], "group_code": ["1", "2", "3", "1"]},
        geometry=gpd.points_from_xy([130.689, 129.796, 130.6, 130.689], [32.79, 33.092, 32.75, 32.79]),
        crs="EPSG:4326",
    )
    sites = gpd.GeoDataFrame(
        {"site_id": [7], "name": ["ＪＡＳＭ 熊本第二工場"], "pref_code": ["43"]},
        geometry=gpd.points_from_xy([130.78], [32.88]),
        crs="EPSG:4326",
    )
    return place_table(munis, stations, sites)


def test_kana_key_folds_kana_and_width() -> None:
    assert kana_key("ﾊｳｽﾃﾝﾎﾞｽ") == kana_key("はうすてんぼす") == kana_key("ハウステンボス") == "はうすてんぼす"
    assert kana_key("ＪＡＳＭ 熊本") == "jasm熊本"


def test_place_search_order_and_kana() -> None:
    table = _table()
    assert len(table) == 6, "a station served twice is one place"
    found = find_places(table, "熊本")
    # the whole name first (station 熊本), then names beginning with it (熊本市), then the rest; the
    # station 新熊本港 and the site hold it inside
    assert [(p.kind, p.name) for p in found] == [
        ("station", "熊本"),
        ("municipality", "熊本市"),
        ("station", "新熊本港"),
        ("site", "ＪＡＳＭ 熊本第二工場"),
    ]
    assert found[0].zoom == 15 and found[1].zoom == 11
    assert [p.name for p in find_places(table, "はうすてんぼす")] == ["ハウステンボス"]
    assert [p.name for p in find_places(table, "ﾊｳｽﾃﾝﾎﾞｽ駅")] == ["ハウステンボス"]
    site = find_places(table, "jasm")[0]
    assert (site.kind, site.code, site.pref_code) == ("site", "7", "43")
    assert (round(site.lon, 2), round(site.lat, 2)) == (130.78, 32.88)
    assert find_places(table, "  ") == [] and find_places(table, "札幌") == []
    assert len(find_places(table, "熊本", limit=2)) == 2


@pytest.mark.apptest
def test_address_fills_the_sidebar_and_follows_it(app_env) -> None:
    at = AppTest.from_file(str(REPO / "app.py"), default_timeout=180)
    at.query_params.update(
        {
            "lang": "en",
            "region": "43",
            "fields": "ai_semiconductor,<script>,no_such_field",
            "statuses": "operating",
            "map": "32.80000,130.70000,12",
        }
    )
    at.run()
    assert not at.exception, at.exception
    assert at.session_state["lang"] == "English"
    assert (at.session_state["block"], at.session_state["pref"]) == ("kyushu", "43")
    assert at.session_state["fields"] == ["ai_semiconductor"], "unknown ids are ignored"
    assert at.title[0].value == "Chiiki Mirai Map"
    assert _qp(at, "region") == "43" and _qp(at, "lang") == "en" and _qp(at, "fields") == "ai_semiconductor"
    assert _qp(at, "statuses") == "operating" and _qp(at, "map") == "32.80000,130.70000,12"
    # another region: the address follows and the old map view is dropped
    at.selectbox(key="pref").set_value("").run()
    assert _qp(at, "region") == "kyushu" and "map" not in at.query_params
    at.multiselect(key="fields").set_value([]).run()
    assert "fields" not in at.query_params


@pytest.mark.apptest
def test_unknown_address_values_are_ignored(app_env) -> None:
    at = AppTest.from_file(str(REPO / "app.py"), default_timeout=180)
    at.query_params.update({"region": "99", "lang": "xx", "map": "abc", "plans": "Z"})
    at.run()
    assert not at.exception, at.exception
    assert at.session_state["block"] == "japan" and at.session_state["lang"] == "日本語"
    assert _qp(at, "region") == "japan" and "plans" not in at.query_params


@pytest.mark.apptest
def test_place_search_moves_the_map(app_env) -> None:
    at = AppTest.from_file(str(REPO / "app.py"), default_timeout=180)
    at.run()
    at.text_input(key="place_query").input("はうすてんぼす").run()
    assert not at.exception, at.exception
    pick = at.selectbox(key="place_pick")
    assert pick.options[0].startswith("ハウステンボス（駅")
    pick.set_value(0).run()
    lat, lng, zoom = (float(v) for v in _qp(at, "map").split(","))
    assert zoom == 15
    assert abs(lat - 33.092) < 0.01 and abs(lng - 129.796) < 0.01
    at.text_input(key="place_query").input("存在しない地名xyz").run()
    assert any("当たる場所はありません" in c.value for c in at.caption)

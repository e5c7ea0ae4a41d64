"""AppTest of the industrial-land and priority-firm pages, and the escaped map layers behind them."""

from __future__ import annotations

import folium
import pandas as pd
import pytest
from streamlit.testing.v1 import AppTest

from geo.analysis.firms import analyse_firm_files
from geo.config import SAMPLE_FIRMS_CSV
from geo.domain import PREFECTURES
from layers.firms import add_firm_layer
from layers.land import add_balance_layers, add_parcel_layer
from layers.popups import firm_popup

FIRMS_CSV = (
    "企業名,都道府県コード,域外販売額,域内仕入額,経度,緯度\n"
    "X,43,200,100,130.70,32.80\nY,43,300,100,,\nZ,43,500,300,130.80,32.90\nNeg,43,-5,1,,\n"
)


def _sign_in_viewer(at: AppTest) -> None:
    """Sign in as a viewer: uploading a file (and previewing it) needs a signed-in person (issue 23)."""
    from geo.store import open_store
    from geo.store.users import add_user

    add_user(open_store(), "vic", "viewer", "parcel lantern river")
    at.sidebar.text_input(key="auth_name").set_value("vic")
    at.sidebar.text_input(key="auth_password").set_value("parcel lantern river")
    next(b for b in at.sidebar.button if b.label == "サインイン").click().run()
    assert not at.exception, at.exception


def _pref_table(at: AppTest) -> pd.DataFrame:
    """The per-prefecture table (the one with a prefecture and a balance column)."""
    return next(d.value for d in at.dataframe if {"都道府県", "過不足（ha）"} <= set(d.value.columns))


@pytest.mark.apptest
def test_land_page_shows_unknown_not_zero(app: AppTest) -> None:
    app.switch_page("ui/pages/land.py").run()
    assert not app.exception, app.exception
    assert app.title[0].value == "産業用地の需給"
    app.selectbox(key="block").set_value("kyushu").run()
    assert not app.exception, app.exception
    prefs = _pref_table(app)
    assert len(prefs) == 7
    kumamoto = prefs[prefs["都道府県"] == "熊本県"].iloc[0]
    assert kumamoto["分譲可能面積（ha）"] == "不明" and kumamoto["過不足（ha）"] == "不明"
    assert kumamoto["不明な用地"] == 2  # the two sample estates in 熊本県
    assert (prefs["状況"] == "不明").all()
    assert next(m.value for m in app.metric if m.label == "分譲可能面積（既知分, ha）") == "不明"
    assert any("グラフにない都道府県" in c.value for c in app.caption)
    app.radio(key="lang").set_value("English").run()
    assert not app.exception, app.exception
    assert app.title[0].value == "Industrial land: supply and demand"


@pytest.mark.apptest
def test_land_page_import_preview_and_rejects(app: AppTest) -> None:
    from geo.store import open_store
    from geo.store.users import activity, add_user

    add_user(open_store(), "lena", "editor", "parcel lantern river")
    app.switch_page("ui/pages/land.py").run()
    assert not [b for b in app.button if b.key in ("land_import_button", "land_remove_button")]  # signed out
    app.sidebar.text_input(key="auth_name").set_value("lena")
    app.sidebar.text_input(key="auth_password").set_value("parcel lantern river")
    next(b for b in app.sidebar.button if b.label == "サインイン").click().run()
    assert not app.exception, app.exception
    csv = (
        "団地名,総面積（ha）,分譲可能面積（ha）,経度,緯度\nテスト団地,10,4,130.80,32.88\n悪い団地,1,5,130.8,32.8\n"
    ).encode()
    app.file_uploader(key="land_file").set_value(("p.csv", csv, "text/csv")).run()
    assert not app.exception, app.exception
    assert any("1 行を取り込めます（1 行は取り込めません）" in c.value for c in app.caption)
    assert any("を超えています" in str(v) for df in app.dataframe for v in df.value.get("reason", []))
    app.button(key="land_import_button").click().run()
    assert not app.exception, app.exception
    assert any("1 件の用地を取り込みました" in s.value for s in app.success)
    log = activity(open_store())
    assert log[["user", "action", "target"]].values.tolist()[-1] == ["lena", "land_import", "p"]
    app.selectbox(key="block").set_value("kyushu").run()
    prefs = _pref_table(app)
    kumamoto = prefs[prefs["都道府県"] == "熊本県"].iloc[0]
    assert kumamoto["分譲可能面積（ha）"] == "4.0" and kumamoto["不明な用地"] == 2


@pytest.mark.apptest
def test_firms_page_ranks_and_reports(app: AppTest) -> None:
    app.switch_page("ui/pages/firms.py").run()
    assert not app.exception, app.exception
    assert any("サンプル（架空の企業・金額）" in i.value for i in app.info), "a labelled sample before an upload"
    sample = app.dataframe[0].value
    assert len(sample) > 0 and all("【サンプル】" in f for f in sample["企業名"])
    assert [b.label for b in app.get("download_button")][:2] == ["テンプレート（CSV）", "テンプレート（Excel）"]
    app.selectbox(key="block").set_value("kyushu").run()
    kyushu = app.dataframe[0].value
    assert 0 < len(kyushu) < len(sample) and "北海道" not in set(kyushu["都道府県"]), "follows the sidebar region"
    app.selectbox(key="block").set_value("japan").run()
    _sign_in_viewer(app)
    app.file_uploader(key="firms_file").set_value(("firms.csv", FIRMS_CSV.encode("cp932"), "text/csv")).run()
    assert not app.exception, app.exception
    rejected, ranking = app.dataframe[0].value, app.dataframe[1].value
    assert rejected["行（Excelの行番号）"].tolist() == [5] and "負の値" in rejected["理由"].iloc[0]
    assert ranking["企業名"].tolist() == ["Z", "Y", "X"]
    assert ranking["コネクター度"].tolist() == ["0.500", "0.300", "0.200"]
    assert ranking["ハブ度"].tolist() == ["0.600", "0.200", "0.200"]
    assert next(m.value for m in app.metric if m.label == "除外した行") == "1"


@pytest.mark.apptest
def test_firms_page_names_prefectures_in_english(app: AppTest) -> None:
    app.switch_page("ui/pages/firms.py").run()
    app.radio(key="lang").set_value("English").run()
    assert not app.exception, app.exception
    ranking = next(d.value for d in app.dataframe if "Prefecture" in d.value.columns)
    prefs = set(ranking["Prefecture"])
    assert prefs and prefs <= {t.en for t in PREFECTURES.values()}, prefs
    assert not any("県" in p or "都" in p or "府" in p or "道" in p for p in prefs)
    app.selectbox(key="block").set_value("kyushu").run()
    kyushu = set(next(d.value for d in app.dataframe if "Prefecture" in d.value.columns)["Prefecture"])
    assert kyushu and kyushu <= {"Fukuoka", "Saga", "Nagasaki", "Kumamoto", "Oita", "Miyazaki", "Kagoshima"}
    firm = next(iter(analyse_firm_files(SAMPLE_FIRMS_CSV, None, ["43"]).firms.itertuples()))
    assert "<td>Kumamoto</td>" in firm_popup(firm, "en") and "<td>熊本県</td>" in firm_popup(firm, "ja")


@pytest.mark.apptest
def test_firms_page_zero_total_error(app: AppTest) -> None:
    app.switch_page("ui/pages/firms.py").run()
    _sign_in_viewer(app)
    zero = b"firm,pref_code,out_region_sales,in_region_purchases\nA,40,0,0\n"
    app.file_uploader(key="firms_file").set_value(("zero.csv", zero, "text/csv")).run()
    assert not app.exception, app.exception
    assert any("40（福岡県）" in e.value for e in app.error)


def test_map_layers_escape_text_and_hatch_unknown() -> None:
    table = pd.DataFrame(
        {
            "pref_code": ["43", "40"],
            "available_ha": [float("nan"), 5.0],
            "demand_ha": [0.0, 8.0],
            "balance_ha": [float("nan"), -3.0],
            "unknown_parcels": [2, 0],
            "demand_unknown_sites": [0, 0],
            "status": ["unknown", "shortfall"],
        }
    )
    import geopandas as gpd
    from shapely.geometry import Point

    from layers.map import ChiikiMap

    parcels = gpd.GeoDataFrame(
        {
            "name": ["<script>alert(1)</script>"],
            "total_ha": [1.0],
            "available_ha": [float("nan")],
            "price_yen_m2": [float("nan")],
            "status": [""],
            "source": ["<b>x</b>"],
            "is_sample": [True],
        },
        geometry=[Point(130.8, 32.8)],
        crs="EPSG:4326",
    )
    firms = pd.DataFrame(
        {
            "rank": [1],
            "firm": ["<img src=x onerror=1>"],
            "pref_code": ["43"],
            "pref_name_ja": ["熊本県"],
            "connector": [0.5],
            "hub": [0.2],
            "score": [0.7],
            "lon": [130.8],
            "lat": [32.8],
        }
    )
    m = ChiikiMap()
    folium.LayerControl().add_to(m)  # as build_map does, before these layers are added
    add_balance_layers(m, table, "ja")
    add_parcel_layer(m, parcels, "ja")
    assert add_firm_layer(m, firms, "ja") == 1
    page = m.get_root().render()
    # the control must come after the feature groups it lists, or Leaflet fails on undefined layers
    assert page.index("L.control.layers(") > page.rindex("L.featureGroup(")
    assert "cm-land-unknown" in page and 'id="cm-hatch"' in page and "fill:url(#cm-hatch)" in page
    assert "<script>alert(1)" not in page and "<img src=x" not in page and "<b>x</b>" not in page
    props = [
        f["properties"]
        for group in m._children.values()
        for layer in getattr(group, "_children", {}).values()
        if getattr(layer, "data", None)
        for f in layer.data["features"]
    ]
    tips = {p["_tip"] for p in props}
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in tips and "#1 &lt;img src=x onerror=1&gt;" in tips
    assert any("&lt;b&gt;x&lt;/b&gt;" in p.get("_popup", "") for p in props)

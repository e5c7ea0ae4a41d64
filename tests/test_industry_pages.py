"""AppTest of the 産業構造 page, the profile's industry part and the 人材需要 page's outlook and market panel."""

from __future__ import annotations

import pytest
from streamlit.testing.v1 import AppTest

from geo import industry, regions

pytestmark = pytest.mark.apptest


def _metric(at: AppTest, label: str) -> str:
    return next(m.value for m in at.metric if m.label == label)


def _kumamoto(app: AppTest, page: str) -> AppTest:
    app.selectbox(key="block").set_value("kyushu").run()
    app.selectbox(key="pref").set_value("43").run()
    app.switch_page(page).run()
    assert not app.exception, app.exception
    return app


def test_industry_page(app: AppTest) -> None:
    at = _kumamoto(app, "ui/pages/industry.py")
    assert at.title[0].value == "産業構造（特化係数）"
    assert _metric(at, "従業者数（民営、2021年）") == "716,508"
    assert _metric(at, "製造業の特化係数") == "0.90"
    assert _metric(at, "特化係数が最も高い産業") == "A（2.11）"
    top_munis = at.dataframe[0].value
    assert list(top_munis.columns) == ["市区町村", "特化係数", "従業者数"]
    st = industry.in_region(industry.structure("municipality"), regions.resolve_region("43"))
    best = st.q.lq["E"].idxmax()
    assert top_munis.iloc[0]["市区町村"] == st.units.loc[best, "name_ja"] == "南関町"
    divisions = at.dataframe[1].value
    assert len(divisions) == 18 and divisions.iloc[0]["特化係数"] == "2.11"
    editor = next(d.value for d in at.dataframe if "産業大分類（記号）" in d.value.columns)  # editable, this session
    assert editor.loc["quantum", "産業大分類（記号）"] == "L, E" and len(editor) == 22
    assert any(b.proto.label == "編集した対応表をダウンロード（TOML）" for b in at.get("download_button"))
    fields = next(d.value for d in at.dataframe if "特化係数" in d.value.columns and "戦略分野" in d.value.columns)
    fields = fields.set_index("戦略分野")
    assert fields.loc["AI・半導体", "産業大分類"] == "E 製造業" and fields.loc["AI・半導体", "特化係数"] == "0.90"
    assert fields.loc["港湾ロジスティクス", "産業大分類"] == "H 運輸業，郵便業"
    assert fields.loc["その他", "産業大分類"] == "対応なし"
    assert fields.loc["AI・半導体", "対応の根拠"] == "半導体・電子部品は製造業（中分類28 電子部品・デバイス）"
    captions = " ".join(c.value for c in at.caption)
    assert "政令指定都市" in captions and "経済センサス" in captions and "1,741" in captions
    at.selectbox(key="industry_division").set_value("G").run()
    assert not at.exception and at.dataframe[0].value.iloc[0]["市区町村"]
    at.radio(key="lang").set_value("English").run()
    assert not at.exception and at.title[0].value == "Industry structure (location quotients)"
    assert _metric(at, "Most specialised division") == "A (2.11)"
    assert "Designated cities" in " ".join(c.value for c in at.caption)


def test_industry_page_japan_lq_is_one(app: AppTest) -> None:
    app.switch_page("ui/pages/industry.py").run()
    assert not app.exception, app.exception
    assert _metric(app, "製造業の特化係数") == "1.00"
    assert _metric(app, "従業者数（民営、2021年）") == "57,937,290"


def test_profile_page_shows_industry(app: AppTest) -> None:
    at = _kumamoto(app, "ui/pages/profile.py")
    assert any(s.value == "産業構造（特化係数の高い産業）" for s in at.subheader)
    table = next(d.value for d in at.dataframe if "特化係数" in d.value.columns)
    assert table.iloc[0].tolist() == ["A 農業，林業", "2.11", "10,749"]


def test_labour_page_outlook_and_market(app: AppTest) -> None:
    at = _kumamoto(app, "ui/pages/labour.py")
    assert _metric(at, "製造業従業者（2021年、経済センサス）") == "97,524"
    assert _metric(at, "通勤圏の製造業従業者（2019年）") == "63,023"
    assert _metric(at, "雇用 ÷ 通勤圏の製造業従業者") == "2.7%"
    outlook = next(d.value for d in at.dataframe if "区分" in d.value.columns)
    assert outlook["熊本県"].tolist()[::3] == ["963,053", "832,004", "671,032"]  # 2020, 2035, 2050
    assert outlook["区分"].tolist()[:2] == ["国勢調査", "推計"]
    jasm = outlook["JASM 熊本第1工場 (JASM fab 1) の通勤圏"].tolist()
    assert jasm[0] == "699,805" and jasm[-1] == "529,677"
    market = next(d.value for d in at.dataframe if "発効日" in d.value.columns)
    assert market.iloc[0]["有効求人倍率（2024年）"] == "1.22" and market.iloc[0]["県内就職の割合"] == "65.0%"
    captions = " ".join(c.value for c in at.caption)
    assert "推計値であり" in captions and "国立社会保障・人口問題研究所" in captions
    at.radio(key="labour_measure").set_value("working_age_change").run()
    assert not at.exception
    at.radio(key="lang").set_value("English").run()
    assert not at.exception
    assert _metric(at, "Manufacturing in the catchment (2019)") == "63,023"

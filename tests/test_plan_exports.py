"""Plan exports without a browser: the .docx opened with python-docx, the .xlsx with pandas, the HTML's content.

The plan is an A plan of the fixture sites 1–3 (``tests/support/sites.BRIEFING_ROWS``: 1,200 + 800 億円 and one
undisclosed, 300 + 200 + 150 jobs, 20 + 5.5 ha wanted), whose first site's name is an XSS string.
"""

from __future__ import annotations

import datetime as dt
import io
import re

import docx
import pandas as pd
import pytest

from geo.plans import checklist, derived, model
from layers.plan.document import plan_document
from layers.plan.excel import plan_xlsx
from layers.plan.page import plan_html
from layers.plan.word import plan_docx

DAY = dt.date(2026, 12, 1)
FORMULA = '=HYPERLINK("http://evil.example","x")'


@pytest.fixture(scope="module")
def plan() -> model.Plan:
    return model.Plan(
        id=3,
        type="A",
        name="熊本テスト計画 <b>案</b>",
        region="kyushu",
        fields=("ai_semiconductor",),
        sites=(1, 2, 3),
        sections={"overview": "菊陽町周辺の半導体集積。\n2行目", "measures": FORMULA, "talent": ""},
        checks={"A2": model.Check("met", FORMULA, "tanaka", "2026-11-30T01:02:03.000Z")},
        version=4,
        updated_by="tanaka",
        updated_at="2026-11-30T01:02:03.000Z",
    )


@pytest.fixture(scope="module")
def parts(plan: model.Plan, fixed_sites):
    d = derived.derive(plan, fixed_sites)
    checks = checklist.judge(plan, d)
    return d, checks, plan_document(plan, d, checks, "ja", today=DAY)


def test_docx_is_the_draft_a_bureau_edits(parts, xss: str) -> None:
    d, checks, doc = parts
    word = docx.Document(io.BytesIO(plan_docx(doc)))
    headings = [p.text for p in word.paragraphs if p.style.name.startswith(("Heading", "Title"))]
    assert headings[0] == "熊本テスト計画 <b>案</b>"  # text, not markup
    for heading in (
        "概要",
        "計画要件チェックリスト",
        "構成候補地",
        "必要な措置",
        "人材育成・確保",
        "人材",
        "用地",
        "出典",
    ):
        assert heading in headings, heading
    text = "\n".join(p.text for p in word.paragraphs)
    assert "菊陽町周辺の半導体集積。" in text and FORMULA in text
    tables = [[[c.text for c in row.cells] for row in t.rows] for t in word.tables]
    checklist_table = next(t for t in tables if t[0][:3] == ["ID", "要件", "判定"])
    rows = {r[0]: r for r in checklist_table[1:]}
    assert rows["A1"][2] == "充足" and rows["A3"][2] == "充足" and rows["A4"][2] == "未確認"
    assert rows["A2"][2:4] == ["充足", FORMULA] and "tanaka" in rows["A2"][4]
    assert "2,000 億円" in rows["A3"][3]
    members = next(t for t in tables if t[0][:2] == ["ID", "候補地"])
    assert [r[1] for r in members[1:]] == [xss, "菊陽テスト工場", "合志テスト拠点"]
    assert [r[6] for r in members[1:]] == ["1,200", "800", "不明"] and [r[7] for r in members[1:]][2] == "不明"
    labour = next(t for t in tables if t[1][0].startswith("雇用（公表値"))
    assert labour[1][1:3] == ["650", "公表値"] and labour[2][1:3] == ["不明", "不明"]  # no estimate: unknown, not 0
    land = next(t for t in tables if t[1][0].startswith("必要面積"))
    assert land[1][1:3] == ["25.5", "公表値"] and land[2][1:3] == ["不明", "不明"] and land[3][1] == "不明"


def test_xlsx_annex_reads_back_with_pandas(parts, xss: str) -> None:
    d, checks, doc = parts
    sheets = pd.read_excel(io.BytesIO(plan_xlsx(doc)), sheet_name=None)
    assert list(sheets) == ["構成候補地", "必要な措置", "計画要件", "出典"]
    members = sheets["構成候補地"]
    assert members["候補地"].tolist() == [xss, "菊陽テスト工場", "合志テスト拠点"]
    inv = members["投資額（億円）"]
    assert inv.iloc[:2].tolist() == [1200, 800] and pd.isna(inv.iloc[2])  # numbers, the unknown left empty
    assert members["雇用（人）"].sum() == 650 and members["区分"].tolist() == ["公表値", "公表値", "不明"]
    measures = sheets["必要な措置"]
    assert len(measures) == len(d.infrastructure.measures) and set(measures["判定"]) <= {"不足", "不明"}
    req = sheets["計画要件"].set_index("ID")
    assert req.loc["A2", "根拠"] == "'" + FORMULA, "a formula typed as evidence stays text"
    assert req.loc["A3", "判定"] == "充足"


def test_html_is_offline_escaped_and_complete(plan: model.Plan, parts, xss: str) -> None:
    d, checks, doc = parts
    html = plan_html(plan, d, checks, "ja", document=doc)
    tags = re.findall(r"""<(?:script|link|img|iframe)\b[^>]*\b(?:src|href)=["']?(?:https?:)?//""", html)
    assert tags == [], "no element loads anything from a host (the browser test blocks and counts requests)"
    assert "熊本テスト計画 &lt;b&gt;案&lt;/b&gt;" in html and "<b>案</b>" not in html
    assert xss not in html, "the XSS site name only escaped"
    for heading in ("計画要件チェックリスト", "構成候補地", "必要な措置", "人材", "用地", "出典"):
        assert f">{heading}<" in html, heading
    assert "leaflet" in html.lower() and "cm-map-wrap" in html
    english = plan_html(plan, d, checks, "en")
    assert "Plan requirements checklist" in english and "Member sites" in english

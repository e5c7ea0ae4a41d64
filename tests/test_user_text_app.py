"""Issue 23 item 5 in the app (AppTest): every user string Streamlit shows goes through ``ui.markdown``.

``st.table`` renders Markdown in its cells, captions and widget labels render it too: a company, a source
note or a layer source typed as ``![i](http://…)`` would make every viewer's browser fetch that address.
The browser test (``tests/test_browser_site_card.py``) counts the requests; here the elements are read.
"""

from __future__ import annotations

import ast
from pathlib import Path

import geopandas as gpd
import pytest
from shapely import Point
from streamlit.testing.v1 import AppTest

from geo.accounts import Actor
from geo.infra.imports import plan_layer_import, write_layer_import
from geo.store import open_store
from tests.support import REPO
from tests.support.sites import make_site_rows
from tests.support.tables import page_tables, parse_table

IMAGE = "![i](http://127.0.0.1:8789/x.png)"
#: Streamlit calls that render (or lay out) user data; only ``ui/markdown.py`` may call them.
RAW_CALLS = {"table", "dataframe", "data_editor", "markdown", "write", "html"}


def _calls(path: Path) -> list[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    found = []
    for node in ast.walk(tree):
        func = node.func if isinstance(node, ast.Call) else None
        if isinstance(func, ast.Attribute) and func.attr in RAW_CALLS and "st" in ast.unparse(func.value).split("."):
            found.append(f"{ast.unparse(func)} (line {node.lineno})")
    return found


def test_tables_and_dataframes_are_shown_only_through_ui_markdown() -> None:
    paths = [REPO / "app.py", *sorted((REPO / "ui").rglob("*.py"))]
    found = {str(p.relative_to(REPO)): _calls(p) for p in paths if p.name != "markdown.py"}
    assert {k: v for k, v in found.items() if v} == {}


def test_a_small_table_is_markdown_with_every_cell_in_its_own_place(monkeypatch: pytest.MonkeyPatch) -> None:
    """``escaped_table``: a pipe or a line break in a value stays inside its cell, a missing value says so,
    a named index is the first column (text written by hand)."""
    import pandas as pd
    import streamlit as st

    from ui.markdown import escaped_table

    shown: list[str] = []
    monkeypatch.setattr(st, "markdown", shown.append)
    escaped_table(pd.DataFrame({"名称": ["A | B", "x\ny", None], "件数": ["1,234", IMAGE, "3"]}), missing="不明")
    escaped_table(pd.DataFrame({"内容": ["菊陽町"]}, index=pd.Index(["所在地"], name="項目")))
    assert shown == [
        "| 名称 | 件数 |\n| --- | --- |\n| A \\| B | 1,234 |\n"
        "| x y | \\!\\[i\\]\\(h\u2060ttp\\://127\\.0\\.0\\.1\\:8789/x\\.png\\) |\n| 不明 | 3 |",
        "| 項目 | 内容 |\n| --- | --- |\n| 所在地 | 菊陽町 |",
    ]
    table = parse_table(shown[0])
    assert list(table.index) == ["A \\| B", "x y", "不明"] and list(table["件数"])[2] == "3"


def _escaped(text: str) -> bool:
    """True if ``text`` cannot render an image or a link (every ``![``/``](`` escaped, no autolink)."""
    return "![" not in text and "](" not in text and "http://127" not in text


@pytest.fixture
def var(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("CHIIKI_MAP_VAR", str(tmp_path))
    for name in ("CHIIKI_MAP_STORE", "CHIIKI_MAP_CACHE", "DATABASE_URL"):
        monkeypatch.delenv(name, raising=False)
    return tmp_path


@pytest.mark.apptest
def test_the_site_cards_field_table_is_escaped(var: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    lon, lat = 130.7, 32.8
    rows = make_site_rows(1, "x", lon=lon, lat=lat).assign(company=IMAGE, source_note=f"note {IMAGE}")
    [sid] = open_store().add(rows, Actor("lena", "editor"))
    import ui.live_map

    # a click on the site: the live map returns its tooltip reference, which carries the site id
    clicked = {"last_clicked": {"lng": lon, "lat": lat}, "last_object_clicked_tooltip": f"x [site:{sid}]"}
    monkeypatch.setattr(ui.live_map, "live_map", lambda *a, **k: clicked)
    at = AppTest.from_file(str(REPO / "app.py"), default_timeout=180)
    at.run()
    assert not at.exception, at.exception
    card = page_tables(at)[0]  # the card, then the layer table
    assert card.index.name == "項目"
    cells = [str(v) for v in card.to_numpy().ravel()]
    assert "\\!\\[i\\]\\(h\u2060ttp\\://127\\.0\\.0\\.1\\:8789/x\\.png\\)" in cells
    assert all(_escaped(c) for c in cells), cells


@pytest.mark.apptest
def test_an_imported_layers_typed_source_is_escaped_in_labels_and_credits(var: Path) -> None:
    path = var / "ports.geojson"
    gpd.GeoDataFrame({"name": ["試験港"]}, geometry=[Point(130.6, 32.7)], crs="EPSG:4326").to_file(path)
    plan = plan_layer_import(path, "ports")
    write_layer_import(plan, Actor("lena", "editor"), source=f"港湾台帳 {IMAGE}")
    at = AppTest.from_file(str(REPO / "app.py"), default_timeout=180)
    at.run()
    assert not at.exception, at.exception
    at.sidebar.checkbox(key="layer_ports").check().run()
    credits = [c.value for c in at.caption if "港湾台帳" in c.value]
    assert credits and all(_escaped(c) for c in credits), credits
    labels = [c.label for c in at.sidebar.checkbox]
    assert all(_escaped(label) for label in labels), labels

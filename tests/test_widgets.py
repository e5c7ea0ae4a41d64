"""Streamlit's own words in Japanese (issue 24): "Upload", "200MB per file • CSV", "Select all" have no setting."""

from __future__ import annotations

import ast
import json

from tests.support import REPO
from ui.widgets import LABEL_CSS, words_css


def test_the_japanese_ui_replaces_streamlits_english_words() -> None:
    css = words_css("ja")
    for said in ("ファイルを選択", "すべて選択", "Enter キーで確定"):
        assert f"content:{json.dumps(said, ensure_ascii=False)}" in css, said
    assert '[data-testid="stFileUploaderDropzone"]' in css and '[data-key="__select_all__"]' in css
    assert "MBまで" in css  # the size limit in words, from the server's own setting


def test_the_english_ui_keeps_streamlits_words() -> None:
    assert words_css("en") == LABEL_CSS  # only the rule that lets metric labels wrap


def test_metric_labels_wrap_instead_of_being_cut() -> None:
    for lang in ("ja", "en"):
        assert words_css(lang).startswith(LABEL_CSS)
    assert '[data-testid="stMetricLabel"]' in LABEL_CSS and "white-space:normal" in LABEL_CSS


def test_every_empty_choice_says_so_in_the_pages_language() -> None:
    """Streamlit's "Choose options" / "Choose an option" showed in the Japanese UI (ブリーフィング出力's 地域比較):
    every multiselect, and every selectbox that can be empty, passes its own placeholder."""
    missing = []
    for path in sorted((REPO / "ui").rglob("*.py")):
        for call in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if not (isinstance(call, ast.Call) and isinstance(call.func, ast.Attribute)):
                continue
            words = {k.arg for k in call.keywords}
            empty = any(k.arg == "index" and isinstance(k.value, ast.Constant) and k.value.value is None
                        for k in call.keywords)  # fmt: skip
            if (call.func.attr == "multiselect" or (call.func.attr == "selectbox" and empty)) and (
                "placeholder" not in words
            ):
                missing.append(f"{path.relative_to(REPO)}:{call.lineno}")
    assert not missing, missing

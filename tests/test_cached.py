"""The keys of the page caches (``ui.cached``): what makes a cached result be computed again, and what does not."""

from __future__ import annotations

from collections.abc import Sequence
from types import SimpleNamespace

import pandas as pd
import streamlit as st

from geo.analysis.firms import FirmAnalysis
from geo.labour import data as labour_data
from ui import cached


def test_content_key_tells_files_apart() -> None:
    assert cached.content_key(b"a,b\n1,2\n") == cached.content_key(b"a,b\n1,2\n")
    assert cached.content_key(b"a,b\n1,2\n") != cached.content_key(b"a,b\n1,3\n")
    # where one file ends and the next begins is part of the key; a missing file is not an empty one
    assert cached.content_key(b"ab", b"c") != cached.content_key(b"a", b"bc")
    assert cached.content_key(b"x", None) != cached.content_key(b"x", b"")
    assert cached.content_key(b"x", None) != cached.content_key(b"x")


def test_firm_analysis_once_per_tables_and_region() -> None:
    st.cache_resource.clear()
    calls: list[tuple[str, ...]] = []

    def analyse(codes: Sequence[str]) -> FirmAnalysis:
        calls.append(tuple(codes))
        return FirmAnalysis(pd.DataFrame(), pd.DataFrame(), pd.DataFrame(), "table", [])

    first = cached.firm_analysis("sample:1", ["43", "40"], analyse)
    assert cached.firm_analysis("sample:1", ("43", "40"), analyse) is first  # a re-run: kept
    cached.firm_analysis("sample:1", ["43"], analyse)  # another region
    cached.firm_analysis("sample:2", ["43", "40"], analyse)  # the file changed
    assert calls == [("43", "40"), ("43",), ("43", "40")]


def test_school_data_once_per_selection_and_language() -> None:
    st.cache_resource.clear()
    schools = labour_data.schools()
    three, two = schools.head(3), schools.head(2)
    first = cached.school_data(three, "ja")
    assert cached.school_data(labour_data.schools().head(3), "ja") is first  # the same schools on a re-run
    assert len(first["features"]) == 3
    assert cached.school_data(three, "en") is not first
    assert len(cached.school_data(two, "ja")["features"]) == 2


def test_labour_headline_once_per_view_and_settings(monkeypatch) -> None:
    st.cache_resource.clear()
    calls: list[str] = []
    monkeypatch.setattr(cached, "labour_figures", lambda prefs: calls.append(prefs) or len(calls))
    view = SimpleNamespace(key="v1")
    result = SimpleNamespace(prefs="prefs of the result")
    first = cached.labour_headline(view, result, 30, "u1")  # type: ignore[arg-type]
    assert cached.labour_headline(view, result, 30.0, "u1") == first  # type: ignore[arg-type]
    cached.labour_headline(view, result, 40, "u1")  # type: ignore[arg-type]  # another radius
    cached.labour_headline(view, result, 30, "u2")  # type: ignore[arg-type]  # the 原単位 file changed
    cached.labour_headline(SimpleNamespace(key="v2"), result, 30, "u1")  # type: ignore[arg-type]  # another view
    assert len(calls) == 4

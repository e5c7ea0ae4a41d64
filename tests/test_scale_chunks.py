"""Large inputs are worked a chunk at a time: the answer equals the one-piece answer (issue 22)."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

import geo.analysis.gaps as gaps_module
from geo.analysis.gaps import GAP_COLUMNS, aggregate, infrastructure_gaps
from geo.io.compact import compact, concat_compact


@pytest.mark.parametrize("ids", ["in row order", "reversed"])
def test_gaps_in_chunks_equal_the_gaps_in_one_piece(make_sites, monkeypatch: pytest.MonkeyPatch, ids: str) -> None:
    """Chunks in site order are joined as they are; out of order (a store's ids), they are sorted by site."""
    rows = [
        {"name": f"site {i}", "field": field, "lon": 130.4 + 0.07 * i, "lat": 32.6 + 0.05 * (i % 7)}
        for i, field in enumerate(["ai_semiconductor", "biotech", "shipbuilding", "aerospace"] * 5)
    ]
    sites = make_sites(rows)
    if ids == "reversed":
        sites["site_id"] = np.arange(len(sites), 0, -1)
    whole = infrastructure_gaps(sites)
    monkeypatch.setattr(gaps_module, "CHUNK_SITES", 3)  # seven chunks of three sites
    chunked = infrastructure_gaps(sites)
    assert list(chunked.columns) == GAP_COLUMNS
    assert len(whole) > 20, "the fixture checks several requirements per site"
    assert any(isinstance(chunked[c].dtype, pd.CategoricalDtype) for c in ("status", "requirement"))
    pd.testing.assert_frame_equal(chunked.astype(object), whole.astype(object))


def test_compact_tables_join_without_losing_values() -> None:
    a = compact(pd.DataFrame({"s": ["ok", "gap", "ok", "ok"], "n": [1, 2, 3, 4], "u": ["a", "b", "c", "d"]}))
    b = compact(pd.DataFrame({"s": ["unknown", "unknown"], "n": [5, 6], "u": ["e", "f"]}))
    assert isinstance(a["s"].dtype, pd.CategoricalDtype)
    assert not isinstance(a["u"].dtype, pd.CategoricalDtype), "all distinct: stays text"
    both = concat_compact([a, b])
    assert both["s"].astype(str).tolist() == ["ok", "gap", "ok", "ok", "unknown", "unknown"]
    assert both["n"].tolist() == [1, 2, 3, 4, 5, 6] and both["u"].tolist() == list("abcdef")
    assert np.array_equal(both.index, np.arange(6))


def test_aggregate_reads_compact_gaps_as_it_reads_text(make_sites) -> None:
    rows = [
        {"name": f"site {i}", "field": field, "lon": 130.4 + 0.07 * i, "lat": 32.6 + 0.05 * (i % 7)}
        for i, field in enumerate(["ai_semiconductor", "biotech", "shipbuilding"] * 3)
    ]
    checks = infrastructure_gaps(make_sites(rows))
    for by in ("pref_code", "block"):
        plain = aggregate(checks, by)
        pd.testing.assert_frame_equal(aggregate(compact(checks), by), plain)

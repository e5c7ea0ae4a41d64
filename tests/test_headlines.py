"""Headline figures: one function per analysis, unknown stays None (values written by hand)."""

from __future__ import annotations

import pandas as pd

from geo.analysis.headlines import (
    GapFigures,
    InvestmentFigures,
    Jobs,
    gap_figures,
    investment_figures,
    labour_figures,
)
from geo.labour.jobs import jobs_per_1000
from geo.labour.summary import status_columns


def test_gap_figures_count_checks_and_sites() -> None:
    gaps = pd.DataFrame({"site_id": [1, 1, 2, 3, 3], "status": ["gap", "gap", "ok", "unknown", "gap"]})
    assert gap_figures(gaps) == GapFigures(n_checks=5, n_ok=1, n_gap=3, n_unknown=1, n_sites_with_gap=2)
    assert list(gap_figures(gaps).by_status()) == ["ok", "gap", "unknown"]
    assert gap_figures(pd.DataFrame(columns=["site_id", "status"])) == GapFigures(0, 0, 0, 0, 0)


def test_investment_figures_keep_undisclosed_apart() -> None:
    sites = pd.DataFrame({"investment_oku_yen": [100.0, None, "x", 2.5], "status": ["planned"] * 3 + ["operating"]})
    got = investment_figures(sites)
    assert got == InvestmentFigures(
        investment_oku_yen=102.5,
        n_sites=4,
        n_investment_unknown=2,
        sites_by_status={"operating": 1, "construction": 0, "planned": 3, "concept": 0},
    )


def _prefs(rows: list[dict]) -> pd.DataFrame:
    base = {c: 0 for c in status_columns()} | {
        "population": 0.0,
        "working_age": 0.0,
        "female_labor_participation": None,
        "sites": 0,
        "sites_jobs_unknown": 0,
        "kosen": 0,
        "universities": 0,
        "junior_colleges": 0,
        "working_age_unknown_munis": 0,
    }
    return pd.DataFrame([base | r for r in rows])


def test_labour_figures_unknown_jobs_stay_unknown() -> None:
    """Two prefectures: one without sites (jobs 0), one whose two sites disclose nothing: jobs are unknown."""
    prefs = _prefs(
        [
            {"population": 1000.0, "working_age": 600.0, "jobs_disclosed": 0.0, "jobs_estimated": 0.0},
            {
                "population": 3000.0,
                "working_age": 1400.0,
                "sites": 2,
                "sites_jobs_unknown": 2,
                "jobs_disclosed": None,
                "jobs_estimated": None,
                "sites_planned": 2,
                "sites_jobs_unknown_planned": 2,
                "jobs_disclosed_planned": None,
                "jobs_estimated_planned": None,
            },
        ]
    )
    got = labour_figures(prefs)
    assert (got.population, got.working_age) == (4000.0, 2000.0)
    assert got.jobs_disclosed is None and got.jobs_estimated is None and got.jobs_per_1000_working_age is None
    assert got.sites_jobs_unknown == 2 and got.jobs_by_status["planned"] == Jobs(None, None)
    assert got.jobs_by_status["operating"] == Jobs(0.0, 0.0)  # no operating site: zero jobs, known


def test_jobs_per_1000_is_unknown_without_working_age() -> None:
    ratio = jobs_per_1000(pd.Series([30.0, 5.0, None]), pd.Series([1500.0, 0.0, 100.0]))
    assert ratio.iloc[0] == 20.0 and ratio.iloc[1:].isna().all()


def test_missing_number_is_one_rule_on_both_sides_of_the_border() -> None:
    """geo and i18n may not import each other: their two ``finite`` must give the same answers."""
    import math

    import numpy as np

    from geo.io.numbers import finite as geo_finite
    from i18n.format import finite as words_finite

    cases = [None, pd.NA, float("nan"), math.inf, -math.inf, np.float64("nan"), np.int64(3), 2.5, "4.0", "x", "", True]
    assert [geo_finite(v) for v in cases] == [words_finite(v) for v in cases]
    assert [geo_finite(v) for v in cases] == [None, None, None, None, None, None, 3.0, 2.5, 4.0, None, None, 1.0]

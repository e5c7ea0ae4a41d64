"""Competing sites without pairs (geo.labour.competition) equal the pair-by-pair answer; membership sums too."""

from __future__ import annotations

import numpy as np
import pytest

import geo.labour.competition as competition_module
from geo.labour.competition import competition
from geo.labour.membership import membership_from_pairs


def _random_catchments(rng: np.random.Generator, n: int, n_units: int, most: int) -> tuple[np.ndarray, np.ndarray]:
    """(site, unit) pairs: each site reaches 0..most-1 units around a random one (sorted, no repeats)."""
    centre = rng.integers(0, n_units, n)
    size = rng.integers(0, most, n)
    pairs = sorted({(i, int((centre[i] + 3 * j) % n_units)) for i in range(n) for j in range(size[i])})
    return np.array([p[0] for p in pairs], dtype=np.int64), np.array([p[1] for p in pairs], dtype=np.int64)


def _pairwise(n: int, sites: np.ndarray, units: np.ndarray, jobs: np.ndarray, top: int):
    """The answer from every pair: competitors share a unit; the named ones have the most jobs (unknown last)."""
    catchment: list[set[int]] = [set() for _ in range(n)]
    for s, u in zip(sites.tolist(), units.tolist()):
        catchment[s].add(u)
    counts, named = [], []
    for i in range(n):
        rivals = [j for j in range(n) if j != i and catchment[i] & catchment[j]]
        counts.append(len(rivals))
        rivals.sort(key=lambda j: (not np.isfinite(jobs[j]), -(jobs[j] if np.isfinite(jobs[j]) else 0.0), j))
        named.append(rivals[:top])
    return counts, named


@pytest.mark.parametrize("seed", range(12))
def test_counts_and_top_equal_the_pairwise_answer(seed: int, monkeypatch) -> None:
    rng = np.random.default_rng(seed)
    n, n_units = int(rng.integers(1, 260)), int(rng.integers(1, 45))
    # small windows and blocks: several passes and blocks even on a small fixture
    monkeypatch.setattr(competition_module, "_FIRST_WINDOW", 16)
    monkeypatch.setattr(competition_module, "_MAX_WINDOW", 64)
    monkeypatch.setattr(competition_module, "_SET_BLOCK", 5)
    sites, units = _random_catchments(rng, n, n_units, 6)
    jobs = np.where(rng.random(n) < 0.25, np.nan, rng.integers(0, 40, n).astype(float))  # ties and unknowns
    member = membership_from_pairs(n, sites, units, n_units)
    got = competition(member, jobs, rng.permutation(n_units).astype(float), top=5)
    counts, named = _pairwise(n, sites, units, jobs, 5)
    assert got.counts.tolist() == counts
    assert [[j for j in row if j >= 0] for row in got.top.tolist()] == named


def test_named_competitors_by_jobs_and_without_the_site_itself() -> None:
    # units 0..2; A and B share unit 1, B and C unit 2, D reaches nothing, E shares A's unit 0
    sites = np.array([0, 0, 1, 1, 2, 4])
    units = np.array([0, 1, 1, 2, 2, 0])
    jobs = np.array([10.0, np.nan, 500.0, 7.0, 10.0])
    member = membership_from_pairs(5, sites, units, 3)
    got = competition(member, jobs, top=1)
    assert got.counts.tolist() == [2, 2, 1, 0, 1]
    names = got.names(["A", "B", "C", "D", "E"])
    assert names == [["E"], ["C"], ["B"], [], ["A"]], "most jobs first, unknown jobs last, never the site itself"


def test_membership_shares_sets_and_sums_per_site_and_unit() -> None:
    sites = np.array([0, 0, 1, 1, 2, 4, 4])
    units = np.array([0, 1, 0, 1, 2, 0, 1])
    member = membership_from_pairs(5, sites, units, 3)
    assert member.n_sets == 3, "sites 0, 1 and 4 reach the same units; site 3 none"
    assert member.site_sums([1.0, 10.0, 100.0]).tolist() == [11.0, 11.0, 100.0, 0.0, 11.0]
    assert member.site_counts().tolist() == [2, 2, 1, 0, 2]
    assert member.unit_site_counts().tolist() == [3, 3, 1]
    assert member.unit_sums([1.0, 2.0, 4.0, 8.0, 16.0]).tolist() == [19.0, 19.0, 4.0]
    s, u = member.pairs()
    assert s.tolist() == sites.tolist() and u.tolist() == units.tolist()
    g, gu = member.group_units([7, -1, 9, 9, 7])
    assert list(zip(g.tolist(), gu.tolist())) == [(7, 0), (7, 1), (9, 2)]
    assert member.select([False, True, False, True, False]).site_counts().tolist() == [2, 0]

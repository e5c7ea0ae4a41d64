"""Sites competing for the same workers: how many, and the few with the most jobs — never every pair.

Two sites *compete* when their catchments share at least one census unit (``geo.labour.catchment``). A
national register has tens of millions of such pairs, growing with the square of the sites per
catchment, so they are never listed. Per site this module gives what a planner reads:

* ``counts``: how many other sites compete with it. Sites share catchment sets
  (:class:`geo.labour.membership.Membership`); the sets that share a unit with a set are found with one
  bitset over the sets per unit (sets numbered along a space-filling curve, so each bitset covers a short
  run of words), and their sites are summed with popcounts, one bit-plane of the site counts at a time;
* ``top``: the :data:`TOP_COMPETITORS` competitors with the most jobs (disclosed or estimated; unknown
  last; ties by row). Sites are scanned in that order, in windows that double in size; each set takes
  the first sites whose catchment touches its own until it has enough, or all it has.

Memory stays proportional to the sets, the units and one window; time to the sets and the sites.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from numpy.typing import ArrayLike, NDArray

from geo.labour.membership import Membership

#: Competitors named per site (the count is always complete).
TOP_COMPETITORS = 5
#: Sets per block when summing competitors; words per block when taking the top sites.
_SET_BLOCK = 256
_WORD_BUDGET = 2_000_000
_FIRST_WINDOW = 4096
_MAX_WINDOW = 1 << 17


@dataclass(frozen=True)
class Competition:
    """Per site: ``counts`` of competing sites and ``top`` competitors (site positions, -1 where fewer)."""

    counts: NDArray[np.int64]
    top: NDArray[np.int64]

    def names(self, names: ArrayLike) -> list[list[str]]:
        """The ``top`` competitors of every site by name (``names`` per site position)."""
        labels = np.asarray(names, dtype=object)
        shown = labels[np.where(self.top >= 0, self.top, 0)].tolist()  # -1 pads the end of a row
        return [row[:k] for row, k in zip(shown, (self.top >= 0).sum(axis=1).tolist())]


def _bitsets(
    rows: NDArray[np.int64], bits: NDArray[np.int64], n_rows: int, n_bits: int
) -> tuple[NDArray[np.uint64], NDArray[np.int64], NDArray[np.int64]]:
    """Bit ``bits[i]`` set in row ``rows[i]``; also each row's first and last word in use (-1 when none)."""
    words = max(1, (n_bits + 63) // 64)
    reach = np.zeros((n_rows, words), dtype=np.uint64)
    lo = np.zeros(n_rows, dtype=np.int64)
    hi = np.full(n_rows, -1, dtype=np.int64)
    if len(rows):
        key = rows * words + (bits >> 6)
        order = np.argsort(key, kind="stable")
        ks = key[order]
        vals = np.left_shift(np.uint64(1), (bits[order] & 63).astype(np.uint64))
        first = np.flatnonzero(np.r_[True, ks[1:] != ks[:-1]])
        reach.ravel()[ks[first]] = np.bitwise_or.reduceat(vals, first)
        row_of, word_of = ks[first] // words, ks[first] % words
        edge = np.flatnonzero(np.r_[True, row_of[1:] != row_of[:-1]])
        lo[row_of[edge]] = word_of[edge]
        hi[row_of[np.r_[edge[1:], len(row_of)] - 1]] = word_of[np.r_[edge[1:], len(row_of)] - 1]
    return reach, lo, hi


def _or_runs(rows: NDArray[np.uint64], starts: NDArray[np.int64]) -> NDArray[np.uint64]:
    """Bitwise OR of the runs of rows beginning at ``starts`` (reduced along contiguous memory: faster)."""
    return np.bitwise_or.reduceat(np.ascontiguousarray(rows.T), starts, axis=1).T.copy()


def _expand(m: Membership, sets: NDArray[np.int64]) -> tuple[NDArray[np.int64], NDArray[np.int64]]:
    """Units of ``sets`` in one array, and where each set's run starts in it."""
    sizes = m.set_sizes()[sets]
    starts = np.r_[0, np.cumsum(sizes)[:-1]].astype(np.int64)
    units = m.set_units[np.repeat(m.set_ptr[sets] - starts, sizes) + np.arange(int(sizes.sum()), dtype=np.int64)]
    return units, starts


def _set_positions(m: Membership, unit_rank: NDArray[np.float64]) -> NDArray[np.int64]:
    """Position of each set along a spatial order: the mean rank of its units (empty sets last)."""
    sizes = m.set_sizes()
    total = np.bincount(m.set_of_units(), weights=unit_rank[m.set_units], minlength=m.n_sets)
    key = np.where(sizes > 0, total / np.maximum(sizes, 1), np.inf)
    pos = np.empty(m.n_sets, dtype=np.int64)
    pos[np.argsort(key, kind="stable")] = np.arange(m.n_sets)
    return pos


def union_sizes(m: Membership, unit_rank: ArrayLike | None = None) -> NDArray[np.int64]:
    """Per set: the sites whose catchment shares at least one unit with it (its own sites included)."""
    rank = np.arange(m.n_units, dtype=float) if unit_rank is None else np.asarray(unit_rank, dtype=float)
    pos = _set_positions(m, rank)
    weights = m.sites_per_set()
    reach, lo, hi = _bitsets(m.set_units, pos[m.set_of_units()], m.n_units, m.n_sets)
    planes = int(weights.max()).bit_length() if len(weights) else 0
    masks = np.zeros((planes, reach.shape[1]), dtype=np.uint64)
    for b in range(planes):
        on = np.flatnonzero((weights >> b) & 1)
        masks[b] = _bitsets(np.zeros(len(on), np.int64), pos[on], 1, m.n_sets)[0][0]
    out = np.zeros(m.n_sets, dtype=np.int64)
    by_pos = np.argsort(pos)
    by_pos = by_pos[m.set_sizes()[by_pos] > 0]
    for i in range(0, len(by_pos), _SET_BLOCK):
        sets = by_pos[i : i + _SET_BLOCK]
        units, starts = _expand(m, sets)
        w0, w1 = int(lo[units].min()), int(hi[units].max()) + 1
        rows = _or_runs(reach[units, w0:w1], starts)
        acc = np.zeros(len(sets), dtype=np.int64)
        for b in range(planes):
            acc += np.bitwise_count(rows & masks[b, w0:w1]).sum(axis=1, dtype=np.int64) << b
        out[sets] = acc
    return out


def _jobs_order(jobs: NDArray[np.float64]) -> NDArray[np.int64]:
    """Site positions, most jobs first, unknown jobs last, ties by position."""
    unknown = ~np.isfinite(jobs)
    return np.lexsort((np.arange(len(jobs)), -np.where(unknown, 0.0, jobs), unknown)).astype(np.int64)


def _take_first_bits(
    rows: NDArray[np.uint64],
    sets: NDArray[np.int64],
    window: NDArray[np.int64],
    want: NDArray[np.int64],
    found: NDArray[np.int64],
    n_found: NDArray[np.int64],
) -> None:
    """Append to ``found[sets[r]]`` the sites of the lowest set bits of row ``r`` until it has ``want``."""
    for _ in range(found.shape[1]):
        nonzero = rows != 0
        live = np.flatnonzero(nonzero.any(axis=1) & (n_found[sets] < want[sets]))
        if not len(live):
            return
        word = nonzero[live].argmax(axis=1)
        value = rows[live, word]
        low = value & (~value + np.uint64(1))
        bit = word * 64 + np.bitwise_count(low - np.uint64(1)).astype(np.int64)
        rows[live, word] = value ^ low
        owner = sets[live]
        found[owner, n_found[owner]] = window[bit]
        n_found[owner] += 1


def _top_per_set(m: Membership, order: NDArray[np.int64], want: NDArray[np.int64], k: int) -> NDArray[np.int64]:
    """Per set, the first ``want[set]`` sites of ``order`` (at most ``k``) whose catchment shares a unit with it."""
    found = np.full((m.n_sets, k), -1, dtype=np.int64)
    n_found = np.zeros(m.n_sets, dtype=np.int64)
    active = np.flatnonzero(want > 0)
    start, size = 0, _FIRST_WINDOW
    while len(active) and start < len(order):
        window = order[start : start + size]
        _sites, units = m.pairs(window)
        offset = np.repeat(np.arange(len(window), dtype=np.int64), m.set_sizes()[m.site_set[window]])
        reach, _lo, _hi = _bitsets(units, offset, m.n_units, len(window))
        per_chunk = max(1, _WORD_BUDGET // (reach.shape[1] * max(1, int(m.set_sizes()[active].mean()))))
        for i in range(0, len(active), per_chunk):
            sets = active[i : i + per_chunk]
            set_units, starts = _expand(m, sets)
            rows = _or_runs(reach[set_units], starts)
            _take_first_bits(rows, sets, window, want, found, n_found)
        active = active[n_found[active] < want[active]]
        start += len(window)
        size = min(2 * size, _MAX_WINDOW)
    return found


def competition(
    m: Membership, jobs: ArrayLike, unit_rank: ArrayLike | None = None, top: int = TOP_COMPETITORS
) -> Competition:
    """Competing sites per site: their number and the ``top`` with the most jobs.

    Parameters
    ----------
    m
        Catchment membership of the sites.
    jobs
        Jobs per site (disclosed or estimated; NaN when unknown), ranking the named competitors.
    unit_rank
        A spatial rank per census unit (``geo.labour.catchment.spatial_rank`` of their points): keeps the
        bitsets short. Any order gives the same answer.
    top
        Competitors named per site.

    Returns
    -------
    Competition
        ``counts`` (sites sharing a unit with the site's catchment, itself excluded; 0 for an empty
        catchment) and ``top`` (positions, most jobs first, -1 padded).
    """
    values = np.asarray(jobs, dtype=float)
    union = union_sizes(m, unit_rank)
    nonempty = m.set_sizes()[m.site_set] > 0
    counts = np.where(nonempty, union[m.site_set] - 1, 0).astype(np.int64)
    k = top + 1  # one more than shown: a set's list may hold the site itself
    found = _top_per_set(m, _jobs_order(values), np.minimum(union, k), k)
    rows = found[m.site_set]
    keep = (rows >= 0) & (rows != np.arange(m.n_sites)[:, None])
    first = np.argsort(~keep, axis=1, kind="stable")[:, :top]
    picked = np.take_along_axis(rows, first, axis=1)
    return Competition(counts, np.where(np.take_along_axis(keep, first, axis=1), picked, -1))

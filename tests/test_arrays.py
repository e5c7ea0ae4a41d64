"""geo.arrays: the distinct (i, j) pairs the clusters and the labour analysis take, as NumPy gives them."""

from __future__ import annotations

import numpy as np
import pytest

from geo.arrays import unique_pairs


@pytest.mark.parametrize(("n", "span"), [(1, 1), (50, 5), (10_000, 300), (200_000, 100_000)])
def test_unique_pairs_equals_numpys_unique_rows(n: int, span: int) -> None:
    rng = np.random.default_rng(n)
    pairs = rng.integers(0, span, (n, 2))
    got = unique_pairs(pairs)
    assert got.dtype == np.int64
    np.testing.assert_array_equal(got, np.unique(pairs, axis=0))


def test_unique_pairs_by_hand() -> None:
    got = unique_pairs([[3, 1], [0, 2], [3, 1], [0, 0], [2, 9], [0, 2]])
    assert got.tolist() == [[0, 0], [0, 2], [2, 9], [3, 1]]
    assert unique_pairs(np.empty((0, 2), dtype=np.int64)).shape == (0, 2)


def test_unique_pairs_too_large_for_one_key_still_right() -> None:
    big = 2**40
    pairs = np.array([[big, big - 1], [1, big], [big, big - 1]])
    assert unique_pairs(pairs).tolist() == [[1, big], [big, big - 1]]


def test_unique_pairs_refuses_negative_positions() -> None:
    with pytest.raises(ValueError, match="non-negative"):
        unique_pairs([[0, -1]])

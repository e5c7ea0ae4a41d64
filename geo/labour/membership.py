"""Catchment membership stored once per distinct catchment: which census units each site's catchment holds.

Sites close to each other usually reach the same municipalities, so a national register has far fewer
distinct catchments than sites (100,000 sites: ~25,000; 1,000,000 sites: ~60,000, bounded by the ~1,900
units). :class:`Membership` keeps, per site, the index of its catchment *set* and, per set, its units
(compressed rows) — never a row per (site, municipality) pair. Sums over a catchment (working age,
schools, any per-unit figure a later analysis adds) are computed per set and handed to the sites.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from numpy.typing import ArrayLike, NDArray

from geo.arrays import unique_pairs

#: Odd 64-bit constants of the splitmix64 finaliser: a well-mixed hash of each unit position.
_MIX = (np.uint64(0x9E3779B97F4A7C15), np.uint64(0xBF58476D1CE4E5B9), np.uint64(0x94D049BB133111EB))


def _unit_hash(units: NDArray[np.int64], salt: int) -> NDArray[np.uint64]:
    """A 64-bit hash per unit position (splitmix64 of position + salt)."""
    z = (units.astype(np.uint64) + np.uint64(salt + 1)) * _MIX[0]
    z = (z ^ (z >> np.uint64(30))) * _MIX[1]
    z = (z ^ (z >> np.uint64(27))) * _MIX[2]
    return z ^ (z >> np.uint64(31))


@dataclass(frozen=True)
class Membership:
    """Each site's catchment as one of a few distinct sets of census units.

    ``site_set[i]`` is the set of site ``i`` (a row of ``Catchments.sites``); set ``k`` holds the unit
    positions ``set_units[set_ptr[k]:set_ptr[k + 1]]`` (ascending; positions in the census-unit table of
    ``n_units`` rows). An empty catchment is a set without units.
    """

    site_set: NDArray[np.int64]
    set_ptr: NDArray[np.int64]
    set_units: NDArray[np.int64]
    n_units: int

    @property
    def n_sites(self) -> int:
        """Number of sites."""
        return len(self.site_set)

    @property
    def n_sets(self) -> int:
        """Number of distinct catchments."""
        return len(self.set_ptr) - 1

    def set_sizes(self) -> NDArray[np.int64]:
        """Units per set."""
        return np.diff(self.set_ptr)

    def set_of_units(self) -> NDArray[np.int64]:
        """The set of every entry of ``set_units`` (same length)."""
        return np.repeat(np.arange(self.n_sets, dtype=np.int64), self.set_sizes())

    def sites_per_set(self) -> NDArray[np.int64]:
        """How many sites share each set."""
        return np.bincount(self.site_set, minlength=self.n_sets).astype(np.int64)

    def units_of(self, site: int) -> NDArray[np.int64]:
        """Unit positions in the catchment of site ``site`` (a row position)."""
        k = int(self.site_set[site])
        return self.set_units[self.set_ptr[k] : self.set_ptr[k + 1]]

    def site_sums(self, per_unit: ArrayLike) -> NDArray[np.float64]:
        """Per site, the sum of ``per_unit`` (one value per census unit) over its catchment.

        Pass values with unknowns already replaced as the caller means them (e.g. 0 with a separate
        count of unknown units): a NaN would make the whole sum NaN.
        """
        values = np.asarray(per_unit, dtype=float)
        per_set = np.bincount(self.set_of_units(), weights=values[self.set_units], minlength=self.n_sets)
        return np.asarray(per_set, dtype=np.float64)[self.site_set]

    def site_counts(self, per_unit: ArrayLike | None = None) -> NDArray[np.int64]:
        """Per site, the units in its catchment (or those where ``per_unit`` is true)."""
        if per_unit is None:
            return self.set_sizes()[self.site_set]
        return np.rint(self.site_sums(np.asarray(per_unit, dtype=bool).astype(float))).astype(np.int64)

    def unit_sums(self, per_site: ArrayLike) -> NDArray[np.float64]:
        """Per unit, the sum of ``per_site`` over the sites whose catchment holds that unit."""
        per_set = np.bincount(self.site_set, weights=np.asarray(per_site, dtype=float), minlength=self.n_sets)
        sums = np.bincount(self.set_units, weights=per_set[self.set_of_units()], minlength=self.n_units)
        return np.asarray(sums, dtype=np.float64)

    def unit_site_counts(self) -> NDArray[np.int64]:
        """Per unit, how many sites' catchments hold it."""
        return np.rint(self.unit_sums(np.ones(self.n_sites))).astype(np.int64)

    def pairs(self, sites: ArrayLike | None = None) -> tuple[NDArray[np.int64], NDArray[np.int64]]:
        """(site position, unit position) for ``sites`` (default every site), sorted by site then unit.

        This expands the catchments into one row per pair: for a region or a selection, not for a
        national register.
        """
        rows = np.arange(self.n_sites, dtype=np.int64) if sites is None else np.asarray(sites, dtype=np.int64)
        sets = self.site_set[rows]
        sizes = self.set_sizes()[sets]
        starts = np.repeat(self.set_ptr[sets] - np.r_[0, np.cumsum(sizes)[:-1]], sizes)
        units = self.set_units[starts + np.arange(int(sizes.sum()), dtype=np.int64)]
        return np.repeat(rows, sizes), units

    def group_units(self, groups: ArrayLike) -> tuple[NDArray[np.int64], NDArray[np.int64]]:
        """(group, unit) once each: the union of the catchments of the sites of each group.

        ``groups`` gives a group number per site (negative: in no group), e.g. the cluster of each site.
        """
        g = np.asarray(groups, dtype=np.int64)
        inside = np.flatnonzero(g >= 0)
        pairs = unique_pairs(np.stack([g[inside], self.site_set[inside]], axis=1))
        if not len(pairs):
            return np.empty(0, np.int64), np.empty(0, np.int64)
        sizes = self.set_sizes()[pairs[:, 1]]
        starts = np.repeat(self.set_ptr[pairs[:, 1]] - np.r_[0, np.cumsum(sizes)[:-1]], sizes)
        units = self.set_units[starts + np.arange(int(sizes.sum()), dtype=np.int64)]
        both = unique_pairs(np.stack([np.repeat(pairs[:, 0], sizes), units], axis=1))
        return both[:, 0], both[:, 1]

    def select(self, keep: ArrayLike) -> Membership:
        """The membership of the sites where ``keep`` is true (row order kept; the sets are shared)."""
        return Membership(self.site_set[np.asarray(keep, dtype=bool)], self.set_ptr, self.set_units, self.n_units)


def membership_from_pairs(n_sites: int, sites: NDArray[np.int64], units: NDArray[np.int64], n_units: int) -> Membership:
    """Group (site, unit) pairs into distinct catchment sets, exactly.

    Parameters
    ----------
    n_sites, n_units
        Number of sites and of census units.
    sites, units
        Positions of the pairs, sorted by site then unit, without repeats.

    Returns
    -------
    Membership
        Sites with the same units share a set. Sets are recognised by a 64-bit hash of their units and
        every site is then checked unit by unit against its set; on a collision the hash is salted anew.
    """
    sites = np.asarray(sites, dtype=np.int64)
    units = np.asarray(units, dtype=np.int64)
    sizes = np.bincount(sites, minlength=n_sites).astype(np.int64)
    starts = np.r_[0, np.cumsum(sizes)]
    offset = np.arange(len(units), dtype=np.int64) - np.repeat(starts[:-1], sizes)
    for salt in range(8):
        key = np.zeros(n_sites, dtype=np.uint64)
        np.add.at(key, sites, _unit_hash(units, salt))  # wraps modulo 2**64: an order-free hash of the set
        key ^= _unit_hash(sizes, salt + 1000)  # and of its size
        _distinct, first, site_set = np.unique(key, return_index=True, return_inverse=True)
        rep_sizes = sizes[first]
        if not np.array_equal(rep_sizes[site_set], sizes):
            continue
        # every site's units equal its set's (that of the set's first site), pair by pair
        if not np.array_equal(units[np.repeat(starts[first][site_set], sizes) + offset], units):
            continue
        ptr = np.r_[0, np.cumsum(rep_sizes)].astype(np.int64)
        rep = np.repeat(starts[first] - ptr[:-1], rep_sizes) + np.arange(int(ptr[-1]), dtype=np.int64)
        return Membership(site_set.astype(np.int64).ravel(), ptr, units[rep], int(n_units))
    raise RuntimeError("catchment sets could not be told apart by hashing (eight salts collided)")

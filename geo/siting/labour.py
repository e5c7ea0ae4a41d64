"""The labour catchment of each candidate and the pipeline sites already competing for its workers.

The catchment is the rule of ``geo.labour.catchment`` (census units whose representative point lies within
the radius, JGD2011 UTM; ``catchment_pairs``), summed per candidate. A pipeline site *competes* with a
candidate when its own catchment shares at least one unit with the candidate's — the same rule as two
sites competing. Per candidate: how many sites compete (``n_competing``) and the
:data:`TOP_COMPETITORS` with the most jobs (disclosed or estimated; unknown last; ties by site order).

Competitors come from one bitset per unit of the sites that reach it (bit = the site's place in jobs
order): a candidate's competitors are the OR over its units, counted with ``bitwise_count``, and its
first set bits are the sites with the most jobs. Memory: units × sites / 8 bytes, plus one block of rows.
"""

from __future__ import annotations

from dataclasses import dataclass

import geopandas as gpd
import numpy as np
import pandas as pd
from numpy.typing import NDArray

from geo.labour.catchment import Catchments, catchment_pairs
from geo.labour.jobs import LabourUnits, site_jobs
from geo.labour.membership import membership_from_pairs

#: Competitors named per candidate (the count is always complete).
TOP_COMPETITORS = 5
#: Candidate rows per block when OR-ing bitsets (block × sites / 8 bytes).
_BLOCK_BYTES = 4_000_000


@dataclass(frozen=True)
class CandidateLabour:
    """Per candidate (row position): catchment figures, competitors; ``catchments`` for further sums.

    ``catchments.sites`` has ``site_id`` (the candidate's row position), ``jobs`` (the project's, when
    given) and the catchment columns; ``catchments.pairs`` the (``site_id``, ``code``) membership.
    """

    catchments: Catchments
    n_competing: NDArray[np.int64]
    competing_sites: list[list[str]]


def _unit_bitsets(
    site_pos: NDArray[np.int64], unit_pos: NDArray[np.int64], n_units: int, n_sites: int
) -> NDArray[np.uint8]:
    """Per unit, a bitset (little-endian bytes) of the sites that reach it."""
    width = max(1, (n_sites + 7) // 8)
    reach = np.zeros((n_units, width), dtype=np.uint8)
    if len(site_pos):
        bits = np.left_shift(np.uint8(1), (site_pos & 7).astype(np.uint8))
        np.bitwise_or.at(reach, (unit_pos, site_pos >> 3), bits)
    return reach


def competitors(
    cand_pos: NDArray[np.int64],
    cand_units: NDArray[np.int64],
    n_candidates: int,
    reach: NDArray[np.uint8],
    n_sites: int,
    top: int = TOP_COMPETITORS,
) -> tuple[NDArray[np.int64], NDArray[np.int64]]:
    """Per candidate: the number of sites sharing a unit, and the first ``top`` of them by bit (−1 pads).

    ``cand_pos``/``cand_units`` are catchment pairs sorted by candidate; ``reach`` the unit bitsets.
    """
    counts = np.zeros(n_candidates, dtype=np.int64)
    first = np.full((n_candidates, top), -1, dtype=np.int64)
    if len(cand_pos) == 0 or n_sites == 0:
        return counts, first
    starts = np.flatnonzero(np.r_[True, cand_pos[1:] != cand_pos[:-1]])
    bounds = np.r_[starts, len(cand_pos)]
    block = max(1, _BLOCK_BYTES // max(1, n_sites))
    for k in range(0, len(starts), block):
        lo, hi = bounds[k], bounds[min(k + block, len(starts))]
        rows = np.bitwise_or.reduceat(reach[cand_units[lo:hi]], starts[k : k + block] - lo, axis=0)
        who = cand_pos[starts[k : k + block]]
        counts[who] = np.bitwise_count(rows).sum(axis=1, dtype=np.int64)
        flags = np.unpackbits(rows, axis=1, bitorder="little")[:, :n_sites].astype(bool)
        rank = np.cumsum(flags, axis=1, dtype=np.int32)
        r, c = np.nonzero(flags & (rank <= top))
        first[who[r], rank[r, c] - 1] = c
    return counts, first


def _jobs_order(sites: pd.DataFrame, labour_units: LabourUnits | None) -> NDArray[np.int64]:
    """Site positions by jobs (disclosed or estimated), most first; unknown last; ties by position."""
    jobs = pd.to_numeric(site_jobs(sites, labour_units)["jobs"], errors="coerce").to_numpy(dtype=float)
    return np.lexsort((np.arange(len(jobs)), -np.nan_to_num(jobs, nan=-np.inf)))


def candidate_labour(
    candidates: gpd.GeoDataFrame,
    units: gpd.GeoDataFrame,
    sites: gpd.GeoDataFrame,
    radius_km: float,
    jobs: float | None = None,
    labour_units: LabourUnits | None = None,
) -> CandidateLabour:
    """Catchment working age and population per candidate, and the pipeline sites competing for it.

    Parameters
    ----------
    candidates
        Candidate points (EPSG:4326), in rank-free row order.
    units
        Census units at their representative points (``geo.labour.data.municipal_units()``).
    sites
        Every pipeline site (EPSG:4326; so competitors across a border count).
    radius_km
        Commuting radius (straight line, JGD2011 UTM).
    jobs
        The project's jobs, for ``jobs_per_1000_working_age`` (None: not given).
    labour_units
        原単位 for the sites' estimated jobs (default ``data/labour_units.toml``).
    """
    n = len(candidates)
    c_pos, c_units = catchment_pairs(candidates.geometry, units, radius_km) if n else (np.empty(0, np.int64),) * 2
    wa = units["working_age"].to_numpy(dtype=float)
    pop = units["population"].to_numpy(dtype=float)
    known = np.isfinite(wa)
    table = pd.DataFrame({"site_id": np.arange(n), "jobs": np.nan if jobs is None else float(jobs)})
    table["catchment_population"] = np.bincount(c_pos, weights=np.nan_to_num(pop)[c_units], minlength=n)
    table["catchment_working_age"] = np.bincount(c_pos, weights=np.where(known, wa, 0.0)[c_units], minlength=n)
    table["catchment_munis"] = np.bincount(c_pos, minlength=n).astype(int)
    table["catchment_munis_unknown"] = np.bincount(c_pos, weights=(~known)[c_units].astype(float), minlength=n).astype(
        int
    )
    denom = table["catchment_working_age"].where(table["catchment_working_age"] > 0)
    table["jobs_per_1000_working_age"] = table["jobs"] / denom * 1000.0
    located = sites[~(sites.geometry.is_empty | sites.geometry.isna())].reset_index(drop=True) if len(sites) else sites
    order = _jobs_order(located, labour_units) if len(located) else np.empty(0, np.int64)
    s_pos, s_units = (
        catchment_pairs(located.geometry, units, radius_km) if len(located) else (np.empty(0, np.int64),) * 2
    )
    bit_of = np.empty(len(order), dtype=np.int64)
    bit_of[order] = np.arange(len(order))
    reach = _unit_bitsets(bit_of[s_pos], s_units, len(units), len(order))
    counts, first = competitors(c_pos, c_units, n, reach, len(order))
    names = located["name"].astype(str).to_numpy(dtype=object)[order] if len(order) else np.empty(0, dtype=object)
    named = [[str(names[b]) for b in row if b >= 0] for row in first.tolist()]
    gdf = gpd.GeoDataFrame(table, geometry=candidates.geometry.values, crs=candidates.crs)
    by_site = np.lexsort((c_units, c_pos))  # membership_from_pairs wants pairs sorted by site, then unit
    member = membership_from_pairs(n, c_pos[by_site], c_units[by_site], len(units))
    codes = units["code"].astype(str).to_numpy(dtype=object)
    return CandidateLabour(Catchments(gdf, member, codes, radius_km), counts, named)

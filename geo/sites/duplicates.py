"""The one duplicate rule: two sites with the same ``name_key`` name within ``DUPLICATE_DISTANCE_M`` metres.

Used by the store before every ``add`` (nothing is written if a row duplicates) and by the import
page to show which rows would be refused. Distances are measured in the JGD2011 UTM zone
(``geo.crs.metric_crs``) of the candidates' median longitude.

Names are compared first, distances second, so memory and time grow with the number of rows, never
with the number of near pairs: 10,000 differently named rows at one point are 10,000 names, not 10^8
pairs. Points are bucketed in a grid of ``distance_m`` cells keyed by name; a point's same-name
neighbours within ``distance_m`` lie in its own or the 8 surrounding cells of that name.

* Stored sites: one join of the candidates on (name, cell ± 1) with the stored sites of those names.
  The store keeps the rule itself, so a cell holds a handful of sites of one name.
* Earlier rows of the file: only rows whose name occurs more than once are looked at, in file order,
  against the rows already kept in the 9 cells. Kept rows of one name are more than ``distance_m``
  apart, so a cell holds at most 4 of them and each row costs at most 36 distance tests — also for
  10,000 rows of one name at one point.
"""

from __future__ import annotations

import math

import geopandas as gpd
import numpy as np
import pandas as pd

from geo.crs import metric_crs
from geo.io.reasons import Reason
from geo.text import clip, name_key, per_distinct

#: Two sites with the same name closer than this (inclusive) are the same site.
DUPLICATE_DISTANCE_M = 500.0
_NONE = np.iinfo(np.int64).max
_AROUND = [(dx, dy) for dx in (-1, 0, 1) for dy in (-1, 0, 1)]


def _cells(xy: np.ndarray, size: float) -> np.ndarray:
    """Grid cell (column, row) of each metric point, for cells of ``size`` metres."""
    return np.floor(xy / size).astype(np.int64)


def _metric_xy(points: gpd.GeoSeries, crs: object) -> np.ndarray:
    """(x, y) in metres of each point (NaN for a missing one, which then matches nothing)."""
    metric = points.to_crs(crs)
    return np.column_stack([metric.x.to_numpy(dtype=float), metric.y.to_numpy(dtype=float)])


def _first_stored(
    xy: np.ndarray, codes: np.ndarray, old_xy: np.ndarray, old_codes: np.ndarray, distance_m: float
) -> np.ndarray:
    """Per candidate the lowest stored position with the same name within ``distance_m``, -1 if none."""
    first = np.full(len(xy), _NONE, dtype=np.int64)
    cand, old = np.flatnonzero(np.isin(codes, old_codes)), np.flatnonzero(np.isin(old_codes, codes))
    if len(cand) == 0:
        return np.full(len(xy), -1, dtype=np.int64)
    cells, old_cells = _cells(xy[cand], distance_m), _cells(old_xy[old], distance_m)
    stored = pd.DataFrame({"code": old_codes[old], "cx": old_cells[:, 0], "cy": old_cells[:, 1], "j": old})
    for dx, dy in _AROUND:
        query = pd.DataFrame({"code": codes[cand], "cx": cells[:, 0] + dx, "cy": cells[:, 1] + dy, "i": cand})
        pairs = query.merge(stored, on=["code", "cx", "cy"])
        i, j = pairs["i"].to_numpy(), pairs["j"].to_numpy()
        near = np.hypot(*(xy[i] - old_xy[j]).T) <= distance_m
        np.minimum.at(first, i[near], j[near])
    return np.where(first == _NONE, -1, first)


def _kept_in_file(xy: np.ndarray, codes: np.ndarray, kept: np.ndarray, distance_m: float) -> np.ndarray:
    """Rows (in file order) within ``distance_m`` of an earlier kept row of the same name; ``kept`` is updated."""
    repeated = kept & (np.bincount(codes, weights=kept, minlength=codes.max(initial=0) + 1)[codes] > 1)
    cells = _cells(xy, distance_m)
    grid: dict[tuple[int, int, int], list[tuple[float, float]]] = {}
    dup = np.zeros(len(xy), dtype=bool)
    for pos in np.flatnonzero(repeated):
        code, cx, cy = int(codes[pos]), int(cells[pos, 0]), int(cells[pos, 1])
        x, y = float(xy[pos, 0]), float(xy[pos, 1])
        if any(
            math.hypot(x - ox, y - oy) <= distance_m
            for dx, dy in _AROUND
            for ox, oy in grid.get((code, cx + dx, cy + dy), ())
        ):
            dup[pos] = True
            kept[pos] = False
        else:
            grid.setdefault((code, cx, cy), []).append((x, y))
    return dup


def find_duplicates(
    candidates: gpd.GeoDataFrame, existing: gpd.GeoDataFrame, distance_m: float = DUPLICATE_DISTANCE_M
) -> pd.Series:
    """Per candidate: why it duplicates a stored site or an earlier candidate (None if it does not).

    Parameters
    ----------
    candidates
        Sites to add (``name`` + point geometry, any CRS), in file order.
    existing
        Stored active sites (``site_id``, ``name``, point geometry); may be empty.
    distance_m
        Same name within this many metres (inclusive) = the same site.

    Returns
    -------
    pandas.Series
        A ``geo.io.reasons.Reason`` per candidate (index of ``candidates``): ``duplicate_existing``
        (the first stored site by position in ``existing``), else ``duplicate_in_file`` (an earlier
        candidate that is not itself a duplicate); None if neither.
    """
    out = np.full(len(candidates), None, dtype=object)
    if candidates.empty:
        return pd.Series(out, index=candidates.index, dtype=object)
    crs = metric_crs(float(candidates.geometry.x.median()))
    xy = _metric_xy(candidates.geometry, crs)
    old_names = existing["name"] if not existing.empty else pd.Series([], dtype=object)
    names = pd.concat([candidates["name"], old_names], ignore_index=True).astype(object)
    codes_all, _ = pd.factorize(per_distinct(names, lambda u: u.map(name_key)))
    codes, old_codes = codes_all[: len(candidates)], codes_all[len(candidates) :]
    stored = np.full(len(candidates), -1, dtype=np.int64)
    if not existing.empty:
        old_xy = _metric_xy(existing.geometry, crs)
        stored = _first_stored(xy, codes, old_xy, old_codes, distance_m)
    for pos in np.flatnonzero(stored >= 0):
        sid, name = existing["site_id"].iloc[stored[pos]], existing["name"].iloc[stored[pos]]
        out[pos] = Reason.of("duplicate_existing", site_id=int(sid), name=clip(name, 60), distance_m=float(distance_m))
    in_file = _kept_in_file(xy, codes, stored < 0, distance_m)
    out[in_file] = Reason.of("duplicate_in_file", distance_m=float(distance_m))
    return pd.Series(out, index=candidates.index, dtype=object)

"""The one duplicate rule: two sites with the same ``name_key`` name within ``DUPLICATE_DISTANCE_M`` metres.

Used by the store before every ``add`` (nothing is written if a row duplicates) and by the import
page to show which rows would be refused. Distances are measured in the JGD2011 UTM zone
(``geo.crs.metric_crs``) of the candidates' median longitude; near pairs come from a spatial index
query (``dwithin``), so the cost grows with the number of near pairs, not with candidates × sites.
"""

from __future__ import annotations

import geopandas as gpd
import numpy as np
import pandas as pd

from geo.crs import metric_crs
from geo.io.reasons import Reason
from geo.text import clip, name_key

#: Two sites with the same name closer than this (inclusive) are the same site.
DUPLICATE_DISTANCE_M = 500.0


def near_same_name(
    points: gpd.GeoSeries, keys: np.ndarray, other_points: gpd.GeoSeries, other_keys: np.ndarray, distance_m: float
) -> tuple[np.ndarray, np.ndarray]:
    """Positional pairs (i in ``points``, j in ``other_points``) with equal keys within ``distance_m``.

    Parameters
    ----------
    points, other_points
        Points in the same metric CRS (metres).
    keys, other_keys
        ``name_key`` of each point's name, aligned with the points.
    distance_m
        Largest distance (inclusive) in metres.

    Returns
    -------
    (i, j)
        Integer arrays of equal length, sorted by ``i`` then ``j``.
    """
    if points.crs is None or not points.crs.equals(other_points.crs) or not points.crs.is_projected:
        raise ValueError(f"both point sets must be in one metric CRS, got {points.crs} and {other_points.crs}")
    if len(points) == 0 or len(other_points) == 0:
        return np.empty(0, dtype=np.int64), np.empty(0, dtype=np.int64)
    i, j = other_points.sindex.query(points.to_numpy(), predicate="dwithin", distance=distance_m)
    same = keys[i] == other_keys[j]
    i, j = i[same], j[same]
    order = np.lexsort((j, i))
    return i[order], j[order]


def _first_stored(i: np.ndarray, j: np.ndarray, n: int) -> np.ndarray:
    """Per candidate the lowest stored position it duplicates, -1 if none."""
    first = np.full(n, np.iinfo(np.int64).max, dtype=np.int64)
    np.minimum.at(first, i, j)
    return np.where(first == np.iinfo(np.int64).max, -1, first)


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
    reasons = pd.Series(None, index=candidates.index, dtype=object)
    if candidates.empty:
        return reasons
    crs = metric_crs(float(candidates.geometry.x.median()))
    pts = candidates.geometry.to_crs(crs)
    keys = candidates["name"].map(name_key).to_numpy(dtype=object)
    stored = np.full(len(candidates), -1, dtype=np.int64)
    if not existing.empty:
        old_keys = existing["name"].map(name_key).to_numpy(dtype=object)
        i, j = near_same_name(pts, keys, existing.geometry.to_crs(crs), old_keys, distance_m)
        stored = _first_stored(i, j, len(candidates))
    i, j = near_same_name(pts, keys, pts, keys, distance_m)
    earlier = j < i
    i, j = i[earlier], j[earlier]  # sorted by i, then j
    out = np.full(len(candidates), None, dtype=object)
    for pos in np.flatnonzero(stored >= 0):
        sid, name = existing["site_id"].iloc[stored[pos]], existing["name"].iloc[stored[pos]]
        out[pos] = Reason.of("duplicate_existing", site_id=int(sid), name=clip(name, 60), distance_m=float(distance_m))
    # A row is kept unless it duplicates a stored site or an earlier kept row; only rows with an
    # earlier same-name neighbour need the sequential check (their neighbours are decided first).
    kept = stored < 0
    starts = np.flatnonzero(np.r_[True, i[1:] != i[:-1]]) if len(i) else np.empty(0, dtype=np.int64)
    for start, end in zip(starts, [*starts[1:], len(i)]):
        pos = i[start]
        if kept[pos] and kept[j[start:end]].any():
            kept[pos] = False
            out[pos] = Reason.of("duplicate_in_file", distance_m=float(distance_m))
    return pd.Series(out, index=candidates.index, dtype=object)

"""geo.sites.duplicates: the one duplicate rule (same name_key within DUPLICATE_DISTANCE_M), vectorised."""

from __future__ import annotations

import tracemalloc
from collections.abc import Callable

import geopandas as gpd
import numpy as np
import pandas as pd
import pytest
from shapely import Point

from geo.crs import CRS_STORE, metric_crs
from geo.io.reasons import Reason
from geo.sites.duplicates import DUPLICATE_DISTANCE_M, find_duplicates
from geo.text import name_key
from i18n.reasons import reason_text

ORIGIN = (130.8, 32.9)  # inland Kumamoto; JGD2011 UTM zone 52
METRIC = metric_crs(ORIGIN[0])


def sites_east(names: list[str], metres: list[float], site_ids: list[int] | None = None) -> gpd.GeoDataFrame:
    """Sites named ``names`` at ``metres`` east of ``ORIGIN`` (measured in the metric CRS), in EPSG:4326."""
    origin = gpd.GeoSeries([Point(*ORIGIN)], crs=CRS_STORE).to_crs(METRIC).iloc[0]
    pts = gpd.GeoSeries([Point(origin.x + m, origin.y) for m in metres], crs=METRIC).to_crs(CRS_STORE)
    frame = pd.DataFrame({"name": names})
    if site_ids is not None:
        frame.insert(0, "site_id", site_ids)
    return gpd.GeoDataFrame(frame, geometry=pts.to_numpy(), crs=CRS_STORE)


def test_the_distance_is_500_m_inclusive() -> None:
    assert DUPLICATE_DISTANCE_M == 500.0
    existing = sites_east(["JASM 熊本"], [0.0], site_ids=[7])
    reasons = find_duplicates(sites_east(["JASM 熊本", "JASM 熊本"], [499.0, 501.0]), existing)
    assert reasons.tolist() == [Reason.of("duplicate_existing", site_id=7, name="JASM 熊本", distance_m=500.0), None]
    assert reason_text(reasons.iloc[0], "en") == "duplicate of existing site #7 'JASM 熊本' (same name within 500 m)"
    assert (
        reason_text(reasons.iloc[0], "ja") == "登録済みの候補地 #7「JASM 熊本」と重複しています（500 m 以内に同じ名称）"
    )


@pytest.mark.parametrize("variant", ["ＪＡＳＭ 熊本", "jasm熊本", " Jasm  熊本 ", "ＪＡＳＭ　熊本"])
def test_width_case_and_space_variants_are_the_same_name(variant: str) -> None:
    existing = sites_east(["JASM 熊本", "JASM 菊陽"], [0.0, 10.0], site_ids=[1, 2])
    found = find_duplicates(sites_east([variant], [100.0]), existing).iloc[0]
    assert found.code == "duplicate_existing" and found.args["site_id"] == 1
    assert find_duplicates(sites_east(["JASM 大津"], [100.0]), existing).tolist() == [None]


def test_duplicates_within_one_file() -> None:
    # row 2 repeats row 1 (499 m); row 3 is 499 m from row 2 (itself a duplicate) but 998 m from row 1: kept;
    # row 4 repeats row 3; row 5 has another name at the same place.
    candidates = sites_east(["Ａ工場", "a工場", "A 工場", "A工場", "B工場"], [0.0, 499.0, 998.0, 1000.0, 0.0])
    candidates.index = [10, 11, 12, 13, 14]
    earlier = Reason.of("duplicate_in_file", distance_m=500.0)
    reasons = find_duplicates(candidates, sites_east([], [], site_ids=[]))
    assert reasons.to_dict() == {10: None, 11: earlier, 12: None, 13: earlier, 14: None}
    assert reason_text(earlier, "en") == "duplicate of an earlier row in this file (same name within 500 m)"


def test_a_stored_site_wins_over_an_earlier_row_and_the_first_stored_site_is_named() -> None:
    existing = sites_east(["Mill", "Mill"], [300.0, 0.0], site_ids=[5, 3])
    reasons = find_duplicates(sites_east(["mill", "MILL"], [0.0, 10.0]), existing)
    assert reasons.tolist() == [Reason.of("duplicate_existing", site_id=5, name="Mill", distance_m=500.0)] * 2


def _reference(candidates: gpd.GeoDataFrame, existing: gpd.GeoDataFrame, distance_m: float) -> list[str]:
    """The rule as a plain O(n·m) loop (the earlier implementation), to check the vectorised one against."""
    crs = metric_crs(float(candidates.geometry.x.median()))
    old_pts, new_pts = existing.geometry.to_crs(crs), candidates.geometry.to_crs(crs)
    old_keys = [name_key(n) for n in existing["name"]]
    out, kept = [], []
    for pos, (name, here) in enumerate(zip(candidates["name"], new_pts)):
        key = name_key(name)
        near = [k for k, (ok, pt) in enumerate(zip(old_keys, old_pts)) if ok == key and pt.distance(here) <= distance_m]
        if near:
            sid, old = existing["site_id"].iloc[near[0]], existing["name"].iloc[near[0]]
            out.append(f"duplicate of existing site #{sid} '{old}' (same name within {distance_m:.0f} m)")
        elif any(k == key and pt.distance(here) <= distance_m for k, pt in kept):
            out.append(f"duplicate of an earlier row in this file (same name within {distance_m:.0f} m)")
        else:
            out.append("")
            kept.append((key, here))
        assert len(out) == pos + 1
    return out


def sites_at(names: list[str], east: np.ndarray, north: np.ndarray) -> gpd.GeoDataFrame:
    """Sites named ``names`` at (``east``, ``north``) metres from ``ORIGIN`` in the metric CRS, in EPSG:4326."""
    origin = gpd.GeoSeries([Point(*ORIGIN)], crs=CRS_STORE).to_crs(METRIC).iloc[0]
    pts = gpd.GeoSeries(gpd.points_from_xy(origin.x + east, origin.y + north), crs=METRIC).to_crs(CRS_STORE)
    return gpd.GeoDataFrame({"name": names}, geometry=pts.to_numpy(), crs=CRS_STORE)


@pytest.mark.parametrize(("seed", "spread_m"), [(42, 3000.0), (7, 1200.0), (3, 800.0)])
def test_same_decisions_as_the_plain_loop_on_random_sites(seed: int, spread_m: float) -> None:
    """Random sites in a square (many chains of near same-name rows), decided as the plain loop decides."""
    rng = np.random.default_rng(seed)
    names = ["alpha", "ＡＬＰＨＡ", "beta", "Beta ", "gamma", "al\u200bpha"]

    def random_sites(n: int, with_ids: bool) -> gpd.GeoDataFrame:
        east, north = rng.uniform(0, spread_m, n), rng.uniform(0, spread_m, n)
        frame = sites_at([names[k] for k in rng.integers(0, len(names), n)], east, north)
        if with_ids:
            frame.insert(0, "site_id", np.arange(100, 100 + n))
        return frame

    candidates, existing = random_sites(200, False), random_sites(8, True)
    found = [reason_text(r, "en") if r is not None else "" for r in find_duplicates(candidates, existing)]
    assert found == _reference(candidates, existing, DUPLICATE_DISTANCE_M)
    assert "" in found  # every decision is exercised: kept, duplicate of a stored site, of an earlier row
    assert any(f.startswith("duplicate of existing") for f in found)
    assert any(f.startswith("duplicate of an earlier") for f in found)


def _peak_bytes(fn: Callable[[], object]) -> tuple[object, int]:
    """``fn()`` and the peak of memory allocated meanwhile (Python and numpy, which reports to tracemalloc)."""
    tracemalloc.start()
    try:
        result = fn()
        return result, tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()


def test_memory_is_linear_in_the_rows_at_one_point() -> None:
    """Issue 23 item 4: n differently named rows at one point (and n stored there) cost O(n), not n² pairs.

    The earlier rule listed every pair within 500 m before comparing names: 4,000 rows at one point were
    16 million pairs (over 250 MB); 10,000 rows took 3.3 GB, 30,000 crashed the process.
    """
    zero = np.zeros(4000)
    candidates = sites_at([f"site {i}" for i in range(4000)], zero, zero)
    existing = sites_at([f"stored {i}" for i in range(4000)], zero, zero)
    existing.insert(0, "site_id", np.arange(4000))
    small, small_peak = _peak_bytes(lambda: find_duplicates(candidates.iloc[:1000], existing.iloc[:1000]))
    found, peak = _peak_bytes(lambda: find_duplicates(candidates, existing))
    assert found.isna().all() and small.isna().all()
    assert peak < 20 * 2**20, f"{peak / 2**20:.1f} MB for 4,000 rows at one point"
    assert peak < 6 * small_peak, f"4x the rows took {peak / small_peak:.1f}x the memory"


def test_many_rows_of_one_name_at_one_point_keep_only_the_first() -> None:
    zero = np.zeros(10_000)
    none = sites_at([], np.zeros(0), np.zeros(0))
    found, peak = _peak_bytes(lambda: find_duplicates(sites_at(["同名"] * 10_000, zero, zero), none))
    assert found.iloc[0] is None
    assert (found.iloc[1:] == Reason.of("duplicate_in_file", distance_m=500.0)).all()
    assert peak < 20 * 2**20, f"{peak / 2**20:.1f} MB for 10,000 rows of one name at one point"

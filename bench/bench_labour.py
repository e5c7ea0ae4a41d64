"""Benchmark: labour catchments, vectorised (geo.labour.catchment) vs a naive per-site loop.

Real census units (1,890 municipalities / wards with representative points, ``data/population``) and
real schools; N synthetic sites placed near random municipalities (within ~5 km of their points, so
the density follows the settlement pattern, as real pipelines do). The vectorised path is the
production code ``site_catchments``: one STRtree ``dwithin`` per UTM zone, catchments kept once per
distinct set (``geo.labour.membership``), sums per set, competitors counted with bitsets over the sets and
the five with the most jobs found in windows of sites (``geo.labour.competition``). The naive path loops
over sites: distances to every municipality point in the site's UTM zone, Python sets, and competitors
through an inverted index municipality → sites. Answers must be identical (catchment working age,
municipality count, 高専/大学 counts, the number of competing sites and the five named, most jobs first).

Both run on all sites, best of ``--repeat`` runs each (the machine may be shared); ``--compare N`` checks
the answers of N random sites (default all). Run: ``.venv/bin/python bench/bench_labour.py [--sites 10000]``.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

import geopandas as gpd  # noqa: E402
import numpy as np  # noqa: E402
import pandas as pd  # noqa: E402

from geo.crs import JGD2011_UTM, utm_zones  # noqa: E402
from geo.labour import data  # noqa: E402
from geo.labour.catchment import catchment_pairs, school_counts, site_catchments  # noqa: E402
from geo.labour.jobs import load_labour_units  # noqa: E402

FIELDS = ["ai_semiconductor", "materials", "energy_gx", "shipbuilding", "agri_food"]


def synthetic_sites(units: gpd.GeoDataFrame, n: int, seed: int) -> gpd.GeoDataFrame:
    """Sites near random municipality points (±0.05°), with jobs / investment / neither."""
    rng = np.random.default_rng(seed)
    pick = rng.integers(0, len(units), n)
    lon = units.geometry.x.to_numpy()[pick] + rng.uniform(-0.05, 0.05, n)
    lat = units.geometry.y.to_numpy()[pick] + rng.uniform(-0.05, 0.05, n)
    kind = rng.integers(0, 3, n)
    return gpd.GeoDataFrame(
        {
            "site_id": np.arange(1, n + 1),
            "name": [f"site {i}" for i in range(n)],
            "field": rng.choice(FIELDS, n),
            "status": "planned",
            "pref_code": units["pref_code"].to_numpy()[pick],
            "jobs": np.where(kind == 0, rng.integers(50, 2000, n), np.nan),
            "investment_oku_yen": np.where(kind == 1, rng.integers(10, 5000, n), np.nan),
        },
        geometry=gpd.points_from_xy(lon, lat),
        crs="EPSG:4326",
    )


def naive(sites: gpd.GeoDataFrame, units: gpd.GeoDataFrame, schools: pd.DataFrame, radius_km: float, subset):
    """Per-site loop; municipality points projected once per zone (not timed). Returns (answers, seconds)."""
    radius_m = radius_km * 1000.0
    wa = units["working_age"].to_numpy(dtype=float)
    counts = school_counts(schools, units)
    zones = utm_zones(sites.geometry.x.to_numpy())
    projected = {}
    for z in np.unique(zones):
        crs = JGD2011_UTM[int(z)]
        u = units.geometry.to_crs(crs)
        s = sites.geometry.to_crs(crs)
        projected[z] = (u.x.to_numpy(), u.y.to_numpy(), s.x.to_numpy(), s.y.to_numpy())
    t0 = time.perf_counter()
    members: list[set[int]] = []
    for i in range(len(sites)):  # every site's catchment is needed to find competitors
        ux, uy, sx, sy = projected[zones[i]]
        d = np.sqrt((ux - sx[i]) ** 2 + (uy - sy[i]) ** 2)
        members.append({int(j) for j in np.flatnonzero(d <= radius_m)})
    t_members = time.perf_counter() - t0
    by_unit: dict[int, list[int]] = {}
    for i, ms in enumerate(members):
        for j in ms:
            by_unit.setdefault(j, []).append(i)
    competitors: list[set[int]] = []
    for i, ms in enumerate(members):  # the competitors of every site
        rivals: set[int] = set()
        for j in ms:
            rivals.update(by_unit[j])
        rivals.discard(i)
        competitors.append(rivals)
    elapsed = time.perf_counter() - t0
    out = {}
    for i in subset:
        ms = members[i]
        out[i] = (
            float(np.nansum(wa[list(ms)])) if ms else 0.0,
            len(ms),
            int(sum(counts["kosen"][j] for j in ms)),
            int(sum(counts["universities"][j] for j in ms)),
            competitors[i],
        )
    return out, elapsed, t_members


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sites", type=int, default=10_000)
    parser.add_argument("--radius-km", type=float, default=30.0)
    parser.add_argument("--compare", type=int, default=10_000, help="sites whose answers are compared")
    parser.add_argument("--seed", type=int, default=42)
    parser.add_argument("--repeat", type=int, default=3, help="runs of each; the best time counts")
    args = parser.parse_args()

    units, schools, lu = data.municipal_units(), data.schools(), load_labour_units()
    sites = synthetic_sites(units, args.sites, args.seed)
    print(f"{args.sites:,} sites × {len(units):,} municipalities, radius {args.radius_km:g} km; best of {args.repeat}")

    t_vec = np.inf
    for _ in range(args.repeat):
        t0 = time.perf_counter()
        catch = site_catchments(sites, units, schools, args.radius_km, lu)
        t_vec = min(t_vec, time.perf_counter() - t0)
    table = catch.sites
    print(
        f"vectorised site_catchments: {t_vec:8.3f} s  ({len(catch.pairs):,} site×municipality pairs, "
        f"{int(table['n_competing'].sum()) // 2:,} competing pairs)"
    )
    subset = np.sort(np.random.default_rng(args.seed + 1).choice(args.sites, min(args.compare, args.sites), False))
    t_naive = t_naive_catch = t_pairs = np.inf
    for _ in range(args.repeat):
        answers, elapsed, elapsed_catch = naive(sites, units, schools, args.radius_km, subset)
        t_naive, t_naive_catch = min(t_naive, elapsed), min(t_naive_catch, elapsed_catch)
        t0 = time.perf_counter()
        catchment_pairs(sites.geometry, units, args.radius_km)
        t_pairs = min(t_pairs, time.perf_counter() - t0)
    print(f"naive per-site loop:        {t_naive:8.3f} s  (all {args.sites:,} catchments and competitor lists)")
    print(f"  catchments only: vectorised catchment_pairs {t_pairs:.3f} s vs naive loop {t_naive_catch:.3f} s")
    bad = 0
    names, jobs = sites["name"].tolist(), table["jobs"].to_numpy(dtype=float)
    for i in subset:
        wa, n, kosen, univ, rivals = answers[i]
        row = table.iloc[i]
        # the named competitors: the five with the most jobs (unknown last, then by row)
        top = sorted(rivals, key=lambda k: (not np.isfinite(jobs[k]), -np.nan_to_num(jobs[k]), k))[:5]
        same = (
            abs(row["catchment_working_age"] - wa) <= 1e-6 * max(1.0, wa)
            and row["catchment_munis"] == n
            and row["kosen"] == kosen
            and row["universities"] == univ
            and row["n_competing"] == len(rivals)
            and list(row["competing_sites"]) == [names[k] for k in top]
        )
        bad += not same
    print(f"identical answers on {len(subset):,} compared sites: {bad == 0} ({bad} differ)")
    print(f"speed-up: {t_naive / t_vec:,.1f}×")
    return 0 if bad == 0 else 1


if __name__ == "__main__":
    sys.exit(main())

"""Benchmark: infrastructure-gap distances, vectorised (geo.analysis.gaps) vs a naive per-site loop.

Synthetic data in Kyushu's bbox: N random sites and M random short line features (2–4 vertices,
up to ~3 km long). The vectorised path is the production code: ``geo.analysis.gaps.infrastructure_gaps`` with
the lines as the expressway-IC layer (projection per UTM zone, one STRtree nearest query per zone,
coverage and status), and ``geo.analysis.gaps.kind_distances`` for the raw distances. The naive path loops over
sites in Python and takes the minimum of ``shapely.distance`` to every feature, in the same UTM zone.
Answers must be identical (nearest distance within 1e-6 m, same ok/gap status); target speed-up ≥ 50×.

The naive loop over all sites takes minutes, so by default it runs on a random subset and its time is
extrapolated linearly to N (said in the output); ``--naive-sites N`` runs it on all of them.
Run: ``.venv/bin/python bench/bench_gaps.py [--sites 10000] [--features 100000] [--naive-sites 300]``.
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
import shapely  # noqa: E402

from geo.analysis.gaps import classify, infrastructure_gaps, kind_distances  # noqa: E402
from geo.analysis.requirements import KINDS, parse_requirements  # noqa: E402
from geo.crs import by_zone  # noqa: E402

KYUSHU = (129.4, 30.9, 132.3, 34.3)
LIMIT_KM = 0.5  # small enough that both ok and gap occur with ~1 line per km²


def synthetic(n_sites: int, n_features: int, seed: int) -> tuple[gpd.GeoDataFrame, gpd.GeoDataFrame]:
    """Random sites and random short lines (EPSG:4326) in Kyushu's bbox."""
    rng = np.random.default_rng(seed)
    w, s, e, n = KYUSHU
    sites = gpd.GeoDataFrame(
        {
            "name": [f"site {i}" for i in range(n_sites)],
            "field": "ai_semiconductor",
            "site_id": np.arange(1, n_sites + 1),
        },
        geometry=gpd.points_from_xy(rng.uniform(w, e, n_sites), rng.uniform(s, n, n_sites)),
        crs=4326,
    )
    n_vertices = 4
    start = np.column_stack([rng.uniform(w, e, n_features), rng.uniform(s, n, n_features)])
    steps = rng.uniform(-0.01, 0.01, (n_features, n_vertices - 1, 2))  # ~1 km per step
    coords = np.concatenate([start[:, None, :], start[:, None, :] + np.cumsum(steps, axis=1)], axis=1)
    lines = gpd.GeoDataFrame(
        {"name": np.arange(n_features).astype(str)}, geometry=shapely.linestrings(coords), crs=4326
    )
    return sites, lines


def naive_distances_m(sites: gpd.GeoDataFrame, lines: gpd.GeoDataFrame) -> tuple[np.ndarray, float]:
    """Per-site loop: distance to every feature, minimum; lines projected once per zone (not timed)."""
    out = np.full(len(sites), np.nan)
    elapsed = 0.0
    for crs, idx in by_zone(sites.geometry):
        feats = lines.geometry.to_crs(crs).values
        pts = sites.geometry.iloc[idx].to_crs(crs).values
        t0 = time.perf_counter()
        for k, pt in zip(idx, pts, strict=True):
            out[k] = shapely.distance(pt, feats).min()
        elapsed += time.perf_counter() - t0
    return out, elapsed


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sites", type=int, default=10_000)
    parser.add_argument("--features", type=int, default=100_000)
    parser.add_argument("--naive-sites", type=int, default=300, help="sites timed in the naive loop (subset)")
    parser.add_argument("--seed", type=int, default=42)
    args = parser.parse_args()

    sites, lines = synthetic(args.sites, args.features, args.seed)
    cover = shapely.box(*KYUSHU).buffer(1.0)  # data cover all of Kyushu and beyond: no unknowns
    layers = {"expressway_ic": (lines, cover)}
    reqs = parse_requirements(
        {"profiles": {"default": {**{k: "not required" for k in KINDS}, "expressway_ic": LIMIT_KM}}}, "bench"
    )
    print(f"{args.sites:,} sites × {args.features:,} line features (synthetic, Kyushu bbox, JGD2011 UTM)")

    t0 = time.perf_counter()
    dist_km = kind_distances(sites, "expressway_ic", lines, cover)["distance_km"].to_numpy()
    t_core = time.perf_counter() - t0
    t0 = time.perf_counter()
    full = infrastructure_gaps(sites, reqs, layers=layers)
    t_full = time.perf_counter() - t0
    print(f"vectorised distances (kind_distances):        {t_core:8.3f} s for all {args.sites:,} sites")
    print(f"vectorised full gap analysis (statuses too):  {t_full:8.3f} s for all {args.sites:,} sites")

    n_naive = min(args.naive_sites, args.sites)
    subset = np.sort(np.random.default_rng(args.seed + 1).choice(args.sites, n_naive, replace=False))
    naive_m, t_naive = naive_distances_m(sites.iloc[subset], lines)
    per_site = t_naive / n_naive
    t_naive_all = per_site * args.sites
    label = "measured" if n_naive == args.sites else f"EXTRAPOLATED from {n_naive:,} random sites × {args.sites:,}"
    print(
        f"naive per-site loop: {t_naive:8.3f} s for {n_naive:,} sites ({per_site * 1000:.2f} ms/site); "
        f"all {args.sites:,} sites: {t_naive_all:.1f} s ({label})"
    )

    diff = np.abs(dist_km[subset] * 1000.0 - naive_m)
    naive_status = classify(naive_m / 1000.0, np.full(n_naive, LIMIT_KM), np.full(n_naive, np.inf))
    full_status = full.set_index("site_id").loc[sites["site_id"].to_numpy()[subset], "status"].to_numpy()
    same = bool(diff.max() <= 1e-6) and bool((naive_status == full_status).all())
    print(
        f"identical answers on the {n_naive:,} compared sites: {same} "
        f"(max |Δ distance| = {diff.max():.2e} m; statuses equal: {(naive_status == full_status).all()}; "
        f"gaps {int((full.status == 'gap').sum()):,} / ok {int((full.status == 'ok').sum()):,})"
    )
    speed_core, speed_full = t_naive_all / t_core, t_naive_all / t_full
    print(f"speed-up: {speed_core:,.0f}× (distances), {speed_full:,.0f}× (full analysis); target ≥ 50×")
    if not same:
        print("FAIL: answers differ", file=sys.stderr)
        return 1
    if speed_full < 50:
        print("FAIL: speed-up below 50×", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())

"""Benchmark: ``find_clusters`` on synthetic national site registers (10k and 100k sites).

Sites are random points inside Japan's municipalities (one random municipality per site, weighted by
area, then a random point in its bounding box kept if inside), 17 fields at random. Each size runs in a
fresh process so that the peak memory (ru_maxrss) belongs to that run alone.
Targets (issue 14): time(100k) / time(10k) ≤ 15, peak memory at 100k ≤ 800 MB.
Run: ``.venv/bin/python bench/bench_clusters.py [--sizes 10000 100000] [--threshold-km 30]``.
"""

from __future__ import annotations

import argparse
import json
import resource
import subprocess
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))


def synthetic_sites(n: int, seed: int = 7):
    import geopandas as gpd
    import numpy as np
    import shapely

    from geo import regions
    from geo.domain import FIELDS

    rng = np.random.default_rng(seed)
    munis = regions.municipalities().dropna(subset=["code"]).reset_index(drop=True)
    area = munis.to_crs(6690).area.to_numpy()
    out_x, out_y = [], []
    need = n
    while need > 0:
        pick = rng.choice(len(munis), size=need * 2, p=area / area.sum())
        b = munis.geometry.bounds.to_numpy()[pick]
        x, y = rng.uniform(b[:, 0], b[:, 2]), rng.uniform(b[:, 1], b[:, 3])
        inside = shapely.contains_xy(munis.geometry.values[pick], x, y)
        out_x += list(x[inside][:need])
        out_y += list(y[inside][:need])
        need = n - len(out_x)
    return gpd.GeoDataFrame(
        {"name": [f"site {i}" for i in range(n)], "field": rng.choice(list(FIELDS), n), "site_id": np.arange(1, n + 1)},
        geometry=gpd.points_from_xy(out_x, out_y),
        crs="EPSG:4326",
    )


def one(n: int, threshold_km: float) -> dict[str, float]:
    from geo.analysis.clusters import find_clusters

    sites = synthetic_sites(n)
    started = time.perf_counter()
    clusters = find_clusters(sites, threshold_km)
    seconds = time.perf_counter() - started
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    return {"sites": n, "seconds": round(seconds, 2), "peak_mb": round(peak_mb), "clusters": len(clusters)}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[10_000, 100_000])
    parser.add_argument("--threshold-km", type=float, default=30.0)
    parser.add_argument("--one", type=int, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.one:
        print(json.dumps(one(args.one, args.threshold_km)))
        return
    rows = []
    for n in args.sizes:
        cmd = [sys.executable, __file__, "--one", str(n), "--threshold-km", str(args.threshold_km)]
        rows.append(json.loads(subprocess.run(cmd, capture_output=True, text=True, check=True).stdout))
        print(
            f"{rows[-1]['sites']:>7} sites: {rows[-1]['seconds']:6.2f} s, peak {rows[-1]['peak_mb']} MB "
            f"(whole process, data included), {rows[-1]['clusters']} clusters"
        )
    if len(rows) >= 2:
        print(f"time ratio {rows[-1]['sites']}/{rows[0]['sites']}: {rows[-1]['seconds'] / rows[0]['seconds']:.1f}")


if __name__ == "__main__":
    main()

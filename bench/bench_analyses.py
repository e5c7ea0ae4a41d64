"""Benchmark: every site analysis on synthetic national site registers (10k and 100k sites).

Sites are ``bench_clusters.synthetic_sites`` (random points in Japan's municipalities, 17 fields),
located (prefecture, block), with random plan A/statuses, investment, jobs and land ha. On them, with
the committed infrastructure layers and the sample parcels, as ``geo.briefing`` and the CLI run them:

* ``gaps``: ``infrastructure_gaps`` (every required kind) + ``aggregate`` by prefecture + ``gap_matrix``;
* ``land``: ``land_balance`` + ``block_balance`` + ``parcels_within_reach`` (every site, 10 km);
* ``summary``: ``filter_sites`` (全国, two fields) + ``summarise``;
* ``clusters``: ``find_clusters`` (30 km; also in bench_clusters.py).

Each size runs in a fresh process, so the peak memory (ru_maxrss, whole process incl. data) is that
run's. Targets (issue 14): time(100k) / time(10k) ≤ 15 per analysis, peak at 100k ≤ 800 MB.
Wall and CPU seconds are printed; the ratio is of CPU seconds (stable on a shared machine).
Run: ``.venv/bin/python bench/bench_analyses.py [--sizes 10000 100000]``.
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
sys.path.insert(0, str(REPO / "bench"))

ANALYSES = ("gaps", "land", "summary", "clusters")


def national_sites(n: int):
    """``synthetic_sites`` with the columns the analyses read (pref_code, block, status, figures)."""
    import numpy as np
    from bench_clusters import synthetic_sites

    from geo.regions import locate_many

    sites = synthetic_sites(n)
    rng = np.random.default_rng(3)
    found = locate_many(sites.geometry.x.to_numpy(), sites.geometry.y.to_numpy())
    return sites.assign(
        plan_type="A",
        status=rng.choice(["planned", "construction", "operating", "concept"], n),
        pref_code=found["pref_code"].to_numpy(),
        block=found["block"].to_numpy(),
        investment_oku_yen=rng.integers(1, 500, n).astype(float),
        jobs=rng.integers(5, 900, n).astype(float),
        land_ha=np.where(rng.random(n) < 0.7, rng.uniform(0.5, 40, n), np.nan),
    )


def run(name: str, sites) -> int:
    """Run one analysis; returns the size of its main result (rows)."""
    if name == "gaps":
        from geo.analysis.gaps import aggregate, gap_matrix, infrastructure_gaps

        gaps = infrastructure_gaps(sites)
        aggregate(gaps, "pref_code")
        gap_matrix(gaps)
        return len(gaps)
    if name == "land":
        from geo.analysis import land
        from geo.analysis.land_balance import block_balance, land_balance, parcels_within_reach
        from geo.regions import resolve_region as resolve

        parcels = land.load_parcels(resolve("japan"), osm=False)
        block_balance(land_balance(parcels, sites, resolve("japan").pref_codes))
        return len(parcels_within_reach(sites[["site_id", "geometry"]], parcels, 10.0, id_column="site_id"))
    if name == "summary":
        from geo.regions import resolve_region as resolve
        from geo.sites.selection import filter_sites
        from geo.sites.summary import summarise

        filtered = filter_sites(sites, region=resolve("japan"), fields=["biotech", "ai_semiconductor"])
        summarise(sites)
        return len(summarise(filtered)["by_field_pref"])  # type: ignore[arg-type]
    from geo.analysis.clusters import find_clusters

    return len(find_clusters(sites, 30.0))


def one(n: int, name: str) -> dict[str, object]:
    sites = national_sites(n)
    run(name, sites.iloc[:200])  # warm caches (layers, boundaries, requirements) outside the timing
    usage = resource.getrusage(resource.RUSAGE_SELF)
    started, cpu0 = time.perf_counter(), usage.ru_utime + usage.ru_stime
    rows = run(name, sites)
    seconds = time.perf_counter() - started
    usage = resource.getrusage(resource.RUSAGE_SELF)
    cpu = usage.ru_utime + usage.ru_stime - cpu0
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    return {
        "analysis": name,
        "sites": n,
        "seconds": round(seconds, 2),
        "cpu_s": round(cpu, 2),
        "peak_mb": round(peak),
        "rows": rows,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[10_000, 100_000])
    parser.add_argument("--analyses", nargs="+", default=list(ANALYSES), choices=ANALYSES)
    parser.add_argument("--one", nargs=2, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.one:
        print(json.dumps(one(int(args.one[0]), args.one[1])))
        return
    print(f"{'analysis':<9} " + " ".join(f"{n:>29}" for n in args.sizes) + "   CPU ratio  peak(MB, largest)")
    for name in args.analyses:
        rows = []
        for n in args.sizes:
            cmd = [sys.executable, __file__, "--one", str(n), name]
            rows.append(json.loads(subprocess.run(cmd, capture_output=True, text=True, check=True).stdout))
        ratio = rows[-1]["cpu_s"] / max(rows[0]["cpu_s"], 1e-3)
        cells = " ".join(f"{r['seconds']:>6.2f} s ({r['cpu_s']:>6.2f} CPU) {r['rows']:>6}r" for r in rows)
        print(f"{name:<9} {cells}   {ratio:5.1f}  {rows[-1]['peak_mb']}", flush=True)


if __name__ == "__main__":
    main()

"""Benchmark: the issue-20 catchment sums (IPSS 2020–2050, manufacturing) added to ``site_catchments``.

``geo.labour.outlook.with_outlook`` sums per site over the catchment membership ``Catchments.pairs`` (bincount,
linear in the number of (site, unit) pairs). This measures it against the catchment step it follows, on N
synthetic sites near real municipality points (``bench_labour.synthetic_sites``), and the peak memory it
adds (tracemalloc). Run: ``.venv/bin/python bench/bench_outlook.py --sites 10000 100000``.
"""

from __future__ import annotations

import argparse
import sys
import time
import tracemalloc
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from bench.bench_labour import synthetic_sites  # noqa: E402
from geo.labour import data, outlook  # noqa: E402
from geo.labour.catchment import site_catchments  # noqa: E402
from geo.labour.jobs import load_labour_units  # noqa: E402


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--sites", type=int, nargs="+", default=[10_000])
    ap.add_argument("--radius-km", type=float, default=30.0)
    args = ap.parse_args()
    units, schools, lab = data.municipal_units(), data.schools(), load_labour_units()
    table = outlook.units_outlook()
    for n in args.sites:
        sites = synthetic_sites(units, n, seed=1)
        t0 = time.perf_counter()
        catch = site_catchments(sites, units, schools, args.radius_km, lab)
        t1 = time.perf_counter()
        out = outlook.with_outlook(catch, table)
        t2 = time.perf_counter()
        tracemalloc.start()  # a second run, traced (tracing slows it down)
        outlook.with_outlook(catch, table)
        peak = tracemalloc.get_traced_memory()[1]
        tracemalloc.stop()
        print(
            f"{n:>9,} sites, {len(catch.pairs):>11,} pairs: site_catchments {t1 - t0:6.2f} s, with_outlook "
            f"{t2 - t1:6.2f} s (traced peak {peak / 2**20:7.1f} MiB); 2050 sum of all sites "
            f"{out.sites['catchment_working_age_2050'].sum():,.0f}"
        )


if __name__ == "__main__":
    main()

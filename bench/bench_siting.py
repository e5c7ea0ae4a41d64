"""Benchmark: the siting search (立地候補探索) on all of Japan's municipalities and on 100,000 parcels.

Two scenarios, each in its own process so that its peak RSS is its own:

* ``munis``: region japan, no parcel loaded → every municipality (1,900) is a candidate;
* ``parcels``: region japan with N synthetic parcels (default 100,000) placed within ~5 km of random
  municipality points (the density follows the settlement pattern), a third with an unknown available
  area, the rest 1–80 ha; land need 20 ha, so about a fifth are left out as too small.

Both use the AI・半導体 profile of ``data/requirements.toml`` with IC ≤ 10 km and airport ≤ 60 km, the
real committed layers and census units, and the sample pipeline sites (``data/sites/sample_sites.csv``)
plus ``--sites`` synthetic ones as competitors. Reported: seconds for ``site_search`` (the data already
read once; best of ``--repeat``; wall and CPU seconds, as the machine is shared), seconds for
``search_json`` of the top 10, and the process's peak RSS.

Run: ``.venv/bin/python bench/bench_siting.py [--parcels 100000] [--sites 1000] [--repeat 2]``
(through ``/work/bin/suite`` on the shared machine).
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


def _parcels(n: int, seed: int):
    import geopandas as gpd
    import numpy as np

    from geo.siting.candidates import municipality_points

    munis = municipality_points()
    rng = np.random.default_rng(seed)
    pick = rng.integers(0, len(munis), n)
    lon = munis.geometry.x.to_numpy()[pick] + rng.uniform(-0.05, 0.05, n)
    lat = munis.geometry.y.to_numpy()[pick] + rng.uniform(-0.05, 0.05, n)
    avail = np.where(rng.random(n) < 1 / 3, np.nan, rng.uniform(1, 80, n))
    return gpd.GeoDataFrame(
        {
            "name": [f"parcel {i}" for i in range(n)],
            "source_id": [f"bench:{i}" for i in range(n)],
            "available_ha": avail,
            "total_ha": np.where(np.isnan(avail), np.nan, avail * 1.5),
            "is_sample": False,
            "pref_code": munis["pref_code"].to_numpy()[pick],
        },
        geometry=gpd.points_from_xy(lon, lat),
        crs="EPSG:4326",
    )


def _sites(n: int, seed: int):
    import geopandas as gpd
    import numpy as np
    import pandas as pd

    from geo.sites.schema import read_sites_file, validate_sites

    sample, _ = validate_sites(read_sites_file(REPO / "data" / "sites" / "sample_sites.csv"))
    if n == 0:
        return sample
    from geo.siting.candidates import municipality_points

    munis = municipality_points()
    rng = np.random.default_rng(seed)
    pick = rng.integers(0, len(munis), n)
    extra = gpd.GeoDataFrame(
        {"name": [f"site {i}" for i in range(n)], "field": "ai_semiconductor", "jobs": rng.integers(50, 2000, n)},
        geometry=gpd.points_from_xy(
            munis.geometry.x.to_numpy()[pick] + rng.uniform(-0.05, 0.05, n),
            munis.geometry.y.to_numpy()[pick] + rng.uniform(-0.05, 0.05, n),
        ),
        crs="EPSG:4326",
    )
    return gpd.GeoDataFrame(pd.concat([sample, extra], ignore_index=True), crs="EPSG:4326")


def child(scenario: str, n_parcels: int, n_sites: int, repeat: int) -> dict[str, object]:
    """Run one scenario in this process; the figures as a dict."""
    from geo import regions
    from geo.siting import needs_for, search_json, site_search

    region = regions.resolve_region("japan")
    needs = needs_for("ai_semiconductor", limits={"expressway_ic": 10, "airport": 60}, land_ha=20)
    parcels = _parcels(n_parcels, 7) if scenario == "parcels" else None
    sites = _sites(n_sites, 11)
    site_search(needs, regions.resolve_region("43"), sites, parcels=None)  # read layers and census once
    best, best_cpu = float("inf"), float("inf")
    for _ in range(repeat):
        t0, c0 = time.perf_counter(), time.process_time()
        result = site_search(needs, region, sites, parcels=parcels)
        best, best_cpu = min(best, time.perf_counter() - t0), min(best_cpu, time.process_time() - c0)
    t0 = time.perf_counter()
    top = search_json(result, 10)
    t_json = time.perf_counter() - t0
    kinds = result.candidates["kind"].value_counts().to_dict()
    return {
        "scenario": scenario,
        "parcels": n_parcels if parcels is not None else 0,
        "pipeline_sites": len(sites),
        "candidates": int(len(result.candidates)),
        "by_kind": {str(k): int(v) for k, v in kinds.items()},
        "too_small": result.parcels_too_small,
        "checks": int(len(result.checks)),
        "search_s": round(best, 2),
        "search_cpu_s": round(best_cpu, 2),
        "json_top10_s": round(t_json, 3),
        "peak_rss_mib": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1),
        "first": top["candidates"][0]["name"] if top["candidates"] else None,  # type: ignore[index]
    }


def main() -> None:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--parcels", type=int, default=100_000)
    p.add_argument("--sites", type=int, default=0, help="synthetic pipeline sites added to the sample")
    p.add_argument("--repeat", type=int, default=2)
    p.add_argument("--child", choices=["munis", "parcels"], default=None)
    args = p.parse_args()
    if args.child:
        print(json.dumps(child(args.child, args.parcels, args.sites, args.repeat), ensure_ascii=False))
        return
    for scenario in ("munis", "parcels"):
        cmd = [sys.executable, __file__, "--child", scenario, "--parcels", str(args.parcels)]
        cmd += ["--sites", str(args.sites), "--repeat", str(args.repeat)]
        out = subprocess.run(cmd, capture_output=True, text=True, check=True).stdout.strip().splitlines()[-1]
        print(json.dumps(json.loads(out), ensure_ascii=False))


if __name__ == "__main__":
    main()

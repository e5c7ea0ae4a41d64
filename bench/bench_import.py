"""Benchmark: ``chiiki-map sites import`` of 1k / 10k / 100k synthetic rows into a fresh store.

Rows are random points inside Japan's municipalities (``bench_clusters.synthetic_sites``), written to a
UTF-8 CSV with Japanese headers (plan A, a random strategic field, status 計画中, investment and jobs),
plus 1 % repeated names placed 100 m from an earlier row (rejected as duplicates). Each size runs in a
fresh process on a fresh store, the path ``chiiki-map sites import`` takes (``read_import_file`` →
``plan_import`` against ``store.read()`` → ``store.add(..., action="import")``), timed per phase; the
editor's password check (one Argon2 hash) is left out. Wall and CPU seconds are printed: on a
shared machine the CPU time is the stable figure. Target (issue 14): 100,000 rows ≤ 15 s.
``--cli`` times the real command instead (a fresh ``chiiki-map sites import`` process: start-up, sign-in,
report and rejected-rows file included).
Run: ``.venv/bin/python bench/bench_import.py [--cli] [--sizes 1000 10000 100000] [--database-url postgresql://...]``.
"""

from __future__ import annotations

import argparse
import json
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))
sys.path.insert(0, str(REPO / "bench"))


def write_csv(n: int, path: Path) -> int:
    """A site CSV of ``n`` rows (1 % of them same-name repeats 100 m away); returns the repeat count."""
    import numpy as np
    import pandas as pd
    from bench_clusters import synthetic_sites

    sites = synthetic_sites(n)
    rng = np.random.default_rng(11)
    lon, lat = sites.geometry.x.to_numpy().copy(), sites.geometry.y.to_numpy().copy()
    names = sites["name"].to_numpy(dtype=object).copy()
    dups = rng.choice(np.arange(n // 2), size=n // 100, replace=False)
    at = n - 1 - np.arange(len(dups))  # the last rows repeat an earlier row's name, 100 m north
    names[at], lon[at], lat[at] = names[dups], lon[dups], lat[dups] + 0.0009
    pd.DataFrame(
        {
            "名称": names,
            "計画類型": "A",
            "分野": sites["field"],
            "状況": "計画中",
            "投資額（億円）": rng.integers(1, 500, n),
            "雇用者数": rng.integers(5, 900, n),
            "経度": lon.round(6),
            "緯度": lat.round(6),
        }
    ).to_csv(path, index=False)
    return len(dups)


def _cpu() -> float:
    """CPU seconds of this process (user + system): what the import costs, whatever else the machine runs."""
    r = resource.getrusage(resource.RUSAGE_SELF)
    return r.ru_utime + r.ru_stime


def one(n: int, target: str | None) -> dict[str, object]:
    from chiiki_cli.sites_cmd import read_import_file
    from geo.accounts import Actor
    from geo.sites.imports import plan_import
    from geo.store import open_store, upgrade_store

    with tempfile.TemporaryDirectory(prefix="bench-import-") as tmp:
        csv = Path(tmp) / "sites.csv"
        repeats = write_csv(n, csv)
        if target:
            upgrade_store(target)  # the owner's `chiiki-map db upgrade`: tables and sample sites
        store = open_store(target or Path(tmp) / "sites.gpkg")
        store.read()  # create + seed outside the timing
        t: dict[str, float] = {}
        cpu0 = _cpu()
        t0 = time.perf_counter()
        raw, mapping = read_import_file(csv)
        t["read_file"] = time.perf_counter() - t0
        t1 = time.perf_counter()
        plan = plan_import(raw, mapping, store.read())
        t["plan"] = time.perf_counter() - t1
        t2 = time.perf_counter()
        ids = store.add(plan.accepted, Actor("bench", "editor"), action="import")
        t["add"] = time.perf_counter() - t2
        total = time.perf_counter() - t0
        cpu = _cpu() - cpu0
        t3 = time.perf_counter()
        stored = len(store.read())
        t["read_back"] = time.perf_counter() - t3
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    return {
        "rows": n,
        "seconds": round(total, 2),
        "cpu_s": round(cpu, 2),
        **{k: round(v, 2) for k, v in t.items()},
        "imported": len(ids),
        "rejected": plan.counts[1],
        "repeats": repeats,
        "stored": stored,
        "peak_mb": round(peak),
    }


def cli(n: int, target: str | None) -> dict[str, object]:
    """The real command end to end: ``chiiki-map sites import FILE --user bench`` in a fresh process.

    Includes start-up, the editor's sign-in (one Argon2 verify), the per-row report and the file of
    rejected rows; the store is created, seeded and given the account beforehand.
    """
    import os

    from geo.store import open_store, upgrade_store
    from geo.store.users import add_user

    with tempfile.TemporaryDirectory(prefix="bench-import-") as tmp:
        csv = Path(tmp) / "sites.csv"
        repeats = write_csv(n, csv)
        store_target = target or str(Path(tmp) / "sites.gpkg")
        upgrade_store(store_target)
        add_user(open_store(store_target), "bench", "editor", "Kq7-vetch-Lumen-42")
        env = {**os.environ, "CHIIKI_MAP_PASSWORD": "Kq7-vetch-Lumen-42", "CHIIKI_MAP_VAR": tmp}
        env |= {"DATABASE_URL": target} if target else {"CHIIKI_MAP_STORE": store_target}
        cmd = [sys.executable, "-m", "chiiki_cli.main", "sites", "import", str(csv), "--user", "bench"]
        started = time.perf_counter()
        done = subprocess.run(cmd, capture_output=True, text=True, env=env, cwd=REPO)
        seconds = time.perf_counter() - started
        usage = resource.getrusage(resource.RUSAGE_CHILDREN)
        stored = len(open_store(store_target).read())
    if done.returncode not in (0, 1):
        raise RuntimeError(f"chiiki-map sites import failed ({done.returncode}): {done.stderr[-2000:]}")
    return {
        "rows": n,
        "seconds": round(seconds, 2),
        "cpu_s": round(usage.ru_utime + usage.ru_stime, 2),
        "exit": done.returncode,
        "repeats": repeats,
        "stored": stored,
        "peak_mb": round(usage.ru_maxrss / 1024),
        "last_line": done.stdout.strip().splitlines()[-1][:160],
    }


def _drop_tables(url: str | None) -> None:
    """Drop the store's tables in the URL's schema (nothing without a URL)."""
    if url:
        import psycopg

        with psycopg.connect(url, autocommit=True) as con:
            con.execute("DROP TABLE IF EXISTS sites, audit, users, activity CASCADE")
            con.execute("DROP SEQUENCE IF EXISTS sites_change_seq")
            con.execute("DROP FUNCTION IF EXISTS sites_bump_change, sites_change_count, sites_reserve_ids")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[1_000, 10_000, 100_000])
    parser.add_argument(
        "--pg",
        "--database-url",
        dest="pg",
        help="a PostgreSQL URL: its sites/audit/users/activity tables are DROPPED before and after each size",
    )
    parser.add_argument("--cli", action="store_true", help="time the real `chiiki-map sites import` command instead")
    parser.add_argument("--one", type=int, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.one:
        print(json.dumps((cli if args.cli else one)(args.one, args.pg)))
        return
    for n in args.sizes:
        _drop_tables(args.pg)
        cmd = [sys.executable, __file__, "--one", str(n), *(["--pg", args.pg] if args.pg else [])]
        cmd += ["--cli"] if args.cli else []
        try:
            r = json.loads(subprocess.run(cmd, capture_output=True, text=True, check=True).stdout)
        finally:  # leave no tables behind: tests on the same database create their own in a schema
            _drop_tables(args.pg)
        where = "PostGIS" if args.pg else "GeoPackage"
        if args.cli:
            print(
                f"{r['rows']:>7} rows ({where}, chiiki-map sites import): {r['seconds']:6.2f} s wall, "
                f"{r['cpu_s']:6.2f} s CPU, exit {r['exit']}, {r['stored']} stored, peak {r['peak_mb']} MB; "
                f"{r['last_line']}"
            )
            continue
        print(
            f"{r['rows']:>7} rows ({where}): {r['seconds']:6.2f} s wall, "
            f"{r['cpu_s']:6.2f} s CPU "
            f"(read file {r['read_file']} s, plan {r['plan']} s, add {r['add']} s); read back {r['read_back']} s; "
            f"{r['imported']} imported, {r['rejected']} rejected ({r['repeats']} planted repeats), "
            f"peak {r['peak_mb']} MB"
        )


if __name__ == "__main__":
    main()

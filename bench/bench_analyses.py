"""Benchmark: every site analysis on synthetic national site registers (10k, 100k and 1,000,000 sites).

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

The commands a planner runs (issue 22), each a fresh ``chiiki-map`` process on a CSV of the same sites
(written once to ``var/bench/``, the site schema's Japanese headers), timed whole — start-up, reading and
validating the file, the analysis and the output included, nothing warmed:

* ``labour``: ``chiiki-map labour --region japan --sites FILE --json``;
* ``profile``: ``chiiki-map profile --region japan --sites FILE --json``;
* ``export``: ``chiiki-map export --region japan --sites FILE --out …``.

Their peak RSS is the child's (``wait4``); a watchdog kills a command whose resident memory passes
``--rss-cap-mb`` (default 8,000: the machine is shared) and reports it as killed. Targets (issue 22): at
1,000,000 sites peak RSS ≤ 2 GB and time(1M) / time(100k) ≤ 15.
Run: ``.venv/bin/python bench/bench_analyses.py [--sizes 10000 100000] [--analyses labour profile export]``;
``--sizes 100000 1000000`` for issue 22. The machine's load average is printed with every row.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))
sys.path.insert(0, str(REPO / "bench"))

ANALYSES = ("gaps", "land", "summary", "clusters")
#: Analyses run as the command a planner types (a fresh ``chiiki-map`` process on a sites file).
COMMANDS = ("labour", "profile", "export")
BENCH_DIR = REPO / "var" / "bench"


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


def sites_file(n: int) -> Path:
    """A CSV of ``national_sites(n)`` with the site schema's headers, written once under ``var/bench/``."""
    path = BENCH_DIR / f"national_sites_{n}.csv"
    if path.exists():
        return path
    import pandas as pd

    sites = national_sites(n)
    BENCH_DIR.mkdir(parents=True, exist_ok=True)
    frame = pd.DataFrame(
        {
            "name": sites["name"],
            "plan_type": sites["plan_type"],
            "field": sites["field"],
            "status": sites["status"],
            "investment_oku_yen": sites["investment_oku_yen"],
            "jobs": sites["jobs"],
            "land_ha": sites["land_ha"].round(2),
            "lon": sites.geometry.x.round(6),
            "lat": sites.geometry.y.round(6),
        }
    )
    tmp = path.with_suffix(".tmp")
    frame.to_csv(tmp, index=False)
    tmp.replace(path)
    return path


def _rss_mb(pid: int) -> float:
    """Resident memory of a process in MB (0 once it is gone)."""
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    except OSError:
        pass
    return 0.0


def command(name: str, n: int, cap_mb: float) -> dict[str, object]:
    """Run one planner command on ``n`` sites in a fresh process: wall, CPU, peak RSS (or killed at the cap)."""
    path = sites_file(n)
    with tempfile.TemporaryDirectory(prefix="bench-analyses-") as tmp:
        cli = [sys.executable, "-m", "chiiki_cli.main", name, "--region", "japan", "--sites", str(path)]
        cli += ["--out", str(Path(tmp) / "briefing.html")] if name == "export" else ["--json"]
        env = {
            **os.environ,
            "CHIIKI_MAP_VAR": tmp,
            "CHIIKI_MAP_MAX_IMPORT_MB": "4000",
            "CHIIKI_MAP_MAX_IMPORT_ROWS": "5000000",
        }
        started = time.perf_counter()
        with open(Path(tmp) / "out.txt", "wb") as out:
            proc = subprocess.Popen(cli, cwd=REPO, env=env, stdout=out, stderr=subprocess.PIPE)
            killed = threading.Event()

            def watch() -> None:
                while proc.poll() is None:
                    if _rss_mb(proc.pid) > cap_mb:
                        killed.set()
                        proc.kill()
                        return
                    time.sleep(0.2)

            threading.Thread(target=watch, daemon=True).start()
            _pid, status, usage = os.wait4(proc.pid, 0)
            proc.returncode = os.waitstatus_to_exitcode(status)
        seconds = time.perf_counter() - started
        err = proc.stderr.read().decode(errors="replace") if proc.stderr else ""
        written = Path(tmp) / ("briefing.html" if name == "export" else "out.txt")
        size = written.stat().st_size if written.exists() else 0
    row: dict[str, object] = {
        "analysis": name,
        "sites": n,
        "seconds": round(seconds, 2),
        "cpu_s": round(usage.ru_utime + usage.ru_stime, 2),
        "peak_mb": round(usage.ru_maxrss / 1024),
        "output_mb": round(size / 1e6, 1),
        "exit": proc.returncode,
        "load_1m": round(os.getloadavg()[0], 2),
    }
    if killed.is_set():
        row["killed"] = f"resident memory over {cap_mb:,.0f} MB after {seconds:.0f} s"
    elif proc.returncode != 0:
        row["error"] = err.strip().splitlines()[-1:] or [f"exit {proc.returncode}"]
    return row


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[10_000, 100_000])
    parser.add_argument("--analyses", nargs="+", default=list(ANALYSES), choices=[*ANALYSES, *COMMANDS])
    parser.add_argument("--rss-cap-mb", type=float, default=8000.0, help="kill a command above this resident memory")
    parser.add_argument("--one", nargs=2, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.one:
        print(json.dumps(one(int(args.one[0]), args.one[1])))
        return
    print(f"load average at start: {' '.join(f'{x:.2f}' for x in os.getloadavg())}")
    print(f"{'analysis':<9} " + " ".join(f"{n:>29}" for n in args.sizes) + "   CPU ratio  peak(MB, largest)")
    for name in args.analyses:
        rows = []
        for n in args.sizes:
            if name in COMMANDS:
                rows.append(command(name, n, args.rss_cap_mb))
                print("  " + json.dumps(rows[-1], ensure_ascii=False), flush=True)
                continue
            cmd = [sys.executable, __file__, "--one", str(n), name]
            rows.append(json.loads(subprocess.run(cmd, capture_output=True, text=True, check=True).stdout))
        ratio = rows[-1]["cpu_s"] / max(rows[0]["cpu_s"], 1e-3)
        cells = " ".join(f"{r['seconds']:>6.2f} s ({r['cpu_s']:>6.2f} CPU) {r.get('rows', '-'):>6}r" for r in rows)
        print(f"{name:<9} {cells}   {ratio:5.1f}  {rows[-1]['peak_mb']}  load {os.getloadavg()[0]:.2f}", flush=True)


if __name__ == "__main__":
    main()

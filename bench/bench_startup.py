"""Benchmark: start-up — the app's first page view after ``make run``, and ``chiiki-map --help``.

**First page view.** As ``make run`` does: the static files are published first (``make setup``:
``python -m layers.static_files``, not timed), then each run starts ``streamlit run app.py`` fresh on a
free port and opens it in headless Chromium with every outside request blocked. Timed from starting the
server process until the map page is fully drawn: the map frame's Leaflet container carries the
``data-loaded-*`` marks of the prefectures, blocks, sites and default layers (as
``tests/test_browser_app.py`` waits for them) and the canvas layers their ``data-drawn-*`` marks, the page
title is drawn and Streamlit's run is over. ``server_cpu_s`` is the CPU time the server process used
until then (the figure least moved by other work on a shared machine). Phases: server up (``/_stcore/health``),
page title, map drawn. Each run uses a fresh run-time folder (store created and seeded on first use, as
on a new machine) unless ``--var DIR`` names one (``--var var``: the repository's own, as ``make run``
uses it). Target (issue 14): ≤ 8 s.

**Command line.** ``chiiki-map --help`` and ``python -c "import geopandas"``, each run ``--cli-runs``
times in fresh processes (median and min wall seconds); target: ``--help`` faster than importing
geopandas.

Run: ``.venv/bin/python bench/bench_startup.py [--runs 3] [--cli-runs 10] [--var DIR] [--no-app | --no-cli]``.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from layers.presets import MAP_DEFAULT_LAYERS
from tests.support import ARTIFACTS, REPO
from tests.support.browser import MAP_FRAME, RequestGuard, find_map_frame, open_browser_page
from tests.support.server import free_port, stop_process, wait_until_up

#: The map is fully drawn: the prefectures, blocks, sites and every default layer are on the Leaflet map
#: (``data-loaded-<key>``, as ``tests/test_browser_app.py`` waits for them), and every layer drawn by the
#: canvas renderer has been painted (``data-drawn-<key>``; the sites are SVG).
MAP_DRAWN_JS = """keys => {
  const map = document.querySelector('.leaflet-container');
  if (!map || !keys.every(k => map.hasAttribute('data-loaded-' + k))) { return false; }
  return Array.from(map.attributes).filter(a => a.name.startsWith('data-loaded-') && a.name !== 'data-loaded-site')
    .every(a => map.hasAttribute(a.name.replace('data-loaded-', 'data-drawn-')));
}"""
#: Streamlit's run is over: a page title is drawn, nothing is stale and the running indicator is gone.
RUN_DONE_JS = """() => !!document.querySelector('[data-testid="stMain"] h1')
  && !document.querySelector('[data-stale="true"]')
  && !document.querySelector('[data-testid="stStatusWidget"]')"""


def _cpu_s(pid: int) -> float:
    """User + system CPU seconds a process has used so far (Linux ``/proc``)."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def first_view(var: str, page, guard: RequestGuard, shot: Path | None) -> dict[str, float]:
    """Start a fresh server and time the first view of the map page (seconds from the process start)."""
    port = free_port()
    cmd = [sys.executable, "-m", "streamlit", "run", "app.py", "--server.port", str(port)]
    cmd += ["--server.address", "127.0.0.1", "--server.headless", "true", "--browser.gatherUsageStats", "false"]
    env = {**os.environ, "CHIIKI_MAP_VAR": var}
    for name in ("CHIIKI_MAP_STORE", "CHIIKI_MAP_CACHE", "DATABASE_URL"):
        env.pop(name, None)
    base = f"http://127.0.0.1:{port}"
    start = time.monotonic()
    proc = subprocess.Popen(cmd, cwd=REPO, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    try:
        wait_until_up(base, proc, 120)
        up = time.monotonic() - start
        page.goto(base, wait_until="domcontentloaded")
        page.locator('[data-testid="stMain"] h1').first.wait_for(timeout=120_000)
        title = time.monotonic() - start
        page.locator(MAP_FRAME).wait_for(timeout=120_000)
        keys = ["pref", "block", "site", *(f"layer-{k}" for k in MAP_DEFAULT_LAYERS)]
        find_map_frame(page).wait_for_function(MAP_DRAWN_JS, arg=keys, timeout=120_000)
        page.wait_for_function(RUN_DONE_JS, timeout=120_000)
        drawn = time.monotonic() - start
        server_cpu = _cpu_s(proc.pid)
        if shot is not None:
            page.screenshot(path=str(shot))
        return {
            "server_up_s": round(up, 2),
            "title_s": round(title, 2),
            "map_drawn_s": round(drawn, 2),
            "server_cpu_s": round(server_cpu, 2),
        }
    finally:
        stop_process(proc)


def app_runs(runs: int, var: Path | None) -> list[dict[str, float]]:
    """``runs`` first page views, each on a fresh server."""
    # `make setup` (as `make run` does first), with the same run-time folder the runs use
    env = {**os.environ, **({"CHIIKI_MAP_VAR": str(var)} if var else {})}
    subprocess.run([sys.executable, "-m", "layers.static_files"], cwd=REPO, check=True, capture_output=True, env=env)
    out = ARTIFACTS / "startup"
    out.mkdir(parents=True, exist_ok=True)
    results = []
    for i in range(runs):
        guard = RequestGuard()
        with tempfile.TemporaryDirectory(prefix="bench-startup-") as fresh, open_browser_page(guard) as page:
            r = first_view(str(var) if var else fresh, page, guard, out / f"first_view_{i}.png")
        if guard.blocked:
            raise RuntimeError(f"requests to outside hosts: {guard.blocked[:5]}")
        results.append(r | {"load_avg_1m": round(os.getloadavg()[0], 2)})
        print(json.dumps(results[-1]), flush=True)
    return results


def _wall(cmd: list[str], runs: int) -> list[float]:
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        subprocess.run(cmd, cwd=REPO, check=True, capture_output=True)
        times.append(time.perf_counter() - started)
    return times


def cli_runs(runs: int) -> dict[str, list[float]]:
    """Wall seconds of ``chiiki-map --help`` and of importing geopandas, ``runs`` fresh processes each."""
    commands = {
        "chiiki-map --help": [sys.executable, "-m", "chiiki_cli.main", "--help"],
        'python -c "import geopandas"': [sys.executable, "-c", "import geopandas"],
    }
    for cmd in commands.values():  # warm the disk cache and the bytecode
        subprocess.run(cmd, cwd=REPO, check=True, capture_output=True)
    out = {}
    for _ in range(2):  # interleaved, so a burst of load hits both
        for name, cmd in commands.items():
            out.setdefault(name, []).extend(_wall(cmd, runs // 2 or 1))
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3, help="first page views (a fresh server each)")
    parser.add_argument("--cli-runs", type=int, default=10, help="runs of each command")
    parser.add_argument("--var", type=Path, help="run-time folder for every run (default: a fresh one per run)")
    parser.add_argument("--no-app", action="store_true", help="only the command line")
    parser.add_argument("--no-cli", action="store_true", help="only the app")
    args = parser.parse_args()
    print(f"load average at start: {' '.join(f'{x:.2f}' for x in os.getloadavg())}")
    if not args.no_cli:
        for name, times in cli_runs(args.cli_runs).items():
            print(
                f"{name:<30} median {statistics.median(times):5.2f} s, min {min(times):5.2f} s ({len(times)} runs)",
                flush=True,
            )
    if not args.no_app:
        views = app_runs(args.runs, args.var.resolve() if args.var else None)
        drawn = [v["map_drawn_s"] for v in views]
        print(
            f"first page view (streamlit run → map drawn): median {statistics.median(drawn):.2f} s, "
            f"min {min(drawn):.2f} s, max {max(drawn):.2f} s over {len(drawn)} runs; target ≤ 8 s"
        )
    print(f"load average at end: {' '.join(f'{x:.2f}' for x in os.getloadavg())}")


if __name__ == "__main__":
    main()

"""Benchmark: the national view (region = japan, 47 prefectures, every layer with data on).

1. Streamlit AppTest: median re-run after a filter change (target <= 1 s).
2. Headless Chromium, the map build_map makes for the app, served from a local HTTP server exactly as
   the app serves its static files, in two variants: ``ours`` (generalised low-zoom files, boundaries
   and layers on the canvas renderer) and ``plain`` (detailed files only, one SVG path per feature):
   time until every layer is drawn (what the browser redoes after each filter change, when
   streamlit-folium rebuilds the map), then 10 animated programmatic pans and a zoom in/out with
   requestAnimationFrame frame gaps and the longest main-thread task.
Run: ``.venv/bin/python bench/bench_national.py [--runs 10] [--skip-app]``.
"""

from __future__ import annotations

import argparse
import functools
import http.server
import os
import statistics
import sys
import tempfile
import threading
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from geo import infra, regions  # noqa: E402
from geo.store import open_store  # noqa: E402
from layers import assets, static_files  # noqa: E402
from layers.map import MapLayer, MapOptions, build_map  # noqa: E402
from tests.support.browser import CHROMIUM, CHROMIUM_ARGS  # noqa: E402

PAN_JS = """async () => {
  const map = window[Object.keys(window).find(k => /^map_[0-9a-f]+$/.test(k))];
  const gaps = [], tasks = [];
  new PerformanceObserver(l => l.getEntries().forEach(e => tasks.push(e.duration)))
    .observe({type: "longtask", buffered: false});
  let last = performance.now(), running = true;
  const tick = t => { gaps.push(t - last); last = t; if (running) requestAnimationFrame(tick); };
  requestAnimationFrame(tick);
  const moved = () => new Promise(r => map.once("moveend", r));
  const t0 = performance.now();
  for (let i = 0; i < 10; i++) {
    const m = moved(); map.panBy([i % 2 ? -350 : 350, i % 3 ? 120 : -120], {duration: 0.25}); await m;
  }
  const panMs = performance.now() - t0;
  const z0 = performance.now();
  let m = moved(); map.setZoom(map.getZoom() + 4); await m;
  await new Promise(r => setTimeout(r, 1500));  // detailed files fetched and drawn
  m = moved(); map.setZoom(map.getZoom() - 4); await m;
  const zoomMs = performance.now() - z0 - 1500;
  running = false;
  await new Promise(r => setTimeout(r, 50));
  gaps.sort((a, b) => a - b);
  return {panMs, zoomMs, frames: gaps.length, p95: gaps[Math.floor(gaps.length * 0.95)],
          maxGap: gaps[gaps.length - 1], longestTask: tasks.length ? Math.max(...tasks) : 0,
          longTasks: tasks.length};
}"""


def app_rerun(runs: int) -> tuple[float, list[float], list[str]]:
    """Median AppTest re-run after a plan-type filter change, national view, every layer on."""
    from streamlit.testing.v1 import AppTest

    at = AppTest.from_file(str(REPO / "app.py"), default_timeout=300)
    at.run()
    for box in at.checkbox:
        if box.key and box.key.startswith("layer_") and not box.disabled:
            box.check()
    at.run()
    assert not at.exception, at.exception
    on = [c.key.removeprefix("layer_") for c in at.checkbox if c.key and c.key.startswith("layer_") and c.value]
    choices = [["A"], ["A", "B"], ["B"], []]
    times = []
    for i in range(runs):
        widget = at.multiselect(key="plan_types").set_value(choices[i % len(choices)])
        t0 = time.perf_counter()
        widget.run()
        times.append(time.perf_counter() - t0)
        assert not at.exception, at.exception
    return statistics.median(times), times, on


def national_page(root: Path, variant: str) -> tuple[str, list[str]]:
    """Write the national map page (as the app builds it) under ``root``; returns its name and layers."""
    urls = static_files.publish_boundaries("ja")
    layers = []
    for layer_id, spec in infra.LAYERS.items():
        url = static_files.publish_layer(layer_id, "ja")
        if url:
            levels = None if variant == "ours" else ((0.0, url),)
            layers.append(MapLayer(layer_id, spec.name_ja, spec.kind, url=url, levels=levels))
    region = regions.resolve_region("japan")
    sites = open_store(Path(tempfile.mkdtemp(prefix="chiiki-bench-")) / "sites.gpkg").read()
    m = build_map(
        bounds=region.bounds,
        sites=sites,
        layers=layers,
        options=MapOptions(dense_on_canvas=variant == "ours"),
        prefectures=MapLayer("pref", "都道府県", "polygon", url=urls["prefectures"]),
        blocks=MapLayer("block", "ブロック", "line", url=urls["blocks"]),
    )
    name = f"national-{variant}.html"
    m.save(str(root / name))
    return name, [x.id for x in layers]


def serve(root: Path) -> tuple[http.server.ThreadingHTTPServer, str]:
    """A quiet local HTTP server for ``root`` (which links ``app/static`` to the app's static folder)."""

    class Quiet(http.server.SimpleHTTPRequestHandler):
        def log_message(self, *args: object) -> None:
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(Quiet, directory=str(root)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server, f"http://127.0.0.1:{server.server_address[1]}"


def browser(pages: dict[str, tuple[str, list[str]]], base: str, runs: int) -> dict[str, dict[str, list[float]]]:
    """Per variant: build (ms until every layer drawn) and the pan/zoom figures, ``runs`` times."""
    from playwright.sync_api import sync_playwright

    out: dict[str, dict[str, list[float]]] = {v: {} for v in pages}
    with sync_playwright() as pw:
        chromium = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
        try:
            for _ in range(runs):
                for variant, (name, layer_ids) in pages.items():
                    page = chromium.new_page(viewport={"width": 1400, "height": 620})
                    # the canvas sets data-drawn-* once a layer is on screen; SVG layers are drawn when added
                    state = "drawn" if variant == "ours" else "loaded"
                    attrs = "".join(f"[data-{state}-layer-{i}]" for i in layer_ids)
                    t0 = time.perf_counter()
                    page.goto(f"{base}/{name}")
                    page.locator(f".leaflet-container[data-{state}-pref][data-loaded-site]{attrs}").wait_for(
                        timeout=120_000
                    )
                    page.evaluate("new Promise(r => requestAnimationFrame(() => requestAnimationFrame(r)))")
                    build = (time.perf_counter() - t0) * 1000
                    result = page.evaluate(PAN_JS)
                    for key, value in {"build": build, **result}.items():
                        out[variant].setdefault(key, []).append(float(value))
                    page.close()
        finally:
            chromium.close()
    return out


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=10, help="AppTest re-runs")
    parser.add_argument("--browser-runs", type=int, default=3)
    parser.add_argument("--skip-app", action="store_true")
    args = parser.parse_args()
    os.environ["CHIIKI_MAP_VAR"] = tempfile.mkdtemp(prefix="chiiki-bench-")
    print(f"load average at start: {os.getloadavg()[0]:.1f} on {os.cpu_count()} CPUs")
    if not args.skip_app:
        median, times, on = app_rerun(args.runs)
        print(f"AppTest, region japan, layers on ({len(on)}): {', '.join(on)}")
        print(
            f"  re-run after filter change, {args.runs} runs: median {median:.3f} s, max {max(times):.3f} s"
            f"  (target <= 1 s)"
        )
    assets.install_static()
    root = Path(tempfile.mkdtemp(prefix="chiiki-national-"))
    (root / "app").mkdir()
    (root / "app" / "static").symlink_to(assets.STATIC_ROOT)
    pages = {v: national_page(root, v) for v in ("ours", "plain")}
    server, base = serve(root)
    try:
        results = browser(pages, base, args.browser_runs)
    finally:
        server.shutdown()
    print(f"browser, national map, 1400x620, median of {args.browser_runs} (ms):")
    print(
        f"  {'variant':8} {'build':>7} {'10 pans':>8} {'p95 frame':>10} {'max gap':>8} {'longest task':>13} "
        f"{'zoom in+out':>12}"
    )
    for variant, r in results.items():
        med = {k: statistics.median(v) for k, v in r.items()}
        print(
            f"  {variant:8} {med['build']:7.0f} {med['panMs']:8.0f} {med['p95']:10.1f} {med['maxGap']:8.0f} "
            f"{med['longestTask']:13.0f} {med['zoomMs']:12.0f}"
        )
    print(f"load average at end: {os.getloadavg()[0]:.1f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())

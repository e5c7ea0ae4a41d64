"""Benchmark: Kyushu briefing with every layer — our export vs naive ``folium.GeoJson`` + ``Map.save()``.

Both files are self-contained (Leaflet inlined in both, no CDN), hold the same features (prefectures
and blocks near Kyushu, every layer with data, clusters and gaps are ours only) and are opened from
``file://`` in headless Chromium, alternately, one fresh page each. Ours draws boundaries, layers and
sites on one canvas (``layers/canvas/cm_canvas.js``); the naive file makes one SVG path per feature.
Reported: bytes ours/naive (target <= 1/5) and time to first render until all features are drawn
(load event + two animation frames, median of ``--runs``; target >= 3x faster).
The naive map draws points as ``CircleMarker`` (default markers would need icon files).
``--synthetic N`` uses N synthetic national sites (``bench_analyses.national_sites``) instead of the store
(issue 14: 全国 with 100,000 sites ≤ 25 MB, built ≤ 30 s, drawn ≤ 5 s); ``--skip-naive`` times ours only.
Run: ``.venv/bin/python bench/bench_export.py [--runs 5] [--region japan --synthetic 100000 --skip-naive]``.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))
sys.path.insert(0, str(REPO / "bench"))

import folium  # noqa: E402
from branca.element import Element  # noqa: E402

from geo import regions  # noqa: E402
from geo.briefing import BriefingData, collect  # noqa: E402
from geo.store import open_store  # noqa: E402
from layers.assets import inline_leaflet_tags  # noqa: E402
from layers.briefing import build_briefing  # noqa: E402
from layers.briefing.detail import near, view_bounds  # noqa: E402
from tests.support.browser import CHROMIUM, CHROMIUM_ARGS  # noqa: E402

#: Set on ``load`` after two animation frames: every synchronous layer has been added and painted.
#: The page then logs a console message: the harness waits for that event instead of polling the page,
#: so no script of the harness runs in the page while it is being measured.
DRAWN_JS = """
window.addEventListener("load", function () {
  requestAnimationFrame(function () { requestAnimationFrame(function () {
    window.__drawn = performance.now();
    console.log("cm-drawn");
  }); });
});
"""


def naive_html(data: BriefingData) -> str:
    """The same features the naive way: one ``folium.GeoJson`` per layer, full precision, ``Map.save``."""
    m = folium.Map(tiles=None)
    m.default_js, m.default_css = [], []
    m.get_root().header.add_child(Element(inline_leaflet_tags()))
    bounds = data.region.bounds
    frames = {
        "prefectures": near(regions.prefectures(), bounds),
        "blocks": near(regions.blocks(), bounds),
        **data.layers,
        "sites": data.sites,
    }
    for name, gdf in frames.items():
        points = bool(len(gdf)) and gdf.geom_type.eq("Point").all()
        folium.GeoJson(gdf, name=name, marker=folium.CircleMarker(radius=4) if points else None).add_to(m)
    minx, miny, maxx, maxy = view_bounds(data)
    m.fit_bounds([[miny, minx], [maxy, maxx]])
    with tempfile.NamedTemporaryFile("r", suffix=".html", encoding="utf-8") as tmp:
        m.save(tmp.name)
        return Path(tmp.name).read_text(encoding="utf-8")


#: Features on screen when the time is taken: SVG paths in the map's panes plus what the canvas
#: renderer reports in data-drawn-* (ours draws boundaries, layers and sites on its canvas).
DRAWN_FEATURES_JS = """() => {
  let n = document.querySelectorAll(".leaflet-map-pane path").length;
  for (const a of document.querySelector(".leaflet-container").attributes) {
    if (a.name.startsWith("data-drawn-")) { n += +a.value; }
  }
  return n;
}"""


def render_ms(paths: list[Path], runs: int) -> dict[Path, list[float]]:
    """Time to load + draw each file, ``runs`` times in alternation, one fresh page each."""
    from playwright.sync_api import sync_playwright

    times: dict[Path, list[float]] = {p: [] for p in paths}
    counts: dict[Path, int] = {}
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
        try:
            for _ in range(runs):
                for path in paths:
                    page = browser.new_page(viewport={"width": 1400, "height": 1000})
                    page.add_init_script(DRAWN_JS)
                    with page.expect_console_message(lambda m: m.text == "cm-drawn", timeout=120_000):
                        page.goto(path.as_uri(), wait_until="commit", timeout=120_000)
                    times[path].append(page.evaluate("window.__drawn"))
                    drawn = page.evaluate(DRAWN_FEATURES_JS)
                    if drawn == 0:
                        raise RuntimeError(f"{path.name}: nothing drawn")
                    counts.setdefault(path, drawn)
                    page.close()
        finally:
            browser.close()
    for path, n in counts.items():
        print(f"  {path.name}: {n:,} features on screen when timed")
    return times


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--region", default="kyushu")
    parser.add_argument("--synthetic", type=int, default=0, help="N synthetic national sites instead of the store")
    parser.add_argument("--skip-naive", action="store_true")
    args = parser.parse_args()
    region = regions.resolve_region(args.region)
    if args.synthetic:
        from bench_analyses import national_sites

        sites = national_sites(args.synthetic)
    else:
        sites = open_store(Path(tempfile.mkdtemp(prefix="chiiki-bench-")) / "sites.gpkg").read()
    t0 = time.perf_counter()
    data = collect(region, sites, None)
    t1 = time.perf_counter()
    ours = build_briefing(data)
    t2 = time.perf_counter()
    print(f"build: collect (analyses) {t1 - t0:.1f} s + page {t2 - t1:.1f} s = {t2 - t0:.1f} s  (target <= 30 s)")
    print("parts (bytes): " + ", ".join(f"{k} {v:,}" for k, v in sorted(ours.parts.items(), key=lambda kv: -kv[1])))
    out = Path(tempfile.mkdtemp(prefix="chiiki-export-bench-"))
    ours_path, naive_path = out / "ours.html", out / "naive.html"
    ours_path.write_text(ours.html, encoding="utf-8")
    ours_b = ours_path.stat().st_size
    print(f"region {region.id}: {len(data.sites)} sites, layers {', '.join(data.layers)}")
    if args.skip_naive:
        print(f"bytes: ours {ours_b:,} ({ours_b / 1e6:.1f} MB, target <= 25 MB)")
        times = render_ms([ours_path], args.runs)
        print(f"first render until drawn, median of {args.runs}: ours {statistics.median(times[ours_path]):,.0f} ms")
        print(f"  ours runs:  {', '.join(f'{x:.0f}' for x in times[ours_path])}")
        return 0
    naive_path.write_text(naive_html(data), encoding="utf-8")
    naive_b = naive_path.stat().st_size
    print(f"bytes: ours {ours_b:,}  naive {naive_b:,}  ours/naive = 1/{naive_b / ours_b:.1f}  (target <= 1/5)")
    times = render_ms([ours_path, naive_path], args.runs)
    o, n = statistics.median(times[ours_path]), statistics.median(times[naive_path])
    print(
        f"first render until drawn, median of {args.runs}: ours {o:,.0f} ms  naive {n:,.0f} ms  "
        f"speed-up {n / o:.1f}x  (target >= 3x)"
    )
    print(f"  ours runs:  {', '.join(f'{x:.0f}' for x in times[ours_path])}")
    print(f"  naive runs: {', '.join(f'{x:.0f}' for x in times[naive_path])}")
    pairs = sorted(n / o for o, n in zip(times[ours_path], times[naive_path], strict=True))
    print(
        f"  speed-up per alternating pair: min {pairs[0]:.1f}x  median {statistics.median(pairs):.1f}x  "
        f"max {pairs[-1]:.1f}x"
    )
    print(f"files kept in {out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())

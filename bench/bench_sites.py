"""Benchmark: the site layer at scale (issue 14) and honest baselines, on the same synthetic sites.

Sites are ``bench_analyses.national_sites`` (random points in Japan's municipalities, 17 fields, random
investment). For each size (default 10k and 100k) one page per renderer, the same sites, served from a
local HTTP server (no CDN, no other host), opened in headless Chromium, fresh page per run:

* ``svg``: folium ``GeoJson`` with a ``CircleMarker`` per site (one SVG path each), the app's old way;
* ``leaflet-canvas``: the same with ``prefer_canvas=True`` (Leaflet's own ``L.canvas()`` renderer);
* ``geojson``: plain ``folium.GeoJson`` (default markers: an ``<img>`` each, Leaflet's icon served locally);
* ``glify``: leaflet.glify (WebGL), installed at bench time with ``npm install --prefix var/npm
  leaflet.glify`` (git-ignored) and served from localhost; Chromium gets SwiftShader
  (``--use-angle=swiftshader --enable-unsafe-swiftshader``, without ``--disable-gpu``) for this one only;
* ``ours``: ``layers.map.build_map``'s site layer alone (packed, ``cm_canvas.js``, merged per cell at this view).

Measured: bytes of the page per site, first draw (navigation start until the sites are drawn: our
``data-drawn-site``, else the load event plus two animation frames; glify: its draw callback), then 10
animated pans at the national view and at zoom 10 around Tokyo (frame gaps, longest main-thread task).
``--live`` also times the live map: a GeoPackage store with N synthetic sites, the AppTest re-run after
a filter change (median of ``--runs``), the st_folium payload per site, and the first draw of the map as
the app builds it (全国, default layers from static files).
Run: ``.venv/bin/python bench/bench_sites.py [--sizes 10000 100000] [--runs 3] [--live 100000]``.
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

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))
sys.path.insert(0, str(REPO / "bench"))

import folium  # noqa: E402
from bench_analyses import national_sites  # noqa: E402
from bench_national import PAN_JS, serve  # noqa: E402

from geo import regions  # noqa: E402
from layers import assets  # noqa: E402
from layers.geojson_layer import add_geojson_layer  # noqa: E402
from layers.map import MIN_ZOOM, ChiikiMap  # noqa: E402
from layers.sites import BIN_ABOVE, BIN_PX, bin_tip, site_layer  # noqa: E402
from layers.style import SITE_STYLE, field_colour  # noqa: E402
from tests.support.browser import CHROMIUM, CHROMIUM_ARGS  # noqa: E402

NPM_DIR = REPO / "var" / "npm"
GLIFY = NPM_DIR / "node_modules" / "leaflet.glify" / "dist" / "glify-browser.js"
WEBGL_ARGS = [a for a in CHROMIUM_ARGS if a != "--disable-gpu"]
WEBGL_ARGS += ["--use-angle=swiftshader", "--enable-unsafe-swiftshader"]
LEAFLET = "/app/static/vendor/leaflet"
TOKYO = (139.75, 35.68)

#: Set after the load event and two animation frames (SVG and Leaflet canvas layers draw when added).
LOADED_JS = """
window.addEventListener("load", function () {
  requestAnimationFrame(function () { requestAnimationFrame(function () { window.__drawn = performance.now(); }); });
});
"""


def _japan(m: folium.Map) -> None:
    minx, miny, maxx, maxy = regions.view_bounds(regions.resolve_region("japan"))
    m.fit_bounds([[miny, minx], [maxy, maxx]])


def folium_page(sites, variant: str) -> str:
    """The sites the folium way: CircleMarkers (SVG or Leaflet's canvas) or plain GeoJson markers."""
    m = folium.Map(tiles=None, prefer_canvas=variant == "leaflet-canvas")
    m.default_js = [("leaflet", f"{LEAFLET}/leaflet.js")]
    m.default_css = [("leaflet_css", f"{LEAFLET}/leaflet.css")]
    _japan(m)
    frame = sites[["name", "field", "geometry"]].assign(colour=[field_colour(f) for f in sites["field"]])
    if variant == "geojson":
        folium.GeoJson(frame[["name", "geometry"]]).add_to(m)
    else:
        folium.GeoJson(
            frame,
            marker=folium.CircleMarker(radius=5, weight=1.5, color="#222222", fill=True, fill_opacity=0.85),
            style_function=lambda f: {"fillColor": f["properties"]["colour"]},
        ).add_to(m)
    return m.get_root().render()


def glify_page(sites) -> str:
    """The sites as leaflet.glify points (WebGL), coloured by field; a click reports the nearest point."""
    lonlat = [[round(y, 5), round(x, 5)] for x, y in zip(sites.geometry.x, sites.geometry.y, strict=True)]
    colours = [field_colour(f) for f in sites["field"]]
    minx, miny, maxx, maxy = regions.view_bounds(regions.resolve_region("japan"))
    return f"""<!DOCTYPE html><html><head><meta charset="utf-8">
<link rel="stylesheet" href="{LEAFLET}/leaflet.css"><script src="{LEAFLET}/leaflet.js"></script>
<script src="/npm/glify-browser.js"></script>
<style>html,body,#m{{height:100%;margin:0}}</style></head><body><div id="m"></div><script>
var map_0 = L.map("m").fitBounds([[{miny}, {minx}], [{maxy}, {maxx}]]);
var pts = {json.dumps(lonlat)}, cols = {json.dumps(colours)};
function rgb(h) {{ return {{r: parseInt(h.slice(1, 3), 16) / 255, g: parseInt(h.slice(3, 5), 16) / 255,
                             b: parseInt(h.slice(5, 7), 16) / 255}}; }}
L.glify.points({{map: map_0, data: pts, size: 10, color: function (i) {{ return rgb(cols[i]); }},
  click: function (e, p) {{ window.__clicked = p; }}}});
map_0.whenReady(function () {{ requestAnimationFrame(function () {{ requestAnimationFrame(function () {{
  window.__drawn = performance.now(); }}); }}); }});
</script></body></html>"""


def ours_page(sites) -> str:
    """Only the site layer of ``build_map`` (packed, on our canvas), at the national view."""
    m = ChiikiMap(tiles=None, min_zoom=MIN_ZOOM)
    assets.use_local_leaflet(m)
    _japan(m)
    add_geojson_layer(
        m,
        "site",
        "sites",
        pane="sites",
        data=site_layer(sites),
        style=SITE_STYLE,
        canvas=True,
        options={"binAbove": BIN_ABOVE, "binPx": BIN_PX, "binTip": bin_tip()},
    )
    return m.get_root().render()


def write_pages(root: Path, n: int) -> dict[str, int]:
    """Every variant's page for ``n`` sites under ``root``; returns their sizes in bytes."""
    sites = national_sites(n)
    pages = {
        "ours": ours_page(sites),
        "svg": folium_page(sites, "svg"),
        "leaflet-canvas": folium_page(sites, "leaflet-canvas"),
        "geojson": folium_page(sites, "geojson"),
    }
    if GLIFY.exists():
        pages["glify"] = glify_page(sites)
    sizes = {}
    for name, html in pages.items():
        (root / f"{name}-{n}.html").write_text(html, encoding="utf-8")
        sizes[name] = len(html.encode("utf-8"))
    return sizes


PAN_AT_JS = """async ([lat, lng, zoom]) => {
  const map = window[Object.keys(window).find(k => /^map_[0-9a-f_]+$/.test(k))];
  map.setView([lat, lng], zoom, {animate: false});
  await new Promise(r => setTimeout(r, 1500));
  return true;
}"""


def measure(browser, base: str, name: str, timeout_ms: int) -> dict[str, float | str]:
    """First draw and pan figures of one page in a fresh tab."""
    page = browser.new_page(viewport={"width": 1400, "height": 620})
    errors: list[str] = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.add_init_script(LOADED_JS if not name.startswith("ours") else "")
    out: dict[str, float | str] = {}
    try:
        page.goto(f"{base}/{name}", wait_until="commit", timeout=timeout_ms)
        if name.startswith("ours"):
            page.locator(".leaflet-container[data-drawn-site]").wait_for(timeout=timeout_ms)
            out["draw"] = page.evaluate("performance.now()")
        else:
            page.wait_for_function("() => window.__drawn", timeout=timeout_ms)
            out["draw"] = page.evaluate("window.__drawn")
        pan = f"() => Promise.race([({PAN_JS.replace('/^map_[0-9a-f]+$/', '/^map_[0-9a-f_]+$/')})(), " + (
            f"new Promise(r => setTimeout(() => r({{timeout: true}}), {timeout_ms}))])"
        )
        national = page.evaluate(pan)
        if national.get("timeout"):
            raise TimeoutError(f"10 pans at the national view not done in {timeout_ms / 1000:.0f} s")
        out.update({f"national_{k}": v for k, v in national.items()})
        page.evaluate(PAN_AT_JS, [TOKYO[1], TOKYO[0], 10])
        zoomed = page.evaluate(pan)
        if zoomed.get("timeout"):
            raise TimeoutError(f"10 pans at zoom 10 not done in {timeout_ms / 1000:.0f} s")
        out.update({f"z10_{k}": v for k, v in zoomed.items()})
    except Exception as exc:  # a baseline that never finishes: say so
        out["error"] = f"{type(exc).__name__}: {str(exc).splitlines()[0][:120]}"
    if errors:
        out["error"] = "; ".join(errors)[:200]
    page.close()
    return out


def browser_runs(root: Path, sizes: list[int], runs: int, timeout_ms: int) -> dict[tuple[str, int], list[dict]]:
    """Every variant and size ``runs`` times, alternating; glify in its own WebGL-enabled browser."""
    from playwright.sync_api import sync_playwright

    server, base = serve(root)
    results: dict[tuple[str, int], list[dict]] = {}
    try:
        with sync_playwright() as pw:
            plain = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
            webgl = pw.chromium.launch(executable_path=CHROMIUM, args=WEBGL_ARGS, headless=True)
            try:
                for _ in range(runs):
                    for n in sizes:
                        for variant in ("ours", "svg", "leaflet-canvas", "geojson", "glify"):
                            if not (root / f"{variant}-{n}.html").exists():
                                continue
                            b = webgl if variant == "glify" else plain
                            r = measure(b, base, f"{variant}-{n}.html", timeout_ms)
                            results.setdefault((variant, n), []).append(r)
                            print(f"  {variant}-{n}: {_short(r)}", flush=True)
            finally:
                plain.close()
                webgl.close()
    finally:
        server.shutdown()
    return results


def _short(r: dict) -> str:
    if "error" in r and "draw" not in r:
        return r["error"]
    keys = ("draw", "national_p95", "national_longestTask", "z10_p95", "z10_longestTask")
    text = " ".join(f"{k}={r[k]:.0f}" for k in keys if k in r)
    return text + (f" ERROR {r['error']}" if "error" in r else "")


def table(results: dict[tuple[str, int], list[dict]], sizes: dict[int, dict[str, int]]) -> None:
    """Medians per variant and size."""
    print(
        f"\n{'renderer':15} {'sites':>7} {'bytes/site':>10} {'first draw ms':>13} {'pan p95 ms':>10} "
        f"{'pan longest task':>16} {'z10 p95':>8} {'z10 longest':>11}  note"
    )
    for (variant, n), runs in results.items():
        ok = [r for r in runs if "error" not in r]
        note = "" if ok else runs[0].get("error", "")

        def med(key: str, ok: list[dict] = ok) -> str:
            vals = [r[key] for r in ok if key in r]
            return f"{statistics.median(vals):.0f}" if vals else "—"

        print(
            f"{variant:15} {n:7,} {sizes[n][variant] / n:10.1f} {med('draw'):>13} {med('national_p95'):>10} "
            f"{med('national_longestTask'):>16} {med('z10_p95'):>8} {med('z10_longestTask'):>11}  {note}"
        )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--sizes", type=int, nargs="+", default=[10_000, 100_000])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--timeout-s", type=float, default=60)
    parser.add_argument("--skip-baselines", action="store_true")
    parser.add_argument("--live", type=int, default=0, help="also time the live map with this many sites")
    parser.add_argument("--live-runs", type=int, default=10)
    args = parser.parse_args()
    print(f"load average at start: {os.getloadavg()[0]:.1f} on {os.cpu_count()} CPUs")
    if not GLIFY.exists():
        print(f"glify not installed ({GLIFY}): run `npm install --prefix var/npm leaflet.glify` first")
    assets.install_static()
    if not args.skip_baselines:
        root = Path(tempfile.mkdtemp(prefix="chiiki-sites-"))
        (root / "app").mkdir()
        (root / "app" / "static").symlink_to(assets.STATIC_ROOT)
        if GLIFY.exists():
            (root / "npm").symlink_to(GLIFY.parent)
        sizes = {}
        for n in args.sizes:
            t0 = time.perf_counter()
            sizes[n] = write_pages(root, n)
            print(f"pages for {n:,} sites written in {time.perf_counter() - t0:.1f} s", flush=True)
        results = browser_runs(root, args.sizes, args.runs, int(args.timeout_s * 1000))
        table(results, sizes)
    if args.live:
        subprocess.run(
            [sys.executable, str(REPO / "bench" / "bench_live_map.py"), str(args.live), "--runs", str(args.live_runs)],
            check=True,
        )
    print(f"load average at end: {os.getloadavg()[0]:.1f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())

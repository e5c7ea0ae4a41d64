"""Benchmark: the live map (地図 page, 全国, default layers) with N synthetic sites in the store.

1. A GeoPackage store with the 43 samples plus N sites (``bench_import.write_csv``, imported the way
   ``chiiki-map sites import`` does).
2. AppTest: the first run, then the median re-run after a plan-type filter change that keeps every
   synthetic site visible (target <= 0.5 s at 100k).
3. What st_folium sends per re-run (``generate_leaflet_string`` + header) with N sites and with none:
   the difference per site (target <= ~80 bytes).
4. Headless Chromium, the map page as the app builds it (static layer files served locally): time until
   the sites, prefectures and default layers are drawn (target <= 2 s), then 10 animated pans at the
   national view and 10 at zoom 10 around Tokyo: frame gaps and the longest main-thread task (target:
   none over 200 ms).
Run: ``.venv/bin/python bench/bench_live_map.py 100000 [--runs 10] [--browser-runs 3]``.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))
sys.path.insert(0, str(REPO / "bench"))

from bench_national import PAN_JS, serve  # noqa: E402

TOKYO = (139.75, 35.68)
CHOICES = [["A"], ["A", "B"], ["A", "C"], []]  # every synthetic site is plan type A


def make_store(n: int, folder: Path) -> Path:
    """A GeoPackage store with the samples and ``n`` synthetic sites; returns its path."""
    from bench_import import write_csv

    from chiiki_cli.sites_cmd import read_import_file
    from geo.accounts import Actor
    from geo.sites.imports import plan_import
    from geo.store import open_store

    path = folder / "sites.gpkg"
    store = open_store(path)
    csv = folder / "sites.csv"
    write_csv(n, csv)
    raw, mapping = read_import_file(csv)
    plan = plan_import(raw, mapping, store.read())
    store.add(plan.accepted, Actor("bench", "editor"), action="import")
    return path


def app_rerun(runs: int) -> tuple[float, float, list[float]]:
    """First AppTest run and the re-runs after a filter change (seconds)."""
    from streamlit.testing.v1 import AppTest

    at = AppTest.from_file(str(REPO / "app.py"), default_timeout=600)
    t0 = time.perf_counter()
    at.run()
    first = time.perf_counter() - t0
    assert not at.exception, at.exception
    times = []
    for i in range(runs):
        widget = at.multiselect(key="plan_types").set_value(CHOICES[i % len(CHOICES)])
        t0 = time.perf_counter()
        widget.run()
        times.append(time.perf_counter() - t0)
        assert not at.exception, at.exception
    return first, statistics.median(times), times


def live_map(sites, urls: dict[str, str | None]):
    """The map the 地図 page builds for 全国 with the default layers."""
    from geo import infra, regions
    from layers.map import MapLayer, MapOptions, build_map
    from layers.presets import MAP_DEFAULT_LAYERS

    region = regions.resolve_region("japan")
    shown = [MapLayer(i, i, infra.LAYERS[i].kind, url=urls[i]) for i in MAP_DEFAULT_LAYERS if urls.get(i)]
    return build_map(
        bounds=regions.view_bounds(region),
        sites=sites,
        prefectures=MapLayer("pref", "都道府県", "polygon", url=urls["prefectures"]),
        blocks=MapLayer("block", "ブロック", "line", url=urls["blocks"]),
        layers=shown,
        options=MapOptions(site_cards=False, keep_view=("explore", region.id)),
    ), [x.id for x in shown]


def payload(m) -> int:
    """Bytes st_folium sends for ``m`` (script + header)."""
    from streamlit_folium import _get_header, generate_leaflet_string

    m.render()
    return len(generate_leaflet_string(m).encode()) + len(_get_header(m).encode())


def browser(html: str, layer_ids: list[str], runs: int) -> dict[str, list[float]]:
    """First draw and pan figures of the live map page, ``runs`` fresh pages."""
    from playwright.sync_api import sync_playwright

    from layers import assets
    from tests.support.browser import CHROMIUM, CHROMIUM_ARGS

    root = Path(tempfile.mkdtemp(prefix="chiiki-live-"))
    (root / "app").mkdir()
    (root / "app" / "static").symlink_to(assets.STATIC_ROOT)
    (root / "live.html").write_text(html, encoding="utf-8")
    server, base = serve(root)
    out: dict[str, list[float]] = {}
    at_tokyo = (
        "async () => { const map = window[Object.keys(window).find(k => /^map_[0-9a-f]+$/.test(k))];"
        f" map.setView([{TOKYO[1]}, {TOKYO[0]}], 10, {{animate: false}});"
        " await new Promise(r => setTimeout(r, 1500)); return document.querySelector('.leaflet-container')"
        ".getAttribute('data-site-mode'); }"
    )
    try:
        with sync_playwright() as pw:
            chromium = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
            for _ in range(runs):
                page = chromium.new_page(viewport={"width": 1400, "height": 620})
                attrs = "".join(f"[data-drawn-layer-{i}]" for i in layer_ids)
                page.goto(f"{base}/live.html", wait_until="commit")
                page.locator(f".leaflet-container[data-drawn-site][data-drawn-pref]{attrs}").wait_for(timeout=120_000)
                draw = page.evaluate("performance.now()")
                page.screenshot(path=str(root / "national.png"))
                mode = page.evaluate("document.querySelector('.leaflet-container').getAttribute('data-site-mode')")
                national = page.evaluate(PAN_JS)
                mode_z10 = page.evaluate(at_tokyo)
                page.screenshot(path=str(root / "tokyo_z10.png"))
                z10 = page.evaluate(PAN_JS)
                row = {"draw": draw, **{f"national_{k}": v for k, v in national.items()}}
                row.update({f"z10_{k}": v for k, v in z10.items()})
                for k, v in row.items():
                    out.setdefault(k, []).append(float(v))
                print(
                    f"  browser run: draw {draw:.0f} ms ({mode}), national longest task {national['longestTask']:.0f}"
                    f" ms, zoom 10 ({mode_z10}) longest task {z10['longestTask']:.0f} ms",
                    flush=True,
                )
                page.close()
            chromium.close()
    finally:
        server.shutdown()
    print(f"  screenshots: {root / 'national.png'}, {root / 'tokyo_z10.png'}")
    return out


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("n", type=int)
    parser.add_argument("--runs", type=int, default=10)
    parser.add_argument("--browser-runs", type=int, default=3)
    args = parser.parse_args()
    folder = Path(tempfile.mkdtemp(prefix="chiiki-live-bench-"))
    os.environ["CHIIKI_MAP_VAR"] = str(folder)
    t0 = time.perf_counter()
    store_path = make_store(args.n, folder)
    os.environ["CHIIKI_MAP_STORE"] = str(store_path)
    print(f"store with {args.n:,} synthetic sites + samples made in {time.perf_counter() - t0:.1f} s")
    print(f"load average: {os.getloadavg()[0]:.1f} on {os.cpu_count()} CPUs")

    first, median, times = app_rerun(args.runs)
    print(
        f"AppTest 全国 default layers: first run {first:.2f} s; re-run after a filter change, {args.runs} runs: "
        f"median {median:.3f} s, min {min(times):.3f} s, max {max(times):.3f} s  (target <= 0.5 s)"
    )

    from geo import infra
    from geo.store import open_store
    from layers import assets, static_files

    assets.install_static()
    urls = static_files.publish_all("ja", infra.data_fingerprint())
    sites = open_store(store_path).read()
    m, layer_ids = live_map(sites, urls)
    with_sites = payload(m)
    without = payload(live_map(sites.iloc[:0], urls)[0])
    print(
        f"st_folium payload per re-run: {with_sites:,} bytes with {len(sites):,} sites, {without:,} with none: "
        f"{(with_sites - without) / len(sites):.1f} bytes per site  (target <= ~80)"
    )
    m2, _ = live_map(sites, urls)
    html = m2.get_root().render()
    res = browser(html, layer_ids, args.browser_runs)
    med = {k: statistics.median(v) for k, v in res.items()}
    print(
        f"browser, median of {args.browser_runs}: first draw {med['draw']:.0f} ms (target <= 2000); "
        f"national: 10 pans {med['national_panMs']:.0f} ms, p95 frame {med['national_p95']:.1f} ms, "
        f"longest task {med['national_longestTask']:.0f} ms; zoom 10 Tokyo: p95 frame {med['z10_p95']:.1f} ms, "
        f"longest task {med['z10_longestTask']:.0f} ms (target: no task > 200 ms)"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())

"""Benchmark: median time of an app re-run after a filter change, Kyushu with every layer on.

Target (issue 2): median <= 0.5 s. Also reports the bytes streamlit-folium re-sends per run.
Run by hand: ``.venv/bin/python bench/bench_rerun.py [--runs 20]``.
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

from streamlit.testing.v1 import AppTest  # noqa: E402

from geo import infra  # noqa: E402


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=20)
    args = parser.parse_args()
    import os

    os.environ["CHIIKI_MAP_VAR"] = tempfile.mkdtemp(prefix="chiiki-bench-")
    at = AppTest.from_file(str(REPO / "app.py"), default_timeout=300)
    t0 = time.perf_counter()
    at.run()
    first = time.perf_counter() - t0
    at.selectbox(key="block").set_value("kyushu").run()
    on = [c for c in at.checkbox if c.key and c.key.startswith("layer_") and not c.disabled]
    for box in on:
        box.check()
    at.run()
    if at.exception:
        print(at.exception)
        return 1
    layers_on = [c.key.removeprefix("layer_") for c in at.checkbox if c.key and c.key.startswith("layer_") and c.value]
    choices = [["A"], ["A", "B"], ["B"], []]
    times = []
    for i in range(args.runs):
        widget = at.multiselect(key="plan_types").set_value(choices[i % len(choices)])
        t0 = time.perf_counter()
        widget.run()
        times.append(time.perf_counter() - t0)
        assert not at.exception, at.exception
    times.sort()
    payload = _payload_bytes()
    print(f"first run (cold, includes static layer files): {first:.2f} s")
    print(f"layers on ({len(layers_on)}): {', '.join(layers_on)}")
    print(
        f"re-run after filter change, {args.runs} runs: median {statistics.median(times):.3f} s, "
        f"p90 {times[int(0.9 * (len(times) - 1))]:.3f} s, max {times[-1]:.3f} s"
    )
    print(
        f"map payload re-sent per run (st_folium script+header): {payload:,} bytes; "
        f"static layer files fetched once: {_static_bytes():,} bytes"
    )
    return 0


def _payload_bytes() -> int:
    """Size of what st_folium sends for the Kyushu map with every loaded layer on."""
    from streamlit_folium import _get_header, generate_leaflet_string

    from geo import regions
    from geo.sites import selection
    from geo.store import open_store
    from layers.map import MapLayer, build_map

    region = regions.resolve_region("kyushu")
    sites = selection.filter_sites(open_store().read(), region=region)
    layers = [MapLayer(i, i, s.kind, url=f"/app/static/layers/{i}.json") for i, s in infra.LAYERS.items()]
    m = build_map(
        bounds=region.bounds,
        sites=sites,
        layers=layers,
        prefectures=MapLayer("pref", "p", "polygon", url="/p.json"),
        blocks=MapLayer("block", "b", "line", url="/b.json"),
    )
    m.render()
    return len(generate_leaflet_string(m).encode()) + len(_get_header(m).encode())


def _static_bytes() -> int:
    folder = REPO / "static" / "layers"
    return sum(p.stat().st_size for p in folder.glob("*-ja-*.json")) if folder.exists() else 0


if __name__ == "__main__":
    sys.exit(main())

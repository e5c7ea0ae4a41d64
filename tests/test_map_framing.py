"""Legends never cover the subject when a map is first shown (issue 24)."""

from __future__ import annotations

import json

from geo import regions
from layers.map import MapLayer, MapOptions, build_map


def _fit_options(html_text: str) -> dict:
    start = html_text.index(".fitBounds(")
    opts = html_text[start : html_text.index(");", start)]
    return json.loads(opts[opts.rindex("{") : opts.rindex("}") + 1])


def test_the_first_framing_leaves_the_legend_its_room(make_sites, west) -> None:
    bounds = regions.view_bounds(regions.resolve_region("43"))
    sites = make_sites([{"name": "A", "field": "crafts", "plan_type": "C", "lon": west[0], "lat": west[1]}])
    empty = {"type": "FeatureCollection", "features": []}
    base = {
        "bounds": bounds,
        "sites": sites,
        "prefectures": MapLayer("pref", "p", "polygon", data=empty),
        "blocks": MapLayer("block", "b", "line", data=empty),
    }
    with_legend = build_map(**base).get_root().render()
    assert _fit_options(with_legend)["paddingBottomRight"] == [350, 0]  # the legend's widest (330 px) + 20
    printed = build_map(**base, options=MapOptions(legend_control=False)).get_root().render()
    assert _fit_options(printed)["paddingBottomRight"] == [0, 0]  # a briefing prints its legend beside the map

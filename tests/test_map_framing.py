"""Legends never cover the subject when a map is first shown (issue 24): the legend goes to the corner the
region leaves free, or the first framing pads for it; a second box (a choropleth's classes) takes the next
corner; the live map frames with the same padding."""

from __future__ import annotations

import json

import pytest
import shapely

from geo import regions
from layers.legend import CornerLegend
from layers.live import live_document
from layers.map import MapLayer, MapOptions, build_map

# 130–131°E × 33–34°N. On a 760×600 map this box is fitted by its height (in Web Mercator it is 1.2 times as
# tall as wide): 600 px tall, about 497 px wide, centred (x ≈ 131–628 px). A 300×260 legend in the top-right
# corner (x 460–760, y 0–260) then lies inside the box's top-right quarter (x ≥ 380, y ≤ 300).
BOX = (130.0, 33.0, 131.0, 34.0)
SQUARE = shapely.box(*BOX)
L_SHAPE = SQUARE.difference(shapely.box(130.5, 33.5, 131.0, 34.0))  # no top-right quarter
MAP, LEGEND = (760.0, 600.0), (300.0, 260.0)


def test_the_legend_goes_to_the_corner_the_region_leaves_free() -> None:
    room = regions.box_room(regions.custom_region(L_SHAPE), BOX, MAP, LEGEND)
    assert (room.corner, room.pad, room.share) == ("topright", (0.0, 0.0, 0.0, 0.0), 0.0)
    assert set(room.others) == {"bottomright", "bottomleft", "topleft"}


def test_a_region_filling_its_frame_gets_padding_beside_the_legend() -> None:
    # padded beside the legend the box fits 460 px wide; padded below it only 340 px tall (≈ 282 px wide)
    room = regions.box_room(regions.custom_region(SQUARE), BOX, MAP, LEGEND)
    assert (room.corner, room.pad, room.share) == ("bottomright", (0.0, 0.0, 300.0, 0.0), 0.0)


@pytest.mark.parametrize("code", ["01", "43"])
def test_hokkaido_and_kumamoto_leave_their_legend_a_free_corner(code: str) -> None:
    region = regions.resolve_region(code)
    bounds = regions.view_bounds(region)
    room = regions.box_room(region, bounds, MAP, LEGEND)
    assert room.share <= 0.01
    assert regions.framing.corner_shares(region.geometry, bounds, MAP, LEGEND, room.pad)[room.corner] <= 0.01


@pytest.mark.parametrize("code", ["japan", "kyushu", "01", "47"])
def test_corner_shares_clip_as_the_overlay_does(code: str) -> None:
    """The shares are measured by clipping to each corner's rectangle; the general overlay (``intersection``,
    computed here) gives the same areas for the islands of Japan, 九州, 北海道 and 沖縄."""
    region = regions.resolve_region(code)
    bounds = regions.view_bounds(region)
    shape = regions.framing._mercator(region.geometry, bounds)
    pad = (0.0, 0.0, LEGEND[0], 0.0)
    shares, scale = regions.framing._shares(shape, bounds, MAP, LEGEND, pad)
    left, top, _ = regions.framing._frame_px(bounds, MAP, pad)
    (w, h), (bw, bh) = MAP, LEGEND
    corners = {
        "bottomright": (w - bw, h - bh),
        "bottomleft": (0.0, h - bh),
        "topright": (w - bw, 0.0),
        "topleft": (0.0, 0.0),
    }
    for corner, (x, y) in corners.items():
        box = shapely.box(left + x / scale, top + y / scale, left + (x + bw) / scale, top + (y + bh) / scale)
        assert shares[corner] == pytest.approx(shape.intersection(box).area / shape.area, abs=1e-9), corner
    assert 0.0 < shares["bottomleft"] < 1.0  # a corner the region partly fills: the clip is really measured


def _fit_options(html_text: str) -> dict:
    start = html_text.index(".fitBounds(")
    opts = html_text[start : html_text.index(");", start)]
    return json.loads(opts[opts.rindex("{") : opts.rindex("}") + 1])


def test_maps_place_and_pad_their_legends(make_sites) -> None:
    # A 760×900 map fits BOX by its height (750 px wide, x 5–755); the legend takes 320×330 in its corner
    # (layers.legend.LEGEND_BOX_PX). L_SHAPE leaves the top-right corner free (x ≥ 380, y ≤ 450). SQUARE leaves no
    # corner free: padded beside the legend it would fit 440 px wide, padded below it 570 px tall (475 px wide).
    sites = make_sites([{"name": "A", "field": "crafts", "plan_type": "C", "lon": 130.2, "lat": 33.2}])
    empty = {"type": "FeatureCollection", "features": []}
    base = {
        "bounds": BOX,
        "sites": sites,
        "prefectures": MapLayer("pref", "p", "polygon", data=empty),
        "blocks": MapLayer("block", "b", "line", data=empty),
    }
    tall = MapOptions(size_px=(760, 900))
    square = build_map(**base, region=regions.custom_region(SQUARE), options=tall)
    assert _fit_options(square.get_root().render())["paddingBottomRight"] == [0, 330]
    free = build_map(**base, region=regions.custom_region(L_SHAPE), options=tall)
    CornerLegend("<b>分類</b><div>x</div>").add_to(free)
    doc = live_document(free)
    assert json.loads(json.dumps(doc["view"]["fit"])) == {"paddingTopLeft": [0, 0], "paddingBottomRight": [0, 0]}
    legend = next(e for e in doc["entries"] if e["kind"] == "legend")
    box = next(e for e in doc["entries"] if e["kind"] == "box")
    assert legend["options"]["position"] == "topright"
    assert box["options"]["position"] == free.box_corners[1] != "topright"
    assert box["html"].startswith("<details open><summary>分類</summary>")  # the second box folds too
    printed = build_map(
        **base, region=regions.custom_region(SQUARE), options=MapOptions(size_px=(760, 900), legend_control=False)
    )
    assert _fit_options(printed.get_root().render())["paddingBottomRight"] == [0, 0]  # a briefing prints it beside

"""What a map of a region frames first: its main islands, not every far-off islet.

A block such as 九州 reaches Amami and Tokara; fitting all of it shrinks Kyushu to a corner. The live map
and the briefing both frame :func:`view_bounds`, so they agree.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass

import numpy as np
import shapely
from shapely.geometry.base import BaseGeometry

from geo import domain
from geo.crs import web_mercator_px
from geo.regions.resolve import Region, resolve_region

#: The four corners of a map, in the order preferred when they leave the same room (Leaflet's names).
CORNERS = ("bottomright", "bottomleft", "topright", "topleft")
#: A region's shape is simplified to 1/CORNER_DETAIL of its framed extent before its corners are measured.
CORNER_DETAIL = 800

#: A corner whose box covers at most this share of the region leaves room for it (no padding needed).
CORNER_FREE_SHARE = 0.01

#: A part of a region is framed when its area is at least this share of the region's largest part
#: (九州: Amami, Tsushima and Yakushima are under 2 % of Kyushu; in 鹿児島県 alone Amami is 11 %).
MAIN_PART_SHARE = 0.025


def main_parts_bounds(geometry: BaseGeometry, share: float = MAIN_PART_SHARE) -> tuple[float, float, float, float]:
    """Bounds of the parts of ``geometry`` whose area is at least ``share`` of its largest part.

    Parameters
    ----------
    geometry
        A (multi)polygon in EPSG:4326.
    share
        Smallest framed part, as a share of the largest part's area.

    Returns
    -------
    tuple of float
        ``(minx, miny, maxx, maxy)``.
    """
    parts = shapely.get_parts(geometry)
    if len(parts) == 0:
        minx, miny, maxx, maxy = geometry.bounds
        return float(minx), float(miny), float(maxx), float(maxy)
    areas = shapely.area(parts)
    keep = parts[areas >= share * areas.max()]
    minx, miny, maxx, maxy = (float(v) for v in shapely.total_bounds(keep))
    return minx, miny, maxx, maxy


@functools.cache
def _block_bounds(block_id: str) -> tuple[float, float, float, float]:
    return main_parts_bounds(resolve_region(block_id).geometry)


def view_bounds(region: Region) -> tuple[float, float, float, float]:
    """The box a map of ``region`` fits first: its main islands.

    全国 is every block's main islands (沖縄 keeps 沖縄本島 and the Sakishima islands); a block, prefecture or
    drawn area keeps its parts of at least :data:`MAIN_PART_SHARE` of its largest part.

    Parameters
    ----------
    region
        A resolved region.

    Returns
    -------
    tuple of float
        ``(minx, miny, maxx, maxy)`` in EPSG:4326.
    """
    if region.kind == "japan":
        boxes = [_block_bounds(b) for b in domain.BLOCKS]
        return (
            min(b[0] for b in boxes),
            min(b[1] for b in boxes),
            max(b[2] for b in boxes),
            max(b[3] for b in boxes),
        )
    if region.kind == "block":
        return _block_bounds(region.id)
    return main_parts_bounds(region.geometry)


def _frame_px(
    bounds: tuple[float, float, float, float], map_px: tuple[float, float], pad: tuple[float, float, float, float]
) -> tuple[float, float, float]:
    """Leaflet's ``fitBounds`` of ``bounds`` on a ``map_px`` map with padding (left, top, right, bottom).

    Returns the framed map's (left, top) in zoom-0 Web Mercator pixels and the map's pixels per zoom-0 pixel.
    """
    minx, miny, maxx, maxy = bounds
    (x0, x1), (y0, y1) = web_mercator_px([minx, maxx], [maxy, miny])
    w, h = map_px
    left, top, right, bottom = pad
    scale = min((w - left - right) / max(x1 - x0, 1e-9), (h - top - bottom) / max(y1 - y0, 1e-9))
    cx = (x0 + x1) / 2 + (right - left) / 2 / scale
    cy = (y0 + y1) / 2 + (bottom - top) / 2 / scale
    return cx - w / 2 / scale, cy - h / 2 / scale, scale


def _mercator(geometry: BaseGeometry, bounds: tuple[float, float, float, float]) -> BaseGeometry:
    """``geometry`` in zoom-0 Web Mercator pixels, simplified far below a pixel of a map framing ``bounds``."""
    (x0, x1), (y0, y1) = web_mercator_px([bounds[0], bounds[2]], [bounds[3], bounds[1]])

    def to_px(xy: np.ndarray) -> np.ndarray:
        return np.column_stack(web_mercator_px(xy[:, 0], xy[:, 1]))

    coarse = shapely.simplify(geometry, max(bounds[2] - bounds[0], bounds[3] - bounds[1]) / CORNER_DETAIL)  # degrees
    return shapely.simplify(shapely.transform(coarse, to_px), max(x1 - x0, y1 - y0) / CORNER_DETAIL)


def _shares(
    shape: BaseGeometry,
    bounds: tuple[float, float, float, float],
    map_px: tuple[float, float],
    box_px: tuple[float, float],
    pad: tuple[float, float, float, float],
) -> tuple[dict[str, float], float]:
    """Shares of ``shape`` (zoom-0 pixels) under the box in each corner, and the framing's scale."""
    left, top, scale = _frame_px(bounds, map_px, pad)
    w, h = map_px
    bw, bh = box_px
    boxes = {
        "bottomright": (w - bw, h - bh, w, h),
        "bottomleft": (0.0, h - bh, bw, h),
        "topright": (w - bw, 0.0, w, bh),
        "topleft": (0.0, 0.0, bw, bh),
    }
    total = float(shape.area)
    if total <= 0:
        return dict.fromkeys(CORNERS, 0.0), scale
    shares = {}
    for corner in CORNERS:
        a, b, c, d = boxes[corner]
        # clipping by a rectangle: the area of the overlay's result, ~10 times faster (Japan's first framing
        # took 0.18 s, in the first run of every new server)
        part = shapely.clip_by_rect(shape, left + a / scale, top + b / scale, left + c / scale, top + d / scale)
        shares[corner] = float(part.area) / total
    return shares, scale


def corner_shares(
    geometry: BaseGeometry,
    bounds: tuple[float, float, float, float],
    map_px: tuple[float, float],
    box_px: tuple[float, float],
    pad: tuple[float, float, float, float] = (0.0, 0.0, 0.0, 0.0),
) -> dict[str, float]:
    """Share of ``geometry``'s area under a box in each corner of a map that frames ``bounds``.

    The map (``map_px`` = width, height in pixels) fits ``bounds`` as Leaflet's ``fitBounds`` does, with
    ``pad`` (left, top, right, bottom pixels); the box (``box_px``: a legend) sits in each of
    :data:`CORNERS`. Areas are measured in Web Mercator, as the map shows them.

    Parameters
    ----------
    geometry
        The region, EPSG:4326.
    bounds
        ``(minx, miny, maxx, maxy)`` the map frames, EPSG:4326.
    map_px, box_px
        ``(width, height)`` of the map and of the box, in pixels.
    pad
        Padding of the framing, pixels.

    Returns
    -------
    dict
        ``{corner: share}``, each share in [0, 1] (0 for an empty geometry).
    """
    return _shares(_mercator(geometry, bounds), bounds, map_px, box_px, pad)[0]


@dataclass(frozen=True)
class BoxRoom:
    """Where a box (a legend) goes on a map of a region, and the framing padding that keeps it off the region.

    ``corner`` is one of :data:`CORNERS`; ``pad`` is (left, top, right, bottom) pixels for ``fitBounds``;
    ``share`` the share of the region's area the box still covers at the first framing; ``others`` the other
    corners, the one whose box would cover the least of the region first (for a second box).
    """

    corner: str
    pad: tuple[float, float, float, float]
    share: float
    others: tuple[str, ...] = ()


def _pads(corner: str, bw: float, bh: float) -> list[tuple[float, float, float, float]]:
    """No padding, padding beside the box, padding above/below it."""
    side = (bw, 0.0, 0.0, 0.0) if corner.endswith("left") else (0.0, 0.0, bw, 0.0)
    level = (0.0, bh, 0.0, 0.0) if corner.startswith("top") else (0.0, 0.0, 0.0, bh)
    return [(0.0, 0.0, 0.0, 0.0), side, level]


@functools.lru_cache(maxsize=128)
def box_room(
    region: Region,
    bounds: tuple[float, float, float, float],
    map_px: tuple[float, float],
    box_px: tuple[float, float],
) -> BoxRoom:
    """The corner and framing padding for a box on a map of ``region`` that frames ``bounds``.

    A corner whose box covers at most :data:`CORNER_FREE_SHARE` of the region wins as it is (the first of
    :data:`CORNERS` if several do; padding that costs the region nothing is left out). Otherwise the framing
    pads for the box — beside it or above/below it, in
    the corner and direction that leave the region largest — so the box sits on sea or on neighbours, not on
    the subject.

    Parameters
    ----------
    region
        A resolved region (its shape is what the box should not cover).
    bounds
        ``(minx, miny, maxx, maxy)`` the map frames (:func:`view_bounds`, or a plan's area), EPSG:4326.
    map_px, box_px
        ``(width, height)`` of the map and of the box, in pixels.

    Returns
    -------
    BoxRoom
    """
    shape = _mercator(region.geometry, bounds)
    best: tuple[tuple[float, ...], BoxRoom] | None = None
    for corner in CORNERS:
        for pad in _pads(corner, *box_px):
            shares, scale = _shares(shape, bounds, map_px, box_px, pad)
            share = shares[corner]
            # free corners first, the largest region, then the least padding (the region stays centred)
            rank = (0.0, -round(scale, 9), sum(pad)) if share <= CORNER_FREE_SHARE else (1.0, share, sum(pad))
            if best is None or (*rank, CORNERS.index(corner)) < best[0]:
                best = ((*rank, CORNERS.index(corner)), BoxRoom(corner, pad, share))
    assert best is not None
    room = best[1]
    shares = _shares(shape, bounds, map_px, box_px, room.pad)[0]
    others = sorted((c for c in CORNERS if c != room.corner), key=lambda c: (shares[c], CORNERS.index(c)))
    return BoxRoom(room.corner, room.pad, room.share, tuple(others))

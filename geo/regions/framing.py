"""What a map of a region frames first: its main islands, not every far-off islet.

A block such as 九州 reaches Amami and Tokara; fitting all of it shrinks Kyushu to a corner. The live map
and the briefing both frame :func:`view_bounds`, so they agree.
"""

from __future__ import annotations

import functools

import shapely
from shapely.geometry.base import BaseGeometry

from geo import domain
from geo.regions.resolve import Region, resolve_region

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

"""Japan's administrative boundaries, point lookup and region resolution (EPSG:4326).

``boundaries`` reads the processed N03 files and answers "where is this point"; ``resolve`` turns what a
person names (a block, a prefecture, 全国, a drawn area) into a ``Region``; ``index`` is the STRtree
point-in-polygon lookup they share.
"""

from geo.errors import RegionError
from geo.regions.boundaries import (
    DEFAULT_TOLERANCE_M,
    LOCATE_COLUMNS,
    blocks,
    boundary_credit,
    locate,
    locate_many,
    municipalities,
    municipality_name,
    prefectures,
)
from geo.regions.framing import BoxRoom, box_room, view_bounds
from geo.regions.resolve import Region, RegionLike, as_region, custom_region, resolve_region

__all__ = [
    "BoxRoom",
    "DEFAULT_TOLERANCE_M",
    "LOCATE_COLUMNS",
    "Region",
    "RegionError",
    "RegionLike",
    "as_region",
    "blocks",
    "boundary_credit",
    "box_room",
    "custom_region",
    "locate",
    "locate_many",
    "municipalities",
    "municipality_name",
    "prefectures",
    "resolve_region",
    "view_bounds",
]

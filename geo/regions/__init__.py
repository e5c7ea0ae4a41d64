"""Japan's administrative boundaries, point lookup and region resolution (EPSG:4326).

Public API: ``prefectures``, ``blocks``, ``municipalities``, ``locate``, ``locate_many``,
``resolve_region`` → ``Region``, ``boundary_credit``. See ``geo.regions.boundaries``.
"""

from geo.regions.boundaries import (
    DEFAULT_TOLERANCE_M,
    LOCATE_COLUMNS,
    Region,
    RegionError,
    blocks,
    boundary_credit,
    locate,
    locate_many,
    municipalities,
    prefectures,
    resolve_region,
)

__all__ = [
    "DEFAULT_TOLERANCE_M",
    "LOCATE_COLUMNS",
    "Region",
    "RegionError",
    "blocks",
    "boundary_credit",
    "locate",
    "locate_many",
    "municipalities",
    "prefectures",
    "resolve_region",
]

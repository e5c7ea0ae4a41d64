"""Region comparison (地域比較): the region profile (地域カルテ) of each region, in the order given.

Each region gets exactly what ``chiiki-map profile`` computes (``geo.analysis.profile``): the same
sites, parcels and commuting radius, so the figures of two columns can be read against each other.
"""

from __future__ import annotations

from collections.abc import Sequence

import geopandas as gpd

from geo.analysis import land
from geo.analysis.profile import RegionProfile, profile_json, region_profile
from geo.labour.catchment import DEFAULT_RADIUS_KM
from geo.regions import Region, RegionLike, as_region
from geo.sites import selection


def region_profiles(
    regions: Sequence[RegionLike], sites: gpd.GeoDataFrame, *, radius_km: float = DEFAULT_RADIUS_KM
) -> list[RegionProfile]:
    """The profile of each region (a ``Region`` or a spec), in the order given.

    ``sites`` are every pipeline site; each profile takes the ones in its region. No figure of a comparison
    reads a site's catchment (its labour row comes from the region's tables, as ``chiiki-map profile --json``'s
    does), so none is computed: a national register's catchments took seconds per column.
    """
    resolved: list[Region] = [as_region(r) for r in regions]
    return [
        region_profile(
            r,
            selection.filter_sites(sites, region=r),
            sites,
            land.load_parcels(r),
            radius_km=radius_km,
            catchments=False,
        )
        for r in resolved
    ]


def compare_regions(
    regions: Sequence[RegionLike], sites: gpd.GeoDataFrame, *, radius_km: float = DEFAULT_RADIUS_KM
) -> list[dict[str, object]]:
    """``profile_json`` of each region, in the order given (``chiiki-map compare --json``'s ``regions``)."""
    return [profile_json(p) for p in region_profiles(regions, sites, radius_km=radius_km)]

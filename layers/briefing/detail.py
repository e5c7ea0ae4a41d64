"""How much of the map a briefing shows and how finely: the view, the zoom it stays sharp to, what is near."""

from __future__ import annotations

import math
from dataclasses import dataclass

import geopandas as gpd

from geo import regions
from geo.briefing import BriefingData
from geo.crs import TILE_PX, web_mercator_px

#: Zoom levels of detail kept beyond the zoom that fits the region (zooming in twice stays sharp).
ZOOM_HEADROOM = 1.5
#: Map size the briefing is laid out for (screen); print uses A4 landscape.
MAP_WIDTH_PX, MAP_HEIGHT_PX = 1100, 620


@dataclass(frozen=True)
class Detail:
    """How finely a briefing keeps geometry.

    ``zoom`` is the zoom it stays sharp to, ``tolerance_deg`` the simplification tolerance (degrees) and
    ``grid_zoom`` the zoom of the pixel grid vertices are rounded to (half a pixel at ``zoom``).
    """

    zoom: float
    tolerance_deg: float
    grid_zoom: int


def detail_for(
    bounds: tuple[float, float, float, float],
    width_px: int = MAP_WIDTH_PX,
    height_px: int = MAP_HEIGHT_PX,
    headroom: float = ZOOM_HEADROOM,
) -> Detail:
    """Tolerance of about one pixel at the zoom fitting ``bounds`` plus ``headroom`` levels.

    Parameters
    ----------
    bounds
        ``(minx, miny, maxx, maxy)`` in EPSG:4326.
    width_px, height_px
        Size of the map the view is fitted into.
    headroom
        Zoom levels beyond the fitting zoom that stay sharp.

    Returns
    -------
    Detail
        Zoom, tolerance in degrees and the zoom of the rounding grid.
    """
    minx, miny, maxx, maxy = bounds
    (x0, x1), (y0, y1) = web_mercator_px([minx, maxx], [miny, maxy])  # pixels at zoom 0 (y grows southwards)
    zoom_x = math.log2(width_px / max(float(x1 - x0), 1e-6 * TILE_PX / 360.0))
    zoom_y = math.log2(height_px / max(float(y0 - y1), 1e-9 * TILE_PX / (2 * math.pi)))
    zoom = min(zoom_x, zoom_y, 18.0) + headroom
    pixel_deg = 360.0 / (TILE_PX * 2**zoom) * math.cos(math.radians((miny + maxy) / 2))
    return Detail(round(zoom, 2), pixel_deg, math.ceil(zoom) + 1)


def view_bounds(data: BriefingData) -> tuple[float, float, float, float]:
    """What the briefing map fits: the region's main islands, as the live map does.

    :func:`geo.regions.view_bounds` leaves out far-off islets (九州 fits Kyushu, not Amami and Tokara), so
    the A4 map fits its region and agrees with the app.

    Parameters
    ----------
    data
        The briefing's inputs (its region).

    Returns
    -------
    tuple of float
        ``(minx, miny, maxx, maxy)`` in EPSG:4326.
    """
    return regions.view_bounds(data.region)


def near(gdf: gpd.GeoDataFrame, bounds: tuple[float, float, float, float], margin: float = 0.25) -> gpd.GeoDataFrame:
    """Rows intersecting ``bounds`` widened by ``margin`` of its size (what a reader can pan to).

    Parameters
    ----------
    gdf
        Features in EPSG:4326.
    bounds
        ``(minx, miny, maxx, maxy)`` of the view.
    margin
        Widening on each side, as a fraction of the view's width and height.

    Returns
    -------
    geopandas.GeoDataFrame
        The rows of ``gdf`` whose bounding boxes reach the widened view.
    """
    minx, miny, maxx, maxy = bounds
    dx, dy = (maxx - minx) * margin, (maxy - miny) * margin
    return gdf.cx[minx - dx : maxx + dx, miny - dy : maxy + dy]

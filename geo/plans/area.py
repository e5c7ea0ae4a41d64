"""Where a plan is: its region (block, prefecture, municipality or a drawn area) as a ``geo.regions.Region``.

A plan stores its region as an id — a block (``kyushu``), a JIS prefecture code (``43``), a municipality
code (``43404``) or ``custom-…`` with the drawn area as WKT — and this module turns it back into a
``Region`` (geometry, bounds, prefectures) for the derived sections, the map and ``plan list --region``.
"""

from __future__ import annotations

import functools
from pathlib import Path

import geopandas as gpd
import shapely
from shapely.geometry.base import BaseGeometry

from geo import regions
from geo.crs import to_store_crs
from geo.errors import PlanError
from geo.regions import Region
from geo.text import clip


@functools.cache
def _municipality(code: str) -> Region | None:
    munis = regions.municipalities()
    row = munis[munis["code"].astype(str) == code]
    if row.empty:
        return None
    geom = row.geometry.union_all()
    name = str(row["name_ja"].iloc[0])
    pref = str(row["pref_code"].iloc[0])
    return Region(code, "custom", name, name, (pref,), geom, geom.bounds)


def region_id(spec: object, area: BaseGeometry | None = None) -> tuple[str, str | None]:
    """What a plan stores for a region a person named: (region id, drawn area as WKT or None).

    Parameters
    ----------
    spec
        A region spec of ``geo.regions.resolve_region`` (``kyushu``, ``43``, ``熊本県``, ``九州``), a
        five-digit municipality code (``43404``) or a ``Region``; ignored when ``area`` is given.
    area
        A drawn area (EPSG:4326): the plan's region is that area.
    """
    if area is not None:
        if area.is_empty or not area.is_valid:
            raise PlanError("plan_area_unusable")
        wkt = shapely.to_wkt(area, rounding_precision=6)
        return regions.custom_region(shapely.from_wkt(wkt)).id, wkt
    if isinstance(spec, Region):
        if spec.kind == "custom" and spec.id.startswith("custom-"):
            return region_id(None, spec.geometry)
        return spec.id, None
    text = str(spec).strip()
    if len(text) == 5 and text.isascii() and text.isdigit():
        if _municipality(text) is None:
            raise PlanError("plan_municipality_unknown", code=clip(text, 10))
        return text, None
    return regions.resolve_region(text).id, None


def area_from_file(path: str | Path) -> BaseGeometry:
    """The drawn area of a GeoJSON or GeoPackage file: its polygons united, in EPSG:4326.

    Raises
    ------
    geo.errors.PlanError
        ``plan_area_file`` when the file cannot be read, ``plan_area_no_polygon`` when it holds no polygon.
    """
    try:
        gdf = to_store_crs(gpd.read_file(path, engine="pyogrio"))
    except Exception as exc:  # pyogrio and GDAL raise many types for files they cannot read
        raise PlanError("plan_area_file", file=clip(Path(path).name, 120), problem=clip(exc, 200)) from None
    polygons = gdf[gdf.geom_type.isin(["Polygon", "MultiPolygon"])]
    if polygons.empty:
        raise PlanError("plan_area_no_polygon", file=clip(Path(path).name, 120))
    return polygons.geometry.union_all()


def plan_region(region: str, area: str | None = None) -> Region:
    """The ``Region`` of a stored plan region id (and drawn area WKT)."""
    if area:
        return regions.custom_region(shapely.from_wkt(area))
    if len(region) == 5 and region.isdigit():
        muni = _municipality(region)
        if muni is None:
            raise PlanError("plan_municipality_unknown", code=clip(region, 10))
        return muni
    return regions.resolve_region(region)


def overlaps(plan_area: Region, region: Region) -> bool:
    """Whether a plan's region shares a prefecture with ``region`` (how ``plan list --region`` selects)."""
    return region.kind == "japan" or bool(set(plan_area.pref_codes) & set(region.pref_codes))

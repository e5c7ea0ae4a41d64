"""Hand-made sites for the analysis tests: positions computed so metric distances are known exactly."""

from __future__ import annotations

import geopandas as gpd
import pandas as pd
from pyproj import Transformer

from geo.sites.schema import validate_sites

#: 熊本県小国町 area, 3 km west of the 大分県 border; JGD2011 UTM zone 52 (EPSG:6689).
WEST = (131.13, 33.15)
UTM52 = "EPSG:6689"


def offset(lon: float, lat: float, dx_m: float, dy_m: float = 0.0) -> tuple[float, float]:
    """The point ``dx_m``/``dy_m`` metres east/north of (lon, lat) in UTM zone 52."""
    fwd = Transformer.from_crs(4326, UTM52, always_xy=True)
    back = Transformer.from_crs(UTM52, 4326, always_xy=True)
    x, y = fwd.transform(lon, lat)
    return back.transform(x + dx_m, y + dy_m)


def make_sites(rows: list[dict]) -> gpd.GeoDataFrame:
    """Validated sites (pref_code/block derived) from dicts with name, field, lon, lat and optional numbers."""
    base = {"plan_type": "A", "status": "planned", "company": "", "is_sample": "false"}
    accepted, rejected = validate_sites(pd.DataFrame([{**base, **r} for r in rows]))
    assert rejected.empty, rejected
    return accepted


def border_pair(field: str = "ai_semiconductor") -> gpd.GeoDataFrame:
    """Two sites 20.000 km apart (UTM 52) across the 熊本/大分 border."""
    east = offset(*WEST, 20_000.0)
    return make_sites(
        [
            {
                "name": "西サイト",
                "field": field,
                "lon": WEST[0],
                "lat": WEST[1],
                "investment_oku_yen": "100",
                "jobs": "50",
                "land_ha": "10",
            },
            {
                "name": "東サイト",
                "field": field,
                "lon": east[0],
                "lat": east[1],
                "investment_oku_yen": "300",
                "jobs": "",
                "land_ha": "5",
            },
        ]
    )

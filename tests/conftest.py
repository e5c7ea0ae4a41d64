"""Fixtures shared by the AppTest suites."""

from __future__ import annotations

from collections.abc import Callable

import geopandas as gpd
import pandas as pd
import pytest
from pyproj import Transformer
from streamlit.testing.v1 import AppTest

from geo.sites.schema import validate_sites
from tests.browser_support import REPO


@pytest.fixture()
def app(tmp_path, monkeypatch) -> AppTest:
    """The app after its first run, on a fresh store and OSM cache in ``tmp_path``."""
    monkeypatch.setenv("CHIIKI_MAP_VAR", str(tmp_path))
    for name in ("CHIIKI_MAP_STORE", "CHIIKI_MAP_CACHE", "DATABASE_URL"):
        monkeypatch.delenv(name, raising=False)
    at = AppTest.from_file(str(REPO / "app.py"), default_timeout=180)
    at.run()
    assert not at.exception, at.exception
    return at


# --- analysis fixtures: hand-made sites whose metric distances are known exactly ---------------------
#: 熊本県小国町 area, 3 km west of the 大分県 border; JGD2011 UTM zone 52 (EPSG:6689).
_WEST = (131.13, 33.15)
_UTM52 = "EPSG:6689"


@pytest.fixture()
def west() -> tuple[float, float]:
    """A point in 熊本県小国町, 3 km west of the 大分県 border (lon, lat)."""
    return _WEST


@pytest.fixture()
def offset() -> Callable[..., tuple[float, float]]:
    """``offset(lon, lat, dx_m, dy_m=0)``: the point ``dx_m``/``dy_m`` metres east/north, in UTM zone 52."""
    fwd = Transformer.from_crs(4326, _UTM52, always_xy=True)
    back = Transformer.from_crs(_UTM52, 4326, always_xy=True)

    def move(lon: float, lat: float, dx_m: float, dy_m: float = 0.0) -> tuple[float, float]:
        x, y = fwd.transform(lon, lat)
        return back.transform(x + dx_m, y + dy_m)

    return move


@pytest.fixture()
def make_sites() -> Callable[[list[dict]], gpd.GeoDataFrame]:
    """Validated sites (pref_code/block derived) from dicts with name, field, lon, lat and optional numbers."""

    def make(rows: list[dict]) -> gpd.GeoDataFrame:
        base = {"plan_type": "A", "status": "planned", "company": "", "is_sample": "false"}
        accepted, rejected = validate_sites(pd.DataFrame([{**base, **r} for r in rows]))
        assert rejected.empty, rejected
        return accepted

    return make


@pytest.fixture()
def border_pair(make_sites, offset) -> gpd.GeoDataFrame:
    """Two AI・半導体 sites 20.000 km apart (UTM 52) across the 熊本/大分 border."""
    east = offset(*_WEST, 20_000.0)
    common = {"field": "ai_semiconductor"}
    return make_sites(
        [
            {
                **common,
                "name": "西サイト",
                "lon": _WEST[0],
                "lat": _WEST[1],
                "investment_oku_yen": "100",
                "jobs": "50",
                "land_ha": "10",
            },
            {
                **common,
                "name": "東サイト",
                "lon": east[0],
                "lat": east[1],
                "investment_oku_yen": "300",
                "jobs": "",
                "land_ha": "5",
            },
        ]
    )

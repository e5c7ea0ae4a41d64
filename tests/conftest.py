"""Fixtures shared by the AppTest suites."""

from __future__ import annotations

import os
import uuid
from collections.abc import Callable, Iterator
from pathlib import Path

import geopandas as gpd
import pandas as pd
import pytest
from pyproj import Transformer
from streamlit.testing.v1 import AppTest

from geo.config import SAMPLE_SITES_CSV
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


# --- store fixtures ---
# Stores for both backends: ``store_target`` is a GeoPackage path or a PostGIS URL. PostGIS runs against
# ``CHIIKI_MAP_TEST_PG`` (a server with the postgis extension available; ``.ci/run`` starts one), each
# test in its own schema, dropped afterwards. Without it the PostGIS variants are skipped with the reason
# shown (``-rs``), except under ``CI``, where a missing server is a failure.

STORE_BACKENDS = ["gpkg", "postgis"]


def make_site_rows(n: int, prefix: str, lon: float = 130.845, lat: float = 32.882, **extra: object) -> pd.DataFrame:
    """``n`` valid plan-A sites with unique names on a grid (spacing ~100 m) around an inland point."""
    rows = [
        {
            "name": f"{prefix}-{i:04d}",
            "plan_type": "A",
            "field": "ai_semiconductor",
            "status": "planned",
            "lon": lon + (i % 25) * 0.001,
            "lat": lat + (i // 25) * 0.001,
            **extra,
        }
        for i in range(n)
    ]
    return pd.DataFrame(rows)


@pytest.fixture
def site_rows() -> Callable[..., pd.DataFrame]:
    """``make_site_rows``: ``site_rows(n, prefix, lon=..., lat=..., **extra)`` valid sites ~100 m apart."""
    return make_site_rows


@pytest.fixture(scope="session")
def n_sample() -> int:
    """Number of sample sites a new store is seeded with."""
    return len(pd.read_csv(SAMPLE_SITES_CSV, dtype=str))


def _pg_server() -> str:
    """The test server URL, or skip (fail under CI) with the reason."""
    url = os.environ.get("CHIIKI_MAP_TEST_PG", "")
    if url:
        return url
    if os.environ.get("CI"):
        pytest.fail(
            "CI is set but CHIIKI_MAP_TEST_PG is not: the PostGIS store tests must run in CI "
            "(.ci/run starts a throwaway cluster and exports it)"
        )
    pytest.skip(
        "PostGIS variant skipped: no test server configured; set CHIIKI_MAP_TEST_PG="
        "postgresql://postgres@127.0.0.1:5433/chiiki_test (see .ci/run) to run it"
    )


@pytest.fixture
def pg_url() -> Iterator[str]:
    """A PostGIS URL whose search path is a fresh schema (dropped after the test)."""
    import psycopg

    server = _pg_server()
    schema = f"t_{uuid.uuid4().hex[:12]}"
    with psycopg.connect(server, autocommit=True) as con:
        con.execute("CREATE EXTENSION IF NOT EXISTS postgis")
        con.execute(f"CREATE SCHEMA {schema}")
    sep = "&" if "?" in server else "?"
    try:
        yield f"{server}{sep}options=-csearch_path%3D{schema},public"
    finally:
        with psycopg.connect(server, autocommit=True) as con:
            con.execute(f"DROP SCHEMA IF EXISTS {schema} CASCADE")


@pytest.fixture(params=STORE_BACKENDS)
def store_target(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    """Where a fresh store lives for this test: a GeoPackage path or a PostGIS URL."""
    if request.param == "gpkg":
        return str(tmp_path / "var" / "sites.gpkg")
    return str(request.getfixturevalue("pg_url"))


@pytest.fixture
def store_env(store_target: str, monkeypatch: pytest.MonkeyPatch) -> str:
    """``store_target`` made the default store (``CHIIKI_MAP_STORE`` or ``DATABASE_URL``)."""
    if store_target.startswith("postgresql://"):
        monkeypatch.setenv("DATABASE_URL", store_target)
    else:
        monkeypatch.delenv("DATABASE_URL", raising=False)
        monkeypatch.setenv("CHIIKI_MAP_STORE", store_target)
    return store_target


# --- end of store fixtures ---

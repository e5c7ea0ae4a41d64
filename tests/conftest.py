"""Fixtures shared by the test suites, in sections: the app (AppTest), layers/briefing/browser,
analysis (hand-made sites with exact distances), store (both backends).

Fixtures only: the helpers behind them (browser, server, sample sites, PostGIS) live in :mod:`tests.support`,
which tests and ``bench/`` import directly.
"""

from __future__ import annotations

import os
import uuid
from collections.abc import Callable, Iterator
from contextlib import AbstractContextManager
from pathlib import Path

import geopandas as gpd
import pandas as pd
import pytest
from argon2 import PasswordHasher
from pyproj import Transformer
from streamlit.testing.v1 import AppTest

from geo import accounts
from geo.config import SAMPLE_SITES_CSV
from geo.sites.schema import validate_sites
from tests.support import ARTIFACTS, REPO, TEST_HASHER, browser
from tests.support.browser import RequestGuard, SharedChromium, find_map_frame, read_canvas_state
from tests.support.pg import pg_server
from tests.support.programs import stop_if_missing_in_ci
from tests.support.server import SharedServer, run_streamlit_server
from tests.support.sites import BRIEFING_GOLDEN, BRIEFING_ROWS, XSS, make_fixed_sites, make_site_rows

#: No background warm-up (``ui.warm``) in the apps and servers the tests start: each test's store is new, so
#: every one would compute the national analyses beside the test. ``tests/test_warm.py`` turns it on.
os.environ["CHIIKI_MAP_WARM"] = "0"

# --- the test tiers: `make test-fast` runs `-m "not browser and not apptest"` ---------------------------


@pytest.fixture(autouse=True)
def _slow_tiers_are_marked(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> None:
    """A test that starts the app in AppTest must be marked ``apptest``, one that opens Chromium ``browser``:
    unmarked, it fails at that call (so ``make test-fast`` really leaves out every slow test)."""

    def refuse(marker: str) -> Callable[..., None]:
        def call(*args: object, **kwargs: object) -> None:
            pytest.fail(f"{request.node.nodeid} is not marked @pytest.mark.{marker}: mark it (or its module)")

        return call

    if request.node.get_closest_marker("apptest") is None:
        for name in ("from_file", "from_string", "from_function"):
            monkeypatch.setattr(AppTest, name, refuse("apptest"))
    if request.node.get_closest_marker("browser") is None:
        monkeypatch.setattr(browser, "require_chromium", refuse("browser"))


@pytest.fixture(autouse=True, scope="session")
def production_hasher() -> Iterator[PasswordHasher]:
    """The app's own password hasher; every test in this process hashes with ``TEST_HASHER`` instead
    (CLI runs in a subprocess keep the real one; the sign-in workers of ``tests.support.store_worker`` use
    ``TEST_HASHER`` too)."""
    real = accounts._HASHER
    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(accounts, "_HASHER", TEST_HASHER)
        yield real


# --- the app (AppTest) ---

# --- external programs the suite calls (tests.support.programs) ---


def pytest_sessionstart(session: pytest.Session) -> None:
    """In CI, stop at once when an external program the tests call is missing (named, with its package)."""
    stop_if_missing_in_ci()


@pytest.fixture()
def app_env(tmp_path, monkeypatch) -> Path:
    """``tmp_path`` as the app's run-time folder: a fresh GeoPackage store and OSM cache, no PostGIS."""
    monkeypatch.setenv("CHIIKI_MAP_VAR", str(tmp_path))
    for name in ("CHIIKI_MAP_STORE", "CHIIKI_MAP_CACHE", "DATABASE_URL"):
        monkeypatch.delenv(name, raising=False)
    return tmp_path


@pytest.fixture()
def app(app_env: Path) -> AppTest:
    """The app after its first run, on a fresh store and OSM cache in ``tmp_path``."""
    at = AppTest.from_file(str(REPO / "app.py"), default_timeout=180)
    at.run()
    assert not at.exception, at.exception
    return at


# --- layers/briefing/browser fixtures ---
# Headless Debian Chromium with every non-local request blocked and counted, a local Streamlit server,
# what the canvas renderer drew, and a fixed sample of sites for briefings (independent of the
# committed sample CSV), all from tests.support.


@pytest.fixture(scope="session")
def xss() -> str:
    """A site name that runs script if it is ever written as HTML."""
    return XSS


@pytest.fixture(scope="session")
def briefing_rows() -> list[tuple]:
    """The raw rows behind :func:`fixed_sites` (name first, lon/lat last)."""
    return list(BRIEFING_ROWS)


@pytest.fixture(scope="session")
def briefing_golden() -> dict[str, float]:
    """The summary of the fixed sites, added up by hand."""
    return dict(BRIEFING_GOLDEN)


@pytest.fixture(scope="session")
def fixed_sites() -> gpd.GeoDataFrame:
    """The five validated briefing sites; shared by the session, so copy before changing it."""
    return make_fixed_sites()


@pytest.fixture()
def artifacts() -> Path:
    """Folder for screenshots a person can look at after the run (``test-artifacts/``)."""
    ARTIFACTS.mkdir(exist_ok=True)
    return ARTIFACTS


@pytest.fixture()
def request_guard() -> type[RequestGuard]:
    """The route handler class: ``request_guard(allow_file=...)`` blocks and records non-local requests."""
    return RequestGuard


@pytest.fixture(scope="session")
def _chromium() -> Iterator[SharedChromium]:
    """The session's one Chromium (launched at the first page a browser test opens, closed at the end)."""
    shared = SharedChromium()
    yield shared
    shared.close()


@pytest.fixture()
def browser_page(_chromium: SharedChromium) -> Callable[..., AbstractContextManager]:
    """``with browser_page(guard) as page``: a page in a new context of the session's Chromium, behind
    ``guard`` (skips without Chromium)."""
    return _chromium.page


@pytest.fixture()
def streamlit_server() -> Callable[..., AbstractContextManager]:
    """``with streamlit_server(env) as base_url``: the app on a free local port."""
    return run_streamlit_server


@pytest.fixture(scope="session")
def _reader_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[SharedServer]:
    """The session's app server for tests that only read, on a fresh run-time folder of its own."""
    shared = SharedServer({"CHIIKI_MAP_VAR": str(tmp_path_factory.mktemp("reader-app"))})
    yield shared
    shared.close()


@pytest.fixture()
def shared_server(_reader_server: SharedServer) -> Callable[[], AbstractContextManager[str]]:
    """``with shared_server() as base_url``: one app server for the whole session, on a fresh store with the
    sample sites. Only for tests that write nothing (no sign-in, no saves, no uploads): a test that writes,
    or needs its own store, starts its own with ``streamlit_server``."""
    return _reader_server.url


@pytest.fixture()
def canvas_state() -> Callable[[object], dict]:
    """``canvas_state(page_or_frame)``: ``{"drawn": {key: n}, "painted": pixels}`` of the canvas renderer."""
    return read_canvas_state


@pytest.fixture()
def map_frame() -> Callable[[object], object]:
    """``map_frame(page)``: the streamlit-folium iframe (a Playwright Frame)."""
    return find_map_frame


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


@pytest.fixture
def site_rows() -> Callable[..., pd.DataFrame]:
    """``make_site_rows``: ``site_rows(n, prefix, lon=..., lat=..., **extra)`` valid sites ~100 m apart."""
    return make_site_rows


@pytest.fixture(scope="session")
def n_sample() -> int:
    """Number of sample sites a new store is seeded with."""
    return len(pd.read_csv(SAMPLE_SITES_CSV, dtype=str))


@pytest.fixture
def pg_empty_url() -> Iterator[str]:
    """A PostGIS URL whose search path is a fresh, empty schema (dropped after the test): no store yet."""
    import psycopg

    server = pg_server()
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


@pytest.fixture
def pg_url(pg_empty_url: str) -> str:
    """A PostGIS store in a fresh schema, made (and seeded) by its owner as `chiiki-map db upgrade` does."""
    from geo.store import upgrade_store

    upgrade_store(pg_empty_url)
    return pg_empty_url


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
        Path(store_target).parent.mkdir(parents=True, exist_ok=True)  # a configured store's folder exists
    return store_target


# --- end of store fixtures ---

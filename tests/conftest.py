"""Fixtures shared by the test suites, in sections: the app (AppTest), layers/briefing/browser,
analysis (hand-made sites with exact distances), store (both backends).
"""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
import uuid
from collections.abc import Callable, Iterator
from contextlib import AbstractContextManager, contextmanager
from pathlib import Path
from urllib.parse import urlparse

import geopandas as gpd
import pandas as pd
import pytest
from pyproj import Transformer
from streamlit.testing.v1 import AppTest

from geo.config import SAMPLE_SITES_CSV
from geo.sites.schema import validate_sites


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
# committed sample CSV). Helpers are plain functions here; tests get them through the fixtures below.
# bench/ imports CHROMIUM and CHROMIUM_ARGS from this module.

REPO = Path(__file__).resolve().parent.parent
ARTIFACTS = REPO / "test-artifacts"
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
LOCAL_HOSTS = {"localhost", "127.0.0.1", "::1", "[::1]"}

XSS = "<img src=x onerror=alert(1)>"
#: name, plan, field, company, 億円, jobs, land ha, status, lon, lat
BRIEFING_ROWS = [
    (XSS, "A", "ai_semiconductor", "<b>Evil & Co</b>", 1200, 300, 20, "planned", 130.80, 32.90),
    ("菊陽テスト工場", "A", "ai_semiconductor", "テスト半導体", 800, 200, None, "construction", 130.84, 32.88),
    ("合志テスト拠点", "A", "ai_semiconductor", "テスト電子", None, 150, 5.5, "planned", 130.78, 32.89),
    ("北九州テスト港", "B", "port_logistics", "テスト港運", 300, None, None, "operating", 130.83, 33.86),
    ("有田テスト窯", "C", "crafts", "テスト窯元", 2.5, 12, None, "operating", 129.88, 33.19),
]
#: The summary of BRIEFING_ROWS, added up by hand (1200 + 800 + 300 + 2.5 億円; 300 + 200 + 150 + 12 jobs; 20 + 5.5 ha).
BRIEFING_GOLDEN = {"n_sites": 5, "investment_oku_yen": 2302.5, "jobs": 662, "land_ha": 25.5}


def require_chromium() -> None:
    """Skip (with the reason) on a developer machine without Chromium; in CI a missing browser fails."""
    if Path(CHROMIUM).exists() and shutil.which("chromium"):
        return
    message = f"{CHROMIUM} not found: install Debian's chromium (apt-get install chromium)"
    if os.environ.get("CI"):
        pytest.fail(message + " — .ci/run must install it")
    pytest.skip(message)


class RequestGuard:
    """A Playwright route handler: lets local requests through, aborts and records all others."""

    def __init__(self, allow_file: bool | str = False) -> None:
        """``allow_file``: True lets every ``file://`` URL through, a URL string only that one file."""
        self.blocked: list[str] = []
        self.allow_file = allow_file

    def _file_allowed(self, url: str) -> bool:
        return self.allow_file is True or (isinstance(self.allow_file, str) and url == self.allow_file)

    def __call__(self, route, request) -> None:
        url = urlparse(request.url)
        local = url.scheme in ("data", "blob", "about") or (url.scheme == "file" and self._file_allowed(request.url))
        if url.scheme in ("http", "https", "ws", "wss") and url.hostname in LOCAL_HOSTS:
            local = True
        if local:
            route.continue_()
        else:
            self.blocked.append(request.url)
            route.abort()


@contextmanager
def open_browser_page(guard: RequestGuard, width: int = 1400, height: int = 1000) -> Iterator:
    """A Chromium page with ``guard`` on every request of its context."""
    require_chromium()
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
        try:
            context = browser.new_context(viewport={"width": width, "height": height}, locale="ja-JP")
            context.route("**/*", guard)
            yield context.new_page()
        finally:
            browser.close()


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_until_up(base: str, proc: subprocess.Popen, timeout: float, poll_s: float = 0.05) -> None:
    """Wait until the Streamlit server at ``base`` answers its health check (RuntimeError with its output if not)."""
    deadline = time.monotonic() + timeout
    while True:
        try:
            with urllib.request.urlopen(f"{base}/_stcore/health", timeout=2) as r:
                if r.status == 200:
                    return
        except OSError:
            pass
        if proc.poll() is not None or time.monotonic() > deadline:
            out = proc.stdout.read().decode(errors="replace") if proc.stdout else ""
            raise RuntimeError(f"streamlit did not start on {base}:\n{out[-3000:]}")
        time.sleep(poll_s)


@contextmanager
def run_streamlit_server(env_extra: dict[str, str], timeout: float = 90.0) -> Iterator[str]:
    """Run ``streamlit run app.py`` on a free local port; yields its base URL."""
    port = free_port()
    env = {**os.environ, **env_extra}
    cmd = [
        sys.executable,
        "-m",
        "streamlit",
        "run",
        str(REPO / "app.py"),
        "--server.port",
        str(port),
        "--server.address",
        "127.0.0.1",
        "--server.headless",
        "true",
        "--browser.gatherUsageStats",
        "false",
    ]
    proc = subprocess.Popen(cmd, cwd=REPO, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    base = f"http://127.0.0.1:{port}"
    try:
        wait_until_up(base, proc, timeout, poll_s=0.5)
        yield base
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()


#: ``{key: features drawn}`` from the ``data-drawn-<key>`` attributes the canvas renderer sets, and the
#: number of painted (non-transparent) pixels of the map's canvas.
CANVAS_STATE_JS = """() => {
  const el = document.querySelector(".leaflet-container"), drawn = {};
  for (const a of el.attributes) { if (a.name.startsWith("data-drawn-")) { drawn[a.name.slice(11)] = +a.value; } }
  const c = document.querySelector("canvas.cm-canvas");
  let painted = 0;
  if (c) {
    const d = c.getContext("2d").getImageData(0, 0, c.width, c.height).data;
    for (let i = 3; i < d.length; i += 4) { if (d[i] > 0) { painted++; } }
  }
  return {drawn, painted};
}"""


def read_canvas_state(page) -> dict:
    """What the canvas renderer drew: ``{"drawn": {key: n}, "painted": pixels}``."""
    return page.evaluate(CANVAS_STATE_JS)


#: The live map's iframe (``ui.live_map``): a CSS selector, and the part of its URL that names it.
MAP_FRAME = 'iframe[title="ui.live_map.cm_live"]'
MAP_FRAME_URL = "ui.live_map.cm_live"


def find_map_frame(page):
    """The iframe (a Playwright Frame, not a locator) in which the live map draws (the last one on the page)."""
    frames = [child for child in page.frames if child.url and MAP_FRAME_URL in child.url and not child.is_detached()]
    if frames:
        return frames[-1]
    raise AssertionError("no live map frame on the page")


def make_fixed_sites() -> gpd.GeoDataFrame:
    """The five validated sites of ``BRIEFING_ROWS`` (with ``site_id`` 1..5)."""
    cols = ["name", "plan_type", "field", "company", "investment_oku_yen", "jobs", "land_ha", "status", "lon", "lat"]
    df = pd.DataFrame(BRIEFING_ROWS, columns=cols).astype(object)
    df = df.where(df.notna(), "")
    accepted, rejected = validate_sites(df.astype(str).replace({"None": ""}))
    assert rejected.empty, rejected
    return accepted.assign(site_id=range(1, len(accepted) + 1))


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


@pytest.fixture()
def browser_page() -> Callable[..., AbstractContextManager]:
    """``with browser_page(guard) as page``: a Chromium page behind ``guard`` (skips without Chromium)."""
    return open_browser_page


@pytest.fixture()
def streamlit_server() -> Callable[..., AbstractContextManager]:
    """``with streamlit_server(env) as base_url``: the app on a free local port."""
    return run_streamlit_server


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

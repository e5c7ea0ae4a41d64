"""Fixtures shared by the AppTest suites."""

from __future__ import annotations

import pytest
from streamlit.testing.v1 import AppTest

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


# --- store fixtures ---
# Stores for both backends: ``store_target`` is a GeoPackage path or a PostGIS URL. PostGIS runs against
# ``CHIIKI_MAP_TEST_PG`` (a server with the postgis extension available; ``.ci/run`` starts one), each
# test in its own schema, dropped afterwards. Without it the PostGIS variants are skipped with the reason
# shown (``-rs``), except under ``CI``, where a missing server is a failure.
import os  # noqa: E402
import uuid  # noqa: E402
from collections.abc import Callable, Iterator  # noqa: E402
from pathlib import Path  # noqa: E402

import pandas as pd  # noqa: E402

from geo.config import SAMPLE_SITES_CSV  # noqa: E402

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

"""Store fixtures for both backends: ``store_target`` is a GeoPackage path or a PostGIS URL.

PostGIS runs against ``CHIIKI_MAP_TEST_PG`` (a server with the postgis extension available; ``.ci/run``
starts one), each test in its own schema, dropped afterwards. Without it the PostGIS variants are
skipped with the reason shown (``-rs``) — except under ``CI``, where a missing server is a failure.
"""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator
from pathlib import Path

import pandas as pd
import pytest

from geo.config import SAMPLE_SITES_CSV

BACKENDS = ["gpkg", "postgis"]
N_SAMPLE = len(pd.read_csv(SAMPLE_SITES_CSV, dtype=str))


def pg_server() -> str:
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


@pytest.fixture(params=BACKENDS)
def store_target(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    """Where a fresh store lives for this test: a GeoPackage path or a PostGIS URL."""
    if request.param == "gpkg":
        return str(tmp_path / "var" / "sites.gpkg")
    return request.getfixturevalue("pg_url")


@pytest.fixture
def store_env(store_target: str, monkeypatch: pytest.MonkeyPatch) -> str:
    """``store_target`` made the default store (``CHIIKI_MAP_STORE`` or ``DATABASE_URL``)."""
    if store_target.startswith("postgresql://"):
        monkeypatch.setenv("DATABASE_URL", store_target)
    else:
        monkeypatch.delenv("DATABASE_URL", raising=False)
        monkeypatch.setenv("CHIIKI_MAP_STORE", store_target)
    return store_target


def site_rows(n: int, prefix: str, lon: float = 130.845, lat: float = 32.882, **extra: object) -> pd.DataFrame:
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

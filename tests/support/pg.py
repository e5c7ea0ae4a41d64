"""The PostGIS test server: ``CHIIKI_MAP_TEST_PG`` (``.ci/run`` starts a throwaway cluster and exports it)."""

from __future__ import annotations

import os

import pytest


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

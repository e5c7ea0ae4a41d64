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

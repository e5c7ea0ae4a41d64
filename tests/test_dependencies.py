"""The PostgreSQL driver is an extra (``pip install 'chiiki-map[postgres]'``): without it a PostGIS store
says what to install, and the GeoPackage store does not need it."""

from __future__ import annotations

import re
import sys

import pytest

from geo.errors import StoreError
from geo.store import open_store
from i18n.errors import error_text


@pytest.fixture
def no_psycopg(monkeypatch: pytest.MonkeyPatch) -> None:
    """As if psycopg were not installed (``import psycopg`` raises ModuleNotFoundError)."""
    for name in [m for m in sys.modules if m == "psycopg" or m.startswith(("psycopg.", "geo.store.pg"))]:
        monkeypatch.delitem(sys.modules, name)
    monkeypatch.setitem(sys.modules, "psycopg", None)


def test_postgis_without_the_driver_says_what_to_install(no_psycopg: None) -> None:
    with pytest.raises(StoreError) as err:
        open_store("postgresql://nobody@127.0.0.1:9/none")
    for lang in ("ja", "en"):
        assert re.search(
            r"psycopg.*pip install -r requirements\.txt.*chiiki-map\[postgres\]", error_text(err.value, lang)
        )


def test_geopackage_store_needs_no_driver(no_psycopg: None, tmp_path) -> None:
    store = open_store(tmp_path / "sites.gpkg")  # would raise ModuleNotFoundError if it imported psycopg
    assert len(store.read()) > 0

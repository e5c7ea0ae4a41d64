"""geo.store: first-use creation and seeding, reopening, corrupt files, atomic writes."""
from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from geo.config import SAMPLE_SITES_CSV
from geo.store import STORE_COLUMNS, SiteStore, StoreError, open_store

N_SAMPLE = len(pd.read_csv(SAMPLE_SITES_CSV, dtype=str))


@pytest.fixture
def store_env(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    path = tmp_path / "nested" / "var" / "sites.gpkg"
    monkeypatch.setenv("CHIIKI_MAP_STORE", str(path))
    return path


def test_first_use_creates_folder_and_seeds(store_env: Path) -> None:
    assert not store_env.parent.exists()
    store = open_store()
    assert store.path == store_env and store_env.is_file()
    sites = store.read()
    assert len(sites) == N_SAMPLE
    assert sites.crs.to_epsg() == 4326
    assert list(sites.columns) == [*STORE_COLUMNS, "geometry"]
    assert sites["site_id"].tolist() == list(range(1, N_SAMPLE + 1))
    assert sites["is_sample"].all()
    assert sites["pref_code"].str.fullmatch(r"\d\d").all()
    assert sites["block"].notna().all() and sites["created_at"].notna().all()
    assert (sites.geometry.x == sites["lon"]).all()


def test_atomic_seeding_leaves_no_temp_files(store_env: Path) -> None:
    open_store()
    assert [p.name for p in store_env.parent.iterdir()] == ["sites.gpkg"]


def test_reopen_keeps_rows_and_does_not_reseed(store_env: Path) -> None:
    store = open_store()
    first = store.read()
    kept = first.iloc[:3]
    store.write(kept)
    again = open_store().read()
    assert again["site_id"].tolist() == kept["site_id"].tolist()
    assert again["name"].tolist() == kept["name"].tolist()
    assert again["created_at"].tolist() == kept["created_at"].tolist()


def test_write_assigns_new_ids_after_the_largest(tmp_path: Path) -> None:
    store = open_store(tmp_path / "s.gpkg")
    sites = store.read()
    extra = sites.iloc[[0]].copy()
    extra["site_id"] = pd.NA
    extra["created_at"] = None
    extra["name"] = "<b>new</b>"
    store.write(pd.concat([sites, extra], ignore_index=True))
    reread = store.read()
    assert reread["site_id"].iloc[-1] == N_SAMPLE + 1
    assert reread["name"].iloc[-1] == "<b>new</b>"
    assert reread["created_at"].iloc[-1]


def test_corrupt_file_gives_a_clear_message(store_env: Path) -> None:
    store_env.parent.mkdir(parents=True)
    store_env.write_bytes(b"this is not a geopackage")
    with pytest.raises(StoreError) as err:
        open_store().read()
    message = str(err.value)
    assert str(store_env) in message
    assert "Move the file aside" in message and "seeded" in message
    assert store_env.read_bytes() == b"this is not a geopackage"  # never overwritten


def test_store_without_the_sites_layer_is_reported(tmp_path: Path) -> None:
    path = tmp_path / "other.gpkg"
    sites = open_store(tmp_path / "s.gpkg").read()
    sites[["name", "geometry"]].to_file(path, layer="other", driver="GPKG")
    with pytest.raises(StoreError, match="other.gpkg"):
        SiteStore(path).read()


def test_missing_file_says_how_to_create_it(tmp_path: Path) -> None:
    with pytest.raises(FileNotFoundError, match="open_store"):
        SiteStore(tmp_path / "none.gpkg").read()


def test_failed_write_keeps_the_old_store(tmp_path: Path) -> None:
    store = open_store(tmp_path / "s.gpkg")
    before = store.path.read_bytes()
    broken = store.read()
    broken["site_id"] = 1  # duplicate ids are refused before anything is written
    with pytest.raises(ValueError, match="unique"):
        store.write(broken)
    assert store.path.read_bytes() == before
    assert [p.name for p in tmp_path.iterdir()] == ["s.gpkg"]


def test_crash_during_write_keeps_the_old_store(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import geopandas as gpd

    store = open_store(tmp_path / "s.gpkg")
    before = store.path.read_bytes()

    def crash(self: gpd.GeoDataFrame, filename: str, *args: object, **kwargs: object) -> None:
        Path(filename).write_bytes(b"half-written")
        raise OSError("disk full")

    monkeypatch.setattr(gpd.GeoDataFrame, "to_file", crash)
    with pytest.raises(OSError, match="disk full"):
        store.write(store.read())
    assert store.path.read_bytes() == before
    assert [p.name for p in tmp_path.iterdir()] == ["s.gpkg"]

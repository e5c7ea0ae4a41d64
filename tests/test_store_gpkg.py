"""The GeoPackage file itself: valid GPKG that GDAL/QGIS reads, single file, bad and old files."""

from __future__ import annotations

import re
import sqlite3
import struct
from collections.abc import Callable
from pathlib import Path

import geopandas as gpd
import pandas as pd
import pyogrio
import pytest
from geopandas.testing import assert_geodataframe_equal

from geo.accounts import Actor
from geo.io.gpkg import GPKG_APPLICATION_ID, decode_geometry, encode_point
from geo.store import GpkgSiteStore, StoreError, open_store
from i18n.errors import bilingual
from tests.support.wording import raises_words


def test_store_is_a_geopackage_gdal_reads(
    tmp_path: Path, n_sample: int, site_rows: Callable[..., pd.DataFrame]
) -> None:
    store = open_store(tmp_path / "s.gpkg")
    store.add(site_rows(2, "gdal"), Actor("alice", "editor"))
    layers = {name: kind for name, kind in pyogrio.list_layers(store.path)}
    assert layers == {"sites": "Point", "audit": None}  # users (password hashes) are not a layer
    sites = gpd.read_file(store.path, layer="sites", fid_as_index=True)
    assert sites.crs.to_epsg() == 4326 and len(sites) == n_sample + 2
    mine = store.read()
    # what GDAL reads is what the store reads: every value but the times (GDAL parses them) and the
    # text columns' dtype (GDAL's pandas strings, the store's Python objects)
    same = [c for c in mine.columns if c not in ("site_id", "created_at", "updated_at")]
    assert_geodataframe_equal(
        sites[same], mine.set_index(pd.Index(mine["site_id"], name="fid"))[same], check_dtype=False
    )
    assert (
        sites["created_at"].dt.strftime("%Y-%m-%dT%H:%M:%S.%fZ").str.replace("000Z", "Z").tolist()
        == mine["created_at"].tolist()
    )
    assert len(gpd.read_file(store.path, layer="audit")) == n_sample + 2
    with sqlite3.connect(store.path) as con:
        assert con.execute("PRAGMA application_id").fetchone()[0] == GPKG_APPLICATION_ID
        assert con.execute("PRAGMA user_version").fetchone()[0] == 10300
        assert con.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        assert con.execute("PRAGMA journal_mode").fetchone()[0] == "delete"
        blob = con.execute("SELECT geom FROM sites WHERE site_id = 1").fetchone()[0]
    assert blob[:4] == b"GP\x00\x01" and struct.unpack("<i", blob[4:8])[0] == 4326
    assert decode_geometry(blob).equals(decode_geometry(encode_point(mine["lon"][0], mine["lat"][0])))


def test_first_use_leaves_one_file(tmp_path: Path, site_rows: Callable[..., pd.DataFrame]) -> None:
    path = tmp_path / "nested" / "var" / "sites.gpkg"
    open_store(path).add(site_rows(1, "one"), Actor("alice", "editor"))
    assert [p.name for p in path.parent.iterdir()] == ["sites.gpkg"]


def test_corrupt_file_gives_a_clear_message(tmp_path: Path) -> None:
    path = tmp_path / "sites.gpkg"
    path.write_bytes(b"this is not a geopackage" * 100)
    with pytest.raises(StoreError) as err:
        open_store(path)
    assert err.value.code == "store_unreadable"
    words = bilingual(err.value)
    assert str(path) in words and "Restore the file from a backup" in words and "バックアップから戻して" in words
    assert path.read_bytes() == b"this is not a geopackage" * 100  # never overwritten


def test_another_geopackage_is_not_taken_over(tmp_path: Path) -> None:
    path = tmp_path / "other.gpkg"
    gpd.GeoDataFrame({"name": ["x"]}, geometry=gpd.points_from_xy([130.8], [32.9]), crs=4326).to_file(path, layer="x")
    before = path.read_bytes()
    with pytest.raises(StoreError) as err:
        open_store(path)
    assert err.value.code == "store_not_sites" and "no 'sites' layer" in bilingual(err.value)
    assert path.read_bytes() == before


def _legacy(path: Path, sample: bool) -> None:
    """A store as the first version wrote it (pyogrio, site_id + created_at, no version/audit)."""
    gdf = gpd.GeoDataFrame(
        {"site_id": [1], "name": ["old"], "is_sample": [sample], "created_at": ["2025-01-01"]},
        geometry=gpd.points_from_xy([130.8], [32.9]),
        crs=4326,
    )
    gdf.to_file(path, layer="sites", driver="GPKG")


def test_old_store_with_only_samples_is_replaced_and_kept_as_backup(tmp_path: Path, n_sample: int) -> None:
    path = tmp_path / "sites.gpkg"
    _legacy(path, sample=True)
    assert len(open_store(path).read()) == n_sample
    assert (tmp_path / "sites.gpkg.v1.bak").is_file()


def test_old_store_with_own_rows_is_left_alone(tmp_path: Path) -> None:
    path = tmp_path / "sites.gpkg"
    _legacy(path, sample=False)
    with pytest.raises(StoreError) as err:
        open_store(path)
    assert err.value.code == "store_legacy"
    assert re.search("earlier version.*chiiki-map sites import", bilingual(err.value))


def test_missing_file_says_how_to_create_it(tmp_path: Path) -> None:
    with raises_words(FileNotFoundError, "open_store"):
        GpkgSiteStore(tmp_path / "none.gpkg").read()


def test_token_changes_on_every_write(tmp_path: Path, site_rows: Callable[..., pd.DataFrame]) -> None:
    store = open_store(tmp_path / "s.gpkg")
    tokens = {store.version_token()}
    [sid] = store.add(site_rows(1, "t"), Actor("a", "editor"))
    tokens.add(store.version_token())
    store.update(sid, {"jobs": 3}, 1, Actor("a", "editor"))
    tokens.add(store.version_token())
    assert len(tokens) == 3


def test_token_stays_through_a_sign_in_and_moves_on_an_edit_outside_the_app(tmp_path: Path) -> None:
    """The sites' version: a sign-in (a write to the file) keeps every cache of the sites; QGIS's edit does not."""
    from geo.store.signin import verify
    from geo.store.users import add_user

    store = open_store(tmp_path / "s.gpkg")
    add_user(store, "ed", "editor", "a long pass phrase")
    token = store.version_token()
    assert verify(store, "ed", "a long pass phrase") is not None
    assert verify(store, "ed", "a wrong pass phrase") is None
    assert store.version_token() == token
    with sqlite3.connect(store.path) as con:  # another program edits a site: no audit row, the trigger counts it
        con.execute("UPDATE sites SET name = 'QGIS で編集' WHERE site_id = (SELECT MIN(site_id) FROM sites)")
    assert store.version_token() != token


def test_a_store_without_the_change_counter_is_upgraded_on_open(tmp_path: Path) -> None:
    path = tmp_path / "s.gpkg"
    open_store(path)
    with sqlite3.connect(path) as con:  # as the previous version made it
        for event in ("insert", "update", "delete"):
            con.execute(f"DROP TRIGGER sites_changed_{event}")
        con.execute("DROP TABLE site_changes")
    assert GpkgSiteStore(path).pending_upgrades() == ["change_counter"]
    store = open_store(path)
    assert store.pending_upgrades() == []
    token = store.version_token()
    store.add(
        pd.DataFrame(
            [{"name": "新規", "plan_type": "A", "field": "biotech", "status": "planned", "lon": 130.7, "lat": 32.8}]
        ),
        Actor("a", "editor"),
    )
    assert store.version_token() != token


def test_bulk_point_blobs_equal_one_by_one() -> None:
    from geo.io.gpkg import decode_geometry, encode_point, encode_points

    lon, lat = [130.1234567891, -0.0, 153.98, 122.93], [33.5, 0.0, 24.28, 45.55]
    blobs = encode_points(lon, lat)
    assert blobs == [encode_point(x, y) for x, y in zip(lon, lat, strict=True)]
    assert [(g.x, g.y) for g in map(decode_geometry, blobs)] == list(zip(lon, lat, strict=True))
    assert encode_points([], []) == []

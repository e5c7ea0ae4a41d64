"""``chiiki-map users`` and ``chiiki-map sites export`` on both backends."""

from __future__ import annotations

import io
import json
from collections.abc import Callable

import geopandas as gpd
import pandas as pd
import pytest
from geopandas.testing import assert_geodataframe_equal

from chiiki_cli import main as cli
from geo.accounts import Actor
from geo.store import open_store
from geo.store.signin import verify


def test_users_add_and_list(
    store_env: str, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setattr("sys.stdin", io.StringIO("s3cret-passphrase\n"))
    assert cli.main(["users", "add", "alice", "--role", "editor", "--password-stdin"]) == 0
    assert "added editor 'alice'" in capsys.readouterr().out
    assert verify(open_store(), "alice", "s3cret-passphrase") == Actor("alice", "editor")
    monkeypatch.setattr("sys.stdin", io.StringIO("short\n"))
    assert cli.main(["users", "add", "bob", "--role", "viewer", "--password-stdin"]) == 2
    assert "too short" in capsys.readouterr().err
    monkeypatch.setattr("sys.stdin", io.StringIO("another-passphrase\n"))
    assert cli.main(["users", "passwd", "alice", "--role", "viewer", "--password-stdin"]) == 0
    assert cli.main(["users", "list", "--json"]) == 0
    listed = json.loads(capsys.readouterr().out.split("\n", 1)[1])
    assert [(u["name"], u["role"]) for u in listed] == [("alice", "viewer")]
    assert "password_hash" not in listed[0]
    monkeypatch.setattr("sys.stdin", io.StringIO("another-passphrase\n"))
    assert cli.main(["users", "passwd", "nobody", "--password-stdin"]) == 2
    assert "no user 'nobody'" in capsys.readouterr().err


@pytest.mark.parametrize("fmt", ["gpkg", "geojson", "csv"])
def test_export(
    store_env: str,
    fmt: str,
    tmp_path,
    capsys: pytest.CaptureFixture[str],
    n_sample: int,
    site_rows: Callable[..., pd.DataFrame],
) -> None:
    store = open_store()
    [sid] = store.add(site_rows(1, "=cmd|' /C calc'!A0", company="@SUM(1+1)"), Actor("alice", "editor"))
    store.delete(sid - 1, 1, Actor("alice", "editor"))
    out = tmp_path / f"sites.{fmt}"
    assert cli.main(["sites", "export", "--format", fmt, "--out", str(out)]) == 0
    assert f"exported {n_sample} site(s)" in capsys.readouterr().out
    if fmt == "csv":
        table = pd.read_csv(out, encoding="utf-8-sig", dtype=str)
        row = table[table["site_id"] == str(sid)].iloc[0]
        assert row["name"] == "'=cmd|' /C calc'!A0-0000" and row["company"] == "'@SUM(1+1)"
    else:
        gdf = gpd.read_file(out)
        assert gdf.crs.to_epsg() == 4326 and len(gdf) == n_sample
        assert gdf["name"].iloc[-1] == "=cmd|' /C calc'!A0-0000"  # GIS formats keep the text as it is
        stored = store.read().reset_index(drop=True)  # the export is the store's sites, value for value
        same = [c for c in stored.columns if c in gdf.columns and c not in ("created_at", "updated_at")]
        kinds = stored[same].drop(columns="geometry").dtypes.to_dict()  # GeoJSON types an all-null column as text
        assert_geodataframe_equal(gdf[same].astype(kinds), stored[same])
    assert cli.main(["sites", "export", "--format", fmt, "--out", str(out), "--include-deleted"]) == 0
    assert f"exported {n_sample + 1} site(s)" in capsys.readouterr().out

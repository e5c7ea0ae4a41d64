"""A new server process starts from the store's snapshot of the current version, never an older one."""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from geo.accounts import Actor
from geo.store import open_store
from geo.store.snapshot import read_snapshot

EDITOR = Actor("editor", "editor")
ROW = {"plan_type": "A", "field": "ai_semiconductor", "status": "planned", "lon": 130.7, "lat": 32.8}


def test_the_snapshot_is_the_store_of_its_version_and_a_write_makes_a_new_one(tmp_path: Path, monkeypatch) -> None:
    store = open_store(tmp_path / "sites.gpkg")
    store.add(pd.DataFrame([{**ROW, "name": "一号地"}]), EDITOR)
    folder = tmp_path / "snapshots"
    token = store.version_token()
    first = read_snapshot(store, "s", token, folder)
    names = store.read()["name"].tolist()  # a new store holds the samples, then the one added
    pd.testing.assert_frame_equal(first, store.read())
    assert names[-1] == "一号地"
    assert len(list(folder.glob("*.pkl"))) == 1

    reads = []
    monkeypatch.setattr(type(store), "read", lambda self, *a, **k: reads.append(1) or pd.DataFrame())
    again = read_snapshot(store, "s", token, folder)  # a new process: the same version, from the snapshot
    assert reads == [] and again["name"].tolist() == names
    monkeypatch.undo()

    store.add(pd.DataFrame([{**ROW, "name": "二号地"}]), EDITOR)
    newer = store.version_token()
    assert newer != token, "every write changes the version token"
    after = read_snapshot(store, "s", newer, folder)
    assert after["name"].tolist() == [*names, "二号地"]
    assert len(list(folder.glob("*.pkl"))) == 1, "the older snapshot of the store is removed"
    other = read_snapshot(store, "another store", newer, folder)
    assert other["name"].tolist() == [*names, "二号地"] and len(list(folder.glob("*.pkl"))) == 2

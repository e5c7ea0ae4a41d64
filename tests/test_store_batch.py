"""Batched writes (issue 14): ids reserved under the write lock, one executemany for sites and audit rows.

The results must be exactly what one statement per row gave: ascending ids after every id ever
used, one audit row per site whose ``after`` is ``json.dumps`` of the record, columnar reads equal to
the records.
"""

from __future__ import annotations

import json
from collections.abc import Callable

import pandas as pd

from geo.accounts import Actor
from geo.store import open_store
from geo.store.audit import json_rows

EDITOR = Actor("alice", "editor")


def test_json_rows_equal_json_dumps_per_row() -> None:
    tricky = ["a", 'x"}, {"name": y', '}, {"name": ', 'é\\"', "改行\n", "", "{}"]
    cols: dict[str, list[object]] = {"name": tricky, "v": [1.5, None, True, 3, "q", False, 0.1]}
    expected = [json.dumps(dict(zip(cols, row)), ensure_ascii=False) for row in zip(*cols.values())]
    assert json_rows(cols) == expected
    assert json_rows({"name": ["only"], "v": [1]}) == ['{"name": "only", "v": 1}']
    assert json_rows({"name": [], "v": []}) == []


def test_bulk_add_ids_audit_and_reads(store_target: str, site_rows: Callable[..., pd.DataFrame]) -> None:
    store = open_store(store_target)
    before = store.read(include_deleted=True)
    first = store.add(site_rows(3, "first"), EDITOR)
    store.delete(first[-1], 1, EDITOR)  # a deleted site keeps its id
    ids = store.add(site_rows(250, "bulk", lat=32.95), EDITOR, action="import")
    assert ids == list(range(first[-1] + 1, first[-1] + 251))
    audit = store.audit()
    mine = audit[audit["action"] == "import"].tail(250)
    assert mine["site_id"].tolist() == ids
    for site_id, after in zip(mine["site_id"].head(3), mine["after"].head(3)):
        record = store.get(int(site_id))
        assert json.loads(after) == {k: record[k] for k in json.loads(after)}
    read = store.read(include_deleted=True)
    assert len(read) == len(before) + 253
    assert read["site_id"].is_monotonic_increasing
    got = read.set_index("site_id").loc[ids[:5], ["name", "lon", "lat", "version", "deleted"]]
    assert got["name"].tolist() == [f"bulk-{i:04d}" for i in range(5)]
    assert (got["version"] == 1).all() and not got["deleted"].any()
    assert (
        read.geometry.x.loc[read["site_id"].isin(ids)].round(9).tolist()
        == read.loc[read["site_id"].isin(ids), "lon"].round(9).tolist()
    )

"""A separate writer process for the reliability tests (``python -m tests.store_worker ...``).

* ``insert TARGET PREFIX N BATCH GO_FILE``: print ``ready``, wait for GO_FILE, add N sites in
  transactions of BATCH, print ``done SECONDS``.
* ``hang TARGET PREFIX N``: add N sites in one transaction but stop (sleep) once their audit rows are written,
  printing ``mid`` — the parent then kills this process with SIGKILL.
"""

from __future__ import annotations

import sys
import time
from collections.abc import Sequence
from pathlib import Path

from geo.accounts import Actor
from geo.store import audit, open_store
from geo.store.backend import Tx
from tests.conftest import make_site_rows as site_rows

EDITOR = Actor("worker", "editor")


def insert(target: str, prefix: str, n: int, batch: int, go_file: str) -> None:
    store = open_store(target)
    rows = site_rows(n, prefix, lat=32.882 + (0.05 if prefix.endswith("2") else 0.0))
    print("ready", flush=True)
    while not Path(go_file).exists():
        time.sleep(0.01)
    start = time.perf_counter()
    for first in range(0, n, batch):
        store.add(rows.iloc[first : first + batch], EDITOR)
    print(f"done {time.perf_counter() - start:.3f}", flush=True)


def hang(target: str, prefix: str, n: int) -> None:
    store = open_store(target)
    original = audit.insert_many

    def stall(tx: Tx, site_ids: Sequence[int], user: str, at: str, action: str, after: Sequence[str]) -> None:
        original(tx, site_ids, user, at, action, after)  # sites and audit rows written, the transaction open
        print("mid", flush=True)
        time.sleep(120)

    audit.insert_many = stall  # type: ignore[assignment]
    store.add(site_rows(n, prefix), EDITOR)
    print("committed", flush=True)  # never reached: the parent kills us first


if __name__ == "__main__":
    cmd, args = sys.argv[1], sys.argv[2:]
    if cmd == "insert":
        insert(args[0], args[1], int(args[2]), int(args[3]), args[4])
    elif cmd == "hang":
        hang(args[0], args[1], int(args[2]))
    else:
        raise SystemExit(f"unknown command {cmd!r}: use insert or hang")

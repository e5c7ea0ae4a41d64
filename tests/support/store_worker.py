"""A separate writer process for the reliability tests (``python -m tests.support.store_worker ...``).

* ``insert TARGET PREFIX N BATCH GO_FILE``: print ``ready``, wait for GO_FILE, add N sites in
  transactions of BATCH, print ``done SECONDS``.
* ``hang TARGET PREFIX N``: add N sites in one transaction but stop (sleep) once their audit rows are written,
  printing ``mid`` — the parent then kills this process with SIGKILL.
* ``signin TARGET NAME N GO_FILE [WAIT_LOCKED]``: print ``ready``, wait for GO_FILE (and, with ``WAIT_LOCKED``,
  until NAME is locked), then sign in N times with the passwords read from standard input (one a line, the last
  repeated); print ``done`` and a JSON object: how many sign-ins passed, were refused or raised ``AccountError``,
  and how many passwords were checked against the account's hash (``evaluated``).
"""

from __future__ import annotations

import json
import sys
import time
from collections.abc import Sequence
from pathlib import Path

from geo.accounts import Actor
from geo.store import audit, open_store
from geo.store.backend import Tx
from tests.support import TEST_HASHER
from tests.support.sites import make_site_rows as site_rows

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


def signin(target: str, name: str, n: int, go_file: str, wait_locked: bool = False) -> None:
    from geo import accounts
    from geo.errors import AccountError
    from geo.store import signin as signin_module
    from geo.store.users import list_users

    # The test process's hasher (conftest's production_hasher), which made the account's hash: a locked
    # account's check (the same work, on a dummy hash) then costs what a wrong password costs, not the app's
    # real Argon2 — which is tested in tests/test_password_hashing.py, and would make each refused guess 0.2 s.
    accounts._HASHER = TEST_HASHER
    passwords = [line.rstrip("\n") for line in sys.stdin]
    store = open_store(target)
    evaluated = 0
    original = signin_module.password_matches

    def counted(password_hash: str | None, password: str) -> bool:
        nonlocal evaluated
        evaluated += password_hash is not None
        return original(password_hash, password)

    signin_module.password_matches = counted  # type: ignore[assignment]
    print("ready", flush=True)
    while not Path(go_file).exists():
        time.sleep(0.005)
    while wait_locked and list_users(store).set_index("name").loc[name, "locked_until"] is None:
        time.sleep(0.005)
    counts = {"passed": 0, "refused": 0, "raised": 0}
    for i in range(n):
        try:
            actor = signin_module.verify(store, name, passwords[min(i, len(passwords) - 1)])
        except AccountError:
            counts["raised"] += 1
        else:
            counts["passed" if actor is not None else "refused"] += 1
    print("done", json.dumps({**counts, "evaluated": evaluated}), flush=True)


if __name__ == "__main__":
    cmd, args = sys.argv[1], sys.argv[2:]
    if cmd == "insert":
        insert(args[0], args[1], int(args[2]), int(args[3]), args[4])
    elif cmd == "hang":
        hang(args[0], args[1], int(args[2]))
    elif cmd == "signin":
        signin(args[0], args[1], int(args[2]), args[3], len(args) > 4)
    else:
        raise SystemExit(f"unknown command {cmd!r}: use insert, hang or signin")

"""Sign-in under concurrency (issue 23 item 1), both backends: the lockout is one atomic step in the store.

Sign-ins run in separate processes (``tests.support.store_worker signin``), as app sessions or CLI runs would.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from chiiki_cli import main as cli
from geo.store import open_store
from geo.store.signin import verify
from geo.store.users import LOCKOUT_FAILURES, activity, add_user, list_users

REPO = Path(__file__).resolve().parent.parent
RIGHT = "river stone lantern"


def _signin_worker(target: str, name: str, n: int, go: Path, passwords: list[str], wait_locked: bool = False):
    proc = subprocess.Popen(
        [sys.executable, "-m", "tests.support.store_worker", "signin", target, name, str(n), str(go)]
        + (["wait-locked"] if wait_locked else []),
        cwd=REPO,
        text=True,
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    assert proc.stdin is not None
    proc.stdin.write("".join(f"{p}\n" for p in passwords))
    proc.stdin.close()
    return proc


def _ready(proc: subprocess.Popen[str]) -> None:
    line = proc.stdout.readline() if proc.stdout else ""
    assert line.startswith("ready"), f"worker said {line!r}; stderr: {proc.stderr.read() if proc.stderr else ''}"


def _result(proc: subprocess.Popen[str]) -> dict[str, int]:
    assert proc.stdout is not None and proc.stderr is not None
    out, err = proc.stdout.read(), proc.stderr.read()
    proc.wait(timeout=300)
    done = [line for line in out.splitlines() if line.startswith("done")]
    assert proc.returncode == 0 and done, f"worker failed ({proc.returncode}): {err[-2000:]}"
    return json.loads(done[0].split(" ", 1)[1])


def _locked(store, name: str) -> bool:
    return list_users(store).set_index("name").loc[name, "locked_until"] is not None


def test_concurrent_wrong_passwords_lock_for_good(store_target: str, tmp_path: Path) -> None:
    """Two processes, 30 wrong passwords each: exactly 10 are checked, then the account stays locked."""
    store = open_store(store_target)
    add_user(store, "alice", "editor", RIGHT)
    go = tmp_path / "go"
    procs = [_signin_worker(store_target, "alice", 30, go, ["wrong password here"]) for _ in range(2)]
    for proc in procs:
        _ready(proc)
    go.touch()
    results = [_result(proc) for proc in procs]
    assert sum(r["passed"] for r in results) == 0
    assert sum(r["evaluated"] for r in results) == LOCKOUT_FAILURES, results  # not one guess more
    assert _locked(store, "alice"), "10 wrong passwords lock the account, whatever ran concurrently"
    assert verify(store, "alice", RIGHT) is None, "the right password after the lock is refused"
    assert _locked(store, "alice")
    assert activity(store)["action"].tolist().count("locked") == 1


def test_right_password_during_a_burst_after_the_lock_is_refused(store_target: str, tmp_path: Path) -> None:
    """A burst of wrong passwords from two processes; a third sends the right one once the lock is there."""
    store = open_store(store_target)
    add_user(store, "alice", "editor", RIGHT)
    go = tmp_path / "go"
    burst = [_signin_worker(store_target, "alice", 20, go, ["wrong password here"]) for _ in range(2)]
    late = _signin_worker(store_target, "alice", 5, go, [RIGHT], wait_locked=True)
    for proc in [*burst, late]:
        _ready(proc)
    go.touch()
    results = [_result(proc) for proc in burst]
    sent_late = _result(late)
    assert sent_late["passed"] == 0, f"the right password was accepted after the lock: {sent_late}"
    assert sum(r["evaluated"] for r in results) + sent_late["evaluated"] <= LOCKOUT_FAILURES
    assert _locked(store, "alice")


def test_names_cannot_be_probed_by_the_lockout(
    store_env: str, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    """After 10 wrong passwords an existing name and an unknown name answer alike (app and CLI)."""
    store = open_store()
    add_user(store, "alice", "editor", RIGHT)
    for name in ("alice", "ghost"):
        for _ in range(LOCKOUT_FAILURES):
            assert verify(store, name, "wrong password here") is None
    assert _locked(store, "alice")
    assert verify(store, "alice", "wrong password here") is None  # no "locked" answer: same as for ghost
    assert verify(store, "ghost", "wrong password here") is None
    assert verify(store, "alice", RIGHT) is None  # locked: refused without saying so
    monkeypatch.setenv("CHIIKI_MAP_PASSWORD", "wrong password here")
    csv = tmp_path / "one.csv"
    csv.write_text("名称,計画類型,分野,状況,経度,緯度\n新工場,A,半導体,計画中,130.70,32.80\n", encoding="utf-8")
    said = {}
    for name in ("alice", "ghost"):
        assert cli.main(["sites", "import", str(csv), "--user", name]) == 2
        said[name] = capsys.readouterr().err.replace(name, "NAME")
    assert said["alice"] == said["ghost"]
    assert "locked" in said["alice"] and "ロック" in said["alice"]  # both say that a lock is one possible cause

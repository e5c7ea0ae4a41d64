"""Reliability on both backends: concurrent writers, a writer killed mid-transaction, bad import files.

Writers are separate processes (``tests.support.store_worker``), as two app sessions or CLI runs would be.
"""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

import pandas as pd
import pytest

from chiiki_cli import main as cli
from geo.accounts import Actor
from geo.store import open_store
from geo.store.users import add_user

REPO = Path(__file__).resolve().parent.parent
PER_PROCESS, BATCH = 500, 50


def _worker(*args: str) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [sys.executable, "-m", "tests.support.store_worker", *args],
        cwd=REPO,
        text=True,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )


def _expect(proc: subprocess.Popen[str], word: str) -> str:
    line = proc.stdout.readline() if proc.stdout else ""
    if not line.startswith(word):
        proc.kill()
        raise AssertionError(
            f"worker said {line!r}, expected {word!r}; stderr: {proc.stderr.read() if proc.stderr else ''}"
        )
    return line


def test_two_processes_insert_500_sites_each(store_target: str, tmp_path: Path, n_sample: int) -> None:
    open_store(store_target)  # create and seed once, before the race
    go = tmp_path / "go"
    procs = [_worker("insert", store_target, f"P{k}", str(PER_PROCESS), str(BATCH), str(go)) for k in (1, 2)]
    for proc in procs:
        _expect(proc, "ready")
    start = time.perf_counter()
    go.touch()
    took = [float(_expect(proc, "done").split()[1]) for proc in procs]
    wall = time.perf_counter() - start
    for proc in procs:
        assert proc.wait(timeout=60) == 0
    store = open_store(store_target)
    sites = store.read()
    audit = store.audit()
    assert len(sites) == n_sample + 2 * PER_PROCESS and sites["site_id"].is_unique
    for k in (1, 2):
        mine = sites[sites["name"].str.startswith(f"P{k}-")]
        assert len(mine) == PER_PROCESS and (mine["updated_by"] == "worker").all()
    added = audit[audit["action"] == "add"]
    assert len(added) == 2 * PER_PROCESS and set(added["site_id"]) == set(sites["site_id"]) - set(
        range(1, n_sample + 1)
    )
    order = added.sort_values("audit_id")["after"].str.contains('"P1-').astype(int)
    print(
        f"\n{store_target.split('?')[0]}: 2 x {PER_PROCESS} sites in transactions of {BATCH}: "
        f"{wall:.1f} s wall ({took[0]:.1f} s / {took[1]:.1f} s per process), "
        f"{int(order.diff().abs().sum()) + 1} runs of one writer in the audit order"
    )


def test_writer_killed_mid_transaction_leaves_all_or_nothing(
    store_target: str, n_sample: int, site_rows: Callable[..., pd.DataFrame]
) -> None:
    store = open_store(store_target)
    before = store.read(include_deleted=True)
    proc = _worker("hang", store_target, "killed", "40")
    _expect(proc, "mid")  # 40 sites and 40 audit rows written, not committed
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait(timeout=30)
    reopened = open_store(store_target)
    after = reopened.read(include_deleted=True)
    assert len(after) in (len(before), len(before) + 40)  # all or none …
    assert len(after) == len(before) and len(reopened.audit()) == n_sample  # … and here: none (no commit)
    assert len(reopened.add(site_rows(2, "after-crash"), Actor("alice", "editor"))) == 2
    assert len(reopened.read()) == n_sample + 2  # the store is writable again (no stale lock)
    if not store_target.startswith("postgresql://"):
        with sqlite3.connect(store_target) as con:
            assert con.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        assert not Path(store_target + "-journal").exists()  # the hot journal was rolled back


# ------------------------------------------------------------------------------ bad import files
HEADER = "名称,計画類型,分野,状況,経度,緯度\n"


def _import(path: Path, *extra: str) -> int:
    return cli.main(["sites", "import", str(path), "--user", "alice", *extra])


@pytest.fixture
def editor_env(store_env: str, monkeypatch: pytest.MonkeyPatch) -> str:
    add_user(open_store(), "alice", "editor", "harbour-lantern-42")
    monkeypatch.setenv("CHIIKI_MAP_PASSWORD", "harbour-lantern-42")
    return store_env


BAD_FILES = {
    "empty": (b"", "the file is empty"),
    "wrong encoding": (b"name\n\x80\x81\xff\xfe\n", "cannot read the text encoding"),
    "missing columns": ((HEADER.replace(",経度,緯度", "") + "x,A,半導体,計画中\n").encode(), "lat (緯度)"),
    "header only": (HEADER.encode(), "no data rows"),
}


@pytest.mark.parametrize("case", list(BAD_FILES))
def test_unusable_files_write_nothing(
    editor_env: str, tmp_path: Path, case: str, capsys: pytest.CaptureFixture[str]
) -> None:
    data, message = BAD_FILES[case]
    path = tmp_path / "bad.csv"
    path.write_bytes(data)
    token = open_store().version_token()
    assert _import(path) == 2
    assert message in capsys.readouterr().err
    assert open_store().version_token() == token


def test_file_over_the_size_limit_is_refused_unread(
    editor_env: str, tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "huge.csv"
    with path.open("wb") as fh:  # 50 MB + 1 byte (sparse: cheap to make)
        fh.write(HEADER.encode())
        fh.truncate(50 * 2**20 + 1)
    assert _import(path) == 2
    assert "the file is 50.0 MB, over the limit of 50 MB" in capsys.readouterr().err
    monkeypatch.setenv("CHIIKI_MAP_MAX_IMPORT_MB", "0.001")
    small = tmp_path / "small.csv"
    small.write_text(HEADER + "x,A,半導体,計画中,130.8,32.9\n" * 40, encoding="utf-8")
    assert _import(small) == 2 and "CHIIKI_MAP_MAX_IMPORT_MB" in capsys.readouterr().err


def test_bad_rows_are_reported_and_the_rest_imported(
    editor_env: str, tmp_path: Path, capsys: pytest.CaptureFixture[str], n_sample: int
) -> None:
    rows = [
        "ok,A,半導体,計画中,130.70,32.80",
        '"<script>alert(""x"")</script>",A,半導体,計画中,131.0,33.0',
        "nan lon,A,半導体,計画中,nan,33.0",
        "inf lat,A,半導体,計画中,131.0,inf",
        "swapped,A,半導体,計画中,32.88,130.85",
        "in the sea,A,半導体,計画中,135.0,30.0",
    ]
    path = tmp_path / "mixed.csv"
    path.write_bytes((HEADER + "\n".join(rows) + "\n").encode("cp932"))  # Shift_JIS, as Excel saves it
    assert _import(path, "--strict") == 2  # --strict: nothing written when any row is bad (README: 2)
    assert len(open_store().read()) == n_sample
    capsys.readouterr()
    assert _import(path) == 1
    out = capsys.readouterr().out
    # the row as Excel shows it (the header is row 1), the reasons in Japanese, then English
    assert (
        "4 行目: 取込不可: 座標が有限の数値ではありません（経度 nan、緯度 33.0）。"
        "世界測地系（WGS 84）の度で指定してください / row 4: rejected: coordinates are not finite (lon nan, lat 33.0)"
        in out
    )
    assert "row 5: rejected: coordinates are not finite (lon 131.0, lat inf)" in out
    assert "6 行目: 取込不可: 緯度経度が日本国外です" in out and "row 6: rejected: coordinates outside Japan" in out
    assert "lon and lat look swapped" in out and "経度と緯度が入れ替わっているようです" in out
    assert "row 7: rejected:" in out and "in the sea" in out
    rejected = pd.read_csv(tmp_path / "mixed.rejected.csv", encoding="utf-8-sig")
    assert rejected["row"].tolist() == [4, 5, 6, 7]
    assert rejected.columns[:2].tolist() == ["row", "reason"]
    assert (
        rejected["reason"].iloc[0].startswith("座標が有限の数値ではありません")
        and " / coordinates are not finite" in (rejected["reason"].iloc[0])
    )
    stored = open_store().read()
    assert stored["name"].tolist()[-2:] == ["ok", '<script>alert("x")</script>']  # stored as text
    audit = open_store().audit()
    assert audit["action"].iloc[-1] == "import" and audit["user"].iloc[-1] == "alice"


def test_dry_run_and_viewers_write_nothing(
    editor_env: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "one.csv"
    path.write_text(HEADER + "ok,A,半導体,計画中,130.70,32.80\n", encoding="utf-8")
    add_user(open_store(), "vera", "viewer", "quiet-meadow-77")
    token = open_store().version_token()
    sites, audit = open_store().read(), open_store().audit()
    assert cli.main(["sites", "import", str(path), "--dry-run"]) == 0
    assert "1 row(s) would be imported, 0 rejected; nothing written (dry run)" in capsys.readouterr().out
    monkeypatch.setenv("CHIIKI_MAP_PASSWORD", "quiet-meadow-77")
    assert open_store().version_token() == token
    assert cli.main(["sites", "import", str(path), "--user", "vera"]) == 2
    assert "only editors may change sites" in capsys.readouterr().err
    assert cli.main(["sites", "import", str(path), "--user", "alice"]) == 2
    assert "sign-in failed for 'alice'" in capsys.readouterr().err
    # a failed sign-in is counted in the store (lockout), but no site and no audit row changed
    assert open_store().read().equals(sites) and open_store().audit().equals(audit)

"""Issue 23 item 8: no traceback reaches a user — each case the report listed, run as a user would.

Every case ends with exit 2 (or 1 for a refused row) and words in Japanese, then English, saying what
was wrong and what to do; never ``Traceback``. A bug (an error nobody raised on purpose) is said as one,
its traceback saved to a file for the developers.
"""

from __future__ import annotations

import errno
import json
import os
import sqlite3
import subprocess
import sys
import tempfile
import tomllib
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from chiiki_cli import main as cli
from tests.support import REPO

HEADER = "名称,計画類型,分野,状況,経度,緯度\n"


@pytest.fixture
def var(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("CHIIKI_MAP_VAR", str(tmp_path / "var"))
    for name in ("CHIIKI_MAP_STORE", "CHIIKI_MAP_CACHE", "DATABASE_URL", "CHIIKI_MAP_DEBUG"):
        monkeypatch.delenv(name, raising=False)
    return tmp_path / "var"


def _run(args: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, str]:
    status = cli.main(args)
    out = capsys.readouterr()
    assert "Traceback" not in out.out + out.err
    return status, out.err


@pytest.mark.parametrize(
    ("args", "path"),
    [
        (["export", "--region", "43", "--no-analyses", "--out", "/proc/x.html"], "/proc/x.html"),
        (["sites", "export", "--format", "csv", "--out", "/proc/x.csv"], "/proc/x.csv"),
    ],
)
def test_an_unwritable_output_is_said(
    var: Path, capsys: pytest.CaptureFixture[str], args: list[str], path: str
) -> None:
    status, err = _run(args, capsys)
    assert status == 2
    assert f"{path} に書き込めません" in err and f"cannot write {path}" in err


def test_an_unclosed_polygon_ring_is_a_refused_row(
    var: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    ring = [[130.8, 32.8], [130.9, 32.8], [130.9, 32.9], [130.85, 32.95]]  # the first point is not repeated
    closed = [*ring, ring[0]]
    features = [
        {"type": "Feature", "properties": {"name": n}, "geometry": {"type": "Polygon", "coordinates": [r]}}
        for n, r in (("open", ring), ("closed", closed))
    ]
    path = tmp_path / "estates.geojson"
    path.write_text(json.dumps({"type": "FeatureCollection", "features": features}), encoding="utf-8")
    status = cli.main(["layer-import", str(path), "--layer", "industrial_land", "--dry-run"])
    out = capsys.readouterr().out
    assert status == 1, out
    assert "地物 1: 除外: ポリゴンの輪郭が閉じていません" in out and "a polygon ring is not closed" in out
    assert "1 row(s) accepted, 1 rejected" in out


def test_a_store_setting_naming_a_folder_is_said(
    var: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("CHIIKI_MAP_STORE", str(tmp_path))
    status, err = _run(["sites", "export", "--format", "csv", "--out", str(tmp_path / "o.csv")], capsys)
    assert status == 2
    assert f"サイトストアの場所 {tmp_path} はフォルダです" in err and "set CHIIKI_MAP_STORE to the path of a" in err


@pytest.mark.parametrize(
    "args", [["layers", "--region", "43"], ["sites", "export", "--format", "csv", "--out", "o.csv"]]
)
def test_a_run_time_folder_setting_naming_a_file_is_said(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], args: list[str]
) -> None:
    not_a_folder = tmp_path / "var"
    not_a_folder.write_text("a file", encoding="utf-8")
    monkeypatch.setenv("CHIIKI_MAP_VAR", str(not_a_folder))
    for name in ("CHIIKI_MAP_STORE", "CHIIKI_MAP_CACHE", "DATABASE_URL", "CHIIKI_MAP_DEBUG"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.chdir(tmp_path)
    status, err = _run(args, capsys)
    assert status == 2
    assert f"{not_a_folder} is a file where a folder is needed" in err and "set by CHIIKI_MAP_VAR" in err


def test_a_full_disk_under_the_run_time_folder_is_said(
    var: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """The store cannot be created (SQLite: "database or disk is full"), then an export cannot be written (ENOSPC)."""
    from geo.store.gpkg import GpkgSiteStore

    def full(self: object) -> None:
        raise sqlite3.OperationalError("database or disk is full")

    with monkeypatch.context() as m:
        m.setattr(GpkgSiteStore, "create", full)
        status, err = _run(["clusters", "--region", "43"], capsys)
    assert status == 2
    assert "のディスクに空きがありません" in err and "is full (database or disk is full): free some space" in err
    assert "there is no need to move or delete any file" in err and "CHIIKI_MAP_VAR" in err

    def no_space(self: Path, *args: object, **kwargs: object) -> None:
        raise OSError(errno.ENOSPC, "No space left on device", str(self))

    from layers.briefing.build import Briefing

    monkeypatch.setattr(Path, "write_text", no_space)
    monkeypatch.setattr(Briefing, "write", no_space)  # the briefing is written a slice at a time, through open()
    status, err = _run(["export", "--region", "43", "--no-analyses", "--out", str(var / "b.html")], capsys)
    assert status == 2 and "No space left on device" in err and "nothing was changed" in err
    assert not (var / "b.html").exists()


def test_an_unwritable_temporary_folder_is_said(
    var: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "new.csv"
    path.write_text(HEADER + "熊本テスト,A,半導体,稼働中,130.8,32.8\n", encoding="utf-8")
    monkeypatch.setattr(tempfile, "tempdir", "/proc/no-temporary-folder")
    status, err = _run(["sites", "import", str(path), "--dry-run"], capsys)
    assert status == 2
    assert "/proc/no-temporary-folder was not found" in err and "set by TMPDIR" in err


def test_running_out_of_memory_is_said(
    var: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    import chiiki_cli.sites_cmd as sites_cmd

    def no_memory(*args: object, **kwargs: object) -> None:
        raise MemoryError

    monkeypatch.setattr(sites_cmd, "plan_import", no_memory)
    path = tmp_path / "new.csv"
    path.write_text(HEADER + "熊本テスト,A,半導体,稼働中,130.8,32.8\n", encoding="utf-8")
    status, err = _run(["sites", "import", str(path), "--dry-run"], capsys)
    assert status == 2 and "メモリが足りなくなったため中止しました" in err and "ran out of memory" in err


def test_a_national_profile_with_unknown_labour_figures_prints(
    var: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "no_jobs.csv"
    path.write_text(HEADER + "熊本テスト,A,半導体,計画中,130.8,32.8\n", encoding="utf-8")  # no jobs, no amount
    status, _ = _run(["profile", "--region", "japan", "--sites", str(path)], capsys)
    assert status == 0


def test_profile_text_says_unknown_for_unknown_figures(var: Path, tmp_path: Path) -> None:
    path = tmp_path / "no_jobs.csv"
    path.write_text(HEADER + "熊本テスト,A,半導体,計画中,130.8,32.8\n", encoding="utf-8")
    done = subprocess.run(
        [sys.executable, "-m", "chiiki_cli.main", "profile", "--region", "japan", "--sites", str(path)],
        capture_output=True,
        text=True,
        cwd=REPO,
        timeout=600,
    )
    assert done.returncode == 0, done.stderr
    assert "jobs disclosed unknown, estimated unknown" in done.stdout


def test_a_bug_is_said_as_one_and_its_traceback_saved(
    var: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    import chiiki_cli.sites_cmd as sites_cmd

    def bug(*args: object, **kwargs: object) -> None:
        raise KeyError("a bug")

    monkeypatch.setattr(sites_cmd, "plan_import", bug)
    path = tmp_path / "new.csv"
    path.write_text(HEADER + "熊本テスト,A,半導体,稼働中,130.8,32.8\n", encoding="utf-8")
    status, err = _run(["sites", "import", str(path), "--dry-run"], capsys)
    assert status == 2 and "内部エラー（不具合）で中止しました: KeyError: 'a bug'" in err
    saved = Path(err.split("the details are in ")[1].split(":")[0])
    assert "Traceback" in saved.read_text(encoding="utf-8") and "plan_import" not in err
    saved.unlink()


@pytest.mark.apptest
def test_the_app_says_what_is_wrong_and_never_shows_a_traceback(
    var: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    config = tomllib.loads((REPO / ".streamlit" / "config.toml").read_text(encoding="utf-8"))
    assert config["client"]["showErrorDetails"] == "none"  # a bug: Streamlit's notice, the traceback in the log
    monkeypatch.setenv("CHIIKI_MAP_STORE", str(tmp_path))  # a folder
    at = AppTest.from_file(str(REPO / "app.py"), default_timeout=180)
    at.run()
    assert not at.exception, at.exception
    errors = [e.value for e in at.error]
    assert any("はフォルダです" in e for e in errors), errors


def test_no_command_can_take_the_machines_memory(tmp_path: Path) -> None:
    """The command line caps its own memory (``CHIIKI_MAP_MAX_MEMORY_MB``, default half the machine's)."""
    code = (
        "import sys\n"
        "from chiiki_cli import layers_cmd, main\n"
        "layers_cmd.run = lambda args: len(bytearray(6 * 2**30))  # a command gone wild: 6 GB at once\n"
        "sys.exit(main.main(['layers']))\n"
    )
    env = {**os.environ, "CHIIKI_MAP_MAX_MEMORY_MB": "2048", "CHIIKI_MAP_VAR": str(tmp_path)}
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=REPO, env=env, timeout=300)
    assert done.returncode == 2, done.stderr
    assert "ran out of memory" in done.stderr and "Traceback" not in done.stderr

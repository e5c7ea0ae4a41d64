"""Issue 23 item 3: no command writes onto the site store, and none overwrites a file it did not write.

``sites export --format gpkg --out <the store file>`` replaced the store — every account and the audit
trail — and exited 0. Now the store (also through a symbolic or a hard link, also with ``--force``) and a
command's input are refused, and an existing file is overwritten only if chiiki-map wrote it (unchanged
since) or with ``--force`` (``geo.io.outputs``).
"""

from __future__ import annotations

import os
import sqlite3
from pathlib import Path

import pytest

from chiiki_cli import main as cli
from geo.errors import ParameterError
from geo.io.outputs import check_output
from geo.store import open_store
from tests.support.wording import raises_words

HEADER = "名称,計画類型,分野,状況,経度,緯度\n"


@pytest.fixture
def store(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A seeded GeoPackage store at ``tmp_path/var/sites.gpkg`` (the default place), with its run-time folder."""
    monkeypatch.setenv("CHIIKI_MAP_VAR", str(tmp_path / "var"))
    for name in ("CHIIKI_MAP_STORE", "DATABASE_URL"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.chdir(tmp_path)
    open_store().read()
    return tmp_path / "var" / "sites.gpkg"


def _tables(path: Path) -> set[str]:
    with sqlite3.connect(path) as con:
        return {r[0] for r in con.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}


@pytest.mark.parametrize("how", ["path", "relative", "symlink", "hardlink"])
def test_exporting_onto_the_store_is_refused_even_with_force(
    store: Path, how: str, capsys: pytest.CaptureFixture[str]
) -> None:
    before = (_tables(store), store.read_bytes())
    assert {"users", "audit", "activity", "sites"} <= before[0]
    target = {"path": store, "relative": Path("var/../var/sites.gpkg")}.get(how, store.with_name(f"{how}.gpkg"))
    if how == "symlink":
        target.symlink_to(store)
    elif how == "hardlink":
        os.link(store, target)
    for force in ([], ["--force"]):
        assert cli.main(["sites", "export", "--format", "gpkg", "--out", str(target), *force]) == 2
        err = capsys.readouterr().err
        assert "サイトストア" in err and "is the site store" in err and "Traceback" not in err
    assert (_tables(store), store.read_bytes()) == before


def test_a_file_the_app_did_not_write_needs_force(store: Path, capsys: pytest.CaptureFixture[str]) -> None:
    mine = Path("notes.csv")
    mine.write_text("a planner's own notes\n", encoding="utf-8")
    assert cli.main(["sites", "export", "--format", "csv", "--out", str(mine)]) == 2
    assert "--force" in capsys.readouterr().err
    assert mine.read_text(encoding="utf-8") == "a planner's own notes\n"
    assert cli.main(["sites", "export", "--format", "csv", "--out", str(mine), "--force"]) == 0
    assert "名称" in mine.read_text(encoding="utf-8-sig") or "name" in mine.read_text(encoding="utf-8-sig")


def test_an_export_of_the_app_may_be_written_again_until_someone_changes_it(store: Path) -> None:
    out = Path("sites.geojson")
    assert cli.main(["sites", "export", "--format", "geojson", "--out", str(out)]) == 0
    assert cli.main(["sites", "export", "--format", "geojson", "--out", str(out)]) == 0  # our own file
    out.write_text(out.read_text(encoding="utf-8") + " ", encoding="utf-8")  # edited by a person since
    assert cli.main(["sites", "export", "--format", "geojson", "--out", str(out)]) == 2


def test_the_rejected_rows_never_replace_the_input_or_the_store(
    store: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = Path("new.csv")
    path.write_text(HEADER + "熊本テスト,A,半導体,稼働中,999,999\n", encoding="utf-8")
    before = path.read_bytes()
    assert cli.main(["sites", "import", str(path), "--dry-run", "--rejected", str(path)]) == 2
    assert "読み込むファイルそのもの" in capsys.readouterr().err
    assert path.read_bytes() == before
    assert cli.main(["sites", "import", str(path), "--dry-run", "--rejected", str(store)]) == 2
    assert "users" in _tables(store)


def test_a_briefing_or_a_gap_table_cannot_replace_the_store(store: Path) -> None:
    link = store.with_name("store.html")
    link.symlink_to(store)
    assert cli.main(["export", "--region", "43", "--out", str(link), "--force"]) == 2
    assert cli.main(["gaps", "--region", "43", "--csv", str(store), "--force"]) == 2
    assert "users" in _tables(store)


def test_an_unwritable_folder_is_refused_before_the_work(store: Path) -> None:
    """``check_output`` (called before a briefing is built) already knows ``/proc`` takes no file."""
    with raises_words(ParameterError, "cannot write /proc/x.html"):
        check_output("/proc/x.html")
    made = store.parent / "new" / "folder" / "x.csv"  # missing folders are made by write_output: allowed
    assert check_output(made) == made and not made.parent.exists()

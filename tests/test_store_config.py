"""Misconfigured stores stop with a message (issue 23 item 10): never a new, empty store in its place."""

from __future__ import annotations

from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from chiiki_cli import main as cli
from tests.support import REPO

HEADER = "名称,計画類型,分野,状況,経度,緯度\n"


@pytest.fixture
def var(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("CHIIKI_MAP_VAR", str(tmp_path / "var"))
    (tmp_path / "var").mkdir()
    for name in ("CHIIKI_MAP_STORE", "DATABASE_URL", "CHIIKI_MAP_USER"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("CHIIKI_MAP_PASSWORD", "river stone lantern")
    return tmp_path / "var"


def _import(tmp_path: Path) -> list[str]:
    csv = tmp_path / "one.csv"
    csv.write_text(HEADER + "新工場,A,半導体,計画中,130.70,32.80\n", encoding="utf-8")
    return ["sites", "import", str(csv), "--user", "alice"]


def test_database_url_of_another_kind_stops(
    var: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("DATABASE_URL", "mysql://app:secret@db.example/chiiki")
    for argv in (["users", "list"], _import(tmp_path)):
        assert cli.main(argv) == 2
        err = capsys.readouterr().err
        assert "DATABASE_URL 'mysql://…' is not supported" in err and "unset DATABASE_URL" in err, err
        assert "「mysql://」には対応していません" in err and "secret" not in err
    assert not list(var.iterdir()), "no local GeoPackage made in its place"


def test_store_in_a_missing_folder_stops(
    var: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    missing = tmp_path / "typo" / "sites.gpkg"
    monkeypatch.setenv("CHIIKI_MAP_STORE", str(missing))
    for argv in (["users", "list"], _import(tmp_path)):
        assert cli.main(argv) == 2
        err = capsys.readouterr().err
        assert f"the folder {missing.parent} of CHIIKI_MAP_STORE does not exist" in err, err
        assert "wrong user name or password" not in err and "フォルダ" in err
    assert not missing.parent.exists(), "no folder and no fresh store made"


@pytest.mark.parametrize(
    ("name", "value", "said"),
    [
        ("DATABASE_URL", "mysql://app@db.example/chiiki", "「mysql://」には対応していません"),
        ("CHIIKI_MAP_STORE", "{tmp}/typo/sites.gpkg", "CHIIKI_MAP_STORE のフォルダ"),
    ],
)
@pytest.mark.apptest
def test_the_app_says_what_is_wrong(
    var: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, name: str, value: str, said: str
) -> None:
    monkeypatch.setenv(name, value.format(tmp=tmp_path))
    at = AppTest.from_file(str(REPO / "app.py"), default_timeout=180)
    at.run()
    assert not at.exception, at.exception
    shown = [e.value.replace("\\", "").replace("\u2060", "") for e in at.error]  # as text: Markdown escaped
    assert any(said in text for text in shown), shown
    assert not list(var.iterdir()) and not (tmp_path / "typo").exists()

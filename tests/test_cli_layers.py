"""``chiiki-map layers``, ``fetch-osm`` and ``load-osm`` through ``chiiki_cli.main.main``."""

from __future__ import annotations

import json
import time
from pathlib import Path

import pytest

from chiiki_cli import main as cli

FIXTURE = Path(__file__).parent / "fixtures" / "small.osm"
KEYS = {"id", "name_ja", "name_en", "count", "source", "licence", "date", "status", "completeness"}


@pytest.fixture(autouse=True)
def cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    path = tmp_path / "osm-cache"
    monkeypatch.setenv("CHIIKI_MAP_CACHE", str(path))
    return path


def _json(capsys: pytest.CaptureFixture[str], *argv: str) -> dict[str, dict]:
    assert cli.main(["layers", *argv, "--json"]) == 0
    rows = json.loads(capsys.readouterr().out)
    assert all(set(r) >= KEYS for r in rows)
    return {r["id"]: r for r in rows}


def test_layers_json_kyushu(capsys: pytest.CaptureFixture[str]) -> None:
    rows = _json(capsys, "--region", "kyushu")
    assert len(rows) == 13
    assert rows["roads"]["status"] == "loaded" and rows["roads"]["count"] > 1000
    assert rows["roads"]["licence"] == "ODbL 1.0"
    assert rows["expressway_ic"]["count"] > 100 and rows["airports"]["date"] == "2021"
    assert (
        rows["ports"]["status"] == "loaded" and rows["ports"]["count"] == 30
    )  # 28 in Kyushu + 下関, 六連島 (山口) off the coast
    assert isinstance(rows["substations"]["count"], int)
    completeness = {k: r["completeness"] for k, r in rows.items()}
    assert completeness == {
        "roads": "partial",  # the Kyushu box leaves out the Amami islands; preview shard west of 130°E
        "expressways": "complete",
        "expressway_ic": "complete",
        "railways": "partial",  # N02 main-line subset outside the box
        "stations": "partial",
        "industrial_water": "none",
        "substations": "partial",
        "power_lines": "partial",
        "power_plants": "partial",
        "ports": "partial",
        "airports": "complete",
        "industrial_land": "none",
        "schools": "none",
    }
    assert rows["stations"]["completeness_ja"] == "主要駅47のみ"
    assert rows["substations"]["completeness_ja"] == "2016年時点"
    assert rows["ports"]["completeness_en"] == "163 WPI ports only"


def test_layers_json_completeness_japan(capsys: pytest.CaptureFixture[str]) -> None:
    rows = _json(capsys, "--region", "japan")
    assert rows["roads"]["completeness"] == "partial" and "九州・道央のみ" in rows["roads"]["completeness_ja"]
    assert (
        rows["expressway_ic"]["completeness"] == "complete" and rows["expressway_ic"]["completeness_ja"] == "2023年時点"
    )
    assert rows["industrial_water"]["completeness"] == "none"
    assert _json(capsys)["roads"]["completeness"] == "partial"  # no region: all of Japan
    tohoku = _json(capsys, "--region", "tohoku")
    assert tohoku["roads"]["completeness"] == "none" and tohoku["railways"]["completeness"] == "partial"


def test_layers_table(capsys: pytest.CaptureFixture[str]) -> None:
    assert cli.main(["layers", "--region", "東北"]) == 0
    out = capsys.readouterr().out
    assert "東北 (tohoku)" in out
    road_line = next(line for line in out.splitlines() if line.startswith("roads "))
    assert "no_data" in road_line and "データ未読込" in road_line
    expressway_line = next(line for line in out.splitlines() if line.startswith("expressways "))
    assert "loaded" in expressway_line and "100%" in expressway_line and "CC BY-SA 3.0" in expressway_line
    assert "国土数値情報（高速道路時系列データ）（国土交通省）を加工して作成" in out


def test_unknown_region_exits_2(capsys: pytest.CaptureFixture[str]) -> None:
    assert cli.main(["layers", "--region", "atlantis"]) == 2
    assert "unknown region 'atlantis'" in capsys.readouterr().err
    assert cli.main(["fetch-osm", "--region", "atlantis"]) == 2
    assert cli.main(["load-osm", str(FIXTURE), "--region", "atlantis"]) == 2


def test_fetch_osm_offline_exits_2_fast(capsys: pytest.CaptureFixture[str]) -> None:
    started = time.monotonic()
    assert cli.main(["fetch-osm", "--region", "43", "--layers", "roads,industrial_land"]) == 2
    assert time.monotonic() - started < 15
    err = capsys.readouterr().err
    assert "unreachable" in err and "load-osm" in err and "Traceback" not in err


def test_load_osm_then_layers(capsys: pytest.CaptureFixture[str]) -> None:
    assert cli.main(["load-osm", str(FIXTURE), "--region", "熊本県", "--layers", "industrial_land", "ports"]) == 0
    out = capsys.readouterr().out
    assert "industrial_land" in out and "not written (no features)" in out
    rows = _json(capsys, "--region", "43")
    assert rows["industrial_land"]["status"] == "loaded" and rows["industrial_land"]["count"] == 1
    assert rows["industrial_land"]["source"] == "OpenStreetMap file small.osm"
    assert rows["ports"]["source"].startswith("NGA World Port Index")


def test_load_osm_errors(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert cli.main(["load-osm", str(tmp_path / "nope.osm.pbf"), "--region", "43"]) == 2
    assert "file not found" in capsys.readouterr().err
    assert cli.main(["load-osm", str(FIXTURE), "--region", "43", "--layers", "harbours"]) == 2
    assert "valid ids" in capsys.readouterr().err

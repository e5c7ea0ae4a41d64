"""``chiiki-map layers``, ``fetch-osm`` and ``load-osm`` through ``chiiki_cli.main.main``."""

from __future__ import annotations

import json
import time
from pathlib import Path

import pytest

from chiiki_cli import main as cli

FIXTURE = Path(__file__).parent / "fixtures" / "small.osm"
KEYS = {
    "id",
    "name_ja",
    "name_en",
    "count",
    "source",
    "licence",
    "date",
    "status",
    "completeness",
    "completeness_measure",
    "completeness_ja",
    "completeness_en",
}


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
    assert rows["expressway_ic"]["count"] > 100 and rows["airports"]["date"] == "2026-09-05 + 2021 + 2026-12-07"
    assert (
        rows["ports"]["status"] == "loaded" and rows["ports"]["count"] == 30
    )  # 28 in Kyushu + 下関, 六連島 (山口) off the coast
    assert isinstance(rows["substations"]["count"], int)
    completeness = {k: r["completeness"] for k, r in rows.items()}
    assert completeness == {
        "roads": "partial",  # measured: N06 ICs within 1 km of a road line, below 98 % west of 130°E
        "expressways": "complete",
        "expressway_ic": "partial",  # 東九州道 ICs in 鹿児島 are missing from the derived layer
        "railways": "partial",  # about half the N02-23 stations lie on a line of the layer
        "stations": "complete",  # the whole N02-23 register
        "industrial_water": "none",
        "substations": "partial",
        "power_lines": "partial",
        "power_plants": "partial",
        "ports": "partial",  # the reference itself (WPI) is a subset of the ports
        "airports": "complete",
        "industrial_land": "none",
        "schools": "none",
    }
    assert rows["substations"]["completeness_ja"] == "一部のみ（2016年時点）"
    assert rows["substations"]["completeness_measure"]["share"] is None
    assert rows["substations"]["completeness_measure"]["data_date"] == "2016"
    assert rows["substations"]["completeness_measure"]["reference"] == "OSM 2016"  # dated: nothing to count against
    rail = rows["railways"]["completeness_measure"]
    assert rail["reference"] == "N02-23" and rail["expected"] > 1000 and 0 < rail["found"] < rail["expected"]
    assert rail["share"] == round(rail["found"] / rail["expected"], 3) < 0.98
    assert rows["railways"]["completeness_ja"].startswith("一部のみ（駅の")
    assert "が路線上（N02-23基準）" in rows["railways"]["completeness_ja"]
    assert "of stations on a line (N02-23)" in rows["railways"]["completeness_en"]
    airports = rows["airports"]["completeness_measure"]
    assert airports["reference"] == "airportsdata" and airports["found"] == airports["expected"] >= 15
    for row in rows.values():  # every completeness comes with its measurement (none: nothing to measure)
        assert (row["completeness_measure"] is None) == (row["completeness"] == "none")


def test_layers_json_completeness_japan(capsys: pytest.CaptureFixture[str]) -> None:
    rows = _json(capsys, "--region", "japan")
    assert rows["roads"]["completeness"] == "partial" and "九州・道央のみ" in rows["roads"]["completeness_ja"]
    stations = rows["stations"]
    assert stations["completeness"] == "complete" and stations["count"] >= 9000
    assert stations["completeness_measure"]["expected"] == 9059
    airports = rows["airports"]
    assert airports["completeness"] == "complete" and airports["count"] >= 90
    assert airports["completeness_measure"]["expected"] == 96
    assert rows["expressway_ic"]["completeness"] == "complete"  # 98.7 % of the N06 joints nation-wide
    assert "公式台帳（N06）" in rows["expressway_ic"]["completeness_ja"]
    assert rows["industrial_water"]["completeness"] == "none"
    assert _json(capsys)["roads"]["completeness"] == "partial"  # no region: all of Japan
    tohoku = _json(capsys, "--region", "tohoku")
    assert tohoku["roads"]["completeness"] == "none" and tohoku["railways"]["completeness"] == "partial"
    assert tohoku["roads"]["message"] == "データ未読込 — OSMから取得するかファイルを読み込んでください"
    assert tohoku["roads"]["message_en"] == "no data loaded — fetch from OSM or import a file"


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

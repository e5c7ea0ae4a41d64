"""``chiiki-map locate`` through ``chiiki_cli.main.main`` and once through the installed script."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from chiiki_cli import main as cli

JSON_KEYS = ["pref_code", "pref_name_ja", "pref_name_en", "muni_code", "muni_name_ja", "block"]
SCRIPT = Path(sys.executable).with_name("chiiki-map")


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    status = cli.main(["locate", *argv])
    out, err = capsys.readouterr()
    return status, out, err


def test_human_output(capsys: pytest.CaptureFixture[str]) -> None:
    status, out, err = run(capsys, "130.84", "32.88")
    assert status == 0 and err == ""
    assert out.strip() == "熊本県 (43 Kumamoto) / 菊陽町 (43404) / 九州 (kyushu)"


def test_json_output(capsys: pytest.CaptureFixture[str]) -> None:
    status, out, _ = run(capsys, "--json", "139.6917", "35.6895")
    assert status == 0
    assert "東京都" in out  # ensure_ascii=False: Japanese is not \u-escaped
    data = json.loads(out)
    assert list(data) == JSON_KEYS
    assert data == {
        "pref_code": "13",
        "pref_name_ja": "東京都",
        "pref_name_en": "Tokyo",
        "muni_code": "13104",
        "muni_name_ja": "新宿区",
        "block": "kanto",
    }


def test_json_flag_after_coordinates(capsys: pytest.CaptureFixture[str]) -> None:
    status, out, _ = run(capsys, "141.69", "42.80", "--json")
    assert status == 0 and json.loads(out)["muni_code"] == "01224"


def test_coastal_point_and_strict_tolerance(capsys: pytest.CaptureFixture[str]) -> None:
    status, out, _ = run(capsys, "141.63", "42.63")
    assert status == 0 and "苫小牧市 (01213)" in out
    status, out, err = run(capsys, "--tolerance-m", "0", "141.63", "42.63")
    assert status == 2 and out == "" and "outside Japan" in err


@pytest.mark.parametrize(
    "argv", [["0", "0"], ["126.98", "37.57"], ["-70", "40"], ["--", "-70", "40"], ["--", "-70.5", "-40.25"]]
)
def test_outside_japan_exits_2(capsys: pytest.CaptureFixture[str], argv: list[str]) -> None:
    status, out, err = run(capsys, *argv)
    assert status == 2 and out == ""
    assert "outside Japan" in err and "longitude first, then latitude" in err
    assert err.startswith("chiiki-map: error: 地点（経度 ") and " / point (lon " in err
    lon = float([a for a in argv if a != "--"][0])
    assert f"lon {lon}" in err  # the negative number was parsed as a coordinate, not an option


def test_swapped_coordinates_hint(capsys: pytest.CaptureFixture[str]) -> None:
    status, _, err = run(capsys, "32.88", "130.84")
    assert status == 2
    assert "latitude within -90..90" in err and "did you swap them?" in err and "熊本県" in err


def test_non_finite_input(capsys: pytest.CaptureFixture[str]) -> None:
    status, _, err = run(capsys, "nan", "35")
    assert status == 2 and "finite numbers" in err


def test_non_number_is_an_argparse_error(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exc:
        cli.main(["locate", "east", "35"])
    assert exc.value.code == 2
    assert "invalid float value: 'east'" in capsys.readouterr().err


@pytest.mark.skipif(not SCRIPT.exists(), reason=f"console script {SCRIPT} not installed (pip install -e .)")
def test_installed_console_script() -> None:
    ok = subprocess.run(
        [str(SCRIPT), "locate", "--json", "130.84", "32.88"], capture_output=True, text=True, timeout=60
    )
    assert ok.returncode == 0, ok.stderr
    assert list(json.loads(ok.stdout)) == JSON_KEYS
    assert json.loads(ok.stdout)["muni_code"] == "43404"
    bad = subprocess.run([str(SCRIPT), "locate", "--", "-70", "40"], capture_output=True, text=True, timeout=60)
    assert bad.returncode == 2 and bad.stdout == ""
    assert "outside Japan" in bad.stderr

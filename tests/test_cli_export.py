"""``chiiki-map export``: file written, size report per part, budget warning, user errors exit 2."""

from __future__ import annotations

import html
import re
from pathlib import Path

import pytest

from chiiki_cli import main as cli


@pytest.fixture()
def sites_csv(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, fixed_sites) -> Path:
    monkeypatch.setenv("CHIIKI_MAP_VAR", str(tmp_path / "var"))
    monkeypatch.delenv("CHIIKI_MAP_STORE", raising=False)
    monkeypatch.setenv("CHIIKI_MAP_CACHE", str(tmp_path / "osm-cache"))
    path = tmp_path / "sites.csv"
    sites = fixed_sites
    sites.drop(columns="geometry").to_csv(path, index=False)
    return path


def test_export_writes_briefing_and_reports_sizes(
    sites_csv: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str], xss
) -> None:
    out = tmp_path / "out" / "kumamoto.html"
    status = cli.main(
        [
            "export",
            "--region",
            "熊本県",
            "--sites",
            str(sites_csv),
            "--field",
            "ai_semiconductor",
            "--layers",
            "expressways",
            "airports",
            "industrial_water",
            "--out",
            str(out),
            "--no-analyses",
        ]
    )
    captured = capsys.readouterr()
    assert status == 0, captured.err
    page = out.read_text(encoding="utf-8")
    assert html.escape(xss) in page and xss not in page
    assert "AI・半導体" in page, "the field filter is stated in the header"
    report = dict(re.findall(r"^  (\S+)\s+([\d,.]+) kB$", captured.out, re.M))
    assert {"leaflet", "sites", "prefectures", "blocks", "layer:expressways", "layer:airports", "total"} <= set(report)
    assert "layer:industrial_water" not in report and "no data in 43 for: industrial_water" in captured.out
    total_kb = float(report["total"].replace(",", ""))
    assert total_kb == pytest.approx(out.stat().st_size / 1000, abs=0.1)
    assert "warning" not in captured.err


def test_over_budget_warns(sites_csv: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "k.html"
    status = cli.main(
        [
            "export",
            "--region",
            "43",
            "--sites",
            str(sites_csv),
            "--layers",
            "expressways",
            "--out",
            str(out),
            "--budget-kb",
            "50",
            "--no-analyses",
        ]
    )
    captured = capsys.readouterr()
    assert status == 0 and out.exists()
    assert "warning" in captured.err and "over the budget of 50 kB" in captured.err


@pytest.mark.parametrize(
    "argv, message",
    [
        (["--region", "atlantis"], "unknown region"),
        (["--region", "kyushu", "--layers", "teleporters"], "unknown layer"),
    ],
)
def test_bad_input_exits_2(
    sites_csv: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str], argv: list[str], message: str
) -> None:
    out = tmp_path / "x.html"
    assert cli.main(["export", *argv, "--sites", str(sites_csv), "--out", str(out)]) == 2
    assert message in capsys.readouterr().err
    assert not out.exists()

"""chiiki_cli.main: which errors become a one-line message and exit 2, and which stay bugs."""

from __future__ import annotations

import argparse

import pytest

from chiiki_cli import layers_cmd
from chiiki_cli import main as cli_main
from chiiki_cli.errors import EXIT_ERROR, EXIT_PARTIAL, CliError
from geo.errors import InputFileError, RegionError


def _run_with(monkeypatch: pytest.MonkeyPatch, exc: BaseException) -> int:
    """Run ``chiiki-map layers`` with its command replaced by one that raises ``exc``."""

    def boom(args: argparse.Namespace) -> int:
        raise exc

    monkeypatch.setattr(layers_cmd, "run", boom)  # registered when the parser is built
    return cli_main.main(["layers"])


def test_cli_error_keeps_its_status(monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    assert _run_with(monkeypatch, CliError("partly imported", status=EXIT_PARTIAL)) == EXIT_PARTIAL
    assert capsys.readouterr().err == "chiiki-map: error: partly imported\n"


@pytest.mark.parametrize("exc", [RegionError("unknown region 'x'"), InputFileError("a.csv: not readable")])
def test_deliberate_geo_errors_exit_2_without_traceback(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], exc: Exception
) -> None:
    assert _run_with(monkeypatch, exc) == EXIT_ERROR
    assert capsys.readouterr().err == f"chiiki-map: error: {exc}\n"


def test_other_errors_are_bugs_and_are_not_swallowed(monkeypatch: pytest.MonkeyPatch) -> None:
    with pytest.raises(ValueError, match="a bug"):
        _run_with(monkeypatch, ValueError("a bug"))

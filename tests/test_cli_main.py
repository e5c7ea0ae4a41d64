"""chiiki_cli.main: every error becomes a one-line message and exit 2; a bug is said as one (traceback saved)."""

from __future__ import annotations

import argparse
import importlib
import subprocess
import sys
from pathlib import Path

import pytest

from chiiki_cli import layers_cmd
from chiiki_cli import main as cli_main
from chiiki_cli.errors import EXIT_ERROR, EXIT_PARTIAL, CliError
from geo.errors import InputFileError, RegionError

REPO = Path(__file__).resolve().parent.parent


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


def test_other_errors_are_bugs_said_as_such_and_kept_for_the_developers(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """A bug is not swallowed: said as one (no traceback for the user, issue 23), its traceback in a file."""
    monkeypatch.delenv("CHIIKI_MAP_DEBUG", raising=False)
    assert _run_with(monkeypatch, ValueError("a bug")) == EXIT_ERROR
    err = capsys.readouterr().err
    assert "internal error (a bug): ValueError: a bug" in err and "Traceback" not in err
    saved = Path(err.split("the details are in ")[1].split(":")[0])
    assert "ValueError: a bug" in saved.read_text(encoding="utf-8")
    saved.unlink()
    monkeypatch.setenv("CHIIKI_MAP_DEBUG", "1")  # a developer sees the traceback itself
    with pytest.raises(ValueError, match="a bug"):
        _run_with(monkeypatch, ValueError("a bug"))


def test_command_table_matches_what_the_modules_register() -> None:
    """The names and help read from the sources are exactly what importing the modules registers."""
    table = cli_main.commands()
    real = argparse.ArgumentParser().add_subparsers()
    for module in sorted({m for m, _help in table.values()}):
        importlib.import_module(module).register(real)
    helps = {a.dest: a.help for a in real._choices_actions}
    assert set(table) == set(real.choices) and len(table) >= 12
    assert {name: h for name, (_m, h) in table.items()} == helps


def test_help_imports_nothing_heavy() -> None:
    """``chiiki-map --help`` answers without geopandas, folium, networkx, psycopg or argon2."""
    code = (
        "import sys, contextlib, io\n"
        "from chiiki_cli.main import main\n"
        "with contextlib.suppress(SystemExit), contextlib.redirect_stdout(io.StringIO()):\n"
        "    main(['--help'])\n"
        "heavy = ['geopandas', 'pandas', 'folium', 'networkx', 'psycopg', 'argon2', 'osmnx']\n"
        "print(','.join(m for m in heavy if m in sys.modules))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=REPO)
    assert out.stdout.strip() == ""
